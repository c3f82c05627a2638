#!/usr/bin/env bash
# The scheduling scenario side by side (issue 12): 16 handlers hog their thread for 2 s while an idle server is called.
# Erlang/OTP spinning and sleeping gen_servers; Arbor unmarked and marked Dirty = true. Prints the worst of N rounds.
# Usage: benchmarks/starvation.sh [--rounds N]   (also reached as benchmarks/compare.sh --starvation)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
rounds=2
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if ! command -v erl >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq erlang-nox >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
erlc -o "$work" "$here"/erlang/*.erl
dotnet build -c Release "$here/Arbor.Benchmarks" -nologo -v q >/dev/null
arbor_dll="$here/Arbor.Benchmarks/bin/Release/net10.0/Arbor.Benchmarks.dll"

# One run per mode and process (the thread pool's state carries over within a process); each prints "<metric> <value> <unit>".
for round in $(seq "$rounds"); do
  for mode in spin sleep; do
    echo "round $round/$rounds: Erlang/OTP $mode..." >&2
    erl -noshell -pa "$work" -eval "arbor_bench:main([\"starvation\", \"$mode\", \"16\", \"2000\"])" -s init stop > "$work/erl-$mode-$round.txt"
  done
  for mode in spin spin-dirty sleep sleep-dirty; do
    echo "round $round/$rounds: Arbor $mode..." >&2
    dotnet "$arbor_dll" starvation "$mode" 16 2000 | tail -n +2 > "$work/arbor-$mode-$round.txt"
  done
done

columns="erl-spin erl-sleep arbor-spin arbor-spin-dirty arbor-sleep arbor-sleep-dirty"
printf "16 handlers hogging their thread for 2 s, %s cores; worst of %s rounds per cell\n" "$(nproc)" "$rounds"
printf "%-20s" "metric"; for c in $columns; do printf " %17s" "$c"; done; printf "\n"
for metric in idle-call-p50 idle-call-p99 idle-call-max start-max timeout-5s-arrival; do
  printf "%-20s" "$metric"
  for c in $columns; do
    value=$(cat "$work/$c"-[0-9]*.txt | awk -v m="$metric" '$1 == m { if (best == "" || $2 + 0 > best) best = $2 + 0 } END { if (best == "") print "-"; else printf "%.2f ms", best }')
    printf " %17s" "$value"
  done
  printf "\n"
done
