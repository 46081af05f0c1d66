"""Sign-in endpoints: redeem an invite (browser), sign out, and the JSON API for invites and tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from litestar import Controller, Request, delete, get, post
from litestar.params import Parameter
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth import services as svc
from companion.auth.access import end_sign_in, sign_ins
from companion.auth.middleware import SESSION_COOKIE, current_secret, session_cookie
from companion.auth.policy import principal_of, require_manages_participant
from companion.auth.schemas import InviteCreate, InviteRead, Me, SignInRead, TokenCreate, TokenRead
from companion.errors import NotFoundError
from companion.notifications.service import mark_opened
from companion.settings import Settings
from companion.validation import DbId
from companion.web.i18n import request_language, translator

Token = Annotated[str, Parameter(min_length=10, max_length=200)]


def request_client(request: Request[Any, Any, Any], settings: Settings) -> str:
    """The keyed hash of a request's client address and user agent."""
    host = request.client.host if request.client else None
    return svc.client_hash(settings.secret_key.get_secret_value(), host, request.headers.get("user-agent"))


class SignInController(Controller):
    """Browser sign-in. Opening a link only shows a button: link previews in mail and chat tools
    fetch URLs, and must not use up the single-use invite."""

    path = "/auth"
    include_in_schema = False

    @get("/invite/{token:str}")
    async def invite_page(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, token: Token
    ) -> Template:
        lang = request_language(request)
        await mark_opened(db_session, token, datetime.now(UTC))  # "opened" in the coordinator's list
        return Template("pages/invite.html", context={"token": token, "lang": lang, "t": translator(lang)})

    @post("/invite/{token:str}", status_code=303)
    async def redeem(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, settings: Settings, token: Token
    ) -> Redirect:
        caller = principal_of(request)
        principal, raw = await svc.redeem_invite(
            db_session,
            token,
            settings.session_ttl_hours,
            client=request_client(request, settings),
            by_coordinator=caller is not None and caller.is_coordinator,
        )
        target = "/coordinator" if principal.is_coordinator else "/me"
        return Redirect(target, cookies=[session_cookie(settings, raw)], status_code=303)

    @post("/signout", status_code=303)
    async def signout(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, settings: Settings
    ) -> Redirect:
        raw = request.cookies.get(SESSION_COOKIE)
        if raw:
            await svc.revoke_token(db_session, raw)
        return Redirect("/signin", cookies=[session_cookie(settings, "", max_age=0)], status_code=303)


class AuthApiController(Controller):
    path = "/api/auth"
    tags = ["auth"]

    @get("/me")
    async def me(self, request: Request[Any, Any, Any]) -> Me:
        """Who the token or session belongs to."""
        who = principal_of(request)
        assert who is not None  # the guard let only signed-in callers through
        return Me(
            kind=who.kind,
            id=who.id,
            name=who.name,
            language=who.language,
            programme_id=who.programme_id,
            role=who.role,
            pair_ids=sorted(who.pair_ids),
        )

    @post("/invites")
    async def create_invite(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        settings: Settings,
        data: InviteCreate,
    ) -> InviteRead:
        """Coordinators create a single-use, expiring sign-in link for a participant of a programme
        they coordinate (403 for another programme's participant, 404 for an unknown one)."""
        who = principal_of(request)
        assert who is not None
        await require_manages_participant(db_session, who, data.participant_id)
        invite, raw = await svc.create_invite(
            db_session,
            participant_id=data.participant_id,
            created_by=who.id,
            ttl_hours=settings.invite_ttl_hours,
            client=request_client(request, settings),
        )
        return InviteRead(
            url=svc.sign_in_link(settings.base_url, raw),
            participant_id=data.participant_id,
            expires_at=invite.expires_at,
        )

    @post("/tokens")
    async def create_token(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, settings: Settings, data: TokenCreate
    ) -> TokenRead:
        """A bearer token with the caller's own role and access."""
        who = principal_of(request)
        assert who is not None
        ttl = timedelta(days=settings.token_ttl_days)
        raw = await svc.issue_token(db_session, who, kind="api", ttl=ttl, label=data.label)
        return TokenRead(token=raw, expires_at=datetime.now(UTC) + ttl)

    @get("/tokens")
    async def list_tokens(
        self, request: Request[Any, Any, Any], db_session: AsyncSession
    ) -> list[SignInRead]:
        """The caller's active browser sign-ins and API tokens (coordinators and participants alike),
        newest first; ``current`` marks the one this request uses. Secrets are never shown again."""
        who = principal_of(request)
        assert who is not None
        return [
            SignInRead(
                id=s.id,
                kind=s.kind,
                label=s.label,
                created_at=s.created_at,
                expires_at=s.expires_at,
                current=s.current,
            )
            for s in await sign_ins(db_session, who, current_secret(request))
        ]

    @delete("/tokens/{token_id:int}")
    async def revoke_token(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, token_id: DbId
    ) -> None:
        """End one of the caller's own sign-ins or tokens (204), the current one included; 404 for an
        unknown, ended or someone else's id."""
        who = principal_of(request)
        assert who is not None
        if not await end_sign_in(db_session, who, token_id):
            raise NotFoundError(f"You have no active sign-in or token {token_id}")
