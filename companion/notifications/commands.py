"""CLI: ``companion mail test``, ``companion invite send|status``, ``companion notify scan`` and
``companion worker``."""

from __future__ import annotations

import asyncio
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

mail_app = typer.Typer(help="E-mail: check the mail setup.", no_args_is_help=True)


def _settings():  # type: ignore[no-untyped-def]
    from companion.cli import load_settings

    return load_settings()


@mail_app.command("test")
def mail_test(
    email: Annotated[str, typer.Argument(help="Where to send the test mail", metavar="EMAIL")],
    language: Annotated[str, typer.Option(help="de or en")] = "de",
) -> None:
    """Send a test mail now (SMTP when COMPANION_SMTP_URL is set, else into <data dir>/outbox/)."""
    from email_validator import EmailNotValidError, validate_email

    from companion.notifications import compose
    from companion.notifications.i18n import Texts
    from companion.notifications.mailer import MailError, build_message, transport_for

    settings = _settings()
    try:
        address = validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        typer.echo(f"Not a valid e-mail address: {exc}", err=True)
        raise typer.Exit(2) from exc
    if language not in ("de", "en"):
        typer.echo("--language must be de or en", err=True)
        raise typer.Exit(2)
    try:
        transport = transport_for(settings)
        mail = compose.to_mail(compose.test(Texts(language, ZoneInfo(settings.timezone))), address)
        where = asyncio.run(transport.send(build_message(mail, settings.mail_from)))
    except (MailError, ValueError) as exc:
        typer.echo(f"Sending failed: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"Test mail to {address} delivered: {where}")


invite_app = typer.Typer(help="Invitations by e-mail.", no_args_is_help=True)


async def _with_runner(settings, work):  # type: ignore[no-untyped-def]
    """Run ``work(db, runner)`` with an in-process runner on the configured database."""
    from sqlalchemy.ext.asyncio import async_sessionmaker

    from companion.db import engine as dbe
    from companion.notifications.context import build_services
    from companion.notifications.runners import InProcessRunner

    engine = dbe.make_engine(settings.resolved_database_url)
    try:
        await dbe.upgrade(engine)
        runner = InProcessRunner(build_services(settings, engine))
        async with async_sessionmaker(engine, expire_on_commit=False)() as db:
            return await work(db, runner)
    finally:
        await engine.dispose()


@invite_app.command("send")
def invite_send(
    participant_id: Annotated[int, typer.Option("--participant-id", help="Participant to invite", min=1)],
) -> None:
    """Mail a participant a fresh single-use sign-in link now (again, if one was sent before)."""
    from companion.db.models import utcnow
    from companion.errors import DomainError
    from companion.notifications import service

    settings = _settings()

    async def work(db, runner):  # type: ignore[no-untyped-def]
        row = await service.record_invite(db, participant_id, None, utcnow())
        return row.email, await runner.run("deliver", notification_id=row.id)

    try:
        email, status = asyncio.run(_with_runner(settings, work))
    except DomainError as exc:
        typer.echo(exc.detail + ".", err=True)
        raise typer.Exit(1) from exc
    if status != "sent":
        typer.echo(
            f"The invitation to {email} was not sent yet ({status}); it is retried with backoff.", err=True
        )
        raise typer.Exit(1)
    typer.echo(f"Invitation sent to {email}.")


@invite_app.command("status")
def invite_status(programme: Annotated[int, typer.Option("--programme", help="Programme id", min=1)]) -> None:
    """Show, per participant, whether their invitation was sent, opened and used."""
    from companion.db.models import Programme
    from companion.notifications import service

    settings = _settings()

    async def work(db, runner):  # type: ignore[no-untyped-def]
        if await db.get(Programme, programme) is None:
            return None
        return await service.invitation_status(db, programme)

    rows = asyncio.run(_with_runner(settings, work))
    if rows is None:
        typer.echo(f"Programme {programme} does not exist.", err=True)
        raise typer.Exit(1)
    for row in rows:
        typer.echo(f"{row.participant_id:>5}  {row.name:<28} {row.email or '-':<34} {row.state}")


def worker() -> None:
    """Run a job worker (SAQ on COMPANION_REDIS_URL): sends mails, scans every minute. Start as many
    as you like; every mail still goes out once."""
    from litestar_saq import SAQPlugin

    from companion.db import engine as dbe
    from companion.notifications.saq import saq_config

    settings = _settings()
    if not settings.redis_url:
        typer.echo(
            "companion worker needs COMPANION_REDIS_URL; without Redis the service runs the jobs itself.",
            err=True,
        )
        raise typer.Exit(2)

    async def run() -> None:
        engine = dbe.make_engine(settings.resolved_database_url)
        try:
            await dbe.upgrade(engine)
        finally:
            await engine.dispose()
        plugin = SAQPlugin(config=saq_config(settings))  # litestar-saq builds the worker from the config
        job_worker = plugin.get_workers()[settings.queue_name]
        typer.echo(f"Worker on queue '{settings.queue_name}' started; Ctrl+C stops it.")
        await job_worker.start()

    asyncio.run(run())


def register(app: typer.Typer) -> None:
    """Add the notification commands to the ``companion`` CLI."""
    app.add_typer(mail_app, name="mail")
    app.add_typer(invite_app, name="invite")
    app.command()(worker)
