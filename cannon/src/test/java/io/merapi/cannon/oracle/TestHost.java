package io.merapi.cannon.oracle;

import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-made pre-image host speaking op-program's protocol on fds 3–6, run as its own process by
 * the tests: it acknowledges every hint (printing it on stderr) and serves the keccak256 pre-images
 * of the texts on its command line. Its first argument picks a behaviour: {@code serve}, or one of
 * the broken hosts {@code exit-on-hint} (exits with code 5 at the first hint), {@code garbage}
 * (answers an impossible length) and {@code silent} (reads requests, never answers).
 */
public final class TestHost {
  private TestHost() {}

  /** The command that runs this host in a fresh JVM with the calling test's class path. */
  public static List<String> command(String mode, String... texts) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
    cmd.add(TestHost.class.getName());
    cmd.add(mode);
    cmd.addAll(List.of(texts));
    return cmd;
  }

  /** The keccak256 pre-image key of {@code data}: the hash with its first byte set to 2. */
  public static byte[] keccakKey(byte[] data) {
    byte[] key = Keccak256.hash(data);
    key[0] = 2;
    return key;
  }

  public static void main(String[] args) throws Exception {
    String mode = args.length == 0 ? "serve" : args[0];
    Map<String, byte[]> preimages = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      byte[] data = args[i].getBytes(StandardCharsets.UTF_8);
      preimages.put(Hex.encode(keccakKey(data)), data);
    }
    // The fds are pipes opened by our shell; /proc/self/fd reopens them from Java.
    DataInputStream hints = new DataInputStream(new FileInputStream("/proc/self/fd/3"));
    DataOutputStream acks = new DataOutputStream(new FileOutputStream("/proc/self/fd/4"));
    DataInputStream keys = new DataInputStream(new FileInputStream("/proc/self/fd/5"));
    DataOutputStream answers = new DataOutputStream(new FileOutputStream("/proc/self/fd/6"));
    Thread hintLoop =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    while (true) {
                      int len = hints.readInt();
                      byte[] hint = hints.readNBytes(len);
                      System.err.println(
                          "test-host: hint " + new String(hint, StandardCharsets.UTF_8));
                      if (mode.equals("exit-on-hint")) {
                        System.exit(5);
                      }
                      acks.write(1);
                      acks.flush();
                    }
                  } catch (EOFException e) {
                    // the VM closed the channel: done
                  } catch (IOException e) {
                    System.err.println("test-host: hint channel: " + e);
                  }
                });
    try {
      while (true) {
        byte[] key = new byte[32];
        keys.readFully(key);
        String hex = Hex.encode(key);
        switch (mode) {
          case "silent" -> Thread.sleep(Long.MAX_VALUE);
          case "garbage" -> answers.writeLong(-1L);
          default -> {
            byte[] data = preimages.get(hex);
            if (data == null) {
              System.err.println("test-host: no pre-image for " + hex);
              System.exit(3);
            }
            answers.writeLong(data.length);
            answers.write(data);
          }
        }
        answers.flush();
      }
    } catch (EOFException e) {
      // the VM closed the channel: done
    }
    hintLoop.join();
    System.err.println("test-host: done");
  }
}
