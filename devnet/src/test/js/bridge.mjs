// Bridges both ways on a running merapi devnet with viem's OP Stack actions, unchanged.
//
//   node bridge.mjs <devnet.json> all | eth | initiate | finish <l2TxHash>
//
// all:      deposits — ETH through the portal (#0), ETH through the L1StandardBridge (#3), L1 WETH
//           through the L1StandardBridge to its OptimismMintableERC20 twin (#5), a message through the
//           L1CrossDomainMessenger (#6) — then withdrawals of ETH (#0), the token (#5) and a message (#6),
//           each proven and finalized on L1; the four flows run concurrently, one account each.
// eth:      the ETH deposit and the ETH withdrawal only (#0).
// initiate: an ETH withdrawal from #7, waited for until its L2 block is safe (a restart test kills
//           the devnet after this), and `finish <l2TxHash>` proves and finalizes it.
// Accounts #1, #2 and #4 are the proposer's, batcher's and resolver's and are never used here.
//
// Progress goes to stderr; stdout gets exactly one JSON line: {"ok":true,...} with each flow's
// hashes, blocks and seconds, or {"ok":false,"error":...} with exit status 1. Every wait is bounded.
import {
  encodeFunctionData,
  formatEther,
  parseAbi,
  parseEther,
  parseEventLogs,
} from 'viem';
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts';
import { getL2TransactionHashes } from 'viem/op-stack';
import { connect, readDevnetInfo } from './chains.mjs';

const ACCOUNTS = { ethPortal: 0, ethBridge: 3, erc20: 5, message: 6, split: 7 };
const MIN_GAS = 200_000;
// Bounds of each wait, generous for a loaded 2-core machine with 6 s L1 blocks.
const RECEIPT_SECONDS = 90;
const DEPOSIT_SECONDS = 90;
const PROVE_SECONDS = 240;
const FINALIZE_SECONDS = 120;
const SAFE_SECONDS = 120;

const abi = {
  l1Block: parseAbi(['function number() view returns (uint64)']),
  weth: parseAbi([
    'function deposit() payable',
    'function approve(address guy, uint256 wad) returns (bool)',
    'function balanceOf(address owner) view returns (uint256)',
    'function allowance(address owner, address spender) view returns (uint256)',
  ]),
  l1Bridge: parseAbi([
    'function depositETH(uint32 minGasLimit, bytes extraData) payable',
    'function depositERC20(address l1Token, address l2Token, uint256 amount, uint32 minGasLimit, bytes extraData)',
  ]),
  l2Bridge: parseAbi([
    'function withdraw(address l2Token, uint256 amount, uint32 minGasLimit, bytes extraData) payable',
  ]),
  messenger: parseAbi([
    'function sendMessage(address target, bytes message, uint32 minGasLimit) payable',
  ]),
  factory: parseAbi([
    'function createOptimismMintableERC20(address remoteToken, string name, string symbol) returns (address)',
    'event OptimismMintableERC20Created(address indexed localToken, address indexed remoteToken, address deployer)',
  ]),
  oracle: parseAbi(['function nextOutputIndex() view returns (uint256)']),
  portal: parseAbi(['event WithdrawalFinalized(bytes32 indexed withdrawalHash, bool success)']),
};

