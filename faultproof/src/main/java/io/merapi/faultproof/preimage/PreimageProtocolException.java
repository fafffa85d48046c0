package io.merapi.faultproof.preimage;

import java.io.IOException;

/**
 * The other side broke the oracle protocol: a stream that ends inside a message, a length beyond
 * what this side accepts. The stream cannot be trusted to be in step any more; the caller stops.
 */
public final class PreimageProtocolException extends IOException {
  public PreimageProtocolException(String message) {
    super(message);
  }
}
