package io.merapi.execution.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.Evm;
import io.merapi.state.op.OpBlockBuilder;
import io.merapi.state.op.Predeploys;
import io.merapi.state.op.stateless.ExecutionWitness;
import io.merapi.state.op.stateless.StatelessExecutor;
import io.merapi.types.block.Block;
import io.merapi.types.block.Header;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.Transaction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An OP node's JSON-RPC on a four-block Holocene chain (L1 info deposits, user deposits that
 * succeed, fail and create a contract, user transactions, a change of the Holocene EIP-1559
 * parameters, BLOCKHASH reaching three blocks back): the L1 fee and deposit fields as op-geth
 * prints them, op-geth's fee suggestion, calls without the L1 fee, and {@code
 * debug_executionWitness} re-executed statelessly to the same block hashes.
 */
class OpNodeRpcTest {
  static final long ETHER = 1_000_000_000_000_000_000L;
  static final Address ALIAS_A = Address.fromHex("0x00000000000000000000000000000000000a11a5");
  static final Address ALIAS_B = Address.fromHex("0x00000000000000000000000000000000000b11a5");
  static final Address ALIAS_C = Address.fromHex("0x00000000000000000000000000000000000c11a5");
  static final Address ALIAS_D = Address.fromHex("0x00000000000000000000000000000000000d11a5");
  static final Address FRESH = Address.fromHex("0x0000000000000000000000000000000000f7e500");

  /** Init code deploying the one-byte code 0x00. */
  static final Bytes INIT_CODE = Bytes.fromHex("0x600060005360016000f3");

  static OpNodeFixture f;
  static final List<Block> blocks = new ArrayList<>();
  static final List<PayloadAttributes> attributes = new ArrayList<>();
  static DepositTransaction depositA;
  static DepositTransaction depositB;
  static DepositTransaction depositC;
  static DepositTransaction depositD;
  static Transaction transfer;
  static Transaction call;

  @BeforeAll
  static void buildChain() {
    f = new OpNodeFixture();
    depositA =
        OpNodeFixture.userDeposit(0, ALIAS_A, Optional.of(FRESH), ETHER, ETHER / 2, Bytes.EMPTY);
    depositB =
        OpNodeFixture.userDeposit(
            1, ALIAS_B, Optional.of(OpNodeFixture.REVERTER), 2 * ETHER, 3 * ETHER, Bytes.EMPTY);
    depositD =
        OpNodeFixture.userDeposit(
            3, ALIAS_D, Optional.of(OpNodeFixture.REVERTER), ETHER, 0, Bytes.EMPTY);
    depositC = OpNodeFixture.userDeposit(2, ALIAS_C, Optional.empty(), 0, 0, INIT_CODE);
    transfer =
        f.tx(OpNodeFixture.ALICE, 0, Optional.of(OpNodeFixture.BOB.address()), 1, Bytes.EMPTY);
    call = f.tx(OpNodeFixture.ALICE, 1, Optional.of(OpNodeFixture.BLOCKHASHER), 0, Bytes.EMPTY);
    add(
        List.of(
            OpNodeFixture.l1Info(7_000_001, 0, 7_000_000_000L),
            depositA,
            depositB,
            depositC,
            depositD,
            transfer,
            call),
        "0x0000000000000000");
    add(
        List.of(
            OpNodeFixture.l1Info(7_000_001, 1, 7_000_000_000L),
            f.tx(OpNodeFixture.BOB, 0, Optional.of(OpNodeFixture.BLOCKHASHER), 0, Bytes.EMPTY)),
        "0x0000000000000000");
    add(
        List.of(
            OpNodeFixture.l1Info(7_000_002, 0, 9_000_000_000L),
            f.tx(OpNodeFixture.ALICE, 0, Optional.of(OpNodeFixture.BLOCKHASHER), 0, Bytes.EMPTY)),
        "0x0000006400000004");
    add(
        List.of(
            OpNodeFixture.l1Info(7_000_002, 1, 9_000_000_000L),
            f.tx(OpNodeFixture.BOB, 0, Optional.of(OpNodeFixture.BLOCKHASHER), 0, Bytes.EMPTY)),
        "0x0000000000000000");
  }

  static void add(List<Transaction> txs, String eip1559Params) {
    PayloadAttributes a = f.attributes(txs, Bytes.fromHex(eip1559Params));
    attributes.add(a);
    blocks.add(f.build(a));
  }

  @AfterAll
  static void stop() {
    if (f != null) {
      f.close();
    }
  }

  static String q(long v) {
    return "\"" + Hex.quantity(v) + "\"";
  }

  static String str(Object o) {
    return "\"" + o + "\"";
  }

