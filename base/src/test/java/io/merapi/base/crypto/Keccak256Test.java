package io.merapi.base.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hex;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;

class Keccak256Test {

  @Test
  void knownDigests() {
    assertThat(Hex.encode(Keccak256.hash(new byte[0])))
        .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    assertThat(Keccak256.EMPTY.toHex())
        .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    // The ERC-20 Transfer event signature (seed 004).
    assertThat(
            Hex.encode(
                Keccak256.hash(
                    "Transfer(address,address,uint256)".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
    // RLP of the empty string: the empty trie root.
    assertThat(Hex.encode(Keccak256.hash(new byte[] {(byte) 0x80})))
        .isEqualTo("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
  }

  @Test
  void paddingBoundaries() {
    // Lengths around the 136-byte rate exercise the final-block padding paths.
    for (int length : new int[] {0, 1, 31, 32, 33, 134, 135, 136, 137, 271, 272, 273, 1000}) {
      byte[] data = new byte[length];
      for (int i = 0; i < length; i++) {
        data[i] = (byte) (i * 7 + 3);
      }
      assertThat(Keccak256.hash(data)).as("length %d", length).isEqualTo(reference(data));
    }
  }

  @Property(tries = 300)
  void matchesBouncyCastle(@ForAll @Size(max = 700) byte[] data) {
    assertThat(Keccak256.hash(data)).isEqualTo(reference(data));
  }

  @Property(tries = 200)
  void incrementalEqualsOneShot(
      @ForAll @Size(max = 700) byte[] data, @ForAll @IntRange(min = 1, max = 200) int chunk) {
    Keccak256 k = new Keccak256();
    for (int i = 0; i < data.length; i += chunk) {
      k.update(data, i, Math.min(chunk, data.length - i));
    }
    assertThat(k.digest()).isEqualTo(Keccak256.hash(data));
    // After digest the instance is reset and reusable.
    assertThat(k.update(data).digest()).isEqualTo(Keccak256.hash(data));
  }

  private static byte[] reference(byte[] data) {
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(data, 0, data.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }
}
