"""Who may call what: one table of access rules, and the guard that enforces it on every route.

Decisions, in order: a route without a rule is refused (fail closed); anonymous callers of a protected
route get 401 (they learn nothing else); a session or reflection that does not exist gets 404; a
signed-in person without the right role or pair membership gets 403. Coordinators manage
programmes, people and pairs but never reach a pair's sessions, generated outputs or reflections.

Programme scope: a coordinator reaches only the programmes they coordinate (``programme_coordinators``,
see ``companion.programmes.coordination``) and everything under them — participants, pairs, invites,
co-coordinators, insights and the coordinator pages. One rule for every resource kind: for a
coordinator the programme, participant or pair named in the path is looked up first, so one that does
not exist is 404, and one that exists in another programme is 403, like every other "signed in but not
allowed" (participants are refused coordinator routes with 403 before any lookup, as before). A path
that names both a programme and a participant or pair (the coordinator edit pages) is checked against
the programme first; a participant or pair that is not in it is 404, never edited. Lists are
never refused but filtered to the caller's programmes (``/api/programmes``, the coordinator home page).
Request bodies that name a participant (invites) are checked with :func:`require_manages_participant`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException, ValidationException
from litestar.handlers.base import BaseRouteHandler
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.principal import Principal
from companion.db.models import MentoringSession, Pair, PairMember, Participant, Programme, Reflection
from companion.db.scope import request_session
from companion.errors import NotFoundError
from companion.programmes.coordination import coordinates
from companion.sessions.loading import session_tree
from companion.sessions.schemas import ReflectionCreate
from companion.validation import id_problem

# coordinator: any coordinator (lists filter, creation links the caller); manage: a coordinator of the
# programme the path's programme, participant or pair belongs to; programme: its participants or
# coordinators; person: the participant, their pair partners or their programme's coordinators;
# pair_or_coordinator: the pair's members or their programme's coordinators.
Access = Literal[
    "public",
    "signed_in",
    "coordinator",
    "manage",
    "participant",
    "pair",
    "pair_or_coordinator",
    "programme",
    "person",
]
ALL = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"})
READ = frozenset({"GET", "HEAD"})
WRITE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class Rule:
    methods: frozenset[str]
    pattern: re.Pattern[str]
    access: Access


def _r(methods: frozenset[str], template: str, access: Access) -> Rule:
    return Rule(methods, re.compile(f"^{template}$"), access)


# First match wins. Templates are Litestar's path formats ("/api/pairs/{pair_id}").
RULES: Sequence[Rule] = (
    _r(READ, r"/health", "public"),
    _r(READ, r"/schema(/.*)?", "public"),
    _r(READ, r"/static/.*", "public"),
    _r(READ, r"/", "public"),
    _r(READ | {"POST"}, r"/signin", "public"),
    _r(READ | {"POST"}, r"/notifications/\{token\}", "public"),  # mail preferences via signed link
    _r(READ, r"/calendar/\{token\}", "public"),  # private calendar feed (secret in the URL)
    _r(READ | {"POST"}, r"/auth/invite/\{token\}", "public"),
    _r(frozenset({"POST"}), r"/auth/signout", "public"),
    # --- JSON API: auth ---
    _r(READ, r"/api/auth/me", "signed_in"),
    _r(READ | {"POST"}, r"/api/auth/tokens", "signed_in"),
    _r(frozenset({"DELETE"}), r"/api/auth/tokens/\{token_id\}", "signed_in"),  # own tokens only
    _r(frozenset({"POST"}), r"/api/auth/invites", "coordinator"),
    _r(frozenset({"POST"}), r"/api/participants/\{participant_id\}/invitations", "manage"),
    # --- JSON API: programmes, people, pairs ---
    _r(ALL, r"/api/programmes", "coordinator"),
    _r(READ, r"/api/programmes/\{programme_id\}", "programme"),
    # evaluation aggregates and health: the programme's coordinators only (answers: never single ones)
    _r(ALL, r"/api/programmes/\{programme_id\}/(evaluation|health)(/.*)?", "manage"),
    _r(ALL, r"/api/programmes/\{programme_id\}(/.*)?", "manage"),
    _r(READ, r"/api/participants/\{participant_id\}", "person"),
    _r(WRITE, r"/api/participants/\{participant_id\}", "manage"),
    _r(READ, r"/api/pairs/\{pair_id\}", "pair_or_coordinator"),
    _r(WRITE, r"/api/pairs/\{pair_id\}", "manage"),
    # --- JSON API: everything of a pair is for the pair only ---
    _r(ALL, r"/api/pairs/\{pair_id\}/sessions", "pair"),
    _r(ALL, r"/api/sessions/\{session_id\}(/.*)?", "pair"),
    _r(ALL, r"/api/pairs/\{pair_id\}/plan(/.*)?", "pair"),
    _r(ALL, r"/api/reflections/\{reflection_id\}(/preview)?", "pair"),
    _r(READ, r"/api/knowledge/.*", "signed_in"),
    _r(ALL, r"/api/me/surveys(/.*)?", "participant"),  # own answers only; coordinators never
    _r(READ, r"/library(/.*)?", "signed_in"),
    _r(READ | {"PUT"}, r"/api/me/matching-preferences", "participant"),
    # --- pages ---
    _r(ALL, r"/me", "participant"),
    _r(frozenset({"POST"}), r"/me/access/end-others", "participant"),
    _r(READ | {"POST"}, r"/me/notifications", "participant"),
    _r(frozenset({"POST"}), r"/me/calendar-feed(/revoke)?", "participant"),
    _r(ALL, r"/me/sessions/\{session_id\}(/.*)?", "pair"),
    _r(frozenset({"POST"}), r"/me/pairs/\{pair_id\}/sessions", "pair"),
    _r(ALL, r"/me/surveys(/.*)?", "participant"),
    _r(ALL, r"/me/pairs/\{pair_id\}/plan(/.*)?", "pair"),
    _r(READ | {"POST"}, r"/me/preferences", "participant"),
    _r(frozenset({"POST"}), r"/coordinator/access/end-others", "coordinator"),
    _r(frozenset({"POST"}), r"/coordinator/language", "coordinator"),
    _r(ALL, r"/coordinator/programmes/\{programme_id\}(/.*)?", "manage"),
    _r(ALL, r"/coordinator(/.*)?", "coordinator"),
)


def rule_for(method: str, template: str) -> Rule | None:
    """The first rule matching a request, or None (then the request is refused)."""
    for rule in RULES:
        if method in rule.methods and rule.pattern.match(template):
            return rule
    return None


def principal_of(connection: ASGIConnection[Any, Any, Any, Any]) -> Principal | None:
    """The signed-in person of a request (set by the auth middleware), or None."""
    user = connection.scope.get("user")
    return user if isinstance(user, Principal) else None


async def _pair_of(db: AsyncSession, params: dict[str, Any]) -> int:
    if "pair_id" in params:
        pair_id = int(params["pair_id"])
        if await db.get(Pair, pair_id) is None:
            raise NotFoundError(f"Pair {pair_id} does not exist")
        return pair_id
    if "session_id" in params:
        # The whole session tree: the handler (generation, pages) finds it loaded (one query, not five).
        return (await session_tree(db, int(params["session_id"]))).pair_id
    if "reflection_id" in params:
        rid = int(params["reflection_id"])
        via = await db.scalar(
            select(MentoringSession.pair_id)
            .join(Reflection, Reflection.session_id == MentoringSession.id)
            .where(Reflection.id == rid)
        )
        if via is None:
            raise NotFoundError(f"Reflection {rid} does not exist")
        return int(via)
    raise PermissionDeniedException("No pair in this request")


def acting_coordinator(connection: ASGIConnection[Any, Any, Any, Any]) -> int:
    """The id of the signed-in coordinator of a request (403 for anyone else)."""
    who = principal_of(connection)
    if who is None or not who.is_coordinator:
        raise PermissionDeniedException("Only coordinators may do this")
    return who.id


async def _named_object(db: AsyncSession, params: dict[str, Any]) -> tuple[str, int, int | None] | None:
    """The participant or pair a path names: (label, id, its programme or None when missing)."""
    for key, model, label in (("participant_id", Participant, "Participant"), ("pair_id", Pair, "Pair")):
        if key in params:
            obj_id = int(params[key])
            found = await db.scalar(select(model.programme_id).where(model.id == obj_id))
            return label, obj_id, None if found is None else int(found)
    return None


async def _programme_of(db: AsyncSession, params: dict[str, Any]) -> int:
    """The programme a path's programme, participant or pair belongs to (404 when it does not exist)."""
    if "programme_id" in params:
        programme_id = int(params["programme_id"])
        if await db.get(Programme, programme_id) is None:
            raise NotFoundError(f"Programme {programme_id} does not exist")
        return programme_id
    named = await _named_object(db, params)
    if named is None:
        raise PermissionDeniedException("No programme in this request")
    label, obj_id, owner = named
    if owner is None:
        raise NotFoundError(f"{label} {obj_id} does not exist")
    return owner


