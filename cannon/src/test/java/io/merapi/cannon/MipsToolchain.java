package io.merapi.cannon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Builds the C test programs (test resources io/merapi/cannon/c) with Debian's MIPS64 cross
 * compiler and runs them under qemu-mips64 for reference. Where the compiler is missing the tests
 * are skipped with a message, except on CI ({@code CI} set), where a missing toolchain is a
 * failure.
 */
public final class MipsToolchain {
  static final String GCC = "mips64-linux-gnuabi64-gcc";
  static final String QEMU = "qemu-mips64";
  static final List<String> FLAGS =
      List.of(
          "-O2",
          "-march=mips64",
          "-mno-branch-likely",
          "-mabi=64",
          "-EB",
          "-msoft-float",
          "-mno-abicalls",
          "-fno-pic",
          "-static",
          "-nostdlib",
          "-ffreestanding",
          "-fno-builtin",
          "-mno-check-zero-division",
          "-Wl,-Ttext-segment=0x10000",
          "-Wl,-e,__start");

  private MipsToolchain() {}

  static Optional<Path> onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  static Path requireGcc() {
    Optional<Path> gcc = onPath(GCC);
    if (gcc.isEmpty()) {
      String msg =
          GCC
              + " not found: run scripts/install-test-tools.sh (gcc-mips64-linux-gnuabi64, qemu-user)";
      if (System.getenv("CI") != null) {
        throw new AssertionError(msg);
      }
      Assumptions.abort(msg);
    }
    return gcc.get();
  }

  /**
   * Compiles the test program NAME.c (src/test/resources/io/merapi/cannon/c, also in the test-jar
   * for other modules' tests) into the static ELF {@code workDir/NAME.elf}.
   */
  public static byte[] build(String name, Path workDir) throws IOException, InterruptedException {
    Path gcc = requireGcc();
    Path src = Files.createDirectories(workDir.resolve("c-src"));
    for (String file : List.of(name + ".c", "rt.h", "work.h")) {
      try (InputStream in = MipsToolchain.class.getResourceAsStream("c/" + file)) {
        if (in == null) {
          throw new IOException("test program source c/" + file + " not on the class path");
        }
        Files.copy(in, src.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path out = workDir.resolve(name + ".elf");
    List<String> cmd = new ArrayList<>();
    cmd.add(gcc.toString());
    cmd.addAll(FLAGS);
    cmd.add("-o");
    cmd.add(out.toString());
    cmd.add(src.resolve(name + ".c").toString());
    Result r = exec(cmd, 120);
    assertThat(r.exitCode).as("gcc: " + r.stderr).isZero();
    return Files.readAllBytes(out);
  }

  record Result(int exitCode, String stdout, String stderr) {}

  static Result exec(List<String> cmd, int timeoutSeconds)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).start();
    p.getOutputStream().close();
    var out = p.getInputStream();
    var err = p.getErrorStream();
    var stdout = new java.util.concurrent.CompletableFuture<String>();
    var stderr = new java.util.concurrent.CompletableFuture<String>();
    Thread.ofVirtual().start(() -> stdout.complete(read(out)));
    Thread.ofVirtual().start(() -> stderr.complete(read(err)));
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(cmd.get(0) + " did not finish in " + timeoutSeconds + " s");
    }
    return new Result(p.exitValue(), stdout.join(), stderr.join());
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
