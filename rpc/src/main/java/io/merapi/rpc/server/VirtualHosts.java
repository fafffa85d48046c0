package io.merapi.rpc.server;

import io.netty.util.NetUtil;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * geth's {@code --http.vhosts} check (node/rpcstack.go): the Host header must name an allowed host,
 * against DNS-rebinding attacks from browsers. Requests without a Host header and requests to an IP
 * address pass, as they cannot be rebound.
 */
final class VirtualHosts {
  private final Set<String> allowed;
  private final boolean any;

  VirtualHosts(List<String> hosts) {
    this.allowed =
        hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    this.any = allowed.contains("*");
  }

  boolean allows(String hostHeader) {
    if (any || hostHeader == null || hostHeader.isEmpty()) {
      return true;
    }
    String host = hostName(hostHeader);
    if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
      return true;
    }
    return allowed.contains(host.toLowerCase(Locale.ROOT));
  }

  /** The host part of {@code host[:port]} or {@code [ipv6]:port}. */
  static String hostName(String hostHeader) {
    if (hostHeader.startsWith("[")) {
      int close = hostHeader.indexOf(']');
      return close > 0 ? hostHeader.substring(1, close) : hostHeader;
    }
    int colon = hostHeader.lastIndexOf(':');
    if (colon >= 0 && hostHeader.indexOf(':') == colon) {
      return hostHeader.substring(0, colon);
    }
    return hostHeader;
  }
}
