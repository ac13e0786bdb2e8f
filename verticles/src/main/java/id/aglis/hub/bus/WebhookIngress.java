package id.aglis.hub.bus;

/**
 * The webhook ingress of this hub, as the webhook feature set it up: the secret part of the URLs Fonnte
 * calls. The sandbox gateway posts its receipts there, as Fonnte would.
 */
public interface WebhookIngress {

  /** The hub-wide secret in {@code /hooks/fonnte/{secret}/…}. */
  String secret();
}