  @Test
  void everyBlockReExecutesStatelesslyFromTheServedWitness() throws Exception {
    for (Block block : blocks) {
      long n = block.number();
      JsonNode witnessJson = f.result("debug_executionWitness", "[" + q(n) + "]");
      ExecutionWitness witness = ExecutionWitness.fromJson(witnessJson);
      JsonNode parentJson = f.result("eth_getBlockByNumber", "[" + q(n - 1) + ", false]");
      Header parent = StatelessExecutor.parseHeader(parentJson);
      OpBlockBuilder.Built again =
          new StatelessExecutor(f.rules).execute(parent, attributes.get((int) n - 1), witness);
      JsonNode served = f.result("eth_getBlockByNumber", "[" + q(n) + ", false]");
      assertThat(again.header().hash().toHex())
          .as("block %d", n)
          .isEqualTo(served.get("hash").asText())
          .isEqualTo(block.hash().toHex());
      assertThat(witness.decodedHeaders().get(0)).isEqualTo(parent);
    }
    // Block 4 reads BLOCKHASH(1): the witness walks back to block 1.
    ExecutionWitness fourth =
        ExecutionWitness.fromJson(f.result("debug_executionWitness", "[\"0x4\"]"));
    assertThat(fourth.decodedHeaders()).extracting(Header::number).containsExactly(3L, 2L, 1L);
    assertThat(f.call("debug_executionWitness", "[\"0x0\"]").get("error").get("message").asText())
        .contains("genesis");
  }

  @Test
  void userTransactionReceiptsCarryTheEcotoneL1FeeFields() throws Exception {
    JsonNode r1 = f.result("eth_getTransactionReceipt", "[" + str(transfer.hash()) + "]");
    JsonNode r2 = f.result("eth_getTransactionReceipt", "[" + str(call.hash()) + "]");
    assertThat(r1.get("l1GasPrice").asText()).isEqualTo(Hex.quantity(7_000_000_000L));
    assertThat(r1.get("l1BlobBaseFee").asText()).isEqualTo("0x3");
    assertThat(r1.get("l1BaseFeeScalar").asText()).isEqualTo(Hex.quantity(1368));
    assertThat(r1.get("l1BlobBaseFeeScalar").asText()).isEqualTo(Hex.quantity(810_949));
    assertThat(r1.has("l1FeeScalar")).as("removed with Ecotone").isFalse();
    assertThat(r1.has("operatorFeeScalar")).as("Isthmus only").isFalse();
    assertThat(r1.get("l1GasUsed").asText()).startsWith("0x");
    // The L1 fee vault got exactly the receipts' l1Fee values.
    BigInteger fees =
        new BigInteger(r1.get("l1Fee").asText().substring(2), 16)
            .add(new BigInteger(r2.get("l1Fee").asText().substring(2), 16));
    assertThat(fees.signum()).isPositive();
    JsonNode vault = f.result("eth_getBalance", "[" + str(Predeploys.L1_FEE_VAULT) + ", \"0x1\"]");
    assertThat(new BigInteger(vault.asText().substring(2), 16)).isEqualTo(fees);
    // The base fee goes to its vault rather than being burnt.
    JsonNode baseVault =
        f.result("eth_getBalance", "[" + str(Predeploys.BASE_FEE_VAULT) + ", \"0x1\"]");
    UInt256 baseFee = blocks.get(0).header().baseFeePerGas().orElseThrow();
    long userGas =
        Long.decode(r1.get("gasUsed").asText()) + Long.decode(r2.get("gasUsed").asText());
    assertThat(baseVault.asText()).isEqualTo(baseFee.multiply(userGas).toQuantity());
  }