const started = performance.now();
const elapsed = () => Number(((performance.now() - started) / 1000).toFixed(1));
const log = (flow, message) =>
  process.stderr.write(`[bridge ${elapsed().toFixed(1).padStart(6)} s] ${flow}: ${message}\n`);

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** `promise`, or an error naming `what` after `seconds`. */
async function within(seconds, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done within ${seconds} s`)), seconds * 1000);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The receipt of `hash`, which must have succeeded. */
async function mined(client, hash, what) {
  const receipt = await within(
    RECEIPT_SECONDS,
    `${what} (${hash})`,
    client.waitForTransactionReceipt({ hash, timeout: RECEIPT_SECONDS * 1000 }),
  );
  check(receipt.status === 'success', `${what} reverted: tx ${hash} in block ${receipt.blockNumber}`);
  return receipt;
}

/** The same receipt from the verifier's L2 (same block hash), when a verifier runs. */
async function onVerifier(net, receipt, what) {
  if (!net.verifierPublic) return null;
  const theirs = await mined(net.verifierPublic, receipt.transactionHash, `${what} on the verifier`);
  check(
    theirs.blockHash === receipt.blockHash,
    `${what}: the verifier has tx ${receipt.transactionHash} in block ${theirs.blockHash}, the sequencer in ${receipt.blockHash}`,
  );
  return Number(theirs.blockNumber);
}

/**
 * Follows an L1 deposit to L2: its L2 transaction (viem's getL2TransactionHashes) must succeed in
 * the first L2 block of the deposit's L1 block's epoch (L1Block.number() there is the deposit's
 * block, in the parent it is lower), and the verifier must have it in the same block.
 */
async function landed(net, flow, l1Receipt, sentAt) {
  const hashes = getL2TransactionHashes(l1Receipt);
  check(hashes.length === 1, `${flow}: expected one deposit in ${l1Receipt.transactionHash}, found ${hashes.length}`);
  const l2Receipt = await within(
    DEPOSIT_SECONDS,
    `${flow}: deposit ${hashes[0]} on L2`,
    net.l2Public.waitForTransactionReceipt({ hash: hashes[0], timeout: DEPOSIT_SECONDS * 1000 }),
  );
  check(l2Receipt.status === 'success', `${flow}: deposit ${hashes[0]} failed on L2 in block ${l2Receipt.blockNumber}`);
  const l1Block = net.info.l2Contracts.L1Block;
  const [origin, parentOrigin] = await Promise.all(
    [l2Receipt.blockNumber, l2Receipt.blockNumber - 1n].map((blockNumber) =>
      net.l2Public.readContract({ address: l1Block, abi: abi.l1Block, functionName: 'number', blockNumber }),
    ),
  );
  check(
    origin === l1Receipt.blockNumber && parentOrigin < origin,
    `${flow}: deposit from L1 block ${l1Receipt.blockNumber} is in L2 block ${l2Receipt.blockNumber} whose L1 origin is ${origin} (parent's ${parentOrigin})`,
  );
  const verifierBlock = await onVerifier(net, l2Receipt, `${flow}: deposit`);
  log(flow, `deposit L1 block ${l1Receipt.blockNumber} → L2 block ${l2Receipt.blockNumber}`);
  return {
    l1Tx: l1Receipt.transactionHash,
    l1Block: Number(l1Receipt.blockNumber),
    l2Tx: hashes[0],
    l2Block: Number(l2Receipt.blockNumber),
    verifierBlock,
    seconds: Number((elapsed() - sentAt).toFixed(1)),
    receipt: l2Receipt,
  };
}

/** The change of `read(blockNumber)` across `block` (its value there minus in the parent). */
async function delta(read, block) {
  const [after, before] = await Promise.all([read(block), read(block - 1n)]);
  return after - before;
}

async function status(net, receipt) {
  return net.l1Public.getWithdrawalStatus({ receipt, targetChain: net.l2 });
}

/**
 * Proves and finalizes the withdrawal of an L2 receipt on L1 from `who`, with viem's waitToProve,
 * buildProveWithdrawal, proveWithdrawal, waitToFinalize and finalizeWithdrawal, checking
 * getWithdrawalStatus at each step and that the portal's call succeeded.
 */
