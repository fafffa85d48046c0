package io.merapi.derive;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.contracts.l1.SystemConfig.Events.ConfigUpdate;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.config.RollupConfig.SystemConfig;
import io.merapi.types.receipt.Log;
import io.merapi.types.receipt.Receipt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The system config changes an L1 block makes: the {@code ConfigUpdate(uint256 indexed version,
 * uint8 indexed updateType, bytes data)} events of the L1 {@code SystemConfig} contract in the
 * block's successful receipts, applied in log order (specs system-config.md "System Config
 * Updates"; op-node {@code UpdateSystemConfigWithL1Receipts}).
 *
 * <p>Version 0 knows eight update types. Each payload is the ABI encoding of one {@code bytes}
 * value, read strictly as op-node's {@code solabi} readers do: offset word 32, length word 32 (64
 * for the fee scalars), the value words with zero padding where the value is a number or address,
 * and nothing after them.
 *
 * <p>A log that does not parse (wrong topic count, unknown version or type, bad payload) is not
 * applied and derivation goes on, as the specs have said since December 2025 ("If a System Config
 * Update cannot be parsed for any reason, it is not applied and is instead skipped"). op-node up to
 * late 2024 and kona (January 2026) collect such logs as errors that stop derivation instead; the
 * specs win here. {@link #process} reports each skipped log so that callers can log it.
 */
public final class SystemConfigUpdates {
  /** Topic 0 of the event, from the contract's generated binding. */
  public static final Hash CONFIG_UPDATE_TOPIC = ConfigUpdate.EVENT.topic0();

  /** The only event version (topic 1). */
  public static final Hash VERSION_0 = Hash.ZERO;

  /** The update types of version 0, by their {@code uint8} value in topic 2. */
  public enum UpdateType {
    /** The batcher address, as a {@code bytes32(address)} batcher hash. */
    BATCHER,
    /** Overhead and scalar; from Ecotone the scalar is the versioned encoding of two scalars. */
    FEE_SCALARS,
    /** The L2 block gas limit. */
    GAS_LIMIT,
    /** The unsafe block signer: a p2p policy value, not a derivation input. */
    UNSAFE_BLOCK_SIGNER,
    /** Holocene: EIP-1559 denominator and elasticity, two uint32 in the low 8 bytes. */
    EIP_1559_PARAMS,
    /** Isthmus: operator fee scalar (uint32) and constant (uint64) in the low 12 bytes. */
    OPERATOR_FEE_PARAMS,
    /** Jovian: the minimum base fee, a uint64. */
    MIN_BASE_FEE,
    /** Jovian: the DA footprint gas scalar, a uint16. */
    DA_FOOTPRINT_GAS_SCALAR;

    /** Topic 2 of a log of this update type. */
    public Hash topic() {
      byte[] word = new byte[32];
      word[31] = (byte) ordinal();
      return Hash.wrap(word);
    }

    /** The type whose topic is exactly {@code topic}; a topic with other high bytes is none. */
    static Optional<UpdateType> of(Hash topic) {
      byte[] word = topic.array();
      for (int i = 0; i < 31; i++) {
        if (word[i] != 0) {
          return Optional.empty();
        }
      }
      int value = word[31] & 0xff;
      return value < values().length ? Optional.of(values()[value]) : Optional.empty();
    }
  }

  /** What one {@code ConfigUpdate} log did. */
  public sealed interface LogUpdate {
    /** The log changed the config to {@code config}. */
    record Applied(UpdateType type, SystemConfig config) implements LogUpdate {}

    /**
     * The log parsed but changes nothing derivation uses: the unsafe block signer, or (from
     * Ecotone) a fee scalar whose version or padding is invalid, which keeps the old scalar.
     */
    record Ignored(UpdateType type, String reason) implements LogUpdate {}

    /** The log does not parse and is skipped. */
    record Malformed(String reason) implements LogUpdate {}
  }

  /** A log that was not applied, by its receipt and its position in that receipt. */
  public record Skipped(int receiptIndex, int logIndex, LogUpdate update) {}

  /** The config after a block's updates, and the logs that were ignored or malformed. */
  public record Result(SystemConfig config, List<Skipped> skipped) {
    public Result {
      skipped = List.copyOf(skipped);
    }
  }

  private SystemConfigUpdates() {}

  /**
   * {@code current} with the updates of one L1 block applied.
   *
   * @param receipts the block's receipts, in order; failed ones are passed over
   * @param systemConfigAddress the L1 SystemConfig contract ({@code l1_system_config_address})
   * @param l1Time the L1 block's timestamp: op-node decides "Ecotone" for the fee scalars by it
   */
  public static SystemConfig apply(
      SystemConfig current,
      List<Receipt> receipts,
      Address systemConfigAddress,
      RollupConfig rollup,
      long l1Time) {
    return process(current, receipts, systemConfigAddress, rollup, l1Time).config();
  }

  /** As {@link #apply}, also naming every log that was ignored or skipped, and why. */
  public static Result process(
      SystemConfig current,
      List<Receipt> receipts,
      Address systemConfigAddress,
      RollupConfig rollup,
      long l1Time) {
    boolean ecotone = rollup.isActive(OpFork.ECOTONE, l1Time);
    SystemConfig config = current;
    List<Skipped> skipped = new ArrayList<>();
    for (int i = 0; i < receipts.size(); i++) {
      Receipt receipt = receipts.get(i);
      if (!receipt.status().orElse(false)) {
        continue;
      }
      List<Log> logs = receipt.logs();
      for (int j = 0; j < logs.size(); j++) {
        Log log = logs.get(j);
        if (!log.address().equals(systemConfigAddress)
            || log.topics().isEmpty()
            || !log.topics().get(0).equals(CONFIG_UPDATE_TOPIC)) {
          continue;
        }
        LogUpdate update = applyLog(config, log, ecotone);
        if (update instanceof LogUpdate.Applied applied) {
          config = applied.config();
        } else {
          skipped.add(new Skipped(i, j, update));
        }
      }
    }
    return new Result(config, skipped);
  }

  /**
   * One {@code ConfigUpdate} log applied to {@code config} (op-node {@code
   * ProcessSystemConfigUpdateLogEvent}).
   *
   * @param ecotone whether Ecotone is active at the L1 block's time
   */
  public static LogUpdate applyLog(SystemConfig config, Log log, boolean ecotone) {
    List<Hash> topics = log.topics();
    if (topics.size() != 3) {
      return new LogUpdate.Malformed(
          "expected 3 event topics (event identity, indexed version, indexed updateType), got "
              + topics.size());
    }
    if (!topics.get(0).equals(CONFIG_UPDATE_TOPIC)) {
      return new LogUpdate.Malformed("not a ConfigUpdate event: topic " + topics.get(0));
    }
    if (!topics.get(1).equals(VERSION_0)) {
      return new LogUpdate.Malformed("unrecognized ConfigUpdate version " + topics.get(1));
    }
    Optional<UpdateType> type = UpdateType.of(topics.get(2));
    if (type.isEmpty()) {
      return new LogUpdate.Malformed("unrecognized ConfigUpdate type " + topics.get(2));
    }
    try {
      return decode(config, type.get(), log.data().array(), ecotone);
    } catch (PayloadException e) {
      return new LogUpdate.Malformed(type.get() + ": " + e.getMessage());
    }
  }

  private static LogUpdate decode(
      SystemConfig config, UpdateType type, byte[] data, boolean ecotone) {
    if (type == UpdateType.UNSAFE_BLOCK_SIGNER) {
      // op-node does not even read the payload: the signer is p2p policy, not derivation input.
      return new LogUpdate.Ignored(type, "the unsafe block signer is not used by derivation");
    }
    Payload p = new Payload(data);
    p.expectHeader(type == UpdateType.FEE_SCALARS ? 64 : 32);
    Fields c = new Fields(config);
    switch (type) {
      case BATCHER -> c.batcherAddr = p.address("batcher address");
      case FEE_SCALARS -> {
        Hash overhead = p.word("overhead");
        Hash scalar = p.word("scalar");
        p.end();
        if (ecotone) {
          Optional<String> invalid = EcotoneScalars.check(scalar);
          if (invalid.isPresent()) {
            return new LogUpdate.Ignored(
                type, "invalid Ecotone scalar (" + invalid.get() + "): the old scalar stays");
          }
          // From Ecotone the scalar is kept in its versioned form; the overhead no longer counts.
          overhead = Hash.ZERO;
        }
        c.overhead = overhead;
        c.scalar = scalar;
      }
      case GAS_LIMIT -> c.gasLimit = p.uint(8, "gas limit");
      case EIP_1559_PARAMS -> {
        // op-node reads a bytes32 and keeps its low 8 bytes, without checking the others.
        Hash word = p.word("eip-1559 params");
        c.eip1559Params = Optional.of(Bytes.wrap(Arrays.copyOfRange(word.array(), 24, 32)));
      }
      // Kept as the whole word, as op-node's SystemConfig keeps it (scalar in bytes [20, 24),
      // constant in [24, 32): isthmus/configurability.md).
      case OPERATOR_FEE_PARAMS -> c.operatorFeeParams = Optional.of(p.word("operator fee params"));
      case MIN_BASE_FEE -> c.minBaseFee = OptionalLong.of(p.uint(8, "min base fee"));
      // The raw value; Jovian's default for 0 belongs to the L1 info encoding.
      case DA_FOOTPRINT_GAS_SCALAR ->
          c.daFootprintGasScalar = OptionalLong.of(p.uint(2, "DA footprint gas scalar"));
      case UNSAFE_BLOCK_SIGNER -> throw new IllegalStateException("handled above");
    }
    p.end();
    return new LogUpdate.Applied(type, c.build());
  }

  /** The fields of a {@link SystemConfig} while one update changes some of them. */
  private static final class Fields {
    Address batcherAddr;
    Hash overhead;
    Hash scalar;
    long gasLimit;
    Optional<Bytes> eip1559Params;
    Optional<Hash> operatorFeeParams;
    OptionalLong minBaseFee;
    OptionalLong daFootprintGasScalar;

    Fields(SystemConfig c) {
      batcherAddr = c.batcherAddr();
      overhead = c.overhead();
      scalar = c.scalar();
      gasLimit = c.gasLimit();
      eip1559Params = c.eip1559Params();
      operatorFeeParams = c.operatorFeeParams();
      minBaseFee = c.minBaseFee();
      daFootprintGasScalar = c.daFootprintGasScalar();
    }

    SystemConfig build() {
      return new SystemConfig(
          batcherAddr,
          overhead,
          scalar,
          gasLimit,
          eip1559Params,
          operatorFeeParams,
          minBaseFee,
          daFootprintGasScalar);
    }
  }

  /** A payload that is not the strict ABI encoding op-node accepts. */
  private static final class PayloadException extends RuntimeException {
    PayloadException(String message) {
      super(message, null, false, false);
    }
  }

  /** Reads 32-byte words in order, as op-node's {@code solabi} readers over a byte stream. */
  private static final class Payload {
    private final byte[] data;
    private int position;

    Payload(byte[] data) {
      this.data = data;
    }

    /** The {@code bytes} head: offset 32, then the value's length. */
    void expectHeader(long length) {
      if (!fits(8) || read(8) != 32) {
        throw new PayloadException("invalid pointer field");
      }
      if (!fits(8) || read(8) != length) {
        throw new PayloadException("invalid length field");
      }
    }

    Hash word(String what) {
      if (position + 32 > data.length) {
        throw new PayloadException("could not read " + what + ": payload too short");
      }
      Hash word = Hash.copyOf(data, position);
      position += 32;
      return word;
    }

    /** An unsigned number of {@code bytes} bytes in a word whose other bytes are zero. */
    long uint(int bytes, String what) {
      if (!fits(bytes)) {
        throw new PayloadException(
            "could not read " + what + ": missing, or more than " + 8 * bytes + " bits");
      }
      return read(bytes);
    }

    /** Whether a next word exists and holds a number of at most {@code bytes} bytes. */
    private boolean fits(int bytes) {
      if (position + 32 > data.length) {
        return false;
      }
      for (int i = position; i < position + 32 - bytes; i++) {
        if (data[i] != 0) {
          return false;
        }
      }
      return true;
    }

    private long read(int bytes) {
      long value = 0;
      for (int i = position + 32 - bytes; i < position + 32; i++) {
        value = (value << 8) | (data[i] & 0xff);
      }
      position += 32;
      return value;
    }

    Address address(String what) {
      Hash word = word(what);
      for (int i = 0; i < 12; i++) {
        if (word.get(i) != 0) {
          throw new PayloadException("could not read " + what + ": address padding not zero");
        }
      }
      return Address.fromWord(word);
    }

    void end() {
      if (position != data.length) {
        throw new PayloadException("too many bytes");
      }
    }
  }
}
