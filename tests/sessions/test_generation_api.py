"""Generation through the API with the offline composer: stored versions, SSE, errors."""

from __future__ import annotations

import json
from typing import Any

from litestar.testing import TestClient

from tests.sessions.conftest import make_session

REFLECTION = {
    "author_role": "senior",
    "answers": {"Was hast du gelernt?": "Ein KI-Assistent kann Protokolle in Minuten vorstrukturieren."},
}


def test_agenda_is_generated_stored_and_versioned(gen_client: TestClient[Any]) -> None:
    ids = make_session(gen_client, duration=45)
    url = f"/api/sessions/{ids['session']}/agenda"
    assert gen_client.get(url).status_code == 404  # nothing generated yet
    r = gen_client.post(url)
    assert r.status_code == 201, r.text
    first = r.json()
    agenda = first["result"]
    assert first["version"] == 1 and first["generated_by"] == "offline"
    assert agenda["language"] == "de" and agenda["duration_minutes"] == 45
    assert sum(item["minutes"] for item in agenda["items"]) == 45
    assert {item["lead"] for item in agenda["items"]} >= {"junior"}
    assert agenda["sources"], "offline agendas cite the cards they draw on"
    second = gen_client.post(url).json()
    assert second["version"] == 2
    assert gen_client.get(url).json()["version"] == 2
    assert gen_client.get(url, params={"version": 1}).json()["version"] == 1
    assert [v["version"] for v in gen_client.get(f"{url}/versions").json()] == [1, 2]


def test_english_programme_gets_english_preparation(gen_client: TestClient[Any]) -> None:
    ids = make_session(gen_client, language="en", topic="topic-remote-work")
    r = gen_client.post(f"/api/sessions/{ids['session']}/preparation")
    assert r.status_code == 201, r.text
    prep = r.json()["result"]
    assert prep["language"] == "en"
    assert prep["junior_questions"] and prep["senior_questions"]
    assert prep["junior_questions"] != prep["senior_questions"]


def test_reflection_prompts_for_both_sides(gen_client: TestClient[Any]) -> None:
    ids = make_session(gen_client)
    r = gen_client.post(f"/api/sessions/{ids['session']}/reflection-prompts")
    assert r.status_code == 201, r.text
    result = r.json()["result"]
    assert result["junior_prompts"] and result["senior_prompts"]


def test_summary_needs_a_reflection_then_uses_it(gen_client: TestClient[Any]) -> None:
    ids = make_session(gen_client)
    url = f"/api/sessions/{ids['session']}/summary"
    r = gen_client.post(url)
    assert r.status_code == 422 and "reflection" in r.json()["detail"]
    assert (
        gen_client.post(
            f"/api/sessions/{ids['session']}/reflections", json={**REFLECTION, "author_id": ids["senior"]}
        ).status_code
        == 201
    )
    r = gen_client.post(url)
    assert r.status_code == 201, r.text
    summary = r.json()["result"]
    assert summary["senior_learnings"]
    assert "Protokolle" in " ".join(summary["senior_learnings"]) + summary["summary"]


def test_unknown_session_is_404(gen_client: TestClient[Any]) -> None:
    for kind in ("agenda", "preparation", "reflection-prompts", "summary"):
        r = gen_client.post(f"/api/sessions/987654/{kind}")
        assert r.status_code == 404 and "987654" in r.json()["detail"]


def test_group_session_agenda(gen_client: TestClient[Any]) -> None:
    ids = make_session(gen_client, fmt="group", topic="topic-feedback-culture", duration=90)
    agenda = gen_client.post(f"/api/sessions/{ids['session']}/agenda").json()["result"]
    assert sum(i["minutes"] for i in agenda["items"]) == 90


def test_agenda_stream_sends_progress_and_stores_result(gen_client: TestClient[Any]) -> None:
    ids = make_session(gen_client)
    with gen_client.stream("POST", f"/api/sessions/{ids['session']}/agenda/stream") as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        body = "".join(r.iter_text())
    events = [line.removeprefix("event: ").strip() for line in body.splitlines() if line.startswith("event:")]
    assert events[0] == "retrieving" and "item" in events and events[-1] == "done"
    done = [json.loads(line[5:]) for line in body.splitlines() if line.startswith("data:")][-1]
    assert done["stored"]["version"] == 1
    assert gen_client.get(f"/api/sessions/{ids['session']}/agenda").json()["version"] == 1


def test_stream_for_unknown_session_is_404(gen_client: TestClient[Any]) -> None:
    assert gen_client.post("/api/sessions/987654/agenda/stream").status_code == 404


def test_a_get_of_the_stream_generates_nothing(gen_client: TestClient[Any]) -> None:
    """Generation changes state, so it is POST only: a link or EventSource from elsewhere cannot store
    a version (issue 12)."""
    ids = make_session(gen_client)
    r = gen_client.get(f"/api/sessions/{ids['session']}/agenda/stream")
    assert r.status_code == 405 and "POST" in r.headers["allow"]
    assert r.headers["content-type"].startswith("application/problem+json")
    assert gen_client.get(f"/api/sessions/{ids['session']}/agenda/versions").json() == []


def test_broken_composer_gives_503_and_keeps_reflections(
    make_settings, database_url: str, runtime_factory, shared_retriever
) -> None:
    from companion.app import create_app
    from companion.auth.testing import SignedInClient
    from companion.generation.context import ContextBuilder
    from companion.generation.offline import OfflineComposer

    class BrokenComposer(OfflineComposer):
        """A real composer whose summary step fails unexpectedly."""

        async def summary(self, ctx):  # type: ignore[no-untyped-def]
            raise RuntimeError("disk full")

    settings = make_settings(database_url=database_url)
    runtime = runtime_factory(settings)
    runtime.set_composer(
        BrokenComposer(
            shared_retriever.knowledge, ContextBuilder(shared_retriever.knowledge, shared_retriever)
        )
    )
    with SignedInClient(
        create_app(settings, runtime=runtime), database_url=database_url, raise_server_exceptions=False
    ) as client:
        ids = make_session(client)
        stored = client.post(
            f"/api/sessions/{ids['session']}/reflections", json={**REFLECTION, "author_id": ids["senior"]}
        )
        assert stored.status_code == 201, stored.text
        r = client.post(f"/api/sessions/{ids['session']}/summary")
        assert r.status_code == 503
        assert r.headers["content-type"].startswith("application/problem+json")
        assert "stored and unchanged" in r.json()["detail"]
        kept = client.get(f"/api/sessions/{ids['session']}/reflections").json()
        # the partner reads the shared sentences, filed by slot
        assert [k["partner_sees"] for k in kept] == [
            {"learned": ["Ein KI-Assistent kann Protokolle in Minuten vorstrukturieren."]}
        ]
        assert client.get(f"/api/sessions/{ids['session']}/summary").status_code == 404
