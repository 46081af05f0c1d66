"""``companion generate agenda|preparation|reflection-prompts|summary --input FILE.json [--json]``.

Stateless: reads a :class:`GenerationContext` as JSON (``-`` reads standard input), prints the result
as text (default) or JSON. Bad input — a missing file, invalid JSON, a schema error, a summary without
reflections — gives a clear message on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from companion.generation.composer import Composer, build_composer
from companion.generation.render import render
from companion.generation.schemas import GenerationContext, GenerationError, GenerationResult
from companion.retrieval.knowledge import KnowledgeBase, KnowledgeError, load_knowledge
from companion.retrieval.types import Retriever
from companion.settings import Settings, get_settings

TASKS = {
    "agenda": "A time-boxed session agenda.",
    "preparation": "Preparation questions and what to bring, for junior and senior.",
    "reflection-prompts": "Questions each side answers after the session.",
    "summary": "A summary of the reflections in the input (needs 'reflections').",
}


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``message`` to stderr; the caller raises the returned Exit."""
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code)


def read_context(path: str) -> GenerationContext:
    """Parse the input file (or stdin for ``-``) into a context; raises typer.Exit(2) on bad input."""
    try:
        raw = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise fail(f"input file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"cannot read input file {path}: {exc}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise fail(f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise fail(f"{path} must contain a JSON object, not {type(data).__name__}")
    try:
        return GenerationContext.model_validate(data)
    except ValidationError as exc:
        problems = "\n".join(
            f"  {'.'.join(str(p) for p in e['loc']) or '(input)'}: {e['msg']}" for e in exc.errors()
        )
        raise fail(f"invalid input in {path}:\n{problems}") from None


def _retriever(settings: Settings, knowledge: KnowledgeBase, keyword: bool) -> Retriever:
    from companion.generation.keyword import KeywordRetriever

    if keyword:
        return KeywordRetriever(knowledge)
    try:
        from companion.retrieval.indexer import build_retriever, bundled_retriever

        # The shipped vectors when they cover the cards (no Chroma to open), else the synced index.
        return bundled_retriever(settings, knowledge) or build_retriever(settings, knowledge)
    except Exception as exc:  # no index/model available: keyword search still grounds the output
        typer.echo(
            f"Note: hybrid search unavailable ({type(exc).__name__}: {exc}); using keyword search.", err=True
        )
        return KeywordRetriever(knowledge)


def make_composer(offline: bool, keyword: bool) -> Composer:
    """Settings, knowledge, retriever and composer for one CLI run."""
    try:
        settings = get_settings()
        if offline:
            settings = settings.model_copy(update={"llm_base_url": None, "llm_api_key": None})
    except (ValidationError, ValueError) as exc:
        raise fail(f"configuration error: {exc}") from None
    try:
        knowledge = load_knowledge(settings.knowledge_dir)
    except KnowledgeError as exc:
        raise fail(f"knowledge base error: {exc}", code=1) from None
    return build_composer(settings, knowledge, _retriever(settings, knowledge, keyword))


async def _run(composer: Composer, task: str, ctx: GenerationContext) -> GenerationResult:
    if task == "agenda":
        return await composer.agenda(ctx)
    if task == "preparation":
        return await composer.preparation(ctx)
    if task == "reflection-prompts":
        return await composer.reflection_prompts(ctx)
    return await composer.summary(ctx)


def generate(task: str, input_path: str, as_json: bool, offline: bool, keyword: bool) -> None:
    """Run one generation task and print the result."""
    ctx = read_context(input_path)
    if task == "summary" and not ctx.reflections:
        raise fail("a summary needs at least one reflection in 'reflections'")
    composer = make_composer(offline, keyword)
    try:
        result = asyncio.run(_run(composer, task, ctx))
    except GenerationError as exc:
        raise fail(str(exc)) from None
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        typer.echo(render(result))


def _command(task: str):  # type: ignore[no-untyped-def]
    def command(
        input_path: Annotated[
            str, typer.Option("--input", "-i", help="JSON file with the session context ('-' for stdin).")
        ],
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
        offline: Annotated[
            bool, typer.Option("--offline", help="Use the offline composer even if an LLM is configured.")
        ] = False,
        keyword: Annotated[
            bool, typer.Option("--keyword-search", help="Skip the search index; use keyword search.")
        ] = False,
    ) -> None:
        generate(task, input_path, as_json, offline, keyword)

    command.__doc__ = TASKS[task]
    return command


def build_generate_app() -> typer.Typer:
    """The ``generate`` command group."""
    app = typer.Typer(
        help="Generate session agendas, preparation, reflection prompts and summaries (stateless).",
        no_args_is_help=True,
    )
    for task in TASKS:
        app.command(task)(_command(task))
    return app


def register(app: typer.Typer) -> None:
    """Add ``companion generate ...`` to the CLI."""
    app.add_typer(build_generate_app(), name="generate")
