package id.aglis.hub.speedtest;

import id.aglis.hub.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bytes of a speed test, and the node's limit on how many move at once.
 *
 * <p>Downloads are written from one buffer of random bytes made once per node, in chunks, only as fast as the client
 * takes them ({@code writeQueueFull}/{@code drainHandler}): a 25 MiB test costs the node a few chunks of memory, not
 * 25 MiB. Random, because a proxy or modem that compresses would otherwise measure its compressor, not the line; one
 * MiB of it, so even a compressor with a long window finds no repeat within a chunk's reach. Uploads are counted as
 * they arrive and dropped, never buffered.
 */
final class Transfers {

  /** The largest download or upload (25 MiB): about 20 s at 10 Mbps, the slowest plan sold. */
  static final long MAX_BYTES = 25L * 1024 * 1024;
  static final long DEFAULT_DOWNLOAD_BYTES = 10L * 1024 * 1024;
  private static final int CHUNK = 64 * 1024;
  private static final Buffer NOISE = noise(1024 * 1024);
  /** The longest one transfer may hold a slot; the page itself stops each phase after 10 s. */
  static final long MAX_TRANSFER_MS = 30_000;

  /** What a client refused a slot is told to wait: long enough for a test in progress to finish a phase. */
  static final long BUSY_RETRY_SECONDS = 10;

  private final int maxConcurrent;
  /** Transfers in progress on this node, over all its HTTP verticle instances (the feature is one per node). */
  private final AtomicInteger busy = new AtomicInteger();

  Transfers(int maxConcurrent) {
    this.maxConcurrent = maxConcurrent;
  }

  private static Buffer noise(int size) {
    // Not SecureRandom: these bytes only need to look like nothing to a compressor, and are seen by everybody anyway.
    byte[] bytes = new byte[size];
    new Random().nextBytes(bytes);
    return Buffer.buffer(bytes);
  }

  int busy() {
    return busy.get();
  }

  /**
   * Takes one of the node's transfer slots for this exchange, given back exactly once when the response ends or the
   * connection closes; a 429 when all are taken.
   */
  Future<Void> slot(RoutingContext ctx) {
    if (busy.incrementAndGet() > maxConcurrent) {
      busy.decrementAndGet();
      return Future.failedFuture(ApiError.tooManyRequests("speedtest_busy",
          "The speed test is busy with other customers right now; try again in a few seconds.", BUSY_RETRY_SECONDS));
    }
    AtomicBoolean held = new AtomicBoolean(true);
    // A client that reads (or sends) a trickle would hold the slot for hours; the page stops each phase after 10 s.
    long cap = ctx.vertx().setTimer(MAX_TRANSFER_MS, id -> {
      if (held.get() && !ctx.response().ended()) {
        ctx.request().connection().close();
      }
    });
    ctx.addEndHandler(ended -> {
      ctx.vertx().cancelTimer(cap);
      if (held.compareAndSet(true, false)) {
        busy.decrementAndGet();
      }
    });
    return Future.succeededFuture();
  }

  /** Writes {@code bytes} of noise as the response body, never more than the client's socket takes. */
  static void download(RoutingContext ctx, long bytes) {
    HttpServerResponse response = ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream")
        .putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(bytes))
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        // The server compresses what it can; random bytes cannot be, and trying would only burn the node's CPU.
        .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
    new Writer(response, bytes).pump();
  }

  /** One download in progress: the bytes still to write and where in the noise the next chunk starts. */
  private static final class Writer {
    private final HttpServerResponse response;
    private long remaining;
    private int offset;

    Writer(HttpServerResponse response, long remaining) {
      this.response = response;
      this.remaining = remaining;
    }

    void pump() {
      while (remaining > 0 && !response.closed()) {
        if (response.writeQueueFull()) {
          response.drainHandler(drained -> pump());
          return;
        }
        int size = (int) Math.min(CHUNK, remaining);
        if (offset + size > NOISE.length()) {
          offset = 0;
        }
        response.write(NOISE.slice(offset, offset + size));
        offset += size;
        remaining -= size;
      }
      if (!response.closed()) {
        response.end();
      }
    }
  }

  /** What an upload measured on the node: the bytes read and the time from the first read to the last. */
  record Upload(long bytes, long millis) {
  }

  /**
   * Reads the request body (held back by the edge until now) and drops it, counting; a body past {@code MAX_BYTES}
   * (one that did not say its length, or lied) fails with 413 as soon as it crosses the line.
   */
  static Future<Upload> upload(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Promise<Upload> done = Promise.promise();
    long started = System.nanoTime();
    long[] count = {0};
    request.handler(chunk -> {
      count[0] += chunk.length();
      if (count[0] > MAX_BYTES) {
        // The failure handler answers and closes the connection; what still arrives until then is dropped here.
        done.tryFail(tooLarge());
      }
    });
    request.exceptionHandler(done::tryFail);
    request.endHandler(end -> done.tryComplete(new Upload(count[0], (System.nanoTime() - started) / 1_000_000)));
    // A client that asked first (curl does, for bodies over 1 MiB) would otherwise wait a second for the go-ahead, and
    // that second would count as upload time.
    if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
      ctx.response().writeContinue();
    }
    request.resume();
    return done.future();
  }

  static ApiError tooLarge() {
    return ApiError.of(413, "payload_too_large", "A speed-test upload may be at most " + MAX_BYTES + " bytes (25 MiB).");
  }
}
