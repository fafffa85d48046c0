package io.merapi.evm.precompile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EIP-2537's precompiles against every case of go-ethereum's BLS12-381 vector files (originally
 * from the EIP's test suite): output and gas of the passing ones, and one gas short of the price
 * runs out of gas; every failing one fails. The single-point Mul files run through the MSM
 * precompiles, as in geth.
 */
class Bls12381VectorsTest {
  private static final Map<String, Precompile> FILES =
      Map.of(
          "blsG1Add", BlsFixed.G1_ADD,
          "blsG1Mul", BlsMsm.G1,
          "blsG1MultiExp", BlsMsm.G1,
          "blsG2Add", BlsFixed.G2_ADD,
          "blsG2Mul", BlsMsm.G2,
          "blsG2MultiExp", BlsMsm.G2,
          "blsPairing", new BlsPairing(),
          "blsMapG1", BlsFixed.MAP_FP_TO_G1,
          "blsMapG2", BlsFixed.MAP_FP2_TO_G2);

  static Stream<Arguments> passing() {
    List<Arguments> out = new ArrayList<>();
    FILES.forEach(
        (file, precompile) ->
            GethVectors.passing(file).forEach(v -> out.add(Arguments.of(v, precompile))));
    return out.stream();
  }

  static Stream<Arguments> failing() {
    List<Arguments> out = new ArrayList<>();
    FILES.forEach(
        (file, precompile) ->
            GethVectors.failing(file).forEach(v -> out.add(Arguments.of(v, precompile))));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("passing")
  void passingVector(Vectors.Success vector, Precompile precompile) {
    Vectors.check(precompile, vector);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failing")
  void failingVector(Vectors.Failure vector, Precompile precompile) {
    Vectors.check(precompile, vector);
  }

  @Test
  void everyVectorOfTheSharedFilesRuns() {
    assertThat(passing()).hasSize(869);
    assertThat(failing()).hasSize(59);
  }
}
