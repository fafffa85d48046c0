package io.merapi.evm.precompile;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Osaka's precompile changes against go-ethereum's vector files: MODEXP's EIP-7883 prices ({@code
 * modexp_eip7883.json}) and EIP-7951's P256VERIFY ({@code p256Verify.json}, at L1's 6900 gas);
 * every case passes at exactly its price and runs out of gas one short. EIP-7823's length bound is
 * checked on its edges.
 */
class OsakaPrecompileVectorsTest {
  static final List<Vectors.Success> MODEXP = GethVectors.passing("modexp_eip7883");
  static final List<Vectors.Success> P256 = GethVectors.passing("p256Verify");

  @ParameterizedTest(name = "{0}")
  @FieldSource("MODEXP")
  void modExpEip7883(Vectors.Success vector) {
    Vectors.check(ModExp.OSAKA, vector);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("P256")
  void p256VerifyEip7951(Vectors.Success vector) {
    Vectors.check(P256Verify.EIP7951, vector);
  }

  @Test
  void everyVectorOfTheSharedFilesRuns() {
    assertThat(MODEXP).hasSize(45);
    assertThat(P256).hasSize(782);
  }

  @Test
  void eip7823BoundsEachLengthAt1024Bytes() {
    String max = word(1024);
    String above = word(1025);
    String one = word(1);
    // 1024 bytes each is allowed (a zero modulus gives zeros: priced, not refused).
    PrecompileResult atBound = ModExp.OSAKA.execute(Hex.decode(max + one + max), Long.MAX_VALUE);
    assertThat(atBound).isInstanceOf(PrecompileResult.Success.class);
    for (String lengths : List.of(above + one + one, one + above + one, one + one + above)) {
      PrecompileResult result = ModExp.OSAKA.execute(Hex.decode(lengths), Long.MAX_VALUE);
      assertThat(result).as(lengths).isInstanceOf(PrecompileResult.Failure.class);
      assertThat(((PrecompileResult.Failure) result).reason()).contains("EIP-7823");
      // Before Osaka the same lengths are merely priced.
      assertThat(ModExp.BERLIN.execute(Hex.decode(lengths), Long.MAX_VALUE))
          .isInstanceOf(PrecompileResult.Success.class);
    }
  }

  private static String word(int value) {
    return "%064x".formatted(value);
  }
}
