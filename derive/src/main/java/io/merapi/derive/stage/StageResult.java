package io.merapi.derive.stage;

/**
 * What a stage hands to the one after it when asked for its next item (specs derivation.md "L2
 * Chain Derivation Pipeline": data is pulled from the outer stages by the inner ones).
 *
 * <p>Running out of input is not an error: {@link NotEnoughData} says the stage moved its own state
 * forward and should be asked again at once; {@link Eof} says it holds nothing more until the L1
 * traversal advances to the next L1 block. Errors are {@link
 * io.merapi.derive.DerivationException}s.
 */
public sealed interface StageResult<T> {

  /** An item. */
  record Ready<T>(T value) implements StageResult<T> {
    public Ready {
      java.util.Objects.requireNonNull(value, "value");
    }
  }

  /** No item this time, but progress was made: ask again. */
  record NotEnoughData<T>() implements StageResult<T> {}

  /** No item until the pipeline's L1 origin advances. */
  record Eof<T>() implements StageResult<T> {}

  static <T> StageResult<T> ready(T value) {
    return new Ready<>(value);
  }

  static <T> StageResult<T> notEnoughData() {
    return new NotEnoughData<>();
  }

  static <T> StageResult<T> eof() {
    return new Eof<>();
  }

  /** True if this result carries an item. */
  default boolean isReady() {
    return this instanceof Ready<T>;
  }
}
