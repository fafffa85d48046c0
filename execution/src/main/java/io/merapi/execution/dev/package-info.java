/**
 * {@code merapi execution --dev}: a single-node L1 on Cancun rules with the ten accounts of the
 * "test ... junk" mnemonic funded. Wiring:
 *
 * <pre>{@code
 * DevConfig config = DevConfig.defaults()            // ~/.merapi/dev on RocksDB, blocks on demand
 *     .withDataDir(Optional.of(datadir))              // --datadir; Optional.empty(): in memory
 *     .withPeriod(Duration.ofSeconds(devPeriod));     // --dev.period
 * DevChain dev = DevChain.open(config);               // chain, pool, payload builder, Engine API
 * // serve dev.chain(), dev.pool(), dev.engine() over JSON-RPC, then:
 * dev.start();
 * DevBanner.lines(dev, List.of(new DevBanner.Endpoint("HTTP JSON-RPC", httpUrl), ...))
 *     .forEach(System.out::println);
 * // on shutdown: dev.close();
 * }</pre>
 */
package io.merapi.execution.dev;
