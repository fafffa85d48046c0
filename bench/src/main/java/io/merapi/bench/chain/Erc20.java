package io.merapi.bench.chain;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * A minimal ERC-20 {@code transfer(address,uint256)}, assembled by hand (no compiler here): the
 * balances are a Solidity mapping at slot 0 ({@code keccak256(pad(holder) ++ pad(0))}), a transfer
 * checks the sender's balance, writes both balances, logs {@code Transfer(from, to, amount)} and
 * returns true, as compiled tokens do; anything else reverts.
 */
final class Erc20 {
  static final Hash TRANSFER_TOPIC =
      Keccak256.digest("Transfer(address,address,uint256)".getBytes());

  static final byte[] CODE = assemble();

  private Erc20() {}

  /** The storage slot of {@code holder}'s balance. */
  static Hash balanceSlot(Address holder) {
    byte[] preimage = new byte[64];
    System.arraycopy(holder.array(), 0, preimage, 12, 20);
    return Keccak256.digest(preimage);
  }

  /** Calldata of {@code transfer(to, amount)}. */
  static Bytes transfer(Address to, long amount) {
    byte[] data = new byte[4 + 64];
    data[0] = (byte) 0xa9;
    data[1] = 0x05;
    data[2] = (byte) 0x9c;
    data[3] = (byte) 0xbb;
    System.arraycopy(to.array(), 0, data, 4 + 12, 20);
    System.arraycopy(UInt256.valueOf(amount).toBytes(), 0, data, 36, 32);
    return Bytes.wrap(data);
  }

  private static byte[] assemble() {
    Asm a = new Asm();
    a.push1(0).op(0x35).push1(0xe0).op(0x1c); // selector = calldata[0] >> 224
    a.op(0x63).bytes(0xa9, 0x05, 0x9c, 0xbb).op(0x14).pushLabel("transfer").op(0x57); // JUMPI
    a.push1(0).push1(0).op(0xfd); // REVERT
    a.label("transfer");
    a.op(0x33).push1(0).op(0x52); // mem[0] = caller
    a.push1(0).push1(0x20).op(0x52); // mem[32] = 0 (mapping slot 0)
    a.push1(0x40).push1(0).op(0x20); // fromSlot = keccak(mem[0..64])
    a.op(0x80).op(0x54); // fromSlot, balance
    a.push1(0x24).op(0x35); // fromSlot, balance, amount
    a.op(0x80).op(0x82).op(0x10).pushLabel("fail").op(0x57); // balance < amount: fail
    a.op(0x90).op(0x03); // fromSlot, balance - amount
    a.op(0x90).op(0x55); // SSTORE(fromSlot, balance - amount)
    a.push1(0x04).op(0x35).push1(0).op(0x52); // mem[0] = to
    a.push1(0x40).push1(0).op(0x20); // toSlot
    a.op(0x80).op(0x54).push1(0x24).op(0x35).op(0x01); // toSlot, toBalance + amount
    a.op(0x90).op(0x55); // SSTORE(toSlot, toBalance + amount)
    a.push1(0x24).op(0x35).push1(0).op(0x52); // mem[0] = amount
    a.push1(0x04).op(0x35).op(0x33); // topic2 = to, topic1 = from
    a.op(0x7f).bytes(TRANSFER_TOPIC.toArray()); // topic0
    a.push1(0x20).push1(0).op(0xa3); // LOG3(0, 32, ...)
    a.push1(1).push1(0).op(0x52).push1(0x20).push1(0).op(0xf3); // return true
    a.label("fail");
    a.push1(0).push1(0).op(0xfd);
    return a.finish();
  }

  /** Just enough of an assembler: opcodes, immediates, and PUSH2 references to labels. */
  private static final class Asm {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, Integer> labels = new HashMap<>();
    private final Map<Integer, String> references = new HashMap<>();

    Asm op(int opcode) {
      out.write(opcode);
      return this;
    }

    Asm bytes(int... values) {
      for (int v : values) {
        out.write(v);
      }
      return this;
    }

    Asm bytes(byte[] values) {
      out.writeBytes(values);
      return this;
    }

    Asm push1(int value) {
      return op(0x60).bytes(value);
    }

    Asm pushLabel(String label) {
      op(0x61);
      references.put(out.size(), label);
      return bytes(0, 0);
    }

    Asm label(String name) {
      labels.put(name, out.size());
      return op(0x5b); // JUMPDEST
    }

    byte[] finish() {
      byte[] code = out.toByteArray();
      references.forEach(
          (at, label) -> {
            int target = labels.get(label);
            code[at] = (byte) (target >> 8);
            code[at + 1] = (byte) target;
          });
      return code;
    }
  }
}
