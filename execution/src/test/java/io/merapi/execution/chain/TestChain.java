package io.merapi.execution.chain;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.blocktest.TestNetworks;
import io.merapi.state.JournaledState;
import io.merapi.types.block.Header;
import io.merapi.types.block.Withdrawal;
import io.merapi.types.config.Genesis;
import io.merapi.types.config.GenesisAccount;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A deterministic test chain on Cancun rules (chain id 1): funded keys, a contract that stores
 * {@code calldata[32..64]} at slot {@code calldata[0..32]}, and blocks of random transfers (to
 * fresh and known accounts), storage writes (zeroing included), contract creations and withdrawals,
 * built by the chain's own {@link BlockBuilder}.
 */
final class TestChain {
  static final Address STORE = Address.fromHex("0x000000000000000000000000000000000005707e");

  /** PUSH1 32 CALLDATALOAD PUSH1 0 CALLDATALOAD SSTORE STOP. */
  static final byte[] STORE_CODE = {0x60, 0x20, 0x35, 0x60, 0x00, 0x35, 0x55, 0x00};

  /** Init code: SSTORE(1, 1) and return the one-byte code 0x00. */
  static final byte[] INIT_CODE = {
    0x60, 0x01, 0x60, 0x01, 0x55, 0x60, 0x00, 0x60, 0x00, 0x53, 0x60, 0x01, 0x60, 0x00, (byte) 0xf3
  };

  static final Address COINBASE = Address.fromHex("0x00000000000000000000000000000000000c0ffe");

  final List<Secp256k1.PrivateKey> keys = new ArrayList<>();
  final Genesis genesis;

  TestChain(int accounts) {
    Map<Address, GenesisAccount> alloc = new LinkedHashMap<>();
    for (int i = 0; i < accounts; i++) {
      Secp256k1.PrivateKey key =
          Secp256k1.PrivateKey.fromBytes(Keccak256.hash(("test key " + i).getBytes()));
      keys.add(key);
      alloc.put(
          key.address(),
          new GenesisAccount(
              UInt256.valueOf(java.math.BigInteger.TEN.pow(24)), 0, Bytes.EMPTY, Map.of()));
    }
    alloc.put(
        STORE,
        new GenesisAccount(
            UInt256.ZERO,
            1,
            Bytes.wrap(STORE_CODE),
            Map.of(UInt256.valueOf(3).toHash(), UInt256.valueOf(7).toHash())));
    genesis =
        Genesis.of(TestNetworks.config("Cancun").orElseThrow(), 1_700_000_000L, 30_000_000, alloc);
  }

  /** A block of {@code count} random transactions on {@code parentHash}. */
  SealedBlock build(Blockchain chain, Hash parentHash, Random random, int count) {
    Header parent = chain.header(parentHash).orElseThrow();
    List<Withdrawal> withdrawals = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      withdrawals.add(
          new Withdrawal(
              random.nextInt(1000), random.nextInt(100), randomAddress(random), random.nextInt(5)));
    }
    BlockBuilder builder =
        chain.newBlock(
            parentHash,
            new BlockAttributes(
                parent.timestamp() + 12,
                COINBASE,
                Hash.wrap(Keccak256.hash(Long.toString(random.nextLong()).getBytes())),
                parent.gasLimit(),
                Bytes.EMPTY,
                Optional.of(withdrawals),
                Optional.of(
                    Hash.wrap(Keccak256.hash(Long.toString(random.nextLong()).getBytes())))));
    JournaledState state = builder.pending().state();
    UInt256 fee = builder.template().baseFeePerGas().orElseThrow().multiply(2);
    for (int i = 0; i < count; i++) {
      Secp256k1.PrivateKey key = keys.get(random.nextInt(keys.size()));
      long nonce = state.nonce(key.address());
      Transaction tx =
          switch (random.nextInt(5)) {
            case 0, 1 ->
                tx(
                    nonce,
                    fee,
                    21_000,
                    Optional.of(randomAddress(random)),
                    UInt256.valueOf(1 + random.nextInt(1000)),
                    Bytes.EMPTY,
                    key);
            case 2 ->
                tx(
                    nonce,
                    fee,
                    21_000,
                    Optional.of(keys.get(random.nextInt(keys.size())).address()),
                    UInt256.valueOf(random.nextInt(1000)),
                    Bytes.EMPTY,
                    key);
            case 3 -> {
              byte[] data = new byte[64];
              data[31] = (byte) random.nextInt(16);
              data[63] = (byte) random.nextInt(4); // zero clears the slot
              yield tx(nonce, fee, 60_000, Optional.of(STORE), UInt256.ZERO, Bytes.wrap(data), key);
            }
            default ->
                tx(nonce, fee, 100_000, Optional.empty(), UInt256.ZERO, Bytes.wrap(INIT_CODE), key);
          };
      if (builder.add(tx) instanceof io.merapi.state.block.PendingBlock.Inclusion.Rejected r) {
        throw new IllegalStateException("test transaction rejected: " + r.reason());
      }
    }
    return builder.seal();
  }

  static Transaction tx(
      long nonce,
      UInt256 fee,
      long gas,
      Optional<Address> to,
      UInt256 value,
      Bytes data,
      Secp256k1.PrivateKey key) {
    return new DynamicFeeTransaction(
            1,
            nonce,
            UInt256.ONE,
            fee,
            gas,
            to,
            value,
            data,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(key);
  }

  static Address randomAddress(Random random) {
    byte[] bytes = new byte[20];
    random.nextBytes(bytes);
    return Address.wrap(bytes);
  }
}
