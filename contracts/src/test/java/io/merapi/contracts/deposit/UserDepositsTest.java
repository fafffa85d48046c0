package io.merapi.contracts.deposit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.OptimismPortal2.Events.TransactionDeposited;
import io.merapi.types.receipt.Log;
import io.merapi.types.transaction.DepositSource;
import io.merapi.types.transaction.DepositTransaction;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserDepositsTest {
  private static final Address PORTAL =
      Address.fromHex("0x00000000000000000000000000000000000000a1");
  private static final Address FROM = Address.fromHex("0x00000000000000000000000000000000000000f1");
  private static final Address TO = Address.fromHex("0x00000000000000000000000000000000000000e1");
  private static final Hash BLOCK = Hash.fromHex("0x" + "ab".repeat(32));

  /** The opaque data written out field by field, as the spec lays it out. */
  private static Bytes opaque(long mint, long value, long gas, boolean creation, String dataHex) {
    Bytes data = Bytes.fromHex(dataHex);
    byte[] out = new byte[73 + data.length()];
    UInt256.valueOf(mint).toBytes(out, 0);
    UInt256.valueOf(value).toBytes(out, 32);
    for (int i = 0; i < 8; i++) {
      out[64 + i] = (byte) (gas >>> (56 - 8 * i));
    }
    out[72] = (byte) (creation ? 1 : 0);
    System.arraycopy(data.array(), 0, out, 73, data.length());
    return Bytes.wrap(out);
  }

  private static Log log(Address emitter, UInt256 version, Bytes opaque) {
    List<Object> values = List.of(FROM, TO, version, opaque);
    return new Log(
        emitter,
        TransactionDeposited.EVENT.encodeTopics(values),
        Bytes.wrap(TransactionDeposited.EVENT.encodeData(values)));
  }

  @Test
  void aDepositLogBecomesTheDepositItDescribes() {
    DepositTransaction tx =
        UserDeposits.fromLog(
            log(PORTAL, UInt256.ZERO, opaque(5, 3, 100_000, false, "0xc0ffee")), BLOCK, 7);
    assertThat(tx.sourceHash()).isEqualTo(DepositSource.userDeposit(BLOCK, 7));
    assertThat(tx.from()).isEqualTo(FROM);
    assertThat(tx.to()).contains(TO);
    assertThat(tx.mint()).isEqualTo(UInt256.valueOf(5));
    assertThat(tx.value()).isEqualTo(UInt256.valueOf(3));
    assertThat(tx.gasLimit()).isEqualTo(100_000);
    assertThat(tx.isSystemTx()).isFalse();
    assertThat(tx.data()).isEqualTo(Bytes.fromHex("0xc0ffee"));

    DepositTransaction creation =
        UserDeposits.fromLog(
            log(PORTAL, UInt256.ZERO, opaque(0, 0, 21_000, true, "0x60")), BLOCK, 0);
    assertThat(creation.to()).isEmpty();
  }

  @Test
  void onlyThePortalsDepositEventsOfABlockCountWithTheirLogIndex() {
    Log other =
        log(
            Address.fromHex("0x00000000000000000000000000000000000000b2"),
            UInt256.ZERO,
            opaque(0, 0, 1, false, "0x"));
    Log first = log(PORTAL, UInt256.ZERO, opaque(1, 0, 50_000, false, "0x"));
    Log unrelated = new Log(PORTAL, List.of(Hash.ZERO), Bytes.EMPTY);
    Log second = log(PORTAL, UInt256.ZERO, opaque(2, 0, 50_000, false, "0x"));
    List<DepositTransaction> deposits =
        UserDeposits.fromBlock(PORTAL, BLOCK, List.of(other, first, unrelated, second));
    assertThat(deposits).hasSize(2);
    assertThat(deposits.get(0).sourceHash()).isEqualTo(DepositSource.userDeposit(BLOCK, 1));
    assertThat(deposits.get(1).sourceHash()).isEqualTo(DepositSource.userDeposit(BLOCK, 3));
  }

  @Test
  void badDepositEventsAreRefusedWithTheirReason() {
    assertThatThrownBy(
            () ->
                UserDeposits.fromLog(
                    log(PORTAL, UInt256.ONE, opaque(0, 0, 1, false, "0x")), BLOCK, 0))
        .isInstanceOf(UserDeposits.InvalidDepositException.class)
        .hasMessageContaining("unknown deposit version");
    assertThatThrownBy(
            () -> UserDeposits.fromLog(log(PORTAL, UInt256.ZERO, Bytes.fromHex("0x00")), BLOCK, 0))
        .hasMessageContaining("at least 73");
    Log garbled =
        new Log(
            PORTAL,
            log(PORTAL, UInt256.ZERO, opaque(0, 0, 1, false, "0x")).topics(),
            Bytes.fromHex("0x1234"));
    assertThatThrownBy(() -> UserDeposits.fromLog(garbled, BLOCK, 0))
        .isInstanceOf(UserDeposits.InvalidDepositException.class)
        .hasMessageContaining("does not decode");
  }
}
