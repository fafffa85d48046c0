package io.merapi.cli;

import io.merapi.base.crypto.Secp256k1;
import io.merapi.service.signer.SignerKeys;
import io.merapi.service.txmgr.TxManagerConfig;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The signer and transaction-manager flags every L1-sending service shares (op-service's {@code
 * txmgr} CLI flags, with its names and defaults), as a picocli mixin. Their environment variables
 * carry the service's prefix ({@code OP_PROPOSER_NUM_CONFIRMATIONS}, {@code
 * OP_BATCHER_TXMGR_MIN_TIP_CAP}): a command names its prefix through an {@link Env} default-value
 * provider, since annotation defaults cannot.
 *
 * <p>The defaults are op-service's {@code DefaultBatcherFlagValues}, which op-batcher and
 * op-proposer both take ({@code txmgr.CLIFlags}); only op-challenger has other ones.
 */
public final class TxManagerFlags {
  /**
   * The variable of each flag after the service's prefix, as op-service spells it (which is not
   * always the flag's name: {@code --txmgr.send-timeout} is {@code TXMGR_TX_SEND_TIMEOUT}).
   */
  static final Map<String, String> ENV =
      Map.ofEntries(
          Map.entry("--private-key", "PRIVATE_KEY"),
          Map.entry("--mnemonic", "MNEMONIC"),
          Map.entry("--hd-path", "HD_PATH"),
          Map.entry("--num-confirmations", "NUM_CONFIRMATIONS"),
          Map.entry("--safe-abort-nonce-too-low-count", "SAFE_ABORT_NONCE_TOO_LOW_COUNT"),
          Map.entry("--fee-limit-multiplier", "TXMGR_FEE_LIMIT_MULTIPLIER"),
          Map.entry("--txmgr.fee-limit-threshold", "TXMGR_FEE_LIMIT_THRESHOLD"),
          Map.entry("--txmgr.min-tip-cap", "TXMGR_MIN_TIP_CAP"),
          Map.entry("--txmgr.min-basefee", "TXMGR_MIN_BASEFEE"),
          Map.entry("--resubmission-timeout", "RESUBMISSION_TIMEOUT"),
          Map.entry("--network-timeout", "NETWORK_TIMEOUT"),
          Map.entry("--txmgr.send-timeout", "TXMGR_TX_SEND_TIMEOUT"),
          Map.entry("--txmgr.not-in-mempool-timeout", "TXMGR_TX_NOT_IN_MEMPOOL_TIMEOUT"),
          Map.entry("--txmgr.receipt-query-interval", "TXMGR_RECEIPT_QUERY_INTERVAL"));

  @Option(names = "--private-key", description = "The signer's private key (hex).")
  String privateKey;

  @Option(names = "--mnemonic", description = "The signer's BIP-39 mnemonic (with --hd-path).")
  String mnemonic;

  @Option(names = "--hd-path", description = "The signer's BIP-32 path, e.g. m/44'/60'/0'/0/0.")
  String hdPath;

  @Option(
      names = "--num-confirmations",
      defaultValue = "10",
      description = "L1 blocks a transaction waits for (default: ${DEFAULT-VALUE}).")
  long numConfirmations;

  @Option(
      names = "--safe-abort-nonce-too-low-count",
      defaultValue = "3",
      description =
          "'Nonce too low' answers after which a send gives up (default: ${DEFAULT-VALUE}).")
  int safeAbortNonceTooLowCount;

  @Option(
      names = "--fee-limit-multiplier",
      defaultValue = "5",
      description =
          "Most a bumped fee may be, times the suggested one (default: ${DEFAULT-VALUE}).")
  long feeLimitMultiplier;

  @Option(
      names = "--txmgr.fee-limit-threshold",
      defaultValue = "100",
      description = "Gwei below which fees are never refused (default: ${DEFAULT-VALUE}).")
  String feeLimitThreshold;

  @Option(
      names = "--txmgr.min-tip-cap",
      defaultValue = "1",
      description = "Least tip in gwei (default: ${DEFAULT-VALUE}).")
  String minTipCap;

