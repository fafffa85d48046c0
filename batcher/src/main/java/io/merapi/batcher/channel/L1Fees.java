package io.merapi.batcher.channel;

import java.math.BigInteger;

/** The L1 fees the data-availability choice compares, in wei per gas and per blob gas. */
public record L1Fees(BigInteger tipCap, BigInteger baseFee, BigInteger blobBaseFee) {}
