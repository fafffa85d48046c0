package io.merapi.cannon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.cannon.elf.ElfLoader;
import io.merapi.cannon.elf.ElfSymbols;
import io.merapi.cannon.state.State;
import io.merapi.cannon.state.StateFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed ELFs and corrupt or truncated state files: each is loaded or refused with the one
 * exception type the cli turns into a clear message (IllegalArgumentException for an ELF,
 * IOException for a state file) — never another runtime error, an out-of-memory or a hang.
 */
class BadInputTest {
  @TempDir Path dir;

  @Test
  void malformedElfsAreRefusedClearly() throws Exception {
    byte[] elf = MipsToolchain.build("compute", dir);
    assertElfRefused(new byte[0], "not an ELF file");
    assertElfRefused("#!/bin/sh\necho hi\n".getBytes(), "not an ELF file");
    byte[] little = elf.clone();
    little[5] = 1;
    assertElfRefused(little, "big-endian");
    byte[] x86 = elf.clone();
    x86[0x13] = 0x3E;
    assertElfRefused(x86, "not a MIPS ELF");
    // Program headers past the end of the file.
    byte[] phoff = elf.clone();
    ByteBuffer.wrap(phoff).putLong(0x20, elf.length - 10L);
    assertElfRefused(phoff, "outside the file");
    // A segment claiming a huge zero-filled part.
    byte[] bss = elf.clone();
    ByteBuffer header = ByteBuffer.wrap(elf);
    int ph = (int) header.getLong(0x20);
    while (header.getInt(ph) != 1) { // the first PT_LOAD
      ph += header.getShort(0x36);
    }
    ByteBuffer.wrap(bss).putLong(ph + 40, 1L << 40);
    assertElfRefused(bss, "larger than the loader accepts");

    // Truncations and random header damage: loaded or refused, nothing else.
    Random random = new Random(4);
    for (int i = 0; i < 300; i++) {
      byte[] bad =
          i % 3 == 0
              ? Arrays.copyOf(elf, random.nextInt(elf.length))
              : damage(elf, random, 1 + random.nextInt(8), Math.min(elf.length, 4096));
      try {
        State s = ElfLoader.load(bad);
        assertThat(s.threadCount()).isEqualTo(1);
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
      try {
        ElfSymbols.read(bad);
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
    }
  }

  @Test
  void corruptStateFilesAreRefusedClearly() throws Exception {
    State s = ElfLoader.load(MipsToolchain.build("compute", dir));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    StateFile.write(s, buf);
    byte[] good = buf.toByteArray();

    byte[] version = good.clone();
    version[0] = 7;
    assertStateRefused(version, "unsupported state version 7");
    byte[] pages = good.clone();
    ByteBuffer.wrap(pages).putLong(1, Long.MAX_VALUE);
    assertStateRefused(pages, "corrupt state file");
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertStateRefused(trailing, "trailing bytes");

    // Every truncation of the tail (fields and threads) and a sample through the pages.
    for (int len = 0; len < good.length; len += len < good.length - 1000 ? 4099 : 1) {
      assertStateRefused(Arrays.copyOf(good, len), "corrupt state file");
    }
    // Damage to the fields after the pages: read as another valid state or refused.
    Random random = new Random(5);
    int tail = good.length - 800;
    for (int i = 0; i < 300; i++) {
      byte[] bad = good.clone();
      for (int k = 0; k < 1 + random.nextInt(4); k++) {
        bad[tail + random.nextInt(800)] ^= (byte) (1 + random.nextInt(255));
      }
      try {
        StateFile.read(new ByteArrayInputStream(bad));
      } catch (IOException e) {
        assertThat(e.getMessage()).startsWith("corrupt state file");
      }
    }

    // A .gz that is not gzip, and one that is cut short.
    Path notGzip = dir.resolve("a.bin.gz");
    Files.write(notGzip, good);
    assertThatThrownBy(() -> StateFile.load(notGzip)).isInstanceOf(IOException.class);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(good);
    }
    Path cut = dir.resolve("cut.bin.gz");
    Files.write(cut, Arrays.copyOf(gz.toByteArray(), gz.size() / 2));
    assertThatThrownBy(() -> StateFile.load(cut)).isInstanceOf(IOException.class);
  }

  private static byte[] damage(byte[] data, Random random, int count, int within) {
    byte[] out = data.clone();
    for (int i = 0; i < count; i++) {
      out[random.nextInt(within)] = (byte) random.nextInt(256);
    }
    return out;
  }

  private static void assertElfRefused(byte[] elf, String message) {
    assertThatThrownBy(() -> ElfLoader.load(elf))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  private static void assertStateRefused(byte[] file, String message) {
    assertThatThrownBy(() -> StateFile.read(new ByteArrayInputStream(file)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(message);
  }
}
