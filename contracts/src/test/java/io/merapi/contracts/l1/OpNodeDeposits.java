package io.merapi.contracts.l1;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.types.receipt.Log;
import io.merapi.types.transaction.DepositTransaction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The deposit event as op-node reads it (op-node/rollup/derive/deposit_log.go,
 * UnmarshalDepositLogEvent and unmarshalDepositVersion0), written independently of the contracts:
 * the expected log of a deposit, and the deposit transaction derived from a log.
 */
final class OpNodeDeposits {
  static final Hash TOPIC =
      Keccak256.digest(
          "TransactionDeposited(address,address,uint256,bytes)".getBytes(StandardCharsets.UTF_8));

  private OpNodeDeposits() {}

  /** The fields of a deposit as its version 0 event carries them. */
  record Deposit(
      Address from,
      Address to,
      UInt256 mint,
      UInt256 value,
      long gasLimit,
      boolean isCreation,
      Bytes data) {}

  /**
   * opaqueData = mint (32 bytes) ‖ value (32) ‖ gasLimit (8, big-endian) ‖ isCreation (1) ‖ data.
   */
  static byte[] opaqueData(Deposit d) {
    byte[] out = new byte[73 + d.data().length()];
    System.arraycopy(d.mint().toBytes(), 0, out, 0, 32);
    System.arraycopy(d.value().toBytes(), 0, out, 32, 32);
    for (int i = 0; i < 8; i++) {
      out[64 + i] = (byte) (d.gasLimit() >>> (56 - 8 * i));
    }
    out[72] = (byte) (d.isCreation() ? 1 : 0);
    System.arraycopy(d.data().array(), 0, out, 73, d.data().length());
    return out;
  }

  /** The log the portal must emit: topics (event, from, to, version 0), data abi.encode(bytes). */
  static Log expectedLog(Address portal, Deposit d) {
    byte[] opaque = opaqueData(d);
    int padded = (opaque.length + 31) / 32 * 32;
    byte[] data = new byte[64 + padded];
    data[31] = 32;
    System.arraycopy(UInt256.valueOf(opaque.length).toBytes(), 0, data, 32, 32);
    System.arraycopy(opaque, 0, data, 64, opaque.length);
    return new Log(
        portal,
        java.util.List.of(TOPIC, d.from().toWord(), d.to().toWord(), Hash.ZERO),
        Bytes.wrap(data));
  }

  /** UnmarshalDepositLogEvent: the checks op-node makes, then the fields. */
  static Deposit unmarshal(Log log) {
    if (log.topics().size() != 4 || !log.topics().get(0).equals(TOPIC)) {
      throw new IllegalArgumentException("not a deposit event");
    }
    byte[] data = log.data().array();
    if (data.length < 64 || data.length % 32 != 0) {
      throw new IllegalArgumentException("bad data length " + data.length);
    }
    if (!UInt256.fromBytes(data, 0, 32).equals(UInt256.valueOf(32))) {
      throw new IllegalArgumentException("opaqueData offset must be 32");
    }
    UInt256 length = UInt256.fromBytes(data, 32, 32);
    long remaining = data.length - 64L;
    if (!length.fitsLong()
        || length.toLongExact() > remaining
        || length.toLongExact() + 32 <= remaining) {
      throw new IllegalArgumentException("bad opaqueData length");
    }
    if (!log.topics().get(3).equals(Hash.ZERO)) {
      throw new IllegalArgumentException("unknown deposit version");
    }
    byte[] opaque = Arrays.copyOfRange(data, 64, 64 + (int) length.toLongExact());
    if (opaque.length < 73) {
      throw new IllegalArgumentException("opaqueData too short");
    }
    long gas = 0;
    for (int i = 0; i < 8; i++) {
      gas = (gas << 8) | (opaque[64 + i] & 0xff);
    }
    return new Deposit(
        Address.fromWord(log.topics().get(1)),
        Address.fromWord(log.topics().get(2)),
        UInt256.fromBytes(opaque, 0, 32),
        UInt256.fromBytes(opaque, 32, 32),
        gas,
        opaque[72] != 0,
        Bytes.wrap(Arrays.copyOfRange(opaque, 73, opaque.length)));
  }

  /**
   * The L2 deposit transaction derived from a deposit (specs deposits.md "User-Deposited
   * Transactions"), with the user deposit source hash keccak256(bytes32(0) ‖ keccak256(l1BlockHash
   * ‖ bytes32(logIndex))).
   */
  static DepositTransaction toTransaction(Deposit d, Hash l1BlockHash, long logIndex) {
    byte[] inner = new byte[64];
    System.arraycopy(l1BlockHash.array(), 0, inner, 0, 32);
    System.arraycopy(UInt256.valueOf(logIndex).toBytes(), 0, inner, 32, 32);
    byte[] outer = new byte[64];
    System.arraycopy(Keccak256.hash(inner), 0, outer, 32, 32);
    return new DepositTransaction(
        Keccak256.digest(outer),
        d.from(),
        d.isCreation() ? Optional.empty() : Optional.of(d.to()),
        d.mint(),
        d.value(),
        d.gasLimit(),
        false,
        d.data());
  }

  /** The L2 alias of an L1 contract: its address plus 0x1111...1111, modulo 2^160. */
  static Address alias(Address l1) {
    UInt256 offset =
        UInt256.fromBytes(Bytes.fromHex("0x1111000000000000000000000000000000001111").array());
    UInt256 sum = UInt256.fromBytes(l1.array()).add(offset);
    byte[] word = sum.toBytes();
    return Address.copyOf(word, 12);
  }
}
