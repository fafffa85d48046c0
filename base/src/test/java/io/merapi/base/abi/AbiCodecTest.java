package io.merapi.base.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked examples of the Solidity ABI specification, and the strictness of decoding. */
class AbiCodecTest {

  private static byte[] words(String... words) {
    return Hex.decode(String.join("", words));
  }

  private static String word(long value) {
    return String.format("%064x", value);
  }

  private static String left(String hexBytes) {
    return hexBytes + "0".repeat(64 - hexBytes.length());
  }

  @Test
  void bazWithStaticArguments() {
    AbiFunction baz = AbiFunction.parse("baz(uint32,bool)", "(bool)");
    assertThat(baz.selector().toHex()).isEqualTo("0xcdcd77c0");
    assertThat(Hex.encode(baz.encodeCall(List.of(69L, true))))
        .isEqualTo("0xcdcd77c0" + word(0x45) + word(1));
    assertThat(baz.decodeCall(baz.encodeCall(List.of(69L, true)))).containsExactly(69L, true);
  }

  @Test
  void barWithFixedArrayOfShortBytes() {
    AbiFunction bar = AbiFunction.parse("bar(bytes3[2])", "()");
    assertThat(bar.selector().toHex()).isEqualTo("0xfce353f6");
    List<Bytes> args = List.of(Bytes.fromHex("0x616263"), Bytes.fromHex("0x646566"));
    assertThat(Hex.encode(bar.encodeCall(List.of(args))))
        .isEqualTo("0xfce353f6" + left("616263") + left("646566"));
  }

  @Test
  void samWithDynamicArguments() {
    AbiFunction sam = AbiFunction.parse("sam(bytes,bool,uint256[])", "()");
    List<Object> args =
        List.of(
            Bytes.wrap("dave".getBytes()),
            true,
            List.of(UInt256.valueOf(1), UInt256.valueOf(2), UInt256.valueOf(3)));
    byte[] expected =
        words(
            "a5643bf2",
            word(0x60),
            word(1),
            word(0xa0),
            word(4),
            left("64617665"),
            word(3),
            word(1),
            word(2),
            word(3));
    assertThat(sam.encodeCall(args)).isEqualTo(expected);
    assertThat(sam.decodeCall(expected)).isEqualTo(args);
  }

  @Test
  void fWithMixedArguments() {
    AbiFunction f = AbiFunction.parse("f(uint256,uint32[],bytes10,bytes)", "()");
    assertThat(f.selector().toHex()).isEqualTo("0x8be65246");
    List<Object> args =
        List.of(
            UInt256.valueOf(0x123),
            List.of(0x456L, 0x789L),
            Bytes.wrap("1234567890".getBytes()),
            Bytes.wrap("Hello, world!".getBytes()));
    byte[] expected =
        words(
            "8be65246",
            word(0x123),
            word(0x80),
            left("31323334353637383930"),
            word(0xe0),
            word(2),
            word(0x456),
            word(0x789),
            word(0xd),
            left("48656c6c6f2c20776f726c6421"));
    assertThat(f.encodeCall(args)).isEqualTo(expected);
    assertThat(f.decodeCall(expected)).isEqualTo(args);
  }

  @Test
  void gWithNestedDynamicArrays() {
    AbiFunction g = AbiFunction.parse("g(uint256[][],string[])", "()");
    assertThat(g.selector().toHex()).isEqualTo("0x2289b18c");
    List<Object> args =
        List.of(
            List.of(List.of(UInt256.valueOf(1), UInt256.valueOf(2)), List.of(UInt256.valueOf(3))),
            List.of("one", "two", "three"));
    byte[] expected =
        words(
            "2289b18c",
            word(0x40),
            word(0x140),
            word(2),
            word(0x40),
            word(0xa0),
            word(2),
            word(1),
            word(2),
            word(1),
            word(3),
            word(3),
            word(0x60),
            word(0xa0),
            word(0xe0),
            word(3),
            left("6f6e65"),
            word(3),
            left("74776f"),
            word(5),
            left("7468726565"));
    assertThat(g.encodeCall(args)).isEqualTo(expected);
    assertThat(g.decodeCall(expected)).isEqualTo(args);
  }

