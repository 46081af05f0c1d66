"""CLI commands of the knowledge area: ``companion index`` and ``companion search``."""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any

import typer

from companion.retrieval.knowledge import CATEGORIES, KINDS, KnowledgeError

if TYPE_CHECKING:
    from companion.retrieval.indexer import ProgressCallback
    from companion.retrieval.search import HybridRetriever
    from companion.settings import Settings

LangOpt = Annotated[str | None, typer.Option("--lang", "-l", help="Only cards in this language: de or en.")]


def _settings() -> Settings:
    from pydantic import ValidationError

    from companion.settings import get_settings

    try:
        return get_settings()
    except (ValidationError, ValueError) as exc:
        typer.echo(f"Configuration error: {exc}", err=True)
        raise typer.Exit(2) from exc


def _build(
    settings: Settings, progress: ProgressCallback | None, *, bundled: bool = False
) -> HybridRetriever:
    """The retriever, or a clear message and exit code 1 when the knowledge or the index is broken.
    ``bundled``: straight from the shipped vectors when they cover every card (no Chroma to open)."""
    from companion.retrieval.embeddings import EmbeddingError
    from companion.retrieval.indexer import build_retriever, bundled_retriever
    from companion.retrieval.knowledge import load_knowledge
    from companion.retrieval.store import StoreError

    try:
        knowledge = load_knowledge(settings.knowledge_dir)
        fast = bundled_retriever(settings, knowledge) if bundled else None
        return fast or build_retriever(settings, knowledge, progress=progress)
    except KnowledgeError as exc:
        typer.echo(f"Knowledge error: {exc}", err=True)
    except (StoreError, EmbeddingError) as exc:
        typer.echo(f"Index error: {exc}", err=True)
    raise typer.Exit(1)


def index(
    export_bundled: Annotated[
        bool,
        typer.Option(
            "--export-bundled",
            help="Rewrite the vectors shipped in companion/retrieval/vectors for both bundled models "
            "(only passages they lack are embedded); run after editing cards (make vectors).",
        ),
    ] = False,
) -> None:
    """Bring the search index up to date with the knowledge cards (only changed cards are embedded)."""
    from companion.retrieval.indexer import IndexProgress

    settings = _settings()
    if export_bundled:
        export_bundled_vectors(settings)
        return
    where = settings.chroma_url or str(settings.data_dir / "chroma")
    typer.echo(f"Indexing {settings.knowledge_dir} with {settings.embedder} into {where}")

    def show(p: IndexProgress) -> None:
        typer.echo(f"  [{p.embedder}] {p.done}/{p.total} cards embedded (last: {p.card})")

    started = time.perf_counter()
    retriever = _build(settings, show)
    cards = len({(r.card_id, r.lang) for r in retriever.records})
    typer.echo(
        f"Index ready: {cards} cards, {len(retriever.records)} passages, {time.perf_counter() - started:.2f}s"
    )


def export_bundled_vectors(settings: Settings) -> None:
    """``companion index --export-bundled``: embed the cards of ``knowledge_dir`` into the shipped files."""
    from companion.retrieval import bundled
    from companion.retrieval.activity_index import activity_records
    from companion.retrieval.embeddings import make_embedder
    from companion.retrieval.knowledge import load_knowledge
    from companion.retrieval.passages import card_passages

    try:
        knowledge = load_knowledge(settings.knowledge_dir)
    except KnowledgeError as exc:
        typer.echo(f"Knowledge error: {exc}", err=True)
        raise typer.Exit(1) from exc
    # Passages for search and the topic cards' single activities (the composer's choice by meaning).
    records = [r for card in knowledge.cards for r in [*card_passages(card), *activity_records(card)]]
    for name in bundled.MODEL_DISTRIBUTIONS:
        started = time.perf_counter()

        def show(done: int, todo: int, name: str = name) -> None:
            typer.echo(f"  [{name}] {done}/{todo} passages embedded")

        total, embedded = bundled.export(make_embedder(name, settings), records, progress=show)
        npy, _ = bundled.paths(name)
        typer.echo(
            f"{npy}: {total} passages, {embedded} newly embedded, {npy.stat().st_size / 1e6:.1f} MB, "
            f"{time.perf_counter() - started:.1f}s"
        )


def search(
    query: Annotated[str, typer.Argument(help="What to look for, in German or English.")],
    lang: LangOpt = None,
    kind: Annotated[
        list[str] | None, typer.Option("--kind", help=f"Only these kinds (repeatable): {', '.join(KINDS)}.")
    ] = None,
    category: Annotated[
        str | None, typer.Option("--category", help=f"Only topics of: {', '.join(CATEGORIES)}.")
    ] = None,
    k: Annotated[int, typer.Option("-k", help="Number of passages (or cards).", min=1, max=50)] = 5,
    cards: Annotated[
        bool, typer.Option("--cards", help="Rank distinct cards (as the benchmark does), not passages.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Search the knowledge cards and print the best passages (or the best cards)."""
    from companion.retrieval.search import SearchError

    settings = _settings()
    retriever = _build(settings, None, bundled=True)
    filters: dict[str, Any] = {"lang": lang, "kinds": kind or None, "category": category, "k": k}
    try:
        hits = retriever.search_cards(query, **filters) if cards else None
        results = [] if hits is not None else retriever.search(query, **filters)
    except SearchError as exc:
        typer.echo(f"Invalid search: {exc}", err=True)
        raise typer.Exit(2) from exc
    if as_json:
        rows = hits if hits is not None else results
        typer.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return
    if hits is not None:
        if not hits:
            typer.echo("No matching cards.")
        for i, hit in enumerate(hits, start=1):
            sections = ", ".join(p.heading for p in hit.passages)
            typer.echo(f"{i}. {hit.title} [{hit.card_id}, {hit.lang}, {hit.kind}]  (score {hit.score:.3f})")
            typer.echo(f"     matched: {sections}")
        return
    if not results:
        typer.echo("No matching passages.")
    for i, p in enumerate(results, start=1):
        typer.echo(f"{i}. {p.title} [{p.card_id}, {p.lang}] – {p.heading}  (score {p.score:.3f})")
        for line in p.text.splitlines()[:6]:
            typer.echo(f"     {line}")


def register(app: typer.Typer) -> None:
    """Add ``index`` and ``search`` to the ``companion`` CLI."""
    app.command("index")(index)
    app.command("search")(search)
