package io.merapi.state.tool.statetest;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.BlockContext;
import io.merapi.evm.Evm;
import io.merapi.evm.EvmConfig;
import io.merapi.evm.ForkRules;
import io.merapi.evm.Tracer;
import io.merapi.state.BlobGas;
import io.merapi.state.FeeRules;
import io.merapi.state.InMemoryState;
import io.merapi.state.JournaledState;
import io.merapi.state.TransactionProcessor;
import io.merapi.state.TransactionResult;
import io.merapi.state.tool.FixtureJson;
import io.merapi.types.config.BlobSchedule;
import io.merapi.types.config.Fork;
import io.merapi.types.receipt.Log;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.AccessListTransaction;
import io.merapi.types.transaction.Authorization;
import io.merapi.types.transaction.BlobTransaction;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.LegacyTransaction;
import io.merapi.types.transaction.SetCodeTransaction;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Runs state-test cases as geth's {@code evm statetest} does: builds the pre-state and block
 * environment, applies the case's transaction with the fork's rules, touches the coinbase, and
 * compares the post-state root and the logs hash (or, for a case that expects an exception, that
 * the transaction was refused). Thread-safe: every case builds its own state.
 */
public final class StateTestRunner {
  /** The chain id state tests are filled with. */
  public static final long CHAIN_ID = 1;

  private static final TransactionProcessor PROCESSOR = new TransactionProcessor(FeeRules.L1);

  private StateTestRunner() {}

  /** Runs one case; failures are reported in the result, never thrown. */
  public static StateTestResult run(StateTest test, StateTest.Case c, Tracer tracer) {
    Optional<Fork> fork = Fork.fromName(c.fork());
    if (fork.isEmpty() || ForkRules.of(fork.get()).isEmpty()) {
      return new StateTestResult(
          test.name(),
          c.fork(),
          c.index(),
          false,
          Optional.empty(),
          Optional.of("unsupported fork " + c.fork() + " (supported: Berlin to Osaka)"));
    }
    try {
      return runSupported(test, c, fork.get(), tracer);
    } catch (RuntimeException e) {
      return new StateTestResult(
          test.name(), c.fork(), c.index(), false, Optional.empty(), Optional.of(e.toString()));
    }
  }

  private static StateTestResult runSupported(
      StateTest test, StateTest.Case c, Fork fork, Tracer tracer) {
    JsonNode json = test.json();
    JsonNode post = json.get("post").get(c.fork()).get(c.index());
    EvmConfig config = EvmConfig.l1(fork, CHAIN_ID);
    InMemoryState pre = preState(json.get("pre"));
    BlobSchedule blobs =
        BlobSchedule.at(
            BlobSchedule.readAll(
                FixtureJson.field(json, "config").map(cfg -> cfg.get("blobSchedule")).orElse(null)),
            fork);
    BlockContext block = blockContext(json.get("env"), config.rules(), blobs);
    JsonNode indexes = post.get("indexes");
    JsonNode txJson = json.get("transaction");

    Optional<String> error = Optional.empty();
    List<Log> logs = List.of();
    JournaledState state = new JournaledState(pre);
    try {
      Address sender = sender(txJson);
      Transaction tx =
          transaction(
              txJson,
              indexes.get("data").asInt(),
              indexes.get("gas").asInt(),
              indexes.get("value").asInt(),
              config.rules().hasBaseFee());
      Optional<JsonNode> txBytes = FixtureJson.field(post, "txbytes");
      if (txBytes.isPresent()) {
        // The case's transaction as signed bytes must decode and recover a sender.
        TransactionDecoder.decode(FixtureJson.bytes(txBytes.get())).sender();
      }
      Evm evm = new Evm(config, state, block, tracer);
      TransactionResult result =
          PROCESSOR.process(evm, state, tx, sender, block.gasLimit(), blobs.maxBlobGas());
      switch (result) {
        case TransactionResult.Invalid invalid -> error = Optional.of(invalid.message());
        case TransactionResult.Executed executed -> logs = executed.logs();
      }
    } catch (RuntimeException refused) {
      error = Optional.of(refused.getMessage() == null ? refused.toString() : refused.getMessage());
    }
    // geth's state test adds a zero reward, which touches (and may delete) the coinbase.
    state.addBalance(block.coinbase(), UInt256.ZERO);
    state.finishTransaction(true);
    pre.apply(state.changes());
    Hash root = pre.stateRoot();

    Optional<String> expected = FixtureJson.field(post, "expectException").map(JsonNode::asText);
    Optional<String> failure = Optional.empty();
    if (error.isPresent() && expected.isEmpty()) {
      failure = Optional.of("unexpected error: " + error.get());
    } else if (error.isEmpty() && expected.isPresent()) {
      failure = Optional.of("expected error " + expected.get() + ", got no error");
    } else if (error.isEmpty()) {
      Hash wantRoot = Hash.fromHex(post.get("hash").asText());
      Hash wantLogs = Hash.fromHex(post.get("logs").asText());
      Hash gotLogs = logsHash(logs);
      if (!root.equals(wantRoot)) {
        failure = Optional.of("post state root mismatch: got " + root + ", want " + wantRoot);
      } else if (!gotLogs.equals(wantLogs)) {
        failure =
            Optional.of("post state logs hash mismatch: got " + gotLogs + ", want " + wantLogs);
      }
    }
    return new StateTestResult(
        test.name(), c.fork(), c.index(), failure.isEmpty(), Optional.of(root), failure);
  }

