#!/usr/bin/env python3
"""vaderSentiment 3.3.2's single-process throughput on a corpus (one text per line), median of runs.

    .build/vader-venv/bin/python Tests/Benchmarks/vader_speed.py /tmp/hark-bench-10.txt --runs 3
"""
import argparse
import time

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with open(args.corpus, encoding="utf-8") as f:
        lines = f.read().split("\n")[:-1]
    megabytes = sum(len(line.encode("utf-8")) for line in lines) / 1e6
    analyzer = SentimentIntensityAnalyzer()
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        for line in lines:
            analyzer.polarity_scores(line)
        times.append(time.perf_counter() - start)
    median = sorted(times)[len(times) // 2]
    print(f"corpus: {len(lines)} texts, {megabytes:.2f} MB; vaderSentiment 3.3.2: {megabytes / median:.2f} MB/s, {int(len(lines) / median)} docs/s")


if __name__ == "__main__":
    main()
