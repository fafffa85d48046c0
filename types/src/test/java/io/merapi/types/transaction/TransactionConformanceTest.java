package io.merapi.types.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.rlp.RlpException;
import io.merapi.base.testing.TestData;
import io.merapi.types.config.Fork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * ethereum/tests TransactionTests: for every file and every fork it names, the transaction bytes
 * must decode and validate (chain id 1) to the expected hash, sender and intrinsic gas, or be
 * refused for the expected reason: RLP-level expectations ({@code RLP_*}, {@code *_OVERFLOW},
 * {@code ADDRESS_TOO_*}) by the decoder's {@link RlpException}, the others by {@link
 * InvalidTransactionException} with the same reason name.
 */
class TransactionConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long CHAIN_ID = 1;

  /** Expected reasons our decoder reports as RLP errors: the bytes are not a transaction. */
  private static final Set<String> DECODE_REASONS =
      Set.of(
          "NONCE_OVERFLOW",
          "GASLIMIT_OVERFLOW",
          "GASPRICE_OVERFLOW",
          "VALUE_OVERFLOW",
          "PRIORITY_OVERFLOW",
          "ADDRESS_TOO_LONG",
          "ADDRESS_TOO_SHORT");

  private static final Map<String, AtomicInteger> PASSED = new ConcurrentHashMap<>();

  @TestFactory
  Stream<DynamicTest> transactionTests() throws IOException {
    Path dir = TestData.require("ethereum-tests/TransactionTests");
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonNode root = JSON.readTree(file.toFile());
        for (Map.Entry<String, JsonNode> test : root.properties()) {
          byte[] txBytes = Hex.decode(test.getValue().get("txbytes").asText());
          for (Map.Entry<String, JsonNode> result : test.getValue().get("result").properties()) {
            Fork fork =
                Fork.fromName(result.getKey())
                    .orElseThrow(() -> new AssertionError("unknown fork " + result.getKey()));
            String name = dir.relativize(file) + ":" + test.getKey() + "[" + result.getKey() + "]";
            tests.add(
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      try {
                        check(txBytes, fork, result.getValue());
                      } catch (AssertionError e) {
                        System.err.println(
                            "FAILED " + name + " :: " + e.getMessage().replace('\n', ' '));
                        throw e;
                      }
                      PASSED
                          .computeIfAbsent(fork.testName(), f -> new AtomicInteger())
                          .incrementAndGet();
                    }));
          }
        }
      }
    }
    assertThat(tests).hasSizeGreaterThan(2000);
    return tests.stream();
  }

  @AfterAll
  static void printCounts() {
    Map<Fork, Integer> byFork = new TreeMap<>();
    PASSED.forEach((name, count) -> byFork.put(Fork.fromName(name).orElseThrow(), count.get()));
    System.out.println("TransactionTests passed per fork: " + byFork);
  }

  private static void check(byte[] txBytes, Fork fork, JsonNode expected) {
    String expectedReason =
        expected.has("exception")
            ? expected
                .get("exception")
                .asText()
                .replace("TransactionException.", "")
                // A variant name the files use for the same rule with a second message.
                .replace(
                    "PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS_2",
                    "PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS")
            : null;
    Transaction tx;
    try {
      tx = TransactionDecoder.decode(txBytes);
    } catch (RlpException e) {
      if (expectedReason == null) {
        fail("expected a valid transaction, decoding failed: " + e.getMessage());
      }
      if (expectedReason.equals("TYPE_NOT_SUPPORTED")) {
        assertThat(typeRefused(txBytes, fork)).as(e.getMessage()).isTrue();
      } else if (expectedReason.equals("INVALID_SIGNATURE_VRS")) {
        // r or s beyond 256 bits: the spec decodes them as U256, so such bytes do not decode.
        assertThat(e.getMessage()).contains("uint256 has");
      } else if (!isDecodeReason(expectedReason)) {
        fail("expected " + expectedReason + ", decoding failed: " + e.getMessage());
      }
      return;
    }
    assertThat(TransactionDecoder.decode(tx.encoded())).isEqualTo(tx);
    assertThat(tx.encoded()).isEqualTo(txBytes);
    IntrinsicGas intrinsic;
    try {
      intrinsic = TransactionValidator.l1(CHAIN_ID, fork).validate(tx);
    } catch (InvalidTransactionException e) {
      if (expectedReason == null) {
        fail("expected a valid transaction, got " + e.getMessage());
      }
      assertThat(e.reason().name()).as(e.getMessage()).isEqualTo(expectedReason);
      return;
    }
    if (expectedReason != null) {
      fail("expected " + expectedReason + ", the transaction was accepted");
    }
    assertThat(tx.hash()).isEqualTo(Hash.fromHex(expected.get("hash").asText()));
    assertThat(tx.sender()).isEqualTo(Address.fromHex(expected.get("sender").asText()));
    assertThat(intrinsic.minimumGasLimit())
        .isEqualTo(Hex.parseQuantity(normalizeQuantity(expected.get("intrinsicGas").asText())));
  }

  /**
   * The reference tools read the type byte before the payload: bytes whose first byte is no enabled
   * type (an RLP string header, an unknown type, or a type of a later fork) are refused as
   * TYPE_NOT_SUPPORTED whatever follows. Our decoder is fork-agnostic and reports the payload's RLP
   * error instead; both refuse the bytes.
   */
  private static boolean typeRefused(byte[] txBytes, Fork fork) {
    int first = txBytes[0] & 0xff;
    if (first >= 0xc0) {
      return false;
    }
    return TransactionType.of(first)
        .map(
            type -> {
              try {
                TransactionValidator.l1(CHAIN_ID, fork).checkTypeEnabled(type);
                return false;
              } catch (InvalidTransactionException notEnabled) {
                return true;
              }
            })
        .orElse(true);
  }

  private static boolean isDecodeReason(String reason) {
    return reason.startsWith("RLP_") || DECODE_REASONS.contains(reason);
  }

  /** The files write some quantities with leading zeros ({@code 0x00}). */
  private static String normalizeQuantity(String text) {
    String digits = text.substring(2).replaceFirst("^0+", "");
    return "0x" + (digits.isEmpty() ? "0" : digits);
  }
}
