package io.merapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The cheap check that a devnet's block explorer serves: one GET of its home page (the explorer's
 * own ITs check what the pages show).
 */
final class ExplorerPage {
  private ExplorerPage() {}

  static void assertHomeAnswers(URI explorer) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpResponse<String> home =
          http.send(
              HttpRequest.newBuilder(explorer.resolve("/")).timeout(Duration.ofSeconds(20)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
      assertThat(home.body()).contains("The rollup at a glance").contains("L2 safe");
    }
  }
}
