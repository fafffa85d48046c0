package io.merapi.base.abi;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The standard ABI encoding of values of {@link AbiType}s (Solidity docs "Formal Specification of
 * the Encoding"): heads of 32-byte words, dynamic parts behind offsets counted from the start of
 * their enclosing tuple. Decoding is as strict as Solidity's own {@code abi.decode}: words of
 * narrow types must be clean (zero or sign-extended high bits, booleans 0 or 1, right-padded short
 * byte strings), and every offset and length must stay inside the data; anything else is an {@link
 * AbiException}, never an out-of-bounds error.
 */
public final class AbiCodec {
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  private AbiCodec() {}

  /** The encoding of {@code values} as the tuple {@code type} (function arguments, return data). */
  public static byte[] encode(AbiType.Tuple type, List<?> values) {
    Bytes32Writer out = new Bytes32Writer();
    write(type, values, out);
    return out.toByteArray();
  }

  /** The encoding of {@code value} as the only element of a tuple (Solidity's abi.encode(v)). */
  public static byte[] encodeValue(AbiType type, Object value) {
    return encode(AbiType.Tuple.of(type), List.of(value));
  }

  /**
   * Decodes {@code data} as the tuple {@code type}; trailing bytes are ignored, as Solidity does.
   */
  public static List<Object> decode(AbiType.Tuple type, byte[] data) {
    return decode(type, data, 0);
  }

  /** Decodes the tuple {@code type} encoded at {@code offset} of {@code data}. */
  public static List<Object> decode(AbiType.Tuple type, byte[] data, int offset) {
    return readTupleBody(type, new Reader(data), offset);
  }

  /** Decodes one value of {@code type} encoded as the only element of a tuple. */
  public static Object decodeValue(AbiType type, byte[] data) {
    return decode(AbiType.Tuple.of(type), data).get(0);
  }

  // ---- encoding -------------------------------------------------------------------------------

  private static void write(AbiType type, Object value, Bytes32Writer out) {
    switch (type) {
      case AbiType.UInt u -> out.word(unsignedWord(u.bits(), value));
      case AbiType.Int i -> out.word(signedWord(i.bits(), value));
      case AbiType.AddressType a -> out.word(cast(Address.class, value, type).toWord().array());
      case AbiType.Bool b -> out.word(UInt256.valueOf(cast(Boolean.class, value, type) ? 1 : 0));
      case AbiType.FixedBytes f -> out.word(fixedBytes(f, value));
      case AbiType.DynamicBytes d -> writeBytes(byteString(value, type), out);
      case AbiType.StringType s ->
          writeBytes(cast(String.class, value, type).getBytes(StandardCharsets.UTF_8), out);
      case AbiType.Array a -> {
        List<?> list = cast(List.class, value, type);
        out.word(UInt256.valueOf(list.size()));
        writeTuple(Collections.nCopies(list.size(), a.element()), list, out);
      }
      case AbiType.FixedArray a -> {
        List<?> list = cast(List.class, value, type);
        if (list.size() != a.length()) {
          throw new AbiException(
              type.canonical() + " needs " + a.length() + " elements, got " + list.size());
        }
        writeTuple(Collections.nCopies(a.length(), a.element()), list, out);
      }
      case AbiType.Tuple t -> {
        List<?> list = cast(List.class, value, type);
        if (list.size() != t.components().size()) {
          throw new AbiException(
              type.canonical() + " needs " + t.components().size() + " values, got " + list.size());
        }
        writeTuple(t.components(), list, out);
      }
    }
  }

  private static void writeTuple(List<AbiType> types, List<?> values, Bytes32Writer out) {
    int headSize = 0;
    for (AbiType t : types) {
      headSize += t.headSize();
    }
    Bytes32Writer tail = new Bytes32Writer();
    for (int i = 0; i < types.size(); i++) {
      AbiType t = types.get(i);
      if (t.isDynamic()) {
        out.word(UInt256.valueOf(headSize + tail.size()));
        write(t, values.get(i), tail);
      } else {
        write(t, values.get(i), out);
      }
    }
    out.append(tail);
  }

  private static void writeBytes(byte[] bytes, Bytes32Writer out) {
    out.word(UInt256.valueOf(bytes.length));
    out.padded(bytes);
  }

  private static UInt256 unsignedWord(int bits, Object value) {
    UInt256 word =
        switch (value) {
          case UInt256 u -> u;
          case Long l when l >= 0 || bits == 64 -> UInt256.valueOf(l);
          case Integer i when i >= 0 -> UInt256.valueOf(i);
          case BigInteger b -> UInt256.valueOf(b);
          default -> throw new AbiException("uint" + bits + " cannot hold " + describe(value));
        };
    if (word.bitLength() > bits) {
      throw new AbiException("uint" + bits + " cannot hold " + word.toDecimalString());
    }
    return word;
  }

  private static UInt256 signedWord(int bits, Object value) {
    BigInteger v =
        switch (value) {
          case BigInteger b -> b;
          case Long l -> BigInteger.valueOf(l);
          case Integer i -> BigInteger.valueOf(i);
          default -> throw new AbiException("int" + bits + " cannot hold " + describe(value));
        };
    if (v.bitLength() > bits - 1) {
      throw new AbiException("int" + bits + " cannot hold " + v);
    }
    return UInt256.valueOf(v.signum() < 0 ? v.add(TWO_256) : v);
  }

  private static byte[] fixedBytes(AbiType.FixedBytes type, Object value) {
    byte[] bytes =
        switch (value) {
          case Hash h -> h.array();
          default -> byteString(value, type);
        };
    if (bytes.length != type.length()) {
      throw new AbiException(type.canonical() + " needs " + type.length() + " bytes");
    }
    return Arrays.copyOf(bytes, 32);
  }

  private static byte[] byteString(Object value, AbiType type) {
    return switch (value) {
      case Bytes b -> b.array();
      case byte[] a -> a;
      default -> throw new AbiException(type.canonical() + " cannot hold " + describe(value));
    };
  }

  private static <T> T cast(Class<T> expected, Object value, AbiType type) {
    if (!expected.isInstance(value)) {
      throw new AbiException(type.canonical() + " cannot hold " + describe(value));
    }
    return expected.cast(value);
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
  }

  // ---- decoding -------------------------------------------------------------------------------

  /**
   * Reads the value of {@code type} whose head word(s) start at {@code head}; base is its tuple.
   */
  private static Object read(AbiType type, Reader in, int base, int head) {
    if (type.isDynamic()) {
      int offset = in.offset(head);
      return readBody(type, in, addExact(base, offset));
    }
    return readBody(type, in, head);
  }

  /** Reads a value whose encoding (head for static types, content for dynamic) starts at pos. */
  private static Object readBody(AbiType type, Reader in, int pos) {
    return switch (type) {
      case AbiType.UInt u -> unsigned(u.bits(), in.word(pos), type);
      case AbiType.Int i -> signed(i.bits(), in.word(pos), type);
      case AbiType.AddressType a -> {
        byte[] word = in.word(pos);
        requireZero(word, 0, 12, type);
        yield Address.copyOf(word, 12);
      }
      case AbiType.Bool b -> {
        byte[] word = in.word(pos);
        requireZero(word, 0, 31, type);
        if ((word[31] & 0xff) > 1) {
          throw new AbiException("bool word is neither 0 nor 1");
        }
        yield word[31] == 1;
      }
      case AbiType.FixedBytes f -> {
        byte[] word = in.word(pos);
        if (f.length() == 32) {
          yield Hash.wrap(word);
        }
        requireZero(word, f.length(), 32, type);
        yield Bytes.wrap(Arrays.copyOf(word, f.length()));
      }
      case AbiType.DynamicBytes d -> Bytes.wrap(in.bytes(pos));
      case AbiType.StringType s -> utf8(in.bytes(pos));
      case AbiType.Array a -> {
        int length = in.length(pos);
        // Each element takes at least one word: a length beyond the data is refused up front.
        if ((long) length * a.element().headSize() > in.remaining(pos + 32)) {
          throw new AbiException("array of " + length + " elements exceeds the data");
        }
        yield readList(Collections.nCopies(length, a.element()), in, pos + 32);
      }
      case AbiType.FixedArray a -> readList(Collections.nCopies(a.length(), a.element()), in, pos);
      case AbiType.Tuple t -> readTupleBody(t, in, pos);
    };
  }

  private static List<Object> readTupleBody(AbiType.Tuple type, Reader in, int pos) {
    return readList(type.components(), in, pos);
  }

  private static List<Object> readList(List<AbiType> types, Reader in, int base) {
    List<Object> values = new ArrayList<>(types.size());
    int head = base;
    for (AbiType t : types) {
      values.add(read(t, in, base, head));
      head = addExact(head, t.headSize());
    }
    return Collections.unmodifiableList(values);
  }

  private static Object unsigned(int bits, byte[] word, AbiType type) {
    requireZero(word, 0, 32 - bits / 8, type);
    UInt256 value = UInt256.fromBytes(word);
    if (bits < 32) {
      return (int) value.toLongExact();
    }
    if (bits <= 64) {
      return value.limb(0);
    }
    return value;
  }

  private static Object signed(int bits, byte[] word, AbiType type) {
    BigInteger value = new BigInteger(word);
    if (value.bitLength() > bits - 1) {
      throw new AbiException(type.canonical() + " word is not sign-extended");
    }
    if (bits <= 32) {
      return value.intValue();
    }
    if (bits <= 64) {
      return value.longValue();
    }
    return value;
  }

  private static void requireZero(byte[] word, int from, int to, AbiType type) {
    for (int i = from; i < to; i++) {
      if (word[i] != 0) {
        throw new AbiException(type.canonical() + " word has dirty padding");
      }
    }
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new AbiException("string is not valid UTF-8");
    }
  }

  private static int addExact(int a, int b) {
    long sum = (long) a + b;
    if (sum > Integer.MAX_VALUE) {
      throw new AbiException("offset beyond the data");
    }
    return (int) sum;
  }

  /**
   * Bounds-checked reads of words, offsets and lengths. Offsets may point many elements at the same
   * content, so the bytes copied out are budgeted to a few times the input: hostile data cannot
   * make a small input decode into a huge value.
   */
  private static final class Reader {
    private final byte[] data;
    private long budget;

    Reader(byte[] data) {
      this.data = data;
      this.budget = 8L * data.length + (1 << 16);
    }

    byte[] word(int pos) {
      spend(32);
      if (pos < 0 || pos > data.length - 32) {
        throw new AbiException("data too short: a word at " + pos + " of " + data.length);
      }
      return Arrays.copyOfRange(data, pos, pos + 32);
    }

    int offset(int pos) {
      return smallInt(pos, "offset");
    }

    int length(int pos) {
      return smallInt(pos, "length");
    }

    private int smallInt(int pos, String what) {
      UInt256 value = UInt256.fromBytes(word(pos));
      if (value.bitLength() > 31 || value.toLongExact() > data.length) {
        throw new AbiException(what + " " + value.toDecimalString() + " exceeds the data");
      }
      return (int) value.toLongExact();
    }

    byte[] bytes(int pos) {
      int length = length(pos);
      if (length > remaining(pos + 32)) {
        throw new AbiException("byte string of " + length + " bytes exceeds the data");
      }
      spend(length);
      return Arrays.copyOfRange(data, pos + 32, pos + 32 + length);
    }

    private void spend(long bytes) {
      budget -= bytes;
      if (budget < 0) {
        throw new AbiException("data decodes to more than 8 times its size");
      }
    }

    long remaining(int pos) {
      return Math.max(0, (long) data.length - pos);
    }
  }

  /** An output buffer of whole words. */
  private static final class Bytes32Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void word(UInt256 value) {
      out.writeBytes(value.toBytes());
    }

    void word(byte[] word) {
      out.writeBytes(word);
    }

    void padded(byte[] bytes) {
      out.writeBytes(bytes);
      int pad = (32 - bytes.length % 32) % 32;
      out.writeBytes(new byte[pad]);
    }

    void append(Bytes32Writer other) {
      out.writeBytes(other.out.toByteArray());
    }

    int size() {
      return out.size();
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }
}
