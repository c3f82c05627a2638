#!/usr/bin/env bash
# Side-by-side comparison of Arbor with Erlang/OTP on the same workloads (gen_server cast, call, ping-pong, fan-in;
# gen_statem cast and call; gen_event notify to 10 handlers; spawn).
# Usage: benchmarks/compare.sh [--quick | --full] [--rounds N]
#   --quick (default) scale 0.2 of the full counts, finishes in a few minutes on 2 cores; --full uses the full counts.
# Installs Erlang/OTP from Debian packages if `erl` is missing (needs root and the package registry).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
scale=0.2
rounds=2
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) scale=0.2 ;;
    --full) scale=1.0 ;;
    --rounds) rounds="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if ! command -v erl >/dev/null 2>&1; then
  echo "Installing Erlang/OTP (erlang-nox)..." >&2
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq erlang-nox >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
erlc -o "$work" "$here"/erlang/*.erl
dotnet build -c Release "$here/Arbor.Benchmarks" -nologo -v q >/dev/null
arbor_dll="$here/Arbor.Benchmarks/bin/Release/net10.0/Arbor.Benchmarks.dll"

: > "$work/erlang.txt"
: > "$work/arbor.txt"
# Alternate the two runtimes so that machine noise hits both alike; each run reports medians, the table the best run.
for round in $(seq "$rounds"); do
  echo "round $round/$rounds: Erlang/OTP..." >&2
  erl -noshell -pa "$work" -eval "arbor_bench:main([\"$scale\"])" -s init stop >> "$work/erlang.txt"
  echo "round $round/$rounds: Arbor..." >&2
  dotnet "$arbor_dll" compare "$scale" >> "$work/arbor.txt"
done

otp="$(erl -noshell -eval 'io:format("~s", [erlang:system_info(otp_release)])' -s init stop)"
awk -v otp="$otp" '
  # best figure per workload for each runtime: highest rate, lowest bytes
  function better(name, value, unit, current) { return unit ~ /^bytes/ ? (current == "" || value < current) : (current == "" || value > current) }
  FNR == 1 { file++ }
  {
    name = $1; value = $2 + 0; unit = $3
    units[name] = unit
    if (!(name in order)) { order[name] = ++count; names[count] = name }
    if (file == 1) { if (better(name, value, unit, erl[name])) erl[name] = value }
    else { if (better(name, value, unit, arb[name])) arb[name] = value }
  }
  function show(value, unit) { return unit ~ /^bytes/ ? sprintf("%.0f B", value) : sprintf("%.2fM/s", value / 1e6) }
  END {
    printf "%-16s %16s %16s %10s\n", "workload", "Erlang/OTP " otp, "Arbor", "ratio"
    for (i = 1; i <= count; i++) {
      n = names[i]; u = units[n]
      ratio = u ~ /^bytes/ ? erl[n] / arb[n] : arb[n] / erl[n]
      printf "%-16s %16s %16s %9.2fx\n", n, show(erl[n], u), show(arb[n], u), ratio
    }
    print "(ratio > 1 means Arbor is better: faster, or smaller per process)"
  }' "$work/erlang.txt" "$work/arbor.txt"
