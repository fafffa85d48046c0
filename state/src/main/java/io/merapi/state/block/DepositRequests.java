package io.merapi.state.block;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.types.receipt.Log;
import io.merapi.types.receipt.Receipt;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * EIP-6110: the deposit requests of a block, read from the deposit contract's {@code DepositEvent}
 * logs in receipt order. Each event's ABI encoding must have the fixed layout of the mainnet
 * contract (five dynamic fields at fixed offsets and sizes), else the block is invalid.
 */
final class DepositRequests {
  /** The mainnet deposit contract, for chains whose config names none. */
  static final Address MAINNET_DEPOSIT_CONTRACT =
      Address.fromHex("0x00000000219ab540356cbb839cbe05303d7705fa");

  /** keccak256("DepositEvent(bytes,bytes,bytes,bytes,bytes)"). */
  static final Hash DEPOSIT_EVENT_TOPIC =
      Hash.fromHex("0x649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5");

  private static final int EVENT_LENGTH = 576;

  /** Field offsets in the event data, and each field's byte size: pubkey ... index. */
  private static final int[] OFFSETS = {160, 256, 320, 384, 512};

  private static final int[] SIZES = {48, 32, 8, 96, 8};

  private static final String[] NAMES = {
    "pubkey", "withdrawal credentials", "amount", "signature", "index"
  };

  private DepositRequests() {}

  /** The concatenated deposit request data (no type byte) of {@code receipts}' deposit events. */
  static byte[] parse(List<Receipt> receipts, Address depositContract) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Receipt receipt : receipts) {
      for (Log log : receipt.logs()) {
        if (log.address().equals(depositContract)
            && !log.topics().isEmpty()
            && log.topics().get(0).equals(DEPOSIT_EVENT_TOPIC)) {
          out.writeBytes(depositData(log.data().array()));
        }
      }
    }
    return out.toByteArray();
  }

  /** pubkey ‖ withdrawal credentials ‖ amount ‖ signature ‖ index of one event. */
  static byte[] depositData(byte[] data) {
    if (data.length != EVENT_LENGTH) {
      throw new InvalidBlockException("invalid deposit event data length " + data.length);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(192);
    for (int i = 0; i < OFFSETS.length; i++) {
      if (word(data, 32 * i) != OFFSETS[i]) {
        throw new InvalidBlockException("invalid " + NAMES[i] + " offset in deposit log");
      }
      if (word(data, OFFSETS[i]) != SIZES[i]) {
        throw new InvalidBlockException("invalid " + NAMES[i] + " size in deposit log");
      }
      out.write(data, OFFSETS[i] + 32, SIZES[i]);
    }
    return out.toByteArray();
  }

  /** The 32-byte big-endian word at {@code at}, or -1 if it does not fit in an int. */
  private static long word(byte[] data, int at) {
    for (int i = at; i < at + 28; i++) {
      if (data[i] != 0) {
        return -1;
      }
    }
    return ((data[at + 28] & 0xffL) << 24)
        | ((data[at + 29] & 0xff) << 16)
        | ((data[at + 30] & 0xff) << 8)
        | (data[at + 31] & 0xff);
  }
}
