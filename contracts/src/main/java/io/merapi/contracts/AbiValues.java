package io.merapi.contracts;

import java.util.List;
import java.util.function.Function;

/** Conversions of list values between the ABI codec and generated bindings. */
public final class AbiValues {
  private AbiValues() {}

  /** The codec's list value {@code value} with each element converted. */
  public static <T> List<T> list(Object value, Function<Object, T> element) {
    return ((List<?>) value).stream().map(element).toList();
  }

  /** A typed list as the codec's list value, each element converted. */
  public static <T> List<Object> objects(List<T> values, Function<T, Object> element) {
    return values.stream().map(element).toList();
  }
}
