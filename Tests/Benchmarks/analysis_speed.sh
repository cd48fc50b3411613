#!/usr/bin/env bash
# The analysis alone (sentiment, big-listen themes and alerts on each text: `hark-bench classify`,
# one thread, no reading or writing of records) against vaderSentiment 3.3.2 (sentiment only, one
# Python process) on the same generated corpus, medians of runs, in one run: the issue-4 figure
# (target 15 MB/s) with the machine's phase shown by VADER's speed beside it.
# Usage: Tests/Benchmarks/analysis_speed.sh [MEGABYTES]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/../.."
megabytes=${1:-20}
corpus=/tmp/hark-analysis-bench-${megabytes}.txt
python3 Tests/Benchmarks/generate_corpus.py --megabytes "$megabytes" --output "$corpus"
swift build -c release --product hark-bench >/dev/null
if [ ! -x .build/vader-venv/bin/python ]; then
  python3 -m venv .build/vader-venv && .build/vader-venv/bin/python -m pip install --quiet vaderSentiment==3.3.2
fi
hark=$(.build/release/hark-bench classify "$corpus" --runs 5 --lexicon-dir lexicons)
vader=$(.build/vader-venv/bin/python Tests/Benchmarks/vader_speed.py "$corpus" --runs 3)
echo "$hark"
echo "$vader"
h=$(echo "$hark" | sed -n 's/.*one thread: \([0-9.]*\) MB\/s.*/\1/p')
v=$(echo "$vader" | sed -n 's/.*3.3.2: \([0-9.]*\) MB\/s.*/\1/p')
python3 -c "print(f'ratio Hark analysis (sentiment, themes, alerts) / VADER (sentiment only), MB/s: {$h / $v:.1f}x; target 15 MB/s: {\"met\" if $h >= 15 else \"not met\"} ({$h} MB/s)')"
