package io.merapi.devnet.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The choices that shape the devnet's chains, fixed when its genesis is built and kept in {@code
 * chain-settings.json}: a restart with other values would need other genesis files (the L1 block
 * time also fixes the beacon API's slots), so it is refused with a pointer to {@code --fresh}.
 *
 * @param l1BlockTime seconds between L1 blocks ({@code --l1.block-time})
 * @param l2BlockTime seconds between L2 blocks ({@code --l2.block-time})
 * @param proofs how withdrawals are proven
 */
public record ChainSettings(long l1BlockTime, long l2BlockTime, Proofs proofs) {
  /** How the portal proves withdrawals ({@code --proofs}). */
  public sealed interface Proofs permits DisputeGames, OutputOracle {
    /** The {@code --proofs} value. */
    String flag();
  }

  /**
   * OptimismPortal2 with the DisputeGameFactory and the fast game type.
   *
   * @param proofMaturityDelaySeconds how long a proven withdrawal waits ({@code
   *     --proof-maturity-delay})
   * @param disputeGameFinalityDelaySeconds how long a resolved game waits ({@code
   *     --dispute-game-finality-delay})
   */
  public record DisputeGames(long proofMaturityDelaySeconds, long disputeGameFinalityDelaySeconds)
      implements Proofs {
    public DisputeGames {
      requireNotNegative(proofMaturityDelaySeconds, "--proof-maturity-delay");
      requireNotNegative(disputeGameFinalityDelaySeconds, "--dispute-game-finality-delay");
    }

    @Override
    public String flag() {
      return "dispute-games";
    }
  }

  /**
   * The seeds' design: OptimismPortal with the L2OutputOracle.
   *
   * @param submissionInterval L2 blocks between outputs ({@code --l2oo.submission-interval})
   * @param finalizationPeriodSeconds how long an output waits ({@code --finalization-period})
   */
  public record OutputOracle(long submissionInterval, long finalizationPeriodSeconds)
      implements Proofs {
    public OutputOracle {
      if (submissionInterval < 1) {
        throw new IllegalArgumentException("--l2oo.submission-interval must be at least 1");
      }
      requireNotNegative(finalizationPeriodSeconds, "--finalization-period");
    }

    @Override
    public String flag() {
      return "l2oo";
    }
  }

  public ChainSettings {
    Objects.requireNonNull(proofs, "proofs");
    if (l1BlockTime < 1) {
      throw new IllegalArgumentException("--l1.block-time must be at least 1 s");
    }
    if (l2BlockTime < 1) {
      throw new IllegalArgumentException("--l2.block-time must be at least 1 s");
    }
  }

  /** The devnet's defaults: 6 s L1 blocks, 2 s L2 blocks, dispute games with delays 12 s/6 s. */
  public static ChainSettings defaults() {
    return new ChainSettings(6, 2, new DisputeGames(12, 6));
  }

  /** The L2OutputOracle's defaults (the OP devnet template's): an output every 10 blocks, 2 s. */
  public static OutputOracle outputOracleDefaults() {
    return new OutputOracle(10, 2);
  }

  /**
   * How {@code asked} differs from these settings (the chain's), one sentence per flag, each naming
   * {@code --fresh}; empty when the chain can be reopened with them.
   */
  public List<String> conflicts(ChainSettings asked) {
    List<String> out = new ArrayList<>();
    differs(out, "--l1.block-time", l1BlockTime, asked.l1BlockTime);
    differs(out, "--l2.block-time", l2BlockTime, asked.l2BlockTime);
    if (!proofs.flag().equals(asked.proofs.flag())) {
      out.add(
          "the devnet was created with --proofs "
              + proofs.flag()
              + ", not "
              + asked.proofs.flag()
              + "; use --fresh to start a new one");
    } else if (proofs instanceof DisputeGames mine && asked.proofs instanceof DisputeGames other) {
      differs(
          out,
          "--proof-maturity-delay",
          mine.proofMaturityDelaySeconds,
          other.proofMaturityDelaySeconds);
      differs(
          out,
          "--dispute-game-finality-delay",
          mine.disputeGameFinalityDelaySeconds,
          other.disputeGameFinalityDelaySeconds);
    } else if (proofs instanceof OutputOracle mine && asked.proofs instanceof OutputOracle other) {
      differs(out, "--l2oo.submission-interval", mine.submissionInterval, other.submissionInterval);
      differs(
          out,
          "--finalization-period",
          mine.finalizationPeriodSeconds,
          other.finalizationPeriodSeconds);
    }
    return out;
  }

  private static void differs(List<String> out, String flag, long chain, long asked) {
    if (chain != asked) {
      out.add(
          "the devnet was created with "
              + flag
              + " "
              + chain
              + ", not "
              + asked
              + "; use --fresh to start a new one");
    }
  }

  /** {@code chain-settings.json}. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("l1BlockTime", l1BlockTime);
    json.put("l2BlockTime", l2BlockTime);
    json.put("proofs", proofs.flag());
    switch (proofs) {
      case DisputeGames games -> {
        json.put("proofMaturityDelaySeconds", games.proofMaturityDelaySeconds());
        json.put("disputeGameFinalityDelaySeconds", games.disputeGameFinalityDelaySeconds());
      }
      case OutputOracle oracle -> {
        json.put("submissionInterval", oracle.submissionInterval());
        json.put("finalizationPeriodSeconds", oracle.finalizationPeriodSeconds());
      }
    }
    return json;
  }

  public static ChainSettings fromJson(JsonNode json) {
    String kind = text(json, "proofs");
    Proofs proofs =
        switch (kind) {
          case "dispute-games" ->
              new DisputeGames(
                  number(json, "proofMaturityDelaySeconds"),
                  number(json, "disputeGameFinalityDelaySeconds"));
          case "l2oo" ->
              new OutputOracle(
                  number(json, "submissionInterval"), number(json, "finalizationPeriodSeconds"));
          default ->
              throw new IllegalArgumentException("chain-settings.json: unknown proofs " + kind);
        };
    return new ChainSettings(number(json, "l1BlockTime"), number(json, "l2BlockTime"), proofs);
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("chain-settings.json: " + field + " missing");
    }
    return value.asText();
  }

  private static long number(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.canConvertToLong()) {
      throw new IllegalArgumentException("chain-settings.json: " + field + " missing");
    }
    return value.asLong();
  }

  private static void requireNotNegative(long value, String flag) {
    if (value < 0) {
      throw new IllegalArgumentException(flag + " must not be negative");
    }
  }
}
