package io.merapi.state.op;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.types.transaction.DepositTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The L1 attributes deposit: calldata layouts, source hash and the deposit's hash. */
class L1AttributesTest {

  /**
   * Real L1 attributes deposits (Holocene era) as nodes serve them: the calldata, the deposit's
   * {@code sourceHash} and transaction hash. Values from public JSON-RPC answers quoted in the
   * op-alloy tests and providers' documentation.
   */
  record RealDeposit(String chain, String input, String sourceHash, String hash) {}

  static final RealDeposit BASE =
      new RealDeposit(
          "Base block 0x191350d",
          "0x440a5e20000008dd00101c1200000000000000030000000067acc63f00000000014d1f2d000000000000"
              + "000000000000000000000000000000000000000000005ba4c0eb00000000000000000000000000000000"
              + "000000000000000000000001ce2291bdcbb8f62c15343b39cfacdbf81c4747822ebb16c2518126e47d98"
              + "4422a82defc10000000000000000000000005050f69a9786f081509234f1a7f4684b5e5b76c9",
          "0x990d7122a1f121f3a6bc45723e28f4921c269037a77e77ffee3c8585136d1a92",
          "0x096c03d72acb06339c9c7860d1c36b6451932ec0ff16fd34aa9e30a73a245e13");

  static final RealDeposit OP_MAINNET =
      new RealDeposit(
          "OP Mainnet block 0x7a69b2c",
          "0x440a5e200000146b000f79c500000000000000040000000067410f830000000001443203000000000000"
              + "00000000000000000000000000000000000000000002fe2cca3c0000000000000000000000000000"
              + "0000000000000000000000000000001f11bf37aac56bf514562b0ee38600119c0a4f70b20f0c6abc66"
              + "a2011d1bdd9b18cb1c0000000000000000000000006887246668a3b87f54deb3b94ba47a6f63f32985",
          "0xf14ecb423df1f95f609d9781126cdd9ea4d248f4502c083507b2f1f72aa779a8",
          "0x4fae8f6c70a4f50cf8894bf9847ed364922826658c3cb73e291e03934637a853");

  static final RealDeposit OP_MAINNET_HOLOCENE =
      new RealDeposit(
          "OP Mainnet block 0x8000000 (Holocene)",
          "0x440a5e200000146b000f79c500000000000000030000000067f3d96300000000015302f1000000000000"
              + "00000000000000000000000000000000000000000002438e769a00000000000000000000000000000000"
              + "0000000000000000000000019ac964ba5f3511f78ffce1555042a48961196583ef9de7ab6384226fda71"
              + "2273645e02610000000000000000000000006887246668a3b87f54deb3b94ba47a6f63f32985",
          "0x883aa371d61056b40ec30d9b74257103351b24d70eb8063940f19f7510e39799",
          "0xfef32a4fab45b73e89e64ba640ef261009a157c64617956ab64e831856f928f7");

  static final RealDeposit UNICHAIN =
      new RealDeposit(
          "Unichain block 0x2abb5e",
          "0x440a5e20000007d0000dbba000000000000000000000000067186878000000000069b0fa00000000000000"
              + "00000000000000000000000000000000000000000010504b250000000000000000000000000000000"
              + "0000000000000000000000000000001344f71a3e2c8ed9540d5e9da7ad1369b954b5a7b27a53078f0"
              + "bf1274048b15dce20000000000000000000000004ab3387810ef500bfe05a49dc53a44c222cbab3e",
          "0xb40d5aa51000b39161b803aa1ace58125ec2b22bbdb0e167d5dfc5bc00ff9d1c",
          "0x1b43eaf62ae3398df8bee31d9b3146fc11626c0e52e2bd0ff2ff1b97866dc705");

  static java.util.List<RealDeposit> realDeposits() {
    return java.util.List.of(BASE, OP_MAINNET, OP_MAINNET_HOLOCENE, UNICHAIN);
  }

