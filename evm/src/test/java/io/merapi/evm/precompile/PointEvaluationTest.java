package io.merapi.evm.precompile;

import static org.assertj.core.api.Assertions.assertThat;

import ethereum.ckzg4844.CKZG4844JNI;
import ethereum.ckzg4844.ProofAndY;
import io.merapi.base.bytes.Hex;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * POINT_EVALUATION (EIP-4844). One vector from go-ethereum's
 * core/vm/testdata/precompiles/pointEvaluation.json; the others are derived through jc-kzg-4844
 * itself: a blob, its commitment and a proof at a point, then tampered copies.
 */
class PointEvaluationTest {
  static final List<Vectors.Success> VECTORS =
      List.of(
          new Vectors.Success(
              "pointEvaluation1",
              "01e798154708fe7789429634053cbf9f99b619f9f084048927333fce637f549b"
                  + "564c0a11a0f704f4fc3e8acfe0f8245f0ad1347b378fbf96e206da11a5d36306"
                  + "24d25032e67a7e6a4910df5834b8fe70e6bcfeeac0352434196bdf4b2485d5a1"
                  + "8f59a8d2a1a625a17f3fea0fe5eb8c896db3764f3185481bc22f91b4aaffcca2"
                  + "5f26936857bc3a7c2539ea8ec3a952b7873033e038326e87ed3e1276fd140253"
                  + "fa08e9fc25fb2d9a98527fc22a2c9612fbeafdad446cbc7bcdbdcd780af2c16a",
              50000,
              "0000000000000000000000000000000000000000000000000000000000001000"
                  + "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001"));

  /** FIELD_ELEMENTS_PER_BLOB (4096) and BLS_MODULUS as two words: EIP-4844's return value. */
  private static final String RETURN_VALUE =
      "0000000000000000000000000000000000000000000000000000000000001000"
          + "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001";

  private static final BigInteger BLS_MODULUS = CKZG4844JNI.BLS_MODULUS;

  private static byte[] commitment;
  private static byte[] z;
  private static byte[] y;
  private static byte[] proof;

  @BeforeAll
  static void proveAPoint() {
    KzgTrustedSetup.ensureLoaded();
    Random random = new Random(4844);
    byte[] blob = new byte[CKZG4844JNI.BYTES_PER_BLOB];
    for (int i = 0; i < CKZG4844JNI.FIELD_ELEMENTS_PER_BLOB; i++) {
      BigInteger element = new BigInteger(256, random).mod(BLS_MODULUS);
      System.arraycopy(word(element), 0, blob, 32 * i, 32);
    }
    commitment = CKZG4844JNI.blobToKzgCommitment(blob);
    z = word(new BigInteger(256, random).mod(BLS_MODULUS));
    ProofAndY proofAndY = CKZG4844JNI.computeKzgProof(blob, z);
    proof = proofAndY.getProof();
    y = proofAndY.getY();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("VECTORS")
  void vectors(Vectors.Success vector) {
    Vectors.check(new PointEvaluation(), vector);
  }

  @Test
  void aProofMadeByTheLibraryVerifies() {
    Vectors.check(
        new PointEvaluation(),
        new Vectors.Success(
            "derived",
            Hex.encodePlain(input(versionedHash(commitment), z, y, commitment, proof)),
            50_000,
            RETURN_VALUE));
  }

  @Test
  void tamperedInputsFail() {
    byte[] hash = versionedHash(commitment);
    byte[] otherY = word(new BigInteger(1, y).add(BigInteger.ONE).mod(BLS_MODULUS));
    byte[] wrongVersion = hash.clone();
    wrongVersion[0] = 0x02;
    byte[] notAPoint = commitment.clone();
    notAPoint[5] ^= 0x40;
    List<Vectors.Failure> failures =
        List.of(
            new Vectors.Failure(
                "wrong claimed value y",
                hex(input(hash, z, otherY, commitment, proof)),
                "does not verify"),
            new Vectors.Failure(
                "proof for another point",
                hex(input(hash, otherY, y, commitment, proof)),
                "does not verify"),
            new Vectors.Failure(
                "versioned hash of version 2",
                hex(input(wrongVersion, z, y, commitment, proof)),
                "versioned hash"),
            new Vectors.Failure(
                "hash of another commitment",
                hex(input(versionedHash(proof), z, y, commitment, proof)),
                "versioned hash"),
            new Vectors.Failure(
                "z not below the modulus",
                hex(input(hash, word(BLS_MODULUS), y, commitment, proof)),
                "invalid KZG input"),
            new Vectors.Failure(
                "y not below the modulus",
                hex(input(hash, z, word(BLS_MODULUS.add(new BigInteger(1, y))), commitment, proof)),
                "invalid KZG input"),
            new Vectors.Failure(
                "commitment not a G1 point",
                hex(input(versionedHash(notAPoint), z, y, notAPoint, proof)),
                "invalid KZG input"),
            new Vectors.Failure(
                "191 bytes",
                hex(Arrays.copyOf(input(hash, z, y, commitment, proof), 191)),
                "192 bytes"),
            new Vectors.Failure("empty", "", "192 bytes"));
    for (Vectors.Failure failure : failures) {
      Vectors.check(new PointEvaluation(), failure);
    }
  }

  @Test
  void chargesFiftyThousand() {
    byte[] in = input(versionedHash(commitment), z, y, commitment, proof);
    assertThat(new PointEvaluation().execute(in, 49_999))
        .isEqualTo(new PrecompileResult.Failure("out of gas"));
  }

  private static byte[] input(byte[] hash, byte[] z, byte[] y, byte[] commitment, byte[] proof) {
    byte[] out = new byte[192];
    System.arraycopy(hash, 0, out, 0, 32);
    System.arraycopy(z, 0, out, 32, 32);
    System.arraycopy(y, 0, out, 64, 32);
    System.arraycopy(commitment, 0, out, 96, 48);
    System.arraycopy(proof, 0, out, 144, 48);
    return out;
  }

  private static byte[] versionedHash(byte[] commitment) {
    return PointEvaluation.kzgToVersionedHash(commitment);
  }

  private static String hex(byte[] bytes) {
    return Hex.encodePlain(bytes);
  }

  private static byte[] word(BigInteger value) {
    byte[] out = new byte[32];
    byte[] bytes = value.toByteArray();
    int skip = bytes.length > 32 ? bytes.length - 32 : 0;
    System.arraycopy(bytes, skip, out, 32 - (bytes.length - skip), bytes.length - skip);
    return out;
  }
}
