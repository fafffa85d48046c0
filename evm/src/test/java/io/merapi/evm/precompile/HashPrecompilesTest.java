package io.merapi.evm.precompile;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** SHA256, RIPEMD160 and IDENTITY: digests of known inputs and the per-word prices. */
class HashPrecompilesTest {
  // Digests from FIPS 180-2 (SHA-256 of "abc") and the RIPEMD-160 reference page.
  static final List<Vectors.Success> SHA256 =
      List.of(
          new Vectors.Success(
              "empty", "", 60, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
          new Vectors.Success(
              "abc",
              "616263",
              72,
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
          new Vectors.Success(
              "33 bytes: two words",
              "00".repeat(33),
              84,
              "7f9c9e31ac8256ca2f258583df262dbc7d6f68f2a03043d5c99a4ae5a7396ce9"));

  static final List<Vectors.Success> RIPEMD160 =
      List.of(
          new Vectors.Success(
              "empty", "", 600, "0000000000000000000000009c1185a5c5e9fc54612808977ee8f548b2258d31"),
          new Vectors.Success(
              "abc",
              "616263",
              720,
              "0000000000000000000000008eb208f7e05d987a9b044a8e98c6b087f15a0bfc"));

  static final List<Vectors.Success> IDENTITY =
      List.of(
          new Vectors.Success("empty", "", 15, ""),
          new Vectors.Success("one byte", "ab", 18, "ab"),
          new Vectors.Success("32 bytes", "11".repeat(32), 18, "11".repeat(32)),
          new Vectors.Success("33 bytes", "22".repeat(33), 21, "22".repeat(33)));

  @ParameterizedTest(name = "{0}")
  @FieldSource("SHA256")
  void sha256(Vectors.Success vector) {
    Vectors.check(new Sha256Hash(), vector);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("RIPEMD160")
  void ripemd160(Vectors.Success vector) {
    Vectors.check(new Ripemd160Hash(), vector);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("IDENTITY")
  void identity(Vectors.Success vector) {
    Vectors.check(new Identity(), vector);
  }
}
