package io.merapi.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code merapi batch}: batcher data tools, after op-node's {@code batch_decoder}: {@code decode}
 * prints what a batcher transaction, its calldata or a channel holds; {@code encode} turns L2
 * blocks into batcher transaction data.
 */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    description = "Batcher data tools: decode frames, channels and batches; encode blocks.",
    subcommands = {BatchDecodeCommand.class, BatchEncodeCommand.class})
public final class BatchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: decode, encode");
  }

  /**
   * The bytes of {@code file}: binary, or text holding {@code 0x} and hex digits (surrounding
   * whitespace allowed).
   */
  static byte[] readInput(Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CommandFailure("cannot read " + file + ": " + e.getMessage());
    }
    String text = new String(content, StandardCharsets.ISO_8859_1).strip();
    if (!text.startsWith("0x") && !text.startsWith("0X")) {
      if (content.length == 0) {
        throw new CommandFailure(file + " is empty");
      }
      return content;
    }
    String digits = text.substring(2);
    for (int i = 0; i < digits.length(); i++) {
      if (Character.digit(digits.charAt(i), 16) < 0) {
        throw new CommandFailure(
            file
                + " starts with 0x but is not hex: character "
                + printable(digits.charAt(i))
                + " at position "
                + (i + 2));
      }
    }
    if (digits.length() % 2 != 0) {
      throw new CommandFailure(file + " has an odd number of hex digits (" + digits.length() + ")");
    }
    if (digits.isEmpty()) {
      throw new CommandFailure(file + " holds no data after 0x");
    }
    return HexFormat.of().parseHex(digits.toLowerCase(Locale.ROOT));
  }

  private static String printable(char c) {
    return c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }
}
