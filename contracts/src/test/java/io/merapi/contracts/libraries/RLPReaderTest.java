package io.merapi.contracts.libraries;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.abi.AbiError;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.rlp.Rlp;
import io.merapi.base.rlp.RlpItem;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.AbiValues;
import io.merapi.contracts.ContractCall;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RLPReader: canonical encodings read as Merapi's RLP codec writes them, and every non-canonical or
 * truncated encoding refused with the OP Stack's error for it.
 */
class RLPReaderTest {
  private static final TestChain chain = TestChain.l1();
  private static Address harness;

  @BeforeAll
  static void deploy() {
    harness =
        chain.deploy(
            TestChain.address("deployer"), TestSolidity.contract("RLPReaderHarness").deployment());
  }

  private static ContractCall<Bytes> readBytesCall(byte[] in) {
    return TestSolidity.call(
        "readBytes(bytes)", "(bytes)", out -> (Bytes) out.get(0), Bytes.wrap(in));
  }

  private static ContractCall<List<Bytes>> readListCall(byte[] in) {
    return TestSolidity.call(
        "readList(bytes)",
        "(bytes[])",
        out -> AbiValues.list(out.get(0), e -> (Bytes) e),
        Bytes.wrap(in));
  }

  private static Bytes readBytes(String hex) {
    return chain.call(harness, readBytesCall(Bytes.fromHex(hex).array()));
  }

  private static List<Bytes> readList(byte[] in) {
    return chain.call(harness, readListCall(in));
  }

  private static String error(ContractCall<?> call) {
    Outcome o = chain.simulate(Address.ZERO, harness, UInt256.ZERO, call.data());
    assertThat(o.isSuccess()).as("should revert").isFalse();
    for (String name :
        List.of(
            "EmptyItem",
            "UnexpectedString",
            "InvalidDataRemainder",
            "UnexpectedList",
            "ContentLengthMismatch",
            "InvalidHeader")) {
      if (AbiError.parse(name + "()").decode(o.revertData()).isPresent()) {
        return name;
      }
    }
    return "other: " + Bytes.wrap(o.revertData()).toHex();
  }

  private static String bytesError(String hex) {
    return error(readBytesCall(Bytes.fromHex(hex).array()));
  }

  private static String listError(String hex) {
    return error(readListCall(Bytes.fromHex(hex).array()));
  }

  private static String repeat(String hexByte, int n) {
    return hexByte.repeat(n);
  }

  @Test
  void readsStringsOfEveryHeaderForm() {
    assertThat(readBytes("0x00")).isEqualTo(Bytes.fromHex("0x00"));
    assertThat(readBytes("0x7f")).isEqualTo(Bytes.fromHex("0x7f"));
    assertThat(readBytes("0x80")).isEqualTo(Bytes.EMPTY);
    assertThat(readBytes("0x8180")).isEqualTo(Bytes.fromHex("0x80"));
    assertThat(readBytes("0x82abcd")).isEqualTo(Bytes.fromHex("0xabcd"));
    assertThat(readBytes("0xb7" + repeat("11", 55))).isEqualTo(Bytes.fromHex(repeat("11", 55)));
    assertThat(readBytes("0xb838" + repeat("22", 56))).isEqualTo(Bytes.fromHex(repeat("22", 56)));
    assertThat(readBytes("0xb90100" + repeat("33", 256)))
        .isEqualTo(Bytes.fromHex(repeat("33", 256)));
  }

  @Test
  void refusesNonCanonicalStringHeaders() {
    // A byte below 0x80 must stand for itself.
    assertThat(bytesError("0x8100")).isEqualTo("InvalidHeader");
    assertThat(bytesError("0x817f")).isEqualTo("InvalidHeader");
    // The long form only for 56 bytes or more, and its length without leading zeros.
    assertThat(bytesError("0xb837" + repeat("11", 55))).isEqualTo("InvalidHeader");
    assertThat(bytesError("0xb90038" + repeat("11", 56))).isEqualTo("InvalidHeader");
  }

  @Test
  void refusesTruncatedAndOverlongInput() {
    assertThat(bytesError("0x")).isEqualTo("EmptyItem");
    assertThat(bytesError("0x83abcd")).isEqualTo("ContentLengthMismatch");
    assertThat(bytesError("0xb838" + repeat("11", 55))).isEqualTo("ContentLengthMismatch");
    assertThat(bytesError("0xb9")).isEqualTo("ContentLengthMismatch");
    assertThat(bytesError("0x0102")).isEqualTo("InvalidDataRemainder");
    assertThat(bytesError("0x82abcdef")).isEqualTo("InvalidDataRemainder");
  }

