package io.merapi.types.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import io.merapi.types.block.Header;
import io.merapi.types.block.Withdrawal;
import io.merapi.types.receipt.Log;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.Authorization;
import io.merapi.types.transaction.Transaction;
import java.io.IOException;
import java.util.function.Function;

/**
 * Jackson bindings for the chain types in the Ethereum JSON-RPC conventions. Registers, for writing
 * and reading: {@link Hash}, {@link Address}, {@link Bytes}, {@link LogsBloom} (data), {@link
 * UInt256} (quantity), {@link AccessList}, {@link Authorization}, {@link Log}, {@link Receipt},
 * {@link Withdrawal}, {@link Header}, {@link Transaction} (as a pending {@link RpcTransaction}) and
 * the RPC views {@link RpcTransaction}, {@link RpcReceipt}, {@link RpcLog}, {@link RpcBlock}.
 * Malformed input fails with a {@link JsonMappingException} naming the field.
 */
public final class MerapiJsonModule extends SimpleModule {
  public MerapiJsonModule() {
    super("merapi-types");
    bind(Hash.class, (out, v) -> out.writeString(v.toHex()), n -> JsonValues.hashElement(n));
    bind(
        Address.class,
        (out, v) -> out.writeString(v.toHex()),
        n -> Address.wrap(JsonValues.dataElement(n).toArray()));
    bind(Bytes.class, (out, v) -> out.writeString(v.toHex()), JsonValues::dataElement);
    bind(
        LogsBloom.class,
        (out, v) -> out.writeString(v.toHex()),
        n -> LogsBloom.wrap(JsonValues.dataElement(n).toArray()));
    bind(UInt256.class, (out, v) -> out.writeString(v.toQuantity()), MerapiJsonModule::quantity);
    bind(AccessList.class, TransactionJson::writeAccessList, TransactionJson::readAccessList);
    bind(
        Authorization.class,
        TransactionJson::writeAuthorization,
        TransactionJson::readAuthorization);
    bind(Log.class, ReceiptJson::writeLog, ReceiptJson::readLog);
    bind(Receipt.class, ReceiptJson::writeReceipt, ReceiptJson::readReceipt);
    bind(Withdrawal.class, BlockJson::writeWithdrawal, BlockJson::readWithdrawal);
    bind(Header.class, BlockJson::writeHeader, BlockJson::readHeader);
    bind(
        Transaction.class,
        (out, v) -> TransactionJson.write(out, RpcTransaction.pending(v)),
        n -> TransactionJson.read(n).transaction());
    bind(RpcTransaction.class, TransactionJson::write, TransactionJson::read);
    bind(RpcReceipt.class, ReceiptJson::write, ReceiptJson::read);
    bind(RpcLog.class, ReceiptJson::writeLog, ReceiptJson::readRpcLog);
    bind(RpcBlock.class, BlockJson::writeBlock, BlockJson::readBlock);
  }

  private static UInt256 quantity(JsonNode node) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException("expected a hex quantity");
    }
    return UInt256.valueOf(Hex.parseBigQuantity(node.asText()));
  }

  @FunctionalInterface
  private interface Writer<T> {
    void write(JsonGenerator out, T value) throws IOException;
  }

  private <T> void bind(Class<T> type, Writer<T> writer, Function<JsonNode, T> reader) {
    addSerializer(
        type,
        new JsonSerializer<T>() {
          @Override
          public void serialize(T value, JsonGenerator out, SerializerProvider provider)
              throws IOException {
            writer.write(out, value);
          }
        });
    addDeserializer(
        type,
        new JsonDeserializer<T>() {
          @Override
          public T deserialize(JsonParser parser, DeserializationContext context)
              throws IOException {
            JsonNode node = parser.readValueAsTree();
            try {
              return reader.apply(node);
            } catch (IllegalArgumentException | ArithmeticException e) {
              throw JsonMappingException.from(
                  parser, type.getSimpleName() + ": " + e.getMessage(), e);
            }
          }
        });
  }
}
