package io.merapi.explorer.web;

import java.util.Optional;

/**
 * What a route answers: an HTML page with its HTTP status, or a redirect (search results).
 *
 * @param html the whole document; empty for a redirect
 * @param location where a redirect goes
 */
public record Page(int status, String html, Optional<String> location) {
  public static Page ok(String html) {
    return new Page(200, html, Optional.empty());
  }

  public static Page status(int status, String html) {
    return new Page(status, html, Optional.empty());
  }

  public static Page redirect(String location) {
    return new Page(303, "", Optional.of(location));
  }

  /** Only the part of the page that moves, for {@code ?fragment=status}. */
  public Page live() {
    return location.isPresent() ? this : new Page(status, Layout.live(html), location);
  }
}
