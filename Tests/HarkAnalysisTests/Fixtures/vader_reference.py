"""Scores texts with vaderSentiment 3.3.2, the reference for Hark's VADER-compatible mode.

Reads one JSON string per line on standard input; writes one JSON object per line:
{"compound": ..., "pos": ..., "neg": ..., "neu": ...}. The first output line is the directory of
the installed package (where its lexicon files are).
"""
import json
import os
import sys

import vaderSentiment.vaderSentiment as vader

analyzer = vader.SentimentIntensityAnalyzer()
out = sys.stdout
out.write(json.dumps(os.path.dirname(vader.__file__)) + "\n")
for line in sys.stdin:
    text = json.loads(line)
    scores = analyzer.polarity_scores(text)
    out.write(json.dumps({"compound": scores["compound"], "pos": scores["pos"], "neg": scores["neg"], "neu": scores["neu"]}) + "\n")
