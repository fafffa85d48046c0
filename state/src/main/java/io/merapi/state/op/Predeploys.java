package io.merapi.state.op;

import io.merapi.base.bytes.Address;

/**
 * The fixed L2 accounts the execution rules refer to (specs predeploys.md, preinstalls.md,
 * deposits.md "Special Accounts on L2").
 */
public final class Predeploys {
  public static final Address WETH = Address.fromHex("0x4200000000000000000000000000000000000006");
  public static final Address GAS_PRICE_ORACLE =
      Address.fromHex("0x420000000000000000000000000000000000000F");
  public static final Address SEQUENCER_FEE_VAULT =
      Address.fromHex("0x4200000000000000000000000000000000000011");
  public static final Address L1_BLOCK =
      Address.fromHex("0x4200000000000000000000000000000000000015");
  public static final Address L2_TO_L1_MESSAGE_PASSER =
      Address.fromHex("0x4200000000000000000000000000000000000016");
  public static final Address BASE_FEE_VAULT =
      Address.fromHex("0x4200000000000000000000000000000000000019");
  public static final Address L1_FEE_VAULT =
      Address.fromHex("0x420000000000000000000000000000000000001a");
  public static final Address BEACON_BLOCK_ROOT =
      Address.fromHex("0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02");
  public static final Address CREATE2_DEPLOYER =
      Address.fromHex("0x13b0D85CcB8bf860b6b79AF3029fCA081AE9beF2");

  /** The sender of the L1 attributes deposit, an account without a known key. */
  public static final Address L1_ATTRIBUTES_DEPOSITOR =
      Address.fromHex("0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001");

  private Predeploys() {}
}
