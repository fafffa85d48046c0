package io.merapi.execution.engine;

import static io.merapi.execution.engine.EngineHarness.forkchoice;
import static io.merapi.execution.testing.ChainFixture.GWEI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ethereum.ckzg4844.CKZG4844JNI;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.precompile.KzgTrustedSetup;
import io.merapi.execution.dev.DevGenesis;
import io.merapi.execution.testing.ChainFixture;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.RpcJson;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.BlobSidecar;
import io.merapi.types.transaction.BlobTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The V1 and V2 methods on a Paris chain, and blobs through the V3 methods. */
class EngineApiVersionsTest {

  private static void assertCode(Runnable call, int code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void parisChainsUseTheV1AndV2Methods() {
    try (EngineHarness engine =
        new EngineHarness(new ChainFixture(2, DevGenesis.BALANCE, ChainFixture.parisConfig()))) {
      engine.pool.add(ChainFixture.transfer(engine.fixture.keys.get(0), 0, GWEI, 10 * GWEI));
      Hash genesis = engine.head();
      JsonNode fcu =
          engine.call("engine_forkchoiceUpdatedV1", forkchoice(genesis), engine.attributesV1(12));
      String id = fcu.get("payloadId").textValue();
      assertThat(id).startsWith("0x01");
      assertCode(() -> engine.call("engine_getPayloadV3", id), EngineErrors.UNSUPPORTED_FORK);

      JsonNode payload = engine.call("engine_getPayloadV1", id);
      assertThat(payload.has("executionPayload")).isFalse(); // V1 answers the bare payload
      assertThat(payload.has("withdrawals")).isFalse();
      assertThat(payload.get("transactions")).hasSize(1);
      JsonNode envelope = engine.call("engine_getPayloadV2", id);
      assertThat(envelope.get("executionPayload")).isEqualTo(payload);
      assertThat(envelope.has("blobsBundle")).isFalse();

      // A wrong block hash: INVALID_BLOCK_HASH in V1, INVALID from V2 on.
      ObjectNode wrong = payload.deepCopy();
      wrong.put("blockHash", Hash.ZERO.toHex());
      JsonNode v1 = engine.call("engine_newPayloadV1", wrong);
      assertThat(v1.get("status").textValue()).isEqualTo("INVALID_BLOCK_HASH");
      assertThat(v1.get("latestValidHash").isNull()).isTrue();
      JsonNode v2 = engine.call("engine_newPayloadV2", wrong);
      assertThat(v2.get("status").textValue()).isEqualTo("INVALID");

      ObjectNode withWithdrawals = payload.deepCopy();
      withWithdrawals.putArray("withdrawals");
      assertCode(
          () -> engine.call("engine_newPayloadV2", withWithdrawals), RpcError.INVALID_PARAMS);
      ObjectNode withBlobGas = payload.deepCopy();
      withBlobGas.put("blobGasUsed", "0x0");
      assertCode(() -> engine.call("engine_newPayloadV1", withBlobGas), RpcError.INVALID_PARAMS);

      JsonNode valid = engine.call("engine_newPayloadV1", payload);
      assertThat(valid.get("status").textValue()).isEqualTo("VALID");
      Hash hash = Hash.fromHex(payload.get("blockHash").textValue());
      engine.call("engine_forkchoiceUpdatedV2", forkchoice(hash), null);
      assertThat(engine.head()).isEqualTo(hash);

      assertCode(
          () ->
              engine.call("engine_forkchoiceUpdatedV2", forkchoice(hash), engine.attributesV2(12)),
          EngineErrors.INVALID_PAYLOAD_ATTRIBUTES);
      JsonNode v2Build =
          engine.call("engine_forkchoiceUpdatedV2", forkchoice(hash), engine.attributesV1(12));
      assertThat(v2Build.get("payloadId").textValue()).startsWith("0x02");
      assertCode(
          () ->
              engine.call(
                  "engine_newPayloadV3",
                  payload,
                  RpcJson.mapper().createArrayNode(),
                  Hash.ZERO.toHex()),
          RpcError.INVALID_PARAMS);
    }
  }

  /** A blob of 4096 field elements, each below the BLS modulus (top byte zero). */
  private static byte[] blob(int seed) {
    byte[] blob = new byte[BlobSidecar.BYTES_PER_BLOB];
    for (int i = 0; i < blob.length; i++) {
      blob[i] = (i % 32 == 0) ? 0 : (byte) (i * 31 + seed);
    }
    return blob;
  }

  private static Transaction blobTx(
      EngineHarness engine, long nonce, Hash versionedHash, Optional<BlobSidecar> sidecar) {
    return new BlobTransaction(
            ChainFixture.CHAIN_ID,
            nonce,
            UInt256.valueOf(GWEI),
            UInt256.valueOf(10 * GWEI),
            21_000,
            ChainFixture.RECIPIENT,
            UInt256.ZERO,
            Bytes.EMPTY,
            AccessList.EMPTY,
            UInt256.valueOf(10),
            List.of(versionedHash),
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO,
            sidecar)
        .sign(engine.fixture.keys.get(0));
  }

  @Test
  void blobTransactionsTravelThroughThePayloadAndItsBundle() {
    KzgTrustedSetup.ensureLoaded();
    try (EngineHarness engine = new EngineHarness()) {
      byte[] blob = blob(7);
      byte[] commitment = CKZG4844JNI.blobToKzgCommitment(blob);
      byte[] proof = CKZG4844JNI.computeBlobKzgProof(blob, commitment);
      BlobSidecar sidecar =
          new BlobSidecar(
              0,
              List.of(Bytes.wrap(blob)),
              List.of(Bytes.wrap(commitment)),
              List.of(Bytes.wrap(proof)));
      Hash versionedHash = BlobSidecar.versionedHash(Bytes.wrap(commitment));
      Transaction tx = blobTx(engine, 0, versionedHash, Optional.of(sidecar));
      engine.pool.add(tx);

      BlobTransaction bare = ((BlobTransaction) tx).withSidecar(Optional.empty());
      // A blob transaction without its sidecar, or with another blob's proof, is refused.
      assertThatThrownBy(() -> engine.pool.add(blobTx(engine, 1, versionedHash, Optional.empty())))
          .hasMessageContaining("missing sidecar");
      byte[] other = blob(8);
      byte[] otherCommitment = CKZG4844JNI.blobToKzgCommitment(other);
      BlobSidecar wrongProof =
          new BlobSidecar(
              0,
              List.of(Bytes.wrap(other)),
              List.of(Bytes.wrap(otherCommitment)),
              List.of(Bytes.wrap(proof)));
      Hash otherHash = BlobSidecar.versionedHash(Bytes.wrap(otherCommitment));
      assertThatThrownBy(
              () -> engine.pool.add(blobTx(engine, 1, otherHash, Optional.of(wrongProof))))
          .hasMessageContaining("invalid blob proof");

      Hash root = engine.beaconRoot();
      JsonNode fcu =
          engine.call(
              "engine_forkchoiceUpdatedV3", forkchoice(engine.head()), engine.attributesV3(12));
      JsonNode envelope = engine.call("engine_getPayloadV3", fcu.get("payloadId").textValue());
      JsonNode payload = envelope.get("executionPayload");
      assertThat(payload.get("blobGasUsed").textValue()).isEqualTo("0x20000");
      assertThat(payload.get("transactions").get(0).textValue())
          .isEqualTo(Hex.encode(bare.encoded()));
      JsonNode bundle = envelope.get("blobsBundle");
      assertThat(bundle.get("commitments")).hasSize(1);
      assertThat(bundle.get("commitments").get(0).textValue()).isEqualTo(Hex.encode(commitment));
      assertThat(bundle.get("proofs").get(0).textValue()).isEqualTo(Hex.encode(proof));
      assertThat(bundle.get("blobs").get(0).textValue()).isEqualTo(Hex.encode(blob));

      JsonNode noHashes =
          engine.call(
              "engine_newPayloadV3", payload, RpcJson.mapper().createArrayNode(), root.toHex());
      assertThat(noHashes.get("status").textValue()).isEqualTo("INVALID");
      JsonNode valid =
          engine.call(
              "engine_newPayloadV3",
              payload,
              RpcJson.mapper().createArrayNode().add(versionedHash.toHex()),
              root.toHex());
      assertThat(valid.get("status").textValue()).isEqualTo("VALID");
    }
  }
}
