package io.merapi.rpc.server;

import java.util.List;
import java.util.Locale;

/**
 * Cross-origin resource sharing as geth configures it ({@code --http.corsdomain}, rs/cors with
 * methods POST and GET, any request header, preflight cached 600 s). Origins match case-blind; an
 * entry may hold one {@code *} wildcard ({@code http://*.example.org}); {@code *} alone allows
 * every origin.
 */
final class CorsPolicy {
  static final String MAX_AGE = "600";

  private final List<String> origins;
  private final boolean any;

  CorsPolicy(List<String> origins) {
    this.origins = origins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
    this.any = this.origins.contains("*");
  }

  boolean enabled() {
    return !origins.isEmpty();
  }

  boolean allowsOrigin(String origin) {
    if (origin == null || origin.isEmpty()) {
      return false;
    }
    if (any) {
      return true;
    }
    String candidate = origin.toLowerCase(Locale.ROOT);
    for (String allowed : origins) {
      int star = allowed.indexOf('*');
      if (star < 0) {
        if (allowed.equals(candidate)) {
          return true;
        }
      } else {
        String prefix = allowed.substring(0, star);
        String suffix = allowed.substring(star + 1);
        if (candidate.length() >= prefix.length() + suffix.length()
            && candidate.startsWith(prefix)
            && candidate.endsWith(suffix)) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean allowsMethod(String method) {
    return "POST".equalsIgnoreCase(method) || "GET".equalsIgnoreCase(method);
  }

  /** The Access-Control-Allow-Origin value for an allowed origin. */
  String allowOriginValue(String origin) {
    return any ? "*" : origin;
  }
}
