package id.aglis.hub.dispatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gateway as the node runs it for the sandbox device, and its extension point (the protocol: FakeFonnteTest). */
@ExtendWith(VertxExtension.class)
class SandboxGatewayTest {

  private static final String DEVICE = "6281100000009";
  private static final String TOKEN = "tok-sandbox";

  private SandboxGateway gateway;
  private WebClient client;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    gateway = new SandboxGateway(vertx).device(DEVICE, TOKEN, 10);
    gateway.start().await(10, TimeUnit.SECONDS);
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    gateway.stop().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("with no policy it answers as Fonnte, and tells onAccepted each target with the id the client got")
  void acceptsAsFonnte() throws Exception {
    List<SandboxGateway.Accepted> accepted = new CopyOnWriteArrayList<>();
    gateway.onAccepted(accepted::add);

    JsonObject reply = send("6281200000001,081200000002");

    assertThat(reply.getBoolean("status")).isTrue();
    List<String> ids = reply.getJsonArray("id").stream().map(String::valueOf).toList();
    assertThat(accepted).containsExactly(new SandboxGateway.Accepted(DEVICE, ids.get(0), "6281200000001"),
        new SandboxGateway.Accepted(DEVICE, ids.get(1), "6281200000002"));
  }

  @Test
  @DisplayName("a policy that refuses takes no quota and hands out no ids; arrivals see what it decided")
  void policyDecides() throws Exception {
    List<SandboxGateway.Arrival> arrivals = new CopyOnWriteArrayList<>();
    gateway.onArrival(arrivals::add)
        .answerWith((request, fonnte) -> request.recipients().contains("6281999999999") ? fonnte.refuse("target invalid") : fonnte.accept());

    JsonObject refused = send("6281999999999");
    JsonObject accepted = send("6281200000001");

    assertThat(refused.getString("reason")).isEqualTo("target invalid");
    assertThat(accepted.getJsonObject("quota").getJsonObject(DEVICE).getLong("remaining")).isEqualTo(9);
    assertThat(arrivals).extracting(SandboxGateway.Arrival::device).containsExactly(DEVICE, DEVICE);
    assertThat(arrivals.get(0).providerIds()).isEmpty();
    assertThat(arrivals.get(1).providerIds()).hasSize(1);
  }

  private JsonObject send(String target) throws Exception {
    return client.post(gateway.port(), "127.0.0.1", "/send").putHeader("Authorization", TOKEN)
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("target", target).add("message", "halo"))
        .await(10, TimeUnit.SECONDS).bodyAsJsonObject();
  }
}
