package io.merapi.base.abi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Return data and revert data come from other contracts and nodes: any bytes either decode, as each
 * of a few shapes the bindings use, to values that re-encode to a prefix-compatible encoding that
 * decodes to the same values, or are refused with {@link AbiException}. Any other exception fails
 * the run.
 */
class AbiCodecFuzzTest {
  private static final List<AbiType.Tuple> SHAPES =
      List.of(
          (AbiType.Tuple) AbiType.parse("(uint256,address,bool)"),
          (AbiType.Tuple) AbiType.parse("(bytes,string)"),
          (AbiType.Tuple) AbiType.parse("(uint64[],(bytes32,uint32)[])"),
          (AbiType.Tuple)
              AbiType.parse("((uint256,address,address,uint256,uint256,bytes),bytes[])"),
          (AbiType.Tuple) AbiType.parse("(int128,bytes7[2],string[])"));

  @FuzzTest(maxDuration = "30s")
  void decodeIsTotal(byte[] input) {
    for (AbiType.Tuple shape : SHAPES) {
      List<Object> values;
      try {
        values = AbiCodec.decode(shape, input);
      } catch (AbiException refused) {
        continue;
      }
      assertThat(AbiCodec.decode(shape, AbiCodec.encode(shape, values))).isEqualTo(values);
    }
  }
}
