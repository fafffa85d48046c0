package io.merapi.derive.actions;

import io.merapi.derive.SystemConfigUpdates;
import io.merapi.derive.attributes.AttributesBuilder;
import io.merapi.derive.pipeline.DerivationPipeline;
import io.merapi.derive.source.BlobSource;
import io.merapi.derive.source.L1Source;
import io.merapi.derive.source.L2Source;
import io.merapi.types.config.RollupConfig;

/** The derivation pipeline a node of the harness runs, with the project's own parts. */
final class Pipelines {
  private Pipelines() {}

  static DerivationPipeline create(
      RollupConfig rollup, L1Source l1, BlobSource blobs, L2Source l2) {
    AttributesBuilder builder = new AttributesBuilder(rollup, l1, l2);
    return new DerivationPipeline(
        rollup,
        l1,
        blobs,
        l2,
        new DerivationPipeline.Parts(
            data -> {
              throw new UnsupportedOperationException("the frame parser is not merged yet");
            },
            (channel, maxRlpBytes, brotli) -> {
              throw new UnsupportedOperationException("the channel decoder is not merged yet");
            },
            blob -> {
              throw new UnsupportedOperationException("the blob decoder is not merged yet");
            },
            (current, receipts, time) ->
                SystemConfigUpdates.apply(
                    current, receipts, rollup.l1SystemConfigAddress(), rollup, time),
            builder::prepare));
  }
}
