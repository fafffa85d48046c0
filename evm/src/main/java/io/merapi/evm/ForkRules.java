package io.merapi.evm;

import io.merapi.types.config.Fork;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The EVM rules of one fork as data: which opcodes exist, their constant gas, their stack limits,
 * and the parameters of the EIPs that changed dynamic gas and state-transition behaviour.
 *
 * <p>Each fork's rules are built by copying the previous fork's and applying the EIPs it activated,
 * one method per EIP, so adding a fork is a local change here. Every table is checked for
 * completeness when the class loads: an opcode a fork enables must have its gas and stack effect
 * set, and no fork may lose an opcode its predecessor had.
 */
public final class ForkRules {
  /** The deepest a call may nest (Yellow Paper: 1024). */
  public static final int MAX_CALL_DEPTH = 1024;

  /** Stack items at most (Yellow Paper). */
  public static final int MAX_STACK = 1024;

  /** Marker in {@link #stackLimits} for an opcode the fork does not define. */
  static final int UNDEFINED = 0xffff;

  private static final Map<Fork, ForkRules> RULES = new EnumMap<>(Fork.class);

  static {
    ForkRules berlin = berlin();
    ForkRules london = berlin.next(Fork.LONDON).eip3198().eip3529().eip3541();
    ForkRules paris = london.next(Fork.PARIS).eip4399();
    ForkRules shanghai = paris.next(Fork.SHANGHAI).eip3651().eip3855().eip3860();
    ForkRules cancun = shanghai.next(Fork.CANCUN).eip1153().eip4844().eip5656().eip6780().eip7516();
    register(berlin);
    register(london);
    // Arrow Glacier and Gray Glacier only moved the difficulty bomb: London's EVM rules.
    register(london.next(Fork.ARROW_GLACIER));
    register(london.next(Fork.GRAY_GLACIER));
    register(paris);
    register(shanghai);
    register(cancun);
    // Prague's BLS12-381 precompiles (EIP-2537) live in the precompile set, its block-level EIPs
    // (2935, 7685, 6110, 7002, 7251, 7691) in the state module; here are the transaction rules.
    ForkRules prague = cancun.next(Fork.PRAGUE).eip7702().eip7623();
    register(prague);
    // Osaka's precompile changes (EIP-7823, EIP-7883, EIP-7951) live in the precompile set, its
    // transaction caps (EIP-7825, EIP-7594) in types' TransactionValidator, its blob and
    // block-size rules (EIP-7892, EIP-7918, EIP-7934) in the state module.
    register(prague.next(Fork.OSAKA).eip7939());
    checkMonotone();
  }

  private final Fork fork;
  final long[] staticGas;

  /**
   * Per opcode: the minimum stack items in the low 16 bits and, in the high 16, how many more than
   * that it may find without overflowing; the interpreter checks both with one unsigned compare.
   * {@link #UNDEFINED} fails that check for every stack size.
   */
  final int[] stackLimits;

  private final boolean[] gasSet;

  // Parameters of EIPs that are not plain opcode-table changes.
  boolean prevRandao; // EIP-4399: 0x44 reads the beacon chain randomness
  boolean baseFee; // EIP-1559 / EIP-3198
  long sstoreClearsRefund; // EIP-2200 SSTORE_CLEARS_SCHEDULE; EIP-3529 lowered it
  long maxRefundQuotient; // EIP-3529: gas used / 5 (was / 2)
  boolean selfdestructRefund; // removed by EIP-3529
  boolean rejectEfPrefix; // EIP-3541
  boolean warmCoinbase; // EIP-3651
  boolean initcodeLimit; // EIP-3860
  boolean selfdestructOnlyNew; // EIP-6780
  boolean blobs; // EIP-4844
  boolean setCode; // EIP-7702: type-4 transactions and delegation designators
  boolean calldataFloor; // EIP-7623: gas used is at least the calldata floor

