package io.merapi.contracts.libraries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.abi.AbiCodec;
import io.merapi.base.abi.AbiFunction;
import io.merapi.base.abi.AbiType;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Keccak256;
import io.merapi.contracts.ContractCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The test-only Solidity of src/test/solidity (harnesses exposing internal libraries, fakes of
 * other contracts), compiled with the pinned solc by src/test/scripts/solc-test.mjs together with
 * the production sources it imports. The output is cached in target/test-solc by the hash of every
 * source, so that only the first run after a change pays for the compiler.
 */
public final class TestSolidity {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonNode compiled;

  private TestSolidity() {}

  /** A compiled test contract. */
  public record Contract(String name, JsonNode abi, Bytes bytecode) {
    /** The creation code with the constructor arguments of type {@code constructor} appended. */
    public byte[] deployment(String constructor, Object... arguments) {
      byte[] args = AbiCodec.encode((AbiType.Tuple) AbiType.parse(constructor), List.of(arguments));
      byte[] code = bytecode.array();
      byte[] out = new byte[code.length + args.length];
      System.arraycopy(code, 0, out, 0, code.length);
      System.arraycopy(args, 0, out, code.length, args.length);
      return out;
    }

    /** The creation code of a contract without constructor arguments. */
    public byte[] deployment() {
      return bytecode.toArray();
    }
  }

  /** A call of {@code signature} (e.g. {@code f(uint256,bytes)}) returning {@code outputs}. */
  public static <R> ContractCall<R> call(
      String signature, String outputs, Function<List<Object>, R> result, Object... arguments) {
    return ContractCall.of(AbiFunction.parse(signature, outputs), List.of(arguments), result);
  }

  /** A call of {@code signature} whose result is ignored. */
  public static ContractCall<Void> call(String signature, Object... arguments) {
    return call(signature, "()", out -> null, arguments);
  }

  /** The test contract named {@code name}. */
  public static synchronized Contract contract(String name) {
    if (compiled == null) {
      compiled = compile();
    }
    JsonNode c = compiled.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no test contract " + name + " in src/test/solidity");
    }
    return new Contract(name, c.get("abi"), Bytes.fromHex(c.get("bytecode").asText()));
  }

  private static JsonNode compile() {
    Path module = moduleDir();
    try {
      Path out = module.resolve("target/test-solc/" + sourcesHash(module) + ".json");
      if (!Files.exists(out)) {
        Files.createDirectories(out.getParent());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Process p =
            new ProcessBuilder("node", "src/test/scripts/solc-test.mjs", tmp.toString())
                .directory(module.toFile())
                .redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
          throw new IllegalStateException("compiling the test Solidity failed:\n" + log);
        }
        Files.move(tmp, out);
      }
      return JSON.readTree(out.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The contracts module: the working directory of Surefire, or its contracts/ child. */
  private static Path moduleDir() {
    Path here = Path.of("").toAbsolutePath();
    for (Path candidate : List.of(here, here.resolve("contracts"))) {
      if (Files.exists(candidate.resolve("src/test/scripts/solc-test.mjs"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("cannot find the contracts module from " + here);
  }

  private static String sourcesHash(Path module) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("src/main/solidity", "src/test/solidity", "src/test/scripts")) {
      try (Stream<Path> s = Files.walk(module.resolve(dir))) {
        s.filter(Files::isRegularFile).sorted().forEach(files::add);
      }
    }
    byte[] acc = new byte[0];
    for (Path f : files) {
      byte[] name =
          module.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      byte[] content = Files.readAllBytes(f);
      byte[] joined = new byte[acc.length + 64];
      System.arraycopy(acc, 0, joined, 0, acc.length);
      System.arraycopy(Keccak256.hash(name), 0, joined, acc.length, 32);
      System.arraycopy(Keccak256.hash(content), 0, joined, acc.length + 32, 32);
      acc = Keccak256.hash(joined);
    }
    return HexFormat.of().formatHex(acc, 0, 12);
  }
}
