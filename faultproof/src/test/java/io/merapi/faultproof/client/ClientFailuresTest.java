package io.merapi.faultproof.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.faultproof.boot.BootInfo;
import io.merapi.faultproof.preimage.Hint;
import io.merapi.faultproof.preimage.PreimageKey;
import io.merapi.faultproof.preimage.PreimageUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The program's failures are exit 2 with one line on stderr, never a verdict. */
class ClientFailuresTest {
  private static final Hash OUTPUT_ROOT = Hash.fromHex("0x" + "03".repeat(32));

  /** Serves the boot inputs and whatever else the test puts in; a missing key is unavailable. */
  private static final class MapOracle {
    final BootInfo boot;
    final Map<PreimageKey, byte[]> values = new HashMap<>();
    final List<Hint> hints = new ArrayList<>();

    MapOracle(BootInfo boot) {
      this.boot = boot;
    }

    byte[] get(PreimageKey key) {
      byte[] value = values.get(key);
      if (value != null) {
        return value;
      }
      return boot.value(key)
          .orElseThrow(() -> new PreimageUnavailableException("pre-image " + key + " missing"));
    }
  }

  private record Outcome(int code, String err) {}

  private static Outcome run(MapOracle oracle) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ClientMain.run(
            oracle::get, oracle.hints::add, new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, err.toString(StandardCharsets.UTF_8));
  }

  private static BootInfo customBoot(String rollupJson) {
    return BootInfo.custom(
        Hash.fromHex("0x" + "01".repeat(32)),
        OUTPUT_ROOT,
        Hash.fromHex("0x" + "04".repeat(32)),
        5,
        new BootInfo.CustomChain(
            Bytes.wrap("{}".getBytes(StandardCharsets.UTF_8)),
            Bytes.wrap(rollupJson.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void aChainKnownOnlyByIdIsRefused() {
    MapOracle oracle = new MapOracle(BootInfo.known(Hash.ZERO, OUTPUT_ROOT, Hash.ZERO, 5, 10));
    Outcome outcome = run(oracle);
    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err()).contains("chain id 10 is not known").doesNotContain("\n\n");
  }

  @Test
  void anInvalidRollupConfigIsExit2() {
    Outcome outcome = run(new MapOracle(customBoot("not json")));
    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err()).startsWith("fault-proof program failed:");
  }

  @Test
  void aWrongPreimageFromTheHostIsExit2() throws Exception {
    MapOracle oracle = new MapOracle(customBoot(validRollupJson()));
    // 128 bytes that are not the agreed output root's pre-image.
    oracle.values.put(PreimageKey.keccak256(OUTPUT_ROOT), new byte[128]);
    Outcome outcome = run(oracle);
    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err()).contains("wrong pre-image");
    // The hint went out before the request, as op-program sends it.
    assertThat(oracle.hints).extracting(Hint::type).containsExactly("l2-output");
  }

  @Test
  void aMissingKeyIsExit2() throws Exception {
    Outcome outcome = run(new MapOracle(customBoot(validRollupJson())));
    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err()).contains("missing").endsWith("\n");
    assertThat(outcome.err().strip().lines().count()).isEqualTo(1);
  }

  private static String validRollupJson() throws Exception {
    try (var in = ClientFailuresTest.class.getResourceAsStream("/io/merapi/node/rpc/rollup.json")) {
      if (in != null) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    throw new IllegalStateException("the node test-jar's rollup.json is missing");
  }
}
