package io.merapi.faultproof.host;

import io.merapi.base.bytes.Hash;
import io.merapi.faultproof.boot.BootInfo;
import io.merapi.faultproof.kvstore.DataFormat;
import io.merapi.node.l1.RpcKind;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a host needs, as op-program's host flags give it.
 *
 * @param l1 {@code --l1}: the L1 JSON-RPC; with {@code l2} the host is online
 * @param l1Beacon {@code --l1.beacon}: the beacon API, for blobs
 * @param l1TrustRpc {@code --l1.trustrpc}
 * @param l1RpcKind {@code --l1.rpckind}
 * @param l2 {@code --l2}: the L2 execution node's JSON-RPC
 * @param datadir {@code --datadir}; empty keeps pre-images in memory
 * @param dataFormat {@code --data.format} for a new datadir
 * @param boot the local keys' values
 * @param l2Head {@code --l2.head}: the agreed L2 block, whose output {@code l2-output} serves
 */
public record HostOptions(
    Optional<URI> l1,
    Optional<URI> l1Beacon,
    boolean l1TrustRpc,
    RpcKind l1RpcKind,
    Optional<URI> l2,
    Optional<Path> datadir,
    DataFormat dataFormat,
    BootInfo boot,
    Optional<Hash> l2Head) {
  public HostOptions {
    Objects.requireNonNull(l1RpcKind, "l1RpcKind");
    Objects.requireNonNull(boot, "boot");
    if (l1.isPresent() != l2.isPresent()) {
      throw new IllegalArgumentException("--l1 and --l2 go together: online needs both");
    }
    if (l1.isEmpty() && datadir.isEmpty()) {
      throw new IllegalArgumentException("offline (no --l1 and --l2) needs --datadir");
    }
  }

  public boolean online() {
    return l1.isPresent();
  }
}
