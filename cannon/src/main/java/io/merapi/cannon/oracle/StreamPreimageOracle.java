package io.merapi.cannon.oracle;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The VM's side of op-program's pre-image protocol over two stream pairs: a hint is a 4-byte
 * big-endian length and the hint, answered by one acknowledgement byte; a pre-image request is the
 * 32-byte key, answered by an 8-byte big-endian length and the pre-image.
 */
public final class StreamPreimageOracle implements PreimageOracle {
  /** Larger answers mean the host is broken or speaks something else. */
  static final long MAX_PREIMAGE = 1L << 30;

  private final DataOutputStream hintOut;
  private final DataInputStream hintIn;
  private final DataOutputStream preimageOut;
  private final DataInputStream preimageIn;

  public StreamPreimageOracle(
      OutputStream hintRequests,
      InputStream hintResponses,
      OutputStream preimageRequests,
      InputStream preimageResponses) {
    this.hintOut = new DataOutputStream(hintRequests);
    this.hintIn = new DataInputStream(hintResponses);
    this.preimageOut = new DataOutputStream(preimageRequests);
    this.preimageIn = new DataInputStream(preimageResponses);
  }

  @Override
  public void hint(byte[] hint) {
    try {
      hintOut.writeInt(hint.length);
      hintOut.write(hint);
      hintOut.flush();
      if (hintIn.read() < 0) {
        throw new IOException("the host closed the hint channel");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("hint to the host failed: " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] getPreimage(byte[] key) {
    try {
      preimageOut.write(key);
      preimageOut.flush();
      long length = preimageIn.readLong();
      if (length < 0 || length > MAX_PREIMAGE) {
        throw new IOException("the host answered a pre-image length of " + length);
      }
      byte[] data = new byte[(int) length];
      preimageIn.readFully(data);
      return data;
    } catch (EOFException e) {
      throw new UncheckedIOException("the host closed the pre-image channel", e);
    } catch (IOException e) {
      throw new UncheckedIOException("pre-image request to the host failed: " + e.getMessage(), e);
    }
  }
}
