package io.merapi.types.block;

import io.merapi.base.bytes.Address;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * EIP-4895 (Shanghai): a beacon-chain withdrawal credited to {@code address}, {@code amount} in
 * Gwei. RLP: {@code [index, validatorIndex, address, amount]}. OP chains carry an empty list.
 */
public record Withdrawal(long index, long validatorIndex, Address address, long amount) {
  public Withdrawal {
    Objects.requireNonNull(address, "address");
  }

  public void writeTo(RlpWriter writer) {
    writer
        .startList()
        .writeLong(index)
        .writeLong(validatorIndex)
        .writeAddress(address)
        .writeLong(amount)
        .endList();
  }

  public static Withdrawal readFrom(RlpReader reader) {
    RlpReader fields = reader.readList();
    Withdrawal withdrawal =
        new Withdrawal(
            fields.readLong(), fields.readLong(), fields.readAddress(), fields.readLong());
    fields.ensureEnd();
    return withdrawal;
  }

  /** Writes a list of withdrawals. */
  public static void writeListTo(RlpWriter writer, List<Withdrawal> withdrawals) {
    writer.startList();
    for (Withdrawal withdrawal : withdrawals) {
      withdrawal.writeTo(writer);
    }
    writer.endList();
  }

  public static List<Withdrawal> readListFrom(RlpReader reader) {
    RlpReader list = reader.readList();
    List<Withdrawal> withdrawals = new ArrayList<>();
    while (list.hasNext()) {
      withdrawals.add(readFrom(list));
    }
    return withdrawals;
  }
}
