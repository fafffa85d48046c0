package io.merapi.derive.batch;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.rlp.RlpException;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.AccessListTransaction;
import io.merapi.types.transaction.Authorization;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.LegacyTransaction;
import io.merapi.types.transaction.SetCodeTransaction;
import io.merapi.types.transaction.SignedTransaction;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalLong;

/**
 * The transactions of a span batch in their wire form (specs delta/span-batches.md, {@code txs =
 * contract_creation_bits ++ y_parity_bits ++ tx_sigs ++ tx_tos ++ tx_datas ++ tx_nonces ++ tx_gases
 * ++ protected_bits}): each field of all transactions grouped together, the chain id and {@code v}
 * left out. Each {@code tx_datas} element is kept exactly as it came ({@code type ++ rlp([value,
 * ...fees, data, ...lists])}, no type byte for legacy), so a decoded batch re-encodes to the same
 * bytes; its contents are checked when the transactions are restored ({@link #fullTransactions}),
 * which is when op-node checks them too.
 *
 * <p>Transaction types: legacy, EIP-2930 and EIP-1559 from Delta, and EIP-7702 set-code (type 4,
 * isthmus/derivation.md "Span Batch Updates"). Whether a type is allowed at the batch's time is a
 * batch validity rule, not a decoding one.
 */
public final class SpanBatchTransactions {
  private static final int SIGNATURE_LENGTH = 64;
  private static final int ADDRESS_LENGTH = 20;
  private static final int MAX_TX_DATA_LENGTH = RawSpanBatch.MAX_SPAN_BATCH_ELEMENT_COUNT;

  private int count;
  private final BitSet contractCreationBits;
  private final BitSet yParityBits;
  private byte[] signatures;
  private byte[] tos;
  private int toCount;
  private final List<byte[]> txDatas;
  private int[] txTypes;
  private long[] nonces;
  private long[] gases;
  private final BitSet protectedBits;
  private int legacyCount;

  private SpanBatchTransactions(int capacity) {
    contractCreationBits = new BitSet();
    yParityBits = new BitSet();
    signatures = new byte[SIGNATURE_LENGTH * capacity];
    tos = new byte[ADDRESS_LENGTH * capacity];
    txDatas = new ArrayList<>(capacity);
    txTypes = new int[capacity];
    nonces = new long[capacity];
    gases = new long[capacity];
    protectedBits = new BitSet();
  }

  /** No transactions yet; {@link #add} appends. */
  static SpanBatchTransactions empty() {
    return new SpanBatchTransactions(8);
  }

  /** The number of transactions. */
  public int count() {
    return count;
  }

  /** The number of legacy transactions (the length of {@code protected_bits}). */
  public int legacyCount() {
    return legacyCount;
  }

  /** The type of transaction {@code index}: its type byte, 0 for legacy. */
  public int type(int index) {
    return txTypes[index];
  }

  /** Whether transaction {@code index} creates a contract (it has no {@code to}). */
  public boolean isContractCreation(int index) {
    return contractCreationBits.get(index);
  }

  SpanBatchTransactions copy() {
    SpanBatchTransactions copy = new SpanBatchTransactions(count);
    copy.count = count;
    copy.contractCreationBits.or(contractCreationBits);
    copy.yParityBits.or(yParityBits);
    System.arraycopy(signatures, 0, copy.signatures, 0, SIGNATURE_LENGTH * count);
    copy.tos = Arrays.copyOf(tos, ADDRESS_LENGTH * toCount);
    copy.toCount = toCount;
    copy.txDatas.addAll(txDatas);
    System.arraycopy(txTypes, 0, copy.txTypes, 0, count);
    System.arraycopy(nonces, 0, copy.nonces, 0, count);
    System.arraycopy(gases, 0, copy.gases, 0, count);
    copy.protectedBits.or(protectedBits);
    copy.legacyCount = legacyCount;
    return copy;
  }

  // ---------------------------------------------------------------------------------------------
  // Wire form

