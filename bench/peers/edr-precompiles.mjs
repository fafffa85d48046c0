// Peer figures for Merapi's Bn254PairingBenchmark and ModExpBenchmark: the same inputs run through
// EDR (revm, native Rust) with eth_call. A contract copies its calldata to memory and STATICCALLs
// the precompile n times; the per-call time is the eth_call time divided by n (the JSON-RPC
// overhead of ~0.2 ms is spread over n calls; the "identity" case shows the loop's own cost).
//
// Needs @nomicfoundation/edr 0.13.0 as installed by ../../../shared/perf/peers/run.sh:
//   ln -s ~/.cache/merapi-peers/node_modules bench/peers/node_modules && node bench/peers/edr-precompiles.mjs
import edr from '@nomicfoundation/edr'
import { createHash } from 'node:crypto'

const { EdrContext, ContractDecoder, L1_CHAIN_TYPE, l1ProviderFactory, l1GenesisState, l1HardforkFromString, CANCUN, MineOrdering } = edr

// EIP-197 vectors jeff1 and jeff2 (two pairs each, product one) and EIP-196's chfast1 points.
const JEFF1 = '1c76476f4def4bb94541d57ebba1193381ffa7aa76ada664dd31c16024c43f593034dd2920f673e204fee2811c678745fc819b55d3e9d294e45c9b03a76aef41209dd15ebff5d46c4bd888e51a93cf99a7329636c63514396b4a452003a35bf704bf11ca01483bfa8b34b43561848d28905960114c8ac04049af4b6315a416782bb8324af6cfc93537a2ad1a445cfd0ca2a71acd7ac41fadbf933c2a51be344d120a2a4cf30c1bf9845f20c6fe39e07ea2cce61f0c9bb048165fe5e4de877550111e129f1cf1097710d41c4ac70fcdfa5ba2023c6ff1cbeac322de49d1b6df7c2032c61a830e3c17286de9462bf242fca2883585b93870a73853face6a6bf411198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa'
const JEFF2 = '2eca0c7238bf16e83e7a1e6c5d49540685ff51380f309842a98561558019fc0203d3260361bb8451de5ff5ecd17f010ff22f5c31cdf184e9020b06fa5997db841213d2149b006137fcfb23036606f848d638d576a120ca981b5b1a5f9300b3ee2276cf730cf493cd95d64677bbb75fc42db72513a4c1e387b476d056f80aa75f21ee6226d31426322afcda621464d0611d226783262e21bb3bc86b537e986237096df1f82dff337dd5972e32a8ad43e28a78a96a823ef1cd4debe12b6552ea5f06967a1237ebfeca9aaae0d6d0bab8e28c198c5a339ef8a2407e31cdac516db922160fa257a5fd5b280642ff47b65eca77e626cb685c84fa6d3b6882a283ddd1198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa'
const CHFAST1 = '18b18acfb4c2c30276db5411368e7185b311dd124691610c5d3b74034e093dc9063c909c4720840cb5134cb9f59fa749755796819658d32efc0d288198f3726607c2b7f58a84bd6145f00c9c2bc0bb1a187f20ff2c92963a88019e7c6a014eed06614e20c147e940f2d70da3f74c9a17df361706a4485c742bd6788478fa17d7'
const MUL_SCALAR = '2bd3e6d0f3b142924f5ca7b49ce5b9d54c4703d7ae5648e61d02268b1a0a9fb7'

// ModExpBenchmark.stream: SHA-256(label + "/" + block) blocks.
const stream = (label, length) => {
  const out = Buffer.alloc(length)
  for (let block = 0; block * 32 < length; block++) {
    createHash('sha256').update(`${label}/${block}`, 'ascii').digest().copy(out, block * 32, 0, Math.min(32, length - block * 32))
  }
  return out
}
const word = (n) => n.toString(16).padStart(64, '0')
const modexpInput = (bits, full) => {
  const bytes = bits / 8
  const modulus = stream(`modulus-${bits}`, bytes); modulus[0] |= 0x80; modulus[bytes - 1] |= 1
  const base = stream(`base-${bits}`, bytes); base[0] &= 0x7f
  let exp = Buffer.from([1, 0, 1])
  if (full) { exp = stream(`exponent-${bits}`, bytes); exp[0] |= 0x80 }
  return word(bytes) + word(exp.length) + word(bytes) + base.toString('hex') + exp.toString('hex') + modulus.toString('hex')
}

