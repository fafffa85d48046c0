package io.merapi.derive.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** op-service {@code blob_test.go}, and the strictness the specs ask for. */
class BlobEncodingTest {

  static List<String> strings() {
    return List.of(
        "this is a test of blob encoding/decoding",
        "short",
        "\0",
        "\0\1\0",
        "\0".repeat(27),
        "\0".repeat(26),
        "\0".repeat(25),
        "");
  }

  @ParameterizedTest
  @MethodSource("strings")
  void encodesAndDecodes(String text) {
    Bytes data = Bytes.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    Bytes blob = BlobEncoding.encode(data);
    assertThat(blob.length()).isEqualTo(BlobEncoding.BLOB_SIZE);
    assertThat(BlobEncoding.decode(blob)).isEqualTo(data);
  }

  @Test
  void smallBlobs() {
    for (int length : new int[] {128, 10, 27 + 31 * 3}) {
      byte[] data = new byte[length];
      data[length - 1] = (byte) 0xff;
      assertThat(BlobEncoding.decode(BlobEncoding.encode(Bytes.wrap(data))).toArray())
          .isEqualTo(data);
    }
  }

  @Test
  void theLargestDataAndEveryLengthBelowItDownBy255() {
    Random random = new Random(99);
    byte[] big = new byte[BlobEncoding.MAX_DATA_SIZE];
    random.nextBytes(big);
    for (int cut = 0; cut < 256; cut++) {
      byte[] data = Arrays.copyOfRange(big, cut, big.length);
      assertThat(BlobEncoding.decode(BlobEncoding.encode(Bytes.wrap(data))).toArray())
          .isEqualTo(data);
    }
  }

  @Test
  void theEncodingOfAKnownString() {
    Bytes blob = BlobEncoding.encode(Bytes.wrap("hi".getBytes(StandardCharsets.US_ASCII)));
    // Element 0: byte A (x = data[27] = 0 here), then version 0, length 0x000002, 'h', 'i'.
    assertThat(blob.slice(0, 8).toHex()).isEqualTo("0x0000000002686900");
    assertThat(blob.slice(8, BlobEncoding.BLOB_SIZE).array()).containsOnly(0);
  }

  @Test
  void dataOverTheMaximumDoesNotFit() {
    assertThatThrownBy(() -> BlobEncoding.encode(Bytes.wrap(new byte[BlobEncoding.BLOB_SIZE])))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> BlobEncoding.encode(Bytes.wrap(new byte[BlobEncoding.MAX_DATA_SIZE + 1])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] encoded(String text) {
    return BlobEncoding.encode(Bytes.wrap(text.getBytes(StandardCharsets.US_ASCII))).toArray();
  }

  record Corruption(String name, int index, int value, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Corruption> corruptions() {
    return List.of(
        new Corruption("highest bit of element 1", 32, 0b1000_0000, "field element 1"),
        new Corruption("second bit of element 1", 32, 0b0100_0000, "field element 1"),
        // op-node and kona mask this one; the specs say every field element.
        new Corruption("second bit of element 0", 0, 0b0100_0000, "field element 0"),
        new Corruption("version", 1, 1, "encoding version 1"),
        new Corruption("length", 2, 0xff, "over the maximum"),
        new Corruption("byte after the data, same round", 60, 1, "non-zero data after"),
        new Corruption("byte in a later round", 128 * 5 + 3, 1, "non-zero byte after"),
        new Corruption("last byte of the blob", BlobEncoding.BLOB_SIZE - 1, 1, "non-zero byte"),
        new Corruption("bits of a later element head", 96, 0b0011_0000, "non-zero data after"));
  }

  @ParameterizedTest
  @MethodSource("corruptions")
  void decodingIsStrict(Corruption c) {
    byte[] blob = encoded("this is a test of invalid blob decoding");
    blob[c.index()] = (byte) c.value();
    assertThatThrownBy(() -> BlobEncoding.decode(Bytes.wrap(blob)))
        .isInstanceOf(BlobFormatException.class)
        .hasMessageContaining(c.reason());
  }

  @Test
  void aBlobHasItsSize() {
    assertThatThrownBy(() -> BlobEncoding.decode(Bytes.wrap(new byte[100])))
        .isInstanceOf(BlobFormatException.class)
        .hasMessageContaining("131072");
  }
}
