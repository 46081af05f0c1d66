"""CLI: ``companion coordinator create|add|remove|link`` and ``companion token create|list|revoke``."""

from __future__ import annotations

from typing import Annotated

import typer
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth import bootstrap
from companion.auth import services as svc
from companion.auth.access import SignInRecord, sign_ins
from companion.auth.models import AuthToken
from companion.auth.principal import Principal
from companion.db.models import Programme, utcnow
from companion.errors import DomainError, NotFoundError
from companion.programmes import coordination
from companion.validation import MAX_ID, as_utc

coordinator_app = typer.Typer(help="Coordinators (HR) who run programmes.", no_args_is_help=True)
token_app = typer.Typer(help="API bearer tokens.", no_args_is_help=True)


def _settings():  # type: ignore[no-untyped-def]
    from companion.cli import load_settings

    return load_settings()


@coordinator_app.command("create")
def create(
    name: Annotated[str, typer.Option(help="Display name", min=1)],
    email: Annotated[str, typer.Option(help="E-mail address (unique)")],
    language: Annotated[str, typer.Option(help="de or en")] = "de",
    programme: Annotated[
        list[int] | None, typer.Option("--programme", help="Programme id they coordinate (repeatable)", min=1)
    ] = None,
) -> None:
    """Create a coordinator (optionally of programmes) and print a single-use sign-in link."""
    settings = _settings()
    if "@" not in email or len(email) > 254 or not name.strip():
        typer.echo("Give a name and a valid e-mail address.", err=True)
        raise typer.Exit(2)
    if language not in ("de", "en"):
        typer.echo("--language must be de or en", err=True)
        raise typer.Exit(2)

    async def work(session: AsyncSession) -> str:
        if await svc.coordinator_by_email(session, email) is not None:
            raise typer.BadParameter(
                f"a coordinator with e-mail {email} already exists; use 'coordinator link' or 'coordinator add'"
            )
        for programme_id in programme or []:
            if await session.get(Programme, programme_id) is None:
                raise typer.BadParameter(f"programme {programme_id} does not exist")
        coordinator = await svc.create_coordinator(session, name, email, language)
        for programme_id in programme or []:
            await coordination.link(session, programme_id, coordinator.id)
        return await bootstrap.coordinator_link(
            session, coordinator.id, settings.base_url, settings.invite_ttl_hours
        )

    try:
        link = bootstrap.run(settings.resolved_database_url, work)
    except typer.BadParameter as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"Coordinator {name} <{email.lower()}> created.")
    typer.echo(f"Sign-in link (single use, valid {settings.invite_ttl_hours} h): {link}")


@coordinator_app.command("add")
def add(
    email: Annotated[str, typer.Argument(help="E-mail address of an existing coordinator", metavar="EMAIL")],
    programme: Annotated[int, typer.Option("--programme", help="Programme id", min=1)],
) -> None:
    """Make an existing coordinator a (co-)coordinator of a programme (idempotent)."""
    settings = _settings()

    async def work(session: AsyncSession) -> bool:
        _, added = await coordination.add_coordinator(session, programme, email)
        return added

    try:
        added = bootstrap.run(settings.resolved_database_url, work)
    except NotFoundError as exc:
        typer.echo(exc.detail + ".", err=True)
        raise typer.Exit(1) from exc
    state = "now coordinates" if added else "already coordinates"
    typer.echo(f"{email.strip().lower()} {state} programme {programme}.")


@coordinator_app.command("remove")
def remove(
    email: Annotated[str, typer.Argument(help="E-mail address of the coordinator", metavar="EMAIL")],
    programme: Annotated[int, typer.Option("--programme", help="Programme id", min=1)],
) -> None:
    """Remove a coordinator from a programme (refused for the programme's last coordinator)."""
    settings = _settings()
    normalised = email.strip().lower()

    async def work(session: AsyncSession) -> None:
        coordinator = await svc.coordinator_by_email(session, normalised)
        if coordinator is None:
            raise NotFoundError(f"No coordinator with e-mail {normalised}")
        await coordination.remove_coordinator(session, programme, coordinator.id)

    try:
        bootstrap.run(settings.resolved_database_url, work)
    except DomainError as exc:
        typer.echo(exc.detail + ".", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"{normalised} no longer coordinates programme {programme}.")