async def _require_coordinates(db: AsyncSession, who: Principal, params: dict[str, Any]) -> None:
    """404 for a missing object, 403 unless ``who`` coordinates the programme it belongs to."""
    programme_id = await _programme_of(db, params)
    if not await coordinates(db, who.id, programme_id):
        raise PermissionDeniedException("You do not coordinate this programme")
    if "programme_id" in params:  # a page path that also names a participant or pair: it must be in it
        named = await _named_object(db, params)
        if named is not None and named[2] != programme_id:
            raise NotFoundError(f"{named[0]} {named[1]} is not in programme {programme_id}")


async def require_manages_participant(db: AsyncSession, who: Principal | None, participant_id: int) -> None:
    """For request bodies that name a participant: 404 when missing, 403 unless ``who`` coordinates
    the participant's programme."""
    if who is None or not who.is_coordinator:
        raise PermissionDeniedException("Only coordinators may do this")
    await _require_coordinates(db, who, {"participant_id": participant_id})


async def check_access(
    access: Access, who: Principal | None, params: dict[str, Any], db: AsyncSession
) -> None:
    """Raise 401/403/404 unless ``who`` may use a route with ``access`` and these path parameters
    (looked up in ``db``, the request's session)."""
    if access == "public":
        return
    if who is None:
        raise NotAuthorizedException("Sign in first: use your invite link or an API token")
    if access == "signed_in":
        return
    if access == "coordinator":
        if not who.is_coordinator:
            raise PermissionDeniedException("Only coordinators may do this")
        return
    if access == "manage" or (
        who.is_coordinator and access in ("programme", "person", "pair_or_coordinator")
    ):
        if not who.is_coordinator:
            raise PermissionDeniedException("Only coordinators of this programme may do this")
        await _require_coordinates(db, who, params)
        return
    if access == "participant":
        if not who.is_participant:
            raise PermissionDeniedException("This page is for participants")
        return
    if access in ("pair", "pair_or_coordinator"):
        pair_id = await _pair_of(db, params)  # 404 for a missing session or reflection
        if who.is_coordinator:
            raise PermissionDeniedException(
                "Sessions, agendas, preparations, reflections and summaries are confidential to the pair"
            )
        if not who.in_pair(pair_id):
            raise PermissionDeniedException("You are not a member of this pair")
        return
    if access == "programme":
        if who.programme_id == int(params["programme_id"]):
            return
        raise PermissionDeniedException("You are not part of this programme")
    if access == "person":
        pid = int(params["participant_id"])
        if who.is_participant and who.id == pid:
            return
        shared = await db.scalar(
            select(PairMember.pair_id).where(
                PairMember.participant_id == pid, PairMember.pair_id.in_(who.pair_ids)
            )
        )
        exists = await db.get(Participant, pid)
        if exists is None:
            raise NotFoundError(f"Participant {pid} does not exist")
        if shared is None:
            raise PermissionDeniedException("You can only see yourself and your pair")
        return
    raise PermissionDeniedException("Access rule not understood")  # pragma: no cover


