package io.merapi.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code devnet/src/test/js/bridge.mjs} — viem's OP Stack actions, unchanged, from the npm
 * registry at the version pinned in {@code package.json}/{@code package-lock.json} — against a
 * running devnet and hands back the one JSON line it prints. The packages are installed with {@code
 * npm ci} at most once per JVM, and not at all when {@code node_modules} already holds the pinned
 * versions. The script's progress (stderr) goes to the log line by line as it comes.
 */
public final class ViemScript {
  private static final Logger LOG = LoggerFactory.getLogger(ViemScript.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration NPM_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration KILL_GRACE = Duration.ofSeconds(5);

  /** Directories whose packages this JVM has checked or installed. */
  private static final List<Path> READY = new ArrayList<>();

  private final Path dir;

  private ViemScript(Path dir) {
    this.dir = dir;
  }

  /**
   * The script in the devnet module, found from the devnet module's directory (where its tests run)
   * or from a sibling module's (the cli's process tests).
   */
  public static ViemScript inDevnetModule() {
    for (Path candidate : List.of(Path.of("src/test/js"), Path.of("../devnet/src/test/js"))) {
      if (Files.isRegularFile(candidate.resolve("bridge.mjs"))) {
        return new ViemScript(candidate.toAbsolutePath().normalize());
      }
    }
    throw new IllegalStateException(
        "bridge.mjs not found under src/test/js or ../devnet/src/test/js from "
            + Path.of("").toAbsolutePath());
  }

  /** What bridge.mjs printed: {@code {"ok":true,"mode":…,"flows":{name:{…}}}}. */
  public record Result(JsonNode json) {
    /** The named flow's record (hashes, blocks, seconds). */
    public JsonNode flow(String name) {
      JsonNode flow = json.path("flows").path(name);
      if (flow.isMissingNode()) {
        throw new AssertionError("bridge.mjs reported no flow " + name + ": " + json);
      }
      return flow;
    }

    /** The names of the flows it ran. */
    public List<String> flowNames() {
      return json.path("flows").properties().stream().map(Map.Entry::getKey).toList();
    }

    /** Its total run time. */
    public double seconds() {
      return json.path("seconds").asDouble();
    }
  }

  /**
   * Runs {@code node bridge.mjs <devnetJson> <mode> <args…>} and returns its result.
   *
   * @throws AssertionError if node or npm is missing, the script fails or prints no single JSON
   *     line, or it does not end within {@code timeout} (it is killed then)
   */
  public Result run(Path devnetJson, String mode, Duration timeout, String... args) {
    List<String> all = new ArrayList<>(List.of(devnetJson.toString(), mode));
    all.addAll(List.of(args));
    return runScript("bridge.mjs", timeout, all.toArray(String[]::new));
  }

  /**
   * Runs {@code node <script> <args…>}, another script of the same directory and packages (such as
   * {@code devnode.mjs}, viem against {@code merapi execution --dev}), which prints one JSON line
   * with {@code ok} as bridge.mjs does.
   *
   * @throws AssertionError as {@link #run}
   */
  public Result runScript(String script, Duration timeout, String... args) {
    installOnce();
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    String what = script + " " + (args.length > 1 ? args[1] : "");
    Finished done = execute(command, timeout, line -> LOG.info("{}", line));
    List<String> lines = done.stdout().lines().filter(l -> !l.isBlank()).toList();
    if (lines.size() != 1) {
      throw new AssertionError(
          what
              + " printed "
              + lines.size()
              + " lines on stdout instead of one JSON result (exit "
              + done.exit()
              + "): "
              + done.stdout());
    }
    JsonNode json;
    try {
      json = JSON.readTree(lines.getFirst());
    } catch (IOException e) {
      throw new AssertionError(what + " printed no JSON: " + lines.getFirst(), e);
    }
    if (done.exit() != 0 || !json.path("ok").asBoolean()) {
      throw new AssertionError(
          what
              + " failed (exit "
              + done.exit()
              + "): "
              + json.path("error").asText(json.toString())
              + " — its progress is in the log above");
    }
    LOG.info("{} passed in {} s: {}", what, json.path("seconds").asText(), json);
    return new Result(json);
  }

  /** {@code npm ci} unless node_modules holds the pinned packages; once per JVM and directory. */
  private void installOnce() {
    synchronized (READY) {
      if (READY.contains(dir)) {
        return;
      }
      if (installed()) {
        LOG.info("node_modules in {} holds the pinned packages; no npm ci", dir);
      } else {
        LOG.info("npm ci in {} (the pinned viem from the npm registry)", dir);
        Finished npm =
            execute(
                List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"),
                NPM_TIMEOUT,
                line -> LOG.info("npm: {}", line));
        if (npm.exit() != 0) {
          throw new AssertionError("npm ci failed (exit " + npm.exit() + ") in " + dir);
        }
      }
      READY.add(dir);
    }
  }

  /** True if each dependency of package.json is in node_modules at its pinned version. */
  private boolean installed() {
    try {
      JsonNode dependencies =
          JSON.readTree(dir.resolve("package.json").toFile()).path("dependencies");
      for (Map.Entry<String, JsonNode> pin : dependencies.properties()) {
        Path manifest = dir.resolve("node_modules").resolve(pin.getKey()).resolve("package.json");
        if (!Files.isRegularFile(manifest)
            || !JSON.readTree(manifest.toFile())
                .path("version")
                .asText()
                .equals(pin.getValue().asText())) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve("package.json"), e);
    }
  }

  private record Finished(int exit, String stdout) {}

  /**
   * Runs {@code command} in the script's directory, its stderr to {@code progress} line by line,
   * its stdout collected; kills it (and what it started) after {@code timeout}.
   */
  private Finished execute(List<String> command, Duration timeout, Consumer<String> progress) {
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
              .start();
    } catch (IOException e) {
      throw new AssertionError(
          command.getFirst()
              + " cannot be started ("
              + e.getMessage()
              + "): the viem bridge tests need Node.js 18 or newer with npm on the PATH",
          e);
    }
    StringBuilder stdout = new StringBuilder();
    Thread out = pump(process.getInputStream(), line -> stdout.append(line).append('\n'));
    Thread err = pump(process.getErrorStream(), progress);
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
        throw new AssertionError(
            String.join(" ", command) + " did not end within " + timeout + "; killed");
      }
      out.join(KILL_GRACE.toMillis());
      err.join(KILL_GRACE.toMillis());
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + String.join(" ", command), e);
    }
    // The joins order the pump's appends before this read.
    return new Finished(process.exitValue(), stdout.toString());
  }

  private static File nullDevice() {
    return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static Thread pump(InputStream stream, Consumer<String> sink) {
    return Thread.ofPlatform()
        .name("viem-script-output")
        .daemon()
        .start(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                  sink.accept(line);
                }
              } catch (IOException e) {
                // The process was killed: what it wrote so far is all there is.
              }
            });
  }
}
