# Sourced from the package root by .ci/run and by the benchmark scripts that compare with VADER:
# installs vaderSentiment 3.3.2, the version every comparison is made with, into
# .build/vader-venv unless a finished install is marked there (so a half-done one is redone), and
# sets `vader_python` to that environment's Python.
vader_python=.build/vader-venv/bin/python
if [ ! -f .build/vader-venv/vader-3.3.2-installed ]; then
  mkdir -p .build
  python3 -m venv .build/vader-venv
  "$vader_python" -m pip install --quiet vaderSentiment==3.3.2
  touch .build/vader-venv/vader-3.3.2-installed
fi
