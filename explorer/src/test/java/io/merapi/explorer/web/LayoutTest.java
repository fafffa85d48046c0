package io.merapi.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LayoutTest {
  private static final Html STRIP = new Html().raw("<div class=\"strip\">").text("L1 head 7");

  @Test
  void aMovingPageRefreshesWithTheScriptOrWithoutIt() {
    String page =
        Layout.page("Home", STRIP.raw("</div>"), new Html().text("body"), OptionalInt.of(4));

    assertThat(page)
        .contains("<noscript><meta http-equiv=\"refresh\" content=\"4\"></noscript>")
        .contains("<script src=\"/static/explorer.js\" defer></script>")
        .contains("<div id=\"live\" data-refresh=\"4\">");
  }

  @Test
  void aSettledPageHasNoRefreshAndNoScript() {
    String page = Layout.page("Tx", new Html(), new Html().text("done"), OptionalInt.empty());

    assertThat(page)
        .doesNotContain("http-equiv=\"refresh\"")
        .doesNotContain("<script")
        .contains("<div id=\"live\">");
  }

  @Test
  void theFragmentIsTheLivePartOnlyAndDataCannotEndItEarly() {
    String hostile = "<!--/live--> <b>";
    String page =
        Layout.page("T", new Html().text("strip"), new Html().text(hostile), OptionalInt.of(2));

    String live = Layout.live(page);
    assertThat(live)
        .startsWith("<div id=\"live\" data-refresh=\"2\">")
        .endsWith("</main></div>")
        .contains("&lt;!--/live--&gt; &lt;b&gt;")
        .doesNotContain("<header")
        .doesNotContain("<title>");
    assertThat(Page.ok(page).live().html()).isEqualTo(live);
    assertThat(Page.redirect("/x").live()).isEqualTo(Page.redirect("/x"));
  }
}