async function complete(net, flow, who, l2Receipt) {
  const from = elapsed();
  const statuses = [await status(net, l2Receipt)];
  check(
    ['waiting-to-prove', 'ready-to-prove'].includes(statuses[0]),
    `${flow}: a fresh withdrawal's status is ${statuses[0]}`,
  );
  log(flow, `withdrawal in L2 block ${l2Receipt.blockNumber}: ${statuses[0]}; waiting for a proposal`);
  await firstOutput(net, flow);
  const { game, withdrawal } = await within(
    PROVE_SECONDS,
    `${flow}: waitToProve for L2 block ${l2Receipt.blockNumber}`,
    net.l1Public.waitToProve({ receipt: l2Receipt, targetChain: net.l2, pollingInterval: 1_000 }),
  );
  const provable = elapsed();
  statuses.push(await status(net, l2Receipt));
  check(statuses[1] === 'ready-to-prove', `${flow}: after waitToProve the status is ${statuses[1]}`);
  log(flow, `proposal #${game.index} covers L2 block ${game.l2BlockNumber}; proving`);
  const proof = await net.l2Public.buildProveWithdrawal({ game, withdrawal });
  const proveReceipt = await mined(
    net.l1Public,
    await who.l1.proveWithdrawal({ ...proof, account: who.account }),
    `${flow}: proveWithdrawal`,
  );
  statuses.push(await status(net, l2Receipt));
  check(statuses[2] === 'waiting-to-finalize', `${flow}: after proveWithdrawal the status is ${statuses[2]}`);
  log(flow, `proven in L1 block ${proveReceipt.blockNumber}; waiting to finalize`);
  await within(
    FINALIZE_SECONDS,
    `${flow}: waitToFinalize`,
    net.l1Public.waitToFinalize({ targetChain: net.l2, withdrawalHash: withdrawal.withdrawalHash }),
  );
  statuses.push(await status(net, l2Receipt));
  check(statuses[3] === 'ready-to-finalize', `${flow}: after waitToFinalize the status is ${statuses[3]}`);
  const finalizeReceipt = await mined(
    net.l1Public,
    await who.l1.finalizeWithdrawal({ targetChain: net.l2, withdrawal, account: who.account }),
    `${flow}: finalizeWithdrawal`,
  );
  const finalized = parseEventLogs({ abi: abi.portal, logs: finalizeReceipt.logs, eventName: 'WithdrawalFinalized' });
  check(
    finalized.length === 1 && finalized[0].args.withdrawalHash === withdrawal.withdrawalHash && finalized[0].args.success,
    `${flow}: finalizeWithdrawal ${finalizeReceipt.transactionHash} did not run the withdrawal's call successfully`,
  );
  statuses.push(await status(net, l2Receipt));
  check(statuses[4] === 'finalized', `${flow}: after finalizeWithdrawal the status is ${statuses[4]}`);
  log(flow, `finalized in L1 block ${finalizeReceipt.blockNumber}`);
  return {
    withdrawalHash: withdrawal.withdrawalHash,
    gameIndex: Number(game.index),
    gameL2Block: Number(game.l2BlockNumber),
    proveTx: proveReceipt.transactionHash,
    proveBlock: Number(proveReceipt.blockNumber),
    finalizeTx: finalizeReceipt.transactionHash,
    finalizeBlock: Number(finalizeReceipt.blockNumber),
    statuses,
    secondsToProvable: Number((provable - from).toFixed(1)),
    secondsToFinalized: Number((elapsed() - from).toFixed(1)),
    finalizeReceipt,
  };
}

/**
 * With the L2OutputOracle, until its first output: viem's waitToProve estimates the next output's
 * time from latestOutputIndex(), which reverts on an oracle without outputs (as OP's does), so a
 * withdrawal made right after the devnet starts waits here for the proposer's first output.
 */
async function firstOutput(net, flow) {
  if (net.info.proofs.type !== 'l2oo') return;
  const oracle = net.info.l1Contracts.L2OutputOracle;
  await within(
    PROVE_SECONDS,
    `${flow}: the L2OutputOracle's first output`,
    (async () => {
      while ((await net.l1Public.readContract({ address: oracle, abi: abi.oracle, functionName: 'nextOutputIndex' })) === 0n) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    })(),
  );
}

/** An L2 transaction that initiates a withdrawal, mined, on the verifier too. */
async function initiated(net, flow, hash) {
  const receipt = await mined(net.l2Public, hash, `${flow}: withdrawal on L2`);
  const verifierBlock = await onVerifier(net, receipt, `${flow}: withdrawal`);
  return { receipt, l2Tx: hash, l2Block: Number(receipt.blockNumber), verifierBlock };
}

