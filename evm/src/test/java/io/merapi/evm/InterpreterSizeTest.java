package io.merapi.evm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * HotSpot does not JIT-compile methods over 8,000 bytes of bytecode ({@code HugeMethodLimit}), so
 * the interpreter loop must stay below that or it would run interpreted. Reads the bytecode length
 * of {@code Interpreter.run} from the class file.
 */
class InterpreterSizeTest {
  private static final int HUGE_METHOD_LIMIT = 8_000;

  @Test
  void runFitsTheJitLimit() throws IOException {
    Map<String, Integer> sizes = codeSizes(Interpreter.class);
    assertThat(sizes).containsKey("run");
    assertThat(sizes.get("run")).isPositive().isLessThan(HUGE_METHOD_LIMIT);
  }

  @Test
  void slowPathDispatchFitsTheJitLimitToo() throws IOException {
    assertThat(codeSizes(Instructions.class).get("execute")).isLessThan(HUGE_METHOD_LIMIT);
  }

  /** Method name to bytecode length (the largest overload), from the class file format (JVMS 4). */
  static Map<String, Integer> codeSizes(Class<?> type) throws IOException {
    String resource = type.getSimpleName() + ".class";
    try (InputStream raw = type.getResourceAsStream(resource);
        DataInputStream in = new DataInputStream(raw)) {
      in.readInt(); // magic
      in.readUnsignedShort(); // minor
      in.readUnsignedShort(); // major
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 3, 4 -> in.readInt();
          case 5, 6 -> {
            in.readLong();
            i++;
          }
          case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
          case 9, 10, 11, 12, 17, 18 -> in.readInt();
          case 15 -> {
            in.readUnsignedByte();
            in.readUnsignedShort();
          }
          default -> throw new IOException("unknown constant pool tag " + tag);
        }
      }
      in.readUnsignedShort(); // access
      in.readUnsignedShort(); // this
      in.readUnsignedShort(); // super
      in.skipBytes(2 * in.readUnsignedShort()); // interfaces
      int fields = in.readUnsignedShort();
      for (int i = 0; i < fields; i++) {
        in.skipBytes(6);
        skipAttributes(in);
      }
      Map<String, Integer> sizes = new HashMap<>();
      int methods = in.readUnsignedShort();
      for (int i = 0; i < methods; i++) {
        in.readUnsignedShort();
        String name = utf8[in.readUnsignedShort()];
        in.readUnsignedShort();
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
          String attribute = utf8[in.readUnsignedShort()];
          int length = in.readInt();
          if (attribute.equals("Code")) {
            in.readUnsignedShort(); // max_stack
            in.readUnsignedShort(); // max_locals
            int codeLength = in.readInt();
            sizes.merge(name, codeLength, Math::max);
            in.skipBytes(length - 8);
          } else {
            in.skipBytes(length);
          }
        }
      }
      return sizes;
    }
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int attributes = in.readUnsignedShort();
    for (int a = 0; a < attributes; a++) {
      in.readUnsignedShort();
      in.skipBytes(in.readInt());
    }
  }
}
