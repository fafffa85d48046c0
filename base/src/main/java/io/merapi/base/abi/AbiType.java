package io.merapi.base.abi;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Solidity ABI type (Solidity docs "Contract ABI Specification", "Types"). The canonical name is
 * the one hashed into function selectors and event topics: {@code uint256} rather than {@code
 * uint}, tuples as {@code (t1,t2)}.
 *
 * <p>Java values of each type, as {@link AbiCodec} reads and writes them: {@code uint<N>} as {@code
 * Integer} below 32 bits, {@code Long} up to 64 bits (unsigned) and {@code UInt256} above; {@code
 * int<N>} as {@code Integer} up to 32 bits, {@code Long} up to 64 and {@code BigInteger} above;
 * {@code address} as {@code Address}; {@code bool} as {@code Boolean}; {@code bytes32} as {@code
 * Hash}; other {@code bytes<N>} and {@code bytes} as {@code Bytes}; {@code string} as {@code
 * String}; arrays and tuples as {@code List}.
 */
public sealed interface AbiType {

  /** The canonical type name. */
  String canonical();

  /** Whether the encoding has a variable length (and so an offset in its enclosing head). */
  boolean isDynamic();

  /** The bytes the type takes in the head of its enclosing tuple. */
  default int headSize() {
    return 32;
  }

  /** {@code uint<bits>}. */
  record UInt(int bits) implements AbiType {
    public UInt {
      checkBits(bits);
    }

    @Override
    public String canonical() {
      return "uint" + bits;
    }

    @Override
    public boolean isDynamic() {
      return false;
    }
  }

  /** {@code int<bits>}, two's complement. */
  record Int(int bits) implements AbiType {
    public Int {
      checkBits(bits);
    }

    @Override
    public String canonical() {
      return "int" + bits;
    }

    @Override
    public boolean isDynamic() {
      return false;
    }
  }

  /** {@code address}. */
  record AddressType() implements AbiType {
    @Override
    public String canonical() {
      return "address";
    }

    @Override
    public boolean isDynamic() {
      return false;
    }
  }

  /** {@code bool}. */
  record Bool() implements AbiType {
    @Override
    public String canonical() {
      return "bool";
    }

    @Override
    public boolean isDynamic() {
      return false;
    }
  }

  /** {@code bytes<length>}, 1 to 32 bytes, right-padded. */
  record FixedBytes(int length) implements AbiType {
    public FixedBytes {
      if (length < 1 || length > 32) {
        throw new AbiException("bytes<M> needs 0 < M <= 32, got " + length);
      }
    }

    @Override
    public String canonical() {
      return "bytes" + length;
    }

    @Override
    public boolean isDynamic() {
      return false;
    }
  }

  /** {@code bytes}. */
  record DynamicBytes() implements AbiType {
    @Override
    public String canonical() {
      return "bytes";
    }

    @Override
    public boolean isDynamic() {
      return true;
    }
  }

  /** {@code string}, UTF-8. */
  record StringType() implements AbiType {
    @Override
    public String canonical() {
      return "string";
    }

    @Override
    public boolean isDynamic() {
      return true;
    }
  }

  /** {@code T[]}. */
  record Array(AbiType element) implements AbiType {
    @Override
    public String canonical() {
      return element.canonical() + "[]";
    }

    @Override
    public boolean isDynamic() {
      return true;
    }
  }

  /** {@code T[length]}. */
  record FixedArray(AbiType element, int length) implements AbiType {
    public FixedArray {
      if (length < 1) {
        throw new AbiException("a fixed array needs a positive length, got " + length);
      }
    }

    @Override
    public String canonical() {
      return element.canonical() + "[" + length + "]";
    }

    @Override
    public boolean isDynamic() {
      return element.isDynamic();
    }

    @Override
    public int headSize() {
      return isDynamic() ? 32 : element.headSize() * length;
    }
  }

  /** {@code (T1,...,Tn)}: a struct, or the parameter list of a function, event or error. */
  record Tuple(List<AbiType> components) implements AbiType {
    public Tuple {
      components = List.copyOf(components);
    }

    public static Tuple of(AbiType... components) {
      return new Tuple(List.of(components));
    }

    @Override
    public String canonical() {
      return components.stream().map(AbiType::canonical).collect(Collectors.joining(",", "(", ")"));
    }

    @Override
    public boolean isDynamic() {
      return components.stream().anyMatch(AbiType::isDynamic);
    }

    @Override
    public int headSize() {
      if (isDynamic()) {
        return 32;
      }
      return components.stream().mapToInt(AbiType::headSize).sum();
    }
  }

  AbiType ADDRESS = new AddressType();
  AbiType BOOL = new Bool();
  AbiType BYTES = new DynamicBytes();
  AbiType STRING = new StringType();
  AbiType UINT256 = new UInt(256);
  AbiType BYTES32 = new FixedBytes(32);

  /**
   * Parses a type name: elementary names (with the {@code uint}/{@code int} aliases of 256 bits),
   * tuples written {@code (T1,T2)}, and array suffixes. A {@code "tuple"} name from a JSON ABI is
   * resolved by the caller, which knows the components.
   */
  static AbiType parse(String name) {
    String s = name.strip();
    if (s.endsWith("]")) {
      int open = s.lastIndexOf('[');
      if (open < 0) {
        throw new AbiException("unbalanced brackets in type " + name);
      }
      AbiType element = parse(s.substring(0, open));
      String size = s.substring(open + 1, s.length() - 1);
      if (size.isEmpty()) {
        return new Array(element);
      }
      return new FixedArray(element, parseSize(size, name));
    }
    if (s.startsWith("(") && s.endsWith(")")) {
      List<AbiType> components = new ArrayList<>();
      for (String part : splitTopLevel(s.substring(1, s.length() - 1))) {
        components.add(parse(part));
      }
      return new Tuple(components);
    }
    return switch (s) {
      case "address" -> ADDRESS;
      case "bool" -> BOOL;
      case "bytes" -> BYTES;
      case "string" -> STRING;
      case "uint" -> UINT256;
      case "int" -> new Int(256);
      default -> {
        if (s.startsWith("uint")) {
          yield new UInt(parseSize(s.substring(4), name));
        } else if (s.startsWith("int")) {
          yield new Int(parseSize(s.substring(3), name));
        } else if (s.startsWith("bytes")) {
          yield new FixedBytes(parseSize(s.substring(5), name));
        }
        throw new AbiException("unknown ABI type " + name);
      }
    };
  }

  /** Splits a comma-separated list at the top level (commas inside parentheses stay). */
  static List<String> splitTopLevel(String list) {
    List<String> parts = new ArrayList<>();
    if (list.isBlank()) {
      return parts;
    }
    int depth = 0;
    int start = 0;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(list.substring(start, i));
        start = i + 1;
      }
      if (depth < 0) {
        throw new AbiException("unbalanced parentheses in " + list);
      }
    }
    if (depth != 0) {
      throw new AbiException("unbalanced parentheses in " + list);
    }
    parts.add(list.substring(start));
    return parts;
  }

  private static int parseSize(String digits, String name) {
    if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 5) {
      throw new AbiException("bad size in ABI type " + name);
    }
    return Integer.parseInt(digits);
  }

  private static void checkBits(int bits) {
    if (bits < 8 || bits > 256 || bits % 8 != 0) {
      throw new AbiException("integer types need 8 <= bits <= 256 in steps of 8, got " + bits);
    }
  }
}
