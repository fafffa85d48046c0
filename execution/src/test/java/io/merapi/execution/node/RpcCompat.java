package io.merapi.execution.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Hash;
import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.ChainFile;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.types.block.Block;
import io.merapi.types.config.Genesis;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The execution-apis rpc-compat suite as hive's simulator runs it: the chain of {@code chain.rlp}
 * imported on {@code genesis.json}, the head, safe and finalized blocks of {@code headfcu.json}
 * set, then each {@code .io} case sent over HTTP and its answer compared as JSON (members in any
 * order, numbers by value). Where both answers are errors, their messages are left out of the
 * comparison, as hive does; {@code speconly} cases only need a result.
 */
final class RpcCompat {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One case: a file with request and expected-response lines. */
  record Case(
      String method, String name, List<String> requests, List<String> expected, boolean specOnly) {}

  private RpcCompat() {}

  static List<Case> cases(Path root) throws IOException {
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".io")).sorted().toList()) {
        List<String> requests = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        boolean specOnly = false;
        boolean header = true;
        for (String raw : Files.readAllLines(file)) {
          String line = raw.strip();
          if (line.isEmpty()) {
            continue;
          }
          if (line.startsWith("//")) {
            if (header && line.substring(2).strip().startsWith("speconly:")) {
              specOnly = true;
            }
            continue;
          }
          header = false;
          if (line.startsWith(">>")) {
            requests.add(line.substring(2).strip());
          } else if (line.startsWith("<<")) {
            expected.add(line.substring(2).strip());
          } else {
            throw new IOException("invalid line in " + file + ": " + line);
          }
        }
        String method = file.getParent().getFileName().toString();
        String name = file.getFileName().toString().replace(".io", "");
        cases.add(new Case(method, name, requests, expected, specOnly));
      }
    }
    return cases;
  }

  /** The node with the suite's chain and head, on an ephemeral loopback port. */
  static ExecutionNode start(Path root) throws IOException {
    Genesis genesis = Genesis.read(root.resolve("genesis.json"));
    ExecutionNodeConfig config =
        ExecutionNodeConfig.builder()
            .inMemory()
            .genesis(genesis)
            .http(
                Optional.of(
                    RpcServerConfig.httpDefaults()
                        .withPort(0)
                        .withModules(Set.of(RpcServerConfig.ALL_MODULES))))
            .build();
    ExecutionNode node = ExecutionNode.start(config);
    try {
      Blockchain chain = node.chain();
      try (ChainFile.Reader reader = new ChainFile.Reader(root.resolve("chain.rlp"))) {
        Optional<Block> block;
        while ((block = reader.next()).isPresent()) {
          chain.importBlockAsHead(block.get());
        }
      }
      // hive sends headfcu.json's engine_forkchoiceUpdated; its effect on the chain is this.
      JsonNode fcu = JSON.readTree(root.resolve("headfcu.json").toFile()).get("params").get(0);
      chain.forkChoice(
          Hash.fromHex(fcu.get("headBlockHash").asText()),
          Optional.of(Hash.fromHex(fcu.get("safeBlockHash").asText())),
          Optional.of(Hash.fromHex(fcu.get("finalizedBlockHash").asText())));
    } catch (IOException | RuntimeException e) {
      node.close();
      throw e;
    }
    return node;
  }

  /** Empty when {@code actual} answers as {@code expected}; else what differs. */
  static Optional<String> compare(String actual, String expected, boolean specOnly)
      throws IOException {
    JsonNode got = JSON.readTree(actual);
    JsonNode want = JSON.readTree(expected);
    if (specOnly && !got.has("error")) {
      return got.has("result") && !got.get("result").isNull()
          ? Optional.empty()
          : Optional.of("no result: " + actual);
    }
    if (got.has("error") && want.has("error")) {
      ((ObjectNode) got.get("error")).remove("message");
      ((ObjectNode) want.get("error")).remove("message");
    }
    if (got.equals(NUMBERS_BY_VALUE, want)) {
      return Optional.empty();
    }
    return Optional.of("expected " + expected + "\n     got " + actual);
  }

  private static final Comparator<JsonNode> NUMBERS_BY_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText()));
        }
        return a.equals(b) ? 0 : 1;
      };
}
