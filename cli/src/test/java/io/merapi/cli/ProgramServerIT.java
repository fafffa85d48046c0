package io.merapi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.faultproof.boot.BootInfo;
import io.merapi.faultproof.kvstore.DataFormat;
import io.merapi.faultproof.kvstore.DiskKvStores;
import io.merapi.faultproof.kvstore.KvStore;
import io.merapi.faultproof.preimage.ChildChannels;
import io.merapi.faultproof.preimage.Hint;
import io.merapi.faultproof.preimage.HintWriter;
import io.merapi.faultproof.preimage.OracleClient;
import io.merapi.faultproof.preimage.PreimageKey;
import io.merapi.faultproof.preimage.PreimageUnavailableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code merapi program --server} in its own process, started the way Cannon starts op-program's
 * host: its ends of the hint and pre-image channels on descriptors 3 to 6. This test plays the
 * program: it boots from the local keys, hints, reads a pre-image from the offline datadir, and
 * asks for one the host does not have, which ends the host with exit 1 and the program's read with
 * a clear error.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ProgramServerIT {
  @Test
  void servesBootInputsAndDatadirPreimagesOnInheritedDescriptors(@TempDir Path dir)
      throws Exception {
    Path datadir = dir.resolve("preimages");
    byte[] value = "a pre-image on disk".getBytes(StandardCharsets.UTF_8);
    try (KvStore store = DiskKvStores.open(datadir, DataFormat.FILE)) {
      store.put(PreimageKey.keccak256Of(value), value);
    }
    Path rollup = dir.resolve("rollup.json");
    Files.writeString(rollup, "{ \"l2_chain_id\": 901 }");
    Path genesis = dir.resolve("genesis.json");
    Files.writeString(genesis, "{\"config\": {\"chainId\": 901}, \"alloc\": {}}");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(MerapiProcess.SMALL_JVM);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(
        List.of(
            "program",
            "--server",
            "--l1.head=0x" + "01".repeat(32),
            "--l2.head=0x" + "02".repeat(32),
            "--l2.outputroot=0x" + "03".repeat(32),
            "--l2.claim=0x" + "04".repeat(32),
            "--l2.blocknumber=77",
            "--rollup.config=" + rollup,
            "--l2.genesis=" + genesis,
            "--datadir=" + datadir));
    Path log = dir.resolve("host.log");
    ChildChannels.Launched host =
        ChildChannels.start(
            command,
            builder ->
                builder
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())));
    try {
      OracleClient oracle = new OracleClient(host.preimages());
      HintWriter hints = new HintWriter(host.hints());
      BootInfo boot = BootInfo.read(oracle);
      assertThat(boot.l1Head()).isEqualTo(Hash.fromHex("0x" + "01".repeat(32)));
      assertThat(boot.l2ClaimBlockNumber()).isEqualTo(77);
      assertThat(boot.l2ChainId()).isEqualTo(BootInfo.CUSTOM_CHAIN_ID);
      assertThat(new String(boot.customChain().orElseThrow().l2ChainConfigJson().array()))
          .isEqualTo("{\"chainId\":901}");
      hints.hint(Hint.parse("l2-code 0x" + "ab".repeat(32)));
      hints.hint(new Hint("l9-unknown", Bytes.of((byte) 1)));
      assertThat(oracle.get(PreimageKey.keccak256Of(value))).isEqualTo(value);
      assertThatThrownBy(() -> oracle.get(PreimageKey.keccak256Of(new byte[] {7})))
          .isInstanceOf(PreimageUnavailableException.class);
      assertThat(host.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(host.process().exitValue()).isEqualTo(1);
      assertThat(Files.readString(log))
          .contains("Ignored a hint of unknown type: l9-unknown 0x01")
          .contains("is not in the data directory and the host is offline");
    } finally {
      host.process().destroyForcibly();
      host.hints().close();
      host.preimages().close();
    }
  }
}
