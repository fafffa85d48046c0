// Peer figures for Merapi's EvmBenchmark and `merapi evm run --bench`: the workloads of
// ../../../shared/perf/peers/workloads.mjs (snailtracer, keccak-loop-200k, fib-loop-1M, evmone's main
// suite) through EDR (revm inside Hardhat's runtime) with eth_call, as edr-bench.mjs runs them, but
// with more repetitions and the process CPU time next to the wall time: on a shared machine the
// fastest run and the CPU time are the figures least disturbed by other load.
//
// Needs @nomicfoundation/edr 0.13.0 as installed by ../../../shared/perf/peers/run.sh:
//   ln -s ~/.cache/merapi-peers/node_modules bench/peers/node_modules && node bench/peers/edr-evm.mjs [reps] [only]
import edr from '@nomicfoundation/edr'
import { workloads } from '../../../shared/perf/peers/workloads.mjs'

const { EdrContext, ContractDecoder, L1_CHAIN_TYPE, l1ProviderFactory, l1GenesisState, l1HardforkFromString, CANCUN, MineOrdering } = edr
const reps = Number(process.argv[2] ?? 7)
const only = process.argv[3]
const hex2u8 = (h) => Uint8Array.from(Buffer.from(h.replace(/^0x/, ''), 'hex'))
const ctx = new EdrContext()
await ctx.registerProviderFactory(L1_CHAIN_TYPE, l1ProviderFactory())
const sender = '0xac7881f770e24abb1275bcc59f94c68ced4acd06'
const addrs = workloads.map((w, i) => '0x' + (0xc0 + i).toString(16).padStart(40, '0'))
const genesis = l1GenesisState(l1HardforkFromString(CANCUN))
  .concat(workloads.map((w, i) => ({ address: hex2u8(addrs[i]), code: hex2u8(w.code), balance: 0n, nonce: 1n })))
genesis.push({ address: hex2u8(sender), balance: 10n ** 30n })
const config = {
  allowBlocksWithSameTimestamp: false, allowUnlimitedContractSize: true, bailOnCallFailure: false, bailOnTransactionFailure: false,
  chainId: 31337n, coinbase: hex2u8('0x' + '00'.repeat(20)), defaultTransactionGasLimit: 30_000_000n,
  genesisState: genesis, hardfork: CANCUN, minGasPrice: 0n,
  mining: { autoMine: true, memPool: { order: MineOrdering.Priority } },
  network: { genesisBlockGasLimit: 2_000_000_000n }, networkId: 31337n,
  observability: {}, ownedAccounts: [], precompileOverrides: [], transactionGasCap: false,
}
const logger = { enable: false, decodeConsoleLogInputsCallback: () => [], printLineCallback: () => {} }
const provider = await ctx.createProvider(L1_CHAIN_TYPE, config, logger, { subscriptionCallback: () => {} }, new ContractDecoder())
let id = 1
const rpc = async (method, params) => {
  const r = await provider.handleRequest(JSON.stringify({ jsonrpc: '2.0', id: id++, method, params }))
  const d = typeof r.data === 'string' ? JSON.parse(r.data) : r.data
  if (d.error) throw new Error(method + ': ' + JSON.stringify(d.error))
  return d.result
}
for (const [i, w] of workloads.entries()) {
  if (only && !w.name.startsWith(only)) continue
  const call = { from: sender, to: addrs[i], data: w.data, gas: '0x3b9aca00' }
  await rpc('eth_call', [call, 'latest']) // warm-up
  const wall = []
  const cpu = []
  let out = ''
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage()
    const t0 = process.hrtime.bigint()
    out = await rpc('eth_call', [call, 'latest'])
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6)
    const used = process.cpuUsage(c0)
    cpu.push((used.user + used.system) / 1e3)
  }
  wall.sort((a, b) => a - b)
  cpu.sort((a, b) => a - b)
  console.log(`edr ${w.name}: wall min ${wall[0].toFixed(3)} ms, median ${wall[reps >> 1].toFixed(3)} ms; cpu median ${cpu[reps >> 1].toFixed(3)} ms (${reps} calls, out ${out.slice(0, 18)})`)
}