  private ForkRules(Fork fork, long[] staticGas, int[] stackLimits, boolean[] gasSet) {
    this.fork = fork;
    this.staticGas = staticGas;
    this.stackLimits = stackLimits;
    this.gasSet = gasSet;
  }

  /** The rules of {@code fork}, or empty for a fork this EVM does not implement. */
  public static Optional<ForkRules> of(Fork fork) {
    return Optional.ofNullable(RULES.get(fork));
  }

  /**
   * The rules of {@code fork}; throws {@link UnsupportedForkException} if it is not implemented.
   */
  public static ForkRules require(Fork fork) {
    ForkRules rules = RULES.get(fork);
    if (rules == null) {
      throw new UnsupportedForkException(fork);
    }
    return rules;
  }

  public Fork fork() {
    return fork;
  }

  /** True if {@code opcode} is an instruction in this fork. */
  public boolean isDefined(int opcode) {
    return stackLimits[opcode & 0xff] != UNDEFINED;
  }

  /** The constant part of the opcode's gas (dynamic parts are charged by the instruction). */
  public long staticGas(int opcode) {
    return staticGas[opcode & 0xff];
  }

  public boolean isAtLeast(Fork other) {
    return fork.isAtLeast(other);
  }

  public boolean hasBaseFee() {
    return baseFee;
  }

  public boolean hasPrevRandao() {
    return prevRandao;
  }

  public boolean hasWarmCoinbase() {
    return warmCoinbase;
  }

  public boolean hasInitcodeLimit() {
    return initcodeLimit;
  }

  public boolean hasBlobs() {
    return blobs;
  }

  /** EIP-7702: set-code transactions, and calls follow delegation designators. */
  public boolean hasSetCode() {
    return setCode;
  }

  /** EIP-7623: a transaction's gas used is raised to its calldata floor. */
  public boolean hasCalldataFloor() {
    return calldataFloor;
  }

  public boolean rejectsEfPrefix() {
    return rejectEfPrefix;
  }

  public boolean selfdestructOnlyNew() {
    return selfdestructOnlyNew;
  }

  /** The refund is capped at gas used divided by this (EIP-3529: 5; before: 2). */
  public long maxRefundQuotient() {
    return maxRefundQuotient;
  }

  public long sstoreClearsRefund() {
    return sstoreClearsRefund;
  }

  public boolean hasSelfdestructRefund() {
    return selfdestructRefund;
  }

  @Override
  public String toString() {
    return "ForkRules[" + fork.testName() + "]";
  }

  // ---- construction ----

  private ForkRules next(Fork next) {
    ForkRules copy = new ForkRules(next, staticGas.clone(), stackLimits.clone(), gasSet.clone());
    copy.prevRandao = prevRandao;
    copy.baseFee = baseFee;
    copy.sstoreClearsRefund = sstoreClearsRefund;
    copy.maxRefundQuotient = maxRefundQuotient;
    copy.selfdestructRefund = selfdestructRefund;
    copy.rejectEfPrefix = rejectEfPrefix;
    copy.warmCoinbase = warmCoinbase;
    copy.initcodeLimit = initcodeLimit;
    copy.selfdestructOnlyNew = selfdestructOnlyNew;
    copy.blobs = blobs;
    copy.setCode = setCode;
    copy.calldataFloor = calldataFloor;
    return copy;
  }

  private void enable(int opcode, long gas) {
    if (!Opcodes.isKnown(opcode)) {
      throw new IllegalStateException("no such opcode " + Opcodes.name(opcode));
    }
    int pops = Opcodes.pops(opcode);
    int growth = Math.max(0, Opcodes.pushes(opcode) - pops);
    stackLimits[opcode] = pops | ((MAX_STACK - growth - pops) << 16);
    staticGas[opcode] = gas;
    gasSet[opcode] = true;
  }

