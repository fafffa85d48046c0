// viem against `merapi execution --dev` as a new user scripts it, with the node's own accounts.
//
//   node devnode.mjs <http-url>
//
// A wallet client on a json-rpc account (the node signs): eth_accounts, sendTransaction
// (eth_sendTransaction, filled by the node), signTypedData (eth_signTypedData_v4, with nested
// structs and arrays) and signMessage (personal_sign), each signature recovered by viem itself;
// then a test client in anvil mode: snapshot, setBalance, mine, increaseTime and revert.
//
// Progress goes to stderr; stdout gets exactly one JSON line: {"ok":true,...}, or
// {"ok":false,"error":...} with exit status 1. Every wait is bounded.
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  http,
  parseEther,
  recoverMessageAddress,
  recoverTypedDataAddress,
} from 'viem';

const RECEIPT_SECONDS = 60;
const started = Date.now();
const elapsed = () => (Date.now() - started) / 1000;
const log = (text) => process.stderr.write(`devnode.mjs: ${text}\n`);
const json = (value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v));

function check(condition, what) {
  if (!condition) throw new Error(what);
}

const same = (a, b) => a.toLowerCase() === b.toLowerCase();

async function main([url]) {
  if (!url) throw new Error('usage: node devnode.mjs <http-url>');
  const chain = defineChain({
    id: 1337,
    name: 'merapi dev',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [url] } },
  });
  const transport = http(url, { timeout: 30_000, retryCount: 0 });
  const publicClient = createPublicClient({ chain, transport });
  const addresses = await createWalletClient({ chain, transport }).getAddresses();
  check(addresses.length === 10, `eth_accounts listed ${addresses.length} accounts`);
  check(same(addresses[0], '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'), `account 0 is ${addresses[0]}`);
  const [from, to] = addresses;
  const wallet = createWalletClient({ account: from, chain, transport });
  check(wallet.account.type === 'json-rpc', `the account is ${wallet.account.type}`);

  // sendTransaction: the node fills nonce, gas and fees and signs.
  const before = await publicClient.getBalance({ address: to });
  const hash = await wallet.sendTransaction({ to, value: parseEther('1') });
  log(`sent ${hash}`);
  const receipt = await publicClient.waitForTransactionReceipt({ hash, timeout: RECEIPT_SECONDS * 1000 });
  check(receipt.status === 'success', `transaction ${hash} ${receipt.status}`);
  check(same(receipt.from, from), `receipt from ${receipt.from}`);
  const after = await publicClient.getBalance({ address: to, blockNumber: receipt.blockNumber });
  check(after - before === parseEther('1'), `recipient got ${after - before} wei`);

  // signTypedData: EIP-712 with nested structs, an array of structs and integers.
  const typedData = {
    domain: { name: 'Ether Mail', version: '1', chainId: 1337, verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC' },
    types: {
      Person: [{ name: 'name', type: 'string' }, { name: 'wallet', type: 'address' }],
      Mail: [
        { name: 'from', type: 'Person' },
        { name: 'to', type: 'Person[]' },
        { name: 'contents', type: 'string' },
        { name: 'amount', type: 'uint256' },
        { name: 'delta', type: 'int32' },
        { name: 'tag', type: 'bytes4' },
      ],
    },
    primaryType: 'Mail',
    message: {
      from: { name: 'Cow', wallet: from },
      to: [{ name: 'Bob', wallet: to }, { name: 'Alice', wallet: addresses[2] }],
      contents: 'Hello, Bob!',
      amount: 10n ** 30n,
      delta: -7,
      tag: '0xdeadbeef',
    },
  };
  const typedSignature = await wallet.signTypedData(typedData);
  const typedSigner = await recoverTypedDataAddress({ ...typedData, signature: typedSignature });
  check(same(typedSigner, from), `typed data signature recovers to ${typedSigner}`);

  // signMessage: EIP-191 through personal_sign.
  const message = 'hello merapi';
  const messageSignature = await wallet.signMessage({ message });
  const messageSigner = await recoverMessageAddress({ message, signature: messageSignature });
  check(same(messageSigner, from), `message signature recovers to ${messageSigner}`);
  log('signatures recover to the account');

  // The test client: a snapshot, a balance set, blocks mined and time moved, then all reverted.
  const test = createTestClient({ chain, mode: 'anvil', transport });
  const poor = addresses[9];
  const head = await publicClient.getBlock();
  const balance = await publicClient.getBalance({ address: poor });
  const snapshot = await test.snapshot();
  await test.setBalance({ address: poor, value: 123n });
  check((await publicClient.getBalance({ address: poor })) === 123n, 'setBalance did not show at once');
  await test.increaseTime({ seconds: 3600 });
  await test.mine({ blocks: 2 });
  const moved = await publicClient.getBlock();
  check(moved.number === head.number + 3n, `head #${moved.number} after setBalance and 2 mined blocks`);
  check(moved.timestamp >= head.timestamp + 3600n, 'increaseTime did not move the timestamps');
  await test.revert({ id: snapshot });
  const back = await publicClient.getBlock();
  check(back.hash === head.hash, `head ${back.hash} after revert, not ${head.hash}`);
  check((await publicClient.getBalance({ address: poor })) === balance, 'revert did not restore the balance');
  log('snapshot, setBalance, mine, increaseTime and revert behave as on anvil');

  return {
    ok: true,
    seconds: elapsed(),
    transaction: { hash, block: receipt.blockNumber, gasUsed: receipt.gasUsed },
    typedDataSigner: typedSigner,
    messageSigner,
    reverted: { to: back.number, from: moved.number },
  };
}

try {
  const result = await main(process.argv.slice(2));
  process.stdout.write(json(result) + '\n');
  process.exit(0);
} catch (e) {
  const message = e.shortMessage ?? e.message;
  process.stderr.write(`devnode.mjs failed: ${message}\n${e.stack ?? ''}\n`);
  process.stdout.write(json({ ok: false, error: message, seconds: elapsed() }) + '\n');
  process.exit(1);
}
