"""Smoke run of the tracking benchmark (benchmarks/tracking.py, which builds its data with
benchmarks/national.py): a national data set ×0.002 (4 groups in 2 regions) on a temporary SQLite
file, tiny request counts, one worker, and the XLSX export through a real django-q2 cluster.

A migrated empty SQLite database is kept in a cache directory keyed by the migrations, so only the
first run migrates (about a minute on a busy machine); later runs take about 30 s. Never touches the
suite's own database, PostgreSQL or not. Deselect with `-m "not benchmark_smoke"`."""

import os
import re
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
    "auth floor (base page, national team)",
    "dashboard: regional",
    "dashboard: organisation",
    "dashboard: national",
    "dashboard: national, year",
    "dashboard: national → region",
    "dashboard: national → groups list",
    "dashboard: group",
    "dashboard: funder",
]


@pytest.mark.benchmark_smoke
def test_tracking_benchmark_builds_its_data_and_prints_its_table():
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env.pop("DATABASE_URL", None)  # never fill the suite's own database
    command = [sys.executable, str(ROOT / "benchmarks" / "tracking.py"), "--scale", "0.002", "--requests", "3"]
    command += ["--clients", "1,2", "--workers", "1", "--warmup", "1", "--sqlite-cache", str(CACHE)]
    command += ["--export-timeout", "120"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = process.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGTERM)  # the benchmark then stops its gunicorn and its cluster
        out, err = process.communicate(timeout=30)
        pytest.fail(f"benchmark did not finish in time:\n{out}\n{err[-3000:]}")
    assert process.returncode == 0, err[-3000:]
    # national.py's own report: the rows written per table, with the attendance and what follows it.
    written = dict(re.findall(r"^\| (\w+) +\| (\d+) +\|", out, re.MULTILINE))
    for table in ["attendance_attendancerecord", "attendance_signature", "attendance_catchup", "learning_submission"]:
        assert int(written[table]) > 0, (table, out)
    assert int(written["cohorts_traininggroup"]) == 4
    assert "National data set ×0.002 built on SQLite" in out
    for label in PAGES:
        cells = [[cell.strip() for cell in line.split("|")[1:-1]] for line in out.splitlines() if line.startswith("| ")]
        cells = [row for row in cells if row[0] == label]
        assert len(cells) == 2, (label, out)  # one row per client count
        assert all(row[-2] == "0" for row in cells), cells  # no error on that page
        if label.startswith("dashboard"):
            assert all(int(row[-3]) > 0 for row in cells), cells  # the queries the page runs
    assert re.search(r"National XLSX export of \d{4} \(django-q2 task, from the request to the file\): [\d.]+ s", out)