  /**
   * Berlin: every instruction from Frontier to Istanbul with EIP-2929's warm/cold access costs. The
   * constant gas of an access-priced instruction is the warm cost; the cold surcharge is dynamic.
   */
  private static ForkRules berlin() {
    int[] limits = new int[256];
    Arrays.fill(limits, UNDEFINED);
    ForkRules r = new ForkRules(Fork.BERLIN, new long[256], limits, new boolean[256]);
    r.enable(Opcodes.STOP, 0);
    for (int op : new int[] {Opcodes.ADD, Opcodes.SUB}) {
      r.enable(op, GasCosts.VERY_LOW);
    }
    for (int op :
        new int[] {
          Opcodes.MUL, Opcodes.DIV, Opcodes.SDIV, Opcodes.MOD, Opcodes.SMOD, Opcodes.SIGNEXTEND
        }) {
      r.enable(op, GasCosts.LOW);
    }
    r.enable(Opcodes.ADDMOD, GasCosts.MID);
    r.enable(Opcodes.MULMOD, GasCosts.MID);
    r.enable(Opcodes.EXP, GasCosts.EXP);
    for (int op = Opcodes.LT; op <= Opcodes.SAR; op++) {
      r.enable(op, GasCosts.VERY_LOW);
    }
    r.enable(Opcodes.KECCAK256, GasCosts.KECCAK256);
    for (int op :
        new int[] {
          Opcodes.ADDRESS,
          Opcodes.ORIGIN,
          Opcodes.CALLER,
          Opcodes.CALLVALUE,
          Opcodes.CALLDATASIZE,
          Opcodes.CODESIZE,
          Opcodes.GASPRICE,
          Opcodes.RETURNDATASIZE,
          Opcodes.COINBASE,
          Opcodes.TIMESTAMP,
          Opcodes.NUMBER,
          Opcodes.PREVRANDAO,
          Opcodes.GASLIMIT,
          Opcodes.CHAINID,
          Opcodes.POP,
          Opcodes.PC,
          Opcodes.MSIZE,
          Opcodes.GAS
        }) {
      r.enable(op, GasCosts.BASE);
    }
    for (int op :
        new int[] {
          Opcodes.CALLDATALOAD,
          Opcodes.CALLDATACOPY,
          Opcodes.CODECOPY,
          Opcodes.RETURNDATACOPY,
          Opcodes.MLOAD,
          Opcodes.MSTORE,
          Opcodes.MSTORE8
        }) {
      r.enable(op, GasCosts.VERY_LOW);
    }
    for (int op :
        new int[] {
          Opcodes.BALANCE,
          Opcodes.EXTCODESIZE,
          Opcodes.EXTCODECOPY,
          Opcodes.EXTCODEHASH,
          Opcodes.SLOAD,
          Opcodes.CALL,
          Opcodes.CALLCODE,
          Opcodes.DELEGATECALL,
          Opcodes.STATICCALL
        }) {
      r.enable(op, GasCosts.WARM_ACCESS);
    }
    r.enable(Opcodes.BLOCKHASH, GasCosts.BLOCKHASH);
    r.enable(Opcodes.SELFBALANCE, GasCosts.LOW);
    r.enable(Opcodes.SSTORE, 0);
    r.enable(Opcodes.JUMP, GasCosts.MID);
    r.enable(Opcodes.JUMPI, GasCosts.HIGH);
    r.enable(Opcodes.JUMPDEST, GasCosts.JUMPDEST);
    for (int n = 1; n <= 32; n++) {
      r.enable(Opcodes.PUSH0 + n, GasCosts.VERY_LOW);
    }
    for (int n = 0; n < 16; n++) {
      r.enable(Opcodes.DUP1 + n, GasCosts.VERY_LOW);
      r.enable(Opcodes.SWAP1 + n, GasCosts.VERY_LOW);
    }
    for (int n = 0; n <= 4; n++) {
      r.enable(Opcodes.LOG0 + n, GasCosts.LOG * (n + 1));
    }
    r.enable(Opcodes.CREATE, GasCosts.CREATE);
    r.enable(Opcodes.CREATE2, GasCosts.CREATE);
    r.enable(Opcodes.RETURN, 0);
    r.enable(Opcodes.REVERT, 0);
    r.enable(Opcodes.SELFDESTRUCT, GasCosts.SELFDESTRUCT);
    r.sstoreClearsRefund = 15_000;
    r.maxRefundQuotient = 2;
    r.selfdestructRefund = true;
    return r;
  }

