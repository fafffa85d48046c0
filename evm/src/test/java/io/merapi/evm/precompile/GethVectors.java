package io.merapi.evm.precompile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * go-ethereum's precompile vector files (core/vm/testdata/precompiles, kept in the shared test data
 * under {@code precompiles/}): {@code NAME.json} holds passing cases (Input, Expected, Gas, Name),
 * {@code fail-NAME.json} failing ones (Input, ExpectedError, Name).
 */
final class GethVectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GethVectors() {}

  static List<Vectors.Success> passing(String file) {
    List<Vectors.Success> out = new ArrayList<>();
    for (JsonNode node : read(file + ".json")) {
      out.add(
          new Vectors.Success(
              file + "/" + node.get("Name").asText(),
              node.get("Input").asText(),
              node.get("Gas").asLong(),
              node.get("Expected").asText()));
    }
    return out;
  }

  static List<Vectors.Failure> failing(String file) {
    List<Vectors.Failure> out = new ArrayList<>();
    for (JsonNode node : read("fail-" + file + ".json")) {
      // geth's error texts are its own; the test only asks that the call fails.
      out.add(
          new Vectors.Failure(
              "fail-" + file + "/" + node.get("Name").asText(), node.get("Input").asText(), ""));
    }
    return out;
  }

  private static JsonNode read(String name) {
    Path path = TestData.require("precompiles/" + name);
    try {
      return JSON.readTree(path.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
