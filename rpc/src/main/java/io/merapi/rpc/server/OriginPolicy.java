package io.merapi.rpc.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * geth's check of the Origin header of WebSocket upgrades ({@code --ws.origins}, rpc/websocket.go):
 * a browser page may only open a connection from an allowed origin; clients that send no Origin
 * (non-browsers) pass. A rule may leave out the scheme or the port ({@code localhost}, {@code
 * example.org:8080}); parts it names must match. Without rules, {@code http://localhost} and this
 * machine's host name are allowed.
 */
final class OriginPolicy {
  private final List<Origin> rules;
  private final boolean any;

  OriginPolicy(List<String> origins, Optional<String> hostName) {
    List<Origin> parsed = new ArrayList<>();
    boolean all = false;
    for (String origin : origins) {
      if (origin.equals("*")) {
        all = true;
      }
      if (!origin.isEmpty()) {
        parsed.add(Origin.parse(origin));
      }
    }
    if (parsed.isEmpty()) {
      parsed.add(Origin.parse("http://localhost"));
      hostName.ifPresent(h -> parsed.add(Origin.parse("http://" + h)));
    }
    this.rules = List.copyOf(parsed);
    this.any = all;
  }

  boolean allows(String originHeader) {
    if (originHeader == null || any) {
      return true;
    }
    Origin browser = Origin.parse(originHeader);
    for (Origin rule : rules) {
      if (rule.admits(browser)) {
        return true;
      }
    }
    return false;
  }

  /** scheme://host:port with each part possibly empty (meaning: any). */
  record Origin(String scheme, String host, String port) {
    static Origin parse(String text) {
      String rest = text.toLowerCase(Locale.ROOT);
      String scheme = "";
      int schemeEnd = rest.indexOf("://");
      if (schemeEnd >= 0) {
        scheme = rest.substring(0, schemeEnd);
        rest = rest.substring(schemeEnd + 3);
      }
      int slash = rest.indexOf('/');
      if (slash >= 0) {
        rest = rest.substring(0, slash);
      }
      String host = rest;
      String port = "";
      if (rest.startsWith("[")) {
        int close = rest.indexOf(']');
        if (close > 0) {
          host = rest.substring(1, close);
          if (rest.length() > close + 1 && rest.charAt(close + 1) == ':') {
            port = rest.substring(close + 2);
          }
        }
      } else {
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
          host = rest.substring(0, colon);
          port = rest.substring(colon + 1);
        }
      }
      return new Origin(scheme, host, port);
    }

    boolean admits(Origin browser) {
      return (scheme.isEmpty() || scheme.equals(browser.scheme))
          && (host.isEmpty() || host.equals(browser.host))
          && (port.isEmpty() || port.equals(browser.port));
    }
  }
}
