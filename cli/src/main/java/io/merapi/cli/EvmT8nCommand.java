package io.merapi.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.evm.Tracer;
import io.merapi.evm.trace.Eip3155Tracer;
import io.merapi.state.InMemoryState;
import io.merapi.state.tool.t8n.T8nEnv;
import io.merapi.state.tool.t8n.T8nException;
import io.merapi.state.tool.t8n.T8nJson;
import io.merapi.state.tool.t8n.T8nResult;
import io.merapi.state.tool.t8n.Transition;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code merapi evm t8n}: geth's state transition tool, with its flags, file formats and exit
 * codes. Inputs are files or {@code stdin} (one object with {@code alloc}, {@code env}, {@code txs}
 * or {@code txsRlp}); each output goes to a file in {@code --output.basedir}, to {@code stdout} or
 * {@code stderr} (collected into one object there), or nowhere ({@code ""}).
 */
@Command(
    name = "t8n",
    mixinStandardHelpOptions = true,
    description = "State transition tool (geth's t8n interface).")
final class EvmT8nCommand implements Callable<Integer> {
  private static final String STDIN = "stdin";

  @Spec CommandSpec spec;

  @Option(names = "--input.alloc", defaultValue = "alloc.json", description = "Pre-state alloc.")
  String inputAlloc;

  @Option(names = "--input.env", defaultValue = "env.json", description = "Block environment.")
  String inputEnv;

  @Option(
      names = "--input.txs",
      defaultValue = "txs.json",
      description = "Transactions: JSON, or a .rlp file holding a hex RLP list.")
  String inputTxs;

  @Option(names = "--output.basedir", defaultValue = "", description = "Directory for outputs.")
  String baseDir;

  @Option(names = "--output.alloc", defaultValue = "alloc.json", description = "Post-state alloc.")
  String outputAlloc;

  @Option(names = "--output.result", defaultValue = "result.json", description = "Result.")
  String outputResult;

  @Option(names = "--output.body", defaultValue = "", description = "RLP of the included txs.")
  String outputBody;

  @Option(names = "--state.fork", defaultValue = "GrayGlacier", description = "Fork rules.")
  String fork;

  @Option(names = "--state.chainid", defaultValue = "1", description = "Chain id.")
  long chainId;

  @Option(
      names = "--state.reward",
      defaultValue = "0",
      description = "Block reward in wei; -1 for none.")
  long reward;

  @Option(names = "--trace", description = "EIP-3155 trace per transaction into the basedir.")
  boolean trace;

  @Option(names = "--trace.memory", description = "Include memory in traces.")
  boolean traceMemory;

  @Override
  public Integer call() {
    try {
      return transition();
    } catch (T8nException e) {
      throw new CommandFailure("ERROR(" + e.exitCode() + "): " + e.getMessage(), e.exitCode());
    } catch (IOException | UncheckedIOException e) {
      throw new CommandFailure(
          "ERROR(" + T8nException.IO + "): " + e.getMessage(), T8nException.IO);
    }
  }

  private int transition() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Path base = Path.of(baseDir.isEmpty() ? "." : baseDir);
    Files.createDirectories(base);
    JsonNode stdin = null;
    if (STDIN.equals(inputAlloc) || STDIN.equals(inputEnv) || STDIN.equals(inputTxs)) {
      try {
        stdin = mapper.readTree(System.in);
      } catch (IOException e) {
        throw new T8nException(T8nException.JSON, "failed unmarshalling stdin: " + e.getMessage());
      }
    }
    InMemoryState alloc =
        T8nJson.readAlloc(
            STDIN.equals(inputAlloc) ? stdin.get("alloc") : readJson(mapper, inputAlloc, "alloc"));
    T8nEnv env =
        T8nEnv.fromJson(
            STDIN.equals(inputEnv) ? stdin.get("env") : readJson(mapper, inputEnv, "env"));
    List<Transition.TxInput> txs;
    if (STDIN.equals(inputTxs)) {
      JsonNode rlp = stdin.get("txsRlp");
      txs =
          rlp != null && !rlp.asText().isEmpty()
              ? T8nJson.readRlpTransactions(Hex.decodeLenient(rlp.asText()))
              : T8nJson.readTransactions(stdin.get("txs"), chainId);
    } else if (inputTxs.endsWith(".rlp")) {
      JsonNode hex = readJson(mapper, inputTxs, "txs");
      txs = T8nJson.readRlpTransactions(Hex.decodeLenient(hex.asText()));
    } else {
      txs = T8nJson.readTransactions(readJson(mapper, inputTxs, "txs"), chainId);
    }

    List<Writer> traceFiles = new ArrayList<>();
    T8nResult result;
    try {
      result =
          Transition.apply(
              fork,
              chainId,
              reward,
              alloc,
              env,
              txs,
              (index, hash) -> trace ? traceFile(base, index, hash, traceFiles) : Tracer.NONE);
    } finally {
      for (Writer w : traceFiles) {
        w.close();
      }
    }

    Map<String, String> stdout = new LinkedHashMap<>();
    Map<String, String> stderr = new LinkedHashMap<>();
    dispatch(
        base,
        outputAlloc,
        "alloc",
        json(g -> T8nJson.writeAlloc(g, result.alloc())),
        stdout,
        stderr);
    dispatch(
        base, outputResult, "result", json(g -> T8nJson.writeResult(g, result)), stdout, stderr);
    dispatch(base, outputBody, "body", "\"" + Hex.encode(result.body()) + "\"", stdout, stderr);
    print(spec.commandLine().getOut(), stdout);
    print(spec.commandLine().getErr(), stderr);
    return 0;
  }

  private static JsonNode readJson(ObjectMapper mapper, String file, String what) {
    try {
      return mapper.readTree(Path.of(file).toFile());
    } catch (IOException e) {
      throw new T8nException(
          Files.exists(Path.of(file)) ? T8nException.JSON : T8nException.IO,
          "failed reading " + what + " file: " + e.getMessage());
    }
  }

  private Tracer traceFile(Path base, int index, Hash hash, List<Writer> open) {
    try {
      Path file = base.resolve("trace-" + index + "-" + hash.toHex() + ".jsonl");
      PrintWriter writer = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
      open.add(writer);
      return new Eip3155Tracer(writer, traceMemory);
    } catch (IOException e) {
      throw new UncheckedIOException("failed creating trace-file", e);
    }
  }

  private interface JsonBody {
    void write(JsonGenerator generator) throws IOException;
  }

  private static String json(JsonBody body) throws IOException {
    StringWriter out = new StringWriter();
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter(" ", "\n"));
    try (JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out)) {
      g.setPrettyPrinter(printer);
      body.write(g);
    }
    return out.toString();
  }

  private static void dispatch(
      Path base,
      String target,
      String name,
      String json,
      Map<String, String> stdout,
      Map<String, String> stderr)
      throws IOException {
    switch (target) {
      case "stdout" -> stdout.put(name, json);
      case "stderr" -> stderr.put(name, json);
      case "" -> {}
      default -> Files.writeString(base.resolve(target), json, StandardCharsets.UTF_8);
    }
  }

  private static void print(PrintWriter out, Map<String, String> objects) {
    if (objects.isEmpty()) {
      return;
    }
    StringBuilder b = new StringBuilder("{\n");
    int i = 0;
    for (Map.Entry<String, String> e : objects.entrySet()) {
      b.append("  \"").append(e.getKey()).append("\": ");
      b.append(e.getValue().replace("\n", "\n  "));
      b.append(++i < objects.size() ? ",\n" : "\n");
    }
    out.print(b.append("}\n"));
    out.flush();
  }
}
