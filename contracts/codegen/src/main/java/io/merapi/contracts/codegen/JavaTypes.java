package io.merapi.contracts.codegen;

import io.merapi.base.abi.AbiType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How ABI parameters appear in the generated Java: the Java type of each ABI type (as {@code
 * AbiType} documents the codec's values), the conversion of a codec value into it, and back.
 * Structs become records in {@link #STRUCT_PACKAGE}, one per Solidity struct name across all
 * contracts.
 */
final class JavaTypes {
  static final String STRUCT_PACKAGE = "io.merapi.contracts.structs";

  private static final Set<String> KEYWORDS =
      Set.of(
          "abstract",
          "assert",
          "boolean",
          "break",
          "byte",
          "case",
          "catch",
          "char",
          "class",
          "const",
          "continue",
          "default",
          "do",
          "double",
          "else",
          "enum",
          "extends",
          "final",
          "finally",
          "float",
          "for",
          "goto",
          "if",
          "implements",
          "import",
          "instanceof",
          "int",
          "interface",
          "long",
          "native",
          "new",
          "package",
          "private",
          "protected",
          "public",
          "return",
          "short",
          "static",
          "strictfp",
          "super",
          "switch",
          "synchronized",
          "this",
          "throw",
          "throws",
          "transient",
          "try",
          "void",
          "volatile",
          "record",
          "var",
          "yield",
          "sealed",
          "permits",
          "true",
          "false",
          "null");

  /** Struct name to its components, collected from every ABI before any code is written. */
  private final Map<String, List<AbiJson.Param>> structs = new LinkedHashMap<>();

  private final Map<String, String> structOrigins = new LinkedHashMap<>();

  Map<String, List<AbiJson.Param>> structs() {
    return structs;
  }

  /** Registers the structs a parameter uses; two different structs of one name are an error. */
  void collect(AbiJson.Param param, String origin) {
    if (param.isArray()) {
      collect(param.element(), origin);
      return;
    }
    if (!param.type().equals("tuple")) {
      return;
    }
    String name = structName(param);
    String shape = param.abiType().canonical() + names(param.components());
    List<AbiJson.Param> known = structs.get(name);
    if (known == null) {
      structs.put(name, param.components());
      structOrigins.put(name, origin + " " + shape);
    } else if (!(AbiJson.tuple(known).canonical() + names(known))
        .equals(param.abiType().canonical() + names(param.components()))) {
      throw new IllegalStateException(
          "two different structs named "
              + name
              + ": "
              + structOrigins.get(name)
              + " and "
              + origin
              + " "
              + shape
              + "; rename one in the Solidity sources");
    }
    for (AbiJson.Param c : param.components()) {
      collect(c, origin);
    }
  }

  private static String names(List<AbiJson.Param> params) {
    return params.stream().map(AbiJson.Param::name).toList().toString();
  }

  /** {@code struct Types.WithdrawalTransaction} to {@code WithdrawalTransaction}. */
  static String structName(AbiJson.Param param) {
    String internal = param.internalType();
    if (!internal.startsWith("struct ")) {
      throw new IllegalStateException(
          "tuple parameter " + param.name() + " has no struct internalType: " + internal);
    }
    String name = internal.substring("struct ".length());
    int bracket = name.indexOf('[');
    if (bracket >= 0) {
      name = name.substring(0, bracket);
    }
    int dot = name.lastIndexOf('.');
    return dot >= 0 ? name.substring(dot + 1) : name;
  }

  /** The Java type of a parameter (primitive where the codec value unboxes). */
  String javaType(AbiJson.Param param) {
    if (param.isArray()) {
      return "List<" + boxed(javaType(param.element())) + ">";
    }
    if (param.type().equals("tuple")) {
      return structName(param);
    }
    return switch (param.abiType()) {
      case AbiType.UInt u -> u.bits() < 32 ? "int" : u.bits() <= 64 ? "long" : "UInt256";
      case AbiType.Int i -> i.bits() <= 32 ? "int" : i.bits() <= 64 ? "long" : "BigInteger";
      case AbiType.AddressType a -> "Address";
      case AbiType.Bool b -> "boolean";
      case AbiType.FixedBytes f -> f.length() == 32 ? "Hash" : "Bytes";
      case AbiType.DynamicBytes d -> "Bytes";
      case AbiType.StringType s -> "String";
      default -> throw new IllegalStateException("unexpected type " + param.type());
    };
  }

  static String boxed(String type) {
    return switch (type) {
      case "int" -> "Integer";
      case "long" -> "Long";
      case "boolean" -> "Boolean";
      default -> type;
    };
  }

  /** An expression converting the codec value {@code expr} (an Object) to the parameter's type. */
  String fromAbi(AbiJson.Param param, String expr) {
    if (param.isArray()) {
      String element = fromAbi(param.element(), "e");
      return "AbiValues.list(" + expr + ", e -> " + element + ")";
    }
    if (param.type().equals("tuple")) {
      return structName(param) + ".fromAbi(" + expr + ")";
    }
    return "(" + boxed(javaType(param)) + ") " + expr;
  }

  /** An expression converting the Java value {@code expr} to the codec's value. */
  String toAbi(AbiJson.Param param, String expr) {
    if (param.isArray()) {
      String element = toAbi(param.element(), "e");
      return element.equals("e") ? expr : "AbiValues.objects(" + expr + ", e -> " + element + ")";
    }
    if (param.type().equals("tuple")) {
      return expr + ".toAbi()";
    }
    return expr;
  }

  /**
   * Java identifiers for parameter names: leading and trailing underscores dropped, keywords
   * avoided.
   */
  static List<String> identifiers(List<AbiJson.Param> params, String unnamedPrefix) {
    ArrayList<String> names = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      String n = params.get(i).name().replaceAll("^_+", "").replaceAll("_+$", "");
      if (n.isEmpty()) {
        n = unnamedPrefix + i;
      }
      if (KEYWORDS.contains(n)) {
        n = n + "Value";
      }
      while (names.contains(n)) {
        n = n + i;
      }
      names.add(n);
    }
    return names;
  }
}
