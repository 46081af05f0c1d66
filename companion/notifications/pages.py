"""Pages: self-service sign-in, mail preferences (signed link or signed in), the calendar feed, and the
coordinator's invitations page."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.middleware.rate_limit import get_remote_address
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.policy import acting_coordinator, principal_of
from companion.db.models import Participant, Programme
from companion.errors import DomainError
from companion.notifications import feeds, links, service
from companion.notifications.compose import first_name
from companion.notifications.forms import MailChoicesForm, SigninForm
from companion.notifications.i18n import Texts
from companion.notifications.models import OPTIONAL_KINDS
from companion.notifications.setup import notifier_of
from companion.programmes.controllers import ObjId, ProgrammeId
from companion.settings import Settings
from companion.web.forms import FormState, Submission, form_error, submit
from companion.web.i18n import request_language
from companion.web.render import page


def _texts(request: Request[Any, Any, Any], lang: str) -> Texts:
    return notifier_of(request).services.texts(lang)


def view(request: Request[Any, Any, Any], template: str, lang: str, **context: Any) -> Template:
    """A page with the table texts of the layout (``t``) and gettext for this area's texts (``_``)."""
    return page(request, template, lang, _=_texts(request, lang), **context)


def kind_labels(t: Texts) -> list[tuple[str, str]]:
    labels = {
        "calendar": t("Calendar invitations when a session is planned, moved or cancelled"),
        "reminder": t("A reminder before each session, with the agenda and your preparation questions"),
        "reflection": t("The reflection questions after each session"),
        "nudge": t("A friendly note when your pair hasn't met for a while"),
    }
    return [(kind, labels[kind]) for kind in OPTIONAL_KINDS]


class NotificationPages(Controller):
    include_in_schema = False

    @get("/signin")
    async def signin_form(self, request: Request[Any, Any, Any], settings: Settings) -> Template:
        """The sign-in form; after a request (``?sent=1``) the answer that is the same for every address."""
        lang = request_language(request)
        sent = request.query_params.get("sent") == "1"
        return view(
            request,
            "pages/signin.html",
            lang,
            sent=sent,
            hours=settings.invite_ttl_hours,
            form_state=FormState.of(None, lang),
        )

    @post("/signin", status_code=303)
    async def signin(self, request: Request[Any, Any, Any]) -> Redirect | Template:
        """Mail a sign-in link if the address has an account; the answer is the same either way
        (post/redirect/get to ``/signin?sent=1``)."""
        lang = request_language(request)
        notifier = notifier_of(request)
        sent = await submit(request, SigninForm, lang)
        if sent.data is None:
            return _signin_refused(request, lang, sent, 400)
        address = sent.data.address
        now = notifier.services.clock()
        limiter = request.app.state.signin_limiter
        if not await limiter.allow_ip(get_remote_address(request), now):
            t = _texts(request, lang)
            busy = t("Too many requests from this network. Please try again in an hour.")
            sent.errors.append(form_error(SigninForm.form_id, busy, "email"))
            return _signin_refused(request, lang, sent, 429)
        if await limiter.allow_address(address, now):
            await notifier.enqueue("signin_request", email=address)
        return Redirect("/signin?sent=1", status_code=303)

    @get("/notifications/{token:str}")
    async def preferences_by_link(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, settings: Settings, token: str
    ) -> Template:
        person = await _person_by_token(db_session, settings, token)
        return await _preferences_page(request, db_session, settings, person, f"/notifications/{token}")

    @post("/notifications/{token:str}", status_code=303)
    async def save_by_link(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, settings: Settings, token: str
    ) -> Redirect | Template:
        person = await _person_by_token(db_session, settings, token)
        sent = await submit(request, MailChoicesForm, await _language_of(db_session, person))
        if sent.data is None:
            action = f"/notifications/{token}"
            return await _preferences_page(request, db_session, settings, person, action, sent=sent)
        await feeds.save_preferences(db_session, person.id, sent.data.choices())
        return Redirect(f"/notifications/{token}?saved=1", status_code=303)

    @get("/me/notifications")
    async def my_preferences(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, settings: Settings
    ) -> Template:
        person = await db_session.get(Participant, acting_participant(request))
        assert person is not None
        return await _preferences_page(
            request, db_session, settings, person, "/me/notifications", signed_in=True
        )

    @post("/me/notifications", status_code=303)
    async def save_mine(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, settings: Settings
    ) -> Redirect | Template:
        person = await db_session.get(Participant, acting_participant(request))
        assert person is not None
        sent = await submit(request, MailChoicesForm, await _language_of(db_session, person))
        if sent.data is None:
            return await _preferences_page(
                request, db_session, settings, person, "/me/notifications", signed_in=True, sent=sent
            )
        await feeds.save_preferences(db_session, person.id, sent.data.choices())
        return Redirect("/me/notifications?saved=1", status_code=303)

    @post("/me/calendar-feed", status_code=303)
    async def new_feed(self, request: Request[Any, Any, Any], db_session: AsyncSession) -> Redirect:
        """A new private feed address; every older one stops working."""
        await feeds.renew_feed(db_session, acting_participant(request))
        return Redirect("/me/notifications#calendar-feed", status_code=303)

    @post("/me/calendar-feed/revoke", status_code=303)
    async def revoke_feed(self, request: Request[Any, Any, Any], db_session: AsyncSession) -> Redirect:
        await feeds.revoke_feed(db_session, acting_participant(request))
        return Redirect("/me/notifications#calendar-feed", status_code=303)

    @get("/calendar/{token:str}")
    async def feed(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, settings: Settings, token: str
    ) -> Response[bytes]:
        """The private calendar feed (public URL with a secret; 404 for any invalid or revoked one)."""
        body = await feeds.feed_for_token(db_session, settings, token, notifier_of(request).services)
        if body is None:
            raise NotFoundException("No such calendar")
        return Response(
            body,
            media_type="text/calendar; charset=utf-8",
            headers={"cache-control": "private, max-age=300", "x-robots-tag": "noindex"},
        )

    @get("/coordinator/programmes/{programme_id:int}/invitations")
    async def invitations(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        programme_id: ProgrammeId,
        sent: int | None = None,
    ) -> Template:
        """The invitations; after one was sent (``?sent=<participant id>``) a note saying to whom."""
        person = await db_session.get(Participant, sent) if sent is not None else None
        name = person.display_name if person is not None and person.programme_id == programme_id else None
        return await _invitations_page(request, db_session, programme_id, sent_to=name)

    @post("/coordinator/programmes/{programme_id:int}/invitations/{participant_id:int}", status_code=303)
    async def send_invitation(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        programme_id: ProgrammeId,
        participant_id: ObjId,
    ) -> Redirect | Template:
        """Mail a participant their sign-in link (again), then back to the list (post/redirect/get)."""
        notifier = notifier_of(request)
        try:
            row = await service.record_invite(
                db_session, participant_id, acting_coordinator(request), notifier.services.clock()
            )
        except DomainError as exc:
            await db_session.rollback()
            return await _invitations_page(request, db_session, programme_id, error=exc, status_code=422)
        await notifier.enqueue("deliver", notification_id=row.id)
        return Redirect(
            f"/coordinator/programmes/{programme_id}/invitations?sent={participant_id}", status_code=303
        )


