package id.aglis.hub.bench;

import id.aglis.hub.common.Times;
import io.netty.buffer.Unpooled;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fan-out benchmark's yardstick (the "bare Vert.x WebSocket broadcast server"; the hub writes below
 * Vert.x's WebSocket API, so it is not a hard ceiling): a plain Vert.x WebSocket server that does only what the
 * bridge must at the least. It speaks the same frames at the same path (a {@code register} on {@code ui.wa} answered with
 * {@code registered}, pings ignored), and every {@code --interval-ms} (500, as often as a hub node may publish a
 * stream) it builds one frame like a hub's ({@code data} and {@code totals} copied from a frame the hub sent,
 * so the same size; a fresh {@code seq} and {@code at}), encodes it once, and writes it to every registered
 * socket. One verticle per core, each with its own sockets, as the hub runs one HTTP verticle per core; one timer
 * for all of them, so that each frame goes to every socket at once, as a hub's does (with a timer each, the
 * verticles' bursts fell apart in time and each frame reached only their share of the sockets).
 *
 * <p>Usage: FanOutBareServer --port P [--frame FILE (a frame as the hub sent it)] [--interval-ms 500]
 */
public final class FanOutBareServer {

  private FanOutBareServer() {
  }

  public static void main(String[] args) throws Exception {
    int port = 0;
    Path sample = null;
    long intervalMs = 500;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--frame" -> sample = Path.of(args[i + 1]);
        case "--interval-ms" -> intervalMs = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    JsonObject body = sample == null || !Files.exists(sample) ? placeholderBody() : new JsonObject(Files.readString(sample)).getJsonObject("body");
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    int listenPort = port;
    long interval = intervalMs;
    int instances = Runtime.getRuntime().availableProcessors();
    List<Broadcaster> broadcasters = new CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> {
      Broadcaster broadcaster = new Broadcaster(listenPort);
      broadcasters.add(broadcaster);
      return broadcaster;
    }, new DeploymentOptions().setInstances(instances)).await();
    String epoch = Long.toHexString(Double.doubleToLongBits(Math.random()));
    AtomicLong seq = new AtomicLong();
    vertx.setPeriodic(interval, id -> {
      // Off the heap, as the hub's FanOut does: the epoll transport would copy a heap buffer once per socket.
      Buffer frame = offHeap(frame(epoch, seq.incrementAndGet(), body.getJsonObject("data"), body.getJsonObject("totals")));
      broadcasters.forEach(broadcaster -> broadcaster.broadcast(frame));
    });
    System.out.printf("bare WebSocket server on 127.0.0.1:%d, pid %d, %d verticles, a frame of %d bytes every %d ms%n", port,
        ProcessHandle.current().pid(), instances, frame("x", 1, body.getJsonObject("data"), body.getJsonObject("totals")).length(), interval);
  }

  /** Without a hub's frame: a feed of five messages, about the size a hub sends at 10 messages a second. */
  private static JsonObject placeholderBody() {
    JsonArray feed = new JsonArray();
    for (int i = 0; i < 5; i++) {
      feed.add(new JsonObject().put("kind", "message").put("id", UUID.randomUUID().toString()).put("status", "scheduled")
          .put("to", "62812" + (10_000_000 + i)).put("priority", "normal").put("device", null).put("batchId", null).put("attempts", 0)
          .put("lastError", null).put("at", Times.now()));
    }
    return new JsonObject().put("data", new JsonObject().put("counts", new JsonObject().put("scheduled", 5)).put("feed", feed)
        .put("skipped", 0).put("batches", new JsonArray()).put("devices", false)
        .put("queue", new JsonObject().put("urgent", 0).put("high", 0).put("normal", 0).put("low", 0)))
        .put("totals", new JsonObject().put("scheduled", 1000));
  }

  private static Buffer offHeap(Buffer heap) {
    ByteBuffer direct = ByteBuffer.allocateDirect(heap.length());
    direct.put(heap.getBytes()).flip();
    return BufferInternal.buffer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct)));
  }

  static Buffer frame(String epoch, long seq, JsonObject data, JsonObject totals) {
    JsonObject body = new JsonObject().put("stream", "ui.wa").put("epoch", epoch).put("seq", seq)
        .put("at", Times.withOffset(OffsetDateTime.now(ZoneOffset.UTC))).put("data", data).put("totals", totals);
    return new JsonObject().put("type", "rec").put("address", "ui.wa").put("body", body).toBuffer();
  }

  /** One event loop's share of the sockets; a frame is written to them on their event loop. */
  private static final class Broadcaster extends VerticleBase {
    private final int port;
    private final Set<ServerWebSocket> registered = new HashSet<>();

    Broadcaster(int port) {
      this.port = port;
    }

    @Override
    public Future<?> start() {
      return vertx.createHttpServer()
          .webSocketHandler(this::accept)
          .requestHandler(request -> request.response().end("ok"))
          .listen(port, "127.0.0.1");
    }

    private void accept(ServerWebSocket socket) {
      socket.textMessageHandler(text -> {
        JsonObject message = new JsonObject(text);
        if ("register".equals(message.getString("type")) && "ui.wa".equals(message.getString("address"))) {
          registered.add(socket);
          socket.writeTextMessage(new JsonObject().put("type", "registered").put("address", "ui.wa").encode());
        }
      });
      socket.closeHandler(v -> registered.remove(socket));
    }

    /** From any thread: one task on this verticle's event loop writes the frame to its sockets. */
    void broadcast(Buffer frame) {
      context.runOnContext(v -> {
        for (ServerWebSocket socket : registered) {
          socket.writeBinaryMessage(frame);
        }
      });
    }
  }
}
