"""The ``companion`` command line: serve, demo, db, and the knowledge/generation commands."""

from __future__ import annotations

import asyncio
import importlib
import os
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    from companion.settings import Settings

db_app = typer.Typer(help="Database schema commands.", no_args_is_help=True)


def load_settings() -> Settings:
    """Settings from the environment, or a clear message and exit code 2 when they are invalid."""
    from pydantic import ValidationError

    from companion.settings import get_settings

    try:
        return get_settings()
    except (ValidationError, ValueError) as exc:
        typer.echo(f"Configuration error: {exc}", err=True)
        raise typer.Exit(2) from exc


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument(help="Target revision")] = "head") -> None:
    """Apply database migrations (default: up to the newest)."""
    from companion.db import engine as db

    settings = load_settings()

    async def run() -> str | None:
        engine = db.make_engine(settings.resolved_database_url)
        try:
            await db.upgrade(engine, revision)
            return await db.current_revision(engine)
        finally:
            await engine.dispose()

    try:
        current = asyncio.run(run())
    except Exception as exc:
        typer.echo(f"Migration failed: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"Database at revision {current}")


@db_app.command("downgrade")
def db_downgrade(revision: Annotated[str, typer.Argument(help="Target revision")] = "base") -> None:
    """Revert database migrations (default: all of them)."""
    from companion.db import engine as db

    settings = load_settings()

    async def run() -> None:
        engine = db.make_engine(settings.resolved_database_url)
        try:
            await db.downgrade(engine, revision)
        finally:
            await engine.dispose()

    asyncio.run(run())
    typer.echo(f"Database downgraded to {revision}")


Host = Annotated[str, typer.Option(help="Interface the service binds (and sign-in links point at)")]
Port = Annotated[int, typer.Option(help="Port of the service (and of the sign-in links)", min=1, max=65535)]


def listening_base_url(settings: Settings, host: str, port: int) -> str:
    """Where sign-in links should point: ``COMPANION_BASE_URL`` when it is set (e.g. behind a proxy),
    else the address the service listens on; a wildcard bind is reached through the loopback address."""
    if "base_url" in settings.model_fields_set:
        return settings.base_url
    shown = "127.0.0.1" if host in ("", "0.0.0.0", "::") else host  # a wildcard is not an address to open
    if ":" in shown:  # an IPv6 address needs brackets in a URL
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def serve(
    host: Host = "127.0.0.1",
    port: Port = 8000,
    reload: Annotated[bool, typer.Option(help="Reload on code changes (development)")] = False,
    workers: Annotated[
        int,
        typer.Option(
            help="Worker processes (uvicorn). Above 1: migrations and indexing run once first; use "
            "PostgreSQL and COMPANION_REDIS_URL so all workers share data, limits and jobs.",
            min=1,
            max=64,
        ),
    ] = 1,
) -> None:
    """Run the web service."""
    from companion.serving import serve as run

    settings = load_settings()  # fail fast with a clear message on bad configuration
    if reload and workers > 1:
        typer.echo("--reload works with one worker only", err=True)
        raise typer.Exit(2)
    # The app factory reads its settings from the environment; invite links made on the pages must
    # point where this process really listens (e.g. `make run PORT=8131`), not at the default 8000.
    os.environ["COMPANION_BASE_URL"] = listening_base_url(settings, host, port)
    run(settings, host, port, workers=workers, reload=reload)


def demo(host: Host = "127.0.0.1", port: Port = 8000) -> None:
    """Create (or refresh) the German demo programme with three pairs and some sessions, and print
    sign-in links for the service at HOST:PORT (or COMPANION_BASE_URL when set)."""
    from companion.demo import seed_demo

    settings = load_settings()
    settings = settings.model_copy(update={"base_url": listening_base_url(settings, host, port)})
    summary = asyncio.run(seed_demo(settings))
    typer.echo(summary)


# Commands of the other areas, loaded only when invoked: `companion generate …` must not pay for
# litestar, SQLAlchemy or scipy, and `companion --help` imports none of them. Name -> (module whose
# ``register`` adds it, the one-line help `companion --help` shows); a test keeps both true.
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "index": (
        "companion.retrieval.commands",
        "Bring the search index up to date with the knowledge cards (only changed cards are embedded).",
    ),
    "search": (
        "companion.retrieval.commands",
        "Search the knowledge cards and print the best passages (or the best cards).",
    ),
    "generate": (
        "companion.generation.commands",
        "Generate session agendas, preparation, reflection prompts and summaries (stateless).",
    ),
    "eval": ("companion.evalcli", "Evaluate generated outputs against the programme's principles."),
    "coordinator": ("companion.auth.commands", "Coordinators (HR) who run programmes."),
    "token": ("companion.auth.commands", "API bearer tokens."),
    "evaluation": ("companion.evaluation.commands", "Programme evaluation (k-anonymous survey results)."),
    "mail": ("companion.notifications.commands", "E-mail: check the mail setup."),
    "invite": ("companion.notifications.commands", "Invitations by e-mail."),
    "worker": (
        "companion.notifications.commands",
        "Run a job worker (SAQ on COMPANION_REDIS_URL): sends mails, scans every minute. Start as many "
        "as you like; every mail still goes out once.",
    ),
    "match": (
        "companion.matching.commands",
        "Propose a complete, rule-respecting assignment of juniors to seniors and explain each pair.",
    ),
    "plan": (
        "companion.matching.commands",
        "Propose a pair's topic plan (or show the stored one) and print it.",
    ),
}


class _Listed(TyperCommand):
    """Stands in for a lazy command in help listings; never invoked (see ``resolve_command``)."""


def load_area_command(name: str) -> Any:
    """The real click command ``name``, from its area's ``register``."""
    area = typer.Typer()
    importlib.import_module(LAZY_COMMANDS[name][0]).register(area)
    return typer.main.get_group(area).commands[name]


class LazyGroup(TyperGroup):
    """The top-level group: built-in commands plus the areas' commands, imported on first use."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [*self.commands, *(n for n in LAZY_COMMANDS if n not in self.commands)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in self.commands or cmd_name not in LAZY_COMMANDS:
            return super().get_command(ctx, cmd_name)
        if ctx.resilient_parsing:  # shell completion needs the real options
            return self._load(cmd_name)
        return _Listed(cmd_name, help=LAZY_COMMANDS[cmd_name][1])

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, cmd, rest = super().resolve_command(ctx, args)
        if isinstance(cmd, _Listed) and name is not None:
            cmd = self._load(name)
        return name, cmd, rest

    def _load(self, name: str) -> Any:
        self.commands[name] = load_area_command(name)
        return self.commands[name]


def build_cli() -> typer.Typer:
    """Assemble the CLI; the areas' commands are registered lazily (``LAZY_COMMANDS``)."""
    app = typer.Typer(
        cls=LazyGroup,
        help="companion: session companion for reverse-mentoring programmes.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
    )
    app.command()(serve)
    app.command()(demo)
    app.add_typer(db_app, name="db")
    return app


def main() -> None:
    """Entry point of the ``companion`` script."""
    build_cli()()
