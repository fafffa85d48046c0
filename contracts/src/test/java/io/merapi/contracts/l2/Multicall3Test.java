package io.merapi.contracts.l2;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.abi.AbiError;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.contracts.structs.Call;
import io.merapi.contracts.structs.Call3;
import io.merapi.contracts.structs.Call3Value;
import io.merapi.contracts.structs.Result;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.contracts.universal.Multicall3;
import io.merapi.state.op.Predeploys;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Multicall3 at its preinstall address (specs preinstalls.md), with mds1's Multicall3 v3.1.0 ABI
 * and behaviour, as viem's multicall uses it.
 */
class Multicall3Test {
  /** specs preinstalls.md: the address viem's chain definitions give for multicall3. */
  static final Address MULTICALL3 = Address.fromHex("0xcA11bde05977b3631167028862bE2a173976CA11");

  private static final Address WETH_ADDRESS = Predeploys.WETH;

  private final TestChain chain = TestChain.l2();
  private final Address alice = TestChain.address("alice");

  /** Returns its calldata: CALLDATASIZE PUSH0 PUSH0 CALLDATACOPY CALLDATASIZE PUSH0 RETURN. */
  private final Address echo = TestChain.address("echo");

  /** Reverts with its calldata: the same, ending in REVERT. */
  private final Address reverter = TestChain.address("reverter");

  private static final Bytes HELLO = Bytes.fromHex("0x68656c6c6f");
  private static final Bytes OOPS = Bytes.fromHex("0x6f6f7073");

  @BeforeEach
  void genesis() {
    L2Genesis.unproxied(chain, MULTICALL3, Multicall3.deployment());
    L2Genesis.unproxied(chain, WETH_ADDRESS, WETH.deployment());
    chain.setCode(echo, Bytes.fromHex("0x365f5f37365ff3").array());
    chain.setCode(reverter, Bytes.fromHex("0x365f5f37365ffd").array());
    chain.setBalance(alice, TestChain.ETHER);
    chain.mine(3);
  }

  private static Bytes data(ContractCall<?> call) {
    return call.data();
  }

  private String reason(Outcome o) {
    assertThat(o.isSuccess()).as("expected a revert").isFalse();
    return AbiError.reason(o.revertData()).orElseThrow();
  }

  @Test
  void viemsAggregate3IsTheSameFunction() {
    // viem's multicall3Abi: aggregate3((address target, bool allowFailure, bytes callData)[])
    // returns ((bool success, bytes returnData)[]).
    assertThat(Multicall3.aggregate3(List.of()).data().slice(0, 4))
        .isEqualTo(Bytes.fromHex("0x82ad56cb"));
    assertThat(Multicall3.getEthBalance(alice).data().slice(0, 4))
        .isEqualTo(Bytes.fromHex("0x4d2301cc"));
    assertThat(Multicall3.getCurrentBlockTimestamp().data().slice(0, 4))
        .isEqualTo(Bytes.fromHex("0x0f28c97d"));
  }

  @Test
  void aggregate3ReportsEachOutcomeAndRevertsOnlyForARequiredCall() {
    UInt256 deposited = UInt256.valueOf(42);
    chain.send(alice, WETH_ADDRESS, WETH.deposit(), deposited).requireSuccess();
    List<Result> results =
        chain.call(
            MULTICALL3,
            Multicall3.aggregate3(
                List.of(
                    new Call3(echo, false, HELLO),
                    new Call3(reverter, true, OOPS),
                    new Call3(WETH_ADDRESS, false, data(WETH.balanceOf(alice))))));
    assertThat(results)
        .containsExactly(
            new Result(true, HELLO),
            new Result(false, OOPS),
            new Result(true, Bytes.wrap(deposited.toBytes())));

    Outcome refused =
        chain.simulate(
            alice,
            MULTICALL3,
            UInt256.ZERO,
            Multicall3.aggregate3(
                    List.of(new Call3(echo, false, HELLO), new Call3(reverter, false, OOPS)))
                .data());
    assertThat(reason(refused)).isEqualTo("Multicall3: call failed");
  }

  @Test
  void aggregate3ValueSendsEachCallsValueAndChecksTheSum() {
    List<Call3Value> calls =
        List.of(
            new Call3Value(WETH_ADDRESS, false, UInt256.valueOf(5), data(WETH.deposit())),
            new Call3Value(echo, false, UInt256.ZERO, HELLO),
            new Call3Value(reverter, true, UInt256.valueOf(2), OOPS));
    Outcome o =
        chain.send(alice, MULTICALL3, Multicall3.aggregate3Value(calls), UInt256.valueOf(7));
    o.requireSuccess();
    assertThat(Multicall3.aggregate3Value(calls).decode(o.output().array()))
        .containsExactly(
            new Result(true, Bytes.EMPTY), new Result(true, HELLO), new Result(false, OOPS));
    // WETH saw Multicall3 as the depositor; the failed call's value stayed in Multicall3.
    assertThat(chain.call(WETH_ADDRESS, WETH.balanceOf(MULTICALL3))).isEqualTo(UInt256.valueOf(5));
    assertThat(chain.balance(MULTICALL3)).isEqualTo(UInt256.valueOf(2));

    assertThat(
            reason(
                chain.send(
                    alice, MULTICALL3, Multicall3.aggregate3Value(calls), UInt256.valueOf(8))))
        .isEqualTo("Multicall3: value mismatch");
    List<Call3Value> required = List.of(new Call3Value(reverter, false, UInt256.valueOf(1), OOPS));
    assertThat(
            reason(
                chain.send(alice, MULTICALL3, Multicall3.aggregate3Value(required), UInt256.ONE)))
        .isEqualTo("Multicall3: call failed");
    System.out.println("aggregate3Value (3 calls) gas: " + o.gasUsed());
  }

