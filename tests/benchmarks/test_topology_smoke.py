"""Cheap checks of the scale-out script (benchmarks/topology.py) that need neither PostgreSQL nor Redis:
it starts (`--help`), and it reads back the messages Django's file-based e-mail backend writes, which is
how it counts convocations. Deselect with `-m "not benchmark_smoke"`."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.mail import EmailMultiAlternatives, get_connection

from benchmarks.topology import read_messages

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.benchmark_smoke
def test_topology_script_starts_and_documents_its_options():
    completed = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "topology.py"), "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert "--certificates" in completed.stdout and "--web-workers" in completed.stdout


@pytest.mark.benchmark_smoke
def test_convocation_mails_are_counted_from_the_file_backend(tmp_path):
    connection = get_connection("django.core.mail.backends.filebased.EmailBackend", file_path=str(tmp_path))
    for to in ["a@example.fr", "b@example.fr", "a@example.fr"]:
        message = EmailMultiAlternatives("Convocation : Séance d'été le 08/12/2026", "texte", "x@epop.local", [to])
        message.attach_alternative("<p>texte</p>", "text/html")
        connection.send_messages([message])
    messages = read_messages(tmp_path)
    assert sorted(messages) == [("a@example.fr", "Convocation : Séance d'été le 08/12/2026")] * 2 + [
        ("b@example.fr", "Convocation : Séance d'été le 08/12/2026")
    ]
