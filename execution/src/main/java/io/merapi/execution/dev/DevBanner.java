package io.merapi.execution.dev;

import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.execution.chain.ChainHead;
import io.merapi.state.Account;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The start banner of the dev chain, in the manner of Anvil's and Hardhat's: the chain, the
 * endpoints the node serves, then the prefunded accounts with their balances and private keys and
 * the mnemonic they come from. Every key printed here is public knowledge: never send real funds to
 * these accounts.
 */
public final class DevBanner {
  /** One endpoint the node serves: a label ("HTTP JSON-RPC") and its URL. */
  public record Endpoint(String name, String url) {}

  private static final BigDecimal WEI_PER_ETHER = BigDecimal.TEN.pow(18);

  private DevBanner() {}

  public static List<String> lines(DevChain dev, List<Endpoint> endpoints) {
    List<String> out = new ArrayList<>();
    ChainHead head = dev.chain().head();
    DevConfig config = dev.config();
    out.add(
        "Merapi dev chain (L1, "
            + dev.chain().rules().fork(head.number(), head.header().timestamp()).testName()
            + " rules)");
    out.add("");
    // The chain's own id: a dev chain opened from another genesis (a devnet's L1) is not 1337.
    out.add(field("Chain ID", Long.toString(dev.chain().config().chainId())));
    out.add(field("Genesis", dev.chain().genesis().hash().toHex()));
    out.add(field("Head", "#" + head.number() + " " + head.hash().toHex()));
    out.add(
        field(
            "Data directory",
            config.dataDir().map(dir -> dir + " (RocksDB)").orElse("in memory (lost on exit)")));
    out.add(
        field(
            "Block time",
            config.period().isZero()
                ? "on demand (a block for each transaction)"
                : config.period().toSeconds() + " s"));
    out.add(field("Gas limit", Long.toString(head.header().gasLimit())));
    for (Endpoint endpoint : endpoints) {
      out.add(field(endpoint.name(), endpoint.url()));
    }
    out.add("");
    out.add("Available Accounts");
    out.add("==================");
    List<Secp256k1.PrivateKey> keys = dev.accounts().keys();
    for (int i = 0; i < keys.size(); i++) {
      Account account =
          dev.chain().headState().account(keys.get(i).address()).orElse(Account.EMPTY);
      out.add(
          "(" + i + ") " + keys.get(i).address().toChecksumHex() + " (" + ether(account) + " ETH)");
    }
    out.add("");
    out.add("Private Keys");
    out.add("==================");
    for (int i = 0; i < keys.size(); i++) {
      out.add("(" + i + ") " + Hex.encode(keys.get(i).toBytes()));
    }
    out.add("");
    out.add("Wallet");
    out.add("==================");
    out.add("Mnemonic:          " + dev.accounts().mnemonic());
    out.add("Derivation path:   " + DevAccounts.PATH_PREFIX + "{index}");
    out.add("");
    out.add("These keys are public: never use them outside this dev chain.");
    return out;
  }

  private static String field(String name, String value) {
    return String.format("%-16s %s", name + ":", value);
  }

  private static String ether(Account account) {
    return new BigDecimal(account.balance().toBigInteger())
        .divide(WEI_PER_ETHER)
        .stripTrailingZeros()
        .toPlainString();
  }
}
