package id.aglis.hub.bus;

import java.util.Map;
import java.util.Set;

/**
 * The WhatsApp devices this hub sends through, as the dispatch feature configured them: their numbers, and
 * each device's own webhook secret where it has one. Provided by dispatch for the webhook ingress, which
 * takes callbacks only for these devices.
 */
public record WaDevices(Set<String> numbers, Map<String, String> webhookSecrets) {

  public WaDevices {
    numbers = Set.copyOf(numbers);
    webhookSecrets = Map.copyOf(webhookSecrets);
  }

  @Override
  public String toString() {
    return "WaDevices[numbers=" + numbers + ", webhookSecrets=" + webhookSecrets.keySet() + "]";
  }
}
