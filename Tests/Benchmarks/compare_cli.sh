#!/usr/bin/env bash
# Compares two builds of the `hark` command on one input, end to end (reading, analysis, writing),
# for judging a speed change on a noisy machine; checks that both write the same bytes.
#
# Usage: Tests/Benchmarks/compare_cli.sh OLD_HARK NEW_HARK INPUT [ROUNDS] [JOBS] [ARGS...]
#   ROUNDS: default 7 (old, new, old, new, ... one at a time)
#   JOBS:   default 2
#   ARGS:   passed on to `hark classify` (the bundled lexicons are found by --lexicon-dir, which
#           this adds, so that binaries copied elsewhere still find them)
# Prints each build's median wall time and the median and range of the per-round speed-up
# old/new; stops if the outputs differ. Build the old binary from a `git archive` of the old
# commit. Both outputs are kept on disk to be compared: on very large inputs (1,000,000 records
# write 1.1 GB a round) that writing adds noise of its own, so time such inputs to /dev/null.
set -euo pipefail
old=$1 new=$2 input=$3
rounds=${4:-7}
jobs=${5:-2}
shift $(( $# < 5 ? $# : 5 ))
lexicons="$(cd "$(dirname "$0")/../.." && pwd)/lexicons"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for _ in $(seq "$rounds"); do
  for build in old new; do
    binary=$old
    [ "$build" = new ] && binary=$new
    /usr/bin/time -f "%e" -o "$out/time.$build" "$binary" classify "$input" --quiet --jobs "$jobs" --lexicon-dir "$lexicons" "$@" > "$out/output.$build"
  done
  cmp -s "$out/output.old" "$out/output.new" || { echo "the two builds wrote different output" >&2; exit 1; }
  echo "$(cat "$out/time.old") $(cat "$out/time.new")"
done | python3 -c '
import statistics, sys
rows = [tuple(map(float, line.split())) for line in sys.stdin if line.strip()]
for name, k in (("old", 0), ("new", 1)):
    print(f"{name}: median {statistics.median(r[k] for r in rows):.2f} s")
ratios = sorted(r[0] / r[1] for r in rows)
print(f"speed-up old/new per round: median {statistics.median(ratios):.3f} (range {ratios[0]:.3f}-{ratios[-1]:.3f}), {len(rows)} rounds")
'
