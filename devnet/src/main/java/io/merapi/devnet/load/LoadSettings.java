package io.merapi.devnet.load;

import io.merapi.base.crypto.Secp256k1;
import io.merapi.execution.dev.DevAccounts;
import java.net.URI;
import java.util.Objects;

/**
 * What a {@link LoadGenerator} sends and to whom.
 *
 * @param l2Rpc the L2 engine's user JSON-RPC
 * @param funder the account that funds the senders (a devnet account nobody else sends from)
 * @param perSecond the target rate of transfers, all senders together
 * @param senders how many accounts send, derived from {@code mnemonic} on {@code m/44'/60'/0'/0/i}
 *     for {@code i} from {@code firstSenderIndex}
 * @param maxInFlightPerSender transactions of one sender sent and not yet answered by the node
 * @param mnemonic the BIP-39 mnemonic of the senders (the dev mnemonic by default)
 * @param firstSenderIndex the first BIP-44 address index: past the devnet's ten funded accounts, so
 *     the load never races a user's or a service's nonces
 */
public record LoadSettings(
    URI l2Rpc,
    Secp256k1.PrivateKey funder,
    double perSecond,
    int senders,
    int maxInFlightPerSender,
    String mnemonic,
    int firstSenderIndex) {
  public static final int DEFAULT_SENDERS = 8;
  public static final int DEFAULT_MAX_IN_FLIGHT = 32;
  public static final int DEFAULT_FIRST_SENDER_INDEX = 100;

  public LoadSettings {
    Objects.requireNonNull(l2Rpc, "l2Rpc");
    Objects.requireNonNull(funder, "funder");
    Objects.requireNonNull(mnemonic, "mnemonic");
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("the rate must be positive, got " + perSecond);
    }
    if (senders < 1 || maxInFlightPerSender < 1 || firstSenderIndex < 0) {
      throw new IllegalArgumentException(
          "need at least one sender, one transaction in flight and an index >= 0");
    }
  }

  /** {@code perSecond} transfers from eight senders at dev-mnemonic indexes 100 to 107. */
  public static LoadSettings of(URI l2Rpc, Secp256k1.PrivateKey funder, double perSecond) {
    return new LoadSettings(
        l2Rpc,
        funder,
        perSecond,
        DEFAULT_SENDERS,
        DEFAULT_MAX_IN_FLIGHT,
        DevAccounts.DEFAULT_MNEMONIC,
        DEFAULT_FIRST_SENDER_INDEX);
  }

  public LoadSettings withSenders(int senders) {
    return new LoadSettings(
        l2Rpc, funder, perSecond, senders, maxInFlightPerSender, mnemonic, firstSenderIndex);
  }
}
