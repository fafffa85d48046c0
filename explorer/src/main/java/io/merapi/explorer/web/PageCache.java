package io.merapi.explorer.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Pages rendered within the last {@code maxAge}, shared by everyone who asks for the same address
 * meanwhile: under load many people open the same few pages (the home page, the newest blocks), and
 * each render costs several node calls. Those who ask while a page is being rendered wait for that
 * render instead of starting their own. Only successful pages are kept, so a page that was missing
 * or failing is asked for again at once; a kept page is at most {@code maxAge} behind the chains,
 * which the pages' own refresh interval exceeds anyway.
 */
final class PageCache {
  /** Beyond this many addresses the expired ones are dropped. */
  private static final int MAX_ENTRIES = 4096;

  private record Entry(CompletableFuture<Page> page, long bornNanos) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;

  PageCache(Duration maxAge, LongSupplier nanoTime) {
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  /** The page at {@code key}: a fresh kept one, the one being rendered, or {@code render}'s. */
  Page get(String key, Supplier<Page> render) {
    long now = nanoTime.getAsLong();
    Entry mine = new Entry(new CompletableFuture<>(), now);
    Entry current =
        entries.compute(
            key, (k, old) -> old != null && now - old.bornNanos() < maxAgeNanos ? old : mine);
    if (current != mine) {
      try {
        return current.page().join();
      } catch (CompletionException e) {
        return render.get(); // that render failed: try on our own
      }
    }
    if (entries.size() > MAX_ENTRIES) {
      entries.values().removeIf(e -> now - e.bornNanos() >= maxAgeNanos);
    }
    Page page;
    try {
      page = render.get();
    } catch (RuntimeException | Error e) {
      entries.remove(key, mine);
      mine.page().completeExceptionally(e);
      throw e;
    }
    if (page.status() != 200) {
      entries.remove(key, mine);
    }
    mine.page().complete(page);
    return page;
  }
}
