package io.merapi.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import io.merapi.base.bytes.Hex;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RevertReasonTest {
  record Case(String name, String revertHex, Optional<String> reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case[] cases() {
    return new Case[] {
      new Case("empty", "0x", Optional.empty()),
      new Case("short", "0x08c379", Optional.empty()),
      new Case("wrong selector", "0x08c379a1", Optional.empty()),
      new Case(
          "Error(string) from geth's abi tests",
          "0x08c379a0"
              + "0000000000000000000000000000000000000000000000000000000000000020"
              + "000000000000000000000000000000000000000000000000000000000000000d"
              + "72657665727420726561736f6e00000000000000000000000000000000000000",
          Optional.of("revert reason")),
      new Case(
          "Error(string) empty message",
          "0x08c379a0"
              + "0000000000000000000000000000000000000000000000000000000000000020"
              + "0000000000000000000000000000000000000000000000000000000000000000",
          Optional.of("")),
      new Case(
          "Error(string) length past the end",
          "0x08c379a0"
              + "0000000000000000000000000000000000000000000000000000000000000020"
              + "0000000000000000000000000000000000000000000000000000000000000040"
              + "72657665727420726561736f6e00000000000000000000000000000000000000",
          Optional.empty()),
      new Case(
          "Error(string) offset past the end",
          "0x08c379a0" + "0000000000000000000000000000000000000000000000000000000000000060",
          Optional.empty()),
      new Case(
          "Error(string) huge offset",
          "0x08c379a0"
              + "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0"
              + "0000000000000000000000000000000000000000000000000000000000000000",
          Optional.empty()),
      new Case("Error(string) without arguments", "0x08c379a0", Optional.empty()),
      new Case(
          "Panic(0x00)",
          "0x4e487b71" + "0000000000000000000000000000000000000000000000000000000000000000",
          Optional.of("generic panic")),
      new Case(
          "Panic(0x01)",
          "0x4e487b71" + "0000000000000000000000000000000000000000000000000000000000000001",
          Optional.of("assert(false)")),
      new Case(
          "Panic(0x11)",
          "0x4e487b71" + "0000000000000000000000000000000000000000000000000000000000000011",
          Optional.of("arithmetic underflow or overflow")),
      new Case(
          "Panic(0x12)",
          "0x4e487b71" + "0000000000000000000000000000000000000000000000000000000000000012",
          Optional.of("division or modulo by zero")),
      new Case(
          "Panic(0x32)",
          "0x4e487b71" + "0000000000000000000000000000000000000000000000000000000000000032",
          Optional.of("out-of-bounds access of an array or bytesN")),
      new Case(
          "Panic(0xff) unknown",
          "0x4e487b71" + "00000000000000000000000000000000000000000000000000000000000000ff",
          Optional.of("unknown panic code: 0xff")),
      new Case(
          "Panic with a 256-bit code",
          "0x4e487b71" + "8000000000000000000000000000000000000000000000000000000000000001",
          Optional.of(
              "unknown panic code: 0x8000000000000000000000000000000000000000000000000000000000000001")),
      new Case("Panic truncated", "0x4e487b710000", Optional.empty()),
      new Case("custom error", "0xdeadbeef" + "00".repeat(32), Optional.empty()),
    };
  }

  @ParameterizedTest
  @MethodSource("cases")
  void decodes(Case c) {
    assertThat(RevertReason.decode(Hex.decode(c.revertHex()))).isEqualTo(c.reason());
  }

  @Test
  void revertErrorCarriesReasonAndDataAsGethDoes() {
    byte[] revert = TestMethods.errorString("Not enough Ether provided.");
    RpcError error = RpcError.executionReverted(revert);
    assertThat(error.code()).isEqualTo(3);
    assertThat(error.message()).isEqualTo("execution reverted: Not enough Ether provided.");
    assertThat(error.data()).contains(TextNode.valueOf(Hex.encode(revert)));
  }

  @Test
  void revertWithoutReasonKeepsDataAndPlainMessage() {
    byte[] revert = Hex.decode("0xdeadbeef");
    RpcError error = RpcError.executionReverted(revert);
    assertThat(error.code()).isEqualTo(3);
    assertThat(error.message()).isEqualTo("execution reverted");
    assertThat(error.data()).contains(TextNode.valueOf("0xdeadbeef"));
  }

  @Test
  void revertWithoutDataIsStillARevertAsCurrentGethAnswers() {
    RpcError error = RpcError.executionReverted(new byte[0]);
    assertThat(error.code()).isEqualTo(3);
    assertThat(error.message()).isEqualTo("execution reverted");
    assertThat(error.data()).contains(TextNode.valueOf("0x"));
  }

  @Test
  void unicodeReasonSurvives() {
    assertThat(RevertReason.decode(TestMethods.errorString("ünïcödé ✓"))).contains("ünïcödé ✓");
  }

  @Test
  void aClientReadsTheReasonBackFromTheException() {
    RpcException reverted =
        RpcError.executionReverted(TestMethods.errorString("only the proposer")).exception();
    assertThat(reverted.revertReason()).contains("only the proposer");
    assertThat(reverted.describe()).isEqualTo("reverted: only the proposer");
    RpcException plain = RpcError.server("nonce too low").exception();
    assertThat(plain.revertReason()).isEmpty();
    assertThat(plain.describe()).isEqualTo("-32000: nonce too low");
  }
}
