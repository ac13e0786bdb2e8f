package id.aglis.hub.live;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.ssl.SslHandler;
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
 * and a promise combiner, and queued through the chunked-write handler: in a JFR profile of a 10,000-socket node,
 * four fifths of the fan-out's Java samples were there rather than in the socket's own write, and with this path the
 * node's p99 at 10,000 sockets went from 297 to 163 ms (README, Benchmarks). The frame is sent uncompressed even
 * where the browser negotiated permessage-deflate, which allows that per message (RFC 7692): deflating it once per
 * socket would cost more than the whole fan-out, for about 3 KB a second per console. SockJS's other transports wrap
 * their messages in their own framing, a frame too large for one WebSocket frame of Vert.x's default size is split
 * by Vert.x, and a TLS connection must go through its TLS handler: those are written through the SockJS socket.
 *
 * <p>A socket that cannot keep up (its write queue is full) skips the frame: it sees the gap in the sequence
 * and fetches what it missed through {@code since}, instead of the node buffering without bound for it.
 */
final class FanOut {

  /** What {@code RawWebSocketTransport} writes for a {@link Buffer}: one final binary frame (FIN, opcode 2). */
  private static final int FINAL_BINARY_FRAME = 0x82;
  /** Vert.x's default largest WebSocket frame, which its clients also refuse to receive beyond. */
  static final int MAX_WEBSOCKET_FRAME = 65_536;

  private final String rawWebSocketPath;
  private final Map<String, Map<Context, Set<Recipient>>> byStream = new ConcurrentHashMap<>();
  private final LongAdder skipped = new LongAdder();
  private final LongAdder direct = new LongAdder();

  /** {@code rawWebSocketPath}: the request path of the bridge's raw WebSocket transport. */
  FanOut(String rawWebSocketPath) {
    this.rawWebSocketPath = rawWebSocketPath;
  }

  /**
   * One socket, and for a raw WebSocket the first handler of its channel's pipeline (a write from there goes to the
   * socket as it is) with a promise that ignores failures: a socket that resets fails its queued writes, and its
   * close event already takes it off the list (the channel's own void promise would report each as an exception,
   * which the bridge logs). Equal by socket, so a socket is found again to be removed.
   */
  private record Recipient(SockJSSocket socket, ChannelHandlerContext channel, ChannelPromise ignored) {
    Recipient(SockJSSocket socket, ChannelHandlerContext channel) {
      this(socket, channel, channel == null ? null : new VoidChannelPromise(channel.channel(), false));
    }

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
   * path) over plain TCP (the hub leaves TLS to a proxy; over TLS the frame must pass the TLS handler), else null.
   * Written from the first handler, a frame also skips the idle handler and so does not count as traffic: the
   * bridge's pings, read every 10 s, keep the connection from idling out. The connection is Vert.x's own
   * implementation class: Vert.x offers no other way to a server connection's channel.
   */
  private ChannelHandlerContext rawChannel(SockJSSocket socket) {
    RoutingContext request = socket.routingContext();
    if (request == null || !rawWebSocketPath.equals(request.request().path())) {
      return null;
    }
    HttpConnection connection = request.request().connection();
    if (!(connection instanceof ConnectionBase base)) {
      return null;
    }
    ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
    return pipeline.get(SslHandler.class) == null ? pipeline.firstContext() : null;
  }

  /** Frames skipped for sockets that could not keep up. */
  long skipped() {
    return skipped.sum();
  }

  /** Frames written straight to a raw WebSocket's channel. */
  long direct() {
    return direct.sum();
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
  static final class Encoded {
    final Buffer sockJs;
    /** Null for a message larger than one frame may be. */
    final ByteBuf webSocketFrame;

    Encoded(byte[] message) {
      this.sockJs = BufferInternal.buffer(offHeap(new byte[0], message));
      this.webSocketFrame = message.length > MAX_WEBSOCKET_FRAME ? null : offHeap(header(message.length), message);
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
   * WebSocket's messages in a queue of its own while the channel is not writable, and drains it the moment the channel
   * is writable again (writes made off the event loop also wait for a drain task, which runs before this one: both
   * are tasks of the same loop, in order). So when the channel is writable nothing of Vert.x's is waiting, and the
   * frame cannot overtake one (a {@code registered} answer, say); when it is not, the frame is skipped. The bridge
   * takes a socket off the list before it closes it, so no frame follows a close frame. These bytes bypass Vert.x's
   * bytes-written metric, which so counts only what goes through Vert.x.
   */
  private void write(Recipient recipient, Encoded frame) {
    ChannelHandlerContext channel = frame.webSocketFrame == null || recipient.channel() == null
        || !recipient.channel().executor().inEventLoop() ? null : recipient.channel();
    try {
      if (recipient.socket().writeQueueFull() || (channel != null && !channel.channel().isWritable())) {
        skipped.increment();
      } else if (channel != null) {
        channel.writeAndFlush(frame.webSocketFrame.duplicate(), recipient.ignored());
        direct.increment();
      } else {
        recipient.socket().write(frame.sockJs);
      }
    } catch (IllegalStateException closed) {
      // Closed meanwhile: its close event takes it off the list.
    }
  }
}
