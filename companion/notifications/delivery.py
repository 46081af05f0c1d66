"""Sending one recorded notification: claim it, build its mail from the current data, send, record.

A mail whose reason went away before it was sent (session moved or cancelled, reflection written,
mails switched off, person removed) is recorded as ``skipped`` instead of being sent.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth import services as auth
from companion.auth.models import Coordinator, Invite
from companion.db.models import MentoringSession, Pair, Participant, Programme, Reflection
from companion.notifications import compose, cycle, links, queue
from companion.notifications.context import Services
from companion.notifications.facts import event_facts, member_facts, outputs_for, pair_label, session_facts
from companion.notifications.mailer import Mail, MailError, PermanentMailError, build_message
from companion.notifications.models import Notification
from companion.programmes.services import in_groups, pairs_with

log = logging.getLogger(__name__)


class Skip(Exception):
    """The notification is no longer needed."""


async def deliver(services: Services, notification_id: int) -> str:
    """Send one notification if this caller wins the claim; returns the resulting status."""
    now = services.clock()
    async with services.maker() as db:
        if not await queue.claim(db, notification_id, now):
            return "not-claimed"
        row = await db.get(Notification, notification_id, populate_existing=True)
        assert row is not None
        try:
            mail = await build(db, services, row)
        except Skip as reason:
            log.info("Notification %s (%s) skipped: %s", row.id, row.kind, reason)
            return await queue.finish(db, row.id, services.clock(), status="skipped")
        try:
            await services.transport.send(build_message(mail, services.settings.mail_from))
        except MailError as exc:
            await _void_link(db, row, services.clock())
            log.warning("Mail %s (%s) to %s failed: %s", row.id, row.kind, row.email, exc)
            return await queue.finish(
                db,
                row.id,
                services.clock(),
                status="error",
                error=str(exc),
                max_attempts=services.settings.mail_max_attempts,
                permanent=isinstance(exc, PermanentMailError),
            )
        return await queue.finish(db, row.id, services.clock(), status="sent")


async def _void_link(db: AsyncSession, row: Notification, now: datetime) -> None:
    """A sign-in link that never reached anyone must not stay valid; the retry makes a new one."""
    if row.invite_id is not None:
        await db.execute(update(Invite).where(Invite.id == row.invite_id).values(expires_at=now))


async def build(db: AsyncSession, services: Services, row: Notification) -> Mail:
    """The mail for ``row`` from the data as it is now (raises :class:`Skip`)."""
    t = services.texts(row.language)
    settings = services.settings
    if row.kind == "test":
        return compose.to_mail(compose.test(t), row.email)
    if row.kind in ("invite", "signin"):
        return await _link_mail(db, services, row)
    participant = await db.get(Participant, row.participant_id) if row.participant_id else None
    if participant is None or not participant.email:
        raise Skip("the participant is gone or has no e-mail address")
    if not queue.wants(await queue.preferences(db, [participant.id]), participant.id, row.kind):
        raise Skip(f"{row.kind} mails are switched off")
    prefs_url = links.preferences_url(settings, participant.id)
    if row.kind == "nudge":
        return await _nudge(db, services, row, participant, prefs_url)
    session = await db.get(MentoringSession, row.session_id) if row.session_id else None
    if session is None:
        raise Skip("the session is gone")
    facts = await session_facts(db, settings, session, t)
    if row.kind == "calendar":
        return await _calendar(db, services, row, participant, session, prefs_url)
    if row.kind == "reminder":
        if session.status != "planned" or session.scheduled_at is None:
            raise Skip("the session is no longer planned")
        if facts.starts_at.isoformat() != row.data.get("starts_at"):
            raise Skip("the session has moved; a new reminder follows")
        role = await member_facts(db, session.pair_id, participant.id)
        outputs = await outputs_for(db, session.id)
        agenda = outputs.get("agenda")
        prep = outputs.get("preparation") or {}
        content = cycle.reminder(
            t,
            name=participant.display_name,
            facts=facts,
            agenda=[(i["title"], int(i["minutes"])) for i in agenda["items"]] if agenda else None,
            questions=list(prep.get(f"{role}_questions", [])),
            to_bring=list(prep.get(f"{role}_to_bring", [])),
            preferences_url=prefs_url,
        )
        return compose.to_mail(content, participant.email, participant.display_name)
    if row.kind == "reflection":
        if session.status == "cancelled":
            raise Skip("the session was cancelled")
        written = await db.scalar(
            select(Reflection.id).where(
                Reflection.session_id == session.id, Reflection.author_id == participant.id
            )
        )
        if written is not None:
            raise Skip("the reflection is already written")
        role = await member_facts(db, session.pair_id, participant.id)
        prompts = (await outputs_for(db, session.id)).get("reflection-prompts") or {}
        content = cycle.reflection(
            t,
            name=participant.display_name,
            facts=facts,
            prompts=list(prompts.get(f"{role}_prompts", [])),
            preferences_url=prefs_url,
            held=session.status == "held",
        )
        return compose.to_mail(content, participant.email, participant.display_name)
    raise Skip(f"unknown kind {row.kind}")


async def _calendar(
    db: AsyncSession,
    services: Services,
    row: Notification,
    participant: Participant,
    session: MentoringSession,
    prefs_url: str,
) -> Mail:
    newer = await db.scalar(
        select(Notification.id).where(
            Notification.kind == "calendar",
            Notification.session_id == session.id,
            Notification.participant_id == participant.id,
            Notification.id > row.id,
        )
    )
    if newer is not None:
        raise Skip("a newer calendar update for this session follows")
    t = services.texts(row.language)
    data = row.data
    starts_at = datetime.fromisoformat(data["starts_at"])
    facts = await session_facts(db, services.settings, session, t)
    facts = compose.SessionFacts(
        facts.pair,
        facts.number,
        starts_at,
        int(data["duration"]),
        facts.topic,
        facts.url,
        facts.programme,
        facts.group,
    )
    method = str(data["method"])
    ics = await event_facts(db, services.settings, session, t, int(data["sequence"]), starts_at, data)
    content = cycle.calendar(
        t,
        name=participant.display_name,
        facts=facts,
        method=method,
        moved=bool(data.get("moved")),
        preferences_url=prefs_url,
    )
    mail = compose.to_mail(content, participant.email or row.email, participant.display_name)
    mail.calendar = ics
    mail.calendar_method = method
    mail.attachments.append(cycle.ics_attachment(ics, method))
    return mail


async def _nudge(
    db: AsyncSession, services: Services, row: Notification, participant: Participant, prefs_url: str
) -> Mail:
    from companion.notifications.scan import stall_of

    pair = await db.get(Pair, row.pair_id) if row.pair_id else None
    if pair is None:
        raise Skip("the pair is gone")
    programme = await db.get(Programme, pair.programme_id)
    assert programme is not None
    stall = await stall_of(db, pair, programme, services.clock(), services.settings.nudge_after_days)
    if stall is None:
        raise Skip("the pair is no longer stalled")
    t = services.texts(row.language)
    content = cycle.nudge(
        t,
        name=participant.display_name,
        pair=pair_label(pair),
        group=pair.format == "group",
        programme=programme.name,
        cancellations=stall.cancellations,
        url=f"{links.base(services.settings)}/me#plan-{pair.id}",  # straight to the planning form
        preferences_url=prefs_url,
    )
    return compose.to_mail(content, participant.email or row.email, participant.display_name)


async def _link_mail(db: AsyncSession, services: Services, row: Notification) -> Mail:
    """Invite and sign-in mails carry a fresh single-use link, made only now: the database never holds
    a usable secret for a mail that is still waiting."""
    settings = services.settings
    t = services.texts(row.language)
    if row.participant_id is not None:
        person = await db.get(Participant, row.participant_id)
        if person is None or not person.email:
            raise Skip("the participant is gone or has no e-mail address")
        name, email = person.display_name, person.email
        programme = await db.get(Programme, person.programme_id)
        programme_name = programme.name if programme else None
        group = in_groups(await pairs_with(db, person.id))  # as the pairs are when the mail goes out
    else:
        coordinator = await db.get(Coordinator, row.coordinator_id) if row.coordinator_id else None
        if coordinator is None:
            raise Skip("the coordinator is gone")
        name, email, programme_name, group = coordinator.name, coordinator.email, None, None
    invite, raw = await auth.create_invite(
        db,
        participant_id=row.participant_id,
        coordinator_id=row.coordinator_id if row.participant_id is None else None,
        created_by=row.created_by,
        ttl_hours=settings.invite_ttl_hours,
    )
    row.invite_id = invite.id
    await db.commit()
    url = auth.sign_in_link(settings.base_url, raw)
    expires = auth.as_utc(invite.expires_at)
    if row.kind == "invite":
        inviter = await db.get(Coordinator, row.created_by) if row.created_by else None
        content = compose.invite(
            t,
            name=name,
            programme=programme_name or "companion",
            coordinator=inviter.name if inviter else None,
            url=url,
            expires_at=expires,
            signin_url=links.signin_page(settings),
            group=group,
        )
    else:
        content = compose.signin(t, name=name, programme=programme_name, url=url, expires_at=expires)
    return compose.to_mail(content, email, name)
