package io.merapi.bench.node;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l2.WETH;
import io.merapi.state.op.Predeploys;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The L2 traffic: ERC-20 transfers of the WETH predeploy (WETH9, compiled by solc in the contracts
 * module, at 0x4200…0006 in every OP genesis) between many accounts.
 *
 * <p>The first two blocks set the accounts up: a dev account (funded in the L2 genesis) sends each
 * sender ether, then each sender wraps part of it. Every later block holds {@code perBlock}
 * transfers of one wei of WETH, senders taken in turn, recipients drawn from a fixed set of holders
 * with a seeded generator, so the same flags give the same blocks. Transactions go into the payload
 * attributes directly (as a sequencer's forced transactions), so no pool limits apply.
 */
final class Erc20Traffic {
  private static final UInt256 ETHER = UInt256.valueOf(BigInteger.TEN.pow(18));

  /** What each sender gets: the dev account funded in the L2 genesis holds 100 ether. */
  private static final UInt256 FUNDING = ETHER.divide(UInt256.valueOf(4));

  private static final UInt256 WRAPPED = ETHER.divide(UInt256.valueOf(20));
  private static final UInt256 FEE_CAP = UInt256.valueOf(10_000_000_000L);
  private static final UInt256 TIP = UInt256.valueOf(1_000);
  private static final long GAS = 100_000;
  private static final int RECIPIENTS = 4096;

  private final long chainId;
  private final Secp256k1.PrivateKey funder;
  private final List<Secp256k1.PrivateKey> senders = new ArrayList<>();
  private final long[] nonces;
  private final List<Address> recipients = new ArrayList<>();
  private final SplittableRandom random = new SplittableRandom(42);
  private final int perBlock;
  private long funderNonce;
  private int next;
  private int blocks;

  Erc20Traffic(long chainId, Secp256k1.PrivateKey funder, int senderCount, int perBlock) {
    if (senderCount > 300) {
      throw new IllegalArgumentException("at most 300 senders (the funder holds 100 ether)");
    }
    this.chainId = chainId;
    this.funder = funder;
    this.perBlock = perBlock;
    for (int i = 0; i < senderCount; i++) {
      senders.add(Secp256k1.PrivateKey.fromBytes(Keccak256.hash(("sender " + i).getBytes())));
    }
    this.nonces = new long[senderCount];
    for (int i = 0; i < RECIPIENTS; i++) {
      byte[] a = new byte[20];
      a[0] = 0x10;
      a[18] = (byte) (i >>> 8);
      a[19] = (byte) i;
      recipients.add(Address.wrap(a));
    }
  }

  /** The signed transactions of the next block, encoded as payload attributes carry them. */
  List<Bytes> nextBlock() {
    List<Bytes> txs = new ArrayList<>();
    int block = blocks++;
    if (block == 0) {
      for (Secp256k1.PrivateKey sender : senders) {
        txs.add(sign(funder, funderNonce++, sender.address(), 21_000, FUNDING, Bytes.EMPTY));
      }
    } else if (block == 1) {
      for (int i = 0; i < senders.size(); i++) {
        txs.add(
            sign(
                senders.get(i), nonces[i]++, Predeploys.WETH, GAS, WRAPPED, WETH.deposit().data()));
      }
    } else {
      for (int t = 0; t < perBlock; t++) {
        int s = next;
        next = (next + 1) % senders.size();
        Address to = recipients.get(random.nextInt(RECIPIENTS));
        Bytes transfer = WETH.transfer(to, UInt256.ONE).data();
        txs.add(sign(senders.get(s), nonces[s]++, Predeploys.WETH, GAS, UInt256.ZERO, transfer));
      }
    }
    return txs;
  }

  private Bytes sign(
      Secp256k1.PrivateKey key, long nonce, Address to, long gas, UInt256 value, Bytes data) {
    DynamicFeeTransaction tx =
        new DynamicFeeTransaction(
            chainId,
            nonce,
            TIP,
            FEE_CAP,
            gas,
            Optional.of(to),
            value,
            data,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO);
    return Bytes.wrap(tx.sign(key).encoded());
  }
}
