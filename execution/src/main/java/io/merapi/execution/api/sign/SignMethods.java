package io.merapi.execution.api.sign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.execution.api.ChainAccess;
import io.merapi.execution.api.ChainJson;
import io.merapi.execution.api.PoolAccess;
import io.merapi.execution.api.call.CallArgs;
import io.merapi.execution.api.eth.EthCallMethods;
import io.merapi.execution.api.eth.EthChainMethods;
import io.merapi.rpc.Params;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.RpcJson;
import io.merapi.rpc.RpcMethods;
import io.merapi.types.json.RpcTransaction;
import io.merapi.types.transaction.SignedTransaction;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The methods that sign with the node's own accounts, as geth {@code --dev}, anvil and Hardhat
 * serve them: {@code eth_accounts}, {@code eth_sendTransaction}, {@code eth_signTransaction},
 * {@code eth_sign}, and {@code eth_fillTransaction} (which signs nothing and works on any node, as
 * in geth); where the node holds keys also {@code personal_sign} and {@code eth_signTypedData_v4}.
 * A node without keys lists no accounts and answers geth's {@code unknown account} to a request to
 * sign; the two methods geth does not serve do not exist there.
 */
public final class SignMethods {
  private final NodeAccounts accounts;
  private final TransactionFiller filler;
  private final PoolAccess pool;
  private final BigInteger txFeeCapWei;

  public SignMethods(
      NodeAccounts accounts, TransactionFiller filler, PoolAccess pool, BigInteger txFeeCapWei) {
    this.accounts = accounts;
    this.filler = filler;
    this.pool = pool;
    this.txFeeCapWei = txFeeCapWei;
  }

  public void register(RpcMethods methods) {
    methods.inline(
        "eth_accounts", 0, 0, p -> accounts.addresses().stream().map(Address::toHex).toList());
    methods.blocking("eth_sendTransaction", 1, 1, this::sendTransaction);
    methods.blocking("eth_signTransaction", 1, 1, this::signTransaction);
    methods.blocking("eth_fillTransaction", 1, 1, this::fillTransaction);
    methods.blocking("eth_sign", 2, 2, p -> sign(p, 0, 1));
    if (!accounts.isEmpty()) {
      methods.blocking("personal_sign", 2, 3, p -> sign(p, 1, 0));
      methods.blocking("eth_signTypedData_v4", 2, 2, this::signTypedData);
    }
  }

  private Object sendTransaction(Params params) {
    CallArgs args = EthCallMethods.callArgs(params, 0);
    Address from = args.sender();
    Secp256k1.PrivateKey key = accounts.key(from).orElseThrow(SignMethods::unknownAccount);
    SignedTransaction signed = filler.fill(args).sign(key);
    EthChainMethods.checkFee(signed, txFeeCapWei);
    return pool.submit(signed).toHex();
  }

  /** geth's {@code SignTransaction}: gas, fees and nonce must be given; the rest is filled. */
  private Object signTransaction(Params params) {
    CallArgs args = EthCallMethods.callArgs(params, 0);
    if (args.from().isEmpty()) {
      throw ChainAccess.serverError("from not specified");
    }
    if (args.gas().isEmpty()) {
      throw ChainAccess.serverError("gas not specified");
    }
    if (args.gasPrice().isEmpty()
        && (args.maxPriorityFeePerGas().isEmpty() || args.maxFeePerGas().isEmpty())) {
      throw ChainAccess.serverError("missing gasPrice or maxFeePerGas/maxPriorityFeePerGas");
    }
    if (args.nonce().isEmpty()) {
      throw ChainAccess.serverError("nonce not specified");
    }
    Secp256k1.PrivateKey key = accounts.key(args.sender()).orElseThrow(SignMethods::unknownAccount);
    SignedTransaction signed = filler.fill(args).sign(key);
    EthChainMethods.checkFee(signed, txFeeCapWei);
    return rawAndTx(signed);
  }

  private Object fillTransaction(Params params) {
    return rawAndTx(filler.fill(EthCallMethods.callArgs(params, 0)));
  }

  /** geth's {@code SignTransactionResult}: the encoding and the transaction as JSON. */
  private static Map<String, Object> rawAndTx(SignedTransaction tx) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("raw", Hex.encode(tx.encoded()));
    out.put("tx", new ChainJson(RpcTransaction.pending(tx)));
    return out;
  }

  /** {@code eth_sign(address, data)} and {@code personal_sign(data, address)}: EIP-191. */
  private Object sign(Params params, int addressIndex, int dataIndex) {
    Secp256k1.PrivateKey key =
        accounts.key(params.address(addressIndex)).orElseThrow(SignMethods::unknownAccount);
    return Hex.encode(
        MessageSignatures.sign(MessageSignatures.personalHash(message(params, dataIndex)), key));
  }

  /**
   * The message to sign: hex data, as geth takes it; text that is not {@code 0x} hex is signed as
   * its UTF-8 bytes, as MetaMask and Hardhat sign it.
   */
  private static byte[] message(Params params, int index) {
    String text = params.string(index);
    if (text.startsWith("0x") || text.startsWith("0X")) {
      try {
        return Hex.decode(text);
      } catch (IllegalArgumentException e) {
        // Not hex after all: plain text that starts with 0x.
      }
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code eth_signTypedData_v4(address, typedData)}: the data as an object or JSON text. */
  private Object signTypedData(Params params) {
    Secp256k1.PrivateKey key =
        accounts.key(params.address(0)).orElseThrow(SignMethods::unknownAccount);
    JsonNode node = params.node(1);
    if (node.isTextual()) {
      try {
        node = RpcJson.mapper().readTree(node.textValue());
      } catch (JsonProcessingException e) {
        throw Params.invalid(1, "typed data is not JSON: " + e.getOriginalMessage());
      }
    }
    TypedData data;
    try {
      data = TypedData.parse(node);
      return Hex.encode(MessageSignatures.sign(data.signingHash(), key));
    } catch (IllegalArgumentException e) {
      throw Params.invalid(1, e.getMessage());
    }
  }

  /** geth's {@code accounts.ErrUnknownAccount}. */
  static RpcException unknownAccount() {
    return RpcError.server("unknown account").exception();
  }
}
