#!/usr/bin/env bash
# Hark against vaderSentiment 3.3.2 on the same generated corpus, one thread each, medians of
# runs, in one run. Usage: Tests/Benchmarks/sentiment_speed.sh [MEGABYTES] [sentiment|classify]
#   sentiment (default): Hark's sentiment scoring (`hark-bench sentiment`), 10 MB by default.
#   classify: the whole analysis, sentiment, big-listen themes and alerts (`hark-bench classify`,
#   the issue-4 figure, target 15 MB/s), against VADER's sentiment only; see analysis_speed.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
megabytes=${1:-10}
subcommand=${2:-sentiment}
case "$subcommand" in sentiment | classify) ;; *) echo "usage: $0 [MEGABYTES] [sentiment|classify]" >&2; exit 64 ;; esac
corpus=/tmp/hark-sentiment-bench-${megabytes}.txt
python3 Tests/Benchmarks/generate_corpus.py --megabytes "$megabytes" --output "$corpus"
swift build -c release --product hark-bench >/dev/null
. Tests/Benchmarks/vader_env.sh
hark=$(.build/release/hark-bench "$subcommand" "$corpus" --runs 5)
vader=$("$vader_python" Tests/Benchmarks/vader_speed.py "$corpus" --runs 3)
echo "$hark"
echo "$vader"
h=$(echo "$hark" | grep -o '[0-9.]* MB/s' | head -1 | cut -d' ' -f1)
v=$(echo "$vader" | sed -n 's/.*3.3.2: \([0-9.]*\) MB\/s.*/\1/p')
if [ "$subcommand" = sentiment ]; then
  python3 -c "print(f'ratio Hark/VADER: {$h / $v:.1f}x')"
else
  python3 -c "print(f'ratio Hark analysis (sentiment, themes, alerts) / VADER (sentiment only), MB/s: {$h / $v:.1f}x; target 15 MB/s: {\"met\" if $h >= 15 else \"not met\"} ({$h} MB/s)')"
fi