  /** keccak256(rlp(logs)), the {@code logs} field of a post-state. */
  public static Hash logsHash(List<Log> logs) {
    RlpWriter writer = new RlpWriter();
    writer.startList();
    for (Log log : logs) {
      log.writeTo(writer);
    }
    writer.endList();
    return Keccak256.digest(writer.toByteArray());
  }

  static InMemoryState preState(JsonNode pre) {
    InMemoryState state = new InMemoryState();
    for (Map.Entry<String, JsonNode> e : pre.properties()) {
      JsonNode a = e.getValue();
      Map<UInt256, UInt256> storage = new HashMap<>();
      FixtureJson.field(a, "storage")
          .ifPresent(
              s -> {
                for (Map.Entry<String, JsonNode> slot : s.properties()) {
                  storage.put(UInt256.parse(slot.getKey()), FixtureJson.uint(slot.getValue()));
                }
              });
      state.put(
          Address.fromHex(e.getKey().toLowerCase(java.util.Locale.ROOT)),
          FixtureJson.field(a, "nonce").map(FixtureJson::uint64).orElse(0L),
          FixtureJson.field(a, "balance").map(FixtureJson::uint).orElse(UInt256.ZERO),
          FixtureJson.field(a, "code").map(FixtureJson::bytes).orElse(new byte[0]),
          storage);
    }
    return state;
  }

  static BlockContext blockContext(JsonNode env, ForkRules rules, BlobSchedule blobs) {
    long number = FixtureJson.uint64(env.get("currentNumber"));
    Optional<JsonNode> random = FixtureJson.field(env, "currentRandom");
    UInt256 difficulty =
        FixtureJson.field(env, "currentDifficulty").map(FixtureJson::uint).orElse(UInt256.ZERO);
    // Retesteth's genesis base fee is 0x10, so a missing base fee defaults to the next one, 0x0a.
    UInt256 baseFee =
        rules.hasBaseFee()
            ? FixtureJson.field(env, "currentBaseFee")
                .map(FixtureJson::uint)
                .orElse(UInt256.valueOf(10))
            : UInt256.ZERO;
    UInt256 blobBaseFee =
        rules.hasBlobs()
            ? BlobGas.baseFee(
                FixtureJson.field(env, "currentExcessBlobGas").map(FixtureJson::uint64).orElse(0L),
                blobs)
            : UInt256.ZERO;
    return new BlockContext(
        FixtureJson.address(env.get("currentCoinbase")),
        number,
        FixtureJson.uint64(env.get("currentTimestamp")),
        FixtureJson.uint64(env.get("currentGasLimit")),
        baseFee,
        difficulty,
        random.map(FixtureJson::hash).orElse(Hash.ZERO),
        blobBaseFee,
        StateTestRunner::blockHash);
  }

  /** ethereum/tests' block hashes: keccak256 of the block number in decimal ASCII. */
  static Hash blockHash(long number) {
    return Keccak256.digest(Long.toString(number).getBytes(StandardCharsets.US_ASCII));
  }

  static Address sender(JsonNode tx) {
    Optional<JsonNode> sender = FixtureJson.field(tx, "sender");
    if (sender.isPresent()) {
      return FixtureJson.address(sender.get());
    }
    return Secp256k1.PrivateKey.fromBytes(FixtureJson.bytes(tx.get("secretKey"))).address();
  }

