# Sourced by the benchmark scripts (from the package root): installs vaderSentiment 3.3.2, the
# version every comparison is made with, into .build/vader-venv on first use, and sets
# `vader_python` to that environment's Python.
vader_python=.build/vader-venv/bin/python
if [ ! -x "$vader_python" ]; then
  python3 -m venv .build/vader-venv && "$vader_python" -m pip install --quiet vaderSentiment==3.3.2
fi
