#!/usr/bin/env bash
# Where `hark classify`'s time goes, by layer: the same records classified with 2 jobs four ways,
# against vaderSentiment 3.3.2 (sentiment only, one Python process) in the same run.
#   full            sentiment, the big-listen themes and the alerts (what classify_speed.sh times)
#   themes only     the alerts dictionary swapped for one that never matches
#   alerts only     the themes swapped for a dictionary that never matches (--themes none)
#   sentiment only  both swapped: sentiment, plus the (small) cost of running two empty
#                   dictionaries over each text, so an upper bound on sentiment alone
# The swapped dictionaries are written to a temporary copy of lexicons/ (the bundled files are
# not touched); every way reads the same CSV and writes JSON lines to /dev/null.
# Usage: Tests/Benchmarks/classify_layers.sh [RECORDS] [ROUNDS]   (defaults 300,000 and 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
records=${1:-300000}
rounds=${2:-5}
csv=/tmp/hark-layers-bench-${records}.csv
txt=/tmp/hark-layers-bench-${records}.txt
python3 Tests/Benchmarks/generate_corpus.py --records "$records" --format csv --output "$csv"
python3 Tests/Benchmarks/generate_corpus.py --records "$records" --format text --output "$txt"
swift build -c release --product hark >/dev/null
. Tests/Benchmarks/vader_env.sh
work=$(mktemp -d)
log=$work/log
trap 'rm -rf "$work"' EXIT
# Dictionaries whose one pattern occurs in no text (the alerts file must keep its three ids).
mkdir -p "$work/full" "$work/no-alerts"
cp -r lexicons/. "$work/full/"
cp -r lexicons/. "$work/no-alerts/"
cat > "$work/full/themes/none.yaml" <<'EOF'
dictionary: none
version: 1
language: en
threshold: 0.5
themes:
  - id: none
    label: A theme that never matches
    patterns:
      - zzqxzzqx
EOF
cp "$work/full/themes/none.yaml" "$work/no-alerts/themes/none.yaml"
{
  printf 'dictionary: alerts\nversion: 1\nlanguage: en\nalerts:\n'
  for id in distress safeguarding_disclosure threat; do
    printf '  - id: %s\n    label: never matches\n    threshold: 1.0\n    patterns:\n      - zzqxzzqx\n' "$id"
  done
} > "$work/no-alerts/alerts.yaml"
ways=("full|full|big-listen" "themes-only|no-alerts|big-listen" "alerts-only|full|none" "sentiment-only|no-alerts|none")
# Check the swap on the first 2,000 records (all records, if fewer; a generated record is one line): no theme where the themes are swapped, no alert where
# the alerts are (else the layers below would not be what they say).
head -n 2001 "$csv" > "$work/sample.csv"
for way in "${ways[@]}"; do
  IFS='|' read -r name dir themes <<< "$way"
  .build/release/hark classify --quiet --jobs 2 --lexicon-dir "$work/$dir" --themes "$themes" "$work/sample.csv" > "$work/sample.jsonl"
  with_themes=$(grep -vc '"themes":\[\]' "$work/sample.jsonl" || true)
  with_alerts=$(grep -vc '"alerts":\[\]' "$work/sample.jsonl" || true)
  echo "check: $name: of $(wc -l < "$work/sample.jsonl") records, $with_themes with a theme, $with_alerts with an alert"
  if { [ "$themes" = none ] && [ "$with_themes" != 0 ]; } || { [ "$dir" = no-alerts ] && [ "$with_alerts" != 0 ]; }; then
    echo "the swapped dictionaries still match: $name" >&2
    exit 1
  fi
done
for round in $(seq "$rounds"); do
  for way in "${ways[@]}"; do
    IFS='|' read -r name dir themes <<< "$way"
    /usr/bin/time -f "%e" -o "$work/time" .build/release/hark classify --quiet --jobs 2 \
      --lexicon-dir "$work/$dir" --themes "$themes" "$csv" > /dev/null
    read -r seconds < "$work/time"
    echo "hark $name $round $seconds" >> "$log"
    echo "round $round: $name: $seconds s"
  done
  vader=$("$vader_python" Tests/Benchmarks/vader_speed.py "$txt" --runs 1)
  echo "round $round: $vader"
  echo "vader - $round $(echo "$vader" | sed -n 's/.*MB\/s, \([0-9]*\) docs\/s.*/\1/p')" >> "$log"
done
python3 - "$log" "$records" <<'EOF'
import statistics, sys
log, records = sys.argv[1], int(sys.argv[2])
rows = [line.split() for line in open(log)]
vader = {int(r[2]): float(r[3]) for r in rows if r[0] == "vader"}
print(f"{len(vader)} rounds, {records} records, 2 jobs; vaderSentiment 3.3.2, one process: median {statistics.median(vader.values()):.0f} docs/s")
full = None
for name in ("full", "themes-only", "alerts-only", "sentiment-only"):
    runs = [(int(r[2]), float(r[3])) for r in rows if r[0] == "hark" and r[1] == name]
    seconds = statistics.median(s for _, s in runs)
    full = full or seconds
    ratios = [records / s / vader[k] for k, s in runs]
    print(
        f"{name:>15}: median {seconds:.2f} s ({seconds / full:.0%} of full), {records / seconds:,.0f} docs/s; "
        f"ratio to VADER docs/s, median of rounds: {statistics.median(ratios):.1f}x"
    )
EOF
