package io.merapi.explorer.web;

/**
 * HTML being written. Data goes in only through {@link #text} and the attribute-taking methods,
 * which escape it; {@link #raw} is for markup written in this code, never for data. Links are built
 * from parsed values ({@code Hash}, {@code Address}, numbers), and escaped all the same.
 */
public final class Html {
  private final StringBuilder out = new StringBuilder(2048);

  /** Markup from this code, as it is. */
  public Html raw(String markup) {
    out.append(markup);
    return this;
  }

  /** Text, escaped. */
  public Html text(Object value) {
    escapeInto(String.valueOf(value), out);
    return this;
  }

  /** {@code <a href="href">label</a>}, both escaped. */
  public Html link(String href, String label) {
    out.append("<a href=\"");
    escapeInto(href, out);
    out.append("\">");
    escapeInto(label, out);
    out.append("</a>");
    return this;
  }

  /** A link showing {@code label} with the full value in its title (shortened hashes). */
  public Html link(String href, String label, String title) {
    out.append("<a href=\"");
    escapeInto(href, out);
    out.append("\" title=\"");
    escapeInto(title, out);
    out.append("\">");
    escapeInto(label, out);
    out.append("</a>");
    return this;
  }

  /** {@code <tag class="cls">text</tag>} with the text escaped. */
  public Html element(String tag, String cls, Object text) {
    out.append('<').append(tag).append(" class=\"");
    escapeInto(cls, out);
    out.append("\">");
    escapeInto(String.valueOf(text), out);
    out.append("</").append(tag).append('>');
    return this;
  }

  /** Appends another piece. */
  public Html append(Html other) {
    out.append(other.out);
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  public static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    escapeInto(text, sb);
    return sb.toString();
  }

  /** The five characters that can end a text or a quoted attribute, as entities. */
  private static void escapeInto(String text, StringBuilder sb) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
  }
}
