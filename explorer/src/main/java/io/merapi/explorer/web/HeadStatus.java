package io.merapi.explorer.web;

import io.merapi.explorer.Chain;
import io.merapi.service.rollup.SyncStatus;

/**
 * Where a block stands, from the rollup node's sync status: on L2 {@code unsafe} (sequenced, not
 * yet derived from L1 data), {@code safe} (derived from L1 data) or {@code finalized} (derived from
 * finalized L1 data); on L1 {@code latest}, {@code safe} or {@code finalized} as the node sees the
 * L1 (specs: protocol/overview.md, "L2 chain heads").
 */
public enum HeadStatus {
  UNSAFE("unsafe"),
  SAFE("safe"),
  FINALIZED("finalized"),
  LATEST("latest");

  private final String word;

  HeadStatus(String word) {
    this.word = word;
  }

  /** The word a person sees. */
  public String word() {
    return word;
  }

  public static HeadStatus of(Chain chain, long number, SyncStatus status) {
    return switch (chain) {
      case L2 -> {
        if (number <= status.finalizedL2().number()) {
          yield FINALIZED;
        }
        yield number <= status.safeL2().number() ? SAFE : UNSAFE;
      }
      case L1 -> {
        if (status.finalizedL1().number() > 0 && number <= status.finalizedL1().number()) {
          yield FINALIZED;
        }
        yield status.safeL1().number() > 0 && number <= status.safeL1().number() ? SAFE : LATEST;
      }
    };
  }
}
