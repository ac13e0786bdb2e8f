package id.aglis.hub.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A browser's socket on the event-bus bridge, speaking the bridge's JSON frames: over the raw WebSocket transport
 * ({@code /eventbus/websocket}, what bus.js uses) or, with {@link #openSockJs}, over SockJS's own WebSocket
 * transport (each message framed as SockJS frames it, what the SockJS client uses where WebSockets work).
 * Records every frame the hub sends, so a test awaits the one it expects.
 */
public final class BridgeSocket implements AutoCloseable {

  private final WebSocketClient client;
  private final WebSocket socket;
  private final boolean sockJs;
  private final List<JsonObject> frames = new ArrayList<>();
  private boolean closed;

  private BridgeSocket(WebSocketClient client, WebSocket socket, boolean sockJs) {
    this.client = client;
    this.socket = socket;
    this.sockJs = sockJs;
    if (sockJs) {
      socket.textMessageHandler(this::receiveSockJs);
    } else {
      // The bridge writes its own frames as binary WebSocket messages, the hub's acknowledgements as text.
      socket.handler(data -> record(data.toJsonObject()));
    }
    socket.closeHandler(v -> markClosed());
  }

  /** SockJS's frames: {@code o} (open), {@code h} (heartbeat), {@code a[…]} (messages, each a JSON string), {@code c[…]} (close). */
  private void receiveSockJs(String frame) {
    if (frame.startsWith("a")) {
      new JsonArray(frame.substring(1)).forEach(message -> record(new JsonObject((String) message)));
    }
  }

  /** Opens a socket as {@code browser} (its session cookie, if signed in), from the hub's own origin. */
  public static BridgeSocket open(Vertx vertx, int port, Browser browser) {
    return open(vertx, port, browser, "http://127.0.0.1:" + port);
  }

  public static BridgeSocket open(Vertx vertx, int port, Browser browser, String origin) {
    return open(vertx, port, browser, origin, false);
  }

  /** Opens a socket as {@code browser} over SockJS's WebSocket transport, as the SockJS client would. */
  public static BridgeSocket openSockJs(Vertx vertx, int port, Browser browser) {
    return open(vertx, port, browser, "http://127.0.0.1:" + port, true);
  }

  private static BridgeSocket open(Vertx vertx, int port, Browser browser, String origin, boolean sockJs) {
    WebSocketClient client = vertx.createWebSocketClient();
    // SockJS's path: server and session ids of the client's choosing.
    String uri = sockJs ? "/eventbus/000/" + UUID.randomUUID().toString().substring(0, 8) + "/websocket" : "/eventbus/websocket";
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri);
    String cookie = browser == null ? null : browser.sessionCookie();
    if (cookie != null) {
      options.addHeader("Cookie", cookie);
    }
    if (origin != null) {
      options.addHeader("Origin", origin);
    }
    // Handlers are set on the event loop as the socket opens, before a refusal could close it unseen.
    return client.connect(options).map(socket -> new BridgeSocket(client, socket, sockJs)).await();
  }

  private synchronized void record(JsonObject frame) {
    frames.add(frame);
    notifyAll();
  }

  private synchronized void markClosed() {
    closed = true;
    notifyAll();
  }

  public synchronized int mark() {
    return frames.size();
  }

  /** Every frame recorded after {@code mark}, as of now. */
  public synchronized List<JsonObject> framesSince(int mark) {
    return List.copyOf(frames.subList(mark, frames.size()));
  }

  public void register(String address) {
    send(new JsonObject().put("type", "register").put("address", address));
  }

  public void send(JsonObject frame) {
    // SockJS carries an array of messages, each a string.
    socket.writeTextMessage(sockJs ? new JsonArray().add(frame.encode()).encode() : frame.encode()).await();
  }

  /** Registers and waits for the hub's answer: true when it holds, false when refused. */
  public boolean tryRegister(String address) throws InterruptedException {
    int mark = mark();
    register(address);
    // The hub names the address in both answers (the bridge's own unnamed "rejected" follows a refusal).
    JsonObject answer = await(mark, f -> ("registered".equals(f.getString("type")) || "err".equals(f.getString("type")))
        && address.equals(f.getString("address")), 10_000);
    return "registered".equals(answer.getString("type"));
  }

  /** Waits for the first frame after {@code mark} that matches. */
  public synchronized JsonObject await(int mark, Predicate<JsonObject> which, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      for (JsonObject frame : frames.subList(mark, frames.size())) {
        if (which.test(frame)) {
          return frame;
        }
      }
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new AssertionError("no matching frame within " + timeoutMs + " ms; got " + frames.subList(mark, frames.size()));
      }
      wait(left);
    }
  }

  /** The body of the next frame on {@code address} after {@code mark}. */
  public JsonObject awaitOn(int mark, String address, Predicate<JsonObject> body, long timeoutMs) throws InterruptedException {
    return await(mark, f -> "rec".equals(f.getString("type")) && address.equals(f.getString("address"))
        && body.test(f.getJsonObject("body")), timeoutMs).getJsonObject("body");
  }

  /** Waits until the hub closes the socket. */
  public synchronized void awaitClosed(long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (!closed) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new AssertionError("the socket is still open after " + timeoutMs + " ms");
      }
      wait(left);
    }
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (!isClosed()) {
      socket.close();
    }
    client.close();
  }
}
