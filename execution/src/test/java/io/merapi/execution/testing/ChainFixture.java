package io.merapi.execution.testing;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.chain.BlockAttributes;
import io.merapi.execution.chain.BlockBuilder;
import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.chain.SealedBlock;
import io.merapi.execution.dev.DevGenesis;
import io.merapi.state.block.PendingBlock;
import io.merapi.storage.InMemoryKeyValueStore;
import io.merapi.types.block.Header;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.Genesis;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.LegacyTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A dev-genesis chain (Cancun, chain 1337) on an in-memory store with deterministic funded keys,
 * and helpers to sign transactions and to build blocks on it.
 */
public final class ChainFixture {
  public static final long CHAIN_ID = DevGenesis.CHAIN_ID;
  public static final long GWEI = 1_000_000_000L;
  public static final Address RECIPIENT =
      Address.fromHex("0x00000000000000000000000000000000000000aa");
  public static final Address FEE_RECIPIENT =
      Address.fromHex("0x00000000000000000000000000000000000fee00");

  public final List<Secp256k1.PrivateKey> keys = new ArrayList<>();
  public final Genesis genesis;
  public final Blockchain chain;

  public ChainFixture(int accounts, UInt256 balance) {
    this(accounts, balance, DevGenesis.config(CHAIN_ID));
  }

  /** A chain under {@code config} (another fork schedule) with the dev genesis' alloc. */
  public ChainFixture(int accounts, UInt256 balance, ChainConfig config) {
    for (int i = 0; i < accounts; i++) {
      keys.add(key(i));
    }
    Genesis dev =
        DevGenesis.of(
            keys.stream().map(Secp256k1.PrivateKey::address).toList(),
            balance,
            CHAIN_ID,
            DevGenesis.GAS_LIMIT);
    genesis =
        new Genesis(
            config,
            dev.nonce(),
            dev.timestamp(),
            dev.extraData(),
            dev.gasLimit(),
            dev.difficulty(),
            dev.mixHash(),
            dev.coinbase(),
            dev.alloc(),
            dev.number(),
            dev.gasUsed(),
            dev.parentHash(),
            dev.baseFeePerGas(),
            dev.excessBlobGas(),
            dev.blobGasUsed(),
            dev.stateHash());
    chain = Blockchain.initialize(new InMemoryKeyValueStore(), genesis);
  }

  /** Paris rules on chain 1337: no withdrawals, no blobs (for the V1 Engine API methods). */
  public static ChainConfig parisConfig() {
    return ChainConfig.mergedAtGenesis(CHAIN_ID, Map.of());
  }

  public ChainFixture(int accounts) {
    this(accounts, DevGenesis.BALANCE);
  }

  public static Secp256k1.PrivateKey key(int i) {
    return Secp256k1.PrivateKey.fromBytes(Keccak256.hash(("fixture key " + i).getBytes()));
  }

  /** An EIP-1559 transfer of 1 wei to {@link #RECIPIENT}; fees in wei. */
  public static Transaction transfer(Secp256k1.PrivateKey key, long nonce, long tip, long feeCap) {
    return dynamic(key, nonce, tip, feeCap, 21_000, UInt256.ONE, Bytes.EMPTY);
  }

  public static Transaction dynamic(
      Secp256k1.PrivateKey key,
      long nonce,
      long tip,
      long feeCap,
      long gas,
      UInt256 value,
      Bytes data) {
    return new DynamicFeeTransaction(
            CHAIN_ID,
            nonce,
            UInt256.valueOf(tip),
            UInt256.valueOf(feeCap),
            gas,
            Optional.of(RECIPIENT),
            value,
            data,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(key);
  }

  /** An EIP-155 legacy transfer of 1 wei. */
  public static Transaction legacy(Secp256k1.PrivateKey key, long nonce, long gasPrice) {
    return LegacyTransaction.unsigned(
            OptionalLong.of(CHAIN_ID),
            nonce,
            UInt256.valueOf(gasPrice),
            21_000,
            Optional.of(RECIPIENT),
            UInt256.ONE,
            Bytes.EMPTY)
        .sign(key);
  }

  /** Attributes of a child of {@code parent}, {@code seconds} later. */
  public static BlockAttributes attributes(Header parent, long seconds) {
    return new BlockAttributes(
        parent.timestamp() + seconds,
        FEE_RECIPIENT,
        Hash.wrap(Keccak256.hash(("randao " + parent.number()).getBytes())),
        parent.gasLimit(),
        Bytes.EMPTY,
        Optional.of(List.of()),
        Optional.of(Hash.wrap(Keccak256.hash(("beacon " + parent.number()).getBytes()))));
  }

  /** A block on {@code parent} with {@code txs} (all must be accepted), sealed, not stored. */
  public SealedBlock build(Hash parent, List<Transaction> txs, long seconds) {
    Header header = chain.header(parent).orElseThrow();
    BlockBuilder builder = chain.newBlock(parent, attributes(header, seconds));
    for (Transaction tx : txs) {
      if (builder.add(tx) instanceof PendingBlock.Inclusion.Rejected rejected) {
        throw new IllegalStateException("fixture transaction rejected: " + rejected.reason());
      }
    }
    return builder.seal();
  }

  /** Builds a block with {@code txs} on the head and makes it the head. */
  public ChainHead mine(List<Transaction> txs) {
    SealedBlock sealed = build(chain.head().hash(), txs, 12);
    chain.importSealed(sealed, true);
    return chain.head();
  }
}
