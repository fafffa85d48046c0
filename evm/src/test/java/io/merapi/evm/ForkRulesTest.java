package io.merapi.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.types.config.Fork;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ForkRulesTest {
  static Stream<Fork> supported() {
    return Stream.of(Fork.values()).filter(f -> ForkRules.of(f).isPresent());
  }

  @Test
  void supportsBerlinToPrague() {
    assertThat(supported())
        .containsExactly(
            Fork.BERLIN,
            Fork.LONDON,
            Fork.ARROW_GLACIER,
            Fork.GRAY_GLACIER,
            Fork.PARIS,
            Fork.SHANGHAI,
            Fork.CANCUN,
            Fork.PRAGUE,
            Fork.OSAKA);
    assertThat(ForkRules.of(Fork.ISTANBUL)).isEmpty();
    assertThat(ForkRules.require(Fork.CANCUN).hasSetCode()).isFalse();
    assertThat(ForkRules.require(Fork.PRAGUE).hasSetCode()).isTrue();
    assertThat(ForkRules.require(Fork.PRAGUE).hasCalldataFloor()).isTrue();
  }

  @Test
  void eachForkAddsItsOpcodes() {
    assertThat(ForkRules.require(Fork.BERLIN).isDefined(Opcodes.BASEFEE)).isFalse();
    assertThat(ForkRules.require(Fork.LONDON).isDefined(Opcodes.BASEFEE)).isTrue();
    assertThat(ForkRules.require(Fork.PARIS).isDefined(Opcodes.PUSH0)).isFalse();
    assertThat(ForkRules.require(Fork.PRAGUE).isDefined(Opcodes.CLZ)).isFalse();
    assertThat(ForkRules.require(Fork.OSAKA).isDefined(Opcodes.CLZ)).isTrue();
    assertThat(ForkRules.require(Fork.OSAKA).staticGas(Opcodes.CLZ)).isEqualTo(5);
    assertThat(ForkRules.require(Fork.SHANGHAI).isDefined(Opcodes.PUSH0)).isTrue();
    for (int op :
        List.of(
            Opcodes.TLOAD, Opcodes.TSTORE, Opcodes.MCOPY, Opcodes.BLOBHASH, Opcodes.BLOBBASEFEE)) {
      assertThat(ForkRules.require(Fork.SHANGHAI).isDefined(op)).isFalse();
      assertThat(ForkRules.require(Fork.CANCUN).isDefined(op)).isTrue();
    }
    assertThat(ForkRules.require(Fork.CANCUN).isDefined(Opcodes.INVALID)).isFalse();
    assertThat(ForkRules.require(Fork.LONDON).maxRefundQuotient()).isEqualTo(5);
    assertThat(ForkRules.require(Fork.BERLIN).maxRefundQuotient()).isEqualTo(2);
  }

  /** Every opcode a fork defines is implemented: running it never reaches "no implementation". */
  @ParameterizedTest
  @MethodSource("supported")
  void everyDefinedOpcodeIsImplemented(Fork fork) {
    ForkRules rules = ForkRules.require(fork);
    for (int op = 0; op < 256; op++) {
      if (!rules.isDefined(op)) {
        continue;
      }
      // Enough zero operands for any instruction, then the opcode and STOP.
      String code = "0x" + "6000".repeat(8) + String.format("%02x", op) + "00";
      CallResult result =
          EvmTestSupport.run(fork, new FakeHost(), code, "0x", 1_000_000, Tracer.NONE);
      assertThat(result.halt()).as(Opcodes.name(op)).isNotNull();
    }
  }
}