  /** The transaction of one (data, gas, value) variant, unsigned: the sender is given. */
  static Transaction transaction(
      JsonNode tx, int dataIndex, int gasIndex, int valueIndex, boolean hasBaseFee) {
    long nonce = FixtureJson.uint64(tx.get("nonce"));
    long gasLimit = FixtureJson.uint64(tx.get("gasLimit").get(gasIndex));
    UInt256 value = FixtureJson.uint(tx.get("value").get(valueIndex));
    Bytes data = Bytes.wrap(FixtureJson.bytes(tx.get("data").get(dataIndex)));
    String toText = FixtureJson.field(tx, "to").map(JsonNode::asText).orElse("").trim();
    Optional<Address> to =
        toText.isEmpty()
            ? Optional.empty()
            : Optional.of(Address.fromHex(toText.toLowerCase(java.util.Locale.ROOT)));
    // accessLists, when present, has one entry (possibly null) per data variant.
    Optional<AccessList> accessList =
        FixtureJson.field(tx, "accessLists")
            .flatMap(lists -> Optional.ofNullable(lists.get(dataIndex)))
            .filter(node -> !node.isNull())
            .map(StateTestRunner::accessList);
    Optional<UInt256> maxFee = FixtureJson.field(tx, "maxFeePerGas").map(FixtureJson::uint);
    Optional<UInt256> gasPrice = FixtureJson.field(tx, "gasPrice").map(FixtureJson::uint);
    UInt256 zero = UInt256.ZERO;
    if (tx.has("blobVersionedHashes")) {
      List<Hash> hashes = new ArrayList<>();
      tx.get("blobVersionedHashes").forEach(h -> hashes.add(Hash.fromHex(h.asText())));
      UInt256 feeCap = maxFee.orElseGet(() -> gasPrice.orElse(zero));
      return new BlobTransaction(
          CHAIN_ID,
          nonce,
          FixtureJson.field(tx, "maxPriorityFeePerGas").map(FixtureJson::uint).orElse(feeCap),
          feeCap,
          gasLimit,
          to.orElseThrow(() -> new IllegalArgumentException("blob transaction of type create")),
          value,
          data,
          accessList.orElse(AccessList.EMPTY),
          FixtureJson.field(tx, "maxFeePerBlobGas").map(FixtureJson::uint).orElse(zero),
          hashes,
          zero,
          zero,
          zero,
          Optional.empty());
    }
    if (tx.has("authorizationList")) {
      UInt256 feeCap = maxFee.orElseGet(() -> gasPrice.orElse(zero));
      return new SetCodeTransaction(
          CHAIN_ID,
          nonce,
          FixtureJson.field(tx, "maxPriorityFeePerGas").map(FixtureJson::uint).orElse(feeCap),
          feeCap,
          gasLimit,
          to.orElseThrow(() -> new IllegalArgumentException("set-code transaction of type create")),
          value,
          data,
          accessList.orElse(AccessList.EMPTY),
          authorizations(tx.get("authorizationList")),
          zero,
          zero,
          zero);
    }
    if (maxFee.isPresent()) {
      return new DynamicFeeTransaction(
          CHAIN_ID,
          nonce,
          FixtureJson.field(tx, "maxPriorityFeePerGas").map(FixtureJson::uint).orElse(maxFee.get()),
          maxFee.get(),
          gasLimit,
          to,
          value,
          data,
          accessList.orElse(AccessList.EMPTY),
          zero,
          zero,
          zero);
    }
    UInt256 price =
        gasPrice.orElseThrow(() -> new IllegalArgumentException("no gas price provided"));
    if (accessList.isPresent()) {
      return new AccessListTransaction(
          CHAIN_ID, nonce, price, gasLimit, to, value, data, accessList.get(), zero, zero, zero);
    }
    return LegacyTransaction.unsigned(
        OptionalLong.empty(), nonce, price, gasLimit, to, value, data);
  }

  /** The signed authorizations as the fixture gives them ({@code signer} is not trusted). */
  private static List<Authorization> authorizations(JsonNode node) {
    List<Authorization> list = new ArrayList<>();
    for (JsonNode a : node) {
      JsonNode parity = a.has("yParity") ? a.get("yParity") : a.get("v");
      UInt256 y = FixtureJson.uint(parity);
      list.add(
          new Authorization(
              FixtureJson.uint(a.get("chainId")),
              FixtureJson.address(a.get("address")),
              FixtureJson.uint64(a.get("nonce")),
              // A y-parity beyond a byte cannot recover; 0xff keeps it invalid.
              y.compareTo(0xff) > 0 ? 0xff : (int) y.limb(0),
              FixtureJson.uint(a.get("r")),
              FixtureJson.uint(a.get("s"))));
    }
    return list;
  }

  private static AccessList accessList(JsonNode node) {
    List<AccessList.Entry> entries = new ArrayList<>();
    for (JsonNode entry : node) {
      List<Hash> keys = new ArrayList<>();
      FixtureJson.field(entry, "storageKeys")
          .ifPresent(k -> k.forEach(key -> keys.add(FixtureJson.hash(key))));
      entries.add(new AccessList.Entry(FixtureJson.address(entry.get("address")), keys));
    }
    return new AccessList(entries);
  }
}
