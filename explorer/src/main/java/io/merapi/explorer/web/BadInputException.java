package io.merapi.explorer.web;

/** A URL part that is not what its route takes (a hash that is not 32 bytes of hex, ...). */
final class BadInputException extends RuntimeException {
  private final String input;

  BadInputException(String input, String message) {
    super(message);
    this.input = input;
  }

  String input() {
    return input;
  }
}
