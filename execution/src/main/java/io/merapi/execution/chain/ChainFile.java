package io.merapi.execution.chain;

import io.merapi.base.rlp.RlpException;
import io.merapi.types.block.Block;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Blocks as geth's {@code import} and {@code export} keep them in a file: their RLP encodings one
 * after another, nothing between. Read as a stream, one block in memory at a time.
 */
public final class ChainFile {
  /** The largest block this reader accepts (a guard against a corrupt length prefix). */
  public static final int MAX_BLOCK_BYTES = 256 << 20;

  private ChainFile() {}

  /** Reads blocks one at a time. */
  public static final class Reader implements AutoCloseable {
    private final InputStream in;
    private long offset;

    public Reader(Path file) throws IOException {
      this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 20);
    }

    /**
     * The next block, or empty at the end of the file.
     *
     * @throws IOException if the file ends inside a block or cannot be read
     * @throws RlpException if a block's encoding is invalid (with its offset in the file)
     */
    public Optional<Block> next() throws IOException {
      int first = in.read();
      if (first < 0) {
        return Optional.empty();
      }
      long start = offset;
      int prefix;
      long length;
      if (first >= 0xf8) {
        int lengthBytes = first - 0xf7;
        length = 0;
        for (int i = 0; i < lengthBytes; i++) {
          length = (length << 8) | readByte();
        }
        prefix = 1 + lengthBytes;
      } else if (first >= 0xc0) {
        length = first - 0xc0;
        prefix = 1;
      } else {
        throw new RlpException(
            "a block must be an RLP list, found byte 0x"
                + Integer.toHexString(first)
                + " at offset "
                + start);
      }
      if (length + prefix > MAX_BLOCK_BYTES) {
        throw new RlpException("block at offset " + start + " claims " + length + " bytes");
      }
      byte[] encoded = new byte[(int) length + prefix];
      encoded[0] = (byte) first;
      int lengthPrefix = prefix - 1;
      // Re-encode the length bytes already consumed.
      for (int i = 0; i < lengthPrefix; i++) {
        encoded[1 + i] = (byte) (length >>> (8 * (lengthPrefix - 1 - i)));
      }
      int read = in.readNBytes(encoded, prefix, (int) length);
      if (read != length) {
        throw new EOFException("the file ends inside the block at offset " + start);
      }
      offset += encoded.length;
      try {
        return Optional.of(Block.decode(encoded));
      } catch (RlpException e) {
        throw new RlpException("block at offset " + start + ": " + e.getMessage());
      }
    }

    private int readByte() throws IOException {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the file ends inside a block's length prefix");
      }
      return b;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** Writes blocks one after another. */
  public static final class Writer implements AutoCloseable {
    private final OutputStream out;

    public Writer(Path file) throws IOException {
      this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
    }

    public void write(Block block) throws IOException {
      out.write(block.encoded());
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
