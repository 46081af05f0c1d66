"""Domain errors and their RFC 9457 problem-details rendering."""

from __future__ import annotations

import errno
import logging
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from sqlalchemy import exc as sa_exc

log = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"
RETRY_AFTER_SECONDS = 5  # what a client is told to wait when the database does not answer
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# SQLSTATE classes that mean "the database is not there right now", not "your request is wrong":
# 08 connection exception, 53 insufficient resources, 57 operator intervention (shutdown, statement
# timeout), 3D000 the database does not exist (dropped or renamed), 28 authentication refused.
OUTAGE_SQLSTATES = ("08", "53", "57", "3D", "28")
OUTAGE_ERRNOS = {errno.ECONNREFUSED, errno.ECONNRESET, errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ETIMEDOUT}


class DomainError(Exception):
    """A request that is well-formed but breaks a rule of the domain."""

    status_code = 422
    title = "Request breaks a rule"

    def __init__(
        self,
        detail: str,
        *,
        errors: list[dict[str, Any]] | None = None,
        code: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail  # English, for API clients and logs
        self.errors = errors or []
        # A stable name for the rule (``reporting_line``) and its values, so pages can say it in the
        # programme's language and API clients can react without parsing ``detail``.
        self.code = code
        self.params = params or {}


class NotFoundError(DomainError):
    status_code = 404
    title = "Not found"


class ConflictError(DomainError):
    status_code = 409
    title = "Conflict"


class RuleViolation(DomainError):
    status_code = 422
    title = "Request breaks a programme rule"


class DatabaseUnavailable(DomainError):
    """The database does not answer (yet); the request can be retried."""

    status_code = 503
    title = "Database unavailable"


def database_outage(exc: BaseException) -> bool:
    """True when ``exc`` means the database is unreachable, timing out or not ready, rather than a bug."""
    if isinstance(exc, DatabaseUnavailable | ConnectionError | TimeoutError | sa_exc.TimeoutError):
        return True
    if isinstance(exc, sa_exc.OperationalError | sa_exc.InterfaceError | sa_exc.DisconnectionError):
        return True
    if isinstance(exc, sa_exc.DBAPIError):
        if exc.connection_invalidated:
            return True
        code = str(getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None) or "")
        return code.startswith(OUTAGE_SQLSTATES)
    if isinstance(exc, OSError):
        return exc.errno in OUTAGE_ERRNOS
    return False


def stored_before_failure(request: Request[Any, Any, Any]) -> bool:
    """Whether this request's database session committed before the failure (set by
    :func:`companion.db.engine.track_commits`)."""
    key = getattr(request.app.state, "db_session_scope_key", None)
    if key is None:
        return False
    from advanced_alchemy.extensions.litestar._utils import get_aa_scope_state

    session = get_aa_scope_state(request.scope, key)
    info = getattr(getattr(session, "sync_session", None), "info", {})
    return bool(info.get("committed"))


def outage_message(request: Request[Any, Any, Any]) -> tuple[str, bool]:
    """The 503 detail in English and whether the submitted data was stored."""
    if request.method in SAFE_METHODS:
        return (
            f"The database is not reachable right now; nothing was changed. Try again in {RETRY_AFTER_SECONDS} s.",
            False,
        )
    if stored_before_failure(request):
        return (
            "The database stopped answering after your data was stored: it is saved. "
            f"Reload in {RETRY_AFTER_SECONDS} s to see it.",
            True,
        )
    return (
        "The database is not reachable right now; your data was NOT stored. "
        f"Please send it again in {RETRY_AFTER_SECONDS} s.",
        False,
    )


def problem(status: int, title: str, detail: str, **extra: Any) -> Response[dict[str, Any]]:
    """A problem-details response."""
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    body.update({k: v for k, v in extra.items() if v})
    return Response(body, status_code=status, media_type=PROBLEM_JSON)


def _domain_handler(request: Request[Any, Any, Any], exc: DomainError) -> Response[dict[str, Any]]:
    if isinstance(exc, DatabaseUnavailable):
        return _outage_handler(request, exc)
    return problem(exc.status_code, exc.title, exc.detail, errors=exc.errors, code=exc.code)


def _validation_handler(_: Request[Any, Any, Any], exc: ValidationException) -> Response[dict[str, Any]]:
    errors = exc.extra if isinstance(exc.extra, list) else []
    parts = []
    for err in errors:
        if isinstance(err, dict):
            where = err.get("key") or err.get("source") or ""
            parts.append(f"{where}: {err.get('message', '')}".strip(": "))
    detail = "; ".join(parts) or str(exc.detail)
    return problem(400, "Invalid request", detail, errors=errors)


def _http_handler(_: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    response = problem(exc.status_code, _title(exc.status_code), str(exc.detail))
    if exc.headers:
        response.headers.update(exc.headers)
    return response


def _recursion_handler(_: Request[Any, Any, Any], exc: RecursionError) -> Response[dict[str, Any]]:
    # Raised while decoding a body nested hundreds of levels deep, before anything is looked up.
    return problem(400, "Invalid request", "The request body is nested too deeply.")


def _outage_handler(request: Request[Any, Any, Any], exc: BaseException) -> Response[dict[str, Any]]:
    log.warning("database unavailable on %s %s: %s", request.method, request.url.path, type(exc).__name__)
    detail, stored = outage_message(request)
    body = {"type": "about:blank", "title": "Database unavailable", "status": 503, "detail": detail}
    body["stored"] = stored  # always present: clients must know whether to send again
    return Response(
        body, status_code=503, media_type=PROBLEM_JSON, headers={"Retry-After": str(RETRY_AFTER_SECONDS)}
    )


def _what_happened_to_the_data(request: Request[Any, Any, Any]) -> str:
    # Say only what is known: "nothing was lost" was wrong for a POST that failed before its commit.
    if request.method in SAFE_METHODS:
        return "nothing was changed."
    if stored_before_failure(request):
        return "your data was stored."
    return "your data was NOT stored; please send it again."


def _unexpected_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    if database_outage(exc):
        return _outage_handler(request, exc)
    # Never leak a traceback; log it for the operator.
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem(
        HTTP_500_INTERNAL_SERVER_ERROR,
        "Internal error",
        "Something went wrong on our side; " + _what_happened_to_the_data(request),
    )


def _title(status: int) -> str:
    return {
        400: "Bad request",
        401: "Not signed in",
        403: "Forbidden",
        404: "Not found",
        405: "Method not allowed",
        409: "Conflict",
        413: "Request too large",
        415: "Unsupported media type",
        429: "Too many requests",
    }.get(status, "Error")


EXCEPTION_HANDLERS: dict[Any, Any] = {
    DomainError: _domain_handler,
    ValidationException: _validation_handler,
    HTTPException: _http_handler,
    RecursionError: _recursion_handler,
    Exception: _unexpected_handler,
}

__all__ = [
    "EXCEPTION_HANDLERS",
    "PROBLEM_JSON",
    "RETRY_AFTER_SECONDS",
    "ConflictError",
    "DatabaseUnavailable",
    "DomainError",
    "NotFoundError",
    "RuleViolation",
    "database_outage",
    "outage_message",
    "problem",
]
