package id.aglis.hub.platform;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script from {@code src/main/resources/redis/}, run atomically on Redis by its SHA-1 (EVALSHA),
 * falling back to EVAL once when Redis does not know it yet (first use, or after a restart or flush).
 */
public final class RedisScript {

  private final String source;
  private final String sha;

  private RedisScript(String source) {
    this.source = source;
    this.sha = sha1(source);
  }

  public static RedisScript load(String name) {
    String resource = "/redis/" + name;
    try (InputStream in = RedisScript.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new RedisScript(Buffer.buffer(in.readAllBytes()).toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs with the given keys and arguments. (The dispatch scripts derive their keys from a fixed prefix
   * instead of declaring them, which a single Redis server allows; Redis Cluster would not.)
   */
  public Future<Response> run(RedisAPI redis, List<String> keys, List<String> args) {
    return redis.evalsha(command(sha, keys, args)).recover(failure -> failure.getMessage() != null && failure.getMessage().contains("NOSCRIPT")
        ? redis.eval(command(source, keys, args))
        : Future.failedFuture(failure));
  }

  private static List<String> command(String scriptOrSha, List<String> keys, List<String> args) {
    List<String> command = new ArrayList<>(keys.size() + args.size() + 2);
    command.add(scriptOrSha);
    command.add(String.valueOf(keys.size()));
    command.addAll(keys);
    command.addAll(args);
    return command;
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
