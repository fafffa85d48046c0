package io.merapi.deployer.tx;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcTransportException;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a deployment's transactions to an L1 over JSON-RPC, signed with the deployer's key:
 * EIP-1559 transactions with the gas estimated by the node (plus a margin) and fees from the latest
 * base fee, one at a time, each waited for until its receipt shows it included. A transaction that
 * would revert is refused before it is sent (the estimate fails with the revert reason); transport
 * failures are retried with backoff.
 */
public final class RpcTransactor implements Transactor {
  private static final Logger LOG = LoggerFactory.getLogger(RpcTransactor.class);

  /** Added to estimates: storage refunds and warm/cold differences make estimates tight. */
  private static final double GAS_MARGIN = 1.2;

  private static final UInt256 DEFAULT_TIP = UInt256.valueOf(1_000_000_000L);

  private static final int RETRIES = 5;

  private final RpcClient client;
  private final Secp256k1.PrivateKey key;
  private final long chainId;
  private final Duration receiptTimeout;
  private long nonce;

  /** The receipt facts a deployment needs. */
  public record Receipt(Hash transactionHash, long blockNumber, Hash blockHash, long gasUsed) {}

  private Receipt lastReceipt;

  public RpcTransactor(RpcClient client, Secp256k1.PrivateKey key, Duration receiptTimeout) {
    this.client = client;
    this.key = key;
    this.receiptTimeout = receiptTimeout;
    this.chainId = quantity(retry("eth_chainId", () -> client.call("eth_chainId"))).toLongExact();
    this.nonce =
        quantity(
                retry(
                    "eth_getTransactionCount",
                    () -> client.call("eth_getTransactionCount", from().toHex(), "pending")))
            .toLongExact();
  }

  public long chainId() {
    return chainId;
  }

  /** The receipt of the last transaction sent (the block where the deployment ended). */
  public Optional<Receipt> lastReceipt() {
    return Optional.ofNullable(lastReceipt);
  }

  @Override
  public Address from() {
    return key.address();
  }

  @Override
  public Address deploy(String what, byte[] deployment) {
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("from", from().toHex());
    call.put("data", Hex.encode(deployment));
    JsonNode receipt = transact(what, Optional.empty(), UInt256.ZERO, Bytes.wrap(deployment), call);
    Address created = Address.fromHex(receipt.path("contractAddress").asText());
    LOG.info("deployed {} at {} (gas {})", what, created, quantity(receipt.path("gasUsed")));
    return created;
  }

  @Override
  public void send(String what, Address to, ContractCall<?> contractCall, UInt256 value) {
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("from", from().toHex());
    call.put("to", to.toHex());
    call.put("data", contractCall.data().toHex());
    if (!value.isZero()) {
      call.put("value", value.toQuantity());
    }
    JsonNode receipt = transact(what, Optional.of(to), value, contractCall.data(), call);
    LOG.info("{} (gas {})", what, quantity(receipt.path("gasUsed")));
  }

  @Override
  public <R> R call(Address to, ContractCall<R> contractCall) {
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("to", to.toHex());
    call.put("data", contractCall.data().toHex());
    JsonNode result =
        retry("eth_call", () -> callOrRevert("read " + contractCall.function().name(), call));
    return contractCall.decode(Hex.decode(result.asText()));
  }

  private JsonNode transact(
      String what, Optional<Address> to, UInt256 value, Bytes data, Map<String, Object> call) {
    long estimate = quantity(retry("eth_estimateGas", () -> estimate(what, call))).toLongExact();
    long gas = (long) Math.ceil(estimate * GAS_MARGIN);
    JsonNode latest =
        retry("eth_getBlockByNumber", () -> client.call("eth_getBlockByNumber", "latest", false));
    UInt256 baseFee =
        latest.hasNonNull("baseFeePerGas") ? quantity(latest.get("baseFeePerGas")) : UInt256.ZERO;
    UInt256 tip = tip();
    UInt256 maxFee = baseFee.multiply(UInt256.valueOf(2)).add(tip);
    DynamicFeeTransaction unsigned =
        new DynamicFeeTransaction(
            chainId,
            nonce,
            tip,
            maxFee,
            gas,
            to,
            value,
            data,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ONE,
            UInt256.ONE);
    DynamicFeeTransaction signed =
        unsigned.withSignature(Secp256k1.sign(unsigned.signingHash(), key));
    String raw = Hex.encode(signed.encoded());
    Hash hash;
    try {
      hash = Hash.fromHex(client.call("eth_sendRawTransaction", raw).asText());
    } catch (RpcException e) {
      throw new DeploymentException(what + ": the L1 refused the transaction: " + e.getMessage());
    }
    nonce++;
    JsonNode receipt = awaitReceipt(what, hash);
    if (!"0x1".equals(receipt.path("status").asText())) {
      throw new DeploymentException(what + " reverted in transaction " + hash);
    }
    lastReceipt =
        new Receipt(
            hash,
            quantity(receipt.path("blockNumber")).toLongExact(),
            Hash.fromHex(receipt.path("blockHash").asText()),
            quantity(receipt.path("gasUsed")).toLongExact());
    return receipt;
  }

  private JsonNode estimate(String what, Map<String, Object> call) {
    try {
      return client.call("eth_estimateGas", call);
    } catch (RpcException e) {
      throw new DeploymentException(what + " would fail: " + e.describe());
    }
  }

  private JsonNode callOrRevert(String what, Map<String, Object> call) {
    try {
      return client.call("eth_call", call, "latest");
    } catch (RpcException e) {
      throw new DeploymentException(what + " failed: " + e.describe());
    }
  }

  private UInt256 tip() {
    try {
      return quantity(client.call("eth_maxPriorityFeePerGas"));
    } catch (RpcException e) {
      return DEFAULT_TIP; // Not every node answers it; 1 gwei is what geth suggests by default.
    }
  }

  private JsonNode awaitReceipt(String what, Hash hash) {
    long deadline = System.nanoTime() + receiptTimeout.toNanos();
    long sleep = 50;
    while (System.nanoTime() < deadline) {
      JsonNode receipt =
          retry(
              "eth_getTransactionReceipt",
              () -> client.call("eth_getTransactionReceipt", hash.toHex()));
      if (receipt != null && !receipt.isNull()) {
        return receipt;
      }
      pause(sleep);
      sleep = Math.min(sleep * 2, 1_000);
    }
    throw new DeploymentException(
        what
            + ": transaction "
            + hash
            + " not included within "
            + receiptTimeout.toSeconds()
            + " s");
  }

  /** Retries a request on transport failures (the node restarting, a dropped connection). */
  private static <T> T retry(String method, Supplier<T> request) {
    long backoff = 200;
    for (int attempt = 1; ; attempt++) {
      try {
        return request.get();
      } catch (RpcTransportException e) {
        if (attempt == RETRIES) {
          throw new DeploymentException(
              method + ": the L1 did not answer after " + RETRIES + " attempts: " + e.getMessage(),
              e);
        }
        LOG.warn("{}: {} (attempt {} of {}), retrying", method, e.getMessage(), attempt, RETRIES);
        pause(backoff);
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeploymentException("interrupted", e);
    }
  }

  private static UInt256 quantity(JsonNode node) {
    return UInt256.fromQuantity(node.asText());
  }
}
