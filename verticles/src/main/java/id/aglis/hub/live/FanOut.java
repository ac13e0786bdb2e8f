package id.aglis.hub.live;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hands each frame to this node's sockets registered on its stream: encoded once, then written by each socket's
 * own event loop (one task per loop, not one per socket). The bridge's per-socket delivery would copy and
 * encode the frame once per socket; with thousands of sockets on a node that is most of the work. Each loop's
 * sockets are an array copied when one comes or goes (rare) and walked by every frame (often): walking a
 * concurrent hash set's bins was about 7 % of a 10,000-socket node's fan-out (a JFR profile).
 *
 * <p>A socket of the raw WebSocket transport (what bus.js uses wherever WebSockets work) gets the frame as one
 * WebSocket frame, encoded once for all of them and written straight to the socket's channel: a server's frames
 * are not masked, so every socket's bytes are the same. Through Vert.x each write built a frame object, a promise
 * and a promise combiner, and queued through the chunked-write handler: four fifths of a 10,000-socket node's
 * Java time in the fan-out went there, not to the socket. SockJS's other transports wrap their messages in their own
 * framing, so their sockets are written through the SockJS socket.
 *
 * <p>A socket that cannot keep up (its write queue is full) skips the frame: it sees the gap in the sequence
 * and fetches what it missed through {@code since}, instead of the node buffering without bound for it.
 */
final class FanOut {

  /** What {@code RawWebSocketTransport} writes for a {@link Buffer}: one final binary frame (FIN, opcode 2). */
  private static final int FINAL_BINARY_FRAME = 0x82;

  private final String rawWebSocketPath;
  private final Map<String, Map<Context, Set<Recipient>>> byStream = new ConcurrentHashMap<>();
  private final LongAdder skipped = new LongAdder();

  /** {@code rawWebSocketPath}: the request path of the bridge's raw WebSocket transport. */
  FanOut(String rawWebSocketPath) {
    this.rawWebSocketPath = rawWebSocketPath;
  }

  /**
   * One socket, and for a raw WebSocket the first handler of its channel's pipeline: a write from there goes to the
   * socket as it is. Equal by socket, so a socket is found again to be removed.
   */
  private record Recipient(SockJSSocket socket, ChannelHandlerContext channel) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Recipient that && that.socket == socket;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(socket);
    }
  }

  void add(String stream, Context context, SockJSSocket socket) {
    Recipient recipient = new Recipient(socket, rawChannel(socket));
    byStream.compute(stream, (s, groups) -> {
      Map<Context, Set<Recipient>> all = groups == null ? new ConcurrentHashMap<>() : groups;
      all.computeIfAbsent(context, c -> new CopyOnWriteArraySet<>()).add(recipient);
      return all;
    });
  }

  void remove(String stream, Context context, SockJSSocket socket) {
    Recipient recipient = new Recipient(socket, null);
    // Empty groups go too: per-customer streams come and go with their pages.
    byStream.computeIfPresent(stream, (s, groups) -> {
      groups.computeIfPresent(context, (c, group) -> {
        group.remove(recipient);
        return group.isEmpty() ? null : group;
      });
      return groups.isEmpty() ? null : groups;
    });
  }

  /**
   * The first handler of the socket's channel when it is a raw WebSocket (the upgraded request of the raw transport's
   * path), else null. The connection is Vert.x's own implementation class: Vert.x offers no other way to a server
   * connection's channel.
   */
  private ChannelHandlerContext rawChannel(SockJSSocket socket) {
    RoutingContext request = socket.routingContext();
    if (request == null || !rawWebSocketPath.equals(request.request().path())) {
      return null;
    }
    HttpConnection connection = request.request().connection();
    return connection instanceof ConnectionBase base ? base.channelHandlerContext().pipeline().firstContext() : null;
  }

  /** Frames skipped for sockets that could not keep up. */
  long skipped() {
    return skipped.sum();
  }

  void deliver(String stream, JsonObject frame) {
    Map<Context, Set<Recipient>> groups = byStream.get(stream);
    if (groups == null || groups.isEmpty()) {
      return;
    }
    Encoded encoded = new Encoded(new JsonObject().put("type", "rec").put("address", stream).put("body", frame).toBuffer().getBytes());
    groups.forEach((context, recipients) -> {
      if (!recipients.isEmpty()) {
        context.runOnContext(v -> recipients.forEach(recipient -> write(recipient, encoded)));
      }
    });
  }

  /**
   * A frame in direct memory, shared read-only by every write: as a SockJS message, and as a whole WebSocket frame
   * (each raw write takes a duplicate of it: its own read position over the same bytes). The epoll transport copies a
   * heap buffer into a direct one of its own on every write; from direct memory a write is a gather of the same
   * bytes. The JDK buffers are freed by the garbage collector once the last write has let go of them, so nothing is
   * released by hand.
   */
  private static final class Encoded {
    final Buffer sockJs;
    final ByteBuf webSocketFrame;

    Encoded(byte[] message) {
      this.sockJs = BufferInternal.buffer(offHeap(new byte[0], message));
      this.webSocketFrame = offHeap(header(message.length), message);
    }

    /** A server's frame header: never masked, the length in 7, 7+16 or 7+64 bits (RFC 6455, 5.2). */
    private static byte[] header(int length) {
      if (length <= 125) {
        return new byte[] {(byte) FINAL_BINARY_FRAME, (byte) length};
      }
      if (length <= 0xFFFF) {
        return new byte[] {(byte) FINAL_BINARY_FRAME, 126, (byte) (length >>> 8), (byte) length};
      }
      return ByteBuffer.allocate(10).put((byte) FINAL_BINARY_FRAME).put((byte) 127).putLong(length).array();
    }
  }

  /** {@code head} then {@code body} in one direct buffer that writes may share (releasing it is a no-op). */
  static ByteBuf offHeap(byte[] head, byte[] body) {
    ByteBuffer direct = ByteBuffer.allocateDirect(head.length + body.length);
    direct.put(head).put(body).flip();
    return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct));
  }

  /**
   * One socket's write; it never throws, so one socket cannot cost the rest of its group the frame. A socket that
   * closed a moment ago is still listed until the bridge's close event reaches us, and asking a closed WebSocket
   * whether its queue is full throws (which also keeps a frame from following the WebSocket's close frame).
   *
   * <p>A raw WebSocket's frame goes straight to its channel, on the channel's own event loop. Vert.x holds a
   * WebSocket's messages in a queue of its own only while the channel is not writable, and drains it the moment the
   * channel is writable again: so when the channel is writable nothing of Vert.x's is waiting, and the frame cannot
   * overtake one (a {@code registered} answer, say). When it is not, the frame is skipped.
   */
  private void write(Recipient recipient, Encoded frame) {
    ChannelHandlerContext channel = recipient.channel();
    try {
      if (recipient.socket().writeQueueFull() || (channel != null && !channel.channel().isWritable())) {
        skipped.increment();
      } else if (channel != null) {
        channel.writeAndFlush(frame.webSocketFrame.duplicate(), channel.voidPromise());
      } else {
        recipient.socket().write(frame.sockJs);
      }
    } catch (IllegalStateException closed) {
      // Closed meanwhile: its close event takes it off the list.
    }
  }
}
