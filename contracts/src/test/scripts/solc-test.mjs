// Compiles the test-only Solidity (harnesses that expose libraries, fakes of other contracts) in
// src/test/solidity together with the production sources they import, with the same pinned solc
// and settings as scripts/solc.mjs. Run by the tests (io.merapi.contracts.libraries.TestSolidity),
// which cache the output by the sources' hash; never part of the committed artifacts.
//
//   node src/test/scripts/solc-test.mjs <output.json>
//
// Output: { "<ContractName>": { "abi": [...], "bytecode": "0x..." } } for the test contracts.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const mainDir = path.join(root, "src/main/solidity");
const testDir = path.join(root, "src/test/solidity");

function list(dir, prefix = "") {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...list(path.join(dir, e.name), rel));
    else if (e.name.endsWith(".sol")) out.push(rel);
  }
  return out;
}

const solc = createRequire(path.join(root, "package.json"))("solc");
const sources = {};
for (const rel of list(mainDir)) sources[rel] = { content: fs.readFileSync(path.join(mainDir, rel), "utf8") };
// Test sources live under test/ in the compiler's namespace (import them as "test/...").
const testSources = list(testDir).map((rel) => rel);
for (const rel of testSources) sources[rel] = { content: fs.readFileSync(path.join(testDir, rel), "utf8") };

const input = {
  language: "Solidity",
  sources,
  settings: {
    evmVersion: "cancun",
    optimizer: { enabled: true, runs: 999999 },
    metadata: { bytecodeHash: "none" },
    outputSelection: Object.fromEntries(testSources.map((s) => [s, { "*": ["abi", "evm.bytecode.object"] }])),
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === "error");
if (errors.length > 0) {
  for (const e of errors) console.error(e.formattedMessage);
  process.exit(1);
}
const result = {};
for (const s of testSources) {
  for (const [name, c] of Object.entries(output.contracts[s] || {})) {
    if (result[name]) throw new Error(`two test contracts named ${name}`);
    result[name] = { abi: c.abi, bytecode: "0x" + c.evm.bytecode.object };
  }
}
fs.writeFileSync(process.argv[2], JSON.stringify(result));
