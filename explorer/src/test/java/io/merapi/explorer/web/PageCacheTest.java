package io.merapi.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PageCacheTest {
  private final AtomicLong clock = new AtomicLong();
  private final PageCache cache = new PageCache(Duration.ofSeconds(1), clock::get);
  private final AtomicInteger renders = new AtomicInteger();

  private Page render(int status) {
    return Page.status(status, "page " + renders.incrementAndGet());
  }

  @Test
  void aPageServesEveryoneUntilItIsOneSecondOld() {
    assertThat(cache.get("/", () -> render(200)).html()).isEqualTo("page 1");
    clock.set(Duration.ofMillis(999).toNanos());
    assertThat(cache.get("/", () -> render(200)).html()).isEqualTo("page 1");
    assertThat(cache.get("/l2/block/1", () -> render(200)).html()).isEqualTo("page 2");
    clock.set(Duration.ofMillis(1000).toNanos());
    assertThat(cache.get("/", () -> render(200)).html()).isEqualTo("page 3");
  }

  @Test
  void missingOrFailingPagesAreNotKept() {
    assertThat(cache.get("/l2/tx/0x1", () -> render(404)).html()).isEqualTo("page 1");
    assertThat(cache.get("/l2/tx/0x1", () -> render(200)).html()).isEqualTo("page 2");
    assertThatThrownBy(
            () ->
                cache.get(
                    "/x",
                    () -> {
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(cache.get("/x", () -> render(200)).html()).isEqualTo("page 3");
  }

  @Test
  void thoseWhoAskDuringARenderWaitForIt() throws Exception {
    CountDownLatch rendering = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    try {
      Future<Page> first =
          pool.submit(
              () ->
                  cache.get(
                      "/",
                      () -> {
                        rendering.countDown();
                        await(release);
                        return render(200);
                      }));
      assertThat(rendering.await(10, TimeUnit.SECONDS)).isTrue();
      Future<Page> second = pool.submit(() -> cache.get("/", () -> render(200)));
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS).html()).isEqualTo("page 1");
      assertThat(second.get(10, TimeUnit.SECONDS).html()).isEqualTo("page 1");
      assertThat(renders).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
