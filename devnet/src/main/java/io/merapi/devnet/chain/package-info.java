/**
 * The devnet's chains: the choices that shape them ({@link io.merapi.devnet.chain.ChainSettings}),
 * their genesis files built once ({@link io.merapi.devnet.chain.DevnetGenesis}) and the data
 * directory that keeps them across restarts ({@link io.merapi.devnet.chain.DevnetDir}).
 */
package io.merapi.devnet.chain;