  @Test
  void staticTuplesAreInlineAndDynamicTuplesBehindOffsets() {
    AbiType.Tuple type = (AbiType.Tuple) AbiType.parse("((uint64,address),(bytes,bool))");
    Address a = Address.fromHex("0x4200000000000000000000000000000000000016");
    List<Object> value = List.of(List.of(7L, a), List.of(Bytes.fromHex("0xabcd"), false));
    byte[] encoded = AbiCodec.encode(type, value);
    assertThat(Hex.encode(encoded))
        .isEqualTo(
            "0x"
                + word(7)
                + "000000000000000000000000"
                + a.toHex().substring(2)
                + word(0x60)
                + word(0x40)
                + word(0)
                + word(2)
                + left("abcd"));
    assertThat(AbiCodec.decode(type, encoded)).isEqualTo(value);
    assertThat(type.canonical()).isEqualTo("((uint64,address),(bytes,bool))");
  }

  @Test
  void signedIntegersAreSignExtended() {
    AbiType int64 = AbiType.parse("int64");
    assertThat(Hex.encode(AbiCodec.encodeValue(int64, -1L))).isEqualTo("0x" + "f".repeat(64));
    assertThat(AbiCodec.decodeValue(int64, AbiCodec.encodeValue(int64, -5L))).isEqualTo(-5L);
    AbiType int256 = AbiType.parse("int");
    BigInteger min = BigInteger.ONE.shiftLeft(255).negate();
    assertThat(AbiCodec.decodeValue(int256, AbiCodec.encodeValue(int256, min))).isEqualTo(min);
    assertThatThrownBy(() -> AbiCodec.encodeValue(AbiType.parse("int8"), 128))
        .isInstanceOf(AbiException.class);
  }

  @Test
  void valuesOutOfRangeAreRefused() {
    assertThatThrownBy(() -> AbiCodec.encodeValue(AbiType.parse("uint8"), 256))
        .isInstanceOf(AbiException.class);
    assertThatThrownBy(() -> AbiCodec.encodeValue(AbiType.parse("uint64"), UInt256.MAX_VALUE))
        .isInstanceOf(AbiException.class);
    assertThatThrownBy(() -> AbiCodec.encodeValue(AbiType.parse("bytes4"), Bytes.of((byte) 1)))
        .isInstanceOf(AbiException.class);
    assertThatThrownBy(() -> AbiCodec.encodeValue(AbiType.ADDRESS, "0x00"))
        .isInstanceOf(AbiException.class);
  }

  @Test
  void dirtyWordsAreRefusedAsSolidityDoes() {
    byte[] dirtyAddress = Hex.decode("01" + "00".repeat(31));
    assertThatThrownBy(() -> AbiCodec.decodeValue(AbiType.ADDRESS, dirtyAddress))
        .isInstanceOf(AbiException.class)
        .hasMessageContaining("dirty");
    assertThatThrownBy(() -> AbiCodec.decodeValue(AbiType.BOOL, Hex.decode(word(2))))
        .isInstanceOf(AbiException.class);
    assertThatThrownBy(() -> AbiCodec.decodeValue(AbiType.parse("uint8"), Hex.decode(word(256))))
        .isInstanceOf(AbiException.class);
    assertThatThrownBy(() -> AbiCodec.decodeValue(AbiType.parse("bytes1"), Hex.decode(word(1))))
        .isInstanceOf(AbiException.class);
  }

