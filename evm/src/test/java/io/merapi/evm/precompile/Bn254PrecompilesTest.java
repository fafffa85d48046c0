package io.merapi.evm.precompile;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hex;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * ECADD, ECMUL and ECPAIRING through the precompile interface: prices, padding, failures. Vectors
 * are hand-picked from go-ethereum's core/vm/testdata/precompiles/bn256{Add,ScalarMul,Pairing}.json
 * (originally from the EIP-196/197 test suites by chfast, cdetrio and jeff).
 */
class Bn254PrecompilesTest {
  static final List<Vectors.Success> ADD =
      List.of(
          new Vectors.Success(
              "chfast1",
              "18b18acfb4c2c30276db5411368e7185b311dd124691610c5d3b74034e093dc9"
                  + "063c909c4720840cb5134cb9f59fa749755796819658d32efc0d288198f37266"
                  + "07c2b7f58a84bd6145f00c9c2bc0bb1a187f20ff2c92963a88019e7c6a014eed"
                  + "06614e20c147e940f2d70da3f74c9a17df361706a4485c742bd6788478fa17d7",
              150,
              "2243525c5efd4b9c3d3c45ac0ca3fe4dd85e830a4ce6b65fa1eeaee202839703"
                  + "301d1d33be6da8e509df21cc35964723180eed7532537db9ae5e7d48f195c915"),
          new Vectors.Success(
              "chfast2",
              "2243525c5efd4b9c3d3c45ac0ca3fe4dd85e830a4ce6b65fa1eeaee202839703"
                  + "301d1d33be6da8e509df21cc35964723180eed7532537db9ae5e7d48f195c915"
                  + "18b18acfb4c2c30276db5411368e7185b311dd124691610c5d3b74034e093dc9"
                  + "063c909c4720840cb5134cb9f59fa749755796819658d32efc0d288198f37266",
              150,
              "2bd3e6d0f3b142924f5ca7b49ce5b9d54c4703d7ae5648e61d02268b1a0a9fb7"
                  + "21611ce0a6af85915e2f1d70300909ce2e49dfad4a4619c8390cae66cefdb204"),
          new Vectors.Success(
              "cdetrio1",
              "0000000000000000000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000",
              150,
              "0000000000000000000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000"),
          new Vectors.Success(
              "cdetrio6",
              "0000000000000000000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000001"
                  + "0000000000000000000000000000000000000000000000000000000000000002",
              150,
              "0000000000000000000000000000000000000000000000000000000000000001"
                  + "0000000000000000000000000000000000000000000000000000000000000002"),
          new Vectors.Success(
              "cdetrio13",
              "17c139df0efee0f766bc0204762b774362e4ded88953a39ce849a8a7fa163fa9"
                  + "01e0559bacb160664764a357af8a9fe70baa9258e0b959273ffc5718c6d4cc7c"
                  + "039730ea8dff1254c0fee9c0ea777d29a9c710b7e616683f194f18c43b43b869"
                  + "073a5ffcc6fc7a28c30723d6e58ce577356982d65b833a5a5c15bf9024b43d98",
              150,
              "15bf2bb17880144b5d1cd2b1f46eff9d617bffd1ca57c37fb5a49bd84e53cf66"
                  + "049c797f9ce0d17083deb32b5e36f2ea2a212ee036598dd7624c168993d1355f"));

  static final List<Vectors.Success> MUL =
      List.of(
          new Vectors.Success(
              "chfast1",
              "2bd3e6d0f3b142924f5ca7b49ce5b9d54c4703d7ae5648e61d02268b1a0a9fb7"
                  + "21611ce0a6af85915e2f1d70300909ce2e49dfad4a4619c8390cae66cefdb204"
                  + "00000000000000000000000000000000000000000000000011138ce750fa15c2",
              6000,
              "070a8d6a982153cae4be29d434e8faef8a47b274a053f5a4ee2a6c9c13c31e5c"
                  + "031b8ce914eba3a9ffb989f9cdd5b0f01943074bf4f0f315690ec3cec6981afc"),
          new Vectors.Success(
              "chfast3",
              "025a6f4181d2b4ea8b724290ffb40156eb0adb514c688556eb79cdea0752c2bb"
                  + "2eff3f31dea215f1eb86023a133a996eb6300b44da664d64251d05381bb8a02e"
                  + "183227397098d014dc2822db40c0ac2ecbc0b548b438e5469e10460b6c3e7ea3",
              6000,
              "14789d0d4a730b354403b5fac948113739e276c23e0258d8596ee72f9cd9d323"
                  + "0af18a63153e0ec25ff9f2951dd3fa90ed0197bfef6e2a1a62b5095b9d2b4a27"),
          new Vectors.Success(
              "cdetrio2",
              "1a87b0584ce92f4593d161480614f2989035225609f08058ccfa3d0f940febe3"
                  + "1a2f3c951f6dadcc7ee9007dff81504b0fcd6d7cf59996efdc33d92bf7f9f8f6"
                  + "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000000",
              6000,
              "1a87b0584ce92f4593d161480614f2989035225609f08058ccfa3d0f940febe3"
                  + "163511ddc1c3f25d396745388200081287b3fd1472d8339d5fecb2eae0830451"),
          new Vectors.Success(
              "zeroScalar",
              "039730ea8dff1254c0fee9c0ea777d29a9c710b7e616683f194f18c43b43b869"
                  + "073a5ffcc6fc7a28c30723d6e58ce577356982d65b833a5a5c15bf9024b43d98"
                  + "0000000000000000000000000000000000000000000000000000000000000000",
              6000,
              "0000000000000000000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000"));

