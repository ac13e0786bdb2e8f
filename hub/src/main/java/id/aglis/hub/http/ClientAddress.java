package id.aglis.hub.http;

import id.aglis.hub.web.Requests;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * Works out who is calling when the hub sits behind a reverse proxy: if the socket belongs to a trusted
 * proxy, the client is the right-most address in {@code X-Forwarded-For} that is not itself a trusted
 * proxy. Without trusted proxies the header is ignored (anyone can write it), so the login throttle and
 * the audit trail see the socket's address. Behind a proxy that is not listed, every client would share
 * the proxy's address and one bad actor could lock everyone out: list it.
 */
final class ClientAddress implements Handler<RoutingContext> {

  private final Set<String> trusted;

  ClientAddress(List<String> trustedProxies) {
    this.trusted = Set.copyOf(trustedProxies);
  }

  @Override
  public void handle(RoutingContext ctx) {
    SocketAddress remote = ctx.request().remoteAddress();
    String socket = remote == null ? "unknown" : remote.hostAddress();
    String client = socket;
    String forwarded = ctx.request().getHeader("X-Forwarded-For");
    if (trusted.contains(socket) && forwarded != null) {
      String[] hops = forwarded.split(",");
      for (int i = hops.length - 1; i >= 0; i--) {
        String hop = hops[i].strip();
        if (!hop.isEmpty() && hop.matches("^[0-9A-Fa-f:.]+$")) {
          client = hop;
          if (!trusted.contains(hop)) {
            break;
          }
        }
      }
    }
    ctx.put(Requests.CLIENT_IP, client);
    ctx.next();
  }
}
