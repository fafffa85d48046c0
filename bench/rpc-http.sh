#!/usr/bin/env bash
# JSON-RPC over HTTP on loopback: Merapi's server (io.merapi.bench.rpc.RpcBenchServer) against
# hardhat node, both loaded by autocannon with 16 connections for 8 s per method (the parameters of
# ../shared/perf/peers/run.sh rpc), in one session so that the ratio is meaningful on a shared
# machine. Prints the Latency (ms: 2.5% 50% 97.5% 99% avg stdev max) and Req/Sec rows.
# Usage, from the repository root: bench/rpc-http.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
peers="$root/../shared/perf/peers"
cache=${PEERS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/merapi-peers}
port=${RPC_BENCH_PORT:-18645}
peer_port=${RPC_PEER_PORT:-18545}

# The peers (hardhat, autocannon) are installed by run.sh; its own figures come first.
echo "== peer: run.sh rpc"
"$peers/run.sh" rpc
hh="$cache/hh"
autocannon="$hh/node_modules/.bin/autocannon"

load() { # url method
  "$autocannon" -c 16 -d 8 -m POST -H 'content-type=application/json' \
    -b "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$2\",\"params\":[]}" "$1" 2>&1 |
    grep -E "Latency|Req/Sec|requests in"
}
wait_port() {
  for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$1" && return 0; sleep 1; done
  echo "nothing listening on $1" >&2; return 1
}

echo "== peer latency: hardhat node (same command line as run.sh)"
(cd "$hh" && exec setsid node node_modules/.bin/hardhat node --hostname 127.0.0.1 --port "$peer_port" >/dev/null 2>&1) &
peer=$!
wait_port "$peer_port"
for m in eth_blockNumber eth_chainId; do echo "-- hardhat $m"; load "http://127.0.0.1:$peer_port" "$m"; done
kill -- -"$peer" 2>/dev/null || kill "$peer" 2>/dev/null || true
wait "$peer" 2>/dev/null || true

echo "== merapi: RpcBenchServer"
(cd "$root" && ./mvnw -B -q -o -pl bench -am package -DskipTests)
# shellcheck source=../scripts/find-jdk.sh
. "$root/scripts/find-jdk.sh"
merapi_pick_jdk
"$JAVA_HOME/bin/java" -Xms512m -Xmx512m -cp "$root/bench/target/benchmarks.jar" \
  io.merapi.bench.rpc.RpcBenchServer "$port" ${RPC_BENCH_EVENT_LOOPS:-} &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
wait_port "$port"
# JIT warm-up, not reported.
"$autocannon" -c 16 -d 5 -m POST -H 'content-type=application/json' \
  -b '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}' "http://127.0.0.1:$port" >/dev/null 2>&1
for m in eth_blockNumber eth_chainId bench_blockNumberOnWorker; do
  echo "-- merapi $m"; load "http://127.0.0.1:$port" "$m"
done
kill "$server"
wait "$server" 2>/dev/null || true
