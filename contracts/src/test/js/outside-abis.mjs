// Lists what two outside clients need of the OP Stack contracts: viem's OP Stack actions and the
// Optimism SDK, at the versions pinned in package.json. The entries are found in the clients' own
// code (which function each action or method calls on which contract, which events and errors it
// decodes) and their signatures taken from the clients' own ABIs, so nothing here is a hand-made
// copy of an interface. OutsideClientAbiTest runs this and checks every entry against Merapi's
// compiled artifacts.
//
//   node outside-abis.mjs > uses.json
//
// Output: [{client, contract, kind: function|event|error, name, signature, outputs, indexed,
//           optional, why}]

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = path.join(here, "node_modules");

function canonical(param) {
  if (param.type.startsWith("tuple")) {
    return "(" + param.components.map(canonical).join(",") + ")" + param.type.slice(5);
  }
  return param.type;
}

function signature(entry) {
  return `${entry.name}(${(entry.inputs || []).map(canonical).join(",")})`;
}

function describe(entry) {
  return {
    kind: entry.type,
    name: entry.name,
    signature: signature(entry),
    outputs: entry.type === "function" ? "(" + (entry.outputs || []).map(canonical).join(",") + ")" : null,
    indexed: entry.type === "event" ? entry.inputs.map((i) => Boolean(i.indexed)) : null,
  };
}

const uses = [];

function use(client, contract, abi, kind, name, optional, why) {
  const matches = abi.filter((e) => e.type === kind && e.name === name);
  if (matches.length === 0) {
    throw new Error(`${client}: ${contract} ABI has no ${kind} ${name} (${why})`);
  }
  for (const m of matches) {
    uses.push({ client, contract, ...describe(m), optional, why });
  }
}

// ---- viem -------------------------------------------------------------------------------------

const viemRoot = path.join(modules, "viem/_esm/op-stack");
const viemAbis = await import(pathToFileURL(path.join(viemRoot, "abis.js")).href);

// Which of Merapi's contracts answers for each of viem's ABIs (the dispute game ABI for both games).
const viemContracts = {
  portal2Abi: ["OptimismPortal2"],
  portalAbi: ["OptimismPortal"],
  l2OutputOracleAbi: ["L2OutputOracle"],
  disputeGameFactoryAbi: ["DisputeGameFactory"],
  disputeGameAbi: ["PermissionedDisputeGame", "FastDisputeGame"],
  gasPriceOracleAbi: ["GasPriceOracle"],
  l1BlockAbi: ["L1Block"],
  l2ToL1MessagePasserAbi: ["L2ToL1MessagePasser"],
  // Only portals from OP's Upgrade 16 on (4.x) have one; viem asks for it only when such a portal
  // answers with OptimismPortal_InvalidRootClaim.
  anchorStateRegistryAbi: [],
};

// Reads later than the OP Stack contracts Merapi matches (OP contracts of late 2024): viem uses them
// only on chains that have them, guarded by the portal version or a fork check.
const viemNewer = {
  "l1BlockAbi.operatorFeeScalar": "Isthmus L1Block, read by estimateOperatorFee only when an L1Block address is given",
  "l1BlockAbi.operatorFeeConstant": "Isthmus L1Block, read by estimateOperatorFee only when an L1Block address is given",
  "gasPriceOracleAbi.isJovian": "Jovian GasPriceOracle, failure tolerated by estimateOperatorFee",
  "portal2Abi.anchorStateRegistry": "OptimismPortal 4.x (Upgrade 16), after an OptimismPortal_* error only",
};

// viem sends these through portalAbi whatever the portal's version: both portals must have them.
const portalAbiAnyVersion = new Set(["depositTransaction", "finalizeWithdrawalTransaction"]);

function viemContractsOf(abiName, fn) {
  if (abiName === "portalAbi" && portalAbiAnyVersion.has(fn)) return ["OptimismPortal", "OptimismPortal2"];
  return viemContracts[abiName];
}

for (const file of fs.readdirSync(path.join(viemRoot, "actions")).filter((f) => f.endsWith(".js"))) {
  const text = fs.readFileSync(path.join(viemRoot, "actions", file), "utf8");
  // Calls that pick their function and ABI as a pair: ['name', args, someAbi].
  const pairs = /\[\s*'([A-Za-z0-9_]+)',\s*\[[^\]]*\],\s*([A-Za-z0-9]+Abi),?\s*\]/g;
  for (let m; (m = pairs.exec(text)); ) {
    const [, fn, abiName] = m;
    if (!(abiName in viemContracts)) continue;
    for (const contract of viemContractsOf(abiName, fn)) {
      use("viem", contract, viemAbis[abiName], "function", fn, false, `viem actions/${file}`);
    }
  }
  // Each readContract/writeContract/simulateContract/estimateContractGas call names its ABI and
  // its function within a few lines; `.catch(` right after the call marks it optional.
  const re = /abi:\s*([A-Za-z0-9]+Abi)\b[\s\S]{0,400}?functionName:\s*'([A-Za-z0-9_]+)'/g;
  for (let m; (m = re.exec(text)); ) {
    const [, abiName, fn] = m;
    if (!(abiName in viemContracts)) continue;
    const after = text.slice(re.lastIndex, re.lastIndex + 200);
    const close = after.indexOf("})");
    const tolerated = close >= 0 && /^\s*\.catch\(/.test(after.slice(close + 2));
    const newer = viemNewer[`${abiName}.${fn}`];
    const why = `viem actions/${file}` + (newer ? ` (${newer})` : tolerated ? " (failure tolerated)" : "");
    for (const contract of viemContractsOf(abiName, fn)) {
      use("viem", contract, viemAbis[abiName], "function", fn, Boolean(newer) || tolerated, why);
    }
  }
}

