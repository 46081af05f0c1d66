"""CLI: ``companion match --programme ID`` (suggestions with explanations, ``--accept`` to form the
pairs) and ``companion plan --pair ID`` (a pair's topic plan, ``--accept`` to plan its sessions)."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth import bootstrap
from companion.db.models import Programme
from companion.errors import DomainError


def _settings() -> Any:
    from companion.cli import load_settings

    return load_settings()


def _retriever(settings: Any) -> Any:
    from companion.retrieval.indexer import build_retriever

    return build_retriever(settings)


def _fail(exc: DomainError) -> None:
    typer.echo(f"Error: {exc.detail}", err=True)
    raise typer.Exit(1)


def match(
    programme: Annotated[int, typer.Option("--programme", help="Programme id", min=1)],
    max_per_senior: Annotated[
        int, typer.Option(help="Each senior gets at most N juniors", min=1, max=10)
    ] = 1,
    no_same_department: Annotated[
        bool, typer.Option(help="Never pair people of the same department")
    ] = False,
    accept: Annotated[bool, typer.Option(help="Form the suggested pairs right away")] = False,
    lang: Annotated[str | None, typer.Option(help="Language of the explanations (de/en)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """Propose a complete, rule-respecting assignment of juniors to seniors and explain each pair."""
    from companion.matching import decisions, preferences, services
    from companion.matching.schemas import MatchRequest

    settings = _settings()
    if lang not in (None, "de", "en"):
        typer.echo("--lang must be de or en", err=True)
        raise typer.Exit(2)
    retriever = _retriever(settings)

    async def work(db: AsyncSession) -> tuple[Any, Any, str]:
        found = await db.get(Programme, programme)
        if found is None:
            raise typer.BadParameter(f"programme {programme} does not exist")
        language = lang or found.language
        req = MatchRequest(max_juniors_per_senior=max_per_senior, avoid_same_department=no_same_department)
        run = await services.run_matching(db, programme, preferences.fit_model(retriever, language), req)
        accepted = await decisions.accept_many(db, programme, None) if accept else None
        return await services.run_read(db, run, language), accepted, language

    try:
        view, accepted, language = bootstrap.run(settings.resolved_database_url, work)
    except typer.BadParameter as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from exc
    except DomainError as exc:
        _fail(exc)
    if as_json:
        out = view.model_dump(mode="json")
        if accepted is not None:
            out["accepted"] = [a.model_dump() for a in accepted]
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    de = language == "de"
    if not view.suggestions and not view.unmatched_juniors:
        typer.echo(
            "Alle Juniors sind schon einem Tandem oder einer Gruppe zugeordnet; es gibt nichts vorzuschlagen."
            if de
            else "Every junior is already in a pair or group; there is nothing to suggest."
        )
    for s in view.suggestions:
        names = ", ".join(m.name for m in s.juniors) + " ↔ " + ", ".join(m.name for m in s.seniors)
        typer.echo(f"#{s.id}  {names}  (fit {s.score:.2f})\n    {s.explanation}")
    if view.unmatched_juniors:
        label = "Ohne Vorschlag" if de else "Without a suggestion"
        typer.echo(f"{label}: " + ", ".join(m.name for m in view.unmatched_juniors))
    if view.private_preferences_honoured:
        label = "Private Wünsche berücksichtigt" if de else "Private wishes honoured"
        typer.echo(f"{label}: {view.private_preferences_honoured}")
    for a in accepted or []:
        typer.echo(
            f"#{a.suggestion_id}: " + (f"pair {a.pair_id}" if a.pair_id else f"not formed – {a.error}")
        )
    if accepted and any(a.pair_id is None for a in accepted):
        raise typer.Exit(1)


def plan(
    pair: Annotated[int, typer.Option("--pair", help="Pair id", min=1)],
    accept: Annotated[bool, typer.Option(help="Plan the sessions of the plan right away")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """Propose a pair's topic plan (or show the stored one) and print it."""
    from companion.planning import services
    from companion.planning.composer import OfflinePlanComposer
    from companion.planning.models import SessionPlan

    settings = _settings()
    retriever = _retriever(settings)
    composer: Any = OfflinePlanComposer(retriever.knowledge)
    if settings.llm_configured:
        from companion.planning.llm import LLMPlanComposer

        composer = LLMPlanComposer(settings, retriever.knowledge, composer)

    async def work(db: AsyncSession) -> Any:
        from sqlalchemy import select

        row = await db.scalar(select(SessionPlan).where(SessionPlan.pair_id == pair))
        if row is None or row.status == "draft":
            row = await services.propose(db, pair, composer, retriever)
        if accept:
            row, _ = await services.accept(db, pair)
        return services.plan_read(row)

    try:
        view = bootstrap.run(settings.resolved_database_url, work)
    except DomainError as exc:
        _fail(exc)
    if as_json:
        typer.echo(json.dumps(view.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    for item in view.items:
        day = item.date.strftime("%d.%m.%Y") if view.language == "de" else item.date.isoformat()
        family = f" [{item.category}]" if item.category else ""
        typer.echo(f"{item.number}. {day}  {item.title}{family}\n   {item.reason}")
    for day in view.group_dates:
        label = "Gruppenrunde des ganzen Programms" if view.language == "de" else "Group session of all pairs"
        shown = day.strftime("%d.%m.%Y") if view.language == "de" else day.isoformat()
        typer.echo(f"   {shown}  {label}")
    for warning in view.warnings:
        typer.echo(f"! {warning}")
    typer.echo(f"({view.generated_by}, {view.status})")


def register(app: typer.Typer) -> None:
    """Add ``match`` and ``plan`` to the CLI."""
    app.command()(match)
    app.command()(plan)
