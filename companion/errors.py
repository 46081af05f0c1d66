"""Domain errors and their RFC 9457 problem-details rendering."""

from __future__ import annotations

import logging
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

log = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"


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


def problem(status: int, title: str, detail: str, **extra: Any) -> Response[dict[str, Any]]:
    """A problem-details response."""
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    body.update({k: v for k, v in extra.items() if v})
    return Response(body, status_code=status, media_type=PROBLEM_JSON)


def _domain_handler(_: Request[Any, Any, Any], exc: DomainError) -> Response[dict[str, Any]]:
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


def _unexpected_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    # Never leak a traceback; log it for the operator.
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem(
        HTTP_500_INTERNAL_SERVER_ERROR,
        "Internal error",
        "Something went wrong on our side; nothing was lost.",
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
    "ConflictError",
    "DomainError",
    "NotFoundError",
    "RuleViolation",
    "problem",
]
