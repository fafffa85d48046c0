package io.merapi.cannon.state;

import io.merapi.cannon.memory.Memory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Cannon's binary state file ({@code .bin}, gzip-compressed as {@code .bin.gz}): the state version
 * byte, then the memory (page count, then each page's index and 4096 bytes, in ascending order),
 * the scalar fields in witness order (without the memory root and stack roots), the next thread id,
 * both thread stacks (count, then each thread's 298-byte packing, bottom first) and the buffered
 * hint bytes. Numbers are big-endian words.
 */
public final class StateFile {
  /** VersionMultiThreaded64_v5: the version the current MIPS64 contract's getrandom needs. */
  public static final int VERSION = 8;

  /** The VM takes at most 16 MiB per hint write; a longer buffered hint means corruption. */
  private static final long MAX_HINT_BUFFER = 1 << 24;

  private static final long MAX_PAGES = 1L << 22; // 16 GiB of memory: beyond that, corrupt

  private StateFile() {}

  public static void write(State s, OutputStream raw) throws IOException {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
    out.writeByte(VERSION);
    long[] indexes = s.memory.pageIndexes();
    out.writeLong(indexes.length);
    byte[] buf = new byte[Memory.PAGE_SIZE];
    for (long index : indexes) {
      out.writeLong(index);
      long[] words = s.memory.page(index);
      for (int i = 0; i < words.length; i++) {
        Bytes8.put(buf, i * 8, words[i]);
      }
      out.write(buf);
    }
    out.write(s.preimageKey);
    out.writeLong(s.preimageOffset);
    out.writeLong(s.heap);
    out.writeByte(s.llReservationStatus);
    out.writeLong(s.llAddress);
    out.writeLong(s.llOwnerThread);
    out.writeByte(s.exitCode);
    out.writeByte(s.exited ? 1 : 0);
    out.writeLong(s.step);
    out.writeLong(s.stepsSinceLastContextSwitch);
    out.writeByte(s.traverseRight ? 1 : 0);
    out.writeLong(s.nextThreadId);
    writeStack(out, s.leftThreadStack);
    writeStack(out, s.rightThreadStack);
    out.writeLong(s.lastHint.length);
    out.write(s.lastHint);
    out.flush();
  }

  private static void writeStack(DataOutputStream out, List<ThreadState> stack) throws IOException {
    out.writeLong(stack.size());
    for (ThreadState t : stack) {
      out.write(t.encode());
    }
  }

  public static State read(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
    try {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IOException(
            "unsupported state version " + version + " (this VM reads version " + VERSION + ")");
      }
      State s = new State();
      long pages = in.readLong();
      if (pages < 0 || pages > MAX_PAGES) {
        throw new IOException("corrupt state file: " + pages + " pages");
      }
      byte[] buf = new byte[Memory.PAGE_SIZE];
      for (long i = 0; i < pages; i++) {
        long index = in.readLong();
        if ((index >>> (64 - Memory.PAGE_ADDR_SIZE)) != 0) {
          throw new IOException("corrupt state file: page index " + Long.toHexString(index));
        }
        in.readFully(buf);
        long[] words = new long[Memory.PAGE_SIZE / 8];
        for (int w = 0; w < words.length; w++) {
          words[w] = Bytes8.get(buf, w * 8);
        }
        s.memory.putPage(index, words);
      }
      in.readFully(s.preimageKey);
      s.preimageOffset = in.readLong();
      s.heap = in.readLong();
      s.llReservationStatus = in.readUnsignedByte();
      if (s.llReservationStatus > 2) {
        throw new IOException("corrupt state file: ll reservation status " + s.llReservationStatus);
      }
      s.llAddress = in.readLong();
      s.llOwnerThread = in.readLong();
      s.exitCode = in.readUnsignedByte();
      s.exited = bool(in, "exited");
      s.step = in.readLong();
      s.stepsSinceLastContextSwitch = in.readLong();
      s.traverseRight = bool(in, "traverseRight");
      s.nextThreadId = in.readLong();
      readStack(in, s.leftThreadStack);
      readStack(in, s.rightThreadStack);
      long hintLength = in.readLong();
      if (hintLength < 0 || hintLength > MAX_HINT_BUFFER) {
        throw new IOException("corrupt state file: hint buffer of " + hintLength + " bytes");
      }
      s.lastHint = new byte[(int) hintLength];
      in.readFully(s.lastHint);
      if (in.read() != -1) {
        throw new IOException("corrupt state file: trailing bytes");
      }
      if (!s.exited && s.activeStack().isEmpty()) {
        throw new IOException("corrupt state file: the active thread stack is empty");
      }
      return s;
    } catch (EOFException e) {
      throw new IOException("corrupt state file: it ends early", e);
    }
  }

  private static boolean bool(DataInputStream in, String field) throws IOException {
    int v = in.readUnsignedByte();
    if (v > 1) {
      throw new IOException("corrupt state file: " + field + " is " + v + ", not 0 or 1");
    }
    return v == 1;
  }

  private static void readStack(DataInputStream in, List<ThreadState> stack) throws IOException {
    long n = in.readLong();
    if (n < 0 || n > 1 << 20) {
      throw new IOException("corrupt state file: " + n + " threads");
    }
    byte[] buf = new byte[ThreadState.SERIALIZED_SIZE];
    for (long i = 0; i < n; i++) {
      in.readFully(buf);
      try {
        stack.add(ThreadState.decode(buf, 0));
      } catch (IllegalArgumentException e) {
        throw new IOException("corrupt state file: " + e.getMessage(), e);
      }
    }
  }

  public static State load(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return read(path.toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in);
    }
  }

  /** Writes through a temporary file and a rename, so a crash never leaves half a state. */
  public static void save(State s, Path path) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, ".state", ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        if (path.toString().endsWith(".gz")) {
          GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
          write(s, gz);
          gz.finish();
        } else {
          write(s, out);
        }
      }
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
