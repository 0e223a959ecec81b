#!/usr/bin/env python3
"""Sets the platform up in .venv and starts it, or runs the tests. Needs only Python 3.11+.

    python3 dev.py start   install, migrate, load the demo, serve http://127.0.0.1:8000
    python3 dev.py test    install what tests need (Chromium included), check lint, formatting,
                           migrations and static files, then run the suite on every core
                           (--skip-checks: the suite only; other arguments go to pytest)

Both are idempotent: what is already done is skipped.
"""

import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def step(message: str) -> None:
    print(f"\n==> {message}", flush=True)


def run(*args, env=None) -> None:
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True, env=env)


def ensure_python() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - a clear message for older interpreters
        sys.exit("Python 3.11 ou plus récent est nécessaire.")


def ensure_venv() -> None:
    if not PYTHON.exists():
        step("Création de l'environnement virtuel .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
        run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")


def ensure_requirements(requirements: str) -> None:
    """Installs a requirements file unless the same content was already installed."""
    files = [ROOT / "requirements.txt", ROOT / requirements]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    stamp = VENV / f".installed-{requirements}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    step(f"Installation des dépendances ({requirements})")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", ROOT / requirements)
    stamp.write_text(digest)


def manage(*args, settings: str = "lms.settings.dev") -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings}
    run(PYTHON, "manage.py", *args, env=env)


def find_chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def ensure_browser() -> None:
    """Browser tests need Chromium: Debian's package where apt is at hand, Playwright's build elsewhere."""
    if find_chromium():
        return
    if platform.system() == "Linux" and shutil.which("apt-get") and hasattr(os, "geteuid"):
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        step("Installation de Chromium (paquet Debian)")
        run(*sudo, "apt-get", "update", "-qq")
        run(*sudo, "apt-get", "install", "-y", "-qq", "chromium")
        return
    marker = VENV / ".installed-playwright-chromium"
    if not marker.exists():
        step("Installation de Chromium (Playwright)")
        run(PYTHON, "-m", "playwright", "install", "chromium")
        marker.write_text("ok")


def start() -> None:
    ensure_venv()
    ensure_requirements("requirements.txt")
    manage("compile_translations")
    step("Migrations")
    manage("migrate", "--noinput")
    step("Données de démonstration")
    manage("seed_demo")
    step("Démarrage : http://127.0.0.1:8000 (Ctrl+C pour arrêter)")
    # The background worker runs beside the web server so e-mails and PDF batches go through.
    worker = subprocess.Popen(
        [str(PYTHON), "manage.py", "qcluster"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.dev"},
    )
    try:
        manage("runserver", "127.0.0.1:8000")
    except KeyboardInterrupt:
        pass
    finally:
        worker.terminate()
        worker.wait(timeout=15)


# collectstatic with the production storage (hashed names, compressed copies) into a throw-away
# folder: a stylesheet pointing at a missing file fails here rather than at deployment.
COLLECTSTATIC = """
import sys
import django
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

django.setup()
storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
with override_settings(STATIC_ROOT=sys.argv[1], STORAGES=storages):
    call_command("collectstatic", "--noinput", verbosity=0)
"""


def checks() -> None:
    """What CI checks once, before the suite: lint, formatting, migrations, static files."""
    step("Vérifications : ruff check, ruff format --check")
    run(PYTHON, "-m", "ruff", "check", ".")
    run(PYTHON, "-m", "ruff", "format", "--check", ".")
    step("Vérifications : migrations à jour")
    manage("makemigrations", "--check", "--dry-run", settings="lms.settings.test")
    step("Vérifications : collectstatic (stockage de production)")
    with tempfile.TemporaryDirectory(prefix="epop-static-") as static_root:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test"}
        run(PYTHON, "-c", COLLECTSTATIC, static_root, env=env)
        if not (Path(static_root) / "staticfiles.json").exists():
            sys.exit("collectstatic n'a pas écrit de manifeste.")


def wants_workers(args: list[str]) -> bool:
    """Runs the suite on every core (pytest-xdist) unless the arguments choose otherwise."""
    debugging = {"-n", "--numprocesses", "--pdb", "--trace", "no:xdist"}
    return not any(arg in debugging or arg.startswith(("-n", "--numprocesses=")) for arg in args)


def local_redis_answers() -> bool:
    """Whether a Redis server answers PING on 127.0.0.1:6379."""
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def test(pytest_args: list[str]) -> None:
    args = list(pytest_args)
    skip_checks = "--skip-checks" in args
    args = [arg for arg in args if arg != "--skip-checks"]
    ensure_venv()
    ensure_requirements("requirements-test.txt")
    ensure_browser()
    manage("compile_translations", settings="lms.settings.test")
    if not skip_checks:
        checks()
    step("Tests")
    # Locally the migrated test database is reused (one per worker); CI and PostgreSQL runs start clean.
    if not os.environ.get("CI") and not os.environ.get("DATABASE_URL") and "--create-db" not in args:
        args.insert(0, "--reuse-db")
    if wants_workers(args):
        # One worker per core, each with its own test database (pytest-django adds _gw0, _gw1…) and its
        # own Chromium; tests are handed out one by one in collection order, so each worker still runs
        # its transactional (live server) tests after the others, as pytest-django orders them.
        args[:0] = ["-n", os.environ.get("PYTEST_WORKERS", "auto"), "--dist", "load"]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test"}
    if "TEST_REDIS_URL" not in env and local_redis_answers():
        # The Redis-backed rate-limit counters are tested against a real Redis when one runs here.
        env["TEST_REDIS_URL"] = "redis://127.0.0.1:6379/15"
    result = subprocess.run([str(PYTHON), "-m", "pytest", *args], cwd=ROOT, env=env)
    if result.returncode == 5:
        print("Aucun test n'a été exécuté : c'est un échec.", file=sys.stderr)
    sys.exit(result.returncode)


def main() -> None:
    ensure_python()
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "start":
        start()
    elif command == "test":
        test(sys.argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
