package io.merapi.derive.batch;

import java.util.Arrays;

/** A growing byte array for the batch encoders. */
final class ByteSink {
  private byte[] buffer;
  private int size;

  ByteSink(int initialCapacity) {
    buffer = new byte[Math.max(16, initialCapacity)];
  }

  void write(int b) {
    ensure(1);
    buffer[size++] = (byte) b;
  }

  void write(byte[] data) {
    write(data, 0, data.length);
  }

  void write(byte[] data, int offset, int length) {
    ensure(length);
    System.arraycopy(data, offset, buffer, size, length);
    size += length;
  }

  void writeUvarint(long value) {
    ensure(BatchInput.MAX_UVARINT_LENGTH);
    size = BatchInput.putUvarint(buffer, size, value);
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  private void ensure(int extra) {
    if (size + extra > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
    }
  }
}
