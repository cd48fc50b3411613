#!/usr/bin/env bash
# `hark classify` (sentiment, big-listen themes, alerts) with 1 and 2 jobs against
# vaderSentiment 3.3.2 (sentiment only, one Python process) on the same generated records, in one
# run. Usage: Tests/Benchmarks/classify_speed.sh [RECORDS]   (default 1,000,000)
set -euo pipefail
cd "$(dirname "$0")/../.."
records=${1:-1000000}
csv=/tmp/hark-classify-bench-${records}.csv
jsonl=/tmp/hark-classify-bench-${records}.jsonl
txt=/tmp/hark-classify-bench-${records}.txt
python3 Tests/Benchmarks/generate_corpus.py --records "$records" --format csv --output "$csv"
python3 Tests/Benchmarks/generate_corpus.py --records "$records" --format jsonl --output "$jsonl"
python3 Tests/Benchmarks/generate_corpus.py --records "$records" --format text --output "$txt"
swift build -c release --product hark >/dev/null
if [ ! -x .build/vader-venv/bin/python ]; then
  python3 -m venv .build/vader-venv && .build/vader-venv/bin/python -m pip install --quiet vaderSentiment==3.3.2
fi
bytes=$(stat -c %s "$txt")
# The same records as CSV and as JSONL; MB/s counts the texts' bytes (the text corpus's size).
for format in csv jsonl; do
  input=$csv
  [ "$format" = jsonl ] && input=$jsonl
  for jobs in 1 2; do
    /usr/bin/time -f "%e %M" -o /tmp/hark-time-$format-$jobs .build/release/hark classify --quiet --jobs "$jobs" "$input" > /dev/null
    read -r seconds rss < /tmp/hark-time-$format-$jobs
    python3 -c "print(f'hark classify --jobs $jobs ($format): {$records / $seconds:.0f} docs/s, {$bytes / $seconds / 1e6:.2f} MB/s, peak RSS {$rss / 1024:.0f} MB, {$seconds} s')"
  done
done
vader=$(.build/vader-venv/bin/python Tests/Benchmarks/vader_speed.py "$txt" --runs 1)
echo "$vader"
v=$(echo "$vader" | sed -n 's/.*MB\/s, \([0-9]*\) docs\/s.*/\1/p')
for format in csv jsonl; do
  read -r seconds _ < /tmp/hark-time-$format-2
  python3 -c "print(f'ratio hark (2 jobs, $format) / VADER docs/s: {$records / $seconds / $v:.1f}x (target 20x)')"
done