  /** Reads the {@code txs} of {@code total} transactions, as op-node's decoder does. */
  static SpanBatchTransactions read(BatchInput in, int total) {
    // Every transaction needs at least 64 signature bytes: refusing short input before allocating
    // keeps a forged count from costing memory.
    in.require(2L * SpanBatchBits.byteLength(total) + (long) SIGNATURE_LENGTH * total, "txs");
    SpanBatchTransactions txs = new SpanBatchTransactions(total);
    txs.count = total;
    txs.contractCreationBits.or(SpanBatchBits.read(in, total, "contract_creation_bits"));
    txs.yParityBits.or(SpanBatchBits.read(in, total, "y_parity_bits"));
    in.require((long) SIGNATURE_LENGTH * total, "tx_sigs");
    System.arraycopy(in.data(), in.position(), txs.signatures, 0, SIGNATURE_LENGTH * total);
    in.skip(SIGNATURE_LENGTH * total);
    int toCount = total - txs.contractCreationBits.cardinality();
    txs.tos = in.readBytes(ADDRESS_LENGTH * toCount, "tx_tos");
    txs.toCount = toCount;
    for (int i = 0; i < total; i++) {
      txs.readTxData(in, i);
    }
    for (int i = 0; i < total; i++) {
      txs.nonces[i] = in.readUvarint("tx_nonces", i);
    }
    for (int i = 0; i < total; i++) {
      txs.gases[i] = in.readUvarint("tx_gases", i);
    }
    txs.protectedBits.or(SpanBatchBits.read(in, txs.legacyCount, "protected_bits"));
    return txs;
  }

  /**
   * One {@code tx_datas} element (op-node {@code ReadTxData}): a type byte if the first byte is at
   * most 0x7f, then one RLP list of at most {@link RawSpanBatch#MAX_SPAN_BATCH_ELEMENT_COUNT}
   * bytes. The list's contents are not looked at here. A type byte of 0 counts as legacy, as in
   * op-node (and fails when the transactions are restored).
   */
  private void readTxData(BatchInput in, int index) {
    byte[] data = in.data();
    int start = in.position();
    if (in.remaining() < 1) {
      throw new BatchFormatException(field(index) + " is missing", in.offset());
    }
    int type = 0;
    int at = start;
    if ((data[at] & 0xff) <= 0x7f) {
      type = data[at] & 0xff;
      at++;
    }
    if (at >= start + in.remaining()) {
      throw new BatchFormatException(
          field(index) + " has no RLP list after its type byte", in.offset());
    }
    int end = start + in.remaining();
    int prefix = data[at] & 0xff;
    if (prefix < 0xc0) {
      throw new BatchFormatException(
          field(index) + " is not an RLP list", at - start + in.offset());
    }
    int headerLength;
    long size;
    if (prefix <= 0xf7) {
      headerLength = 1;
      size = prefix - 0xc0;
    } else {
      int lengthOfLength = prefix - 0xf7;
      headerLength = 1 + lengthOfLength;
      if (end - at < headerLength) {
        throw new BatchFormatException(field(index) + " ends inside its RLP header", in.offset());
      }
      if (data[at + 1] == 0) {
        throw new BatchFormatException(
            field(index) + " has a non-canonical RLP size (leading zero)", in.offset());
      }
      size = 0;
      for (int i = 1; i <= lengthOfLength; i++) {
        size = (size << 8) | (data[at + i] & 0xff);
      }
      if (Long.compareUnsigned(size, 56) < 0) {
        throw new BatchFormatException(
            field(index) + " has a non-canonical RLP size (long form for " + size + " bytes)",
            in.offset());
      }
    }
    if (Long.compareUnsigned(size, MAX_TX_DATA_LENGTH - headerLength) > 0) {
      throw new BatchFormatException(
          field(index)
              + " declares "
              + Long.toUnsignedString(size)
              + " bytes, more than the span batch limit of "
              + MAX_TX_DATA_LENGTH,
          in.offset());
    }
    long length = (at - start) + headerLength + size;
    if (length > in.remaining()) {
      throw new BatchFormatException(
          field(index) + " needs " + length + " bytes, " + in.remaining() + " remain", in.offset());
    }
    txDatas.add(Arrays.copyOfRange(data, start, start + (int) length));
    txTypes[index] = type;
    if (type == 0) {
      legacyCount++;
    }
    in.skip((int) length);
  }