  @Test
  void depositReceiptsAndTransactionsAsOpGethPrintsThem() throws Exception {
    JsonNode a = f.result("eth_getTransactionReceipt", "[" + str(depositA.hash()) + "]");
    assertThat(a.get("status").asText()).isEqualTo("0x1");
    assertThat(a.get("depositNonce").asText()).isEqualTo("0x0");
    assertThat(a.get("depositReceiptVersion").asText()).isEqualTo("0x1");
    assertThat(a.get("effectiveGasPrice").asText()).isEqualTo("0x0");
    assertThat(a.has("l1Fee")).as("deposits pay no L1 fee").isFalse();

    // A deposit that cannot pay its value fails (deposits.md "Execution"): it keeps its mint,
    // bumps the nonce and uses its whole gas limit.
    JsonNode b = f.result("eth_getTransactionReceipt", "[" + str(depositB.hash()) + "]");
    assertThat(b.get("status").asText()).isEqualTo("0x0");
    assertThat(b.get("gasUsed").asText()).isEqualTo(Hex.quantity(200_000));
    assertThat(f.result("eth_getBalance", "[" + str(ALIAS_B) + ", \"latest\"]").asText())
        .isEqualTo(UInt256.valueOf(2 * ETHER).toQuantity());
    assertThat(f.result("eth_getTransactionCount", "[" + str(ALIAS_B) + ", \"latest\"]").asText())
        .isEqualTo("0x1");
    // A deposit whose call reverts is an ordinary failed execution: it pays the gas it used.
    JsonNode d = f.result("eth_getTransactionReceipt", "[" + str(depositD.hash()) + "]");
    assertThat(d.get("status").asText()).isEqualTo("0x0");
    assertThat(d.get("gasUsed").asText()).isEqualTo(Hex.quantity(21_004));
    assertThat(f.result("eth_getBalance", "[" + str(ALIAS_D) + ", \"latest\"]").asText())
        .isEqualTo(UInt256.valueOf(ETHER).toQuantity());

    // A deposit creating a contract: its address from the deposit nonce.
    JsonNode c = f.result("eth_getTransactionReceipt", "[" + str(depositC.hash()) + "]");
    Address created = Evm.createAddress(ALIAS_C, 0);
    assertThat(c.get("contractAddress").asText()).isEqualTo(created.toHex());
    assertThat(f.result("eth_getCode", "[" + str(created) + ", \"latest\"]").asText())
        .isEqualTo("0x00");

    JsonNode tx = f.result("eth_getTransactionByHash", "[" + str(depositA.hash()) + "]");
    assertThat(tx.get("type").asText()).isEqualTo("0x7e");
    assertThat(tx.get("sourceHash").asText()).isEqualTo(depositA.sourceHash().toHex());
    assertThat(tx.get("mint").asText()).isEqualTo(UInt256.valueOf(ETHER).toQuantity());
    assertThat(tx.get("nonce").asText()).isEqualTo("0x0");
    assertThat(tx.get("depositReceiptVersion").asText()).isEqualTo("0x1");
    assertThat(tx.get("gasPrice").asText()).isEqualTo("0x0");
    assertThat(tx.get("v").asText()).isEqualTo("0x0");
    assertThat(tx.has("isSystemTx")).isFalse();
    assertThat(tx.has("chainId")).isFalse();

    JsonNode info = f.result("eth_getTransactionByBlockNumberAndIndex", "[\"0x2\", \"0x0\"]");
    assertThat(info.get("from").asText()).isEqualTo(Predeploys.L1_ATTRIBUTES_DEPOSITOR.toHex());
    assertThat(info.get("to").asText()).isEqualTo(Predeploys.L1_BLOCK.toHex());
    assertThat(info.get("gas").asText()).isEqualTo("0xf4240");
    assertThat(info.get("mint").asText()).isEqualTo("0x0");
    assertThat(info.get("input").asText()).startsWith("0x440a5e20");
    // The info deposit set the L1Block storage as the real contract lays it out.
    assertThat(
            f.result("eth_getStorageAt", "[" + str(Predeploys.L1_BLOCK) + ", \"0x1\", \"0x2\"]")
                .asText())
        .isEqualTo(UInt256.valueOf(7_000_000_000L).toHash().toHex());
  }

  @Test
  void holoceneParametersTravelInExtraDataAndSetTheNextBaseFee() throws Exception {
    JsonNode third = f.result("eth_getBlockByNumber", "[\"0x3\", false]");
    assertThat(third.get("extraData").asText()).isEqualTo("0x000000006400000004");
    JsonNode first = f.result("eth_getBlockByNumber", "[\"0x1\", false]");
    assertThat(first.get("extraData").asText())
        .as("zero parameters in the attributes: the chain's Canyon constants")
        .isEqualTo("0x00000000fa00000006");
    Header h3 = blocks.get(2).header();
    long target = h3.gasLimit() / 4;
    BigInteger bf3 = h3.baseFeePerGas().orElseThrow().toBigInteger();
    BigInteger delta =
        bf3.multiply(BigInteger.valueOf(target - h3.gasUsed()))
            .divide(BigInteger.valueOf(target))
            .divide(BigInteger.valueOf(100));
    JsonNode fourth = f.result("eth_getBlockByNumber", "[\"0x4\", false]");
    assertThat(new BigInteger(fourth.get("baseFeePerGas").asText().substring(2), 16))
        .isEqualTo(bf3.subtract(delta));
  }

  @Test
  void feeSuggestionsFollowOpGeth() throws Exception {
    assertThat(f.result("eth_maxPriorityFeePerGas", "[]").asText()).isEqualTo("0xf4240");
    UInt256 headBaseFee = blocks.get(3).header().baseFeePerGas().orElseThrow();
    assertThat(f.result("eth_gasPrice", "[]").asText())
        .isEqualTo(headBaseFee.add(UInt256.valueOf(1_000_000)).toQuantity());
  }

  @Test
  void callsAndEstimatesLeaveTheL1FeeOut() throws Exception {
    // FRESH holds exactly 0.5 ether: enough for gas * price + value, not for an L1 fee on top.
    long gas = 21_000;
    long price = 1_000_000_000L;
    UInt256 value = UInt256.valueOf(ETHER / 2 - gas * price);
    String message =
        "{\"from\":"
            + str(FRESH)
            + ",\"to\":"
            + str(OpNodeFixture.BOB.address())
            + ",\"gas\":"
            + q(gas)
            + ",\"maxFeePerGas\":"
            + q(price)
            + ",\"maxPriorityFeePerGas\":\"0x0\",\"value\":"
            + str(value.toQuantity())
            + "}";
    assertThat(f.result("eth_call", "[" + message + ", \"latest\"]").asText()).isEqualTo("0x");
    assertThat(f.result("eth_estimateGas", "[" + message + ", \"latest\"]").asText())
        .isEqualTo(Hex.quantity(gas));
  }
}
