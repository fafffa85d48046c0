package io.merapi.service.txmgr;

/**
 * Where the manager gets its fee suggestion before the floors apply. The L1 is the one source in
 * production ({@link L1TxManager#l1Fees}); the interface is the seam a test uses to start a
 * transaction too cheap to be mined.
 */
@FunctionalInterface
interface FeeSource {
  GasPriceEstimate suggest();
}
