package io.merapi.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import io.merapi.types.config.Fork;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InterpreterTest {
  private static final long GAS = 1_000_000;

  /** A program, its calldata, and what it must do. {@code gasUsed} -1 means all gas. */
  record Case(String name, String code, String input, Halt halt, String output, long gasUsed) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String WORD_42 = "0x" + "00".repeat(31) + "2a";

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "add",
            "0x600160020160005260206000f3",
            "0x",
            Halt.RETURN,
            "0x" + "00".repeat(31) + "03",
            24),
        new Case("stop", "0x00", "0x", Halt.STOP, "0x", 0),
        new Case("running off the end stops", "0x6001", "0x", Halt.STOP, "0x", 3),
        new Case("invalid opcode", "0xfe", "0x", Halt.INVALID_OPCODE, "0x", -1),
        new Case("undefined opcode", "0x0c", "0x", Halt.INVALID_OPCODE, "0x", -1),
        new Case("stack underflow", "0x01", "0x", Halt.STACK_UNDERFLOW, "0x", -1),
        new Case("stack overflow", "0x5b" + "5f".repeat(1025), "0x", Halt.STACK_OVERFLOW, "0x", -1),
        new Case("jump outside code", "0x600356", "0x", Halt.INVALID_JUMP, "0x", -1),
        new Case("jump to JUMPDEST", "0x6003565b", "0x", Halt.STOP, "0x", 12),
        new Case("jump into push data", "0x600456605b00", "0x", Halt.INVALID_JUMP, "0x", -1),
        new Case("jumpi not taken", "0x6000600a5700", "0x", Halt.STOP, "0x", 16),
        new Case("revert with data", "0x602a60005260206000fd", "0x", Halt.REVERT, WORD_42, 18),
        new Case("out of gas in an endless loop", "0x5b600056", "0x", Halt.OUT_OF_GAS, "0x", -1),
        new Case(
            "keccak256 of 32 zero bytes",
            "0x6020600020600052" + "60206000f3",
            "0x",
            Halt.RETURN,
            "0x290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563",
            3 + 3 + (30 + 6 + 3) + 3 + 3 + 3 + 3),
        new Case(
            "exp charges per exponent byte",
            "0x600a60020a00",
            "0x",
            Halt.STOP,
            "0x",
            3 + 3 + 10 + 50),
        new Case(
            "calldataload pads with zeros",
            "0x601f3560005260206000f3",
            "0x000000000000000000000000000000000000000000000000000000000000002aff",
            Halt.RETURN,
            "0x2aff" + "00".repeat(30),
            21),
        new Case(
            "sstore then sload",
            "0x602a60005560005460005260206000f3",
            "0x",
            Halt.RETURN,
            WORD_42,
            3 + 3 + 22_100 + 3 + 100 + 3 + 6 + 3 + 3),
        new Case(
            "returndatacopy past the end",
            "0x6001600060003e",
            "0x",
            Halt.RETURN_DATA_OUT_OF_BOUNDS,
            "0x",
            -1),
        new Case(
            "returndatacopy where offset plus length overflows a long",
            "0x6002677ffffffffffffffe60003e",
            "0x",
            Halt.RETURN_DATA_OUT_OF_BOUNDS,
            "0x",
            -1),
        new Case("push32 at the end reads zeros", "0x7fff", "0x", Halt.STOP, "0x", 3),
        new Case(
            "mcopy",
            "0x602a6000526020600060205e60206020f3",
            "0x",
            Halt.RETURN,
            WORD_42,
            3 + 3 + 6 + 3 + 3 + 3 + (3 + 3 + 3) + 3 + 3),
        new Case(
            "signextend of 0xff",
            "0x60ff60000b60005260206000f3",
            "0x",
            Halt.RETURN,
            "0x" + "ff".repeat(32),
            3 + 3 + 5 + 3 + 6 + 3 + 3),
        new Case("sstore in a low-gas frame hits the sentry", "0x5b", "0x", Halt.STOP, "0x", 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void runs(Case c) {
    CallResult result = EvmTestSupport.run(c.code(), c.input(), GAS);
    assertThat(result.halt()).isEqualTo(c.halt());
    assertThat(Hex.encode(result.output())).isEqualTo(c.output());
    long expectedUsed = c.gasUsed() < 0 ? GAS : c.gasUsed();
    assertThat(GAS - result.gasLeft()).isEqualTo(expectedUsed);
  }

  @Test
  void push0IsUndefinedBeforeShanghai() {
    FakeHost host = new FakeHost();
    CallResult london = EvmTestSupport.run(Fork.LONDON, host, "0x5f00", "0x", GAS, Tracer.NONE);
    assertThat(london.halt()).isEqualTo(Halt.INVALID_OPCODE);
    CallResult shanghai =
        EvmTestSupport.run(Fork.SHANGHAI, new FakeHost(), "0x5f00", "0x", GAS, Tracer.NONE);
    assertThat(shanghai.halt()).isEqualTo(Halt.STOP);
  }

  @Test
  void recursionToTheDepthLimitUsesNoJavaStack() {
    // PUSH1 0 x5, ADDRESS, GAS, CALL, STOP: calls itself until the depth limit refuses.
    int[] deepest = {0};
    Tracer depthTracer =
        new Tracer() {
          @Override
          public void onFrameStart(int depth, CallKind kind, Message message) {
            deepest[0] = Math.max(deepest[0], depth);
          }
        };
    CallResult result =
        EvmTestSupport.run(
            Fork.CANCUN,
            new FakeHost(),
            "0x60006000600060006000305af100",
            "0x",
            1_000_000_000_000_000L,
            depthTracer);
    assertThat(result.halt()).isEqualTo(Halt.STOP);
    assertThat(deepest[0]).isEqualTo(ForkRules.MAX_CALL_DEPTH + 1);
  }

  @Test
  void sstoreNeedsMoreThanTheStipend() {
    CallResult result = EvmTestSupport.run("0x602a600055", "0x", 2_306);
    assertThat(result.halt()).isEqualTo(Halt.OUT_OF_GAS);
  }

  @Test
  void logCarriesAddressTopicsAndData() {
    FakeHost host = new FakeHost();
    // MSTORE 42 at 0; LOG2(offset 0, size 32, topic1 = 7, topic2 = 9) with topics pushed first.
    CallResult result =
        EvmTestSupport.run(
            Fork.CANCUN, host, "0x602a6000526009600760206000a200", "0x", GAS, Tracer.NONE);
    assertThat(result.halt()).isEqualTo(Halt.STOP);
    assertThat(host.logs).hasSize(1);
    var log = host.logs.get(0);
    assertThat(log.address()).isEqualTo(EvmTestSupport.CONTRACT);
    assertThat(log.topics())
        .extracting(h -> UInt256.fromHash(h).toDecimalString())
        .containsExactly("7", "9");
    assertThat(log.data().toHex()).isEqualTo(WORD_42);
  }

  @Test
  void createDeploysReturnedCode() {
    FakeHost host = new FakeHost();
    // Init code: returns one byte 0x00 (runtime code STOP): PUSH1 1 PUSH1 0 RETURN -> 0x60016000f3
    // Outer: MSTORE the init code at 0 (right-aligned), CREATE(value 0, offset 27, size 5).
    String outer = "0x6460016000f3600052" + "6005601b6000f0" + "60005260206000f3";
    CallResult result = EvmTestSupport.run(Fork.CANCUN, host, outer, "0x", GAS, Tracer.NONE);
    assertThat(result.halt()).isEqualTo(Halt.RETURN);
    var created = Evm.createAddress(EvmTestSupport.CONTRACT, 0);
    assertThat(Hex.encode(result.output())).endsWith(created.toHex().substring(2));
    assertThat(host.code(created)).containsExactly(0);
    assertThat(host.nonce(created)).isEqualTo(1);
    assertThat(host.nonce(EvmTestSupport.CONTRACT)).isEqualTo(1);
  }

  @Test
  void revertedChildUndoesItsStorage() {
    FakeHost host = new FakeHost();
    var child = io.merapi.base.bytes.Address.fromHex("0x00000000000000000000000000000000000c0de1");
    // Child: SSTORE(0, 1) then REVERT(0, 0).
    host.put(child, Hex.decode("0x600160005560006000fd"), UInt256.ZERO);
    // Parent: CALL child with all gas, store the success flag at slot 1.
    String parent = "0x6000600060006000600073" + child.toHex().substring(2) + "5af1600155";
    CallResult result = EvmTestSupport.run(Fork.CANCUN, host, parent, "0x", GAS, Tracer.NONE);
    assertThat(result.halt()).isEqualTo(Halt.STOP);
    assertThat(host.storage(child, UInt256.ZERO)).isEqualTo(UInt256.ZERO);
    assertThat(host.storage(EvmTestSupport.CONTRACT, UInt256.ONE)).isEqualTo(UInt256.ZERO);
  }
}