  @Test
  void offsetsAndLengthsOutsideTheDataAreRefused() {
    assertThatThrownBy(() -> AbiCodec.decodeValue(AbiType.BYTES, Hex.decode(word(0x20))))
        .isInstanceOf(AbiException.class);
    assertThatThrownBy(
            () -> AbiCodec.decodeValue(AbiType.BYTES, Hex.decode(word(0x20) + word(1000))))
        .isInstanceOf(AbiException.class);
    assertThatThrownBy(
            () ->
                AbiCodec.decodeValue(
                    AbiType.parse("uint256[]"), Hex.decode(word(0x20) + "ff".repeat(32))))
        .isInstanceOf(AbiException.class);
    assertThatThrownBy(
            () ->
                AbiCodec.decodeValue(
                    AbiType.parse("uint256[]"), Hex.decode(word(0x20) + word(0x7fffffff))))
        .isInstanceOf(AbiException.class);
    assertThatThrownBy(() -> AbiCodec.decodeValue(AbiType.UINT256, new byte[31]))
        .isInstanceOf(AbiException.class);
  }

  @Test
  void errorsAndEvents() {
    assertThat(AbiError.ERROR.selector().toHex()).isEqualTo("0x08c379a0");
    assertThat(AbiError.PANIC.selector().toHex()).isEqualTo("0x4e487b71");
    byte[] revert = AbiError.ERROR.encode(List.of("OptimismPortal: paused"));
    assertThat(AbiError.reason(revert)).contains("OptimismPortal: paused");
    assertThat(AbiError.reason(AbiError.PANIC.encode(List.of(UInt256.ONE)))).isEmpty();

    AbiEvent transfer =
        new AbiEvent(
            "Transfer",
            List.of(
                new AbiEvent.Param("from", AbiType.ADDRESS, true),
                new AbiEvent.Param("to", AbiType.ADDRESS, true),
                new AbiEvent.Param("value", AbiType.UINT256, false)),
            false);
    assertThat(transfer.topic0())
        .isEqualTo(
            Hash.fromHex("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"));
    Address from = Address.fromHex("0x00000000000000000000000000000000000000aa");
    Address to = Address.fromHex("0x00000000000000000000000000000000000000bb");
    List<Object> values = List.of(from, to, UInt256.valueOf(5));
    assertThat(transfer.decode(transfer.encodeTopics(values), transfer.encodeData(values)))
        .isEqualTo(values);

    AbiEvent deposited =
        new AbiEvent(
            "TransactionDeposited",
            List.of(
                new AbiEvent.Param("from", AbiType.ADDRESS, true),
                new AbiEvent.Param("to", AbiType.ADDRESS, true),
                new AbiEvent.Param("version", AbiType.UINT256, true),
                new AbiEvent.Param("opaqueData", AbiType.BYTES, false)),
            false);
    // The topic the rollup node filters deposits by (specs deposits.md).
    assertThat(deposited.topic0())
        .isEqualTo(
            Hash.fromHex("0xb3813568d9991fc951961fcb4c784893574240a28925604d09fc577c55bb7c32"));
  }

  @Test
  void indexedStringsAreHashedIntoTheirTopic() {
    AbiEvent named =
        new AbiEvent("Named", List.of(new AbiEvent.Param("n", AbiType.STRING, true)), false);
    List<Hash> topics = named.encodeTopics(List.of("abc"));
    assertThat(topics.get(1))
        .isEqualTo(
            Hash.fromHex("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"));
    assertThat(named.decode(topics, new byte[0])).containsExactly(topics.get(1));
  }

  @Test
  void typeNamesParseToCanonicalForms() {
    assertThat(AbiType.parse("uint").canonical()).isEqualTo("uint256");
    assertThat(AbiType.parse("(uint,int)[3][]").canonical()).isEqualTo("(uint256,int256)[3][]");
    assertThatThrownBy(() -> AbiType.parse("uint7")).isInstanceOf(AbiException.class);
    assertThatThrownBy(() -> AbiType.parse("bytes33")).isInstanceOf(AbiException.class);
    assertThatThrownBy(() -> AbiType.parse("(uint256")).isInstanceOf(AbiException.class);
    assertThatThrownBy(() -> AbiType.parse("mapping")).isInstanceOf(AbiException.class);
  }
}