  /** BASEFEE opcode. */
  private ForkRules eip3198() {
    enable(Opcodes.BASEFEE, GasCosts.BASE);
    baseFee = true;
    return this;
  }

  /** Reduction in refunds: no SELFDESTRUCT refund, lower clear refund, cap gas used / 5. */
  private ForkRules eip3529() {
    selfdestructRefund = false;
    sstoreClearsRefund = GasCosts.SSTORE_RESET - GasCosts.COLD_SLOAD + GasCosts.ACCESS_LIST_SLOT;
    maxRefundQuotient = 5;
    return this;
  }

  /** Reject new contract code starting with the 0xEF byte. */
  private ForkRules eip3541() {
    rejectEfPrefix = true;
    return this;
  }

  /** 0x44 returns PREVRANDAO. */
  private ForkRules eip4399() {
    prevRandao = true;
    return this;
  }

  /** Warm COINBASE. */
  private ForkRules eip3651() {
    warmCoinbase = true;
    return this;
  }

  /** PUSH0. */
  private ForkRules eip3855() {
    enable(Opcodes.PUSH0, GasCosts.BASE);
    return this;
  }

  /** Limit and meter initcode. */
  private ForkRules eip3860() {
    initcodeLimit = true;
    return this;
  }

  /** Transient storage: TLOAD and TSTORE. */
  private ForkRules eip1153() {
    enable(Opcodes.TLOAD, GasCosts.WARM_ACCESS);
    enable(Opcodes.TSTORE, GasCosts.WARM_ACCESS);
    return this;
  }

  /** Shard blob transactions: BLOBHASH. */
  private ForkRules eip4844() {
    enable(Opcodes.BLOBHASH, GasCosts.VERY_LOW);
    blobs = true;
    return this;
  }

  /** MCOPY. */
  private ForkRules eip5656() {
    enable(Opcodes.MCOPY, GasCosts.VERY_LOW);
    return this;
  }

  /** SELFDESTRUCT only in the same transaction. */
  private ForkRules eip6780() {
    selfdestructOnlyNew = true;
    return this;
  }

  /** BLOBBASEFEE opcode. */
  private ForkRules eip7516() {
    enable(Opcodes.BLOBBASEFEE, GasCosts.BASE);
    return this;
  }

  /** Set EOA account code: type-4 transactions and calls through delegation designators. */
  private ForkRules eip7702() {
    setCode = true;
    return this;
  }

  /** Increase calldata cost: the floor of 10 gas per calldata token. */
  private ForkRules eip7623() {
    calldataFloor = true;
    return this;
  }

  /** Count leading zeros: CLZ at 0x1e, 5 gas (the LOW tier, as MUL; the EIP prices it so). */
  private ForkRules eip7939() {
    enable(Opcodes.CLZ, GasCosts.LOW);
    return this;
  }

  private static void register(ForkRules rules) {
    for (int op = 0; op < 256; op++) {
      if (rules.stackLimits[op] != UNDEFINED && !rules.gasSet[op]) {
        throw new IllegalStateException(
            rules.fork + " enables " + Opcodes.name(op) + " without a gas cost");
      }
    }
    RULES.put(rules.fork, rules);
  }

  private static void checkMonotone() {
    ForkRules previous = null;
    for (ForkRules rules : RULES.values()) {
      if (previous != null) {
        for (int op = 0; op < 256; op++) {
          if (previous.isDefined(op) && !rules.isDefined(op)) {
            throw new IllegalStateException(
                rules.fork + " lost " + Opcodes.name(op) + " that " + previous.fork + " had");
          }
        }
      }
      previous = rules;
    }
  }
}
