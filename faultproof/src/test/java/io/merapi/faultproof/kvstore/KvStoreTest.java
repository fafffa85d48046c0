package io.merapi.faultproof.kvstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Hex;
import io.merapi.faultproof.preimage.PreimageKey;
import io.merapi.faultproof.preimage.WrongPreimageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The on-disk layouts byte for byte as op-program's {@code kvstore} writes them, the {@code
 * kvformat} file, and the key checks.
 */
class KvStoreTest {
  private static final byte[] VALUE = Hex.decode("0xc0ffee");
  private static final PreimageKey KEY = PreimageKey.keccak256Of(VALUE);

  @Test
  void fileLayoutIsOneHexFileNamedByTheWholeKey(@TempDir Path dir) throws IOException {
    try (KvStore store = DiskKvStores.open(dir, DataFormat.FILE)) {
      store.put(KEY, VALUE);
      assertThat(store.get(KEY)).hasValueSatisfying(v -> assertThat(v).isEqualTo(VALUE));
    }
    Path file = dir.resolve(KEY.toHex() + ".txt");
    assertThat(Files.readString(file)).isEqualTo("c0ffee");
    assertThat(Files.readString(dir.resolve("kvformat"))).isEqualTo("file");
    assertThat(listNames(dir)).containsExactlyInAnyOrder("kvformat", KEY.toHex() + ".txt");
  }

  @Test
  void directoryLayoutSplitsOffTheFirstFourHexDigits(@TempDir Path dir) throws IOException {
    try (KvStore store = DiskKvStores.open(dir, DataFormat.DIRECTORY)) {
      store.put(KEY, VALUE);
    }
    String hex = KEY.toHex().substring(2);
    Path file = dir.resolve(hex.substring(0, 4)).resolve(hex.substring(4) + ".txt");
    assertThat(Files.readString(file)).isEqualTo("c0ffee");
    assertThat(Files.readString(dir.resolve("kvformat"))).isEqualTo("directory");
  }

  @Test
  void readsAStoreWrittenByHandInOpProgramsLayout(@TempDir Path dir) throws IOException {
    // As op-program leaves it: kvformat "directory", one file, upper-case digits are also hex.
    Files.writeString(dir.resolve("kvformat"), "directory");
    String hex = KEY.toHex().substring(2);
    Files.createDirectories(dir.resolve(hex.substring(0, 4)));
    Files.writeString(
        dir.resolve(hex.substring(0, 4)).resolve(hex.substring(4) + ".txt"), "C0FFEE");
    try (KvStore store = DiskKvStores.open(dir, DataFormat.FILE)) {
      assertThat(store.get(KEY)).hasValueSatisfying(v -> assertThat(v).isEqualTo(VALUE));
      assertThat(store.get(PreimageKey.keccak256Of(new byte[1]))).isEmpty();
    }
  }

  @Test
  void recordedFormatWinsAndPebbleIsRefused(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("kvformat"), "pebble");
    assertThatThrownBy(() -> DiskKvStores.open(dir, DataFormat.FILE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("pebble");
    Files.writeString(dir.resolve("kvformat"), "rocks");
    assertThatThrownBy(() -> DiskKvStores.open(dir, DataFormat.FILE))
        .hasMessageContaining("unknown data format 'rocks'");
    Path fresh = dir.resolve("fresh");
    assertThatThrownBy(() -> DiskKvStores.open(fresh, DataFormat.PEBBLE))
        .hasMessageContaining("pebble");
  }

  @Test
  void verifyingStoreRefusesWrongValuesOnPutAndGet(@TempDir Path dir) throws IOException {
    KvStore disk = DiskKvStores.open(dir, DataFormat.FILE);
    KvStore store = new VerifyingKvStore(disk);
    assertThatThrownBy(() -> store.put(KEY, Hex.decode("0xc0ffef")))
        .isInstanceOf(WrongPreimageException.class);
    PreimageKey sha = PreimageKey.sha256Of(VALUE);
    store.put(sha, VALUE);
    assertThatThrownBy(() -> store.put(sha, new byte[1]))
        .isInstanceOf(WrongPreimageException.class);
    // Altered on disk after it was stored: refused on the way out.
    store.put(KEY, VALUE);
    Files.writeString(dir.resolve(KEY.toHex() + ".txt"), "c0ffef", StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> store.get(KEY)).isInstanceOf(WrongPreimageException.class);
    // Types that cannot be checked from the value pass.
    PreimageKey blob = PreimageKey.blob(new byte[48], io.merapi.base.bytes.Hash.ZERO);
    store.put(blob, new byte[32]);
    assertThat(store.get(blob)).isPresent();
  }

  @Test
  void memoryStoreCopiesValues() {
    MemoryKvStore store = new MemoryKvStore();
    byte[] value = VALUE.clone();
    store.put(KEY, value);
    value[0] = 0;
    assertThat(store.get(KEY).orElseThrow()).isEqualTo(VALUE);
    assertThat(store.size()).isEqualTo(1);
  }

  private static java.util.List<String> listNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
