package io.merapi.node.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L2BlockRef;
import io.merapi.node.client.BlockLabel;
import io.merapi.node.engine.Engine;
import io.merapi.node.engine.EngineException;
import io.merapi.node.engine.L2Client;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.ExecutionPayload;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import io.merapi.types.engine.ForkchoiceState;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.engine.PayloadId;
import io.merapi.types.engine.PayloadStatus;
import io.merapi.types.rollup.OutputRoot;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * What the engine controller makes of each Engine API answer: SYNCING and an unreachable engine are
 * temporary and leave the heads alone, INVALID payloads are reported without moving the head, a
 * rejected forkchoice is a reset, invalid attributes are reported as such.
 */
class EngineControllerTest {
  private static final RollupConfig CONFIG = config();

  private static RollupConfig config() {
    try (InputStream in =
        EngineControllerTest.class.getResourceAsStream("/io/merapi/node/rpc/rollup.json")) {
      return RollupConfig.fromJson(new com.fasterxml.jackson.databind.ObjectMapper().readTree(in));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Hash hash(int b) {
    byte[] bytes = new byte[32];
    bytes[31] = (byte) b;
    bytes[0] = 1;
    return Hash.wrap(bytes);
  }

  private static L2BlockRef ref(int n) {
    return new L2BlockRef(
        hash(n), n, hash(n - 1), 1000 + 2L * n, new RollupConfig.BlockId(hash(200), 7), n);
  }

  private static ExecutionPayloadEnvelope payload(int n) {
    return new ExecutionPayloadEnvelope(
        new ExecutionPayload(
            hash(n - 1),
            Address.ZERO,
            Hash.ZERO,
            Hash.ZERO,
            Bytes.wrap(new byte[256]),
            Hash.ZERO,
            n,
            30_000_000,
            0,
            1000 + 2L * n,
            Bytes.EMPTY,
            UInt256.ONE,
            hash(n),
            List.of(),
            Optional.of(List.of()),
            OptionalLong.of(0),
            OptionalLong.of(0)),
        Optional.of(Hash.ZERO));
  }

  /** An engine that answers from a script and records the forkchoice states it was sent. */
  static final class ScriptedEngine implements Engine {
    final Deque<Object> forkchoiceAnswers = new ArrayDeque<>();
    final Deque<Object> newPayloadAnswers = new ArrayDeque<>();
    final List<ForkchoiceState> states = new ArrayList<>();

    @Override
    public ForkchoiceUpdate forkchoiceUpdated(
        ForkchoiceState state, Optional<PayloadAttributes> attributes) {
      states.add(state);
      Object answer = forkchoiceAnswers.isEmpty() ? valid() : forkchoiceAnswers.poll();
      if (answer instanceof RuntimeException e) {
        throw e;
      }
      return (ForkchoiceUpdate) answer;
    }

    @Override
    public ExecutionPayloadEnvelope getPayload(PayloadId id, long timestamp) {
      return payload(3);
    }

    @Override
    public PayloadStatus newPayload(ExecutionPayloadEnvelope envelope) {
      Object answer =
          newPayloadAnswers.isEmpty()
              ? PayloadStatus.valid(envelope.payload().blockHash())
              : newPayloadAnswers.poll();
      if (answer instanceof RuntimeException e) {
        throw e;
      }
      return (PayloadStatus) answer;
    }

    @Override
    public void close() {}

    static ForkchoiceUpdate valid() {
      return new ForkchoiceUpdate(
          PayloadStatus.valid(Hash.ZERO), Optional.of(new PayloadId(0x0300000000000001L)));
    }
  }

  /** The L2 chain as the controller reads it: each hash names the ref of its number. */
  static final class Refs implements L2Client {
    @Override
    public Optional<L2BlockRef> l2BlockRefByNumber(long number) {
      return Optional.of(ref((int) number));
    }

    @Override
    public L2BlockRef l2BlockRefByHash(Hash hash) {
      return ref(hash.toArray()[31]);
    }

    @Override
    public RollupConfig.SystemConfig systemConfigByL2Hash(Hash hash) {
      return CONFIG.genesis().systemConfig();
    }

    @Override
    public Optional<L2BlockRef> blockRefByLabel(BlockLabel label) {
      return Optional.empty();
    }

    @Override
    public Optional<ExecutionPayloadEnvelope> payloadByNumber(long number) {
      return Optional.empty();
    }

    @Override
    public OutputRoot outputAt(Hash blockHash) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  private final ScriptedEngine engine = new ScriptedEngine();
  private final EngineController controller =
      new EngineController(CONFIG, engine, new Refs(), ref(2));

  @Test
  void aValidPayloadBecomesTheUnsafeHeadWithSafeAndFinalizedKept() {
    controller.insert(payload(3));
    assertThat(controller.heads().unsafe()).isEqualTo(ref(3));
    assertThat(engine.states).containsExactly(new ForkchoiceState(hash(3), hash(2), hash(2)));
  }

  @Test
  void aSyncingEngineIsTemporaryAndTheHeadsStay() {
    engine.newPayloadAnswers.add(PayloadStatus.syncing());
    assertThatThrownBy(() -> controller.insert(payload(3)))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining("SYNCING");
    assertThat(controller.heads().unsafe()).isEqualTo(ref(2));
    assertThat(engine.states).isEmpty();
  }

  @Test
  void anInvalidPayloadIsReportedWithoutMovingTheHead() {
    engine.newPayloadAnswers.add(PayloadStatus.invalid(Optional.of(hash(2)), "bad state root"));
    assertThat(controller.insert(payload(3)))
        .isEqualTo(new EngineController.BuildResult.Invalid("bad state root"));
    assertThat(controller.heads().unsafe()).isEqualTo(ref(2));
    assertThat(engine.states).isEmpty();
  }

  @Test
  void anUnreachableEngineIsTemporary() {
    engine.newPayloadAnswers.add(new EngineException.Temporary("connection refused", null));
    assertThatThrownBy(() -> controller.insert(payload(3)))
        .isInstanceOf(DerivationException.Temporary.class)
        .hasMessageContaining("connection refused");
  }

  @Test
  void aForkchoiceTheEngineFindsInvalidIsAReset() {
    engine.forkchoiceAnswers.add(
        new Engine.ForkchoiceUpdate(
            PayloadStatus.invalid(Optional.empty(), "bad block"), Optional.empty()));
    assertThatThrownBy(() -> controller.insert(payload(3)))
        .isInstanceOf(DerivationException.Reset.class)
        .hasMessageContaining("bad block");
  }

  @Test
  void aRejectedForkchoiceStateIsAReset() {
    controller.insert(payload(3));
    engine.forkchoiceAnswers.add(
        new EngineException.Rejected(
            EngineException.Rejected.INVALID_FORKCHOICE_STATE, "safe block not canonical"));
    assertThatThrownBy(() -> controller.finalize(ref(3)))
        .isInstanceOf(DerivationException.Reset.class)
        .hasMessageContaining("safe block not canonical");
    assertThat(controller.heads().finalized()).isEqualTo(ref(2));
  }

  @Test
  void rejectedAttributesAreInvalidNotAFailure() {
    PayloadAttributes attributes =
        PayloadAttributes.of(
            1006, Hash.ZERO, Address.ZERO, Optional.of(List.of()), Optional.empty());
    engine.forkchoiceAnswers.add(
        new EngineException.Rejected(
            EngineException.Rejected.INVALID_PAYLOAD_ATTRIBUTES, "gas limit too high"));
    assertThat(controller.startBuild(ref(2), attributes))
        .isInstanceOf(EngineController.Started.Invalid.class);
    engine.forkchoiceAnswers.add(
        new Engine.ForkchoiceUpdate(PayloadStatus.syncing(), Optional.empty()));
    assertThatThrownBy(() -> controller.startBuild(ref(2), attributes))
        .isInstanceOf(DerivationException.Temporary.class);
  }

  @Test
  void finalityOnlyMovesForward() {
    controller.insert(payload(3));
    controller.finalize(ref(3));
    assertThat(controller.heads().finalized()).isEqualTo(ref(3));
    int sent = engine.states.size();
    controller.finalize(ref(2));
    assertThat(controller.heads().finalized()).isEqualTo(ref(3));
    assertThat(engine.states).hasSize(sent);
  }
}
