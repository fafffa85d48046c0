package io.merapi.devnet.info;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.devnet.chain.DevnetGenesis;
import io.merapi.execution.dev.DevAccounts;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The devnet's start banner: the same data as {@code devnet.json}, for people — endpoints, the L1
 * contracts, the funded accounts with their keys (marking those the devnet's own services send
 * from), and where the machine-readable copy is.
 */
public final class DevnetBanner {
  private DevnetBanner() {}

  public static List<String> lines(DevnetInfo info) {
    List<String> out = new ArrayList<>();
    Endpoints e = info.endpoints();
    long l1Chain = info.chain().rollup().rollup().l1ChainId();
    long l2Chain = info.chain().rollup().rollup().l2ChainId();
    out.add("Merapi devnet (" + info.dir().root() + ")");
    out.add("");
    out.add(
        field("L1 (chain " + l1Chain + ")", Endpoints.plain(e.l1Rpc()) + "  ws: " + ws(e.l1Ws())));
    out.add(field("L1 beacon API", Endpoints.plain(e.l1Beacon())));
    out.add(
        field("L2 (chain " + l2Chain + ")", Endpoints.plain(e.l2Rpc()) + "  ws: " + ws(e.l2Ws())));
    out.add(
        field(
            "L2 Engine API",
            Endpoints.plain(e.l2Engine()) + "  (JWT: " + info.dir().jwtSecret() + ")"));
    out.add(field("Rollup node", Endpoints.plain(e.node())));
    out.add(field("Verifier L2", optional(e.verifierRpc())));
    out.add(field("Verifier node", optional(e.verifierNode())));
    out.add(field("Batcher RPC", Endpoints.plain(e.batcher())));
    out.add(field("Proposer RPC", Endpoints.plain(e.proposer())));
    e.explorer().ifPresent(uri -> out.add(field("Block explorer", Endpoints.plain(uri))));
    e.metrics().forEach((role, uri) -> out.add(field("Metrics, " + role, uri.toString())));
    out.add(field("Proofs", info.chain().settings().proofs().flag()));
    out.add("");
    out.add("L1 contracts");
    out.add("==================");
    for (Map.Entry<String, Address> c : info.l1Contracts().entrySet()) {
      out.add(field(c.getKey(), c.getValue().toChecksumHex()));
    }
    out.add("");
    out.add("Accounts (10,000 ETH each on L1 and L2)");
    out.add("==================");
    DevAccounts accounts = DevAccounts.defaults();
    List<Secp256k1.PrivateKey> keys = accounts.keys();
    for (int i = 0; i < keys.size(); i++) {
      out.add(
          "("
              + i
              + ") "
              + keys.get(i).address().toChecksumHex()
              + "  "
              + Hex.encode(keys.get(i).toBytes())
              + role(i));
    }
    out.add("");
    out.add(field("Mnemonic", accounts.mnemonic()));
    out.add(field("Derivation path", DevAccounts.PATH_PREFIX + "{index}"));
    out.add(field("devnet.json", info.dir().infoFile().toString()));
    out.add("");
    out.add("These keys are public: never use them outside this devnet.");
    return out;
  }

  private static String role(int account) {
    return switch (account) {
      case DevnetGenesis.PROPOSER_ACCOUNT -> "  (the proposer's: don't send from it)";
      case DevnetGenesis.BATCHER_ACCOUNT -> "  (the batcher's: don't send from it)";
      case DevnetGenesis.CHALLENGER_ACCOUNT -> "  (the challenger's: don't send from it)";
      default -> "";
    };
  }

  private static String ws(URI uri) {
    return Endpoints.plain(uri);
  }

  private static String optional(Optional<URI> uri) {
    return uri.map(Endpoints::plain).orElse("off (--verifier=false)");
  }

  private static String field(String name, String value) {
    return String.format("%-30s %s", name + ":", value);
  }
}
