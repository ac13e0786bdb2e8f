package id.aglis.hub.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** Assertions on the hub's one JSON error shape, {@code {"error":{"code","message","field"?}}}. */
public final class ApiErrors {

  private ApiErrors() {
  }

  /** The answer is {@code status} with error {@code code}, naming {@code field} when it is not null. */
  public static void assertError(HttpResponse<Buffer> response, int status, String code, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
    assertThat(error.getString("code")).as(response.bodyAsString()).isEqualTo(code);
    if (field != null) {
      assertThat(error.getString("field")).as(response.bodyAsString()).isEqualTo(field);
    }
  }
}
