// Compiles Merapi's Solidity sources with the pinned solc from npm and keeps the committed artifacts
// honest. Run by the Maven build (contracts/pom.xml) in --check mode; run with --write after
// changing a contract:
//
//   node contracts/scripts/solc.mjs --write     (or ./mvnw -pl contracts generate-sources -Dsolc.write)
//
// One artifact per deployable contract and per interface, at src/main/artifacts/<dir>/<Name>.json
// mirroring src/main/solidity/<dir>/<File>.sol: the ABI, the creation and runtime bytecode, the
// immutable references and the storage layout (label, slot, offset, bytes, type; without solc's AST
// ids, which change whenever any source changes). --check recompiles and fails on any difference,
// on a missing artifact and on a stale one.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sourcesDir = path.join(root, "src/main/solidity");
const artifactsDir = path.join(root, "src/main/artifacts");

// The compiler settings are part of what the artifacts attest; changing them rewrites every one.
export const SETTINGS = {
  evmVersion: "cancun",
  optimizer: { enabled: true, runs: 999999 },
  // No metadata hash in the bytecode: comments and NatSpec then leave the code unchanged.
  metadata: { bytecodeHash: "none" },
  outputSelection: {
    "*": {
      "": ["ast"],
      "*": [
        "abi",
        "evm.bytecode.object",
        "evm.bytecode.linkReferences",
        "evm.deployedBytecode.object",
        "evm.deployedBytecode.immutableReferences",
        "storageLayout",
      ],
    },
  },
};

function ensureCompiler() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const pinned = pkg.dependencies.solc;
  const installed = path.join(root, "node_modules/solc/package.json");
  const have = fs.existsSync(installed) && JSON.parse(fs.readFileSync(installed, "utf8")).version;
  if (have !== pinned) {
    console.log(`[solc] installing solc ${pinned} from the npm registry (npm ci)`);
    execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  }
  return createRequire(path.join(root, "package.json"))("solc");
}

function listSources(dir, prefix = "") {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listSources(path.join(dir, entry.name), rel));
    else if (entry.name.endsWith(".sol")) out.push(rel);
  }
  return out;
}

function listFiles(dir, prefix = "") {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out;
}

function compile(solc) {
  const sources = {};
  for (const rel of listSources(sourcesDir)) {
    sources[rel] = { content: fs.readFileSync(path.join(sourcesDir, rel), "utf8") };
  }
  const input = { language: "Solidity", sources, settings: SETTINGS };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors || []).filter((e) => e.severity === "error");
  for (const e of output.errors || []) {
    if (e.severity !== "error") {
      // One line per warning: where, and the first sentence of what.
      const where = e.sourceLocation ? `${e.sourceLocation.file}: ` : "";
      console.warn(`[solc] warning: ${where}${e.message.split(". ")[0]}`);
    }
  }
  if (errors.length > 0) {
    for (const e of errors) console.error(e.formattedMessage);
    throw new Error(`solc: ${errors.length} error(s)`);
  }
  return { sources, output };
}

// The storage layout with solc's type ids resolved to their labels (t_struct(X)123_storage -> struct X).
function storageLayout(layout) {
  if (!layout) return [];
  return layout.storage.map((s) => ({
    label: s.label,
    slot: s.slot,
    offset: s.offset,
    bytes: layout.types[s.type].numberOfBytes,
    type: layout.types[s.type].label,
  }));
}

// Solc keys immutable references by AST id, and ids shift whenever the set of sources changes;
// artifacts key them by the variable's name (Contract.variable) so that they only change with the
// contract itself.
function immutableNames(output) {
  const names = new Map();
  const visit = (node, contract) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) {
      node.forEach((n) => visit(n, contract));
      return;
    }
    const inContract = node.nodeType === "ContractDefinition" ? node.name : contract;
    if (node.nodeType === "VariableDeclaration" && node.mutability === "immutable") {
      names.set(String(node.id), `${inContract}.${node.name}`);
    }
    for (const value of Object.values(node)) {
      if (value && typeof value === "object") visit(value, inContract);
    }
  };
  for (const source of Object.values(output.sources)) visit(source.ast, null);
  return names;
}

