package io.merapi.contracts.l2;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.testing.TestChain;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Real EIP-1559 transactions of several sizes and contents, signed (as the execution engine prices
 * them) and unsigned (as a wallet hands them to the GasPriceOracle: viem's estimateL1Fee serializes
 * the request without a signature).
 */
final class Transactions {
  private static final Secp256k1.PrivateKey KEY =
      Secp256k1.PrivateKey.fromHex(
          "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

  /** A transaction both ways. */
  record Sample(String name, DynamicFeeTransaction signed, byte[] unsigned) {}

  private Transactions() {}

  /**
   * {@code 0x02 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to, value, data,
   * accessList])}: EIP-1559's payload without yParity, r and s.
   */
  static byte[] unsigned(DynamicFeeTransaction tx) {
    RlpWriter w = new RlpWriter();
    w.writeRaw(new byte[] {0x02});
    w.startList();
    w.writeLong(tx.chainId().orElseThrow())
        .writeLong(tx.nonce())
        .writeUInt256(tx.maxPriorityFeePerGas())
        .writeUInt256(tx.maxFeePerGas())
        .writeLong(tx.gasLimit());
    w.writeBytes(tx.to().map(Address::array).orElse(new byte[0]));
    w.writeUInt256(tx.value()).writeBytes(tx.data());
    tx.accessList().writeTo(w);
    w.endList();
    byte[] out = w.toByteArray();
    // The signing hash is the hash of exactly these bytes (EIP-1559), so they are the unsigned
    // form.
    if (!Keccak256.digest(out).equals(tx.signingHash())) {
      throw new AssertionError("unsigned encoding differs from the signed payload");
    }
    return out;
  }

  static DynamicFeeTransaction transaction(
      long nonce, Optional<Address> to, UInt256 value, Bytes data, long gas, AccessList list) {
    DynamicFeeTransaction tx =
        new DynamicFeeTransaction(
            901,
            nonce,
            UInt256.valueOf(1_000_000_000L),
            UInt256.valueOf(5_000_000_000L),
            gas,
            to,
            value,
            data,
            list,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO);
    return (DynamicFeeTransaction) tx.sign(KEY);
  }

  /** Transfers, token calls, random and compressible calldata, a creation, an access list. */
  static List<Sample> samples() {
    Random random = new Random(11);
    Address bob = TestChain.address("bob");
    Address token = TestChain.address("token");
    List<Sample> out = new ArrayList<>();
    add(
        out,
        "ETH transfer",
        transaction(0, Optional.of(bob), TestChain.ETHER, Bytes.EMPTY, 21_000, AccessList.EMPTY));
    // transfer(address,uint256): a selector, then two words with many zero bytes.
    byte[] erc20 = new byte[68];
    System.arraycopy(Bytes.fromHex("0xa9059cbb").array(), 0, erc20, 0, 4);
    System.arraycopy(bob.array(), 0, erc20, 16, 20);
    erc20[66] = 0x27;
    erc20[67] = 0x10;
    add(
        out,
        "ERC-20 transfer",
        transaction(
            7, Optional.of(token), UInt256.ZERO, Bytes.wrap(erc20), 60_000, AccessList.EMPTY));
    add(
        out,
        "1 KB random calldata",
        transaction(
            300,
            Optional.of(token),
            UInt256.ZERO,
            Bytes.wrap(randomBytes(random, 1024)),
            200_000,
            AccessList.EMPTY));
    add(
        out,
        "4 KB of zeros",
        transaction(
            1,
            Optional.of(token),
            UInt256.ZERO,
            Bytes.wrap(new byte[4096]),
            200_000,
            AccessList.EMPTY));
    add(
        out,
        "contract creation (GasPriceOracle code)",
        transaction(
            2,
            Optional.empty(),
            UInt256.ZERO,
            Bytes.wrap(GasPriceOracle.ARTIFACT.bytecode().array()),
            2_000_000,
            AccessList.EMPTY));
    add(
        out,
        "access list",
        transaction(
            3,
            Optional.of(token),
            UInt256.valueOf(5),
            Bytes.fromHex("0x12345678"),
            100_000,
            new AccessList(
                List.of(
                    new AccessList.Entry(token, List.of(Hash.ZERO, UInt256.ONE.toHash())),
                    new AccessList.Entry(bob, List.of())))));
    byte[] big = new byte[20_000];
    byte[] block = randomBytes(random, 2_000);
    for (int i = 0; i < big.length; i++) {
      big[i] = i % 3_000 < 2_000 ? block[i % 3_000] : (byte) random.nextInt(4);
    }
    add(
        out,
        "20 KB repetitive calldata",
        transaction(
            4, Optional.of(token), UInt256.ZERO, Bytes.wrap(big), 1_000_000, AccessList.EMPTY));
    return out;
  }

  private static void add(List<Sample> out, String name, DynamicFeeTransaction tx) {
    out.add(new Sample(name, tx, unsigned(tx)));
  }

  static byte[] randomBytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
