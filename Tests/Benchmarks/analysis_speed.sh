#!/usr/bin/env bash
# The analysis alone (sentiment, big-listen themes and alerts on each text: `hark-bench classify`,
# one thread, no reading or writing of records) beside vaderSentiment 3.3.2 on the same generated
# corpus: the issue-4 figure (target 15 MB/s), with the machine's phase shown by VADER's speed.
# Usage: Tests/Benchmarks/analysis_speed.sh [MEGABYTES]   (default 20)
exec "$(dirname "$0")/sentiment_speed.sh" "${1:-20}" classify
