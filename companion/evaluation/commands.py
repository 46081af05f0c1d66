"""CLI: ``companion evaluation export --programme ID [--out FILE]`` and ``companion evaluation close``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth import bootstrap
from companion.errors import DomainError
from companion.evaluation.questions import KINDS

evaluation_app = typer.Typer(help="Programme evaluation (k-anonymous survey results).", no_args_is_help=True)


def _settings():  # type: ignore[no-untyped-def]
    from companion.cli import load_settings

    return load_settings()


@evaluation_app.command("export")
def export(
    programme: Annotated[int, typer.Option("--programme", help="Programme id", min=1)],
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the CSV to this file (default: stdout)")
    ] = None,
) -> None:
    """Export a programme's evaluation aggregates as CSV (never single answers; cells below k read '< k').

    Rows: participation per survey and the published results of closed surveys.
    """
    from companion.evaluation.export import export_csv

    settings = _settings()

    async def work(session: AsyncSession) -> str:
        return await export_csv(session, programme)

    try:
        body = bootstrap.run(settings.resolved_database_url, work)
    except DomainError as exc:
        typer.echo(exc.detail + ".", err=True)
        raise typer.Exit(1) from exc
    if out is None:
        typer.echo(body, nl=False)
        return
    try:
        out.write_text(body, encoding="utf-8")
    except OSError as exc:
        typer.echo(f"Cannot write {out}: {exc.strerror or exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"Wrote {len(body.splitlines()) - 1} rows to {out}", err=True)


@evaluation_app.command("close")
def close(
    kind: Annotated[str, typer.Argument(help=f"Survey: {', '.join(KINDS)}", metavar="SURVEY")],
    programme: Annotated[int, typer.Option("--programme", help="Programme id", min=1)],
) -> None:
    """Close a survey of a programme and publish its aggregates (final: never recomputed)."""
    from companion.evaluation.services import close_round

    if kind not in KINDS:
        typer.echo(f"SURVEY must be one of {', '.join(KINDS)}.", err=True)
        raise typer.Exit(2)
    settings = _settings()

    async def work(session: AsyncSession) -> None:
        await close_round(session, programme, kind)

    try:
        bootstrap.run(settings.resolved_database_url, work)
    except DomainError as exc:
        typer.echo(exc.detail + ".", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"Survey {kind} of programme {programme} closed; results published.")


def register(app: typer.Typer) -> None:
    """Add ``companion evaluation`` to the CLI."""
    app.add_typer(evaluation_app, name="evaluation")
