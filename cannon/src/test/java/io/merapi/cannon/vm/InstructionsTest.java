package io.merapi.cannon.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.cannon.VmException;
import io.merapi.cannon.memory.AddressSpace;
import io.merapi.cannon.oracle.PreimageOracle;
import io.merapi.cannon.state.State;
import io.merapi.cannon.state.ThreadState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One step of one instruction from a hand-set state, with expected values worked out by hand from
 * the MIPS64 semantics (several restate cases of the Go repository's mips_instructions64_test.go).
 */
class InstructionsTest {
  static final long PC = 0x1000;
  static final long DATA = 0x2000;

  /** rs = $8, rt = $9, rd = $10; mem = the word at DATA; expect rd (or rt for I-type). */
  record Case(String name, int insn, long rs, long rt, long mem, int destReg, long expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static int r(int fun, int sa) {
    return (8 << 21) | (9 << 16) | (10 << 11) | (sa << 6) | fun;
  }

  static int i(int opcode, int imm) {
    return (opcode << 26) | (8 << 21) | (9 << 16) | (imm & 0xFFFF);
  }

  static int s2(int fun) {
    return (0x1C << 26) | (8 << 21) | (9 << 16) | (10 << 11) | fun;
  }

  static Case[] cases() {
    long m = 0x1122334455667788L;
    return new Case[] {
      new Case(
          "addu wraps and sign-extends", r(0x21, 0), 0x7FFFFFFF, 1, 0, 10, 0xFFFFFFFF80000000L),
      new Case("add ignores the upper word", r(0x20, 0), 0x1_0000_0001L, 2, 0, 10, 3),
      new Case("subu", r(0x23, 0), 1, 2, 0, 10, -1L),
      new Case("daddu", r(0x2D, 0), 0x7FFFFFFFFFFFFFFFL, 1, 0, 10, 0x8000000000000000L),
      new Case("dsubu", r(0x2F, 0), 0, 1, 0, 10, -1L),
      new Case("and", r(0x24, 0), 0xF0F0, 0xFF00, 0, 10, 0xF000),
      new Case("nor", r(0x27, 0), 0, 0, 0, 10, -1L),
      new Case("slt signed", r(0x2A, 0), -1, 1, 0, 10, 1),
      new Case("sltu unsigned", r(0x2B, 0), -1, 1, 0, 10, 0),
      new Case("sll sign-extends bit 31", r(0x00, 4), 0, 0x08000000, 0, 10, 0xFFFFFFFF80000000L),
      new Case("srl uses the low word", r(0x02, 4), 0, 0xFFFFFFFF_80000000L, 0, 10, 0x08000000),
      new Case("sra", r(0x03, 4), 0, 0x80000000L, 0, 10, 0xFFFFFFFFF8000000L),
      new Case("srav masks to 5 bits", r(0x07, 0), 33, 0x80000000L, 0, 10, 0xFFFFFFFFC0000000L),
      new Case("dsll32", r(0x3C, 1), 0, 1, 0, 10, 1L << 33),
      new Case("dsra", r(0x3B, 4), 0, 0x8000000000000000L, 0, 10, 0xF800000000000000L),
      new Case("dsrl32", r(0x3E, 0), 0, 0x8000000000000000L, 0, 10, 0x80000000L),
      new Case("dsllv masks to 6 bits", r(0x14, 0), 65, 1, 0, 10, 2),
      new Case("dsrav", r(0x17, 0), 4, -256, 0, 10, -16),
      new Case("mul", s2(0x02), -3, 5, 0, 10, -15),
      new Case("clz of 1", s2(0x20), 1, 0, 0, 10, 31),
      new Case("clo", s2(0x21), 0xF0000000L, 0, 0, 10, 4),
      new Case("dclz of 0", s2(0x24), 0, 0, 0, 10, 64),
      new Case("dclo", s2(0x25), -1L, 0, 0, 10, 64),
      new Case("addiu sign-extends the immediate", i(0x09, 0xFFFF), 5, 0, 0, 9, 4),
      new Case("daddiu", i(0x19, 0x8000), 0, 0, 0, 9, -32768),
      new Case("andi zero-extends", i(0x0C, 0xFFFF), -1, 0, 0, 9, 0xFFFF),
      new Case("ori", i(0x0D, 0x8000), 1, 0, 0, 9, 0x8001),
      new Case("slti", i(0x0A, 0xFFFF), -2, 0, 0, 9, 1),
      new Case("sltiu with sign-extended imm", i(0x0B, 0xFFFF), 5, 0, 0, 9, 1),
      new Case("lui", i(0x0F, 0x8000), 0, 0, 0, 9, 0xFFFFFFFF80000000L),
      new Case("lb", i(0x20, 7), DATA, 0, m, 9, (byte) 0x88),
      new Case("lbu", i(0x24, 0), DATA, 0, 0x8100000000000000L, 9, 0x81),
      new Case("lh", i(0x21, 6), DATA, 0, m, 9, 0x7788),
      new Case("lhu negative", i(0x25, 0), DATA, 0, 0xFFFE000000000000L, 9, 0xFFFE),
      new Case("lw upper", i(0x23, 0), DATA, 0, 0x8000000100000000L, 9, 0xFFFFFFFF80000001L),
      new Case("lw lower", i(0x23, 4), DATA, 0, m, 9, 0x55667788),
      new Case("lwu", i(0x27, 0), DATA, 0, 0x8000000100000000L, 9, 0x80000001L),
      new Case("ld", i(0x37, 0), DATA, 0, m, 9, m),
      new Case("lwl offset 1", i(0x22, 1), DATA, 0xAABBCCDDL, m, 9, 0x223344DDL),
      new Case(
          "lwr offset 1 keeps the upper word",
          i(0x26, 1),
          DATA,
          0x55555555_AABBCCDDL,
          m,
          9,
          0x55555555_AABB1122L),
      new Case(
          "lwr offset 3 sign-extends",
          i(0x26, 3),
          DATA,
          0x1_AABBCCDDL,
          0x81223384L << 32,
          9,
          0xFFFFFFFF81223384L),
      new Case("ldl offset 2", i(0x1A, 2), DATA, 0xAAAAAAAAAAAAAAAAL, m, 9, 0x334455667788AAAAL),
      new Case("ldr offset 2", i(0x1B, 2), DATA, 0xAAAAAAAAAAAAAAAAL, m, 9, 0xAAAAAAAAAA112233L),
      new Case("ldr offset 7 takes all", i(0x1B, 7), DATA, 0xAAAAAAAAAAAAAAAAL, m, 9, m),
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void executesOneInstruction(Case c) {
    State s = State.initial(PC, AddressSpace.HEAP_START);
    s.memory.setWord(PC, ((long) c.insn << 32));
    s.memory.setWord(DATA, c.mem);
    ThreadState t = s.currentThread();
    t.registers[8] = c.rs;
    t.registers[9] = c.rt;
    new Vm(s, PreimageOracle.NONE, null, null).step(false);
    assertThat(t.registers[c.destReg]).as(c.name).isEqualTo(c.expected);
    assertThat(t.pc).isEqualTo(PC + 4);
    assertThat(t.nextPc).isEqualTo(PC + 8);
    assertThat(s.step).isEqualTo(1);
  }

  record Store(String name, int insn, long rt, long mem, long expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Store[] stores() {
    long m = 0x1122334455667788L;
    long v = 0xAABBCCDDEEFF0099L;
    return new Store[] {
      new Store("sb", i(0x28, 3), v, m, 0x1122339955667788L),
      new Store("sh", i(0x29, 6), v, m, 0x1122334455660099L),
      new Store("sw", i(0x2B, 4), v, m, 0x11223344EEFF0099L),
      new Store("sd", i(0x3F, 0), v, m, v),
      new Store("swl offset 1", i(0x2A, 1), v, m, 0x11EEFF0055667788L),
      new Store("swr offset 1", i(0x2E, 1), v, m, 0x0099334455667788L),
      new Store("sdl offset 3", i(0x2C, 3), v, m, 0x112233AABBCCDDEEL),
      new Store("sdr offset 3", i(0x2D, 3), v, m, 0xEEFF009955667788L),
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void storesIntoTheWord(Store c) {
    State s = State.initial(PC, AddressSpace.HEAP_START);
    s.memory.setWord(PC, ((long) c.insn << 32));
    s.memory.setWord(DATA, c.mem);
    s.currentThread().registers[8] = DATA;
    s.currentThread().registers[9] = c.rt;
    new Vm(s, PreimageOracle.NONE, null, null).step(false);
    assertThat(s.memory.getWord(DATA)).as(c.name).isEqualTo(c.expected);
  }

  @org.junit.jupiter.api.Test
  void hiLoMultiplyAndDivide() {
    assertHiLo(r(0x18, 0), -2, 3, -1, -6); // mult
    assertHiLo(r(0x19, 0), 0xFFFFFFFFL, 2, 1, -2); // multu: lo sign-extended
    assertHiLo(r(0x1A, 0), -7, 2, -1, -3); // div
    assertHiLo(r(0x1B, 0), 7, 2, 1, 3); // divu
    assertHiLo(r(0x1C, 0), -1, -1, 0, 1); // dmult
    assertHiLo(r(0x1D, 0), -1, 2, 1, -2); // dmultu
    assertHiLo(r(0x1E, 0), Long.MIN_VALUE, -1, 0, Long.MIN_VALUE); // ddiv overflow wraps
    assertHiLo(r(0x1F, 0), -1, 16, 15, 0x0FFFFFFFFFFFFFFFL); // ddivu
  }

  private static void assertHiLo(int insn, long rs, long rt, long hi, long lo) {
    State s = State.initial(PC, AddressSpace.HEAP_START);
    s.memory.setWord(PC, (long) (insn & ~(10 << 11)) << 32);
    s.currentThread().registers[8] = rs;
    s.currentThread().registers[9] = rt;
    new Vm(s, PreimageOracle.NONE, null, null).step(false);
    assertThat(s.currentThread().hi).isEqualTo(hi);
    assertThat(s.currentThread().lo).isEqualTo(lo);
  }

  @org.junit.jupiter.api.Test
  void branchSetsTheDelaySlotAndTarget() {
    State s = State.initial(PC, AddressSpace.HEAP_START);
    // beq $8, $9, +4 (taken), then bal in the delay slot must fail
    s.memory.setWord(PC, ((long) ((4 << 26) | (8 << 21) | (9 << 16) | 4) << 32) | 0x04110002L);
    Vm vm = new Vm(s, PreimageOracle.NONE, null, null);
    vm.step(false);
    ThreadState t = s.currentThread();
    assertThat(t.pc).isEqualTo(PC + 4);
    assertThat(t.nextPc).isEqualTo(PC + 4 + 16);
    assertThatThrownBy(() -> vm.step(false)).hasMessageContaining("branch in delay slot");
  }

  @org.junit.jupiter.api.Test
  void jalLinksPastTheDelaySlot() {
    State s = State.initial(PC, AddressSpace.HEAP_START);
    s.memory.setWord(PC, (long) ((3 << 26) | (0x4000 >> 2)) << 32);
    new Vm(s, PreimageOracle.NONE, null, null).step(false);
    assertThat(s.currentThread().registers[31]).isEqualTo(PC + 8);
    assertThat(s.currentThread().nextPc).isEqualTo(0x4000);
  }

  @org.junit.jupiter.api.Test
  void unsupportedInstructionsStopTheVm() {
    for (int insn : new int[] {0x0000000D, 0xF8000000, 0x46000000, 0x7C000000, 0x50000000}) {
      State s = State.initial(PC, AddressSpace.HEAP_START);
      s.memory.setWord(PC, (long) insn << 32);
      assertThatThrownBy(() -> new Vm(s, PreimageOracle.NONE, null, null).step(false))
          .isInstanceOf(VmException.class)
          .hasMessageContaining("invalid instruction");
    }
  }

  @org.junit.jupiter.api.Test
  void llScReservation() {
    State s = State.initial(PC, AddressSpace.HEAP_START);
    int ll = (0x30 << 26) | (8 << 21) | (9 << 16) | 4;
    int sc = (0x38 << 26) | (8 << 21) | (10 << 16) | 4;
    s.memory.setWord(PC, ((long) ll << 32) | (sc & 0xFFFFFFFFL));
    s.memory.setWord(DATA, 0x00000000_80000000L);
    ThreadState t = s.currentThread();
    t.registers[8] = DATA;
    t.registers[10] = 0x1234;
    Vm vm = new Vm(s, PreimageOracle.NONE, null, null);
    vm.step(false);
    assertThat(t.registers[9]).isEqualTo(0xFFFFFFFF80000000L);
    assertThat(s.llReservationStatus).isEqualTo(1);
    assertThat(s.llAddress).isEqualTo(DATA + 4);
    vm.step(false);
    assertThat(t.registers[10]).isEqualTo(1);
    assertThat(s.memory.getWord(DATA)).isEqualTo(0x1234);
    assertThat(s.llReservationStatus).isZero();
  }

  @org.junit.jupiter.api.Test
  void aFailedSyscallLeavesTheCountersOfItsStep() {
    State s = State.initial(PC, AddressSpace.HEAP_START);
    s.memory.setWord(PC, ((long) 0x0000000C << 32) | 0x0000000C); // syscall; syscall
    Vm vm = new Vm(s, PreimageOracle.NONE, null, null);
    s.currentThread().registers[2] = 4001; // an o32 number: no syscall of Cannon64
    assertThatThrownBy(() -> vm.run(10))
        .isInstanceOf(VmException.class)
        .hasMessageContaining("unsupported syscall");
    assertThat(s.step).isEqualTo(1);
    assertThat(s.stepsSinceLastContextSwitch).isEqualTo(1);
    assertThat(s.currentThread().pc).isEqualTo(PC);
  }
}
