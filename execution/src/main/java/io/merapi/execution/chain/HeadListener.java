package io.merapi.execution.chain;

/**
 * Told about every head change after it is stored, on the thread that made it, in order. A listener
 * should hand the event off quickly (the next import waits for it) and must not throw.
 */
@FunctionalInterface
public interface HeadListener {
  void onHeadChange(HeadChange change);
}