@coordinator_app.command("link")
def link(email: Annotated[str, typer.Option(help="E-mail address of the coordinator")]) -> None:
    """Print a fresh single-use sign-in link for an existing coordinator."""
    settings = _settings()

    async def work(session: AsyncSession) -> str | None:
        coordinator = await svc.coordinator_by_email(session, email)
        if coordinator is None:
            return None
        return await bootstrap.coordinator_link(
            session, coordinator.id, settings.base_url, settings.invite_ttl_hours
        )

    url = bootstrap.run(settings.resolved_database_url, work)
    if url is None:
        typer.echo(f"No coordinator with e-mail {email}.", err=True)
        raise typer.Exit(1)
    typer.echo(url)


@token_app.command("create")
def token_create(
    coordinator_email: Annotated[str | None, typer.Option(help="Token for this coordinator")] = None,
    participant_id: Annotated[int | None, typer.Option(help="Token for this participant", min=1)] = None,
) -> None:
    """Print an API bearer token (send as 'Authorization: Bearer <token>')."""
    settings = _settings()
    if (coordinator_email is None) == (participant_id is None):
        typer.echo("Give exactly one of --coordinator-email or --participant-id.", err=True)
        raise typer.Exit(2)

    async def work(session: AsyncSession) -> str | None:
        cid = None
        if coordinator_email is not None:
            coordinator = await svc.coordinator_by_email(session, coordinator_email)
            if coordinator is None:
                return None
            cid = coordinator.id
        try:
            return await bootstrap.api_token(
                session, coordinator_id=cid, participant_id=participant_id, days=settings.token_ttl_days
            )
        except LookupError:
            return None

    token = bootstrap.run(settings.resolved_database_url, work)
    if token is None:
        typer.echo("No such coordinator or participant.", err=True)
        raise typer.Exit(1)
    typer.echo(token)


async def _principal(
    session: AsyncSession, coordinator_email: str | None, participant_id: int | None
) -> Principal | None:
    cid = None
    if coordinator_email is not None:
        coordinator = await svc.coordinator_by_email(session, coordinator_email)
        if coordinator is None:
            return None
        cid = coordinator.id
    return await svc.load_principal(session, participant_id, cid)


@token_app.command("list")
def token_list(
    coordinator_email: Annotated[str | None, typer.Option(help="Sign-ins of this coordinator")] = None,
    participant_id: Annotated[
        int | None, typer.Option(help="Sign-ins of this participant", min=1, max=MAX_ID)
    ] = None,
) -> None:
    """List a person's active API tokens and browser sign-ins (id, kind, label, created, valid until)."""
    settings = _settings()
    if (coordinator_email is None) == (participant_id is None):
        typer.echo("Give exactly one of --coordinator-email or --participant-id.", err=True)
        raise typer.Exit(2)

    async def work(session: AsyncSession) -> list[SignInRecord] | None:
        who = await _principal(session, coordinator_email, participant_id)
        return None if who is None else await sign_ins(session, who)

    rows = bootstrap.run(settings.resolved_database_url, work)
    if rows is None:
        typer.echo("No such coordinator or participant.", err=True)
        raise typer.Exit(1)
    if not rows:
        typer.echo("No active sign-ins or tokens.")
    for row in rows:
        typer.echo(
            f"{row.id}\t{row.kind}\t{row.label or '-'}\t{as_utc(row.created_at).isoformat(timespec='seconds')}"
            f"\t{as_utc(row.expires_at).isoformat(timespec='seconds')}"
        )


@token_app.command("revoke")
def token_revoke(
    token_ids: Annotated[
        list[int], typer.Argument(help="Ids from 'token list'", metavar="ID...", min=1, max=MAX_ID)
    ],
) -> None:
    """End API tokens or browser sign-ins by id (exit code 1 when one of them is unknown or ended)."""
    settings = _settings()

    async def work(session: AsyncSession) -> list[int]:
        missing = []
        for token_id in token_ids:
            result = await session.execute(
                update(AuthToken)
                .where(AuthToken.id == token_id, AuthToken.revoked_at.is_(None))
                .values(revoked_at=utcnow())
            )
            if not getattr(result, "rowcount", 0):
                missing.append(token_id)
        await session.commit()
        return missing

    missing = bootstrap.run(settings.resolved_database_url, work)
    for token_id in token_ids:
        if token_id not in missing:
            typer.echo(f"Token {token_id} revoked.")
    if missing:
        typer.echo(f"No active token with id {', '.join(map(str, missing))}.", err=True)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the sign-in commands to the ``companion`` CLI."""
    app.add_typer(coordinator_app, name="coordinator")
    app.add_typer(token_app, name="token")