const balanceAt = (client, address) => (blockNumber) => client.getBalance({ address, blockNumber });

/** What `who` gets on L1 from a withdrawal finalized by itself: the amount less the gas it paid. */
async function ethArrived(net, flow, who, amount, finalizeReceipt) {
  const got = await delta(balanceAt(net.l1Public, who.address), finalizeReceipt.blockNumber);
  const paid = finalizeReceipt.gasUsed * finalizeReceipt.effectiveGasPrice;
  check(got === amount - paid, `${flow}: L1 balance changed by ${got} at the finalization, expected ${amount} - ${paid} gas`);
}

/** ETH through the portal's depositTransaction, and back with initiateWithdrawal. */
async function ethFlow(net, flow, index, { withdraw = true } = {}) {
  const who = net.wallet(index);
  const amount = parseEther('1');
  const sentAt = elapsed();
  // An L2 gas limit above the plain transfer's 21000 (viem's estimate): the portal then burns L1
  // gas up to it (ResourceMetering), which absorbs the extra ~1.1k gas its fee update costs in the
  // first deposit of a block. With 21000, an L1 estimate made when the head block holds the last
  // deposit (or is the genesis, as right after the devnet starts) is that much short: out of gas.
  const request = await net.l2Public.buildDepositTransaction({
    account: who.account,
    mint: amount,
    to: who.address,
    gas: 100_000n,
  });
  const l1Receipt = await mined(net.l1Public, await who.l1.depositTransaction(request), `${flow}: depositTransaction`);
  const deposit = await landed(net, flow, l1Receipt, sentAt);
  const got = await delta(balanceAt(net.l2Public, who.address), deposit.receipt.blockNumber);
  check(got === amount, `${flow}: L2 balance changed by ${got} with the deposit, expected ${amount}`);
  if (!withdraw) return { account: index, deposit: strip(deposit) };

  const back = parseEther('0.5');
  // The L1 gas of the withdrawal's call, a plain transfer. (viem's buildInitiateWithdrawal estimates
  // it without a sender, i.e. from the zero address, which has no 0.5 ETH on a devnet's L1.)
  const args = { account: who.account, request: { gas: 21_000n, to: who.address, value: back } };
  const [l1Fee, l1BaseFee] = await Promise.all([
    net.l2Public.estimateL1Fee({
      account: who.account,
      to: net.l2.contracts.l2ToL1MessagePasser.address,
      value: back,
      data: encodeWithdrawal(who.address, args.request.gas),
    }),
    net.l2Public.getL1BaseFee(),
  ]);
  check(l1BaseFee > 0n, `${flow}: getL1BaseFee is ${l1BaseFee}`);
  check(l1Fee > 0n, `${flow}: estimateL1Fee is ${l1Fee}`);
  const l2 = await initiated(net, flow, await who.l2.initiateWithdrawal(args));
  check(l2.receipt.l1Fee > 0n, `${flow}: the withdrawal's receipt has L1 fee ${l2.receipt.l1Fee}`);
  const done = await complete(net, flow, who, l2.receipt);
  await ethArrived(net, flow, who, back, done.finalizeReceipt);
  log(flow, `${formatEther(back)} ETH arrived on L1`);
  return {
    account: index,
    deposit: strip(deposit),
    withdrawal: { ...strip(l2), ...strip(done), l1FeeEstimate: l1Fee, l1Fee: l2.receipt.l1Fee, l1BaseFee },
  };
}

/** initiateWithdrawal's calldata, as estimateL1Fee needs the transaction's bytes. */
function encodeWithdrawal(to, gas) {
  return encodeFunctionData({
    abi: parseAbi(['function initiateWithdrawal(address target, uint256 gasLimit, bytes data) payable']),
    functionName: 'initiateWithdrawal',
    args: [to, gas, '0x'],
  });
}

