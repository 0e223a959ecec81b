"""Smoke run of the page-load benchmark (benchmarks/pages.py): tiny request counts, one worker.

The seeded demo is kept in a cache directory keyed by the migrations and demo modules, so only the
first run migrates and seeds (a few minutes on a busy machine); later runs take about 30 s.
Deselect with `-m "not benchmark_smoke"`."""

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("BENCH_CACHE_DIR", Path(tempfile.gettempdir()) / "epop-bench-cache"))
PAGES = [
    "bare template (floor)",
    "auth floor (base page, trainee)",
    "trainer attendance page",
    "Mon espace (trainee)",
    "data export page",
    "attendance sheet PDF",
    "session page with H5P",
    "xAPI statement ingest",
    "certificat de réalisation PDF (QR)",
]


@pytest.mark.benchmark_smoke
def test_page_benchmark_prints_its_table():
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env.pop("DATABASE_URL", None)  # never migrate or seed the suite's own database
    command = [sys.executable, str(ROOT / "benchmarks" / "pages.py"), "--requests", "3", "--clients", "1,2"]
    command += ["--workers", "1", "--warmup", "1", "--cache-dir", str(CACHE), "--max-seconds", "500"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = process.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGTERM)  # the benchmark then stops its gunicorn
        out, err = process.communicate(timeout=30)
        pytest.fail(f"benchmark did not finish in time:\n{out}\n{err[-3000:]}")
    assert process.returncode == 0, err[-3000:]
    assert "| page " in out and "CPU ms/req" in out and "× auth CPU" in out
    for label in PAGES:
        rows = [line for line in out.splitlines() if line.startswith(f"| {label} ")]
        assert len(rows) == 2, (label, out)  # one row per client count
        assert all(row.rstrip(" |").endswith("| 0") for row in rows), rows  # no error on that page
    assert "Auth floor:" in out