  private static String field(int index) {
    return "tx_datas[" + index + "]";
  }

  void writeTo(ByteSink out) {
    SpanBatchBits.write(out, contractCreationBits, count);
    SpanBatchBits.write(out, yParityBits, count);
    out.write(signatures, 0, SIGNATURE_LENGTH * count);
    out.write(tos, 0, ADDRESS_LENGTH * toCount);
    for (byte[] txData : txDatas) {
      out.write(txData);
    }
    for (int i = 0; i < count; i++) {
      out.writeUvarint(nonces[i]);
    }
    for (int i = 0; i < count; i++) {
      out.writeUvarint(gases[i]);
    }
    SpanBatchBits.write(out, protectedBits, legacyCount);
  }

  // ---------------------------------------------------------------------------------------------
  // Restoring the transactions

  /**
   * The transactions as their EIP-2718 encodings, signatures restored with {@code chainId} (op-node
   * {@code recoverV} and {@code fullTxs}): {@code v} of a protected legacy transaction is {@code
   * chainId * 2 + 35 + y_parity} (uint64 arithmetic), of an unprotected one {@code 27 + y_parity},
   * and a typed transaction's {@code y_parity} is the bit itself.
   *
   * @throws BatchFormatException if a type is not allowed in span batches or a {@code tx_datas}
   *     element does not decode as its type's fields
   */
  public List<Bytes> fullTransactions(long chainId) {
    for (int i = 0; i < count; i++) {
      int type = txTypes[i];
      if (type != 0 && type != 1 && type != 2 && type != 4) {
        throw new BatchFormatException(
            "transaction " + i + " has type " + type + ", which span batches cannot carry");
      }
    }
    List<Bytes> out = new ArrayList<>(count);
    int toIndex = 0;
    int legacyIndex = 0;
    for (int i = 0; i < count; i++) {
      boolean creation = contractCreationBits.get(i);
      int toOffset = -1;
      if (!creation) {
        toOffset = ADDRESS_LENGTH * toIndex++;
      }
      boolean protectedLegacy = false;
      if (txTypes[i] == 0) {
        protectedLegacy = protectedBits.get(legacyIndex++);
      }
      try {
        out.add(Bytes.wrap(restore(i, toOffset, protectedLegacy, chainId)));
      } catch (RlpException e) {
        throw new BatchFormatException("transaction " + i + ": " + e.getMessage());
      }
    }
    return out;
  }