/** ETH through L1StandardBridge.depositETH. */
async function ethBridgeFlow(net, flow) {
  const who = net.wallet(ACCOUNTS.ethBridge);
  const amount = parseEther('0.25');
  const sentAt = elapsed();
  const bridge = net.l2.contracts.l1StandardBridge[net.l1.id].address;
  const hash = await who.l1.writeContract({
    address: bridge,
    abi: abi.l1Bridge,
    functionName: 'depositETH',
    args: [MIN_GAS, '0x'],
    value: amount,
  });
  const deposit = await landed(net, flow, await mined(net.l1Public, hash, `${flow}: depositETH`), sentAt);
  const got = await delta(balanceAt(net.l2Public, who.address), deposit.receipt.blockNumber);
  check(got === amount, `${flow}: L2 balance changed by ${got} with the bridge deposit, expected ${amount}`);
  return { account: ACCOUNTS.ethBridge, deposit: strip(deposit) };
}

/**
 * L1 WETH to its OptimismMintableERC20 twin (created by this account through the L2 factory, or
 * found from an earlier run) and part of it back through L2StandardBridge.withdraw.
 */
async function erc20Flow(net, flow) {
  const who = net.wallet(ACCOUNTS.erc20);
  const l1Weth = net.info.l1Contracts.WETH;
  const bridge = net.l2.contracts.l1StandardBridge[net.l1.id].address;
  const amount = parseEther('2');
  const sentAt = elapsed();
  // On L1: wrap and approve (one block), meanwhile on L2: the twin.
  const [twin] = await Promise.all([
    twinOf(net, flow, who, l1Weth),
    (async () => {
      const wrap = await who.l1.writeContract({ address: l1Weth, abi: abi.weth, functionName: 'deposit', value: amount });
      const approve = await who.l1.writeContract({
        address: l1Weth,
        abi: abi.weth,
        functionName: 'approve',
        args: [bridge, amount],
      });
      await Promise.all([mined(net.l1Public, wrap, `${flow}: WETH deposit`), mined(net.l1Public, approve, `${flow}: WETH approve`)]);
    })(),
  ]);
  const hash = await who.l1.writeContract({
    address: bridge,
    abi: abi.l1Bridge,
    functionName: 'depositERC20',
    args: [l1Weth, twin.address, amount, MIN_GAS, '0x'],
  });
  const deposit = await landed(net, flow, await mined(net.l1Public, hash, `${flow}: depositERC20`), sentAt);
  const twinBalance = (client, address) => (blockNumber) =>
    client.readContract({ address: twin.address, abi: abi.weth, functionName: 'balanceOf', args: [address], blockNumber });
  const got = await delta(twinBalance(net.l2Public, who.address), deposit.receipt.blockNumber);
  check(got === amount, `${flow}: the twin's balance changed by ${got} with the deposit, expected ${amount}`);

  const back = parseEther('1.5');
  const l2 = await initiated(
    net,
    flow,
    await who.l2.writeContract({
      address: net.info.l2Contracts.L2StandardBridge,
      abi: abi.l2Bridge,
      functionName: 'withdraw',
      args: [twin.address, back, MIN_GAS, '0x'],
    }),
  );
  const done = await complete(net, flow, who, l2.receipt);
  const l1Got = await delta(
    (blockNumber) =>
      net.l1Public.readContract({ address: l1Weth, abi: abi.weth, functionName: 'balanceOf', args: [who.address], blockNumber }),
    done.finalizeReceipt.blockNumber,
  );
  check(l1Got === back, `${flow}: L1 WETH balance changed by ${l1Got} at the finalization, expected ${back}`);
  log(flow, `${formatEther(back)} WETH arrived on L1`);
  return {
    account: ACCOUNTS.erc20,
    l1Token: l1Weth,
    l2Token: twin.address,
    twinTx: twin.tx,
    deposit: strip(deposit),
    withdrawal: { ...strip(l2), ...strip(done) },
  };
}

/**
 * The OptimismMintableERC20 for `l1Token` on L2: found by the factory's creation event (a devnet
 * that ran this before has one; the factory's CREATE2 would refuse a second), or created by `who`.
 */
