package io.merapi.deployer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.types.config.OpFork;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a chain operator decides before deploying a rollup, in the OP Stack's deploy-config format
 * ({@code deploy.json}: the field names of op-chain-ops' {@code DeployConfig}); any field left out
 * takes its value from the OP Stack's devnet template ({@code devnetL1-template.json}). Chain ids,
 * block time, sequencing window and channel timeout; the roles (the owner of the proxies, the
 * system owner, the guardian, the batcher, the proposer, the challenger, the sequencer's block
 * signer); the L2 fee parameters and vaults; which proof system the portal uses and its delays.
 *
 * @param l2ForkOffsets seconds after the L2 genesis at which each OP fork activates (absent: never)
 * @param faultGameGenesisOutputRoot the output root the permissioned game's claims start after
 *     (OP's devnet template puts a placeholder: the real genesis output root depends on an L2
 *     genesis that itself depends on the L1 deployment)
 * @param ignored fields of the file that Merapi does not read (OP's governance token, fault-game VM
 *     parameters, protocol versions, ... — and misspelt names)
 */
public record DeployConfig(
    long l1ChainId,
    long l2ChainId,
    long l2BlockTime,
    long maxSequencerDrift,
    long sequencerWindowSize,
    long channelTimeout,
    Address p2pSequencerAddress,
    Address batchInboxAddress,
    Address batchSenderAddress,
    long l2OutputOracleSubmissionInterval,
    long l2OutputOracleStartingBlockNumber,
    long l2OutputOracleStartingTimestamp,
    Address l2OutputOracleProposer,
    Address l2OutputOracleChallenger,
    long finalizationPeriodSeconds,
    long l2GenesisBlockGasLimit,
    UInt256 l2GenesisBlockBaseFeePerGas,
    FeeVaultConfig baseFeeVault,
    FeeVaultConfig l1FeeVault,
    FeeVaultConfig sequencerFeeVault,
    Address proxyAdminOwner,
    Address finalSystemOwner,
    Address superchainConfigGuardian,
    boolean fundDevAccounts,
    long gasPriceOracleOverhead,
    long gasPriceOracleScalar,
    long gasPriceOracleBaseFeeScalar,
    long gasPriceOracleBlobBaseFeeScalar,
    long eip1559Denominator,
    long eip1559DenominatorCanyon,
    long eip1559Elasticity,
    Map<OpFork, Long> l2ForkOffsets,
    boolean useFaultProofs,
    int respectedGameType,
    long proofMaturityDelaySeconds,
    long disputeGameFinalityDelaySeconds,
    long faultGameMaxClockDuration,
    Hash faultGameGenesisOutputRoot,
    long faultGameGenesisBlock,
    UInt256 disputeGameInitBond,
    List<String> ignored) {

  /** Where a fee vault pays out: its recipient, the least it withdraws, and on which layer. */
  public record FeeVaultConfig(Address recipient, UInt256 minimumWithdrawalAmount, int network) {
    public FeeVaultConfig {
      if (network != 0 && network != 1) {
        throw new IllegalArgumentException(
            "a withdrawal network is 0 (L1) or 1 (L2), got " + network);
      }
    }
  }

  /** The fast dispute game (resolvable a block after creation), for devnets. */
  public static final int FAST_GAME_TYPE = 254;

  /** The permissioned dispute game (only the proposer proposes, only the challenger counters). */
  public static final int PERMISSIONED_GAME_TYPE = 1;

  /** The OP forks Merapi's L2 engine runs; later ones are refused in a deploy config. */
  static final Set<OpFork> SUPPORTED_FORKS =
      Set.of(
          OpFork.REGOLITH,
          OpFork.CANYON,
          OpFork.DELTA,
          OpFork.ECOTONE,
          OpFork.FJORD,
          OpFork.GRANITE,
          OpFork.HOLOCENE);

  /**
   * The OP Stack's devnet template (contracts-bedrock deploy-config/devnetL1-template.json): the
   * defaults of every field. Its roles are accounts of the "test test ... junk" mnemonic. Holocene
   * is added at genesis, as Merapi's devnet activates every supported fork there.
   */
  static final String DEVNET_TEMPLATE =
      """
      {
        "l1ChainID": 900,
        "l2ChainID": 901,
        "l2BlockTime": 2,
        "maxSequencerDrift": 300,
        "sequencerWindowSize": 200,
        "channelTimeout": 120,
        "p2pSequencerAddress": "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
        "batchInboxAddress": "0x00289C189bEE4E70334629f04Cd5eD602B6600eB",
        "batchSenderAddress": "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
        "l2OutputOracleSubmissionInterval": 10,
        "l2OutputOracleStartingTimestamp": 0,
        "l2OutputOracleStartingBlockNumber": 0,
        "l2OutputOracleProposer": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        "l2OutputOracleChallenger": "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
        "l2GenesisBlockGasLimit": "0x1c9c380",
        "baseFeeVaultRecipient": "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
        "l1FeeVaultRecipient": "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f",
        "sequencerFeeVaultRecipient": "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
        "baseFeeVaultMinimumWithdrawalAmount": "0x8ac7230489e80000",
        "l1FeeVaultMinimumWithdrawalAmount": "0x8ac7230489e80000",
        "sequencerFeeVaultMinimumWithdrawalAmount": "0x8ac7230489e80000",
        "baseFeeVaultWithdrawalNetwork": 0,
        "l1FeeVaultWithdrawalNetwork": 0,
        "sequencerFeeVaultWithdrawalNetwork": 0,
        "proxyAdminOwner": "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
        "finalSystemOwner": "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
        "superchainConfigGuardian": "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
        "finalizationPeriodSeconds": 2,
        "fundDevAccounts": true,
        "l2GenesisBlockBaseFeePerGas": "0x1",
        "gasPriceOracleOverhead": 2100,
        "gasPriceOracleScalar": 1000000,
        "gasPriceOracleBaseFeeScalar": 1368,
        "gasPriceOracleBlobBaseFeeScalar": 810949,
        "eip1559Denominator": 50,
        "eip1559DenominatorCanyon": 250,
        "eip1559Elasticity": 6,
        "l2GenesisRegolithTimeOffset": "0x0",
        "l2GenesisCanyonTimeOffset": "0x0",
        "l2GenesisDeltaTimeOffset": "0x0",
        "l2GenesisEcotoneTimeOffset": "0x0",
        "l2GenesisFjordTimeOffset": "0x0",
        "l2GenesisGraniteTimeOffset": "0x0",
        "l2GenesisHoloceneTimeOffset": "0x0",
        "faultGameMaxClockDuration": 1200,
        "faultGameGenesisBlock": 0,
        "faultGameGenesisOutputRoot": "0xDEADBEEFDEADBEEFDEADBEEFDEADBEEFDEADBEEFDEADBEEFDEADBEEFDEADBEEF",
        "proofMaturityDelaySeconds": 12,
        "disputeGameFinalityDelaySeconds": 6,
        "respectedGameType": 254,
        "useFaultProofs": true,
        "disputeGameInitBond": "0x0"
      }
      """;

  public DeployConfig {
    l2ForkOffsets = Collections.unmodifiableMap(new EnumMap<>(l2ForkOffsets));
    ignored = List.copyOf(ignored);
    if (l2BlockTime <= 0) {
      throw new IllegalArgumentException("l2BlockTime must be positive");
    }
    if (l1ChainId == l2ChainId) {
      throw new IllegalArgumentException("l1ChainID and l2ChainID must differ");
    }
    if (respectedGameType != FAST_GAME_TYPE && respectedGameType != PERMISSIONED_GAME_TYPE) {
      throw new IllegalArgumentException(
          "respectedGameType "
              + respectedGameType
              + " is not supported: Merapi deploys the permissioned game ("
              + PERMISSIONED_GAME_TYPE
              + ") and the fast game ("
              + FAST_GAME_TYPE
              + "); the permissionless fault game comes with the fault-proof work");
    }
  }

  /** The devnet template as it is. */
  public static DeployConfig devnet() {
    return fromJson(json("{}"));
  }

  public static DeployConfig read(Path file) throws IOException {
    return fromJson(new ObjectMapper().readTree(file.toFile()));
  }

  /** Reads a deploy config; fields left out take the devnet template's values. */
  public static DeployConfig fromJson(JsonNode given) {
    if (given == null || !given.isObject()) {
      throw new IllegalArgumentException("a deploy config is a JSON object");
    }
    JsonNode defaults = json(DEVNET_TEMPLATE);
    Fields f = new Fields(given, defaults);
    if (f.bool("useAltDA", false)) {
      throw new IllegalArgumentException("useAltDA: alt-DA chains are not supported");
    }
    Map<OpFork, Long> offsets = new EnumMap<>(OpFork.class);
    for (OpFork fork : OpFork.values()) {
      if (fork == OpFork.BEDROCK) {
        continue;
      }
      String key = offsetField(fork);
      if (f.present(key)) {
        if (!SUPPORTED_FORKS.contains(fork)) {
          throw new IllegalArgumentException(
              key + ": " + fork.displayName() + " is not supported yet by Merapi's L2 engine");
        }
        offsets.put(fork, f.uint64(key));
      }
    }
    DeployConfig config =
        new DeployConfig(
            f.uint64("l1ChainID"),
            f.uint64("l2ChainID"),
            f.uint64("l2BlockTime"),
            f.uint64("maxSequencerDrift"),
            f.uint64("sequencerWindowSize"),
            f.uint64("channelTimeout"),
            f.address("p2pSequencerAddress"),
            f.address("batchInboxAddress"),
            f.address("batchSenderAddress"),
            f.uint64("l2OutputOracleSubmissionInterval"),
            f.uint64("l2OutputOracleStartingBlockNumber"),
            f.uint64("l2OutputOracleStartingTimestamp"),
            f.address("l2OutputOracleProposer"),
            f.address("l2OutputOracleChallenger"),
            f.uint64("finalizationPeriodSeconds"),
            f.uint64("l2GenesisBlockGasLimit"),
            f.uint256("l2GenesisBlockBaseFeePerGas"),
            f.vault("baseFeeVault"),
            f.vault("l1FeeVault"),
            f.vault("sequencerFeeVault"),
            f.address("proxyAdminOwner"),
            f.address("finalSystemOwner"),
            f.address("superchainConfigGuardian"),
            f.bool("fundDevAccounts", true),
            f.uint64("gasPriceOracleOverhead"),
            f.uint64("gasPriceOracleScalar"),
            f.uint64("gasPriceOracleBaseFeeScalar"),
            f.uint64("gasPriceOracleBlobBaseFeeScalar"),
            f.uint64("eip1559Denominator"),
            f.uint64("eip1559DenominatorCanyon"),
            f.uint64("eip1559Elasticity"),
            offsets,
            f.bool("useFaultProofs", true),
            (int) f.uint64("respectedGameType"),
            f.uint64("proofMaturityDelaySeconds"),
            f.uint64("disputeGameFinalityDelaySeconds"),
            f.uint64("faultGameMaxClockDuration"),
            f.hash("faultGameGenesisOutputRoot"),
            f.uint64("faultGameGenesisBlock"),
            f.uint256("disputeGameInitBond"),
            // Last: the fields of the file nothing above read.
            f.unread());
    return config;
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads fields from the given config, else the template, naming the field in every error. */
  private static final class Fields {
    private final JsonNode given;
    private final JsonNode defaults;
    private final Set<String> read = new TreeSet<>();

    Fields(JsonNode given, JsonNode defaults) {
      this.given = given;
      this.defaults = defaults;
    }

    boolean present(String name) {
      read.add(name);
      JsonNode v = given.has(name) ? given.get(name) : defaults.get(name);
      return v != null && !v.isNull();
    }

    private JsonNode value(String name) {
      read.add(name);
      JsonNode v =
          given.has(name) && !given.get(name).isNull() ? given.get(name) : defaults.get(name);
      if (v == null || v.isNull()) {
        throw new IllegalArgumentException(name + ": missing");
      }
      return v;
    }

    long uint64(String name) {
      BigInteger v = number(name);
      if (v.bitLength() > 64) {
        throw new IllegalArgumentException(name + ": does not fit in 64 bits");
      }
      return v.longValue();
    }

    UInt256 uint256(String name) {
      BigInteger v = number(name);
      if (v.bitLength() > 256) {
        throw new IllegalArgumentException(name + ": does not fit in 256 bits");
      }
      return UInt256.valueOf(v);
    }

    private BigInteger number(String name) {
      JsonNode v = value(name);
      BigInteger n;
      if (v.isIntegralNumber()) {
        n = v.bigIntegerValue();
      } else if (v.isTextual()) {
        String text = v.asText().strip();
        try {
          n =
              text.startsWith("0x") || text.startsWith("0X")
                  ? new BigInteger(text.substring(2), 16)
                  : new BigInteger(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(name + ": not a number: " + text);
        }
      } else {
        throw new IllegalArgumentException(name + ": expected a number, found " + v);
      }
      if (n.signum() < 0) {
        throw new IllegalArgumentException(name + ": must not be negative");
      }
      return n;
    }

    Address address(String name) {
      JsonNode v = value(name);
      if (!v.isTextual()) {
        throw new IllegalArgumentException(name + ": expected an address, found " + v);
      }
      try {
        return Address.fromHex(v.asText());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ": " + e.getMessage());
      }
    }

    Hash hash(String name) {
      JsonNode v = value(name);
      if (!v.isTextual()) {
        throw new IllegalArgumentException(name + ": expected a 32-byte hex value, found " + v);
      }
      try {
        return Hash.fromHex(v.asText());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ": " + e.getMessage());
      }
    }

    boolean bool(String name, boolean fallback) {
      read.add(name);
      JsonNode v = given.has(name) ? given.get(name) : defaults.get(name);
      if (v == null || v.isNull()) {
        return fallback;
      }
      if (!v.isBoolean()) {
        throw new IllegalArgumentException(name + ": expected true or false, found " + v);
      }
      return v.booleanValue();
    }

    FeeVaultConfig vault(String prefix) {
      return new FeeVaultConfig(
          address(prefix + "Recipient"),
          uint256(prefix + "MinimumWithdrawalAmount"),
          (int) uint64(prefix + "WithdrawalNetwork"));
    }

    /** The given fields that were not read, other than those known to be unused. */
    List<String> unread() {
      List<String> unread = new ArrayList<>();
      given
          .fieldNames()
          .forEachRemaining(
              name -> {
                if (!read.contains(name)) {
                  unread.add(name);
                }
              });
      unread.sort(String::compareTo);
      return unread;
    }
  }

  /** The deploy config's name of a fork offset field, e.g. {@code l2GenesisEcotoneTimeOffset}. */
  static String offsetField(OpFork fork) {
    return "l2Genesis" + fork.displayName() + "TimeOffset";
  }

  /** For logs: the lower-case fork names with their offsets. */
  public String forkSummary() {
    StringBuilder s = new StringBuilder();
    l2ForkOffsets.forEach(
        (fork, offset) ->
            s.append(s.isEmpty() ? "" : ", ")
                .append(fork.name().toLowerCase(Locale.ROOT))
                .append("+")
                .append(offset)
                .append("s"));
    return s.toString();
  }
}
