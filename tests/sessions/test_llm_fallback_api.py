"""LLM failures seen through the API: the user gets a result from the offline composer (never a 500),
`generated_by` says why, and the reflections stored before generation are intact."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from companion.app import create_app
from companion.auth.testing import SignedInClient
from tests.sessions.conftest import make_session

BASE = "http://llm.test/v1"
MODEL = "gpt-4o-mini"
FIXTURES = Path(__file__).resolve().parents[1] / "generation" / "fixtures"
ANSWERS = {"Was hast du gelernt?": "Ein KI-Assistent kann Protokolle in Minuten vorstrukturieren."}


def _tool_call(arguments: str) -> dict[str, Any]:
    body = json.loads((FIXTURES / "openai_summary_en.json").read_text(encoding="utf-8"))
    body["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"] = arguments
    return body


def _empty_choices() -> dict[str, Any]:
    return {**_tool_call("{}"), "choices": []}


def _text_answer() -> dict[str, Any]:
    body = _tool_call("{}")
    body["choices"][0].update(finish_reason="stop", message={"role": "assistant", "content": "Gern! Hier …"})
    return body


FAILURES = {
    "timeout": (dict(side_effect=httpx.ReadTimeout("slow")), "timeout"),
    "rate-limit": (
        dict(return_value=httpx.Response(429, headers={"Retry-After": "0"}, json={"error": {}})),
        "HTTP 429",
    ),
    "server-error": (dict(return_value=httpx.Response(500, json={"error": {"message": "boom"}})), "HTTP 500"),
    "malformed-json": (
        dict(return_value=httpx.Response(200, json=_tool_call('{"summary": "cut off'))),
        "malformed",
    ),
    "schema-invalid": (
        dict(return_value=httpx.Response(200, json=_tool_call('{"summary": 42}'))),
        "schema-invalid",
    ),
    # Malformed answers with HTTP 200 (issue 12): model faults too, never a 503.
    "empty-choices": (dict(return_value=httpx.Response(200, json=_empty_choices())), "empty choices"),
    "no-tool-call": (dict(return_value=httpx.Response(200, json=_text_answer())), "no tool call"),
    "truncated-body": (
        dict(
            return_value=httpx.Response(
                200,
                content=json.dumps(_tool_call("{}"))[:120].encode(),
                headers={"content-type": "application/json"},
            )
        ),
        "invalid response",
    ),
}


@pytest.mark.parametrize("failure", sorted(FAILURES))
def test_llm_failure_falls_back_and_keeps_reflections(
    failure: str, make_settings, sqlite_url: str, runtime_factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pydantic_ai import models

    # The HTTP boundary is mocked by respx (unmatched hosts raise), so the model client may run here;
    # other test modules switch model requests off globally.
    monkeypatch.setattr(models, "ALLOW_MODEL_REQUESTS", True)
    mock_kwargs, reason = FAILURES[failure]
    settings = make_settings(
        database_url=sqlite_url,
        llm_max_retries=1,
        llm_timeout_seconds=2,
        llm_max_retry_wait_seconds=1,
        llm_base_url=BASE,
        llm_api_key="sk-test",
        llm_model=MODEL,
    )
    app = create_app(settings, runtime=runtime_factory(settings))
    with respx.mock(assert_all_called=False) as mock:
        route = mock.post(f"{BASE}/chat/completions").mock(**mock_kwargs)
        with SignedInClient(app, database_url=sqlite_url, raise_server_exceptions=False) as client:
            ids = make_session(client)
            stored = client.post(
                f"/api/sessions/{ids['session']}/reflections",
                json={"author_role": "senior", "author_id": ids["senior"], "answers": ANSWERS},
            )
            assert stored.status_code == 201, stored.text
            r = client.post(f"/api/sessions/{ids['session']}/summary")
            assert r.status_code == 201, r.text
            body = r.json()
            assert body["generated_by"].startswith("offline (fallback:"), body["generated_by"]
            assert reason in body["generated_by"]
            assert "Protokolle" in " ".join(body["result"]["senior_learnings"])
            kept = client.get(f"/api/sessions/{ids['session']}/reflections").json()
            assert len(kept) == 1 and "Protokolle" in str(kept[0]["partner_sees"])
            agenda = client.post(f"/api/sessions/{ids['session']}/agenda").json()
            assert agenda["generated_by"].startswith("offline (fallback:")
            assert sum(i["minutes"] for i in agenda["result"]["items"]) == 60
        assert route.call_count >= 2  # it really tried the model, with a retry
        sent = json.loads(route.calls[0].request.content)
        assert sent["model"] == MODEL
