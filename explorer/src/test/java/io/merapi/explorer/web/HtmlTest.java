package io.merapi.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "plain 0xabc|plain 0xabc",
        "<script>alert(1)</script>|&lt;script&gt;alert(1)&lt;/script&gt;",
        "a & b|a &amp; b",
        "\" onmouseover=\"x|&quot; onmouseover=&quot;x",
        "it's|it&#39;s",
        "&amp;|&amp;amp;"
      })
  void escapesTheCharactersThatEndTextOrAnAttribute(String input, String escaped) {
    assertThat(Html.escape(input)).isEqualTo(escaped);
    assertThat(new Html().text(input).toString()).isEqualTo(escaped);
  }

  @Test
  void linksEscapeTheirTargetTitleAndLabel() {
    String html = new Html().link("/l2/tx/\"><img src=x>", "<b>label</b>", "t'itle").toString();

    assertThat(html)
        .isEqualTo(
            "<a href=\"/l2/tx/&quot;&gt;&lt;img src=x&gt;\" title=\"t&#39;itle\">"
                + "&lt;b&gt;label&lt;/b&gt;</a>");
  }

  @Test
  void elementsEscapeTheirClassAndText() {
    assertThat(new Html().element("span", "status \"x\"", "<safe>").toString())
        .isEqualTo("<span class=\"status &quot;x&quot;\">&lt;safe&gt;</span>");
  }

  @Test
  void rawMarkupAndAppendedPiecesKeepTheirOrder() {
    Html inner = new Html().text("<1>");
    assertThat(new Html().raw("<p>").append(inner).raw("</p>").toString())
        .isEqualTo("<p>&lt;1&gt;</p>");
  }
}
