#!/usr/bin/env python3
"""Generates a deterministic English benchmark corpus from Hark's synthetic sample corpora.

Sentences are drawn from the `text` column of corpora/*/ CSV files and recombined with a seeded
random generator into records of one to eight sentences, one record per line, until the target
size is reached. The same seed and corpora give the same bytes on every machine.

    python3 Tests/Benchmarks/generate_corpus.py --megabytes 100 --output /tmp/hark-bench.txt
"""
import argparse
import csv
import glob
import json
import os
import random
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def sentences():
    found = []
    for path in sorted(glob.glob(os.path.join(ROOT, "corpora", "*", "*.csv"))):
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if "text" not in (reader.fieldnames or []):
                continue
            for row in reader:
                text = " ".join(row["text"].split())
                found.extend(s for s in re.split(r"(?<=[.!?])\s+", text) if s)
    if not found:
        raise SystemExit("no sample corpora found under corpora/")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=100)
    parser.add_argument("--records", type=int, default=0, help="stop after this many records instead (0: use --megabytes)")
    parser.add_argument("--seed", type=int, default=20241129)
    parser.add_argument("--output", required=True)
    parser.add_argument("--format", choices=["text", "jsonl", "csv"], default="text")
    parser.add_argument("--segments", action="store_true", help="csv/jsonl: add a respondent_type column (for summarize --by)")
    args = parser.parse_args()
    segments = ["parent", "teacher", "headteacher", "governor", "early_years", "other"]
    pool = sentences()
    rng = random.Random(args.seed)
    target = int(args.megabytes * 1_000_000)
    written = 0
    records = 0
    with open(args.output, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n") if args.format == "csv" else None
        if writer:
            writer.writerow(["id", "respondent_type", "text"] if args.segments else ["id", "text"])
        while (records < args.records) if args.records else (written < target):
            records += 1
            text = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 8)))
            segment = rng.choice(segments) if args.segments else None
            if args.format == "text":
                line = text + "\n"
                out.write(line)
            elif args.format == "jsonl":
                record = {"id": f"r{records}", "text": text}
                if segment:
                    record["respondent_type"] = segment
                line = json.dumps(record, ensure_ascii=False) + "\n"
                out.write(line)
            else:
                writer.writerow([f"r{records}", segment, text] if segment else [f"r{records}", text])
                line = text
            written += len(line.encode("utf-8"))
    print(f"wrote {records} records, {written / 1e6:.1f} MB, from {len(pool)} sentences -> {args.output}")


if __name__ == "__main__":
    main()
