package id.aglis.hub.live;

import io.vertx.core.Context;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.JsonObject;
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
 * <p>A socket that cannot keep up (its write queue is full) skips the frame: it sees the gap in the sequence
 * and fetches what it missed through {@code since}, instead of the node buffering without bound for it.
 */
final class FanOut {

  private final Map<String, Map<Context, Set<SockJSSocket>>> byStream = new ConcurrentHashMap<>();
  private final LongAdder skipped = new LongAdder();

  void add(String stream, Context context, SockJSSocket socket) {
    byStream.compute(stream, (s, groups) -> {
      Map<Context, Set<SockJSSocket>> all = groups == null ? new ConcurrentHashMap<>() : groups;
      all.computeIfAbsent(context, c -> new CopyOnWriteArraySet<>()).add(socket);
      return all;
    });
  }

  void remove(String stream, Context context, SockJSSocket socket) {
    // Empty groups go too: per-customer streams come and go with their pages.
    byStream.computeIfPresent(stream, (s, groups) -> {
      groups.computeIfPresent(context, (c, group) -> {
        group.remove(socket);
        return group.isEmpty() ? null : group;
      });
      return groups.isEmpty() ? null : groups;
    });
  }

  /** Frames skipped for sockets that could not keep up. */
  long skipped() {
    return skipped.sum();
  }

  void deliver(String stream, JsonObject frame) {
    Map<Context, Set<SockJSSocket>> groups = byStream.get(stream);
    if (groups == null || groups.isEmpty()) {
      return;
    }
    Buffer envelope = offHeap(new JsonObject().put("type", "rec").put("address", stream).put("body", frame).toBuffer());
    groups.forEach((context, sockets) -> {
      if (!sockets.isEmpty()) {
        context.runOnContext(v -> sockets.forEach(socket -> write(socket, envelope)));
      }
    });
  }

  /**
   * The frame in direct memory, shared read-only by every write. The epoll transport copies a heap buffer into a
   * direct one of its own on every write; from direct memory each socket's write is a gather of the same bytes.
   * (Measured at 10,000 sockets: the per-socket copy was a tenth of the node's CPU.) The JDK buffer is freed by the
   * garbage collector once the last write has let go of it, so nothing is released by hand.
   */
  static Buffer offHeap(Buffer heap) {
    ByteBuffer direct = ByteBuffer.allocateDirect(heap.length());
    direct.put(heap.getBytes()).flip();
    return BufferInternal.buffer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct)));
  }

  /**
   * One socket's write; it never throws, so one socket cannot cost the rest of its group the frame. A socket that
   * closed a moment ago is still listed until the bridge's close event reaches us, and asking a closed WebSocket
   * whether its queue is full throws.
   */
  private void write(SockJSSocket socket, Buffer envelope) {
    try {
      if (socket.writeQueueFull()) {
        skipped.increment();
      } else {
        socket.write(envelope);
      }
    } catch (IllegalStateException closed) {
      // Closed meanwhile: its close event takes it off the list.
    }
  }
}