  @Option(
      names = "--txmgr.min-basefee",
      defaultValue = "1",
      description = "Least base fee assumed, in gwei (default: ${DEFAULT-VALUE}).")
  String minBaseFee;

  @Option(
      names = "--resubmission-timeout",
      defaultValue = "48s",
      description = "Wait before a fee bump (default: ${DEFAULT-VALUE}).")
  String resubmissionTimeout;

  @Option(
      names = "--network-timeout",
      defaultValue = "10s",
      description = "Timeout of each L1 call (default: ${DEFAULT-VALUE}).")
  String networkTimeout;

  @Option(
      names = "--txmgr.send-timeout",
      defaultValue = "10m",
      description = "Timeout of a whole send, 0 for none (default: ${DEFAULT-VALUE}).")
  String txSendTimeout;

  @Option(
      names = "--txmgr.not-in-mempool-timeout",
      defaultValue = "2m",
      description = "Give up a send that never reached the pool (default: ${DEFAULT-VALUE}).")
  String txNotInMempoolTimeout;

  @Option(
      names = "--txmgr.receipt-query-interval",
      defaultValue = "12s",
      description = "How often receipts are asked for (default: ${DEFAULT-VALUE}).")
  String receiptQueryInterval;

  /** The signer the flags name; a {@link CommandFailure} saying which flag is wrong otherwise. */
  Secp256k1.PrivateKey key() {
    try {
      return SignerKeys.load(
          Optional.ofNullable(privateKey),
          Optional.ofNullable(mnemonic),
          Optional.ofNullable(hdPath));
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage());
    }
  }

  /**
   * The manager's settings; {@code maxPendingTx} is the service's own ({@code --max-pending-tx} in
   * op-batcher, one at a time in op-proposer).
   */
  TxManagerConfig config(int maxPendingTx) {
    try {
      return new TxManagerConfig(
          numConfirmations,
          safeAbortNonceTooLowCount,
          feeLimitMultiplier,
          Flags.parse("--txmgr.fee-limit-threshold", feeLimitThreshold, TxManagerConfig::gwei),
          Flags.parse("--txmgr.min-tip-cap", minTipCap, TxManagerConfig::gwei),
          Flags.parse("--txmgr.min-basefee", minBaseFee, TxManagerConfig::gwei),
          Flags.duration("--resubmission-timeout", resubmissionTimeout),
          Flags.duration("--network-timeout", networkTimeout),
          Flags.duration("--txmgr.send-timeout", txSendTimeout),
          Flags.duration("--txmgr.not-in-mempool-timeout", txNotInMempoolTimeout),
          Flags.duration("--txmgr.receipt-query-interval", receiptQueryInterval),
          maxPendingTx);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage());
    }
  }

  /**
   * Defaults from the environment for the mixin's flags: {@code <prefix>_<variable>}. Flags of the
   * command itself name their variables in their annotations and are left alone here. A command
   * names its prefix in a subclass, which picocli makes through its no-argument constructor.
   */
  abstract static class Env implements CommandLine.IDefaultValueProvider {
    private final String prefix;
    private final Map<String, String> environment;

    Env(String prefix) {
      this(prefix, System.getenv());
    }

    private Env(String prefix, Map<String, String> environment) {
      this.prefix = prefix;
      this.environment = environment;
    }

    /** The same variables read from {@code environment} instead of the process's (tests). */
    Env reading(Map<String, String> environment) {
      return new Env(prefix, environment) {};
    }

    /** The variable behind {@code arg}, if it is one of the mixin's flags. */
    Optional<String> variable(ArgSpec arg) {
      if (arg instanceof OptionSpec option && ENV.containsKey(option.longestName())) {
        return Optional.of(prefix + "_" + ENV.get(option.longestName()));
      }
      return Optional.empty();
    }

    @Override
    public String defaultValue(ArgSpec arg) {
      return variable(arg).map(environment::get).orElse(null);
    }
  }
}
