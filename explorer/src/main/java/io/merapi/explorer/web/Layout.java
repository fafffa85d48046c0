package io.merapi.explorer.web;

import java.util.OptionalInt;

/**
 * The one look of every page: title, the search box, the status strip, the body. The stylesheet is
 * inline and the pages load nothing from elsewhere, so they work on a machine without network. A
 * page that moves carries its refresh period: {@code explorer.js} fetches its live part again
 * ({@code ?fragment=status}) and swaps it in place; without scripts a meta refresh reloads it
 * (explorer/DESIGN.md §9).
 */
final class Layout {
  private static final String STYLE =
      """
      :root{--fg:#1d232a;--muted:#5f6b76;--line:#dde3e8;--bg:#f6f8fa;--accent:#0b63b6;\
      --ok:#1c7c39;--warn:#a05a00;--bad:#b3261e}
      *{box-sizing:border-box}
      body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
      color:var(--fg);background:var(--bg)}
      header{background:#12263a;color:#fff;padding:10px 20px;display:flex;gap:20px;\
      align-items:center;flex-wrap:wrap}
      header a{color:#fff;text-decoration:none;font-weight:600;font-size:18px}
      header form{flex:1;display:flex;gap:6px;min-width:260px}
      header input{flex:1;padding:7px 9px;border-radius:6px;border:0;font:inherit}
      header button{padding:7px 14px;border-radius:6px;border:0;background:#3d8bd9;color:#fff;\
      font:inherit;cursor:pointer}
      main{max-width:1180px;margin:0 auto;padding:16px 20px 40px}
      h1{font-size:22px;margin:8px 0 14px;word-break:break-all}
      h2{font-size:17px;margin:22px 0 8px}
      .strip{display:flex;gap:18px;flex-wrap:wrap;font-size:13px;color:var(--muted);\
      padding:6px 20px;background:#fff;border-bottom:1px solid var(--line)}
      .strip b{color:var(--fg)}
      .down{background:#fdecea;color:var(--bad);padding:8px 20px;border-bottom:1px solid #f5c2bd}
      table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line);\
      border-radius:6px}
      th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line);\
      vertical-align:top}
      th{color:var(--muted);font-weight:500;white-space:nowrap}
      table.kv th{width:190px}
      td.mono,span.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px;\
      word-break:break-all}
      a{color:var(--accent)}
      .cols{display:grid;grid-template-columns:1fr 1fr;gap:18px}
      @media (max-width:820px){.cols{grid-template-columns:1fr}}
      .status{display:inline-block;padding:1px 8px;border-radius:10px;font-size:13px;\
      font-weight:600}
      .status.finalized{background:#e3f4e8;color:var(--ok)}
      .status.safe{background:#e6f0fb;color:var(--accent)}
      .status.unsafe,.status.latest,.status.pending{background:#fff4e0;color:var(--warn)}
      .status.failed{background:#fdecea;color:var(--bad)}
      .status.success{background:#e3f4e8;color:var(--ok)}
      .muted{color:var(--muted)}
      .problem{background:#fff;border:1px solid var(--line);border-radius:6px;padding:16px 20px}
      """;

  /** The refresh script, served from the jar (the only script; pages work without it). */
  static final String SCRIPT = "/static/explorer.js";

  /**
   * Around the part of a page that moves (the status strip and the body): what {@code
   * ?fragment=status} answers. Escaped text never holds {@code <}, so these cannot come from data.
   */
  private static final String LIVE_START = "<!--live-->";

  private static final String LIVE_END = "<!--/live-->";

  private Layout() {}

  /** The live part of a page {@link #page} made (the whole text if it has none). */
  static String live(String page) {
    int start = page.indexOf(LIVE_START);
    int end = page.lastIndexOf(LIVE_END);
    if (start < 0 || end < start) {
      return page;
    }
    return page.substring(start + LIVE_START.length(), end);
  }

  /**
   * The document for {@code body} under {@code title}; {@code refreshSeconds} makes a page whose
   * content moves (heads, an unsafe transaction) reload itself.
   */
  static String page(String title, Html strip, Html body, OptionalInt refreshSeconds) {
    Html doc = new Html();
    doc.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    if (refreshSeconds.isPresent()) {
      // With scripts, explorer.js swaps the live part in place; without, the page reloads.
      doc.raw("<noscript><meta http-equiv=\"refresh\" content=\"")
          .text(refreshSeconds.getAsInt())
          .raw("\"></noscript>");
      doc.raw("<script src=\"").raw(SCRIPT).raw("\" defer></script>");
    }
    doc.raw("<title>").text(title).raw(" · Merapi explorer</title>");
    doc.raw("<style>").raw(STYLE).raw("</style></head><body>");
    doc.raw("<header><a href=\"/\">Merapi explorer</a>")
        .raw("<form action=\"/search\" method=\"get\" role=\"search\">")
        .raw("<input name=\"q\" placeholder=\"Transaction or block hash, address, block number\"")
        .raw(" aria-label=\"Search\"><button type=\"submit\">Search</button></form></header>");
    doc.raw(LIVE_START).raw("<div id=\"live\"");
    if (refreshSeconds.isPresent()) {
      doc.raw(" data-refresh=\"").text(refreshSeconds.getAsInt()).raw("\"");
    }
    doc.raw(">").append(strip);
    doc.raw("<main>").append(body).raw("</main></div>").raw(LIVE_END).raw("</body></html>");
    return doc.toString();
  }
}
