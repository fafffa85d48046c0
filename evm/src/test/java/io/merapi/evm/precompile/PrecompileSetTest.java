package io.merapi.evm.precompile;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.types.config.Fork;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class PrecompileSetTest {
  record ForkCase(Fork fork, int lastAddress) {
    @Override
    public String toString() {
      return fork.testName();
    }
  }

  static final List<ForkCase> FORKS =
      List.of(
          new ForkCase(Fork.FRONTIER, 0x04),
          new ForkCase(Fork.SPURIOUS_DRAGON, 0x04),
          new ForkCase(Fork.BYZANTIUM, 0x08),
          new ForkCase(Fork.PETERSBURG, 0x08),
          new ForkCase(Fork.ISTANBUL, 0x09),
          new ForkCase(Fork.BERLIN, 0x09),
          new ForkCase(Fork.LONDON, 0x09),
          new ForkCase(Fork.SHANGHAI, 0x09),
          new ForkCase(Fork.CANCUN, 0x0a));

  @ParameterizedTest(name = "{0}")
  @FieldSource("FORKS")
  void addressesPerFork(ForkCase c) {
    PrecompileSet set = PrecompileSet.of(PrecompileConfig.l1(c.fork()));
    assertThat(set.addresses()).containsExactlyElementsOf(range(1, c.lastAddress()));
    assertThat(set.contains(low(c.lastAddress() + 1))).isFalse();
    assertThat(set.contains(low(0x100))).isFalse();
    assertThat(set.contains(Address.ZERO)).isFalse();
  }

  @Test
  void pricesFollowTheFork() {
    PrecompileSet byzantium = PrecompileSet.of(PrecompileConfig.l1(Fork.BYZANTIUM));
    PrecompileSet berlin = PrecompileSet.of(PrecompileConfig.l1(Fork.BERLIN));
    assertThat(byzantium.get(low(5))).contains(ModExp.BYZANTIUM);
    assertThat(byzantium.get(low(6))).contains(Bn254Add.BYZANTIUM);
    assertThat(byzantium.get(low(8))).contains(Bn254Pairing.BYZANTIUM);
    assertThat(berlin.get(low(5))).contains(ModExp.BERLIN);
    assertThat(berlin.get(low(7))).contains(Bn254Mul.ISTANBUL);
    assertThat(berlin.get(low(8))).contains(Bn254Pairing.ISTANBUL);
  }

  @Test
  void opStackAdditions() {
    PrecompileConfig fjord = PrecompileConfig.l1(Fork.CANCUN).withP256Verify(true);
    PrecompileConfig granite =
        fjord.withBn254PairingMaxInputLength(
            PrecompileConfig.GRANITE_BN254_PAIRING_MAX_INPUT_LENGTH);
    PrecompileSet fjordSet = PrecompileSet.of(fjord);
    assertThat(fjordSet.addresses()).hasSize(11).endsWith(low(0x100));
    assertThat(fjordSet.get(low(0x100)).orElseThrow()).isInstanceOf(P256Verify.class);
    assertThat(fjordSet.get(low(8))).contains(Bn254Pairing.ISTANBUL);
    assertThat(PrecompileSet.of(granite).get(low(8)).orElseThrow())
        .isEqualTo(new Bn254Pairing(45_000, 34_000, OptionalInt.of(112_687)));
    assertThat(fjordSet.contains(low(0x101))).isFalse();
  }

  @Test
  void setsAreSharedPerConfiguration() {
    assertThat(PrecompileSet.of(PrecompileConfig.l1(Fork.CANCUN)))
        .isSameAs(PrecompileSet.of(PrecompileConfig.l1(Fork.CANCUN)));
  }

  @Test
  void addressesThatOnlyLookLowAreOrdinaryAccounts() {
    PrecompileSet set = PrecompileSet.of(PrecompileConfig.l1(Fork.CANCUN));
    byte[] bytes = new byte[20];
    bytes[0] = 1;
    bytes[19] = 1;
    assertThat(set.get(Address.wrap(bytes))).isEmpty();
    assertThat(set.get(Address.fromHex("0x0000000000000000000000000000000000010001"))).isEmpty();
  }

  @Test
  void pragueAddsTheBlsPrecompilesToCancuns() {
    PrecompileSet cancun = PrecompileSet.of(PrecompileConfig.l1(Fork.CANCUN));
    PrecompileSet prague = PrecompileSet.of(PrecompileConfig.l1(Fork.PRAGUE));
    assertThat(prague.addresses()).hasSize(cancun.addresses().size() + 7);
    for (int address = 0x0b; address <= 0x11; address++) {
      assertThat(cancun.contains(low(address))).isFalse();
      assertThat(prague.contains(low(address))).isTrue();
    }
  }

  @Test
  void osakaRepricesModExpAndAddsP256VerifyAtL1Price() {
    PrecompileSet prague = PrecompileSet.of(PrecompileConfig.l1(Fork.PRAGUE));
    PrecompileSet osaka = PrecompileSet.of(PrecompileConfig.l1(Fork.OSAKA));
    assertThat(osaka.get(low(5))).contains(ModExp.OSAKA);
    assertThat(prague.contains(low(0x100))).isFalse();
    assertThat(osaka.get(low(0x100))).contains(P256Verify.EIP7951);
    assertThat(osaka.addresses()).hasSize(prague.addresses().size() + 1);
    // RIP-7212 on an OP chain keeps its own price.
    assertThat(
            PrecompileSet.of(PrecompileConfig.l1(Fork.CANCUN).withP256Verify(true)).get(low(0x100)))
        .contains(P256Verify.RIP7212);
    assertThat(P256Verify.EIP7951.gas()).isEqualTo(6900);
    assertThat(P256Verify.RIP7212.gas()).isEqualTo(3450);
  }

  private static Address low(int index) {
    byte[] bytes = new byte[20];
    bytes[18] = (byte) (index >>> 8);
    bytes[19] = (byte) index;
    return Address.wrap(bytes);
  }

  private static List<Address> range(int from, int to) {
    return java.util.stream.IntStream.rangeClosed(from, to)
        .mapToObj(PrecompileSetTest::low)
        .toList();
  }
}
