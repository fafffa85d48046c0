package io.merapi.proposer.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.abi.AbiException;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hex;
import io.merapi.contracts.ContractCall;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.client.RpcClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one contract on L1 with the generated bindings' calls. A revert or an undecodable answer is
 * a {@link ContractReadException} naming the contract, the function and the reason; transport
 * failures pass through as they are (the caller retries them).
 */
public final class ContractReader {
  /** {@code eth_call} of {@code data} to {@code to} at the latest block: the return data. */
  @FunctionalInterface
  public interface EthCall {
    /**
     * @throws RpcException when the L1 answers an error (a revert: code 3 with the data)
     */
    byte[] call(Address to, Bytes data);
  }

  private final EthCall l1;
  private final Address address;
  private final String name;

  public ContractReader(EthCall l1, Address address, String name) {
    this.l1 = l1;
    this.address = address;
    this.name = name;
  }

  /** {@code eth_call} over JSON-RPC. */
  public static EthCall rpc(RpcClient client) {
    return (to, data) -> {
      Map<String, Object> tx = new LinkedHashMap<>();
      tx.put("to", to.toHex());
      tx.put("data", data.toHex());
      JsonNode result = client.call("eth_call", tx, "latest");
      if (result == null || !result.isTextual()) {
        throw new ContractReadException("eth_call to " + to + ": the L1 answered " + result);
      }
      return Hex.decode(result.asText());
    };
  }

  public Address address() {
    return address;
  }

  public <R> R read(ContractCall<R> call) {
    byte[] data;
    try {
      data = l1.call(address, call.data());
    } catch (RpcException e) {
      throw new ContractReadException(what(call) + " failed: " + e.describe());
    }
    if (data.length == 0) {
      // An account without code answers every call with nothing.
      throw new ContractReadException(
          what(call) + " returned no data: is there a " + name + " at " + address + "?");
    }
    try {
      return call.decode(data);
    } catch (AbiException e) {
      throw new ContractReadException(what(call) + " returned undecodable data: " + e.getMessage());
    }
  }

  private String what(ContractCall<?> call) {
    return name + " at " + address + ": " + call.function().name();
  }
}
