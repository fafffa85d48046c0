// viem chain definitions and clients for a running merapi devnet, built from its devnet.json only:
// the L2's contracts carry the L1 addresses under the keys viem's OP Stack chains use (portal,
// disputeGameFactory or l2OutputOracle, l1StandardBridge — each keyed by the L1 chain id), so
// viem's OP Stack actions run against it unchanged.
import { readFileSync } from 'node:fs';
import { createPublicClient, createWalletClient, defineChain, http, nonceManager } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import {
  chainConfig,
  publicActionsL1,
  publicActionsL2,
  walletActionsL1,
  walletActionsL2,
} from 'viem/op-stack';

const ether = { name: 'Ether', symbol: 'ETH', decimals: 18 };

/** Reads devnet.json, failing with the file's name when it is missing or incomplete. */
export function readDevnetInfo(path) {
  let info;
  try {
    info = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read ${path}: ${e.message}`);
  }
  for (const key of ['l1', 'l2', 'l1Contracts', 'l2Contracts', 'proofs', 'accounts']) {
    if (!info[key]) throw new Error(`${path} has no "${key}"`);
  }
  return info;
}

/** The L1 and L2 as viem chains. */
export function devnetChains(info) {
  const c = info.l1Contracts;
  const l1Id = info.l1.chainId;
  const l1 = defineChain({
    id: l1Id,
    name: 'Merapi devnet L1',
    nativeCurrency: ether,
    rpcUrls: { default: { http: [info.l1.rpc], webSocket: [info.l1.ws] } },
    contracts: { multicall3: { address: c.Multicall3 } },
    testnet: true,
  });
  const proofContracts =
    info.proofs.type === 'l2oo'
      ? { l2OutputOracle: { [l1Id]: { address: c.L2OutputOracle } } }
      : { disputeGameFactory: { [l1Id]: { address: c.DisputeGameFactory } } };
  const l2 = defineChain({
    ...chainConfig,
    id: info.l2.chainId,
    name: 'Merapi devnet L2',
    nativeCurrency: ether,
    rpcUrls: { default: { http: [info.l2.rpc], webSocket: [info.l2.ws] } },
    contracts: {
      ...chainConfig.contracts,
      ...proofContracts,
      portal: { [l1Id]: { address: c.OptimismPortal } },
      l1StandardBridge: { [l1Id]: { address: c.L1StandardBridge } },
      multicall3: { address: info.l2Contracts.Multicall3 },
    },
    sourceId: l1Id,
    testnet: true,
  });
  return { l1, l2 };
}

/**
 * Public clients for the L1, the sequencer's L2 and (when it runs) the verifier's L2, and a
 * factory of wallets for the dev account at an index on both layers.
 */
export function connect(info) {
  const { l1, l2 } = devnetChains(info);
  const l1Public = createPublicClient({
    chain: l1,
    transport: http(),
    pollingInterval: 1_000,
  }).extend(publicActionsL1());
  const l2Public = createPublicClient({
    chain: l2,
    transport: http(),
    pollingInterval: 500,
  }).extend(publicActionsL2());
  const verifierPublic = info.l2.verifierRpc
    ? createPublicClient({ chain: l2, transport: http(info.l2.verifierRpc), pollingInterval: 500 })
    : null;
  const wallets = new Map();
  function wallet(index) {
    if (!wallets.has(index)) {
      const entry = info.accounts[index];
      if (!entry) throw new Error(`devnet.json lists no account #${index}`);
      // One account per flow, several transactions in flight: viem's nonce manager hands out nonces.
      const account = privateKeyToAccount(entry.privateKey, { nonceManager });
      wallets.set(index, {
        index,
        account,
        address: account.address,
        l1: createWalletClient({ account, chain: l1, transport: http() }).extend(walletActionsL1()),
        l2: createWalletClient({ account, chain: l2, transport: http() }).extend(walletActionsL2()),
      });
    }
    return wallets.get(index);
  }
  return { info, l1, l2, l1Public, l2Public, verifierPublic, wallet };
}
