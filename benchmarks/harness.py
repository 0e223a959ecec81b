"""What the benchmark scripts share (benchmarks/pages.py, tracking.py, topology.py): a plain HTTP
client that logs in through the real form, CPU accounting of gunicorn workers and PostgreSQL backends
from /proc, the load generator (1 or N concurrent clients), and starting and stopping gunicorn with
benchmarks/settings.py. No Django import here: the scripts run Django only in child processes."""

import asyncio
import contextlib
import hashlib
import http.client
import http.cookies
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CLK_TCK = os.sysconf("SC_CLK_TCK")


# --------------------------------------------------------------------------------------------------
# HTTP client (plain http.client in threads, driven by asyncio) and CPU accounting.
# --------------------------------------------------------------------------------------------------


@dataclass
class Session:
    port: int
    cookies: dict = field(default_factory=dict)
    last_location: str | None = None  # the Location header of the last answer (a redirect's target)

    def request(self, method, path, body=None, headers=None, timeout=60.0):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            all_headers = {"Connection": "close", **(headers or {})}
            if self.cookies:
                all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            data = response.read()
            self.last_location = response.getheader("Location")
            for raw in response.headers.get_all("Set-Cookie") or []:
                cookie = http.cookies.SimpleCookie()
                cookie.load(raw)
                for key, morsel in cookie.items():
                    self.cookies[key] = morsel.value
            return response.status, data
        finally:
            connection.close()

    def login(self, email: str, password: str) -> None:
        status, page = self.request("GET", "/connexion/")
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not match:
            raise SystemExit(f"login form not found ({status})")
        form = {"csrfmiddlewaretoken": match.group(1).decode(), "username": email, "password": password}
        status, _ = self.request(
            "POST",
            "/connexion/",
            body=urllib.parse.urlencode(form),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"login refused for {email} ({status})")


def children_of(pid: int) -> list[int]:
    result = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    result.append(int(entry.name))
    return result


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU of each of these processes (and of their reaped children), from /proc/<pid>/stat."""
    result = {}
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            result[pid] = sum(int(value) for value in fields[11:15]) / CLK_TCK  # utime stime cutime cstime
    return result


def cpu_spent(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU spent between two readings by the processes alive at the second one (a new one counts in full;
    one that exited in between is lost, an undercount)."""
    return sum(value - before.get(pid, 0.0) for pid, value in after.items())


def database_backends(name: str) -> list[int]:
    """PostgreSQL backend processes serving database `name` (their title is "postgres: … user name host …")."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                words = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").split()
                if words and words[0] == "postgres:" and name in words[1:4]:
                    pids.append(int(entry.name))
    return pids


@dataclass
class Page:
    label: str
    path: str
    session: Session
    method: str = "GET"
    body: bytes | None = None
    headers: dict = field(default_factory=dict)
    expect: tuple = (200,)


@dataclass
class Result:
    page: Page
    clients: int
    latencies: list
    wall: float
    cpu: float
    db_cpu: float | None
    errors: int
    statuses: set

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000

    @property
    def cpu_ms(self) -> float:
        return self.cpu * 1000 / max(1, len(self.latencies))

    @property
    def db_cpu_ms(self) -> float | None:
        return None if self.db_cpu is None else self.db_cpu * 1000 / max(1, len(self.latencies))

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.wall if self.wall else float("nan")


async def load(page: Page, clients: int, count: int, pool, master: int, deadline: float, db: str = "") -> Result:
    loop = asyncio.get_running_loop()
    workers = children_of(master)
    session = page.session
    remaining = [count]
    latencies, statuses, errors = [], set(), [0]

    async def client():
        while remaining[0] > 0 and time.monotonic() < deadline:
            remaining[0] -= 1
            start = time.perf_counter()
            try:
                status, _ = await loop.run_in_executor(
                    pool, lambda: session.request(page.method, page.path, page.body, page.headers)
                )
            except OSError:
                errors[0] += 1
                continue
            latencies.append(time.perf_counter() - start)
            statuses.add(status)
            if status not in page.expect:
                errors[0] += 1

    cpu_before, wall_before = cpu_seconds(workers), time.perf_counter()
    db_before = cpu_seconds(database_backends(db)) if db else {}
    await asyncio.gather(*(client() for _ in range(clients)))
    wall = time.perf_counter() - wall_before
    cpu = cpu_spent(cpu_before, cpu_seconds(children_of(master)))
    db_cpu = cpu_spent(db_before, cpu_seconds(database_backends(db))) if db else None
    return Result(page, clients, latencies, wall, cpu, db_cpu, errors[0], statuses)


def _die_with_parent() -> None:
    """gunicorn's master gets SIGTERM (and stops its workers) if this script dies, even by SIGKILL."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _exit_on_sigterm(signum, frame):
    raise SystemExit(f"stopped by signal {signum}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(command: list[str], env: dict, timeout: float) -> str:
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"failed: {' '.join(command)}")
    return completed.stdout


def start_gunicorn(env: dict, workers: int, log: Path) -> tuple[subprocess.Popen, int]:
    """gunicorn serving lms.wsgi on a free loopback port, in its own process group (stopped with this
    script); returns once it answers the bare floor and its workers are up."""
    port = free_port()
    gunicorn = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "lms.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(workers), "--log-level", "warning", "--timeout", "120"],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=_die_with_parent,
    )
    probe = Session(port=port)
    for _ in range(600):
        with contextlib.suppress(OSError):
            if probe.request("GET", "/__bench__/bare/", timeout=5)[0] == 200:
                break
        if gunicorn.poll() is not None:
            raise SystemExit("gunicorn stopped:\n" + log.read_text(errors="replace")[-3000:])
        time.sleep(0.1)
    else:
        stop(gunicorn)
        raise SystemExit("gunicorn did not answer")
    for _ in range(100):
        if len(children_of(gunicorn.pid)) >= workers:
            break
        time.sleep(0.1)
    return gunicorn, port


def stop(process: subprocess.Popen | None) -> None:
    """Stops a process started in its own session (gunicorn, qcluster) and its children."""
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def migrations_fingerprint() -> str:
    """Changes whenever a migration does: names a migrated empty database that can be reused."""
    digest = hashlib.sha256()
    patterns = ["*/migrations/*.py", "*/*/migrations/*.py"]
    for path in sorted({path for pattern in patterns for path in ROOT.glob(pattern)}):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def markdown_table(rows: list[tuple]) -> str:
    """Rows of strings (the first is the header) as an aligned Markdown table."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)