def acting_participant(request: Request[Any, Any, Any]) -> int:
    who = principal_of(request)
    assert who is not None and who.is_participant  # the access rule let only participants in
    return who.id


async def _person_by_token(db: AsyncSession, settings: Settings, token: str) -> Participant:
    pid = links.parse_preferences_token(settings, token)
    person = await db.get(Participant, pid) if pid is not None else None
    if person is None:
        raise NotFoundException("This link is not valid")
    return person


def _signin_refused(
    request: Request[Any, Any, Any], lang: str, sent: Submission[Any], status_code: int
) -> Template:
    """The sign-in form again, the address as typed, the reason in the summary at the top."""
    return view(
        request,
        "pages/signin.html",
        lang,
        sent=False,
        form_state=FormState.of(sent, lang),
        status_code=status_code,
    )


async def _language_of(db: AsyncSession, person: Participant) -> str:
    programme = await db.get(Programme, person.programme_id)
    return programme.language if programme else "de"


async def _preferences_page(
    request: Request[Any, Any, Any],
    db: AsyncSession,
    settings: Settings,
    person: Participant,
    action: str,
    *,
    signed_in: bool = False,
    sent: Submission[Any] | None = None,
) -> Template:
    lang = await _language_of(db, person)
    prefs = await feeds.preferences_of(db, person.id)
    feed_url = await feeds.feed_url_of(db, settings, person.id) if signed_in else None
    return view(
        request,
        "notifications/preferences.html",
        lang,
        name=first_name(person.display_name),
        prefs=prefs,
        kinds=kind_labels(_texts(request, lang)),
        action=action,
        signed_in=signed_in,
        feed_url=feed_url,
        saved=request.query_params.get("saved") == "1" and sent is None,
        form_state=FormState.of(sent, lang),
        status_code=200 if sent is None else 400,
    )


def state_labels(t: Texts) -> dict[str, str]:
    return {
        "never": t("not invited yet"),
        "pending": t("on its way"),
        "retrying": t("another attempt follows"),
        "sent": t("sent"),
        "opened": t("opened"),
        "used": t("signed in"),
        "failed": t("failed"),
        "skipped": t("not sent"),
    }


def kind_names(t: Texts) -> dict[str, str]:
    return {
        "invite": t("Invitation"),
        "signin": t("Sign-in link"),
        "test": t("Test mail"),
        "calendar": t("Calendar invitation"),
        "reminder": t("Reminder"),
        "reflection": t("Reflection questions"),
        "nudge": t("Note to a stalled pair"),
    }


async def _invitations_page(
    request: Request[Any, Any, Any],
    db: AsyncSession,
    programme_id: int,
    *,
    sent_to: str | None = None,
    error: DomainError | None = None,
    status_code: int = 200,
) -> Template:
    programme = await db.get(Programme, programme_id)
    assert programme is not None  # the access rule checked it exists
    t = _texts(request, programme.language)
    message = None
    if error is not None:
        message = t("This person has no e-mail address yet.") if error.code == "no_email" else error.detail
    return view(
        request,
        "notifications/invitations.html",
        programme.language,
        programme=programme,
        statuses=await service.invitation_status(db, programme_id),
        problems=await service.problems(db, programme_id),
        counts=await service.counts(db, programme_id),
        states=state_labels(t),
        kinds=kind_names(t),
        error=message,
        status_code=status_code,
        flash=t("The invitation to {name} is on its way.", name=sent_to) if sent_to else None,
    )
