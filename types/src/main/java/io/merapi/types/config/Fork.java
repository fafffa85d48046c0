package io.merapi.types.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Ethereum (L1) hardforks in activation order. Rules are parameterised by fork from Berlin onward;
 * the older ones exist because transaction validity and test files name them. OP Stack hardforks
 * (Bedrock ... Holocene) are a separate axis: an OP chain runs one of these L1 rule sets
 * underneath.
 */
public enum Fork {
  FRONTIER("Frontier"),
  HOMESTEAD("Homestead"),
  TANGERINE_WHISTLE("EIP150"),
  SPURIOUS_DRAGON("EIP158"),
  BYZANTIUM("Byzantium"),
  CONSTANTINOPLE("Constantinople"),
  PETERSBURG("ConstantinopleFix"),
  ISTANBUL("Istanbul"),
  MUIR_GLACIER("MuirGlacier"),
  BERLIN("Berlin"),
  LONDON("London"),
  ARROW_GLACIER("ArrowGlacier"),
  GRAY_GLACIER("GrayGlacier"),
  PARIS("Paris"),
  SHANGHAI("Shanghai"),
  CANCUN("Cancun"),
  PRAGUE("Prague"),
  OSAKA("Osaka");

  private final String testName;

  Fork(String testName) {
    this.testName = testName;
  }

  /** The name ethereum/tests and geth's tools use for this fork ("EIP150", "Cancun", ...). */
  public String testName() {
    return testName;
  }

  public boolean isAtLeast(Fork other) {
    return compareTo(other) >= 0;
  }

  public boolean isBefore(Fork other) {
    return compareTo(other) < 0;
  }

  /**
   * The fork of a test-file or t8n name: the {@link #testName()}, the enum name, or the common
   * aliases ("Merge" for Paris, "Petersburg", "TangerineWhistle", "SpuriousDragon"),
   * case-insensitively.
   */
  public static Optional<Fork> fromName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT).replace("_", "");
    for (Fork fork : values()) {
      if (fork.testName.toLowerCase(Locale.ROOT).equals(n)
          || fork.name().toLowerCase(Locale.ROOT).replace("_", "").equals(n)) {
        return Optional.of(fork);
      }
    }
    return switch (n) {
      case "merge" -> Optional.of(PARIS);
      case "petersburg" -> Optional.of(PETERSBURG);
      case "tangerinewhistle" -> Optional.of(TANGERINE_WHISTLE);
      case "spuriousdragon" -> Optional.of(SPURIOUS_DRAGON);
      default -> Optional.empty();
    };
  }
}
