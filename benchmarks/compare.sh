#!/usr/bin/env bash
# Side-by-side comparison of Arbor with Erlang/OTP, Akka.NET and Proto.Actor on the same workloads:
#   cast, call (one caller), ping-pong, fan-in (4 producers), call-64x1 and call-64x64 (64 concurrent callers),
#   spawn-sequential and spawn-pipelined (idle servers), and resident memory per idle server.
#   The gen_statem (statem-cast, statem-call) and gen_event (notify-10) rows compare Arbor with Erlang/OTP only.
# The .NET runtimes share one harness (benchmarks/Comparison: same counts, warm-up, rounds, GC settings); the Erlang side
# (benchmarks/erlang/arbor_bench.erl) implements the same counts, warm-up and rounds.
#
# Usage: benchmarks/compare.sh [--quick | --full] [--scale S] [--rounds N] [--repeat R] [--memory-count M] [--only LIST]
#   --quick (default) scale 0.2 of the full counts (2M casts, 200k calls, 200k spawns); --full uses the full counts.
#   --rounds N      measured rounds per workload inside each run (median reported; default 3)
#   --repeat R      runs per runtime, alternating runtimes so machine noise hits all alike (best run reported; default 1)
#   --memory-count  idle servers started for the memory figure, in a fresh process per runtime (default 1,000,000)
#   --only LIST     comma-separated subset of: erlang,arbor,akka,proto
#   --keep DIR      also keep each runtime's raw "name value unit" lines in DIR
# Installs Erlang/OTP from Debian packages if `erl` is missing (needs root and the package registry).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# The scheduling scenario (handlers hogging threads) has its own script.
if [ "${1:-}" = "--starvation" ]; then shift; exec "$here/starvation.sh" "$@"; fi
scale=0.2
rounds=3
repeat=1
memory_count=1000000
only="erlang,arbor,akka,proto"
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) scale=0.2 ;;
    --full) scale=1.0 ;;
    --scale) scale="$2"; shift ;;
    --rounds) rounds="$2"; shift ;;
    --repeat) repeat="$2"; shift ;;
    --memory-count) memory_count="$2"; shift ;;
    --only) only="$2"; shift ;;
    --keep) keep="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
wants() { [[ ",$only," == *",$1,"* ]]; }

if wants erlang && ! command -v erl >/dev/null 2>&1; then
  echo "Installing Erlang/OTP (erlang-nox)..." >&2
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq erlang-nox >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bin() { echo "$here/$1/bin/Release/net10.0/$2.dll"; }
wants erlang && erlc -o "$work" "$here"/erlang/*.erl
wants arbor && dotnet build -c Release "$here/Arbor.Benchmarks" -nologo -v q >/dev/null
wants akka && dotnet build -c Release "$here/Akka" -nologo -v q >/dev/null
wants proto && dotnet build -c Release "$here/ProtoActor" -nologo -v q >/dev/null

# One command per runtime; each prints "name value unit" lines (anything else is dropped).
run_side() {
  local side="$1" mode="$2" arg="$3" extra="${4:-}"
  case "$side" in
    erlang) erl -noshell +P 4000000 -pa "$work" -eval "arbor_bench:main([\"$mode\", \"$arg\"$extra])" -s init stop ;;
    arbor) dotnet "$(bin Arbor.Benchmarks Arbor.Benchmarks)" compare "$mode" "$arg" ${extra:+$rounds} ;;
    akka) dotnet "$(bin Akka Arbor.Comparison.Akka)" "$mode" "$arg" ${extra:+$rounds} ;;
    proto) dotnet "$(bin ProtoActor Arbor.Comparison.ProtoActor)" "$mode" "$arg" ${extra:+$rounds} ;;
  esac | grep -E '^[a-z0-9-]+ [0-9.]+ [a-z/-]+$' || true
}

sides="erlang arbor akka proto"
for side in $sides; do : > "$work/$side.txt"; done
for r in $(seq "$repeat"); do
  for side in $sides; do
    wants "$side" || continue
    echo "run $r/$repeat: $side (scale $scale, $rounds rounds a workload)..." >&2
    run_side "$side" run "$scale" ", \"$rounds\"" >> "$work/$side.txt"
  done
done
for side in $sides; do
  wants "$side" || continue
  echo "memory: $side ($memory_count idle servers, fresh process)..." >&2
  run_side "$side" memory "$memory_count" >> "$work/$side.txt"
done

if [ -n "$keep" ]; then mkdir -p "$keep" && cp "$work"/*.txt "$keep"/; fi
otp="$(command -v erl >/dev/null && erl -noshell -eval 'io:format("~s", [erlang:system_info(otp_release)])' -s init stop || echo "?")"
awk -v otp="$otp" '
  # best figure per workload for each runtime: highest rate, lowest bytes
  function better(value, unit, current) { return unit ~ /^bytes/ ? (current == "" || value < current) : (current == "" || value > current) }
  FNR == 1 { side = FILENAME ~ /\/erlang\.txt$/ ? 1 : FILENAME ~ /\/arbor\.txt$/ ? 2 : FILENAME ~ /\/akka\.txt$/ ? 3 : 4 }
  {
    name = $1; value = $2 + 0; unit = $3
    units[name] = unit
    if (!(name in order)) { order[name] = ++count; names[count] = name }
    key = side SUBSEP name
    if (better(value, unit, best[key])) best[key] = value
  }
  function show(key, unit) {
    if (!(key in best)) return "-"
    v = best[key]
    if (unit ~ /^bytes/) return sprintf("%.0f B", v)
    return v >= 1e6 ? sprintf("%.2fM/s", v / 1e6) : v >= 1e4 ? sprintf("%.0fk/s", v / 1e3) : sprintf("%.1fk/s", v / 1e3)
  }
  END {
    printf "%-18s %14s %14s %14s %14s\n", "workload", "Erlang/OTP " otp, "Arbor", "Akka.NET", "Proto.Actor"
    for (i = 1; i <= count; i++) {
      n = names[i]; u = units[n]
      printf "%-18s %14s %14s %14s %14s\n", n, show(1 SUBSEP n, u), show(2 SUBSEP n, u), show(3 SUBSEP n, u), show(4 SUBSEP n, u)
    }
    print "(rates: higher is better; rss-per-process: resident memory growth per idle server, lower is better)"
  }' "$work/erlang.txt" "$work/arbor.txt" "$work/akka.txt" "$work/proto.txt"
