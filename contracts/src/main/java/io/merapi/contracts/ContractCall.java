package io.merapi.contracts;

import io.merapi.base.abi.AbiFunction;
import io.merapi.base.bytes.Bytes;
import java.util.List;
import java.util.function.Function;

/**
 * One call of a contract function, made by a generated binding: the calldata to send (in a
 * transaction or an {@code eth_call}) and the decoder of what the function returns.
 *
 * @param <R> the Java value of the function's outputs ({@code Void} for none)
 */
public final class ContractCall<R> {
  private final AbiFunction function;
  private final Bytes data;
  private final Function<List<Object>, R> result;

  private ContractCall(AbiFunction function, Bytes data, Function<List<Object>, R> result) {
    this.function = function;
    this.data = data;
    this.result = result;
  }

  public static <R> ContractCall<R> of(
      AbiFunction function, List<?> arguments, Function<List<Object>, R> result) {
    return new ContractCall<>(function, Bytes.wrap(function.encodeCall(arguments)), result);
  }

  public AbiFunction function() {
    return function;
  }

  /** The calldata: selector and encoded arguments. */
  public Bytes data() {
    return data;
  }

  /**
   * The function's return value from its return data.
   *
   * @throws io.merapi.base.abi.AbiException if the data does not decode as the outputs
   */
  public R decode(byte[] returnData) {
    return result.apply(function.decodeOutputs(returnData));
  }

  @Override
  public String toString() {
    return function.signature() + " " + data.toHex();
  }
}
