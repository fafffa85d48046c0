package io.merapi.base.abi;

import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An event: topic 0 is the keccak-256 of {@code Name(T1,T2)} (unless anonymous), each indexed
 * parameter is one more topic (the value's word, or for arrays, tuples, {@code bytes} and {@code
 * string} the keccak-256 of their encoding), and the other parameters are ABI-encoded in the data.
 */
public record AbiEvent(String name, List<Param> params, boolean anonymous) {

  /** One parameter in declaration order. */
  public record Param(String name, AbiType type, boolean indexed) {}

  public AbiEvent {
    params = List.copyOf(params);
  }

  public String signature() {
    return name
        + AbiType.Tuple.of(params.stream().map(Param::type).toArray(AbiType[]::new)).canonical();
  }

  public Hash topic0() {
    return Keccak256.digest(AbiSignatures.utf8(signature()));
  }

  /**
   * The parameter values of a log with {@code topics} and {@code data}, in declaration order; an
   * indexed parameter of a dynamic or composite type comes back as the {@link Hash} in its topic.
   *
   * @throws AbiException if the log is not this event or does not decode
   */
  public List<Object> decode(List<Hash> topics, byte[] data) {
    int first = anonymous ? 0 : 1;
    if (!anonymous && (topics.isEmpty() || !topics.get(0).equals(topic0()))) {
      throw new AbiException("log is not " + signature());
    }
    List<AbiType> dataTypes = new ArrayList<>();
    long indexed = params.stream().filter(Param::indexed).count();
    if (topics.size() != first + indexed) {
      throw new AbiException(
          signature() + " has " + (first + indexed) + " topics, the log " + topics.size());
    }
    for (Param p : params) {
      if (!p.indexed()) {
        dataTypes.add(p.type());
      }
    }
    List<Object> fromData = AbiCodec.decode(new AbiType.Tuple(dataTypes), data);
    List<Object> values = new ArrayList<>(params.size());
    int topic = first;
    int datum = 0;
    for (Param p : params) {
      if (p.indexed()) {
        Hash word = topics.get(topic++);
        values.add(hashedInTopic(p.type()) ? word : AbiCodec.decodeValue(p.type(), word.array()));
      } else {
        values.add(fromData.get(datum++));
      }
    }
    return values;
  }

  /** Whether a log's topic 0 is this event's (anonymous events have none). */
  public boolean matches(List<Hash> topics) {
    return !anonymous && !topics.isEmpty() && topics.get(0).equals(topic0());
  }

  /** The topics a log of this event with {@code values} has. */
  public List<Hash> encodeTopics(List<?> values) {
    List<Hash> topics = new ArrayList<>();
    if (!anonymous) {
      topics.add(topic0());
    }
    for (int i = 0; i < params.size(); i++) {
      Param p = params.get(i);
      if (p.indexed()) {
        byte[] encoded = AbiCodec.encodeValue(p.type(), values.get(i));
        topics.add(
            hashedInTopic(p.type())
                ? Keccak256.digest(inPlaceEncoding(p.type(), encoded))
                : Hash.wrap(encoded));
      }
    }
    return topics;
  }

  /** The data of a log of this event with {@code values}. */
  public byte[] encodeData(List<?> values) {
    List<AbiType> types = new ArrayList<>();
    List<Object> data = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      if (!params.get(i).indexed()) {
        types.add(params.get(i).type());
        data.add(values.get(i));
      }
    }
    return AbiCodec.encode(new AbiType.Tuple(types), data);
  }

  private static boolean hashedInTopic(AbiType type) {
    return switch (type) {
      case AbiType.DynamicBytes b -> true;
      case AbiType.StringType s -> true;
      case AbiType.Array a -> true;
      case AbiType.FixedArray a -> true;
      case AbiType.Tuple t -> true;
      default -> false;
    };
  }

  /**
   * The bytes hashed into the topic of an indexed dynamic or composite value. For {@code bytes} and
   * {@code string} that is the raw content; for arrays and structs Solidity hashes the in-place
   * encoding, which this codec gives for static composites only.
   */
  private static byte[] inPlaceEncoding(AbiType type, byte[] tupleEncoding) {
    return switch (type) {
      case AbiType.DynamicBytes b -> rawContent(tupleEncoding);
      case AbiType.StringType s -> rawContent(tupleEncoding);
      default -> {
        if (type.isDynamic()) {
          throw new AbiException(
              "indexed dynamic composite " + type.canonical() + " not supported");
        }
        yield tupleEncoding;
      }
    };
  }

  private static byte[] rawContent(byte[] tupleEncoding) {
    int length = (int) UInt256.fromBytes(tupleEncoding, 32, 32).toLongExact();
    return Arrays.copyOfRange(tupleEncoding, 64, 64 + length);
  }
}
