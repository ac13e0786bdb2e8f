package id.aglis.hub.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the benchmark's sockets received, over all of them: each {@code rec} frame's latency (the time it was
 * received minus its {@code body.at}, both read from this machine's one clock, in microseconds), how many frames
 * and bytes arrived, and how many frames a socket missed (a jump in {@code body.seq}).
 *
 * <p>Each socket gets the same frame, so reading it whole ten thousand times would make the client, not the server,
 * the bottleneck: only its head is scanned for {@code "seq":} and the first {@code "at":"} after {@code "body":}
 * (the bridge's envelope and {@code LiveFrame} put both before {@code data}), and the first frames are also parsed
 * whole to check that the scan reads the same values.
 */
final class FanOutMeter {

  /** Kinds of frame the sockets care about. */
  enum Kind { REC, REGISTERED, ERR, OTHER }

  private static final int HEAD = 512;
  private static final int CHECKED_WHOLE = 200;
  private static final byte[] TYPE = bytes("\"type\":\"");
  private static final byte[] BODY = bytes("\"body\":");
  private static final byte[] SEQ = bytes("\"seq\":");
  private static final byte[] AT = bytes("\"at\":\"");

  private final Recorder latencies = new Recorder(3);
  private final LongAdder frames = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder missed = new LongAdder();
  private final AtomicInteger checked = new AtomicInteger();
  /** A frame's {@code at} text → microseconds since the epoch; the same few frames reach every socket. */
  private final Map<String, Long> atMicros = new ConcurrentHashMap<>();
  /** Per frame (by its {@code at}): when the first and the last socket got it, and how many did. */
  private final Map<Long, Arrivals> arrivals = new ConcurrentHashMap<>();
  private volatile Buffer latest;

  /**
   * When one frame reached the sockets, relative to its {@code at}: a late first arrival is time spent before the
   * fan-out (the producing node, Redis, the cluster hop); a wide spread is the fan-out's own burst.
   */
  static final class Arrivals {
    final long producedMicros;
    long firstMicros = Long.MAX_VALUE;
    long lastMicros;
    int sockets;

    Arrivals(long producedMicros) {
      this.producedMicros = producedMicros;
    }

    synchronized void add(long receivedMicros) {
      firstMicros = Math.min(firstMicros, receivedMicros);
      lastMicros = Math.max(lastMicros, receivedMicros);
      sockets++;
    }

    synchronized String describe() {
      return String.format("frame of %s: first socket after %.1f ms, last after %.1f ms (%d sockets)",
          Instant.ofEpochSecond(producedMicros / 1_000_000, producedMicros % 1_000_000 * 1_000), (firstMicros - producedMicros) / 1000.0,
          (lastMicros - producedMicros) / 1000.0, sockets);
    }

    synchronized long lastLatencyMicros() {
      return lastMicros - producedMicros;
    }
  }

  /** One socket's view: the last sequence number it got. */
  static final class Socket {
    private long lastSeq = -1;
  }

  /** Counts a frame received now by {@code socket} and says what it was. */
  Kind receive(Buffer frame, Socket socket) {
    long receivedMicros = nowMicros();
    byte[] head = frame.getBytes(0, Math.min(frame.length(), HEAD));
    String type = quoted(head, indexOf(head, TYPE, 0));
    if (!"rec".equals(type)) {
      return "registered".equals(type) ? Kind.REGISTERED : "err".equals(type) ? Kind.ERR : Kind.OTHER;
    }
    int body = indexOf(head, BODY, 0);
    long seq = number(head, indexOf(head, SEQ, body));
    String at = quoted(head, indexOf(head, AT, body));
    if (seq < 0 || at == null) {
      throw new IllegalStateException("a frame without body.seq and body.at in its first " + HEAD + " bytes: " + frame);
    }
    if (checked.get() < CHECKED_WHOLE && checked.incrementAndGet() <= CHECKED_WHOLE) {
      checkWhole(frame, seq, at);
    }
    Long produced = atMicros.get(at);
    if (produced == null) {
      produced = micros(at);
      if (atMicros.size() > 10_000) {
        atMicros.clear();
        arrivals.clear();
      }
      atMicros.put(at, produced);
      latest = frame.copy();
    }
    latencies.recordValue(Math.max(0, receivedMicros - produced));
    arrivals.computeIfAbsent(produced, Arrivals::new).add(receivedMicros);
    frames.increment();
    bytes.add(frame.length());
    synchronized (socket) {
      if (socket.lastSeq >= 0 && seq > socket.lastSeq + 1) {
        missed.add(seq - socket.lastSeq - 1);
      }
      socket.lastSeq = Math.max(seq, socket.lastSeq);
    }
    return Kind.REC;
  }

  private void checkWhole(Buffer frame, long seq, String at) {
    JsonObject body = frame.toJsonObject().getJsonObject("body");
    if (body.getLong("seq") != seq || !at.equals(body.getString("at"))) {
      throw new IllegalStateException("the frame scan read seq " + seq + ", at " + at + " from " + frame);
    }
  }

  /** The frames, bytes and missed frames so far, and the latencies since the last call (which starts afresh). */
  Snapshot take() {
    return new Snapshot(frames.sum(), bytes.sum(), missed.sum(), latencies.getIntervalHistogram());
  }

  record Snapshot(long frames, long bytes, long missed, Histogram latencies) {
  }

  /** The {@code count} frames produced in [fromMicros, toMicros) whose last socket got them latest, worst first. */
  List<String> slowest(long fromMicros, long toMicros, int count) {
    return arrivals.values().stream().filter(a -> a.producedMicros >= fromMicros && a.producedMicros < toMicros)
        .sorted(Comparator.comparingLong(Arrivals::lastLatencyMicros).reversed()).limit(count).map(Arrivals::describe).toList();
  }

  /** The latest new frame received whole, for a server that should send frames of the same size; null before any. */
  String latest() {
    Buffer frame = latest;
    return frame == null ? null : frame.toString(StandardCharsets.UTF_8);
  }

  static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  private static long micros(String at) {
    Instant instant = OffsetDateTime.parse(at, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
  }

  private static int indexOf(byte[] data, byte[] token, int from) {
    if (from < 0) {
      return -1;
    }
    outer:
    for (int i = from; i <= data.length - token.length; i++) {
      for (int j = 0; j < token.length; j++) {
        if (data[i + j] != token[j]) {
          continue outer;
        }
      }
      return i + token.length;
    }
    return -1;
  }

  /** The text from {@code start} to the next quote, or null. */
  private static String quoted(byte[] data, int start) {
    if (start < 0) {
      return null;
    }
    for (int i = start; i < data.length; i++) {
      if (data[i] == '"') {
        return new String(data, start, i - start, StandardCharsets.US_ASCII);
      }
    }
    return null;
  }

  /** The digits from {@code start}, or -1. */
  private static long number(byte[] data, int start) {
    if (start < 0 || start >= data.length || data[start] < '0' || data[start] > '9') {
      return -1;
    }
    long value = 0;
    for (int i = start; i < data.length && data[i] >= '0' && data[i] <= '9'; i++) {
      value = value * 10 + (data[i] - '0');
    }
    return value;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
