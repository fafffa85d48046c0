package io.merapi.base.abi;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Keccak256;
import java.util.Arrays;
import java.util.List;

/**
 * A contract function: its calldata is the 4-byte selector (the first bytes of the keccak-256 of
 * {@code name(inputs)}) followed by the encoded arguments; its return data is the encoded outputs.
 */
public record AbiFunction(String name, AbiType.Tuple inputs, AbiType.Tuple outputs) {

  /** Parses {@code name(T1,T2)} with outputs written as a tuple {@code (R1,R2)}. */
  public static AbiFunction parse(String signature, String outputs) {
    int open = signature.indexOf('(');
    if (open <= 0 || !signature.endsWith(")")) {
      throw new AbiException("not a function signature: " + signature);
    }
    return new AbiFunction(
        signature.substring(0, open),
        (AbiType.Tuple) AbiType.parse(signature.substring(open)),
        (AbiType.Tuple) AbiType.parse(outputs));
  }

  /** The canonical signature, {@code name(T1,T2)}. */
  public String signature() {
    return name + inputs.canonical();
  }

  /** The four selector bytes. */
  public Bytes selector() {
    return Bytes.wrap(Arrays.copyOf(Keccak256.hash(AbiSignatures.utf8(signature())), 4));
  }

  /** The calldata of a call with {@code arguments}. */
  public byte[] encodeCall(List<?> arguments) {
    return AbiSignatures.concat(selector().array(), AbiCodec.encode(inputs, arguments));
  }

  /** The arguments of {@code calldata}, which must start with this function's selector. */
  public List<Object> decodeCall(byte[] calldata) {
    AbiSignatures.requireSelector(calldata, selector(), signature());
    return AbiCodec.decode(inputs, Arrays.copyOfRange(calldata, 4, calldata.length));
  }

  /** The values returned in {@code returnData}. */
  public List<Object> decodeOutputs(byte[] returnData) {
    return AbiCodec.decode(outputs, returnData);
  }

  /** The return data of {@code values}, as the function would return them. */
  public byte[] encodeOutputs(List<?> values) {
    return AbiCodec.encode(outputs, values);
  }
}
