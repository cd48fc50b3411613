#!/usr/bin/env python3
"""Measures Hark's theme classifier on real and synthetic labelled data.

NHS FFT (../shared/datasets/nhs-fft-phase1, one coded category per comment, mapped to the
service-feedback ids): accuracy of Hark's top-scoring theme, recall of the coded category among all
assigned themes, and the share of "Couldn't be improved"/"Miscellaneous" rows given no theme.
Gold sets (corpora/*/gold.csv): micro-averaged precision, recall and F1 over theme labels, and the
share of texts whose gold themes are all found.

Usage (after `swift build -c release`): python3 Tests/Measurements/theme_accuracy.py
"""
import csv
import json
import os
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "datasets")
HARK = os.path.join(ROOT, ".build", "release", "hark")


def classify(texts, themes):
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        for text in texts:
            f.write(" ".join(text.split("\n")).replace("\r", " ") + "\n")
        path = f.name
    try:
        out = subprocess.run([HARK, "classify", "--themes", themes, path], check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(path)
    return [[t["id"] for t in json.loads(line)["themes"]] for line in out.splitlines()]


def nhs():
    rows = list(csv.DictReader(open(os.path.join(SHARED, "nhs-fft-phase1", "feedback.csv"), encoding="utf-8", newline="")))
    assigned = classify([r["text"] for r in rows], "service-feedback")
    coded = [(r, a) for r, a in zip(rows, assigned) if r["theme"]]
    top = sum(1 for r, a in coded if a and a[0] == r["theme"]) / len(coded)
    recall = sum(1 for r, a in coded if r["theme"] in a) / len(coded)
    uncoded = [(r, a) for r, a in zip(rows, assigned) if not r["theme"]]
    empty = sum(1 for r, a in uncoded if not a) / len(uncoded)
    themes_per_row = sum(len(a) for _, a in coded) / len(coded)
    print(f"| NHS FFT (service-feedback) | {len(coded)} coded + {len(uncoded)} uncoded | top-theme accuracy {top:.3f} | recall {recall:.3f} | no theme on uncoded rows {empty:.3f} | themes per coded row {themes_per_row:.2f} |")


def gold(folder, data_file, themes):
    texts = {r["id"]: r["text"] for r in csv.DictReader(open(os.path.join(ROOT, "corpora", folder, data_file), encoding="utf-8", newline=""))}
    labels = {r["id"]: set(filter(None, r["themes"].split(";"))) for r in csv.DictReader(open(os.path.join(ROOT, "corpora", folder, "gold.csv"), encoding="utf-8", newline=""))}
    ids = [i for i in texts if i in labels]
    assigned = classify([texts[i] for i in ids], themes)
    tp = fp = fn = 0
    all_found = 0
    for i, a in zip(ids, assigned):
        a = set(a)
        tp += len(a & labels[i])
        fp += len(a - labels[i])
        fn += len(labels[i] - a)
        all_found += labels[i] <= a
    p = tp / (tp + fp) if tp + fp else 0
    r = tp / (tp + fn) if tp + fn else 0
    f1 = 2 * p * r / (p + r) if p + r else 0
    print(f"| gold {folder} | {len(ids)} texts | micro precision {p:.3f} | recall {r:.3f} | F1 {f1:.3f} | all gold themes found {all_found / len(ids):.3f} |")


if __name__ == "__main__":
    print("| data | items | | | | |")
    print("|---|---|---|---|---|---|")
    if os.path.isdir(SHARED):
        nhs()
    gold("big-listen", "submissions.csv", "big-listen")
    gold("service-feedback", "feedback.csv", "service-feedback")
