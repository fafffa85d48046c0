package io.merapi.state;

import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.Delegation;
import io.merapi.evm.Host;
import io.merapi.types.transaction.Authorization;
import io.merapi.types.transaction.IntrinsicGas;
import java.util.List;
import java.util.Optional;

/**
 * EIP-7702's authorization processing: each valid authorization of a set-code transaction writes a
 * delegation designator (or, to the zero address, clears the code) in its authority's account and
 * bumps the authority's nonce. An invalid authorization is skipped, never failing the transaction.
 * Runs after the sender's nonce increment and before the call, outside the call's checkpoint: a
 * reverting call keeps the delegations.
 */
final class SetCodeAuthorizations {
  /** EIP-7702 {@code PER_AUTH_BASE_COST}: what an authority that already exists costs. */
  static final long PER_AUTH_BASE_COST = 12_500;

  /** The refund for an authority already in the state: intrinsic gas charged it as empty. */
  static final long EXISTING_AUTHORITY_REFUND =
      IntrinsicGas.PER_EMPTY_ACCOUNT_COST - PER_AUTH_BASE_COST;

  private SetCodeAuthorizations() {}

  /** Applies {@code authorizations} on chain {@code chainId}; returns the gas to refund. */
  static long apply(Host host, long chainId, List<Authorization> authorizations) {
    UInt256 chain = UInt256.valueOf(chainId);
    long refund = 0;
    for (Authorization auth : authorizations) {
      if (!auth.chainId().isZero() && !auth.chainId().equals(chain)) {
        continue;
      }
      if (auth.nonce() == -1L) { // the nonce must stay below 2^64 - 1 after the bump
        continue;
      }
      Optional<Address> recovered = auth.authority();
      if (recovered.isEmpty()) {
        continue;
      }
      Address authority = recovered.get();
      host.accessAccount(authority);
      byte[] code = host.code(authority);
      if (code.length > 0 && !Delegation.isDesignator(code)) {
        continue; // a contract cannot be taken over
      }
      if (host.nonce(authority) != auth.nonce()) {
        continue;
      }
      if (host.exists(authority)) {
        refund += EXISTING_AUTHORITY_REFUND;
      }
      host.setCode(
          authority,
          auth.address().equals(Address.ZERO)
              ? new byte[0]
              : Delegation.designator(auth.address()));
      host.setNonce(authority, auth.nonce() + 1);
    }
    return refund;
  }
}
