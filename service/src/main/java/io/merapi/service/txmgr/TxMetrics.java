package io.merapi.service.txmgr;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The manager's meters, named after op-service's txmgr metrics ({@code txmgr_current_nonce}, {@code
 * txmgr_pending_txs}, {@code txmgr_basefee_wei}, {@code txmgr_blob_basefee_wei}, {@code
 * txmgr_tipcap_wei}, {@code txmgr_tx_gas_bump}, {@code txmgr_tx_publish_error_count} by error,
 * {@code txmgr_rpc_error_count}) plus sent, confirmed and failed counters. A service prefixes them
 * by the registry's naming or common tags.
 */
final class TxMetrics {
  private final MeterRegistry registry;
  private final AtomicLong nonce = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong baseFee = new AtomicLong();
  private final AtomicLong blobBaseFee = new AtomicLong();
  private final AtomicLong tipCap = new AtomicLong();
  private final AtomicLong gasBumps = new AtomicLong();
  private final Counter sent;
  private final Counter confirmed;
  private final Counter failed;
  private final Counter rpcErrors;
  private final ConcurrentHashMap<String, Counter> publishErrors = new ConcurrentHashMap<>();

  TxMetrics(MeterRegistry registry) {
    this.registry = registry;
    gauge("txmgr_current_nonce", "The nonce of the latest transaction sent", nonce);
    gauge("txmgr_pending_txs", "Candidates being sent and not yet confirmed or failed", pending);
    gauge("txmgr_basefee_wei", "The L1 base fee seen last", baseFee);
    gauge("txmgr_blob_basefee_wei", "The L1 blob base fee seen last", blobBaseFee);
    gauge("txmgr_tipcap_wei", "The tip suggested last", tipCap);
    gauge("txmgr_tx_gas_bump", "Fee bumps of the transaction confirmed last", gasBumps);
    sent = counter("txmgr_tx_sent", "Transaction versions accepted by the L1 pool");
    confirmed = counter("txmgr_tx_confirmed", "Candidates mined and confirmed");
    failed = counter("txmgr_tx_failed", "Candidates given up with an error");
    rpcErrors = counter("txmgr_rpc_error_count", "L1 calls that failed");
  }

  private void gauge(String name, String help, AtomicLong value) {
    Gauge.builder(name, value, AtomicLong::doubleValue).description(help).register(registry);
  }

  private Counter counter(String name, String help) {
    return Counter.builder(name).description(help).register(registry);
  }

  void nonce(long value) {
    nonce.set(value);
  }

  void pendingChanged(int delta) {
    pending.addAndGet(delta);
  }

  void fees(GasPriceEstimate estimate) {
    baseFee.set(estimate.baseFee().clampToLong());
    blobBaseFee.set(estimate.blobBaseFee().clampToLong());
    tipCap.set(estimate.tipCap().clampToLong());
  }

  void sent() {
    sent.increment();
  }

  void confirmed(int bumps) {
    confirmed.increment();
    gasBumps.set(bumps);
  }

  void failed() {
    failed.increment();
  }

  void rpcError() {
    rpcErrors.increment();
  }

  void publishError(String error) {
    publishErrors
        .computeIfAbsent(
            error,
            e ->
                Counter.builder("txmgr_tx_publish_error_count")
                    .description("Refused publications by error")
                    .tag("error", e)
                    .register(registry))
        .increment();
  }
}
