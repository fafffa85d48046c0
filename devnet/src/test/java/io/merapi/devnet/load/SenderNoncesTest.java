package io.merapi.devnet.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SenderNoncesTest {
  @Test
  void handsOutConsecutiveNoncesUpToTheInFlightLimit() {
    SenderNonces nonces = new SenderNonces(7, 3);
    assertThat(nonces.take()).hasValue(7);
    assertThat(nonces.take()).hasValue(8);
    assertThat(nonces.take()).hasValue(9);
    assertThat(nonces.take()).isEmpty();
    assertThat(nonces.inFlight()).isEqualTo(3);

    nonces.answered(true);
    assertThat(nonces.take()).hasValue(10);
    assertThat(nonces.take()).isEmpty();
  }

  @Test
  void aRefusalStopsTheSenderUntilEveryAnswerIsInAndTheNodesNonceIsRead() {
    SenderNonces nonces = new SenderNonces(0, 4);
    nonces.take();
    nonces.take();
    nonces.take();
    nonces.answered(false); // nonce 0 refused: 1 and 2 would wait behind a gap
    assertThat(nonces.take()).isEmpty();
    assertThat(nonces.needsResync()).isFalse(); // 1 and 2 still out
    nonces.answered(true);
    nonces.answered(true);
    assertThat(nonces.needsResync()).isTrue();
    assertThatThrownBy(() -> new SenderNonces(0, 1).resynced(0))
        .isInstanceOf(IllegalStateException.class);

    nonces.resynced(0); // the node's pending nonce: the gap is at 0
    assertThat(nonces.needsResync()).isFalse();
    assertThat(nonces.take()).isEqualTo(OptionalLong.of(0));
    assertThat(nonces.next()).isEqualTo(1);
  }

  @Test
  void anAnswerWithoutATakeIsABug() {
    assertThatThrownBy(() -> new SenderNonces(0, 1).answered(true))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesANegativeNonceAndAZeroLimit() {
    assertThatThrownBy(() -> new SenderNonces(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SenderNonces(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