async def authorize(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """App-wide Litestar guard: look up the route's rule and enforce it."""
    method = str(connection.scope.get("method", "GET"))
    if method == "OPTIONS":
        return
    template = str(connection.scope.get("path_template") or connection.scope["path"])
    rule = rule_for(method, template)
    who = principal_of(connection)
    if rule is None:
        if who is None:
            raise NotAuthorizedException("Sign in first")
        raise PermissionDeniedException(f"No access rule for {method} {template}; refused")
    if rule.access != "public" and who is None:
        raise NotAuthorizedException("Sign in first: use your invite link or an API token")
    check_ids(connection.path_params)
    await check_access(rule.access, who, connection.path_params, request_session(connection.scope))


def check_ids(params: dict[str, Any]) -> None:
    """400 for a path id the database cannot hold (beyond 32 bits), before any lookup: the bounds on
    the handlers' parameters apply only after this guard has run."""
    problems = [
        p for name, value in params.items() if isinstance(value, int) and (p := id_problem(name, value))
    ]
    if problems:
        raise ValidationException(detail="; ".join(problems))


def own_reflection(who: Principal | None, data: ReflectionCreate) -> ReflectionCreate:
    """A participant writes only their own reflection: the author defaults to them, anyone else is 403."""
    if who is None or not who.is_participant:
        raise PermissionDeniedException("Only members of the pair write reflections")
    if data.author_id is None:
        return data.model_copy(update={"author_id": who.id})
    if data.author_id != who.id:
        raise PermissionDeniedException("You can only submit your own reflection")
    return data
