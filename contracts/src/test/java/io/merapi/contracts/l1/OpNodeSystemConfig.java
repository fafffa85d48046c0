package io.merapi.contracts.l1;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.types.receipt.Log;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A SystemConfig's ConfigUpdate events applied as op-node applies them
 * (op-node/rollup/derive/system_config.go, ProcessSystemConfigUpdateLogEvent, with solabi's strict
 * readers: zero padding, exact lengths, no trailing bytes), written independently of the contract.
 * After Ecotone, a scalar that eth.CheckEcotoneL1SystemConfigScalar refuses is ignored.
 */
final class OpNodeSystemConfig {
  static final Hash TOPIC =
      Keccak256.digest("ConfigUpdate(uint256,uint8,bytes)".getBytes(StandardCharsets.UTF_8));

  /** The L2's view of the system config (eth.SystemConfig). */
  record Config(
      Address batcher, byte[] overhead, byte[] scalar, long gasLimit, byte[] eip1559Params) {
    Config {
      overhead = overhead.clone();
      scalar = scalar.clone();
      eip1559Params = eip1559Params.clone();
    }

    static Config empty() {
      return new Config(Address.ZERO, new byte[32], new byte[32], 0, new byte[8]);
    }
  }

  /** A log op-node refuses (a critical error in derivation) or does not know. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private OpNodeSystemConfig() {}

  /** Applies one ConfigUpdate log to `c`; `ecotone` as rollupCfg.IsEcotone(l1Time). */
  static Config apply(Config c, Log log, boolean ecotone) {
    if (log.topics().size() != 3 || !log.topics().get(0).equals(TOPIC)) {
      throw new Refused("not a ConfigUpdate");
    }
    if (!log.topics().get(1).equals(Hash.ZERO)) {
      throw new Refused("unrecognized version");
    }
    byte[] data = log.data().array();
    int type = log.topics().get(2).array()[31];
    if (!Arrays.equals(log.topics().get(2).array(), 0, 31, new byte[31], 0, 31)) {
      throw new Refused("unrecognized update type");
    }
    switch (type) {
      case 0 -> {
        Reader r = header(data, 32);
        Address batcher = r.address();
        r.end();
        return new Config(batcher, c.overhead(), c.scalar(), c.gasLimit(), c.eip1559Params());
      }
      case 1 -> {
        Reader r = header(data, 64);
        byte[] overhead = r.word();
        byte[] scalar = r.word();
        r.end();
        if (ecotone) {
          if (!ecotoneScalarValid(scalar)) {
            return c; // ignored, the old scalar stays
          }
          return new Config(c.batcher(), new byte[32], scalar, c.gasLimit(), c.eip1559Params());
        }
        return new Config(c.batcher(), overhead, scalar, c.gasLimit(), c.eip1559Params());
      }
      case 2 -> {
        Reader r = header(data, 32);
        long gasLimit = r.uint64();
        r.end();
        return new Config(c.batcher(), c.overhead(), c.scalar(), gasLimit, c.eip1559Params());
      }
      case 3 -> {
        return c; // the unsafe block signer: not a derivation value
      }
      case 4 -> {
        Reader r = header(data, 32);
        byte[] params = r.word();
        r.end();
        return new Config(
            c.batcher(),
            c.overhead(),
            c.scalar(),
            c.gasLimit(),
            Arrays.copyOfRange(params, 24, 32));
      }
      default -> throw new Refused("unrecognized update type " + type);
    }
  }

  /** eth.CheckEcotoneL1SystemConfigScalar. */
  static boolean ecotoneScalarValid(byte[] scalar) {
    return switch (scalar[0]) {
      case 0 -> isZero(scalar, 1, 28);
      case 1 -> isZero(scalar, 1, 24);
      default -> false;
    };
  }

  private static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static Reader header(byte[] data, long length) {
    Reader r = new Reader(data);
    if (r.uint64() != 32) {
      throw new Refused("invalid pointer field");
    }
    if (r.uint64() != length) {
      throw new Refused("invalid length field");
    }
    return r;
  }

  private static final class Reader {
    private final byte[] data;
    private int position;

    Reader(byte[] data) {
      this.data = data;
    }

    byte[] word() {
      if (position + 32 > data.length) {
        throw new Refused("short read");
      }
      byte[] w = Arrays.copyOfRange(data, position, position + 32);
      position += 32;
      return w;
    }

    long uint64() {
      byte[] w = word();
      if (!isZero(w, 0, 24)) {
        throw new Refused("number padding was not empty");
      }
      long v = 0;
      for (int i = 24; i < 32; i++) {
        v = (v << 8) | (w[i] & 0xff);
      }
      return v;
    }

    Address address() {
      byte[] w = word();
      if (!isZero(w, 0, 12)) {
        throw new Refused("address padding was not empty");
      }
      return Address.copyOf(w, 12);
    }

    void end() {
      if (position != data.length) {
        throw new Refused("too many bytes");
      }
    }
  }
}
