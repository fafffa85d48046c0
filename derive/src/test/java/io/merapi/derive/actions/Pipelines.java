package io.merapi.derive.actions;

import io.merapi.derive.pipeline.DerivationPipeline;
import io.merapi.derive.source.BlobSource;
import io.merapi.derive.source.L1Source;
import io.merapi.derive.source.L2Source;
import io.merapi.types.config.RollupConfig;

/** The derivation pipeline a node of the harness runs: the project's own, from its sources. */
final class Pipelines {
  private Pipelines() {}

  static DerivationPipeline create(
      RollupConfig rollup, L1Source l1, BlobSource blobs, L2Source l2) {
    return new DerivationPipeline(rollup, l1, blobs, l2);
  }
}