async function twinOf(net, flow, who, l1Token) {
  const factory = net.info.l2Contracts.OptimismMintableERC20Factory;
  const created = await net.l2Public.getLogs({
    address: factory,
    event: abi.factory[1],
    args: { remoteToken: l1Token },
    fromBlock: 0n,
  });
  if (created.length > 0) {
    const address = created[0].args.localToken;
    log(flow, `twin ${address} of L1 WETH from L2 block ${created[0].blockNumber}`);
    return { address, tx: created[0].transactionHash };
  }
  const receipt = await mined(
    net.l2Public,
    await who.l2.writeContract({
      address: factory,
      abi: abi.factory,
      functionName: 'createOptimismMintableERC20',
      args: [l1Token, 'Wrapped Ether (devnet L1)', 'WETH'],
    }),
    `${flow}: createOptimismMintableERC20`,
  );
  await onVerifier(net, receipt, `${flow}: twin creation`);
  const [event] = parseEventLogs({ abi: abi.factory, logs: receipt.logs, eventName: 'OptimismMintableERC20Created' });
  check(event?.args.remoteToken === l1Token, `${flow}: createOptimismMintableERC20 emitted no creation event`);
  log(flow, `twin ${event.args.localToken} of L1 WETH in L2 block ${receipt.blockNumber}`);
  return { address: event.args.localToken, tx: receipt.transactionHash };
}

/**
 * A message each way, its call observable without extra contracts: WETH.approve(marker, n) sent
 * by the messenger on the other layer, seen as allowance(messenger, marker).
 */
async function messageFlow(net, flow) {
  const who = net.wallet(ACCOUNTS.message);
  const marker = privateKeyToAddress(generatePrivateKey());
  const approve = (amount) =>
    encodeFunctionData({ abi: abi.weth, functionName: 'approve', args: [marker, amount] });
  const allowance = (client, weth, messenger, blockNumber) =>
    client.readContract({ address: weth, abi: abi.weth, functionName: 'allowance', args: [messenger, marker], blockNumber });
  const down = 4242n;
  const up = 4343n;
  const sentAt = elapsed();
  const hash = await who.l1.writeContract({
    address: net.info.l1Contracts.L1CrossDomainMessenger,
    abi: abi.messenger,
    functionName: 'sendMessage',
    args: [net.info.l2Contracts.WETH, approve(down), MIN_GAS],
  });
  const deposit = await landed(net, flow, await mined(net.l1Public, hash, `${flow}: L1 sendMessage`), sentAt);
  const l2Allowance = await allowance(net.l2Public, net.info.l2Contracts.WETH, net.info.l2Contracts.L2CrossDomainMessenger, deposit.receipt.blockNumber);
  check(l2Allowance === down, `${flow}: the L1→L2 message's call did not run (L2 WETH allowance ${l2Allowance}, expected ${down})`);

  const l2 = await initiated(
    net,
    flow,
    await who.l2.writeContract({
      address: net.info.l2Contracts.L2CrossDomainMessenger,
      abi: abi.messenger,
      functionName: 'sendMessage',
      args: [net.info.l1Contracts.WETH, approve(up), MIN_GAS],
    }),
  );
  const done = await complete(net, flow, who, l2.receipt);
  const l1Allowance = await allowance(
    net.l1Public,
    net.info.l1Contracts.WETH,
    net.info.l1Contracts.L1CrossDomainMessenger,
    done.finalizeReceipt.blockNumber,
  );
  check(l1Allowance === up, `${flow}: the L2→L1 message's call did not run (L1 WETH allowance ${l1Allowance}, expected ${up})`);
  log(flow, `the L2→L1 message's call ran on L1`);
  return { account: ACCOUNTS.message, marker, deposit: strip(deposit), withdrawal: { ...strip(l2), ...strip(done) } };
}

