package io.merapi.explorer.bridge;

import io.merapi.base.abi.AbiEvent;
import io.merapi.base.abi.AbiException;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.contracts.dispute.DisputeGameFactory;
import io.merapi.contracts.l1.L1CrossDomainMessenger;
import io.merapi.contracts.l1.L1StandardBridge;
import io.merapi.contracts.l1.L2OutputOracle;
import io.merapi.contracts.l1.OptimismPortal;
import io.merapi.contracts.l1.OptimismPortal2;
import io.merapi.contracts.l1.SystemConfig;
import io.merapi.contracts.l2.L2CrossDomainMessenger;
import io.merapi.contracts.l2.L2StandardBridge;
import io.merapi.contracts.l2.L2ToL1MessagePasser;
import io.merapi.contracts.l2.WETH;
import io.merapi.contracts.universal.OptimismMintableERC20;
import io.merapi.contracts.universal.OptimismMintableERC20Factory;
import io.merapi.contracts.universal.interfaces.IERC20;
import io.merapi.types.receipt.Log;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names the events of the project's contracts in a log: a table from topic 0 to the contracts that
 * declare an event with that signature, built from the {@code EVENT} of each record in the
 * generated bindings' {@code Events} classes. Where two contracts share a signature (every ERC-20's
 * {@code Transfer}) the contract at the log's address, when known, names it; otherwise the first
 * declarer whose topic count fits does. Logs it does not know stay raw.
 */
public final class LogDecoder {
  /** One event of one contract. */
  public record Known(String contract, AbiEvent event) {}

  /** A decoded log: the contract it is from, the event and each field with its value. */
  public record Decoded(String contract, String event, List<Field> fields) {}

  /** One field of a decoded log, its value as text (addresses checksummed, numbers decimal). */
  public record Field(String name, String type, boolean indexed, Object value) {}

  private static final Map<String, Class<?>> BINDINGS = new LinkedHashMap<>();

  static {
    // The order is the preference among contracts declaring the same event.
    BINDINGS.put("OptimismPortal2", OptimismPortal2.class);
    BINDINGS.put("OptimismPortal", OptimismPortal.class);
    BINDINGS.put("L1StandardBridge", L1StandardBridge.class);
    BINDINGS.put("L2StandardBridge", L2StandardBridge.class);
    BINDINGS.put("L1CrossDomainMessenger", L1CrossDomainMessenger.class);
    BINDINGS.put("L2CrossDomainMessenger", L2CrossDomainMessenger.class);
    BINDINGS.put("L2ToL1MessagePasser", L2ToL1MessagePasser.class);
    BINDINGS.put("DisputeGameFactory", DisputeGameFactory.class);
    BINDINGS.put("L2OutputOracle", L2OutputOracle.class);
    BINDINGS.put("SystemConfig", SystemConfig.class);
    BINDINGS.put("OptimismMintableERC20Factory", OptimismMintableERC20Factory.class);
    BINDINGS.put("OptimismMintableERC20", OptimismMintableERC20.class);
    BINDINGS.put("WETH", WETH.class);
    BINDINGS.put("ERC-20", IERC20.class);
  }

  private static final LogDecoder STANDARD = new LogDecoder(tableOf(BINDINGS));

  private final Map<Hash, List<Known>> byTopic0;

  LogDecoder(Map<Hash, List<Known>> byTopic0) {
    this.byTopic0 = byTopic0;
  }

  /** The decoder of the project's contracts. */
  public static LogDecoder standard() {
    return STANDARD;
  }

  /** The contracts declaring the event with {@code topic0}, in order of preference. */
  public List<Known> candidates(Hash topic0) {
    return byTopic0.getOrDefault(topic0, List.of());
  }

  /**
   * The log decoded, if an event of the project's contracts has its topic 0 and it decodes.
   *
   * @param knownAs the name of the contract at the log's address, when the explorer knows it
   */
  public Optional<Decoded> decode(Log log, Optional<String> knownAs) {
    if (log.topics().isEmpty()) {
      return Optional.empty();
    }
    List<Known> candidates = candidates(log.topics().getFirst());
    List<Known> ordered = new ArrayList<>(candidates.size());
    knownAs.ifPresent(
        name -> candidates.stream().filter(k -> k.contract().equals(name)).forEach(ordered::add));
    candidates.stream().filter(k -> !ordered.contains(k)).forEach(ordered::add);
    for (Known known : ordered) {
      List<Object> values;
      try {
        values = known.event().decode(log.topics(), log.data().array());
      } catch (AbiException | IllegalArgumentException e) {
        continue; // another declarer of the signature indexes other fields
      }
      List<Field> fields = new ArrayList<>(values.size());
      List<AbiEvent.Param> params = known.event().params();
      for (int i = 0; i < params.size(); i++) {
        AbiEvent.Param p = params.get(i);
        fields.add(new Field(p.name(), p.type().canonical(), p.indexed(), shown(values.get(i))));
      }
      return Optional.of(
          new Decoded(knownAs.orElse(known.contract()), known.event().name(), fields));
    }
    return Optional.empty();
  }

  private static Object shown(Object value) {
    return value instanceof Address a ? a.toChecksumHex() : value;
  }

  /** topic 0 → declarers, from the {@code EVENT} constants of each binding's event records. */
  static Map<Hash, List<Known>> tableOf(Map<String, Class<?>> bindings) {
    Map<Hash, List<Known>> table = new LinkedHashMap<>();
    bindings.forEach(
        (name, binding) -> {
          for (AbiEvent event : eventsOf(binding)) {
            if (!event.anonymous()) {
              table
                  .computeIfAbsent(event.topic0(), t -> new ArrayList<>())
                  .add(new Known(name, event));
            }
          }
        });
    table.replaceAll((topic, known) -> List.copyOf(known));
    return Map.copyOf(table);
  }

  private static List<AbiEvent> eventsOf(Class<?> binding) {
    List<AbiEvent> events = new ArrayList<>();
    for (Class<?> nested : binding.getDeclaredClasses()) {
      if (!nested.getSimpleName().equals("Events")) {
        continue;
      }
      for (Class<?> record : nested.getDeclaredClasses()) {
        try {
          java.lang.reflect.Field field = record.getField("EVENT");
          if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof AbiEvent e) {
            events.add(e);
          }
        } catch (NoSuchFieldException | IllegalAccessException e) {
          // Not an event record.
        }
      }
    }
    return events;
  }
}
