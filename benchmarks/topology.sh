#!/bin/sh
# Starts the scale-out topology of README « Déployer à l'échelle » on this machine and checks it
# (see benchmarks/topology.py for what it starts, checks and stops).
cd "$(dirname "$0")/.." || exit 1
if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
exec "$PYTHON" benchmarks/topology.py "$@"
