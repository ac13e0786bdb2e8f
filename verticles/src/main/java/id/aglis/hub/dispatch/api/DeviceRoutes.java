package id.aglis.hub.dispatch.api;

import id.aglis.hub.dispatch.Devices;
import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /wa/devices}, {@code POST /wa/devices/{device}/pause|resume}. */
public final class DeviceRoutes {

  private final Devices devices;

  public DeviceRoutes(Devices devices) {
    this.devices = devices;
  }

  public void mount(Router api) {
    var operators = Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.NOC);
    api.get("/wa/devices").handler(operators).handler(this::list);
    api.post("/wa/devices/:device/pause").handler(operators).handler(this::pause);
    api.post("/wa/devices/:device/resume").handler(operators).handler(this::resume);
  }

  private void list(RoutingContext ctx) {
    devices.list().onSuccess(list -> Responses.ok(ctx, new JsonObject().put("items", list))).onFailure(ctx::fail);
  }

  private void pause(RoutingContext ctx) {
    String device = known(ctx);
    JsonObject body = ctx.body() != null && ctx.body().buffer() != null && ctx.body().buffer().length() > 0
        ? id.aglis.hub.web.Bodies.object(ctx) : new JsonObject();
    String reason = Fields.optionalString(body, "reason", 200);
    devices.pause(device, reason == null ? "paused by " + MessageRoutes.requester(ctx) : reason)
        .compose(v -> devices.list())
        .onSuccess(list -> Responses.ok(ctx, find(list, device)))
        .onFailure(ctx::fail);
  }

  private void resume(RoutingContext ctx) {
    String device = known(ctx);
    devices.resume(device)
        .compose(v -> devices.list())
        .onSuccess(list -> Responses.ok(ctx, find(list, device)))
        .onFailure(ctx::fail);
  }

  private String known(RoutingContext ctx) {
    String device = ctx.pathParam("device");
    if (!devices.isConfigured(device)) {
      throw ApiError.notFound("Device " + device);
    }
    return device;
  }

  private static JsonObject find(io.vertx.core.json.JsonArray list, String device) {
    return list.stream().map(JsonObject.class::cast).filter(d -> device.equals(d.getString("device"))).findFirst().orElseThrow();
  }
}
