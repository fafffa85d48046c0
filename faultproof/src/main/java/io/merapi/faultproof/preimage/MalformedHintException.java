package io.merapi.faultproof.preimage;

/** A hint that does not have the wire form or the data length its route expects. */
public final class MalformedHintException extends IllegalArgumentException {
  public MalformedHintException(String message) {
    super(message);
  }
}