// The events viem's utilities decode, and the errors getWithdrawalStatus matches by name.
for (const [abiName, event, file] of [
  ["portalAbi", "TransactionDeposited", "utils/extractTransactionDepositedLogs.js"],
  ["l2ToL1MessagePasserAbi", "MessagePassed", "utils/extractWithdrawalMessageLogs.js"],
]) {
  const text = fs.readFileSync(path.join(viemRoot, file), "utf8");
  if (!text.includes(`'${event}'`)) throw new Error(`viem ${file} no longer decodes ${event}`);
  for (const contract of abiName === "portalAbi" ? ["OptimismPortal", "OptimismPortal2"] : ["L2ToL1MessagePasser"]) {
    use("viem", contract, viemAbis[abiName], "event", event, false, `viem ${file}`);
  }
}
{
  const text = fs.readFileSync(path.join(viemRoot, "actions/getWithdrawalStatus.js"), "utf8");
  for (const name of ["InvalidGameType", "Unproven", "ProposalNotValidated"]) {
    const known = viemAbis.portal2Abi.some((e) => e.type === "error" && e.name === name);
    if (text.includes(`'${name}'`) && known) {
      use("viem", "OptimismPortal2", viemAbis.portal2Abi, "error", name, false, "viem getWithdrawalStatus matches it by name");
    }
  }
}

// ---- the Optimism SDK ---------------------------------------------------------------------------

const sdkRoot = path.join(modules, "@eth-optimism/sdk/dist");
const sdkAbi = (name) => JSON.parse(fs.readFileSync(path.join(sdkRoot, "forge-artifacts", `${name}.json`), "utf8")).abi;

// The SDK's contract names, as Merapi's (BedrockMessagePasser is its name for L2ToL1MessagePasser).
const sdkContracts = {
  OptimismPortal: "OptimismPortal",
  OptimismPortal2: "OptimismPortal2",
  L2OutputOracle: "L2OutputOracle",
  L1CrossDomainMessenger: "L1CrossDomainMessenger",
  L2CrossDomainMessenger: "L2CrossDomainMessenger",
  L1StandardBridge: "L1StandardBridge",
  L2StandardBridge: "L2StandardBridge",
  DisputeGameFactory: "DisputeGameFactory",
  BedrockMessagePasser: "L2ToL1MessagePasser",
};
const ethersMembers = new Set(["address", "interface", "provider", "queryFilter", "connect", "signer", "attach"]);
const sdkFiles = [
  ...fs.readdirSync(sdkRoot).filter((f) => f.endsWith(".js")).map((f) => path.join(sdkRoot, f)),
  ...fs.readdirSync(path.join(sdkRoot, "adapters")).filter((f) => f.endsWith(".js")).map((f) => path.join(sdkRoot, "adapters", f)),
];
for (const file of sdkFiles) {
  const text = fs.readFileSync(file, "utf8");
  const where = `sdk ${path.relative(sdkRoot, file)}`;
  const re = /(?:contracts\.l[12]\.([A-Za-z0-9]+)|this\.(l[12])Bridge)\.(populateTransaction\.|estimateGas\.|callStatic\.|filters\.)?([A-Za-z0-9_]+)/g;
  for (let m; (m = re.exec(text)); ) {
    const [, named, bridge, via, member] = m;
    const sdkName = named ?? (bridge === "l1" ? "L1StandardBridge" : "L2StandardBridge");
    const contract = sdkContracts[sdkName];
    if (!contract || ethersMembers.has(member)) continue;
    const kind = via === "filters." ? "event" : "function";
    use("sdk", contract, sdkAbi(sdkName === "BedrockMessagePasser" ? "L2ToL1MessagePasser" : sdkName), kind, member, false, where);
  }
}
// Calls through variables the regex cannot see: both messengers' bookkeeping and relay events,
// the message events the SDK parses, and what it reads of a dispute game (cross-chain-messenger.js).
for (const messenger of ["L1CrossDomainMessenger", "L2CrossDomainMessenger"]) {
  for (const fn of ["successfulMessages", "failedMessages"]) {
    use("sdk", messenger, sdkAbi(messenger), "function", fn, false, "sdk cross-chain-messenger.js via `messenger`");
  }
  for (const ev of ["RelayedMessage", "FailedRelayedMessage", "SentMessage", "SentMessageExtension1"]) {
    use("sdk", messenger, sdkAbi(messenger), "event", ev, false, "sdk cross-chain-messenger.js via `messenger`");
  }
}
use("sdk", "L2ToL1MessagePasser", sdkAbi("L2ToL1MessagePasser"), "event", "MessagePassed", false, "sdk cross-chain-messenger.js parses it");
for (const game of ["PermissionedDisputeGame", "FastDisputeGame"]) {
  for (const fn of ["status", "extraData", "rootClaim"]) {
    use("sdk", game, sdkAbi("FaultDisputeGame"), "function", fn, false, "sdk cross-chain-messenger.js reads the proven withdrawal's game");
  }
}

// One entry per (client, contract, kind, signature).
const seen = new Set();
const unique = uses.filter((u) => {
  const key = `${u.client}|${u.contract}|${u.kind}|${u.signature}`;
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
});
process.stdout.write(JSON.stringify(unique, null, 1) + "\n");
