package io.merapi.base.abi;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Keccak256;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A custom error (Solidity 0.8.4+): revert data is the selector of {@code Name(inputs)} and the
 * encoded arguments, as for a function call. {@link #ERROR} and {@link #PANIC} are the two errors
 * the compiler itself raises.
 */
public record AbiError(String name, AbiType.Tuple inputs) {
  /** {@code Error(string)}: {@code require(cond, "reason")} and {@code revert("reason")}. */
  public static final AbiError ERROR = parse("Error(string)");

  /** {@code Panic(uint256)}: assertion failures, overflow, division by zero (code in the word). */
  public static final AbiError PANIC = parse("Panic(uint256)");

  /** Parses {@code Name(T1,T2)}. */
  public static AbiError parse(String signature) {
    AbiFunction f = AbiFunction.parse(signature, "()");
    return new AbiError(f.name(), f.inputs());
  }

  public String signature() {
    return name + inputs.canonical();
  }

  public Bytes selector() {
    return Bytes.wrap(Arrays.copyOf(Keccak256.hash(AbiSignatures.utf8(signature())), 4));
  }

  /** The revert data of this error with {@code arguments}. */
  public byte[] encode(List<?> arguments) {
    return AbiSignatures.concat(selector().array(), AbiCodec.encode(inputs, arguments));
  }

  /**
   * The arguments if {@code revertData} is this error; empty if it is another error or too short
   * for a selector. Data with this selector that does not decode is an {@link AbiException}.
   */
  public Optional<List<Object>> decode(byte[] revertData) {
    if (!AbiSignatures.hasSelector(revertData, selector())) {
      return Optional.empty();
    }
    return Optional.of(
        AbiCodec.decode(inputs, Arrays.copyOfRange(revertData, 4, revertData.length)));
  }

  /** The reason string of {@code Error(string)} revert data, if it is one. */
  public static Optional<String> reason(byte[] revertData) {
    try {
      return ERROR.decode(revertData).map(args -> (String) args.get(0));
    } catch (AbiException e) {
      return Optional.empty();
    }
  }
}
