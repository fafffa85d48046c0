package io.merapi.state.op;

import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import io.merapi.state.JournaledState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Canyon's state upgrade: the create2Deployer runtime code placed at {@link
 * Predeploys#CREATE2_DEPLOYER} in the block whose timestamp is the Canyon activation time (specs
 * predeploys.md/preinstalls.md "create2Deployer"; op-geth {@code EnsureCreate2Deployer}). Base
 * could not deploy it at its canonical address because of a deposit that bumped the deployer's
 * nonce, so every OP chain gets the code written directly at Canyon.
 *
 * <p>The code is protocol data, identified by its hash (op-geth's {@code create2DeployerCodeHash});
 * the bundled copy is checked against it when the class loads.
 */
public final class Create2Deployer {
  public static final Hash CODE_HASH =
      Hash.fromHex("0xb0550b5b431e30d38000efb7107aaa0ade03d48a7198a140edda9d27134468b2");

  private static final byte[] CODE = load();

  private Create2Deployer() {}

  public static byte[] code() {
    return CODE.clone();
  }

  /** Writes the code (no other field of the account changes). */
  public static void place(JournaledState state) {
    state.setCode(Predeploys.CREATE2_DEPLOYER, CODE.clone());
  }

  private static byte[] load() {
    try (InputStream in = Create2Deployer.class.getResourceAsStream("create2deployer.hex")) {
      if (in == null) {
        throw new IllegalStateException("create2deployer.hex is missing from the classpath");
      }
      byte[] code = Hex.decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
      Hash actual = Keccak256.digest(code);
      if (!actual.equals(CODE_HASH)) {
        throw new IllegalStateException(
            "bundled create2Deployer code hashes to " + actual + ", expected " + CODE_HASH);
      }
      return code;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