  @ParameterizedTest
  @MethodSource("realDeposits")
  void realDepositsRebuildFromTheirCalldata(RealDeposit real) {
    Bytes input = Bytes.fromHex(real.input());
    L1Attributes attributes = L1Attributes.decode(input);
    assertThat(attributes).isInstanceOf(L1Attributes.Ecotone.class);
    assertThat(attributes.encode()).as(real.chain()).isEqualTo(input);
    assertThat(attributes.sourceHash()).isEqualTo(Hash.fromHex(real.sourceHash()));
    DepositTransaction deposit = attributes.deposit(true);
    assertThat(deposit.hash()).as(real.chain()).isEqualTo(Hash.fromHex(real.hash()));
    assertThat(deposit.gasLimit()).isEqualTo(0xf4240);
    assertThat(deposit.isSystemTx()).isFalse();
  }

  @Test
  void ecotoneFieldsSitWhereTheSpecPutsThem() {
    // ecotone/l1-attributes.md: the packed layout, read from the Base block above.
    L1Attributes.Ecotone base =
        (L1Attributes.Ecotone) L1Attributes.decode(Bytes.fromHex(BASE.input()));
    assertThat(base.baseFeeScalar()).isEqualTo(0x8dd);
    assertThat(base.blobBaseFeeScalar()).isEqualTo(0x101c12);
    assertThat(base.sequenceNumber()).isEqualTo(3);
    assertThat(base.timestamp()).isEqualTo(0x67acc63fL);
    assertThat(base.number()).isEqualTo(0x14d1f2d);
    assertThat(base.baseFee()).isEqualTo(UInt256.valueOf(0x5ba4c0ebL));
    assertThat(base.blobBaseFee()).isEqualTo(UInt256.valueOf(0x1ce2291bdL));
    assertThat(base.hash())
        .isEqualTo(
            Hash.fromHex("0xcbb8f62c15343b39cfacdbf81c4747822ebb16c2518126e47d984422a82defc1"));
    assertThat(base.batcherHash())
        .isEqualTo(
            Hash.fromHex("0x0000000000000000000000005050f69a9786f081509234f1a7f4684b5e5b76c9"));
  }

  @Test
  void sourceHashOfTheSpecsExample() {
    // op-node deposit_source_test.go TestL1InfoDepositSource (deposits.md "Source hash").
    L1Attributes attributes =
        new L1Attributes.Ecotone(
            0,
            0,
            4,
            0,
            0,
            UInt256.ZERO,
            UInt256.ZERO,
            Hash.fromHex("0xc00e5d67c2755389aded7d8b151cbd5bcdf7ed275ad5e028b664880fc7581c77"),
            Hash.ZERO);
    assertThat(attributes.sourceHash())
        .isEqualTo(
            Hash.fromHex("0x0586c503340591999b8b38bc9834bb16aec7d5bc00eb5587ab139c9ddab81977"));
  }

  @Test
  void bedrockLayoutRoundTrips() {
    L1Attributes.Bedrock bedrock =
        new L1Attributes.Bedrock(
            17_000_000,
            1_700_000_000,
            UInt256.valueOf(30_000_000_000L),
            Hash.fromHex("0x" + "11".repeat(32)),
            5,
            Hash.fromHex("0x" + "00".repeat(12) + "22".repeat(20)),
            UInt256.valueOf(188),
            UInt256.valueOf(684_000));
    Bytes encoded = bedrock.encode();
    assertThat(encoded.length()).isEqualTo(260);
    assertThat(encoded.slice(0, 4)).isEqualTo(L1Attributes.BEDROCK_SELECTOR);
    assertThat(L1Attributes.decode(encoded)).isEqualTo(bedrock);
    DepositTransaction preRegolith = bedrock.deposit(false);
    assertThat(preRegolith.gasLimit()).isEqualTo(150_000_000);
    assertThat(preRegolith.isSystemTx()).isTrue();
  }

  @Test
  void badCalldataIsRefusedWithItsReason() {
    assertThatThrownBy(() -> L1Attributes.decode(Bytes.fromHex("0x12345678")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("selector 0x12345678");
    Bytes base = Bytes.fromHex(BASE.input());
    assertThatThrownBy(() -> L1Attributes.decode(base.slice(0, 163)))
        .hasMessageContaining("expected 164 L1 info bytes, got 163");
    assertThatThrownBy(() -> L1Attributes.decode(L1Attributes.BEDROCK_SELECTOR))
        .hasMessageContaining("expected at least 260");
  }
}