/** An ETH withdrawal from #7, waited for until its L2 block is safe. */
async function initiateFlow(net, flow) {
  const who = net.wallet(ACCOUNTS.split);
  const args = { account: who.account, request: { gas: 21_000n, to: who.address, value: parseEther('0.1') } };
  const l2 = await initiated(net, flow, await who.l2.initiateWithdrawal(args));
  await within(
    SAFE_SECONDS,
    `${flow}: L2 block ${l2.l2Block} safe`,
    (async () => {
      for (;;) {
        const safe = await net.l2Public.getBlock({ blockTag: 'safe' });
        if (safe.number >= l2.receipt.blockNumber) return;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    })(),
  );
  log(flow, `withdrawal ${l2.l2Tx} in L2 block ${l2.l2Block}, safe`);
  return { account: ACCOUNTS.split, value: args.request.value, ...strip(l2) };
}

/** Proves and finalizes the withdrawal of an earlier `initiate`. */
async function finishFlow(net, flow, l2TxHash) {
  check(/^0x[0-9a-fA-F]{64}$/.test(l2TxHash ?? ''), `finish needs the L2 transaction hash, got ${l2TxHash}`);
  const who = net.wallet(ACCOUNTS.split);
  const l2 = await initiated(net, flow, l2TxHash);
  const tx = await net.l2Public.getTransaction({ hash: l2TxHash });
  const done = await complete(net, flow, who, l2.receipt);
  await ethArrived(net, flow, who, tx.value, done.finalizeReceipt);
  return { account: ACCOUNTS.split, ...strip(l2), withdrawal: strip(done) };
}

/** A flow's record for the JSON line: without the receipts kept for checks. */
function strip({ receipt, finalizeReceipt, ...rest }) {
  return rest;
}

/** Runs `body` as the named flow, recording its seconds and naming it in any error. */
async function timed(name, body) {
  const from = elapsed();
  try {
    const result = await body(name);
    return [name, { ...result, seconds: Number((elapsed() - from).toFixed(1)) }];
  } catch (e) {
    e.flow ??= name;
    throw e;
  }
}

async function main(argv) {
  const [infoPath, mode, arg] = argv;
  if (!infoPath || !['all', 'eth', 'initiate', 'finish'].includes(mode)) {
    throw new Error('usage: node bridge.mjs <devnet.json> all|eth|initiate|finish <l2TxHash>');
  }
  const net = connect(readDevnetInfo(infoPath));
  const [l1Id, l2Id] = await Promise.all([net.l1Public.getChainId(), net.l2Public.getChainId()]);
  check(l1Id === net.l1.id && l2Id === net.l2.id, `chain ids ${l1Id}/${l2Id}, devnet.json says ${net.l1.id}/${net.l2.id}`);
  const flows = {
    all: [
      ['ethPortal', (f) => ethFlow(net, f, ACCOUNTS.ethPortal)],
      ['ethBridge', (f) => ethBridgeFlow(net, f)],
      ['erc20', (f) => erc20Flow(net, f)],
      ['message', (f) => messageFlow(net, f)],
    ],
    eth: [['ethPortal', (f) => ethFlow(net, f, ACCOUNTS.ethPortal)]],
    initiate: [['initiate', (f) => initiateFlow(net, f)]],
    finish: [['finish', (f) => finishFlow(net, f, arg)]],
  }[mode];
  log(mode, `L1 ${net.info.l1.rpc}, L2 ${net.info.l2.rpc}, proofs ${net.info.proofs.type}`);
  const results = await Promise.all(flows.map(([name, body]) => timed(name, body)));
  return { ok: true, mode, proofs: net.info.proofs.type, seconds: elapsed(), flows: Object.fromEntries(results) };
}

const json = (value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v));

try {
  const result = await main(process.argv.slice(2));
  process.stdout.write(json(result) + '\n');
  process.exit(0);
} catch (e) {
  const text = e.shortMessage ?? e.message;
  const message = e.flow && !text.startsWith(`${e.flow}:`) ? `${e.flow}: ${text}` : text;
  process.stderr.write(`bridge.mjs failed: ${message}\n${e.stack ?? ''}\n`);
  process.stdout.write(json({ ok: false, error: message, seconds: elapsed() }) + '\n');
  process.exit(1);
}
