#!/usr/bin/env bash
# Packs this repository's Arbor into a local folder feed, so it can be tried from any project before it is published.
# Every run gets its own prerelease version (0.1.0-local.<UTC timestamp>): NuGet caches packages by id and version, so
# re-packing under a version it has seen would be silently ignored.
#
# Usage: scripts/pack-local.sh [--feed DIR]      (default feed: ~/.arbor/packages, or $ARBOR_LOCAL_FEED)
# Then, in the consuming project's folder:
#   dotnet new nugetconfig
#   dotnet nuget add source ~/.arbor/packages --name arbor-local --configfile nuget.config
#   dotnet add package Arbor --prerelease
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
feed="${ARBOR_LOCAL_FEED:-$HOME/.arbor/packages}"
while [ $# -gt 0 ]; do
  case "$1" in
    --feed) feed="$2"; shift ;;
    *) echo "unknown option $1 (usage: scripts/pack-local.sh [--feed DIR])" >&2; exit 2 ;;
  esac
  shift
done

base="$(sed -n 's:.*<Version>\([^<-]*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -n 1)"
version="${base:-0.1.0}-local.$(date -u +%Y%m%d%H%M%S)"
mkdir -p "$feed"
feed="$(cd "$feed" && pwd)"
dotnet pack "$root/src/Runtime/Arbor.csproj" -c Release -o "$feed" -p:Version="$version" -nologo

cat <<EOT

Packed Arbor $version into $feed

To use it from a project (run in the project's folder; the nuget.config keeps the source for later restores):
  dotnet new nugetconfig            # skip if the folder, or one above it, has a nuget.config you want to extend
  dotnet nuget add source "$feed" --name arbor-local --configfile nuget.config
  dotnet add package Arbor --version $version

Later packs get newer versions; 'dotnet add package Arbor --prerelease' takes the newest.
EOT
