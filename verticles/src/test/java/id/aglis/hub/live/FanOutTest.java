package id.aglis.hub.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import io.vertx.junit5.VertxExtension;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link FanOut} on its own, with stand-in sockets (a {@link SockJSSocket} is an interface; only the methods it
 * calls answer): what reaches which socket, and what one socket's trouble costs the others; and the WebSocket frame
 * it writes straight to raw WebSocket sockets, read back by Netty's own decoder.
 */
@ExtendWith(VertxExtension.class)
class FanOutTest {

  /** A socket that records what it was written, or one that closed a moment ago and throws as a closed WebSocket does. */
  private static SockJSSocket socket(ConcurrentLinkedQueue<Buffer> written, boolean closed, boolean full) {
    return (SockJSSocket) Proxy.newProxyInstance(FanOutTest.class.getClassLoader(), new Class<?>[] {SockJSSocket.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "writeQueueFull" -> {
            if (closed) {
              throw new IllegalStateException("WebSocket is closed");
            }
            yield full;
          }
          case "write" -> {
            written.add((Buffer) args[0]);
            yield Future.succeededFuture();
          }
          // Not a raw WebSocket: written through the SockJS socket.
          case "routingContext" -> null;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "socket";
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  @Test
  @DisplayName("sockets that closed a moment ago do not cost the others on their event loop the frame")
  void closedSocketsDoNotStopTheRest(Vertx vertx) throws Exception {
    FanOut fanOut = new FanOut(LiveBridge.RAW_WEBSOCKET_PATH);
    Context loop = vertx.getOrCreateContext();
    List<ConcurrentLinkedQueue<Buffer>> open = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      ConcurrentLinkedQueue<Buffer> written = new ConcurrentLinkedQueue<>();
      // Every sixth one closed, spread through the group: whatever order the group is walked in, some open ones come after.
      boolean closed = i % 6 == 0;
      fanOut.add("ui.wa", loop, socket(written, closed, false));
      if (!closed) {
        open.add(written);
      }
    }
    fanOut.deliver("ui.wa", new JsonObject().put("seq", 7));
    awaitOn(loop);

    assertThat(open).allSatisfy(written -> {
      assertThat(written).hasSize(1);
      assertThat(written.peek().toJsonObject()).isEqualTo(new JsonObject().put("type", "rec").put("address", "ui.wa")
          .put("body", new JsonObject().put("seq", 7)));
    });
  }

  @Test
  @DisplayName("a socket whose queue is full skips the frame and is counted; other streams and removed sockets get nothing")
  void fullQueuesSkipAndStreamsStayApart(Vertx vertx) throws Exception {
    FanOut fanOut = new FanOut(LiveBridge.RAW_WEBSOCKET_PATH);
    Context loop = vertx.getOrCreateContext();
    ConcurrentLinkedQueue<Buffer> slow = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Buffer> other = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Buffer> gone = new ConcurrentLinkedQueue<>();
    SockJSSocket left = socket(gone, false, false);
    fanOut.add("ui.wa", loop, socket(slow, false, true));
    fanOut.add("ui.tickets", loop, socket(other, false, false));
    fanOut.add("ui.wa", loop, left);
    fanOut.remove("ui.wa", loop, left);

    fanOut.deliver("ui.wa", new JsonObject().put("seq", 1));
    awaitOn(loop);

    assertThat(slow).isEmpty();
    assertThat(fanOut.skipped()).isEqualTo(1);
    assertThat(other).isEmpty();
    assertThat(gone).isEmpty();
  }

  @Test
  @DisplayName("the pre-encoded WebSocket frame reads back as one final, unmasked binary frame of the message, for each length encoding")
  void webSocketFrameReadsBack() {
    // 0 and 125: the length in 7 bits; 126 and 65,535: in 16; 65,536: in 64 (the largest one frame may carry).
    for (int length : new int[] {0, 125, 126, 65_535, FanOut.MAX_WEBSOCKET_FRAME}) {
      byte[] message = new byte[length];
      new Random(length).nextBytes(message);
      EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, 1 << 20));
      client.writeInbound(new FanOut.Encoded(message).webSocketFrame.duplicate());
      BinaryWebSocketFrame frame = client.readInbound();
      assertThat(frame.isFinalFragment()).as("FIN, at %d bytes", length).isTrue();
      assertThat(frame.rsv()).isZero();
      assertThat(ByteBufUtil.getBytes(frame.content())).as("payload of %d bytes", length).isEqualTo(message);
      frame.release();
      assertThat(client.finishAndReleaseAll()).isFalse();
    }
    // Larger than one frame may be: written through the SockJS socket, which Vert.x splits.
    assertThat(new FanOut.Encoded(new byte[FanOut.MAX_WEBSOCKET_FRAME + 1]).webSocketFrame).isNull();
  }

  /** Once everything queued on {@code loop} before now has run. */
  private static void awaitOn(Context loop) throws Exception {
    Promise<Void> drained = Promise.promise();
    loop.runOnContext(v -> drained.complete());
    drained.future().await(5, TimeUnit.SECONDS);
  }
}
