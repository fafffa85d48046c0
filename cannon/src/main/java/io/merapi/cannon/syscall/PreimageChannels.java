package io.merapi.cannon.syscall;

import io.merapi.cannon.VmException;
import io.merapi.cannon.memory.AccessProofs;
import io.merapi.cannon.memory.AddressSpace;
import io.merapi.cannon.oracle.PreimageReader;
import io.merapi.cannon.state.State;

/**
 * The guest's side of fds 4–6 as the spec defines it: key bytes written to fd 6 shift into the
 * state's preimageKey, reads from fd 5 copy the length-prefixed pre-image from preimageOffset (at
 * most up to the end of the word), and hints written to fd 4 are buffered until whole (4-byte
 * big-endian length + bytes) and then passed to the host.
 */
final class PreimageChannels {
  private final State state;
  private final AccessProofs proofs;
  private final PreimageReader preimages;

  PreimageChannels(State state, AccessProofs proofs, PreimageReader preimages) {
    this.state = state;
    this.proofs = proofs;
    this.preimages = preimages;
  }

  /** Returns the number of bytes read. */
  long readPreimage(long addr, long count) {
    long effAddr = addr & AddressSpace.ADDRESS_MASK;
    proofs.access(effAddr);
    long mem = state.memory.getWord(effAddr);
    byte[] preimage = preimages.prefixed(state.preimageKey);
    long offset = state.preimageOffset;
    if (Long.compareUnsigned(offset, preimage.length) >= 0) {
      throw new VmException(
          "pre-image read at offset " + Long.toUnsignedString(offset) + " past its end");
    }
    preimages.recordRead(offset);
    long datLen = Math.min(32, preimage.length - offset);
    int alignment = (int) (addr & 7);
    datLen = Math.min(datLen, 8 - alignment);
    if (Long.compareUnsigned(count, datLen) < 0) {
      datLen = count;
    }
    for (int i = 0; i < datLen; i++) {
      int shift = (7 - (alignment + i)) * 8;
      mem = (mem & ~(0xFFL << shift)) | ((preimage[(int) offset + i] & 0xFFL) << shift);
    }
    state.memory.setWord(effAddr, mem);
    state.invalidateReservation(effAddr);
    state.preimageOffset = offset + datLen;
    return datLen;
  }

  /** Returns the number of key bytes taken (up to the end of the word). */
  long writePreimageKey(long addr, long count) {
    long effAddr = addr & AddressSpace.ADDRESS_MASK;
    proofs.access(effAddr);
    long mem = state.memory.getWord(effAddr);
    int alignment = (int) (addr & 7);
    int space = 8 - alignment;
    int n = Long.compareUnsigned(space, count) < 0 ? space : (int) count;
    byte[] key = new byte[32];
    System.arraycopy(state.preimageKey, n, key, 0, 32 - n);
    for (int i = 0; i < n; i++) {
      key[32 - n + i] = (byte) (mem >>> ((7 - (alignment + i)) * 8));
    }
    state.preimageKey = key;
    state.preimageOffset = 0;
    return n;
  }

  void writeHint(long addr, long count) {
    if (Long.compareUnsigned(count, Syscalls.MAX_IO) > 0) {
      throw new VmException("hint write of " + Long.toUnsignedString(count) + " bytes");
    }
    byte[] data = state.memory.getBytes(addr, (int) count);
    byte[] buf = new byte[state.lastHint.length + data.length];
    System.arraycopy(state.lastHint, 0, buf, 0, state.lastHint.length);
    System.arraycopy(data, 0, buf, state.lastHint.length, data.length);
    int pos = 0;
    while (buf.length - pos >= 4) {
      long len =
          ((buf[pos] & 0xFFL) << 24)
              | ((buf[pos + 1] & 0xFFL) << 16)
              | ((buf[pos + 2] & 0xFFL) << 8)
              | (buf[pos + 3] & 0xFFL);
      if (len > buf.length - pos - 4) {
        break;
      }
      byte[] hint = new byte[(int) len];
      System.arraycopy(buf, pos + 4, hint, 0, (int) len);
      preimages.oracle().hint(hint);
      pos += 4 + (int) len;
    }
    byte[] rest = new byte[buf.length - pos];
    System.arraycopy(buf, pos, rest, 0, rest.length);
    state.lastHint = rest;
  }
}
