#!/usr/bin/env bash
# Remote (distribution) workloads, all in one run: cast throughput and sequential call latency for Arbor->Arbor,
# Arbor->Erlang, Erlang->Arbor and Erlang->Erlang (the anchor), on loopback through one EPMD-compatible registrar.
# Usage: benchmarks/remote.sh [scale] [pair]   (default scale 0.5: 100k casts, 10k calls per pair; pair e.g. arbor_to_arbor runs only that one)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
scale="${1:-0.5}"
command -v erl >/dev/null 2>&1 || { echo "erl is required (apt-get install erlang-nox)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
erlc -o "$work" "$here/erlang/arbor_remote_bench.erl"
dotnet build -c Release "$here/Arbor.Benchmarks" -nologo -v q >/dev/null
dotnet "$here/Arbor.Benchmarks/bin/Release/net10.0/Arbor.Benchmarks.dll" remote "$work" "$scale" ${2:+"$2"}
