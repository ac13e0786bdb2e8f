package id.aglis.hub.platform;

import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Lock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one verticle on exactly one node of the cluster at a time, with failover.
 *
 * <p>Every node calls {@link #start}; each keeps asking for the cluster-wide lock {@code singleton.<name>}.
 * The holder deploys the verticle and keeps the lock for as long as it runs. Hazelcast releases the locks of
 * a member that leaves or dies, so a waiting node then acquires it and deploys its own copy. On a graceful
 * {@link #stop()} the holder undeploys first and releases the lock at once.
 *
 * <p>Schedulers and evaluators (SLA escalation, alert evaluation, queue reconcilers) are deployed this way.
 */
public final class ClusterSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterSingleton.class);

  private final Vertx vertx;
  private final String name;
  private final Supplier<? extends Deployable> verticle;
  private final long waitMs;
  private final Promise<Void> firstActive = Promise.promise();
  private volatile boolean running = true;
  private Lock lock;
  private String deploymentId;

  private ClusterSingleton(Vertx vertx, String name, Supplier<? extends Deployable> verticle, long waitMs) {
    this.vertx = vertx;
    this.name = name;
    this.verticle = verticle;
    this.waitMs = waitMs;
  }

  /**
   * Begins competing for the singleton. The returned object is live at once; {@link #isActive()} tells
   * whether this node holds it now.
   *
   * @param waitMs how long one lock request waits before it is asked again (bounds the failover delay)
   */
  public static ClusterSingleton start(Vertx vertx, String name, Supplier<? extends Deployable> verticle, long waitMs) {
    ClusterSingleton singleton = new ClusterSingleton(vertx, name, verticle, waitMs);
    singleton.compete();
    return singleton;
  }

  public synchronized boolean isActive() {
    return deploymentId != null;
  }

  /** Completes the first time this node holds the singleton (its verticle deployed); never fails. */
  public Future<Void> whenActive() {
    return firstActive.future();
  }

  public String name() {
    return name;
  }

  /** Undeploys the verticle if this node holds it, releases the lock, and stops competing. */
  public Future<Void> stop() {
    running = false;
    return handBack();
  }

  private void compete() {
    if (!running) {
      return;
    }
    vertx.sharedData().getLockWithTimeout("singleton." + name, waitMs)
        .compose(this::deployWhileHolding)
        .onFailure(notYet -> {
          if (running) {
            vertx.setTimer(50, t -> compete());
          }
        });
  }

  private Future<Void> deployWhileHolding(Lock acquired) {
    synchronized (this) {
      if (!running) {
        acquired.release();
        return Future.succeededFuture();
      }
      lock = acquired;
    }
    return vertx.deployVerticle(verticle.get())
        .onSuccess(id -> {
          synchronized (this) {
            deploymentId = id;
          }
          LOG.info("This node now runs the cluster singleton '{}'", name);
          firstActive.tryComplete();
          if (!running) {
            handBack();
          }
        })
        .recover(err -> {
          LOG.error("Cluster singleton '{}' failed to deploy; handing it back", name, err);
          releaseLock();
          if (running) {
            vertx.setTimer(1_000, t -> compete());
          }
          return Future.succeededFuture();
        })
        .mapEmpty();
  }

  private Future<Void> handBack() {
    String id;
    synchronized (this) {
      id = deploymentId;
      deploymentId = null;
    }
    Future<Void> undeployed = id == null ? Future.succeededFuture() : vertx.undeploy(id);
    Promise<Void> done = Promise.promise();
    undeployed.onComplete(r -> {
      releaseLock();
      done.complete();
    });
    return done.future();
  }

  private synchronized void releaseLock() {
    if (lock != null) {
      lock.release();
      lock = null;
    }
  }
}
