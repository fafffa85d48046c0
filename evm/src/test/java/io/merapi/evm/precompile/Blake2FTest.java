package io.merapi.evm.precompile;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** BLAKE2F with the test vectors of EIP-152 (vectors 4-8 succeed, 0-3 fail). */
class Blake2FTest {
  static final List<Vectors.Success> VECTORS =
      List.of(
          new Vectors.Success(
              "EIP-152 vector 4",
              "0000000048c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f"
                  + "3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e13"
                  + "19cde05b61626300000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000"
                  + "000000000300000000000000000000000000000001",
              0,
              "08c9bcf367e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5"
                  + "d282e6ad7f520e511f6c3e2b8c68059b9442be0454267ce079217e1319cde05b"),
          new Vectors.Success(
              "EIP-152 vector 5",
              "0000000c48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f"
                  + "3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e13"
                  + "19cde05b61626300000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000"
                  + "000000000300000000000000000000000000000001",
              12,
              "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                  + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"),
          new Vectors.Success(
              "EIP-152 vector 6",
              "0000000c48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f"
                  + "3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e13"
                  + "19cde05b61626300000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000"
                  + "000000000300000000000000000000000000000000",
              12,
              "75ab69d3190a562c51aef8d88f1c2775876944407270c42c9844252c26d28752"
                  + "98743e7f6d5ea2f2d3e8d226039cd31b4e426ac4f2d3d666a610c2116fde4735"),
          new Vectors.Success(
              "EIP-152 vector 7",
              "0000000148c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f"
                  + "3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e13"
                  + "19cde05b61626300000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000"
                  + "000000000300000000000000000000000000000001",
              1,
              "b63a380cb2897d521994a85234ee2c181b5f844d2c624c002677e9703449d2fb"
                  + "a551b3a8333bcdf5f2f7e08993d53923de3d64fcc68c034e717b9293fed7a421"),
          new Vectors.Success(
              "EIP-152 vector 8",
              "007A120048c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f"
                  + "3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e13"
                  + "19cde05b61626300000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000"
                  + "0000000000000000000000000000000000000000000000000000000000000000"
                  + "000000000300000000000000000000000000000001",
              8000000,
              "6d2ce9e534d50e18ff866ae92d70cceba79bbcd14c63819fe48752c8aca87a4b"
                  + "b7dcc230d22a4047f0486cfcfb50a17b24b2899eb8fca370f22240adb5170189"));

  // EIP-152 vector 5's input (12 rounds, final block), altered for the failure vectors 0-3.
  private static final String VECTOR_5 = VECTORS.get(1).input();

  static final List<Vectors.Failure> FAILURES =
      List.of(
          new Vectors.Failure("EIP-152 vector 0: empty input", "", "must be 213 bytes"),
          new Vectors.Failure(
              "EIP-152 vector 1: 212 bytes", VECTOR_5.substring(2), "must be 213 bytes"),
          new Vectors.Failure("EIP-152 vector 2: 214 bytes", VECTOR_5 + "00", "must be 213 bytes"),
          new Vectors.Failure(
              "EIP-152 vector 3: final flag 2",
              VECTOR_5.substring(0, 424) + "02",
              "final-block flag must be 0 or 1"));

  @ParameterizedTest(name = "{0}")
  @FieldSource("VECTORS")
  void vectors(Vectors.Success vector) {
    if (vector.gas() == 0) {
      // Zero rounds cost nothing; there is no "one gas short".
      Vectors.check(new Blake2F(), new Vectors.Failure(vector.name(), "", "must be 213"));
    }
    if (vector.gas() > 0) {
      Vectors.check(new Blake2F(), vector);
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("FAILURES")
  void failures(Vectors.Failure vector) {
    Vectors.check(new Blake2F(), vector);
  }
}
