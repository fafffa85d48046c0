package io.merapi.execution.dev.beacon;

import io.merapi.base.bytes.Hash;

/**
 * The {@code block_id} of a beacon API path: {@code head}, {@code genesis}, {@code finalized},
 * {@code justified}, a slot in decimal, or a block root in hex (beacon-APIs, {@code
 * /eth/v1/beacon/blob_sidecars/{block_id}}).
 */
public sealed interface BlockId {
  record Head() implements BlockId {}

  record Genesis() implements BlockId {}

  record Finalized() implements BlockId {}

  /** The last justified checkpoint; the dev chain answers with its safe block. */
  record Justified() implements BlockId {}

  record Slot(long slot) implements BlockId {}

  record Root(Hash root) implements BlockId {}

  /**
   * Reads a path segment.
   *
   * @throws BeaconApiException 400, as a beacon node answers an id it cannot read
   */
  static BlockId parse(String text) {
    switch (text) {
      case "head" -> {
        return new Head();
      }
      case "genesis" -> {
        return new Genesis();
      }
      case "finalized" -> {
        return new Finalized();
      }
      case "justified" -> {
        return new Justified();
      }
      default -> {}
    }
    if (text.startsWith("0x") && text.length() == 2 + 2 * Hash.LENGTH) {
      try {
        return new Root(Hash.fromHex(text));
      } catch (IllegalArgumentException e) {
        throw BeaconApiException.badRequest("Invalid block ID: " + text);
      }
    }
    if (!text.isEmpty() && text.length() <= 20 && text.chars().allMatch(Character::isDigit)) {
      try {
        return new Slot(Long.parseLong(text));
      } catch (NumberFormatException e) {
        // past Long.MAX_VALUE: no such slot can be asked for
      }
    }
    throw BeaconApiException.badRequest("Invalid block ID: " + text);
  }
}