  /**
   * One transaction's EIP-2718 encoding. Every type is {@code [type ++] rlp([chainId,] nonce, fees,
   * gas, to, value, data..., v, r, s)}, where the fees, the value and the data with its lists are
   * the {@code tx_datas} element's own (checked, canonical) items, copied as they are. The output
   * is sized exactly and written once.
   *
   * <p>This runs for every transaction derivation reads, and was the largest part of the pipeline's
   * own time in {@code DerivationBenchmark.derive} (38%): the element's items are walked by offset
   * with {@code RlpReader}'s checks and messages but without its objects ({@link #stringEnd}), the
   * empty access list that nearly every transaction has is one byte, and r and s are scanned once
   * for leading zeros. Non-empty access lists and set-code authorizations are still read by {@code
   * RlpReader} ({@link #listsEnd}). {@code SpanBatchRestoreRegressionTest} holds the outcomes to
   * those of the reader-based version.
   */
  private byte[] restore(int index, int toOffset, boolean protectedLegacy, long chainId) {
    byte[] raw = txDatas.get(index);
    int type = txTypes[index];
    boolean typed = (raw[0] & 0xff) <= 0x7f;
    if (typed && type == 0) {
      throw new BatchFormatException("transaction " + index + " has the type byte 0x00");
    }
    // readTxData checked the element's list header and that the list ends the element.
    int listStart = typed ? 1 : 0;
    int listPrefix = raw[listStart] & 0xff;
    int listEnd = raw.length;
    int value = listStart + (listPrefix <= 0xf7 ? 1 : 1 + listPrefix - 0xf7);
    // legacy rlp([value, gasPrice, data]); EIP-2930 rlp([value, gasPrice, data, accessList]);
    // EIP-1559 rlp([value, maxPriorityFee, maxFee, data, accessList]); EIP-7702 adds the
    // authorization list
    int fees = uint256End(raw, value, listEnd);
    int data = uint256End(raw, fees, listEnd);
    if (type == 2 || type == 4) {
      data = uint256End(raw, data, listEnd);
    }
    int end = stringEnd(raw, data, listEnd);
    if (type != 0) {
      end = listsEnd(raw, end, listEnd, type);
    }
    if (type == 4 && toOffset < 0) {
      throw new BatchFormatException(
          "transaction " + index + " is a set-code transaction without a to address");
    }
    if (end != listEnd) {
      throw new RlpException((listEnd - end) + " unexpected trailing byte(s)", end);
    }

    long yParity = yParityBits.get(index) ? 1 : 0;
    long v = type != 0 ? yParity : protectedLegacy ? chainId * 2 + 35 + yParity : 27 + yParity;
    int r = SIGNATURE_LENGTH * index;
    int s = r + 32;
    int rStart = firstNonZero(signatures, r);
    int sStart = firstNonZero(signatures, s);
    int payload =
        (type != 0 ? longLength(chainId) : 0)
            + longLength(nonces[index])
            + (data - fees)
            + longLength(gases[index])
            + (toOffset < 0 ? 1 : 1 + ADDRESS_LENGTH)
            + (fees - value)
            + (end - data)
            + longLength(v)
            + wordLength(signatures, rStart, r + 32)
            + wordLength(signatures, sStart, s + 32);
    int header = payload < 56 ? 1 : 1 + byteLength(payload);
    byte[] out = new byte[(type != 0 ? 1 : 0) + header + payload];
    int at = 0;
    if (type != 0) {
      out[at++] = (byte) type;
    }
    if (payload < 56) {
      out[at++] = (byte) (0xc0 + payload);
    } else {
      out[at++] = (byte) (0xf7 + byteLength(payload));
      at = putBigEndian(out, at, payload, byteLength(payload));
    }
    if (type != 0) {
      at = putLong(out, at, chainId);
    }
    at = putLong(out, at, nonces[index]);
    at = copy(raw, fees, data, out, at);
    at = putLong(out, at, gases[index]);
    if (toOffset < 0) {
      out[at++] = (byte) 0x80;
    } else {
      out[at++] = (byte) (0x80 + ADDRESS_LENGTH);
      at = copy(tos, toOffset, toOffset + ADDRESS_LENGTH, out, at);
    }
    at = copy(raw, value, fees, out, at);
    at = copy(raw, data, end, out, at);
    at = putLong(out, at, v);
    at = putWord(signatures, rStart, r + 32, out, at);
    putWord(signatures, sStart, s + 32, out, at);
    return out;
  }

  private static int copy(byte[] from, int start, int end, byte[] out, int at) {
    System.arraycopy(from, start, out, at, end - start);
    return at + end - start;
  }

  /** The RLP length of an unsigned integer. */
  private static int longLength(long value) {
    if (value >= 0 && value < 0x80) {
      return 1;
    }
    return 1 + (8 - Long.numberOfLeadingZeros(value) / 8);
  }

