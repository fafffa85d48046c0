package io.merapi.base.abi;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Random types with random values encode and decode back to themselves. */
class AbiCodecProperties {

  @Property(tries = 2000)
  void encodeThenDecodeIsIdentity(@ForAll long seed) {
    Random random = new Random(seed);
    List<AbiType> types = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      AbiType t = randomType(random, 3);
      types.add(t);
      values.add(randomValue(random, t));
    }
    AbiType.Tuple tuple = new AbiType.Tuple(types);
    byte[] encoded = AbiCodec.encode(tuple, values);
    assertThat(encoded.length % 32).isZero();
    assertThat(AbiCodec.decode(tuple, encoded)).isEqualTo(values);
  }

  private static AbiType randomType(Random r, int depth) {
    int kind = r.nextInt(depth > 0 ? 10 : 7);
    return switch (kind) {
      case 0 -> new AbiType.UInt(8 * (1 + r.nextInt(32)));
      case 1 -> new AbiType.Int(8 * (1 + r.nextInt(32)));
      case 2 -> AbiType.ADDRESS;
      case 3 -> AbiType.BOOL;
      case 4 -> new AbiType.FixedBytes(1 + r.nextInt(32));
      case 5 -> AbiType.BYTES;
      case 6 -> AbiType.STRING;
      case 7 -> new AbiType.Array(randomType(r, depth - 1));
      case 8 -> new AbiType.FixedArray(randomType(r, depth - 1), 1 + r.nextInt(3));
      default -> {
        List<AbiType> components = new ArrayList<>();
        for (int i = 0, m = 1 + r.nextInt(3); i < m; i++) {
          components.add(randomType(r, depth - 1));
        }
        yield new AbiType.Tuple(components);
      }
    };
  }

  private static Object randomValue(Random r, AbiType type) {
    return switch (type) {
      case AbiType.UInt u -> {
        BigInteger v = new BigInteger(u.bits(), r);
        yield u.bits() < 32
            ? (Object) v.intValue()
            : u.bits() <= 64 ? v.longValue() : UInt256.valueOf(v);
      }
      case AbiType.Int i -> {
        BigInteger v = new BigInteger(i.bits() - 1, r);
        if (r.nextBoolean()) {
          v = v.negate().subtract(BigInteger.ONE);
        }
        yield i.bits() <= 32 ? (Object) v.intValue() : i.bits() <= 64 ? v.longValue() : v;
      }
      case AbiType.AddressType a -> Address.wrap(bytes(r, 20));
      case AbiType.Bool b -> r.nextBoolean();
      case AbiType.FixedBytes f ->
          f.length() == 32 ? Hash.wrap(bytes(r, 32)) : Bytes.wrap(bytes(r, f.length()));
      case AbiType.DynamicBytes d -> Bytes.wrap(bytes(r, r.nextInt(70)));
      case AbiType.StringType s -> "héllo ".repeat(r.nextInt(4));
      case AbiType.Array a -> values(r, a.element(), r.nextInt(4));
      case AbiType.FixedArray a -> values(r, a.element(), a.length());
      case AbiType.Tuple t -> {
        List<Object> list = new ArrayList<>();
        for (AbiType c : t.components()) {
          list.add(randomValue(r, c));
        }
        yield list;
      }
    };
  }

  private static List<Object> values(Random r, AbiType element, int n) {
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(randomValue(r, element));
    }
    return list;
  }

  private static byte[] bytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }
}
