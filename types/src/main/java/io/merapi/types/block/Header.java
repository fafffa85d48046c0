package io.merapi.types.block;

import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpException;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A block header with every field through Prague. The fields each fork appended are optional by
 * presence, in the order they were added, as RLP writes them: London {@code baseFeePerGas} (EIP-
 * 1559), Shanghai {@code withdrawalsRoot} (EIP-4895), Cancun {@code blobGasUsed} and {@code
 * excessBlobGas} (EIP-4844) and {@code parentBeaconBlockRoot} (EIP-4788), Prague {@code
 * requestsHash} (EIP-7685). A later field can only be present if all earlier ones are.
 *
 * <p>Names follow JSON-RPC where the Yellow Paper differs only in spelling; {@code ommersHash} is
 * JSON {@code sha3Uncles}, {@code coinbase} is JSON {@code miner}, and after the merge {@code
 * mixHash} holds {@code prevRandao}. {@link #hash()} is {@code keccak256(rlp(header))}, computed on
 * each call: callers that need it repeatedly keep it.
 */
public record Header(
    Hash parentHash,
    Hash ommersHash,
    Address coinbase,
    Hash stateRoot,
    Hash transactionsRoot,
    Hash receiptsRoot,
    LogsBloom logsBloom,
    UInt256 difficulty,
    long number,
    long gasLimit,
    long gasUsed,
    long timestamp,
    Bytes extraData,
    Hash mixHash,
    long nonce,
    Optional<UInt256> baseFeePerGas,
    Optional<Hash> withdrawalsRoot,
    OptionalLong blobGasUsed,
    OptionalLong excessBlobGas,
    Optional<Hash> parentBeaconBlockRoot,
    Optional<Hash> requestsHash) {

  /**
   * keccak256(rlp([])): the ommers hash of a block without ommers (every block since the merge).
   */
  public static final Hash EMPTY_OMMERS_HASH =
      Hash.fromHex("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");

  /** The root of an empty trie, keccak256(rlp("")). */
  public static final Hash EMPTY_ROOT =
      Hash.fromHex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

  public Header {
    Objects.requireNonNull(parentHash, "parentHash");
    Objects.requireNonNull(ommersHash, "ommersHash");
    Objects.requireNonNull(coinbase, "coinbase");
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(transactionsRoot, "transactionsRoot");
    Objects.requireNonNull(receiptsRoot, "receiptsRoot");
    Objects.requireNonNull(logsBloom, "logsBloom");
    Objects.requireNonNull(difficulty, "difficulty");
    Objects.requireNonNull(extraData, "extraData");
    Objects.requireNonNull(mixHash, "mixHash");
    boolean[] present = {
      baseFeePerGas.isPresent(),
      withdrawalsRoot.isPresent(),
      blobGasUsed.isPresent(),
      excessBlobGas.isPresent(),
      parentBeaconBlockRoot.isPresent(),
      requestsHash.isPresent()
    };
    for (int i = 1; i < present.length; i++) {
      if (present[i] && !present[i - 1]) {
        throw new IllegalArgumentException(
            "header field " + OPTIONAL_NAMES[i] + " needs " + OPTIONAL_NAMES[i - 1]);
      }
    }
  }

  private static final String[] OPTIONAL_NAMES = {
    "baseFeePerGas",
    "withdrawalsRoot",
    "blobGasUsed",
    "excessBlobGas",
    "parentBeaconBlockRoot",
    "requestsHash"
  };

  public Hash hash() {
    return Keccak256.digest(encoded());
  }

  public byte[] encoded() {
    RlpWriter writer = new RlpWriter(640 + extraData.length());
    writeTo(writer);
    return writer.toByteArray();
  }

  public void writeTo(RlpWriter writer) {
    writer
        .startList()
        .writeHash(parentHash)
        .writeHash(ommersHash)
        .writeAddress(coinbase)
        .writeHash(stateRoot)
        .writeHash(transactionsRoot)
        .writeHash(receiptsRoot)
        .writeBytes(logsBloom.array())
        .writeUInt256(difficulty)
        .writeLong(number)
        .writeLong(gasLimit)
        .writeLong(gasUsed)
        .writeLong(timestamp)
        .writeBytes(extraData)
        .writeHash(mixHash)
        .writeBytes(nonceBytes(nonce));
    baseFeePerGas.ifPresent(writer::writeUInt256);
    withdrawalsRoot.ifPresent(writer::writeHash);
    blobGasUsed.ifPresent(writer::writeLong);
    excessBlobGas.ifPresent(writer::writeLong);
    parentBeaconBlockRoot.ifPresent(writer::writeHash);
    requestsHash.ifPresent(writer::writeHash);
    writer.endList();
  }

  /** The 8-byte big-endian form of the proof-of-work nonce (an RLP string, not an integer). */
  public static byte[] nonceBytes(long nonce) {
    byte[] bytes = new byte[8];
    for (int i = 7; i >= 0; i--) {
      bytes[i] = (byte) nonce;
      nonce >>>= 8;
    }
    return bytes;
  }

  /**
   * Decodes {@code rlp(header)}.
   *
   * @throws RlpException if the bytes are not exactly one header
   */
  public static Header decode(byte[] encoded) {
    RlpReader reader = RlpReader.of(encoded);
    Header header = readFrom(reader);
    reader.ensureEnd();
    return header;
  }

  public static Header readFrom(RlpReader reader) {
    RlpReader fields = reader.readList();
    Hash parentHash = fields.readHash();
    Hash ommersHash = fields.readHash();
    Address coinbase = fields.readAddress();
    Hash stateRoot = fields.readHash();
    Hash transactionsRoot = fields.readHash();
    Hash receiptsRoot = fields.readHash();
    LogsBloom logsBloom = LogsBloom.wrap(fields.readBytes(LogsBloom.BYTES, "logs bloom"));
    UInt256 difficulty = fields.readUInt256();
    long number = fields.readLong();
    long gasLimit = fields.readLong();
    long gasUsed = fields.readLong();
    long timestamp = fields.readLong();
    Bytes extraData = fields.readBytesValue();
    Hash mixHash = fields.readHash();
    byte[] nonce = fields.readBytes(8, "nonce");
    long nonceValue = 0;
    for (byte b : nonce) {
      nonceValue = (nonceValue << 8) | (b & 0xff);
    }
    Optional<UInt256> baseFee =
        fields.hasNext() ? Optional.of(fields.readUInt256()) : Optional.empty();
    Optional<Hash> withdrawalsRoot =
        fields.hasNext() ? Optional.of(fields.readHash()) : Optional.empty();
    OptionalLong blobGasUsed =
        fields.hasNext() ? OptionalLong.of(fields.readLong()) : OptionalLong.empty();
    OptionalLong excessBlobGas =
        fields.hasNext() ? OptionalLong.of(fields.readLong()) : OptionalLong.empty();
    Optional<Hash> parentBeaconBlockRoot =
        fields.hasNext() ? Optional.of(fields.readHash()) : Optional.empty();
    Optional<Hash> requestsHash =
        fields.hasNext() ? Optional.of(fields.readHash()) : Optional.empty();
    fields.ensureEnd();
    return new Header(
        parentHash,
        ommersHash,
        coinbase,
        stateRoot,
        transactionsRoot,
        receiptsRoot,
        logsBloom,
        difficulty,
        number,
        gasLimit,
        gasUsed,
        timestamp,
        extraData,
        mixHash,
        nonceValue,
        baseFee,
        withdrawalsRoot,
        blobGasUsed,
        excessBlobGas,
        parentBeaconBlockRoot,
        requestsHash);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds headers field by field; starts from a pre-London header with zero roots, empty ommers
   * hash and empty bloom.
   */
  public static final class Builder {
    private Hash parentHash = Hash.ZERO;
    private Hash ommersHash = EMPTY_OMMERS_HASH;
    private Address coinbase = Address.ZERO;
    private Hash stateRoot = EMPTY_ROOT;
    private Hash transactionsRoot = EMPTY_ROOT;
    private Hash receiptsRoot = EMPTY_ROOT;
    private LogsBloom logsBloom = LogsBloom.EMPTY;
    private UInt256 difficulty = UInt256.ZERO;
    private long number;
    private long gasLimit;
    private long gasUsed;
    private long timestamp;
    private Bytes extraData = Bytes.EMPTY;
    private Hash mixHash = Hash.ZERO;
    private long nonce;
    private Optional<UInt256> baseFeePerGas = Optional.empty();
    private Optional<Hash> withdrawalsRoot = Optional.empty();
    private OptionalLong blobGasUsed = OptionalLong.empty();
    private OptionalLong excessBlobGas = OptionalLong.empty();
    private Optional<Hash> parentBeaconBlockRoot = Optional.empty();
    private Optional<Hash> requestsHash = Optional.empty();

    private Builder() {}

    private Builder(Header h) {
      parentHash = h.parentHash;
      ommersHash = h.ommersHash;
      coinbase = h.coinbase;
      stateRoot = h.stateRoot;
      transactionsRoot = h.transactionsRoot;
      receiptsRoot = h.receiptsRoot;
      logsBloom = h.logsBloom;
      difficulty = h.difficulty;
      number = h.number;
      gasLimit = h.gasLimit;
      gasUsed = h.gasUsed;
      timestamp = h.timestamp;
      extraData = h.extraData;
      mixHash = h.mixHash;
      nonce = h.nonce;
      baseFeePerGas = h.baseFeePerGas;
      withdrawalsRoot = h.withdrawalsRoot;
      blobGasUsed = h.blobGasUsed;
      excessBlobGas = h.excessBlobGas;
      parentBeaconBlockRoot = h.parentBeaconBlockRoot;
      requestsHash = h.requestsHash;
    }

    public Builder parentHash(Hash value) {
      parentHash = value;
      return this;
    }

    public Builder ommersHash(Hash value) {
      ommersHash = value;
      return this;
    }

    public Builder coinbase(Address value) {
      coinbase = value;
      return this;
    }

    public Builder stateRoot(Hash value) {
      stateRoot = value;
      return this;
    }

    public Builder transactionsRoot(Hash value) {
      transactionsRoot = value;
      return this;
    }

    public Builder receiptsRoot(Hash value) {
      receiptsRoot = value;
      return this;
    }

    public Builder logsBloom(LogsBloom value) {
      logsBloom = value;
      return this;
    }

    public Builder difficulty(UInt256 value) {
      difficulty = value;
      return this;
    }

    public Builder number(long value) {
      number = value;
      return this;
    }

    public Builder gasLimit(long value) {
      gasLimit = value;
      return this;
    }

    public Builder gasUsed(long value) {
      gasUsed = value;
      return this;
    }

    public Builder timestamp(long value) {
      timestamp = value;
      return this;
    }

    public Builder extraData(Bytes value) {
      extraData = value;
      return this;
    }

    public Builder mixHash(Hash value) {
      mixHash = value;
      return this;
    }

    public Builder nonce(long value) {
      nonce = value;
      return this;
    }

    public Builder baseFeePerGas(Optional<UInt256> value) {
      baseFeePerGas = value;
      return this;
    }

    public Builder withdrawalsRoot(Optional<Hash> value) {
      withdrawalsRoot = value;
      return this;
    }

    public Builder blobGasUsed(OptionalLong value) {
      blobGasUsed = value;
      return this;
    }

    public Builder excessBlobGas(OptionalLong value) {
      excessBlobGas = value;
      return this;
    }

    public Builder parentBeaconBlockRoot(Optional<Hash> value) {
      parentBeaconBlockRoot = value;
      return this;
    }

    public Builder requestsHash(Optional<Hash> value) {
      requestsHash = value;
      return this;
    }

    public Header build() {
      return new Header(
          parentHash,
          ommersHash,
          coinbase,
          stateRoot,
          transactionsRoot,
          receiptsRoot,
          logsBloom,
          difficulty,
          number,
          gasLimit,
          gasUsed,
          timestamp,
          extraData,
          mixHash,
          nonce,
          baseFeePerGas,
          withdrawalsRoot,
          blobGasUsed,
          excessBlobGas,
          parentBeaconBlockRoot,
          requestsHash);
    }
  }
}
