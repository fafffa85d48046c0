package io.merapi.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParamsTest {
  private static Params parse(String json) throws Exception {
    JsonNode node = RpcJson.mapper().readTree(json);
    return Params.of(node);
  }

  private static void assertInvalid(ThrowingCall call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> {
              assertThat(e.code()).isEqualTo(-32602);
              assertThat(e.error().message()).isEqualTo(message);
            });
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void absentAndNullParamsAreEmpty() throws Exception {
    assertThat(Params.of(com.fasterxml.jackson.databind.node.MissingNode.getInstance()).size())
        .isZero();
    assertThat(parse("null").size()).isZero();
    assertThat(parse("[]").size()).isZero();
  }

  @Test
  void objectParamsAreRefusedAsGethDoes() {
    assertInvalid(() -> parse("{\"a\":1}"), "non-array args");
    assertInvalid(() -> parse("\"0x1\""), "non-array args");
  }

  @Test
  void readsBaseTypes() throws Exception {
    Params p =
        parse(
            "[\"0x1f\",\"0x"
                + "ab".repeat(32)
                + "\",\"0x"
                + "Cd".repeat(20)
                + "\",true,\"0x0102\",\"0x"
                + "f".repeat(64)
                + "\",\"text\"]");
    assertThat(p.quantity(0)).isEqualTo(31);
    assertThat(p.hash(1)).isEqualTo(Hash.fromHex("0x" + "ab".repeat(32)));
    assertThat(p.address(2)).isEqualTo(Address.fromHex("0x" + "cd".repeat(20)));
    assertThat(p.bool(3)).isTrue();
    assertThat(p.data(4).toHex()).isEqualTo("0x0102");
    assertThat(p.uint256(5)).isEqualTo(UInt256.MAX_VALUE);
    assertThat(p.string(6)).isEqualTo("text");
  }

  @Test
  void quantityUses64BitsUnsigned() throws Exception {
    assertThat(parse("[\"0xffffffffffffffff\"]").quantity(0)).isEqualTo(-1L);
  }

  @Test
  void missingAndNullRequiredArgumentsAreNamed() throws Exception {
    Params p = parse("[\"0x1\", null]");
    assertInvalid(() -> p.quantity(1), "missing value for required argument 1");
    assertInvalid(() -> p.quantity(2), "missing value for required argument 2");
    assertThat(p.optional(1, Params::quantity)).isEmpty();
    assertThat(p.optional(0, Params::quantity)).contains(1L);
  }

  @Test
  void badQuantitiesSayWhy() throws Exception {
    assertInvalid(
        () -> parse("[\"0x01\"]").quantity(0),
        "invalid argument 0: quantity has leading zeros: \"0x01\"");
    assertInvalid(
        () -> parse("[\"12\"]").quantity(0),
        "invalid argument 0: quantity must start with 0x: \"12\"");
    assertInvalid(
        () -> parse("[\"0x\"]").quantity(0), "invalid argument 0: quantity has no digits: \"0x\"");
    assertInvalid(
        () -> parse("[\"0x10000000000000000\"]").quantity(0),
        "invalid argument 0: quantity does not fit in 64 bits: \"0x10000000000000000\"");
    assertInvalid(
        () -> parse("[12]").quantity(0), "invalid argument 0: expected a hex string, got number");
    assertInvalid(
        () -> parse("[\"0x1" + "0".repeat(64) + "\"]").uint256(0),
        "invalid argument 0: out of uint256 range: "
            + new java.math.BigInteger("1" + "0".repeat(64), 16));
  }

  @Test
  void badDataSaysWhy() throws Exception {
    assertInvalid(
        () -> parse("[\"0102\"]").data(0), "invalid argument 0: hex string without 0x prefix");
    assertInvalid(
        () -> parse("[\"0x012\"]").data(0),
        "invalid argument 0: hex data has an odd number of digits: \"0x012\"");
    assertInvalid(
        () -> parse("[\"0x" + "ab".repeat(31) + "\"]").hash(0),
        "invalid argument 0: hex string has length 62, want 64");
    assertInvalid(
        () -> parse("[\"0x" + "ab".repeat(21) + "\"]").address(0),
        "invalid argument 0: hex string has length 42, want 40");
    assertInvalid(() -> parse("[1]").bool(0), "invalid argument 0: expected a boolean, got number");
    assertInvalid(
        () -> parse("[{}]").string(0), "invalid argument 0: expected a string, got object");
  }

  record Filter(Optional<Address> address, long fromBlock) {}

  @Test
  void objectsMapThroughJackson() throws Exception {
    Params p = parse("[{\"address\":\"0x" + "11".repeat(20) + "\",\"fromBlock\":7}]");
    assertThat(p.object(0, Filter.class))
        .isEqualTo(new Filter(Optional.of(Address.fromHex("0x" + "11".repeat(20))), 7));
    assertThatThrownBy(() -> parse("[{\"address\":5}]").object(0, Filter.class))
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> assertThat(e.error().message()).startsWith("invalid argument 0: "));
  }

  @Test
  void paramsOfValuesRoundTrip() {
    Params p = Params.of("0x2", true);
    assertThat(p.quantity(0)).isEqualTo(2);
    assertThat(p.bool(1)).isTrue();
  }
}
