package id.aglis.hub.ticket;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The cluster's one SLA escalation (a singleton): a pass every {@code escalateSeconds}, one at a time. */
final class EscalationVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(EscalationVerticle.class);

  private final Escalations escalations;
  private final long intervalMs;
  private long timer = -1;
  private boolean stopped;

  EscalationVerticle(Escalations escalations, long intervalMs) {
    this.escalations = escalations;
    this.intervalMs = intervalMs;
  }

  @Override
  public Future<?> start() {
    pass();
    return Future.succeededFuture();
  }

  private void pass() {
    escalations.run()
        .onFailure(e -> LOG.warn("An SLA escalation pass failed; the next one tries again: {}", e.getMessage()))
        .onComplete(done -> {
          if (!stopped) {
            timer = vertx.setTimer(intervalMs, id -> pass());
          }
        });
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }
}
