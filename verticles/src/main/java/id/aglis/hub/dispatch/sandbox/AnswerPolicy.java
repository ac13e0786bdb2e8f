package id.aglis.hub.dispatch.sandbox;

import io.vertx.core.json.JsonObject;
import java.util.function.UnaryOperator;

/**
 * How {@link SandboxGateway} answers a /send request. The sandbox answers {@link #AS_FONNTE}; a test or benchmark
 * plugs in its own to play a gateway on a bad day (refusals, errors, silence, slow replies), building on the
 * gateway's own answers so that quota, ids and request ids stay the gateway's.
 */
@FunctionalInterface
public interface AnswerPolicy {

  /** What Fonnte does with every request. */
  AnswerPolicy AS_FONNTE = (request, gateway) -> gateway.accept();

  /** Called on the gateway's event loop as each request arrives, before anything is written. */
  GatewayAnswer answer(SendRequest request, FonnteAnswers gateway);

  /** The answers the gateway itself gives to the request at hand. */
  interface FonnteAnswers {

    /**
     * Fonnte's checks in the order its replies suggest (token, JSON, target, quota), each refused with HTTP 200
     * and its reason; then quota is taken, ids are handed out and the acceptance is answered.
     */
    default GatewayAnswer accept() {
      return accept(UnaryOperator.identity());
    }

    /**
     * Like {@link #accept()}, with the acceptance's JSON passed through {@code shape} before it is written (Fonnte
     * has been seen to answer in more than one shape); a refusal is not shaped.
     */
    GatewayAnswer accept(UnaryOperator<JsonObject> shape);

    /** HTTP 200 with {@code status:false}, this reason and a request id, as Fonnte refuses. */
    GatewayAnswer refuse(String reason);
  }
}