  private static int putLong(byte[] out, int at, long value) {
    if (value == 0) {
      out[at] = (byte) 0x80;
      return at + 1;
    }
    if (value > 0 && value < 0x80) {
      out[at] = (byte) value;
      return at + 1;
    }
    int length = 8 - Long.numberOfLeadingZeros(value) / 8;
    out[at] = (byte) (0x80 + length);
    return putBigEndian(out, at + 1, value, length);
  }

  private static int putBigEndian(byte[] out, int at, long value, int length) {
    for (int i = length - 1; i >= 0; i--) {
      out[at++] = (byte) (value >>> (8 * i));
    }
    return at;
  }

  private static int byteLength(int value) {
    return 4 - Integer.numberOfLeadingZeros(value) / 8;
  }

  /**
   * The RLP length of the integer in {@code source[start, end)}, {@code start} its first non-zero
   * byte (or {@code end}).
   */
  private static int wordLength(byte[] source, int start, int end) {
    int n = end - start;
    return n == 0 || (n == 1 && (source[start] & 0xff) < 0x80) ? 1 : 1 + n;
  }

  private static int putWord(byte[] source, int start, int end, byte[] out, int at) {
    int n = end - start;
    if (n == 0) {
      out[at] = (byte) 0x80;
      return at + 1;
    }
    if (n == 1 && (source[start] & 0xff) < 0x80) {
      out[at] = source[start];
      return at + 1;
    }
    out[at++] = (byte) (0x80 + n);
    return copy(source, start, end, out, at);
  }

  /** The first non-zero byte of the 32-byte word at {@code offset}, or its end. */
  private static int firstNonZero(byte[] source, int offset) {
    int start = offset;
    while (start < offset + 32 && source[start] == 0) {
      start++;
    }
    return start;
  }

  // The RLP of a tx_datas element walked by offset: each method checks what RlpReader checks for
  // the same call, in the same order, and throws the same RlpException (offsets relative to the
  // element, as RlpReader's over it were).

  /** The end of the canonical uint256 at {@code at}, as {@code RlpReader.readUInt256} checks it. */
  private static int uint256End(byte[] d, int at, int end) {
    int next = stringEnd(d, at, end);
    int prefix = d[at] & 0xff;
    if (prefix < 0x80) {
      if (prefix == 0) {
        throw new RlpException("non-canonical integer (leading zero bytes)", at);
      }
      return next;
    }
    int length = next - at - 1;
    if (prefix > 0xb7 || length > 32) {
      throw new RlpException("uint256 has more than 32 bytes", at);
    }
    if (length > 0 && d[at + 1] == 0) {
      throw new RlpException("non-canonical integer (leading zero bytes)", at);
    }
    return next;
  }

  /** The end of the byte string at {@code at}, in a list ending at {@code end}. */
  private static int stringEnd(byte[] d, int at, int end) {
    if (at >= end) {
      throw new RlpException("unexpected end of input", at);
    }
    int prefix = d[at] & 0xff;
    if (prefix >= 0xc0) {
      throw new RlpException("expected a string, found a list", at);
    }
    return itemEnd(d, at, end, prefix);
  }

  /** The end of the item at {@code at}, whose first byte is {@code prefix}: a canonical header. */
  private static int itemEnd(byte[] d, int at, int end, int prefix) {
    if (prefix < 0x80) {
      return at + 1;
    }
    if (prefix <= 0xb7) {
      int length = prefix - 0x80;
      fits(at, 1, length, end);
      if (length == 1 && (d[at + 1] & 0xff) < 0x80) {
        throw new RlpException("non-canonical single byte: must not be wrapped as a string", at);
      }
      return at + 1 + length;
    }
    if (prefix > 0xbf && prefix <= 0xf7) {
      int length = prefix - 0xc0;
      fits(at, 1, length, end);
      return at + 1 + length;
    }
    int lengthOfLength = prefix <= 0xbf ? prefix - 0xb7 : prefix - 0xf7;
    int length = longFormLength(d, at, lengthOfLength, end);
    fits(at, 1 + lengthOfLength, length, end);
    return at + 1 + lengthOfLength + length;
  }

