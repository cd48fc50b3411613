#!/usr/bin/env python3
"""Measures Hark's sentiment against human labels, side by side with vaderSentiment 3.3.2.

Data (read from ../shared, never copied into the repository):
  - vader-groundtruth tweets and movie snippets: Pearson r of compound with the human mean, and
    3-class macro-F1 with human classes at +-0.5 and tool classes at +-0.05;
  - nhs-fft-phase1: 3-class macro-F1 against criticality (>0 positive, 0 neutral, <0 negative;
    rows with a non-numeric criticality are left out).

Usage (from the repository root, after `swift build -c release`):
    python3 Tests/Measurements/sentiment_accuracy.py [--python PATH_TO_PYTHON_WITH_VADER]

Hark runs as `hark classify` (the release binary); VADER runs in a Python that has
vaderSentiment==3.3.2 (default: .build/vader-venv/bin/python, made by `.ci/run` or the tests).
Prints a Markdown table.
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "datasets")


def vader_groundtruth(name):
    rows = []
    with open(os.path.join(SHARED, "vader-groundtruth", name), encoding="utf-8", newline="") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            _, score, text = line.split("\t", 2)
            rows.append((text, float(score)))
    return rows


def nhs():
    rows = []
    with open(os.path.join(SHARED, "nhs-fft-phase1", "feedback.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            try:
                criticality = float(row["criticality"])
            except ValueError:
                continue
            rows.append((row["text"], criticality))
    return rows


def one_line(text):
    return " ".join(text.split("\n")).replace("\r", " ")


def hark_scores(texts, hark):
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        for text in texts:
            f.write(one_line(text) + "\n")
        path = f.name
    try:
        out = subprocess.run([hark, "classify", path], check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(path)
    return [json.loads(line)["sentiment"]["compound"] for line in out.splitlines()]


def vader_scores(texts, python):
    script = (
        "import sys, json\n"
        "from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer\n"
        "a = SentimentIntensityAnalyzer()\n"
        "for line in sys.stdin:\n"
        "    print(a.polarity_scores(json.loads(line))['compound'])\n"
    )
    data = "".join(json.dumps(one_line(t)) + "\n" for t in texts)
    out = subprocess.run([python, "-c", script], input=data, check=True, capture_output=True, text=True).stdout
    return [float(x) for x in out.split()]


def classes(values, threshold):
    return [1 if v >= threshold else -1 if v <= -threshold else 0 for v in values]


def macro_f1(gold, predicted):
    scores = []
    for c in (-1, 0, 1):
        tp = sum(1 for g, p in zip(gold, predicted) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, predicted) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, predicted) if g == c and p != c)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / 3


def pearson(xs, ys):
    n = len(xs)
    mx = sum(xs) / n
    my = sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=os.path.join(ROOT, ".build", "vader-venv", "bin", "python"))
    parser.add_argument("--hark", default=os.path.join(ROOT, ".build", "release", "hark"))
    args = parser.parse_args()
    if not os.path.isdir(SHARED):
        sys.exit(f"{SHARED} not found: the measurement data lives in ../shared/datasets")

    print("| data | items | Hark r | VADER r | Hark macro-F1 | VADER macro-F1 |")
    print("|---|---|---|---|---|---|")
    sets = [
        ("tweets", vader_groundtruth("tweets_GroundTruth.txt"), 0.5, True),
        ("movie snippets", vader_groundtruth("movieReviewSnippets_GroundTruth.txt"), 0.5, True),
        ("NHS FFT (criticality)", nhs(), 0.5, False),
    ]
    for name, rows, gold_threshold, correlate in sets:
        texts = [t for t, _ in rows]
        gold_values = [g for _, g in rows]
        hark = hark_scores(texts, args.hark)
        vader = vader_scores(texts, args.python)
        gold = classes(gold_values, gold_threshold)
        hark_f1 = macro_f1(gold, classes(hark, 0.05))
        vader_f1 = macro_f1(gold, classes(vader, 0.05))
        hr = f"{pearson(hark, gold_values):.3f}" if correlate else "-"
        vr = f"{pearson(vader, gold_values):.3f}" if correlate else "-"
        print(f"| {name} | {len(rows)} | {hr} | {vr} | {hark_f1:.3f} | {vader_f1:.3f} |")


if __name__ == "__main__":
    main()
