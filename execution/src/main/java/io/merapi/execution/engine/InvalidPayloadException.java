package io.merapi.execution.engine;

/** A payload that cannot stand for a block at all: an empty or undecodable transaction, ... */
public final class InvalidPayloadException extends RuntimeException {
  public InvalidPayloadException(String message) {
    super(message);
  }
}
