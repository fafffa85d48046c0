package io.merapi.base.rlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hex;
import io.merapi.base.testing.TestData;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** ethereum/tests RLPTests: every valid case encodes and decodes; every invalid case is refused. */
class RlpConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> rlpTests() throws IOException {
    Path dir = TestData.require("ethereum-tests/RLPTests");
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonNode root = JSON.readTree(file.toFile());
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
          String name = dir.relativize(file) + ":" + entry.getKey();
          tests.add(DynamicTest.dynamicTest(name, () -> check(entry.getValue())));
        }
      }
    }
    assertThat(tests).hasSizeGreaterThan(50);
    return tests.stream();
  }

  private static void check(JsonNode test) {
    JsonNode in = test.get("in");
    byte[] out = Hex.decodeLenient(test.get("out").asText());
    if (in.isTextual() && in.asText().equals("INVALID")) {
      assertThatThrownBy(() -> Rlp.decode(out)).isInstanceOf(RlpException.class);
      return;
    }
    if (in.isTextual() && in.asText().equals("VALID")) {
      RlpItem decoded = Rlp.decode(out);
      assertThat(Rlp.encode(decoded)).isEqualTo(out);
      return;
    }
    RlpItem expected = toItem(in);
    assertThat(Hex.encode(Rlp.encode(expected))).isEqualTo(Hex.encode(out));
    assertThat(Rlp.decode(out)).isEqualTo(expected);
  }

  /** The test files' "in": strings (each char one byte), integers, "#bignum", nested lists. */
  private static RlpItem toItem(JsonNode in) {
    if (in.isArray()) {
      List<RlpItem> items = new ArrayList<>();
      in.forEach(child -> items.add(toItem(child)));
      return new RlpItem.RlpList(items);
    }
    if (in.isIntegralNumber()) {
      return integer(in.bigIntegerValue());
    }
    String text = in.asText();
    if (text.startsWith("#")) {
      return integer(new BigInteger(text.substring(1)));
    }
    byte[] bytes = new byte[text.length()];
    for (int i = 0; i < text.length(); i++) {
      bytes[i] = (byte) text.charAt(i);
    }
    return new RlpItem.RlpString(Bytes.wrap(bytes));
  }

  private static RlpItem integer(BigInteger value) {
    byte[] bytes = value.toByteArray();
    int skip = 0;
    while (skip < bytes.length && bytes[skip] == 0) {
      skip++;
    }
    return new RlpItem.RlpString(
        Bytes.wrap(java.util.Arrays.copyOfRange(bytes, skip, bytes.length)));
  }
}
