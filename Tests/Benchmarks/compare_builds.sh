#!/usr/bin/env bash
# Compares two builds of hark-bench on one corpus, for judging a speed change on a noisy machine.
#
# Usage: Tests/Benchmarks/compare_builds.sh OLD_BINARY NEW_BINARY SUBCOMMAND CORPUS [ROUNDS] [MODE] [ARGS...]
#   SUBCOMMAND: tokenize | sentiment | classify (a hark-bench subcommand; one run per round)
#   ROUNDS:     default 9
#   MODE:       "alternate" (default: old, new, old, new, ... one at a time) or "together" (both at
#               once, one per core, so that both see the same moment's load)
#   ARGS:       passed on to hark-bench (e.g. --only-hark for tokenize)
# Prints, per build, the minimum, median and maximum MB/s, and the median and range of the
# per-round ratio new/old. Build the old binary from a `git archive` of the old commit.
set -euo pipefail
old=$1 new=$2 sub=$3 corpus=$4
rounds=${5:-9}
mode=${6:-alternate}
shift $(( $# < 6 ? $# : 6 ))
mbs() { grep -oE '[0-9.]+ MB/s' "$1" | head -1 | cut -d' ' -f1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for _ in $(seq "$rounds"); do
  if [ "$mode" = together ]; then
    "$old" "$sub" "$corpus" --runs 1 "$@" > "$out/old" &
    "$new" "$sub" "$corpus" --runs 1 "$@" > "$out/new" &
    wait
  else
    "$old" "$sub" "$corpus" --runs 1 "$@" > "$out/old"
    "$new" "$sub" "$corpus" --runs 1 "$@" > "$out/new"
  fi
  echo "$(mbs "$out/old") $(mbs "$out/new")"
done | python3 -c '
import statistics, sys
rows = [tuple(map(float, line.split())) for line in sys.stdin if line.strip()]
for name, k in (("old", 0), ("new", 1)):
    v = sorted(r[k] for r in rows)
    print(f"{name}: min {v[0]:.2f}  median {statistics.median(v):.2f}  max {v[-1]:.2f} MB/s")
ratios = sorted(r[1] / r[0] for r in rows)
print(f"new/old per round: median {statistics.median(ratios):.3f} (range {ratios[0]:.3f}-{ratios[-1]:.3f}), {len(rows)} rounds")
'
