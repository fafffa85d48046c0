package io.merapi.proposer.output;

import static io.merapi.proposer.Fakes.hash;
import static io.merapi.proposer.Fakes.l2;
import static io.merapi.proposer.Fakes.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.service.rollup.OutputResponse;
import io.merapi.types.rollup.OutputRoot;
import org.junit.jupiter.api.Test;

class OutputCheckTest {
  final OutputRoot engine = new OutputRoot(hash(1), hash(2), l2(7).hash());

  OutputResponse node(Hash version, Hash root, Hash stateRoot, Hash storageRoot) {
    return new OutputResponse(version, root, l2(7), storageRoot, stateRoot, status(7, 7, 9));
  }

  @Test
  void theVersion0FormulaIsKeccakOfZeroStateRootStorageRootAndBlockHash() {
    byte[] preimage = new byte[128];
    System.arraycopy(hash(1).toArray(), 0, preimage, 32, 32);
    System.arraycopy(hash(2).toArray(), 0, preimage, 64, 32);
    System.arraycopy(l2(7).hash().toArray(), 0, preimage, 96, 32);
    assertThat(engine.root()).isEqualTo(Keccak256.digest(preimage));
  }

  @Test
  void agreesWhenEveryPartIsTheSame() {
    assertThat(OutputCheck.compare(node(Hash.ZERO, engine.root(), hash(1), hash(2)), engine))
        .isEqualTo(new OutputCheck.Agrees(engine.root()));
  }

  @Test
  void namesTheStorageRootWhenOnlyItDiffers() {
    OutputRoot lie = new OutputRoot(hash(1), hash(3), l2(7).hash());
    var verdict = OutputCheck.compare(node(Hash.ZERO, lie.root(), hash(1), hash(3)), engine);
    assertThat(verdict)
        .isInstanceOfSatisfying(
            OutputCheck.Disagrees.class,
            d ->
                assertThat(d.reason())
                    .contains("L2ToL1MessagePasser storage root")
                    .contains("output root")
                    .doesNotContain("state root:"));
  }

  @Test
  void refusesARootThatIsNotTheHashOfItsOwnParts() {
    var verdict = OutputCheck.compare(node(Hash.ZERO, hash(9), hash(1), hash(2)), engine);
    assertThat(verdict)
        .isInstanceOfSatisfying(
            OutputCheck.Disagrees.class,
            d -> assertThat(d.reason()).contains("is not the hash of its parts"));
  }

  @Test
  void refusesAnotherVersion() {
    var verdict = OutputCheck.compare(node(hash(1), engine.root(), hash(1), hash(2)), engine);
    assertThat(verdict)
        .isInstanceOfSatisfying(
            OutputCheck.Disagrees.class, d -> assertThat(d.reason()).contains("only 0"));
  }
}