const cases = [
  { name: 'Bn254PairingBenchmark.pairing2', precompile: 8, input: JEFF1, n: 40 },
  { name: 'Bn254PairingBenchmark.pairing4', precompile: 8, input: JEFF1 + JEFF2, n: 20 },
  { name: 'Bn254PairingBenchmark.add', precompile: 6, input: CHFAST1, n: 4000 },
  { name: 'Bn254PairingBenchmark.mul', precompile: 7, input: CHFAST1.slice(0, 128) + MUL_SCALAR, n: 1000 },
  { name: 'identity, 128 bytes (the loop itself)', precompile: 4, input: CHFAST1, n: 4000 },
]
for (const bits of [256, 1024, 2048]) {
  for (const full of [false, true]) {
    cases.push({ name: `ModExpBenchmark ${bits} ${full ? 'full' : '65537'}`, precompile: 5, input: modexpInput(bits, full), n: full ? (bits === 2048 ? 20 : 200) : 2000 })
  }
}

const hex2u8 = (h) => Uint8Array.from(Buffer.from(h.replace(/^0x/, ''), 'hex'))
const h4 = (n) => n.toString(16).padStart(4, '0')
// CALLDATACOPY(0, 0, size); n times: STATICCALL(gas, precompile, 0, size, size, 32); RETURN(size, 32)
const looper = (address, n) => '3660006000376' + '1' + h4(n) + '5b6020363660006' + '1' + h4(address) + '5afa5060019003806009575060' + '2036f3'
const ctx = new EdrContext()
await ctx.registerProviderFactory(L1_CHAIN_TYPE, l1ProviderFactory())
const sender = '0xac7881f770e24abb1275bcc59f94c68ced4acd06'
const addresses = cases.map((c, i) => '0x' + (0xc0 + i).toString(16).padStart(40, '0'))
const genesis = l1GenesisState(l1HardforkFromString(CANCUN))
  .concat(cases.map((c, i) => ({ address: hex2u8(addresses[i]), code: hex2u8(looper(c.precompile, c.n)), balance: 0n, nonce: 1n })))
  .concat([{ address: hex2u8(sender), balance: 10n ** 30n }])
const config = {
  allowBlocksWithSameTimestamp: false, allowUnlimitedContractSize: true, bailOnCallFailure: false, bailOnTransactionFailure: false,
  chainId: 31337n, coinbase: hex2u8('00'.repeat(20)), defaultTransactionGasLimit: 30_000_000n,
  genesisState: genesis, hardfork: CANCUN, minGasPrice: 0n,
  mining: { autoMine: true, memPool: { order: MineOrdering.Priority } },
  network: { genesisBlockGasLimit: 2_000_000_000n }, networkId: 31337n,
  observability: {}, ownedAccounts: [], precompileOverrides: [], transactionGasCap: false,
}
const logger = { enable: false, decodeConsoleLogInputsCallback: () => [], printLineCallback: () => {} }
const provider = await ctx.createProvider(L1_CHAIN_TYPE, config, logger, { subscriptionCallback: () => {} }, new ContractDecoder())
let id = 1
const rpc = async (method, params) => {
  const response = await provider.handleRequest(JSON.stringify({ jsonrpc: '2.0', id: id++, method, params }))
  const data = typeof response.data === 'string' ? JSON.parse(response.data) : response.data
  if (data.error) throw new Error(method + ': ' + JSON.stringify(data.error))
  return data.result
}
const reps = Number(process.env.REPS ?? 7)
for (const [i, c] of cases.entries()) {
  const call = { from: sender, to: addresses[i], data: '0x' + c.input, gas: '0x3b9aca00' }
  const times = []
  const cpu = []
  let out
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint()
    const c0 = process.cpuUsage()
    out = await rpc('eth_call', [call, 'latest'])
    const used = process.cpuUsage(c0)
    times.push(Number(process.hrtime.bigint() - t0) / 1e3 / c.n)
    // Process CPU time (EDR executes in this process): steadier than wall time on a shared machine.
    cpu.push((used.user + used.system) / c.n)
  }
  times.sort((a, b) => a - b)
  cpu.sort((a, b) => a - b)
  console.log(`edr ${c.name}: wall median ${times[reps >> 1].toFixed(1)} us/call, min ${times[0].toFixed(1)}; cpu median ${cpu[reps >> 1].toFixed(1)} us/call (n=${c.n}, ${reps} eth_calls; first output word ends ${out.slice(-8)})`)
}
