#!/usr/bin/env bash
# merapi execution's JSON-RPC over HTTP on loopback against hardhat node, in one session: autocannon,
# 16 connections, 8 s per method (the parameters of ../shared/perf/peers/run.sh rpc), for
# eth_blockNumber, eth_getBalance and an eth_call of an ERC-20 balanceOf (the same hand-assembled
# token on both: in Merapi's genesis, and on hardhat through hardhat_setCode/hardhat_setStorageAt).
# Prints the Latency (ms: 2.5% 50% 97.5% 99% avg stdev max) and Req/Sec rows.
# Usage, from the repository root: bench/execution-rpc.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
peers="$root/../shared/perf/peers"
cache=${PEERS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/merapi-peers}
port=${RPC_BENCH_PORT:-18745}
peer_port=${RPC_PEER_PORT:-18545}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== peer: run.sh rpc"
"$peers/run.sh" rpc
hh="$cache/hh"
autocannon="$hh/node_modules/.bin/autocannon"

(cd "$root" && ./mvnw -B -q -o -pl cli,bench -am package -DskipTests -Dspotless.check.skip=true)
# shellcheck source=../scripts/find-jdk.sh
. "$root/scripts/find-jdk.sh"
merapi_pick_jdk
"$JAVA_HOME/bin/java" -cp "$root/bench/target/benchmarks.jar" io.merapi.bench.rpc.ExecutionBenchSetup "$work"
# shellcheck disable=SC1091
. "$work/env.sh"

rpc() { # url method params
  curl -s -H 'content-type: application/json' \
    -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$2\",\"params\":$3}" "$1"
}
body() { # method params
  echo "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$1\",\"params\":$2}"
}
load() { # url method params [duration]
  "$autocannon" -c 16 -d "${4:-8}" -m POST -H 'content-type=application/json' -b "$(body "$2" "$3")" "$1" 2>&1 |
    grep -E "Latency|Req/Sec|requests in"
}
wait_port() {
  for _ in $(seq 90); do curl -s -o /dev/null "http://127.0.0.1:$1" && return 0; sleep 1; done
  echo "nothing listening on $1" >&2; return 1
}
balance_params="[\"$HOLDER\",\"latest\"]"
call_params="[{\"to\":\"$TOKEN\",\"data\":\"$CALLDATA\"},\"latest\"]"

echo "== hardhat node (same command line as run.sh)"
(cd "$hh" && exec setsid node node_modules/.bin/hardhat node --hostname 127.0.0.1 --port "$peer_port" >/dev/null 2>&1) &
peer=$!
wait_port "$peer_port"
url="http://127.0.0.1:$peer_port"
rpc "$url" hardhat_setCode "[\"$TOKEN\",\"$TOKEN_CODE\"]" >/dev/null
rpc "$url" hardhat_setStorageAt "[\"$TOKEN\",\"$SLOT\",\"$VALUE\"]" >/dev/null
rpc "$url" hardhat_setBalance "[\"$HOLDER\",\"0xde0b6b3a7640000\"]" >/dev/null
echo "hardhat balanceOf: $(rpc "$url" eth_call "$call_params")"
load "$url" eth_blockNumber "[]" 3 >/dev/null # warm-up
for m in eth_blockNumber eth_getBalance eth_call; do
  case $m in eth_getBalance) p=$balance_params;; eth_call) p=$call_params;; *) p="[]";; esac
  echo "-- hardhat $m"; load "$url" "$m" "$p"
done
kill -- -"$peer" 2>/dev/null || kill "$peer" 2>/dev/null || true
wait "$peer" 2>/dev/null || true

echo "== merapi execution"
MERAPI_SKIP_BUILD=1 MERAPI_JAVA_OPTS="-Xms1g -Xmx1g" "$root/merapi" execution --datadir "$work/datadir" \
  --genesis "$work/genesis.json" --http --http.port "$port" --authrpc.port 0 >"$work/node.log" 2>&1 &
node=$!
trap 'kill $node 2>/dev/null || true; rm -rf "$work"' EXIT
wait_port "$port"
url="http://127.0.0.1:$port"
echo "merapi balanceOf: $(rpc "$url" eth_call "$call_params")"
for m in eth_blockNumber eth_getBalance eth_call; do # JIT warm-up, not reported
  case $m in eth_getBalance) p=$balance_params;; eth_call) p=$call_params;; *) p="[]";; esac
  load "$url" "$m" "$p" 4 >/dev/null
done
for m in eth_blockNumber eth_getBalance eth_call; do
  case $m in eth_getBalance) p=$balance_params;; eth_call) p=$call_params;; *) p="[]";; esac
  echo "-- merapi $m"; load "$url" "$m" "$p"
done
kill "$node"
wait "$node" 2>/dev/null || true