  @Test
  void aggregateRequiresEveryCallAndReturnsTheBlockNumber() {
    Multicall3.AggregateResult r =
        chain.call(
            MULTICALL3,
            Multicall3.aggregate(
                List.of(
                    new Call(echo, HELLO), new Call(MULTICALL3, data(Multicall3.getChainId())))));
    assertThat(r.blockNumber()).isEqualTo(UInt256.valueOf(chain.number()));
    assertThat(r.returnData()).containsExactly(HELLO, Bytes.wrap(UInt256.valueOf(901).toBytes()));

    Outcome refused =
        chain.simulate(
            alice,
            MULTICALL3,
            UInt256.ZERO,
            Multicall3.aggregate(List.of(new Call(echo, HELLO), new Call(reverter, OOPS))).data());
    assertThat(reason(refused)).isEqualTo("Multicall3: call failed");
  }

  @Test
  void tryAggregateRequiresSuccessOnlyWhenAsked() {
    List<Call> calls = List.of(new Call(reverter, OOPS), new Call(echo, HELLO));
    assertThat(chain.call(MULTICALL3, Multicall3.tryAggregate(false, calls)))
        .containsExactly(new Result(false, OOPS), new Result(true, HELLO));
    Outcome refused =
        chain.simulate(
            alice, MULTICALL3, UInt256.ZERO, Multicall3.tryAggregate(true, calls).data());
    assertThat(reason(refused)).isEqualTo("Multicall3: call failed");
  }

  @Test
  void blockVariantsAddTheBlockNumberAndBlockhashOfTheCurrentBlock() {
    List<Call> calls = List.of(new Call(reverter, OOPS), new Call(echo, HELLO));
    Multicall3.TryBlockAndAggregateResult t =
        chain.call(MULTICALL3, Multicall3.tryBlockAndAggregate(false, calls));
    assertThat(t.blockNumber()).isEqualTo(UInt256.valueOf(chain.number()));
    // blockhash(block.number) is always zero: the current block has no hash yet.
    assertThat(t.blockHash()).isEqualTo(Hash.ZERO);
    assertThat(t.returnData()).containsExactly(new Result(false, OOPS), new Result(true, HELLO));

    Multicall3.BlockAndAggregateResult b =
        chain.call(MULTICALL3, Multicall3.blockAndAggregate(List.of(new Call(echo, HELLO))));
    assertThat(b.blockNumber()).isEqualTo(UInt256.valueOf(chain.number()));
    assertThat(b.returnData()).containsExactly(new Result(true, HELLO));
    Outcome refused =
        chain.simulate(alice, MULTICALL3, UInt256.ZERO, Multicall3.blockAndAggregate(calls).data());
    assertThat(reason(refused)).isEqualTo("Multicall3: call failed");
  }

  @Test
  void blockAndAccountGetters() {
    assertThat(chain.call(MULTICALL3, Multicall3.getBlockNumber()))
        .isEqualTo(UInt256.valueOf(chain.number()));
    assertThat(chain.call(MULTICALL3, Multicall3.getCurrentBlockTimestamp()))
        .isEqualTo(UInt256.valueOf(chain.timestamp()));
    assertThat(chain.call(MULTICALL3, Multicall3.getChainId())).isEqualTo(UInt256.valueOf(901));
    assertThat(chain.call(MULTICALL3, Multicall3.getBasefee())).isEqualTo(UInt256.ZERO);
    assertThat(chain.call(MULTICALL3, Multicall3.getCurrentBlockGasLimit()))
        .isEqualTo(UInt256.valueOf(30_000_000));
    assertThat(chain.call(MULTICALL3, Multicall3.getCurrentBlockDifficulty()))
        .isEqualTo(UInt256.ZERO);
    Address coinbase = TestChain.address("sequencer");
    chain.setCoinbase(coinbase);
    assertThat(chain.call(MULTICALL3, Multicall3.getCurrentBlockCoinbase())).isEqualTo(coinbase);
    assertThat(chain.call(MULTICALL3, Multicall3.getEthBalance(alice))).isEqualTo(TestChain.ETHER);
    long previous = chain.number() - 1;
    assertThat(chain.call(MULTICALL3, Multicall3.getLastBlockHash()))
        .isEqualTo(chain.blockHash(previous));
    assertThat(chain.call(MULTICALL3, Multicall3.getBlockHash(UInt256.valueOf(previous - 1))))
        .isEqualTo(chain.blockHash(previous - 1));
    assertThat(chain.call(MULTICALL3, Multicall3.version())).isEqualTo("1.0.0");
  }
}
