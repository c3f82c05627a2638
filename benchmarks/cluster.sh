#!/usr/bin/env bash
# Cluster workloads, Arbor and Erlang one after the other on the same machine: global vs local whereis, global
# registration latency on a three-node loopback cluster, and (Arbor only: OTP has no distributed supervisor) the time
# from a member leaving to its distributed children running on the others.
# Usage: benchmarks/cluster.sh [scale]   (default 0.5: 5M lookups, 1,000 registrations)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
scale="${1:-0.5}"
lookups=$(awk "BEGIN { printf \"%d\", 10000000 * $scale }")
registrations=$(awk "BEGIN { printf \"%d\", 2000 * $scale }")
dotnet build -c Release "$here/Arbor.Benchmarks" -nologo -v q >/dev/null
dotnet "$here/Arbor.Benchmarks/bin/Release/net10.0/Arbor.Benchmarks.dll" cluster "$scale"

command -v erl >/dev/null 2>&1 || { echo "erl is required for the Erlang anchor (apt-get install erlang-nox)" >&2; exit 2; }
work="$(mktemp -d)"
peers=()
cleanup() { for p in "${peers[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
erlc -o "$work" "$here/erlang/arbor_cluster_bench.erl"
host="$(hostname -s)"
for peer in cbench_e2 cbench_e3; do
  erl -sname "$peer" -setcookie bench -noshell -eval 'timer:sleep(infinity)' >/dev/null 2>&1 &
  peers+=("$!")
done
# The peers register with EPMD as they start; the runner retries its connects until they are there (bounded).
for attempt in $(seq 1 50); do
  if erl -sname cbench_probe$$ -setcookie bench -noshell -eval "
      case {net_adm:ping('cbench_e2@$host'), net_adm:ping('cbench_e3@$host')} of {pong, pong} -> halt(0); _ -> halt(1) end." ; then
    break
  fi
  sleep 0.2
done
erl -sname cbench_e1 -setcookie bench -noshell -pa "$work" -kernel logger_level error \
  -eval "arbor_cluster_bench:run([\"cbench_e2@$host\", \"cbench_e3@$host\", \"$lookups\", \"$registrations\"])"