  private static int longFormLength(byte[] d, int at, int lengthOfLength, int end) {
    if (at + 1 + lengthOfLength > end) {
      throw new RlpException("length of length runs past the end of input", at);
    }
    if (d[at + 1] == 0) {
      throw new RlpException("non-canonical length (leading zero bytes)", at);
    }
    if (lengthOfLength > 4) {
      throw new RlpException("length of " + lengthOfLength + " bytes is too large", at);
    }
    long length = 0;
    for (int i = 0; i < lengthOfLength; i++) {
      length = (length << 8) | (d[at + 1 + i] & 0xff);
    }
    if (length < 56) {
      throw new RlpException("non-canonical size: long form used for " + length + " bytes", at);
    }
    if (length > Integer.MAX_VALUE) {
      throw new RlpException("length " + length + " is too large", at);
    }
    return (int) length;
  }

  private static void fits(int at, int headerLength, int payloadLength, int end) {
    long itemEnd = (long) at + headerLength + payloadLength;
    if (itemEnd > end) {
      throw new RlpException(
          "item of "
              + payloadLength
              + " bytes runs past its end by "
              + (itemEnd - end)
              + " byte(s)",
          at);
    }
  }

  /**
   * The end of a typed transaction's lists after its data: the access list, and for set-code
   * transactions the authorization list. An empty access list is the byte 0xc0; anything else is
   * read with {@code AccessList.readFrom} and {@code Authorization.readFrom}.
   */
  private static int listsEnd(byte[] d, int at, int end, int type) {
    if (type != 4 && at < end && d[at] == (byte) 0xc0) {
      return at + 1;
    }
    RlpReader fields = RlpReader.of(d, at, end);
    AccessList.readFrom(fields);
    if (type == 4) {
      RlpReader authorizations = fields.readList();
      while (authorizations.hasNext()) {
        Authorization.readFrom(authorizations);
      }
    }
    return fields.position();
  }

  // ---------------------------------------------------------------------------------------------
  // Building from transactions

  /**
   * Appends {@code transactions} (EIP-2718 encodings) as op-node's {@code AddTxs} does. All are
   * checked before any is appended.
   *
   * @throws IllegalArgumentException if one does not decode, is of a type span batches cannot carry
   *     (blob, deposit), is signed for another chain than {@code chainId}, or has a {@code v} that
   *     the span batch cannot restore
   */
  void add(List<Bytes> transactions, long chainId) {
    List<SignedTransaction> decoded = new ArrayList<>(transactions.size());
    for (int i = 0; i < transactions.size(); i++) {
      decoded.add(check(transactions.get(i), i, chainId));
    }
    ensureCapacity(count + decoded.size());
    for (SignedTransaction tx : decoded) {
      append(tx, chainId);
    }
  }

  private static SignedTransaction check(Bytes encoded, int index, long chainId) {
    Transaction tx;
    try {
      tx = TransactionDecoder.decode(encoded.array());
    } catch (RlpException e) {
      throw new IllegalArgumentException("transaction " + index + " does not decode: " + e, e);
    }
    if (!(tx instanceof LegacyTransaction
        || tx instanceof AccessListTransaction
        || tx instanceof DynamicFeeTransaction
        || tx instanceof SetCodeTransaction)) {
      throw new IllegalArgumentException(
          "transaction "
              + index
              + " is of type "
              + tx.type()
              + ", which span batches cannot carry");
    }
    SignedTransaction signed = (SignedTransaction) tx;
    if (signed instanceof LegacyTransaction legacy && isUnprotected(legacy)) {
      return signed;
    }
    OptionalLong txChainId = signed.chainId();
    if (txChainId.isEmpty() || txChainId.getAsLong() != chainId) {
      throw new IllegalArgumentException(
          "transaction "
              + index
              + " is signed for chain "
              + (txChainId.isPresent() ? Long.toUnsignedString(txChainId.getAsLong()) : "(none)")
              + ", the span batch is for chain "
              + Long.toUnsignedString(chainId));
    }
    if (!(signed instanceof LegacyTransaction) && signed.v().compareTo(1) > 0) {
      throw new IllegalArgumentException(
          "transaction " + index + " has y parity " + signed.v() + ", not 0 or 1");
    }
    return signed;
  }