  @Test
  void readBytesRefusesAListAndReadListAString() {
    assertThat(bytesError("0xc0")).isEqualTo("UnexpectedList");
    assertThat(bytesError("0xc101")).isEqualTo("UnexpectedList");
    assertThat(listError("0x80")).isEqualTo("UnexpectedString");
    assertThat(listError("0x01")).isEqualTo("UnexpectedString");
    assertThat(listError("0x")).isEqualTo("EmptyItem");
  }

  @Test
  void readsListsOfEveryHeaderForm() {
    assertThat(readList(Bytes.fromHex("0xc0").array())).isEmpty();
    // [0x01, "", [0x02]]
    assertThat(readList(Bytes.fromHex("0xc40180c102").array()))
        .containsExactly(Bytes.fromHex("0x01"), Bytes.fromHex("0x80"), Bytes.fromHex("0xc102"));
    // A long list: 20 strings of 3 bytes.
    byte[] encoded = Bytes.fromHex("0xf850" + repeat("83aabbcc", 20)).array();
    assertThat(readList(encoded)).hasSize(20).allMatch(b -> b.equals(Bytes.fromHex("0x83aabbcc")));
  }

  @Test
  void readsListsLongerThanATrieNode() {
    // More items than the reader first makes room for (17): the array grows.
    for (int n : new int[] {16, 17, 18, 34, 35, 100}) {
      List<RlpItem> items = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        items.add(RlpItem.string((byte) (i % 0x7f)));
      }
      List<Bytes> got = readList(Rlp.encode(new RlpItem.RlpList(items)));
      assertThat(got).hasSize(n);
      for (int i = 0; i < n; i++) {
        assertThat(got.get(i)).isEqualTo(Bytes.of((byte) (i % 0x7f)));
      }
    }
  }

  @Test
  void refusesMalformedLists() {
    // The header announces more than there is.
    assertThat(readList(Bytes.fromHex("0xc20102").array())).hasSize(2);
    assertThat(listError("0xc301")).isEqualTo("ContentLengthMismatch");
    // An item reaching past the list's end.
    assertThat(listError("0xc28301")).isEqualTo("ContentLengthMismatch");
    // Bytes after the list.
    assertThat(listError("0xc10102")).isEqualTo("InvalidDataRemainder");
    // Long form for a short list, and a length with a leading zero.
    assertThat(listError("0xf801" + "01")).isEqualTo("InvalidHeader");
    assertThat(listError("0xf90038" + repeat("01", 56))).isEqualTo("InvalidHeader");
    // A non-canonical item inside the list.
    assertThat(listError("0xc28100")).isEqualTo("InvalidHeader");
  }

  @Test
  void readsRandomNestedListsAsMerapisCodecWritesThem() {
    Random random = new Random(21);
    for (int round = 0; round < 60; round++) {
      RlpItem.RlpList list = randomList(random, 3);
      List<Bytes> got = readList(Rlp.encode(list));
      List<Bytes> expected = list.items().stream().map(i -> Bytes.wrap(Rlp.encode(i))).toList();
      assertThat(got).isEqualTo(expected);
      for (RlpItem item : list.items()) {
        if (item instanceof RlpItem.RlpString s) {
          assertThat(chain.call(harness, readBytesCall(Rlp.encode(s)))).isEqualTo(s.value());
        }
      }
    }
  }

  private static RlpItem.RlpList randomList(Random random, int depth) {
    int n = random.nextInt(depth == 3 ? 1 : 0, 12);
    List<RlpItem> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (depth > 0 && random.nextInt(4) == 0) {
        items.add(randomList(random, depth - 1));
      } else {
        int length =
            switch (random.nextInt(4)) {
              case 0 -> 0;
              case 1 -> 1;
              case 2 -> random.nextInt(2, 56);
              default -> random.nextInt(56, 300);
            };
        byte[] value = new byte[length];
        random.nextBytes(value);
        items.add(new RlpItem.RlpString(Bytes.wrap(Arrays.copyOf(value, length))));
      }
    }
    return new RlpItem.RlpList(items);
  }
}
