package io.merapi.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.types.config.RollupConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rollup configs built into the node, chosen with {@code --network} as op-node's {@code
 * chaincfg} chooses them: by the superchain-registry name {@code <chain>-<superchain>}, compared
 * without regard to case, or by op-node's legacy aliases {@code mainnet} and {@code sepolia}
 * (matched exactly, as op-node does).
 *
 * <p>Each config is a {@code rollup.json} under {@code networks/} in this package, written from the
 * superchain registry's {@code superchain/configs/<superchain>/op.toml} and {@code
 * superchain.toml}, and read with the same strict parser as a user's {@code --rollup.config}. As
 * op-node fills in what the registry leaves out: Regolith at 0 and a Bedrock channel timeout of
 * 300. {@code karst_time} is kept so the engine stops with a clear error at Karst instead of
 * building wrong blocks; the registry's {@code keep_karst_upgrade_gas} has no field in this
 * project's parser and is left out. {@code protocol_versions_address} is the registry's last value
 * before it dropped the field (op-node no longer reads the contract).
 */
public final class Networks {
  /** Canonical names; each has its {@code rollup.json} in {@code networks/<name>.json}. */
  private static final List<String> NAMES = List.of("op-mainnet", "op-sepolia");

  /** op-node's {@code handleLegacyName}: the names from before the registry's naming scheme. */
  private static final Map<String, String> LEGACY =
      Map.of("mainnet", "op-mainnet", "sepolia", "op-sepolia");

  private Networks() {}

  /** The canonical names of the built-in networks. */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * The rollup config of the network {@code name}.
   *
   * @throws IllegalArgumentException if no built-in network has that name; the message lists the
   *     known ones
   */
  public static RollupConfig rollupConfig(String name) {
    String canonical = canonicalName(name);
    if (!NAMES.contains(canonical)) {
      throw new IllegalArgumentException(
          "unknown network '"
              + name
              + "'; known networks: "
              + String.join(", ", NAMES)
              + " (also mainnet, sepolia)");
    }
    return load(canonical + ".json");
  }

  private static String canonicalName(String name) {
    if (name == null) {
      return "";
    }
    String legacy = LEGACY.get(name);
    return legacy != null ? legacy : name.toLowerCase(Locale.ROOT);
  }

  private static RollupConfig load(String file) {
    try (InputStream in = Networks.class.getResourceAsStream("networks/" + file)) {
      if (in == null) {
        // The file ships in this jar; missing means a broken build, not a user error.
        throw new IllegalStateException("built-in rollup config networks/" + file + " is missing");
      }
      return RollupConfig.fromJson(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read built-in rollup config " + file, e);
    }
  }
}
