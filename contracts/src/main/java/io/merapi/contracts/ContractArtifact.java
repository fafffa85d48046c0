package io.merapi.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.abi.AbiCodec;
import io.merapi.base.abi.AbiType;
import io.merapi.base.bytes.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A compiled contract as committed in {@code src/main/artifacts} (written by {@code
 * scripts/solc.mjs}): its ABI, creation and runtime bytecode, and storage layout.
 *
 * @param name the contract's name
 * @param sourceName its source file under {@code src/main/solidity}
 * @param abi the JSON ABI
 * @param bytecode the creation code (empty for interfaces)
 * @param deployedBytecode the runtime code with zeros where immutables go
 * @param storageLayout the state variables' slots
 */
public record ContractArtifact(
    String name,
    String sourceName,
    JsonNode abi,
    Bytes bytecode,
    Bytes deployedBytecode,
    List<StorageSlot> storageLayout) {

  /** One state variable: its label, slot, byte offset in the slot, size and Solidity type. */
  public record StorageSlot(String label, long slot, int offset, int bytes, String type) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Loads {@code <dir>/<Name>} (the artifact's path under src/main/artifacts, without .json). */
  public static ContractArtifact load(String resource) {
    String path = "/io/merapi/contracts/artifacts/" + resource + ".json";
    try (InputStream in = ContractArtifact.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no contract artifact " + path + " on the class path");
      }
      JsonNode node = JSON.readTree(in);
      List<StorageSlot> layout = new ArrayList<>();
      for (JsonNode s : node.path("storageLayout")) {
        layout.add(
            new StorageSlot(
                s.path("label").asText(),
                Long.parseLong(s.path("slot").asText()),
                s.path("offset").asInt(),
                Integer.parseInt(s.path("bytes").asText()),
                s.path("type").asText()));
      }
      return new ContractArtifact(
          node.path("contractName").asText(),
          node.path("sourceName").asText(),
          node.path("abi"),
          Bytes.fromHex(node.path("bytecode").asText("0x")),
          Bytes.fromHex(node.path("deployedBytecode").asText("0x")),
          List.copyOf(layout));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read contract artifact " + path, e);
    }
  }

  /** The creation code followed by the encoded constructor arguments. */
  public byte[] deployment(AbiType.Tuple constructor, List<?> arguments) {
    if (bytecode.isEmpty()) {
      throw new IllegalStateException(name + " has no creation code (an interface)");
    }
    byte[] args = AbiCodec.encode(constructor, arguments);
    byte[] code = bytecode.array();
    byte[] out = new byte[code.length + args.length];
    System.arraycopy(code, 0, out, 0, code.length);
    System.arraycopy(args, 0, out, code.length, args.length);
    return out;
  }

  /** The state variable named {@code label}, if the contract has one. */
  public Optional<StorageSlot> slot(String label) {
    return storageLayout.stream().filter(s -> s.label().equals(label)).findFirst();
  }
}