  private static boolean isUnprotected(LegacyTransaction tx) {
    return tx.v().compareTo(27) == 0 || tx.v().compareTo(28) == 0;
  }

  private void append(SignedTransaction tx, long chainId) {
    int index = count;
    tx.r().toBytes(signatures, SIGNATURE_LENGTH * index);
    tx.s().toBytes(signatures, SIGNATURE_LENGTH * index + 32);
    if (tx.to().isPresent()) {
      System.arraycopy(tx.to().get().array(), 0, tos, ADDRESS_LENGTH * toCount, ADDRESS_LENGTH);
      toCount++;
    } else {
      contractCreationBits.set(index);
    }
    nonces[index] = tx.nonce();
    gases[index] = tx.gasLimit();
    RlpWriter data = new RlpWriter(tx.data().length() + 64);
    long yParity;
    switch (tx) {
      case LegacyTransaction legacy -> {
        txTypes[index] = 0;
        boolean unprotected = isUnprotected(legacy);
        if (!unprotected) {
          protectedBits.set(legacyCount);
        }
        legacyCount++;
        // v = 27 + y, or chainId * 2 + 35 + y; the chain id was checked.
        yParity = unprotected ? legacy.v().toLongExact() - 27 : (legacy.v().limb(0) - 35) & 1;
        data.startList().writeUInt256(legacy.value()).writeUInt256(legacy.gasPrice());
        data.writeBytes(legacy.data()).endList();
      }
      case AccessListTransaction t -> {
        txTypes[index] = 1;
        yParity = t.v().toLongExact();
        data.writeRaw(new byte[] {1});
        data.startList().writeUInt256(t.value()).writeUInt256(t.gasPrice());
        data.writeBytes(t.data());
        t.accessList().writeTo(data);
        data.endList();
      }
      case DynamicFeeTransaction t -> {
        txTypes[index] = 2;
        yParity = t.v().toLongExact();
        data.writeRaw(new byte[] {2});
        data.startList().writeUInt256(t.value());
        data.writeUInt256(t.maxPriorityFeePerGas()).writeUInt256(t.maxFeePerGas());
        data.writeBytes(t.data());
        t.accessList().writeTo(data);
        data.endList();
      }
      case SetCodeTransaction t -> {
        txTypes[index] = 4;
        yParity = t.v().toLongExact();
        data.writeRaw(new byte[] {4});
        data.startList().writeUInt256(t.value());
        data.writeUInt256(t.maxPriorityFeePerGas()).writeUInt256(t.maxFeePerGas());
        data.writeBytes(t.data());
        t.accessList().writeTo(data);
        data.startList();
        for (Authorization authorization : t.authorizationList()) {
          authorization.writeTo(data);
        }
        data.endList().endList();
      }
      default -> throw new IllegalStateException("types are checked before");
    }
    if (yParity == 1) {
      yParityBits.set(index);
    }
    txDatas.add(data.toByteArray());
    count++;
  }

  private void ensureCapacity(int capacity) {
    if (capacity > txTypes.length) {
      int grown = Math.max(capacity, txTypes.length * 2);
      signatures = Arrays.copyOf(signatures, SIGNATURE_LENGTH * grown);
      tos = Arrays.copyOf(tos, ADDRESS_LENGTH * grown);
      txTypes = Arrays.copyOf(txTypes, grown);
      nonces = Arrays.copyOf(nonces, grown);
      gases = Arrays.copyOf(gases, grown);
    }
  }
}
