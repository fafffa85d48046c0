package io.merapi.explorer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** What the explorer ITs read of a page over HTTP: redirects are answers, not followed. */
final class PageClient {
  /** A page as a client receives it. */
  record Response(int status, String body, Optional<String> location) {}

  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** GET {@code path} of the explorer at {@code base}, bounded to 20 s. */
  Response get(URI base, String path) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(), response.body(), response.headers().firstValue("Location"));
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The client underneath, for requests other than GET. */
  HttpClient http() {
    return http;
  }
}
