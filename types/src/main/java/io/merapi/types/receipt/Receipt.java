package io.merapi.types.receipt;

import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpException;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.types.transaction.TransactionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The consensus part of a transaction receipt: {@code [postStateOrStatus, cumulativeGasUsed,
 * logsBloom, logs]}, typed like its transaction ({@code type || rlp(...)}) for every type but
 * legacy.
 *
 * <p>OP Stack deposit receipts may add two fields (specs: protocol/deposits.md, "Deposit Receipt"):
 * {@code depositNonce} (from Regolith: the sender nonce the deposit used) and {@code
 * depositReceiptVersion} (from Canyon: 1). Which of them a receipt's consensus encoding carries
 * differs between its two uses, as in op-geth: {@link #encoded()} (storage, p2p, {@code
 * debug_getRawReceipts}) writes every field present, while {@link #trieEncoded()} (the receipts
 * trie, and so the receipts root) writes them only when {@code depositReceiptVersion} is present —
 * Regolith receipts were hashed without their nonce, and Canyon fixed that by adding the version.
 */
public record Receipt(
    TransactionType type,
    Outcome outcome,
    long cumulativeGasUsed,
    LogsBloom logsBloom,
    List<Log> logs,
    OptionalLong depositNonce,
    OptionalLong depositReceiptVersion) {

  /** What the first field records: a status code (Byzantium on) or the post-state root before. */
  public sealed interface Outcome {}

  /** EIP-658 status: 1 for success, 0 for failure. */
  public record Status(boolean success) implements Outcome {}

  /** The state root after the transaction (receipts before Byzantium). */
  public record PostState(Hash root) implements Outcome {
    public PostState {
      Objects.requireNonNull(root, "root");
    }
  }

  public Receipt {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(logsBloom, "logsBloom");
    logs = List.copyOf(logs);
    Objects.requireNonNull(depositNonce, "depositNonce");
    Objects.requireNonNull(depositReceiptVersion, "depositReceiptVersion");
    if (type != TransactionType.DEPOSIT
        && (depositNonce.isPresent() || depositReceiptVersion.isPresent())) {
      throw new IllegalArgumentException("only deposit receipts carry deposit fields");
    }
    if (depositReceiptVersion.isPresent() && depositNonce.isEmpty()) {
      throw new IllegalArgumentException("a depositReceiptVersion needs a depositNonce");
    }
  }

  /** A receipt of a non-deposit transaction with a status, its bloom computed from the logs. */
  public static Receipt of(
      TransactionType type, boolean success, long cumulativeGasUsed, List<Log> logs) {
    return new Receipt(
        type,
        new Status(success),
        cumulativeGasUsed,
        bloomOf(logs),
        logs,
        OptionalLong.empty(),
        OptionalLong.empty());
  }

  /** A deposit receipt, its bloom computed from the logs. */
  public static Receipt deposit(
      boolean success,
      long cumulativeGasUsed,
      List<Log> logs,
      OptionalLong depositNonce,
      OptionalLong depositReceiptVersion) {
    return new Receipt(
        TransactionType.DEPOSIT,
        new Status(success),
        cumulativeGasUsed,
        bloomOf(logs),
        logs,
        depositNonce,
        depositReceiptVersion);
  }

  /** The bloom of a list of logs: every log's address and topics. */
  public static LogsBloom bloomOf(List<Log> logs) {
    LogsBloom.Builder builder = LogsBloom.builder();
    for (Log log : logs) {
      builder.addLog(log.address(), log.topics());
    }
    return builder.build();
  }

  /** The status, or empty for a pre-Byzantium receipt that records a post-state root. */
  public Optional<Boolean> status() {
    return outcome instanceof Status s ? Optional.of(s.success()) : Optional.empty();
  }

  /** The canonical encoding with every field present (op-geth {@code MarshalBinary}). */
  public byte[] encoded() {
    return encode(true);
  }

  /**
   * The value stored in the receipts trie under the receipt's index (op-geth {@code EncodeIndex}).
   */
  public byte[] trieEncoded() {
    return encode(depositReceiptVersion.isPresent());
  }

  /** Writes the receipt as an element of a receipt list (typed receipts as an RLP string). */
  public void writeTo(RlpWriter writer) {
    if (type == TransactionType.LEGACY) {
      writeFields(writer, true);
    } else {
      writer.writeBytes(encoded());
    }
  }

  private byte[] encode(boolean withDepositFields) {
    RlpWriter writer = new RlpWriter(320 + 120 * logs.size());
    if (type != TransactionType.LEGACY) {
      writer.writeRaw(new byte[] {(byte) type.value()});
    }
    writeFields(writer, withDepositFields);
    return writer.toByteArray();
  }

  private void writeFields(RlpWriter writer, boolean withDepositFields) {
    writer.startList();
    switch (outcome) {
      case Status s -> writer.writeBoolean(s.success());
      case PostState p -> writer.writeHash(p.root());
    }
    writer.writeLong(cumulativeGasUsed).writeBytes(logsBloom.array()).startList();
    for (Log log : logs) {
      log.writeTo(writer);
    }
    writer.endList();
    if (withDepositFields) {
      depositNonce.ifPresent(writer::writeLong);
      depositReceiptVersion.ifPresent(writer::writeLong);
    }
    writer.endList();
  }

  /**
   * Decodes the canonical form ({@link #encoded()} or {@link #trieEncoded()}).
   *
   * @throws RlpException if the bytes are not exactly one receipt of a known type
   */
  public static Receipt decode(byte[] encoded) {
    if (encoded.length == 0) {
      throw new RlpException("empty input is not a receipt", 0);
    }
    int first = encoded[0] & 0xff;
    if (first >= 0xc0) {
      RlpReader reader = RlpReader.of(encoded);
      Receipt receipt = readFields(TransactionType.LEGACY, reader.readList());
      reader.ensureEnd();
      return receipt;
    }
    if (first > 0x7f) {
      throw new RlpException("a receipt starts with a type byte or a list, found an RLP string", 0);
    }
    return decodeTyped(encoded);
  }

  /** Reads one element of a receipt list. */
  public static Receipt readFrom(RlpReader reader) {
    if (reader.nextIsList()) {
      return readFields(TransactionType.LEGACY, reader.readList());
    }
    int start = reader.position();
    byte[] envelope = reader.readBytes();
    if (envelope.length == 0 || (envelope[0] & 0xff) > 0x7f) {
      throw new RlpException("a typed receipt must start with its type byte", start);
    }
    try {
      return decodeTyped(envelope);
    } catch (RlpException e) {
      throw new RlpException("in typed receipt: " + e.getMessage(), start);
    }
  }

  private static Receipt decodeTyped(byte[] envelope) {
    int typeByte = envelope[0] & 0xff;
    TransactionType type =
        TransactionType.of(typeByte)
            .filter(t -> t != TransactionType.LEGACY)
            .orElseThrow(
                () ->
                    new RlpException(
                        "receipt type 0x" + Integer.toHexString(typeByte) + " is not supported",
                        0));
    RlpReader outer = RlpReader.of(envelope, 1, envelope.length);
    Receipt receipt = readFields(type, outer.readList());
    outer.ensureEnd();
    return receipt;
  }

  private static Receipt readFields(TransactionType type, RlpReader fields) {
    int statusStart = fields.position();
    byte[] postStateOrStatus = fields.readBytes();
    Outcome outcome =
        switch (postStateOrStatus.length) {
          case 0 -> new Status(false);
          case 1 -> {
            if (postStateOrStatus[0] != 1) {
              throw new RlpException("invalid receipt status " + postStateOrStatus[0], statusStart);
            }
            yield new Status(true);
          }
          case Hash.LENGTH -> new PostState(Hash.wrap(postStateOrStatus));
          default ->
              throw new RlpException(
                  "receipt status must be empty, 0x01 or a 32-byte state root, found "
                      + postStateOrStatus.length
                      + " bytes",
                  statusStart);
        };
    long cumulativeGasUsed = fields.readLong();
    LogsBloom bloom = LogsBloom.wrap(fields.readBytes(LogsBloom.BYTES, "logs bloom"));
    RlpReader logList = fields.readList();
    List<Log> logs = new ArrayList<>();
    while (logList.hasNext()) {
      logs.add(Log.readFrom(logList));
    }
    OptionalLong depositNonce = OptionalLong.empty();
    OptionalLong depositReceiptVersion = OptionalLong.empty();
    if (type == TransactionType.DEPOSIT) {
      if (fields.hasNext()) {
        depositNonce = OptionalLong.of(fields.readLong());
      }
      if (fields.hasNext()) {
        depositReceiptVersion = OptionalLong.of(fields.readLong());
      }
    }
    fields.ensureEnd();
    return new Receipt(
        type, outcome, cumulativeGasUsed, bloom, logs, depositNonce, depositReceiptVersion);
  }
}