  static final List<Vectors.Success> PAIRING =
      List.of(
          new Vectors.Success(
              "jeff1",
              "1c76476f4def4bb94541d57ebba1193381ffa7aa76ada664dd31c16024c43f59"
                  + "3034dd2920f673e204fee2811c678745fc819b55d3e9d294e45c9b03a76aef41"
                  + "209dd15ebff5d46c4bd888e51a93cf99a7329636c63514396b4a452003a35bf7"
                  + "04bf11ca01483bfa8b34b43561848d28905960114c8ac04049af4b6315a41678"
                  + "2bb8324af6cfc93537a2ad1a445cfd0ca2a71acd7ac41fadbf933c2a51be344d"
                  + "120a2a4cf30c1bf9845f20c6fe39e07ea2cce61f0c9bb048165fe5e4de877550"
                  + "111e129f1cf1097710d41c4ac70fcdfa5ba2023c6ff1cbeac322de49d1b6df7c"
                  + "2032c61a830e3c17286de9462bf242fca2883585b93870a73853face6a6bf411"
                  + "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
                  + "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
                  + "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
                  + "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa",
              113000,
              "0000000000000000000000000000000000000000000000000000000000000001"),
          new Vectors.Success(
              "jeff6",
              "1c76476f4def4bb94541d57ebba1193381ffa7aa76ada664dd31c16024c43f59"
                  + "3034dd2920f673e204fee2811c678745fc819b55d3e9d294e45c9b03a76aef41"
                  + "209dd15ebff5d46c4bd888e51a93cf99a7329636c63514396b4a452003a35bf7"
                  + "04bf11ca01483bfa8b34b43561848d28905960114c8ac04049af4b6315a41678"
                  + "2bb8324af6cfc93537a2ad1a445cfd0ca2a71acd7ac41fadbf933c2a51be344d"
                  + "120a2a4cf30c1bf9845f20c6fe39e07ea2cce61f0c9bb048165fe5e4de877550"
                  + "111e129f1cf1097710d41c4ac70fcdfa5ba2023c6ff1cbeac322de49d1b6df7c"
                  + "103188585e2364128fe25c70558f1560f4f9350baf3959e603cc91486e110936"
                  + "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
                  + "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
                  + "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
                  + "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa",
              113000,
              "0000000000000000000000000000000000000000000000000000000000000000"),
          new Vectors.Success(
              "empty_data",
              "",
              45000,
              "0000000000000000000000000000000000000000000000000000000000000001"),
          new Vectors.Success(
              "one_point",
              "0000000000000000000000000000000000000000000000000000000000000001"
                  + "0000000000000000000000000000000000000000000000000000000000000002"
                  + "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
                  + "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
                  + "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
                  + "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa",
              79000,
              "0000000000000000000000000000000000000000000000000000000000000000"),
          new Vectors.Success(
              "two_point_match_2",
              "0000000000000000000000000000000000000000000000000000000000000001"
                  + "0000000000000000000000000000000000000000000000000000000000000002"
                  + "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
                  + "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
                  + "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
                  + "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa"
                  + "0000000000000000000000000000000000000000000000000000000000000001"
                  + "0000000000000000000000000000000000000000000000000000000000000002"
                  + "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
                  + "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
                  + "275dc4a288d1afb3cbb1ac09187524c7db36395df7be3b99e673b13a075a65ec"
                  + "1d9befcd05a5323e6da4d435f3b617cdb3af83285c2df711ef39c01571827f9d",
              113000,
              "0000000000000000000000000000000000000000000000000000000000000001"));

  private static final String G1_GENERATOR = Vectors.zeros(31) + "01" + Vectors.zeros(31) + "02";
  // EIP-197's generator of G2: x = (x_imaginary, x_real), y = (y_imaginary, y_real).
  private static final String G2_GENERATOR =
      "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
          + "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
          + "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
          + "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa";

