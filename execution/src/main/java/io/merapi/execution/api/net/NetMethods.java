package io.merapi.execution.api.net;

import io.merapi.base.bytes.Hex;
import io.merapi.rpc.RpcMethods;

/**
 * {@code net_version} (the network id in decimal), {@code net_listening} and {@code net_peerCount}.
 * The execution node has no peer-to-peer network of its own yet: blocks come from the consensus
 * client over the Engine API, so it reports no peers.
 */
public final class NetMethods {
  private final String networkId;

  public NetMethods(long networkId) {
    this.networkId = Long.toUnsignedString(networkId);
  }

  public void register(RpcMethods methods) {
    methods.inline("net_version", 0, 0, p -> networkId);
    methods.inline("net_listening", 0, 0, p -> Boolean.TRUE);
    methods.inline("net_peerCount", 0, 0, p -> Hex.quantity(0));
  }
}
