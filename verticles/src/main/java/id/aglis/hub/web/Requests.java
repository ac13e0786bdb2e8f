package id.aglis.hub.web;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/** Small facts about the request that several features need. */
public final class Requests {

  private Requests() {
  }

  /** A webhook's secret is the path segment after its provider: {@code /hooks/fonnte/<secret>/status}. */
  private static final java.util.regex.Pattern HOOK_SECRET = java.util.regex.Pattern.compile("^/hooks/([^/]+)/[^/]+");

  /**
   * The request's path as it may be written to a log or the audit trail: secrets carried in paths (a
   * webhook's secret) are masked, so no log line ever holds one.
   */
  public static String safePath(RoutingContext ctx) {
    String path = ctx.request().path();
    return path == null ? "" : HOOK_SECRET.matcher(path).replaceFirst("/hooks/$1/***");
  }

  /** True when the request authenticates with a bearer token (and so needs no session or CSRF check). */
  public static boolean hasBearer(RoutingContext ctx) {
    return ctx.request().getHeader(io.vertx.core.http.HttpHeaders.AUTHORIZATION) != null;
  }

  /** Routing-context key under which the edge puts the client address it worked out (see {@link #ip}). */
  public static final String CLIENT_IP = "aglis.clientIp";

  /**
   * Routing-context key: set (to {@code true}) by a route whose duration is the client's doing, such as a speed
   * test's transfer, so it stays out of the request-latency figures (the Performance page's p95).
   */
  public static final String UNTIMED = "aglis.untimed";

  /**
   * The caller's address: the socket's, or, when the socket is a trusted proxy ({@code HUB_TRUSTED_PROXIES}),
   * the nearest untrusted address in {@code X-Forwarded-For}, as the edge worked it out.
   */
  public static String ip(RoutingContext ctx) {
    String resolved = ctx.get(CLIENT_IP);
    if (resolved != null) {
      return resolved;
    }
    SocketAddress remote = ctx.request().remoteAddress();
    return remote == null ? "unknown" : remote.hostAddress();
  }

  /**
   * The client's network for rate limits: its IPv4 address, or the /64 of an IPv6 one, since one subscriber (or one
   * attacker) holds a whole /64 and could otherwise take a fresh address for every try.
   */
  public static String network(RoutingContext ctx) {
    return networkOf(ip(ctx));
  }

  /** {@link #network(RoutingContext)} of an address as {@link #ip} gives it. */
  public static String networkOf(String ip) {
    if (ip == null || ip.indexOf(':') < 0) {
      return ip;
    }
    try {
      // A literal address: parsed, never looked up.
      byte[] bytes = java.net.InetAddress.getByName(ip.startsWith("[") ? ip.substring(1, ip.length() - 1) : ip).getAddress();
      if (bytes.length != 16) {
        return ip;
      }
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
      }
      return prefix.append(":/64").toString();
    } catch (java.net.UnknownHostException e) {
      return ip;
    }
  }

  /**
   * A query parameter, trimmed; null when absent or blank. A malformed escape (%zz) or a NUL character is
   * a 400 naming the parameter, never a 500.
   */
  public static String query(RoutingContext ctx, String name) {
    java.util.List<String> values;
    try {
      values = ctx.queryParam(name);
    } catch (RuntimeException malformed) {
      throw ApiError.badRequest("invalid_query", "The query string is not correctly encoded.");
    }
    if (values == null || values.isEmpty() || values.get(0).isBlank()) {
      return null;
    }
    String value = values.get(0).strip();
    if (value.indexOf('\u0000') >= 0) {
      throw ApiError.invalidField(name, "'" + name + "' must not contain NUL characters.");
    }
    return value;
  }

  /**
   * A query parameter as a time: an ISO time with offset, or an ISO date meaning the start of that day in the
   * business zone (WIB), so {@code ?since=2026-12-01&until=2026-12-02} is the first of December in Jakarta. Null when
   * absent; anything else, or a time no person could have meant (see {@link Fields#saneTime}), is a 400 naming it.
   */
  public static java.time.OffsetDateTime time(RoutingContext ctx, String name) {
    String text = query(ctx, name);
    if (text == null) {
      return null;
    }
    try {
      return Fields.saneTime(java.time.OffsetDateTime.parse(text), name);
    } catch (java.time.format.DateTimeParseException notATime) {
      try {
        return Fields.saneTime(java.time.LocalDate.parse(text).atStartOfDay(id.aglis.hub.common.Times.BUSINESS_ZONE)
            .toOffsetDateTime(), name);
      } catch (java.time.format.DateTimeParseException e) {
        throw ApiError.invalidField(name, "'" + name + "' must be an ISO date (2026-11-01) or time with offset.");
      }
    }
  }

  /** A query parameter that must be one of {@code allowed}; null when absent. */
  public static String queryEnum(RoutingContext ctx, String name, java.util.Set<String> allowed) {
    String value = query(ctx, name);
    if (value != null && !allowed.contains(value)) {
      throw ApiError.invalidField(name, "'" + name + "' must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ".");
    }
    return value;
  }

  /** {@code ?name=true|false}; null when absent. */
  public static Boolean queryBoolean(RoutingContext ctx, String name) {
    String value = query(ctx, name);
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiError.invalidField(name, "'" + name + "' must be true or false.");
    };
  }

  /** A query parameter that is an id (a positive whole number), or null when absent; anything else is a 400 naming it. */
  public static Long queryId(RoutingContext ctx, String name) {
    String raw = query(ctx, name);
    if (raw == null) {
      return null;
    }
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException ignored) {
      // falls through
    }
    throw ApiError.invalidField(name, "'" + name + "' must be a positive whole number.");
  }

  /**
   * A search box ({@code ?q=}) as an ILIKE pattern that finds the text anywhere ({@code %…%}, LIKE's own wildcards in
   * it escaped), or null when absent; longer than {@code max} characters is a 400 naming it.
   */
  public static String querySearch(RoutingContext ctx, String name, int max) {
    String q = query(ctx, name);
    if (q != null && q.length() > max) {
      throw ApiError.invalidField(name, "'" + name + "' must be at most " + max + " characters.");
    }
    return q == null ? null : "%" + id.aglis.hub.platform.Likes.escape(q) + "%";
  }

  /** The path parameter as a positive id, or a 404 (an id that cannot exist is simply not found). */
  public static long idParam(RoutingContext ctx, String name, String what) {
    String raw = ctx.pathParam(name);
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException ignored) {
      // falls through
    }
    throw ApiError.notFound(what);
  }
}