  static final List<Vectors.Failure> FAILURES =
      List.of(
          new Vectors.Failure(
              "ECADD point off the curve",
              Vectors.zeros(31) + "01" + Vectors.zeros(31) + "01",
              "not on the curve"),
          new Vectors.Failure(
              "ECADD coordinate equal to p",
              "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47"
                  + Vectors.zeros(32),
              "not below the field modulus"),
          new Vectors.Failure(
              "ECPAIRING length not a multiple of 192",
              G1_GENERATOR + G2_GENERATOR + "00",
              "not a multiple of 192"),
          new Vectors.Failure(
              "ECPAIRING G2 point off the twist",
              G1_GENERATOR + G2_GENERATOR.substring(0, 254) + "ab",
              "not on the twist"),
          new Vectors.Failure(
              "ECPAIRING invalid G1 paired with infinity",
              Vectors.zeros(31) + "01" + Vectors.zeros(31) + "01" + Vectors.zeros(128),
              "not on the curve"));

  @ParameterizedTest(name = "{0}")
  @FieldSource("ADD")
  void add(Vectors.Success vector) {
    Vectors.check(Bn254Add.ISTANBUL, vector);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("MUL")
  void mul(Vectors.Success vector) {
    Vectors.check(Bn254Mul.ISTANBUL, vector);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("PAIRING")
  void pairing(Vectors.Success vector) {
    Vectors.check(Bn254Pairing.ISTANBUL, vector);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("FAILURES")
  void failures(Vectors.Failure vector) {
    Precompile precompile =
        vector.name().startsWith("ECADD") ? Bn254Add.ISTANBUL : Bn254Pairing.ISTANBUL;
    Vectors.check(precompile, vector);
  }

  @Test
  void shortInputIsZeroPaddedAndLongInputIsCut() {
    // ECMUL of the generator by 2, given only the point and a one-byte... scalar zero-padded:
    // "G1 || 02" reads as the scalar 0x02 followed by 31 zero bytes = 2^249.
    byte[] padded = Hex.decode(G1_GENERATOR + "02");
    byte[] full = Hex.decode(G1_GENERATOR + "02" + Vectors.zeros(31));
    assertThat(output(Bn254Mul.ISTANBUL.execute(padded, 6000)))
        .isEqualTo(output(Bn254Mul.ISTANBUL.execute(full, 6000)));
    byte[] longer = Hex.decode(G1_GENERATOR + "02" + Vectors.zeros(31) + "ffff");
    assertThat(output(Bn254Mul.ISTANBUL.execute(longer, 6000)))
        .isEqualTo(output(Bn254Mul.ISTANBUL.execute(full, 6000)));
  }

  @Test
  void byzantiumPrices() {
    byte[] pair = Hex.decode(G1_GENERATOR + G2_GENERATOR);
    assertThat(gas(Bn254Add.BYZANTIUM.execute(new byte[0], 1_000_000))).isEqualTo(500);
    assertThat(gas(Bn254Mul.BYZANTIUM.execute(new byte[0], 1_000_000))).isEqualTo(40_000);
    assertThat(gas(Bn254Pairing.BYZANTIUM.execute(pair, 1_000_000))).isEqualTo(180_000);
    assertThat(gas(Bn254Pairing.ISTANBUL.execute(pair, 1_000_000))).isEqualTo(79_000);
  }

  @Test
  void graniteInputLimit() {
    Bn254Pairing granite =
        Bn254Pairing.ISTANBUL.withMaxInputLength(
            PrecompileConfig.GRANITE_BN254_PAIRING_MAX_INPUT_LENGTH);
    assertThat(granite.maxInputLength()).isEqualTo(OptionalInt.of(112_687));
    // 586 pairs (112512 bytes) are allowed; 587 (112704 bytes) exceed the limit even when paid.
    byte[] allowed = Hex.decode((Vectors.zeros(64) + G2_GENERATOR).repeat(586));
    byte[] tooLong = Hex.decode((Vectors.zeros(64) + G2_GENERATOR).repeat(587));
    assertThat(granite.execute(allowed, Long.MAX_VALUE))
        .isInstanceOf(PrecompileResult.Success.class);
    PrecompileResult rejected = granite.execute(tooLong, Long.MAX_VALUE);
    assertThat(rejected).isInstanceOf(PrecompileResult.Failure.class);
    assertThat(((PrecompileResult.Failure) rejected).reason()).contains("exceeds the limit");
    assertThat(Bn254Pairing.ISTANBUL.execute(tooLong, Long.MAX_VALUE))
        .isInstanceOf(PrecompileResult.Success.class);
  }

  private static byte[] output(PrecompileResult result) {
    return ((PrecompileResult.Success) result).output();
  }

  private static long gas(PrecompileResult result) {
    return ((PrecompileResult.Success) result).gasUsed();
  }
}
