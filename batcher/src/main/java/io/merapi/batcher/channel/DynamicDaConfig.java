package io.merapi.batcher.channel;

import io.merapi.service.txmgr.GasPriceEstimate;
import java.math.BigInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --data-availability-type auto} (op-batcher {@code DynamicEthChannelConfig}): for each new
 * channel, calldata or blobs, whichever costs less per byte at the current L1 fees. A calldata
 * transaction is taken to carry one full frame of mostly non-zero bytes (16 gas each, plus the
 * 21,000 of a transaction); a blob transaction the target number of full blobs (131,072 blob gas
 * each) plus the 21,000 gas. Starts with blobs; keeps the last choice when fees cannot be read.
 */
public final class DynamicDaConfig implements ChannelConfigProvider {
  private static final Logger log = LoggerFactory.getLogger(DynamicDaConfig.class);
  static final long TX_GAS = 21_000;
  static final long CALLDATA_GAS_PER_BYTE = 16;
  static final long BLOB_GAS_PER_BLOB = 131_072;

  private final ChannelConfig calldata;
  private final ChannelConfig blobs;
  private final Supplier<GasPriceEstimate> fees;
  private ChannelConfig last;

  /**
   * @param fees the current L1 fees; may throw (then the last choice stays)
   */
  public DynamicDaConfig(
      ChannelConfig calldata, ChannelConfig blobs, Supplier<GasPriceEstimate> fees) {
    if (calldata.useBlobs() || !blobs.useBlobs()) {
      throw new IllegalArgumentException("auto needs a calldata and a blob configuration");
    }
    this.calldata = calldata;
    this.blobs = blobs;
    this.fees = fees;
    this.last = blobs;
  }

  @Override
  public synchronized ChannelConfig channelConfig() {
    GasPriceEstimate now;
    try {
      now = fees.get();
    } catch (RuntimeException e) {
      log.warn(
          "Could not read L1 fees to choose calldata or blobs, keeping {}: {}",
          last.useBlobs() ? "blobs" : "calldata",
          e.getMessage());
      return last;
    }
    last = blobsCheaper(now, calldata, blobs) ? blobs : calldata;
    return last;
  }

  /** Whether blobs cost less per byte of frame data than calldata at {@code fees}. */
  public static boolean blobsCheaper(
      GasPriceEstimate fees, ChannelConfig calldata, ChannelConfig blobs) {
    BigInteger calldataPrice = fees.baseFee().add(fees.tipCap()).toBigInteger();
    long calldataBytes = calldata.maxFrameSize() + 1L;
    BigInteger calldataCost =
        BigInteger.valueOf(calldataBytes * CALLDATA_GAS_PER_BYTE + TX_GAS).multiply(calldataPrice);
    BigInteger blobCost =
        BigInteger.valueOf(BLOB_GAS_PER_BLOB * blobs.targetNumFrames())
            .multiply(fees.blobBaseFee().toBigInteger())
            .add(BigInteger.valueOf(TX_GAS).multiply(calldataPrice));
    long blobBytes =
        (long) io.merapi.derive.blob.BlobEncoding.MAX_DATA_SIZE * blobs.targetNumFrames();
    // blobCost / blobBytes <= calldataCost / calldataBytes, without division.
    return blobCost
            .multiply(BigInteger.valueOf(calldataBytes))
            .compareTo(calldataCost.multiply(BigInteger.valueOf(blobBytes)))
        <= 0;
  }
}
