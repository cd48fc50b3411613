#!/usr/bin/env bash
# Hark's sentiment scoring against vaderSentiment 3.3.2 on the same generated corpus, one thread
# each, medians of runs, in one run. Usage: Tests/Benchmarks/sentiment_speed.sh [MEGABYTES]
set -euo pipefail
cd "$(dirname "$0")/../.."
megabytes=${1:-10}
corpus=/tmp/hark-sentiment-bench-${megabytes}.txt
python3 Tests/Benchmarks/generate_corpus.py --megabytes "$megabytes" --output "$corpus"
swift build -c release --product hark-bench >/dev/null
if [ ! -x .build/vader-venv/bin/python ]; then
  python3 -m venv .build/vader-venv && .build/vader-venv/bin/python -m pip install --quiet vaderSentiment==3.3.2
fi
hark=$(.build/release/hark-bench sentiment "$corpus" --runs 5)
vader=$(.build/vader-venv/bin/python Tests/Benchmarks/vader_speed.py "$corpus" --runs 3)
echo "$hark"
echo "$vader"
h=$(echo "$hark" | sed -n 's/.*Hark sentiment: \([0-9.]*\) MB\/s.*/\1/p')
v=$(echo "$vader" | sed -n 's/.*3.3.2: \([0-9.]*\) MB\/s.*/\1/p')
python3 -c "print(f'ratio Hark/VADER: {$h / $v:.1f}x')"
