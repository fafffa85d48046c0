package io.merapi.rpc.subscription;

import java.util.function.Consumer;

/**
 * One subscriber's view of a topic: for each published event, zero or more notification results (a
 * {@code logs} subscription sends one notification per matching log). Runs on the publishing
 * thread, so it must be quick and must not block.
 */
@FunctionalInterface
public interface EventFilter<E> {
  void apply(E event, Consumer<Object> notify);

  /** Every event is one notification, sent as it is. */
  static <E> EventFilter<E> everything() {
    return (event, notify) -> notify.accept(event);
  }
}