function namedImmutables(references, names) {
  const named = {};
  for (const [id, positions] of Object.entries(references || {})) {
    const name = names.get(id);
    if (!name) throw new Error(`immutable reference ${id} has no variable in the AST`);
    named[name] = positions;
  }
  return Object.fromEntries(Object.entries(named).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function artifacts({ output }) {
  const result = new Map();
  const immutables = immutableNames(output);
  for (const [source, contracts] of Object.entries(output.contracts)) {
    const kinds = contractKinds(output.sources[source].ast);
    for (const [name, c] of Object.entries(contracts)) {
      const kind = kinds.get(name);
      // Libraries are inlined into their users; abstract contracts are never deployed alone.
      if (kind.abstract || kind.kind === "library") continue;
      if (Object.keys(c.evm.bytecode.linkReferences || {}).length > 0) {
        throw new Error(`${source}:${name} needs linking; keep library functions internal`);
      }
      const rel = `${path.dirname(source) === "." ? "" : path.dirname(source) + "/"}${name}.json`;
      if (result.has(rel)) throw new Error(`two contracts named ${name} in ${path.dirname(source)}`);
      const artifact = {
        contractName: name,
        sourceName: source,
        kind: kind.kind,
        compiler: { solc: solcVersion, settings: { ...SETTINGS, outputSelection: undefined } },
        abi: c.abi,
        bytecode: "0x" + c.evm.bytecode.object,
        deployedBytecode: "0x" + c.evm.deployedBytecode.object,
        immutableReferences: namedImmutables(c.evm.deployedBytecode.immutableReferences, immutables),
        storageLayout: storageLayout(c.storageLayout),
      };
      result.set(rel, JSON.stringify(artifact, null, 2) + "\n");
    }
  }
  return result;
}

function contractKinds(ast) {
  const kinds = new Map();
  for (const node of ast.nodes) {
    if (node.nodeType === "ContractDefinition") {
      kinds.set(node.name, { kind: node.contractKind, abstract: node.abstract });
    }
  }
  return kinds;
}

let solcVersion = "";

function main() {
  const mode = process.argv[2];
  if (mode !== "--check" && mode !== "--write") {
    console.error("usage: node scripts/solc.mjs --check | --write");
    process.exit(2);
  }
  const solc = ensureCompiler();
  solcVersion = solc.version();
  const started = Date.now();
  const built = artifacts(compile(solc));
  const existing = new Set(listFiles(artifactsDir));
  const problems = [];
  for (const [rel, text] of built) {
    const file = path.join(artifactsDir, rel);
    const current = existing.has(rel) ? fs.readFileSync(file, "utf8") : null;
    existing.delete(rel);
    if (current === text) continue;
    if (mode === "--write") {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      console.log(`[solc] wrote ${rel}`);
    } else {
      problems.push(current === null ? `missing artifact ${rel}` : `artifact ${rel} differs from its source`);
    }
  }
  for (const stale of existing) {
    if (mode === "--write") {
      fs.rmSync(path.join(artifactsDir, stale));
      console.log(`[solc] removed stale ${stale}`);
    } else {
      problems.push(`stale artifact ${stale} (no contract of that name in the sources)`);
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (problems.length > 0) {
    for (const p of problems) console.error(`[solc] ${p}`);
    console.error("[solc] the committed artifacts do not match the sources: run node contracts/scripts/solc.mjs --write and commit");
    process.exit(1);
  }
  console.log(`[solc] ${built.size} artifacts ${mode === "--write" ? "up to date" : "match their sources"} (solc ${solcVersion}, ${seconds} s)`);
}

main();
