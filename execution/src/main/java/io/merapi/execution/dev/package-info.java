/**
 * {@code merapi execution --dev}: a single-node L1 on Cancun rules with the ten accounts of the
 * "test ... junk" mnemonic funded. Wiring in the node, which opens the chain itself:
 *
 * <pre>{@code
 * DevConfig config = DevConfig.defaults()              // blocks on demand, ~/.merapi/dev
 *     .withDataDir(Optional.of(datadir))                // --datadir (shown in the banner)
 *     .withPeriod(Duration.ofSeconds(devPeriod));       // --dev.period
 * Genesis genesis = DevChain.genesis(config, DevAccounts.derive(config.mnemonic(), config.accounts()));
 * Blockchain chain = Blockchain.initialize(store, genesis);
 * DevChain dev = DevChain.on(chain, config);           // pool, payload builder, Engine API, producer
 * PoolAccess pool = new TxPoolAccess(dev.pool(), false);
 * dev.engine().register(authMethods);
 * dev.start();
 * DevBanner.lines(dev, List.of(new DevBanner.Endpoint("HTTP JSON-RPC", httpUrl), ...))
 *     .forEach(System.out::println);
 * // on shutdown: dev.close() (then the node closes its store)
 * }</pre>
 *
 * {@link io.merapi.execution.dev.DevChain#open} does the same in a store of its own (tests, an
 * embedded devnet).
 */
package io.merapi.execution.dev;
