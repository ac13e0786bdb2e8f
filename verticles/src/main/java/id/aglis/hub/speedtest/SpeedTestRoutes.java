package id.aglis.hub.speedtest;

import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.BrowserSession;
import id.aglis.hub.web.Cursor;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * The speed test under {@code /speedtest} (customer sessions only): ping, download and upload against this node,
 * budgeted per customer in Redis and limited per node ({@link SpeedTestBudget}, {@link Transfers}); results saved with
 * the plan they are compared with; the customer's own history. Staff read a customer's history at
 * {@code /customers/{id}/speedtests}. Reads are scoped to the signed-in customer in SQL, so there is no id by which one
 * customer could reach another's results.
 */
final class SpeedTestRoutes {

  static final String UPLOAD_PATH = "/api/v1/speedtest/upload";
  private static final Set<String> RESULT_FIELDS = Set.of("latencyMs", "jitterMs", "downloadMbps", "uploadMbps");
  /** A minute of latency, 100 Gbps: beyond either, the browser measured nothing real. */
  private static final double MAX_MS = 60_000;
  private static final double MAX_MBPS = 100_000;

  private final SpeedTestRepository repository;
  private final SpeedTestBudget budget;
  private final Transfers transfers;
  private final Clock clock;

  SpeedTestRoutes(SpeedTestRepository repository, SpeedTestBudget budget, Transfers transfers, Clock clock) {
    this.repository = repository;
    this.budget = budget;
    this.transfers = transfers;
    this.clock = clock;
  }

  void mount(Router api) {
    var customer = Access.customer();
    api.get("/speedtest/ping").handler(customer).handler(this::ping);
    api.get("/speedtest/download").handler(customer).handler(this::download);
    api.post("/speedtest/upload").handler(customer).handler(this::upload);
    api.post("/speedtest/results").handler(customer).handler(this::save);
    api.get("/speedtest/results").handler(customer).handler(this::history);
    api.get("/customers/:id/speedtests").handler(Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.CS, Role.NOC))
        .handler(this::historyOfCustomer);
  }

  private static long me(RoutingContext ctx) {
    return Access.principal(ctx).id();
  }

  private void ping(RoutingContext ctx) {
    budget.ping(me(ctx)).onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }

  /** Checked in this order so that a refused request spends nothing: the size, a slot of the node, then the run. */
  private void download(RoutingContext ctx) {
    ctx.put(Requests.UNTIMED, true);
    long bytes = downloadSize(ctx);
    transfers.slot(ctx)
        .compose(v -> budget.run(me(ctx)))
        .onSuccess(v -> BrowserSession.thenSend(ctx, () -> Transfers.download(ctx, bytes)))
        .onFailure(ctx::fail);
  }

  private static long downloadSize(RoutingContext ctx) {
    String raw = Requests.query(ctx, "bytes");
    if (raw == null) {
      return Transfers.DEFAULT_DOWNLOAD_BYTES;
    }
    try {
      long bytes = Long.parseLong(raw);
      if (bytes >= 1 && bytes <= Transfers.MAX_BYTES) {
        return bytes;
      }
    } catch (NumberFormatException ignored) {
      // falls through
    }
    throw ApiError.invalidField("bytes", "'bytes' must be a whole number from 1 to " + Transfers.MAX_BYTES + ".");
  }

  /**
   * The body is declared a large-body path, so the edge held it unread: a declared length over the limit is refused
   * before a byte is read; a body of unknown length is budgeted as the largest allowed and cut off there.
   */
  private void upload(RoutingContext ctx) {
    ctx.put(Requests.UNTIMED, true);
    long declared = declaredLength(ctx);
    if (declared > Transfers.MAX_BYTES) {
      ctx.fail(Transfers.tooLarge());
      return;
    }
    transfers.slot(ctx)
        // Unknown length: charged the most; an empty or tiny one at least a slice, so uploads cannot be free.
        .compose(v -> budget.upload(me(ctx), declared < 0 ? Transfers.MAX_BYTES : Math.max(declared, MIN_UPLOAD_CHARGE)))
        .compose(v -> Transfers.upload(ctx))
        .onSuccess(up -> Responses.ok(ctx, new JsonObject().put("bytes", up.bytes()).put("millis", up.millis())))
        .onFailure(ctx::fail);
  }

  /** The Content-Length, or -1 when the body is chunked; a length that is not a number is a 400. */
  private static final long MIN_UPLOAD_CHARGE = 64 * 1024;

  private static long declaredLength(RoutingContext ctx) {
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null) {
      return -1;
    }
    try {
      return Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("invalid_length", "Content-Length is not a number.");
    }
  }

  private void save(RoutingContext ctx) {
    SpeedTestRepository.Measurement measured = measurement(Bodies.object(ctx));
    budget.result(me(ctx))
        .compose(v -> repository.insert(me(ctx), OffsetDateTime.now(clock), measured))
        .compose(saved -> saved.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(ApiError.notFound("The customer"))))
        .onSuccess(saved -> Responses.json(ctx, 201, saved.toJson()))
        .onFailure(ctx::fail);
  }

  static SpeedTestRepository.Measurement measurement(JsonObject body) {
    Fields.onlyKnown(body, RESULT_FIELDS);
    return new SpeedTestRepository.Measurement(required(body, "latencyMs", MAX_MS), required(body, "jitterMs", MAX_MS),
        required(body, "downloadMbps", MAX_MBPS), required(body, "uploadMbps", MAX_MBPS));
  }

  private static double required(JsonObject body, String field, double max) {
    Double value = Fields.optionalNumber(body, field, 0, max);
    if (value == null || value.isInfinite()) {
      throw ApiError.invalidField(field, "'" + field + "' is required: a number from 0 to " + (long) max + ".");
    }
    return value;
  }

  private void history(RoutingContext ctx) {
    page(ctx, me(ctx));
  }

  private void historyOfCustomer(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Customer");
    repository.customerExists(id)
        .onSuccess(exists -> {
          if (exists) {
            page(ctx, id);
          } else {
            ctx.fail(ApiError.notFound("Customer"));
          }
        })
        .onFailure(ctx::fail);
  }

  private void page(RoutingContext ctx, long customerId) {
    long before = Cursor.decode(Requests.query(ctx, "cursor"));
    int limit = Cursor.limit(Requests.query(ctx, "limit"));
    repository.page(customerId, before, limit + 1)
        .onSuccess(rows -> Responses.page(ctx, rows, limit, SpeedTestResult::id, SpeedTestResult::toJson))
        .onFailure(ctx::fail);
  }
}
