#!/usr/bin/env bash
# `hark classify` (sentiment, big-listen themes, alerts) with 1 and 2 jobs against
# vaderSentiment 3.3.2 (sentiment only, one Python process) on the same generated records, in one
# run. Usage: Tests/Benchmarks/classify_speed.sh [RECORDS] [ROUNDS]   (defaults 1,000,000 and 3)
#
# Each round times hark on the CSV and the JSONL records with 1 and 2 jobs, then VADER once, so
# that a slow spell of this shared machine falls on both. Reported: per configuration the median
# over rounds (docs/s, MB/s, the largest peak RSS), VADER's median, and the ratio to VADER as the
# median of each round's own ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."
records=${1:-1000000}
rounds=${2:-3}
csv=/tmp/hark-classify-bench-${records}.csv
jsonl=/tmp/hark-classify-bench-${records}.jsonl
txt=/tmp/hark-classify-bench-${records}.txt
python3 Tests/Benchmarks/generate_corpus.py --records "$records" --format csv --output "$csv"
python3 Tests/Benchmarks/generate_corpus.py --records "$records" --format jsonl --output "$jsonl"
python3 Tests/Benchmarks/generate_corpus.py --records "$records" --format text --output "$txt"
swift build -c release --product hark >/dev/null
. Tests/Benchmarks/vader_env.sh
bytes=$(stat -c %s "$txt")
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for round in $(seq "$rounds"); do
  # The same records as CSV and as JSONL; MB/s counts the texts' bytes (the text corpus's size).
  for format in csv jsonl; do
    input=$csv
    [ "$format" = jsonl ] && input=$jsonl
    for jobs in 1 2; do
      /usr/bin/time -f "%e %M" -o /tmp/hark-time .build/release/hark classify --quiet --jobs "$jobs" "$input" > /dev/null
      read -r seconds rss < /tmp/hark-time
      echo "hark $format $jobs $round $seconds $rss" >> "$log"
      echo "round $round: hark classify --jobs $jobs ($format): $seconds s"
    done
  done
  vader=$("$vader_python" Tests/Benchmarks/vader_speed.py "$txt" --runs 1)
  echo "round $round: $vader"
  echo "vader - - $round $(echo "$vader" | sed -n 's/.*MB\/s, \([0-9]*\) docs\/s.*/\1/p') 0" >> "$log"
done
python3 - "$log" "$records" "$bytes" <<'EOF'
import statistics, sys
log, records, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = [line.split() for line in open(log)]
vader = {int(r[3]): float(r[4]) for r in rows if r[0] == "vader"}
print(f"{len(vader)} rounds; vaderSentiment 3.3.2, one process: median {statistics.median(vader.values()):.0f} docs/s")
for fmt in ("csv", "jsonl"):
    for jobs in ("1", "2"):
        runs = [(int(r[3]), float(r[4]), int(r[5])) for r in rows if r[0] == "hark" and r[1] == fmt and r[2] == jobs]
        seconds = statistics.median(s for _, s, _ in runs)
        ratios = [records / s / vader[k] for k, s, _ in runs]
        print(
            f"hark classify --jobs {jobs} ({fmt}): median {records / seconds:.0f} docs/s, {size / seconds / 1e6:.2f} MB/s, "
            f"peak RSS {max(m for _, _, m in runs) / 1024:.0f} MB; ratio to VADER docs/s, median of rounds: "
            f"{statistics.median(ratios):.1f}x (rounds {', '.join(f'{x:.1f}' for x in ratios)})"
            + (" (target 20x)" if jobs == "2" else "")
        )
EOF
