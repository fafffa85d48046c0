/**
 * The Engine API (execution-apis {@code src/engine}): how a consensus client, or the dev chain's
 * producer, drives the chain. Wiring on the authenticated port:
 *
 * <pre>{@code
 * PayloadBuilder builder = new PayloadBuilder(chain, Optional.of(pool), BuilderConfig.defaults());
 * EngineApi engine = new EngineApi(chain, builder);
 * engine.bindTo(meterRegistry);                       // engine.* timers
 * RpcMethods auth = new RpcMethods();
 * engine.register(auth);                              // engine_* methods
 * // plus the eth_ subset common.md requires on this port, then:
 * RpcServer.builder(RpcServerConfig.engineApi(JwtSecret.loadOrGenerate(file)).withPort(8551))
 *     .methods(auth).start();
 * }</pre>
 */
package io.merapi.execution.engine;
