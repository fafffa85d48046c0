package io.merapi.state.op;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.state.InMemoryState;
import io.merapi.state.block.ChainRules;
import io.merapi.state.op.stateless.ExecutionWitness;
import io.merapi.state.op.stateless.MissingPreimageException;
import io.merapi.state.op.stateless.StatelessExecutor;
import io.merapi.state.op.stateless.WitnessBuilder;
import io.merapi.state.op.stateless.WitnessStateTest;
import io.merapi.types.block.Block;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.json.Json;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The witness a node serves for its own block: made by re-executing the block on recording sources,
 * it is enough for stateless re-execution, and every node in it is needed.
 */
class WitnessBuilderTest {
  /** Stores BLOCKHASH(NUMBER - 2) in slot 0, so the witness needs an ancestor header. */
  static final byte[] BLOCKHASH_CODE = Bytes.fromHex("0x6002430340600055").array();

  static final Address CONTRACT = Address.fromHex("0x00000000000000000000000000000000000c0de0");

  record Fixture(
      InMemoryState state,
      ExecutionWitness full,
      Map<Hash, byte[]> codes,
      Header grandparent,
      Header parent) {}

  static Fixture fixture() {
    InMemoryState state = OpBlockBuilderTest.genesisState();
    for (int i = 1; i <= 300; i++) {
      state.put(
          Address.fromHex(String.format("0x%040x", 0x100000 + i)),
          i,
          UInt256.valueOf(i),
          new byte[0],
          Map.of(UInt256.valueOf(i), UInt256.valueOf(i)));
    }
    state.put(CONTRACT, 1, UInt256.ZERO, BLOCKHASH_CODE, Map.of(UInt256.valueOf(7), UInt256.ONE));
    Map<Hash, byte[]> codes = new HashMap<>();
    codes.put(Keccak256.digest(BLOCKHASH_CODE), BLOCKHASH_CODE);
    codes.put(Keccak256.digest(new byte[] {0x00}), new byte[] {0x00});
    Header parentTemplate = OpBlockBuilderTest.parent(state.stateRoot());
    Header grandparent =
        parentTemplate.toBuilder()
            .number(parentTemplate.number() - 1)
            .timestamp(parentTemplate.timestamp() - 2)
            .build();
    Header parent = parentTemplate.toBuilder().parentHash(grandparent.hash()).build();
    return new Fixture(state, WitnessStateTest.witnessOf(state, codes), codes, grandparent, parent);
  }

  static Transaction callContract() {
    return new DynamicFeeTransaction(
            10,
            1,
            UInt256.valueOf(1_000),
            UInt256.valueOf(2_000_000_000L),
            100_000,
            Optional.of(CONTRACT),
            UInt256.ZERO,
            Bytes.EMPTY,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(OpBlockBuilderTest.KEY);
  }

  @Test
  void theServedWitnessRebuildsTheBlockAndHoldsNothingSpare() throws Exception {
    Fixture f = fixture();
    OpChainRules rules = HoloceneEip1559Test.rules();
    PayloadAttributes attributes =
        OpBlockBuilderTest.attributes(
            List.of(OpBlockBuilderTest.deposit(), OpBlockBuilderTest.transfer(), callContract()));
    InMemoryState building = f.state();
    Hash parentRoot = building.stateRoot();
    OpBlockBuilder.Built built =
        new OpBlockBuilder(rules)
            .build(
                f.parent(),
                attributes,
                building,
                n -> n == f.grandparent().number() ? f.grandparent().hash() : f.parent().hash(),
                changes -> {
                  building.apply(changes);
                  return building.stateRoot();
                });
    assertThat(built.receipts()).hasSize(3);
    Block block =
        new Block(
            built.header(), new BlockBody(built.transactions(), List.of(), Optional.of(List.of())));

    Map<Hash, byte[]> everything = f.full().preimages();
    Map<Hash, Header> headers = Map.of(f.grandparent().hash(), f.grandparent());
    ExecutionWitness witness =
        new WitnessBuilder(
                ChainRules.of(rules.config()),
                h -> Optional.ofNullable(everything.get(h)),
                h -> Optional.ofNullable(f.codes().get(h)),
                h -> Optional.ofNullable(headers.get(h)))
            .build(block, f.parent());
    assertThat(parentRoot).isEqualTo(f.parent().stateRoot());

    assertThat(witness.state().size()).isLessThan(f.full().state().size() / 4);
    assertThat(witness.codes()).extracting(Bytes::array).contains(BLOCKHASH_CODE);
    assertThat(witness.headers())
        .as("parent first, then the ancestor BLOCKHASH read")
        .containsExactly(Bytes.wrap(f.parent().encoded()), Bytes.wrap(f.grandparent().encoded()));
    assertThat(witness.keys())
        .contains(
            Bytes.wrap(CONTRACT.toArray()),
            Bytes.wrap(UInt256.ZERO.toBytes()),
            Bytes.wrap(OpBlockBuilderTest.USER.toArray()));

    // The served JSON reads back as the same witness.
    JsonNode json = Json.mapper().valueToTree(witness.toJson());
    assertThat(ExecutionWitness.fromJson(json)).isEqualTo(witness);

    OpBlockBuilder.Built again =
        new StatelessExecutor(rules).execute(f.parent(), attributes, witness);
    assertThat(again.header().hash()).isEqualTo(block.hash());

    // Every node is needed: without any one of them stateless execution stops and names it.
    for (int i = 0; i < witness.state().size(); i++) {
      List<Bytes> fewer = new ArrayList<>(witness.state());
      Bytes dropped = fewer.remove(i);
      ExecutionWitness partial =
          new ExecutionWitness(fewer, witness.codes(), witness.keys(), witness.headers());
      assertThatThrownBy(
              () -> new StatelessExecutor(rules).execute(f.parent(), attributes, partial))
          .isInstanceOf(MissingPreimageException.class)
          .hasMessageContaining(Keccak256.digest(dropped.array()).toString());
    }
  }

  @Test
  void witnessJsonInTheShapesOfOpGethAndGethIsRead() throws Exception {
    Fixture f = fixture();
    Bytes node = f.full().state().get(0);
    Bytes code = Bytes.wrap(BLOCKHASH_CODE);
    // op-geth (and reth before 2025): objects from hash to preimage; geth: JSON headers.
    String json =
        "{\"State\":{\""
            + Keccak256.digest(node.array())
            + "\":\""
            + node.toHex()
            + "\"},\"codes\":{\""
            + Keccak256.digest(code.array())
            + "\":\""
            + code.toHex()
            + "\"},\"headers\":["
            + Json.mapper().writeValueAsString(f.parent())
            + "]}";
    ExecutionWitness read = ExecutionWitness.fromJson(Json.mapper().readTree(json));
    assertThat(read.state()).containsExactly(node);
    assertThat(read.codes()).containsExactly(code);
    assertThat(read.decodedHeaders()).containsExactly(f.parent());

    assertThatThrownBy(
            () -> ExecutionWitness.fromJson(Json.mapper().readTree("{\"state\":[\"0x1\"]}")))
        .hasMessageContaining("state[0]");
    assertThatThrownBy(
            () -> ExecutionWitness.fromJson(Json.mapper().readTree("{\"state\":[], \"x\":1}")))
        .hasMessageContaining("unknown field 'x'");
    assertThatThrownBy(
            () -> ExecutionWitness.fromJson(Json.mapper().readTree("{\"headers\":[{\"a\":1}]}")))
        .hasMessageContaining("headers[0] is not a block header");
  }
}
