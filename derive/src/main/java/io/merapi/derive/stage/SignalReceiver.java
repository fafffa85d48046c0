package io.merapi.derive.stage;

/** A stage that reacts to pipeline {@link Signal}s. */
public interface SignalReceiver {
  void signal(Signal signal);
}
