"""The error side of the OpenAPI description: every operation documents the RFC 9457 problem responses
it can give (``application/problem+json``), with ``Retry-After`` on 503 and 429 and ``Allow`` on 405.

Litestar documents only the success response (and a 400 in its own, different shape), and in 2.x
``responses=`` exists only per handler; so the generated document is completed in one place, after
Litestar built it, from the same facts the service acts on (access rules, errors.py).
"""

from __future__ import annotations

import re
from typing import Any

from litestar import Litestar
from litestar.openapi.spec import (
    OpenAPI,
    OpenAPIHeader,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Reference,
    Schema,
)

from companion.errors import PROBLEM_JSON, RETRY_AFTER_SECONDS

PROBLEM = Schema(
    type=OpenAPIType.OBJECT,
    description="RFC 9457 problem details",
    required=["type", "title", "status", "detail"],
    properties={
        "type": Schema(type=OpenAPIType.STRING, description="Always about:blank"),
        "title": Schema(type=OpenAPIType.STRING),
        "status": Schema(type=OpenAPIType.INTEGER),
        "detail": Schema(type=OpenAPIType.STRING, description="What is wrong, in English"),
        "code": Schema(type=OpenAPIType.STRING, description="Stable name of a broken programme rule"),
        "errors": Schema(
            type=OpenAPIType.ARRAY, items=Schema(type=OpenAPIType.OBJECT), description="Field errors"
        ),
        "stored": Schema(
            type=OpenAPIType.BOOLEAN, description="503 only: whether the submitted data was stored"
        ),
    },
)
WRITES = {"post", "put", "patch", "delete"}
GENERATION = re.compile(
    r"^/api/sessions/\{session_id\}/(agenda|preparation|reflection-prompts|summary)(/stream)?$"
)


def _header(description: str, schema_type: OpenAPIType = OpenAPIType.STRING) -> OpenAPIHeader:
    return OpenAPIHeader(schema=Schema(type=schema_type), description=description)


def _problem(description: str, headers: dict[str, OpenAPIHeader] | None = None) -> OpenAPIResponse:
    return OpenAPIResponse(
        description=description,
        content={PROBLEM_JSON: OpenAPIMediaType(schema=Reference(ref="#/components/schemas/ProblemDetails"))},
        headers=headers,  # type: ignore[arg-type]
    )


def _retry(description: str) -> dict[str, OpenAPIHeader]:
    return {"Retry-After": _header(description, OpenAPIType.INTEGER)}


def problem_responses(path: str, method: str) -> dict[str, OpenAPIResponse]:
    """The problem responses an operation can answer with."""
    out: dict[str, OpenAPIResponse] = {
        "400": _problem(
            "Invalid request: a parameter, id (1 … 2147483647), body, text or date is not acceptable"
        ),
        "405": _problem(
            "Method not allowed on this path",
            {"Allow": _header("The methods this path accepts, e.g. 'GET, POST'")},
        ),
        "503": _problem(
            "The database (or generation) is unavailable; `stored` says whether the data was saved",
            _retry(f"Seconds to wait before retrying (usually {RETRY_AFTER_SECONDS})"),
        ),
    }
    if path == "/health":
        return {k: v for k, v in out.items() if k == "405"}
    out["401"] = _problem("Not signed in (no or an invalid bearer token)")
    out["403"] = _problem("Signed in, but not allowed (role, programme or pair)")
    if "{" in path or method in WRITES:
        out["404"] = _problem("The object named in the path (or, for writes, in the body) does not exist")
    if method in WRITES:
        out["409"] = _problem("Conflicts with the current state (e.g. the last coordinator)")
        out["415"] = _problem("The body is not JSON")
        out["422"] = _problem("Breaks a programme rule; `code` names it")
    if method == "post" and GENERATION.search(path):
        out["429"] = _problem(
            "Too many generation requests", _retry("Seconds until the next request is counted")
        )
    return out


def document_problems(openapi: OpenAPI) -> OpenAPI:
    """Add the problem schema and every operation's problem responses to ``openapi`` (in place)."""
    if openapi.components is not None:
        schemas: dict[str, Any] = dict(openapi.components.schemas or {})
        schemas["ProblemDetails"] = PROBLEM
        openapi.components.schemas = schemas
    for path, item in (openapi.paths or {}).items():
        for method in ("get", "post", "put", "patch", "delete"):
            operation = getattr(item, method, None)
            if operation is None:
                continue
            responses = dict(operation.responses or {})
            for status, response in problem_responses(path, method).items():
                responses[status] = response  # replaces Litestar's own 400, which is not what we send
            operation.responses = responses
    return openapi


def install(app: Litestar) -> None:
    """Complete the OpenAPI document with the problem responses when the app starts (all routes are
    known then). Litestar builds the document once and caches the object, so completing it in place
    is what ``/schema`` serves."""

    def complete(app: Litestar) -> None:
        document_problems(app.openapi_schema)

    app.on_startup.append(complete)
