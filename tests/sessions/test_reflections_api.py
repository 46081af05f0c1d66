"""Issue 11, API side: one set of limits (never a 500 or a permanent 422), slots and the private note,
preview and exclusion, edit/withdraw before a summary and delete after it — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from litestar.testing import TestClient

from companion.auth import bootstrap
from companion.db.models import Reflection
from companion.generation.reflection_slots import MAX_ANSWER_CHARS
from tests.sessions.conftest import make_session


def _senior(ids: dict[str, Any], **body: Any) -> dict[str, Any]:
    return {"author_role": "senior", "author_id": ids["senior"], **body}


def test_a_long_answer_and_many_legacy_reflections_still_give_a_summary(gen_client: TestClient[Any]) -> None:
    ids = make_session(gen_client)
    sentence = "Wir haben über die Schichtplanung im Werk z. B. am 3. März gesprochen. "
    long = (sentence * 62).strip()
    assert 4400 < len(long) <= 4500
    r = gen_client.post(
        f"/api/sessions/{ids['session']}/reflections",
        json=_senior(ids, answers={"Was hast du gelernt?": long}),
    )
    assert r.status_code == 201, r.text
    r = gen_client.post(f"/api/sessions/{ids['session']}/summary")
    assert r.status_code == 201, r.text  # a 500 before: the composer accepted only 4,000 characters
    assert all(len(s) < 200 and s.endswith(".") for s in r.json()["result"]["senior_learnings"])

    async def legacy(session: Any) -> None:  # an install from before the one-per-member rule
        for n in range(25):
            session.add(
                Reflection(
                    session_id=ids["session"],
                    author_role="junior",
                    answers={"q": "Gut."},
                    slots={"general": "Gut."},
                    shared_at=None if n % 2 else datetime.now(UTC),
                )
            )
        await session.commit()

    bootstrap.run(gen_client.database_url, legacy, migrate=False)
    r = gen_client.post(f"/api/sessions/{ids['session']}/summary")
    assert r.status_code == 201, r.text  # a permanent 422 before: more than 20 reflections
    too_long = _senior(ids, answers={"q": "x" * (MAX_ANSWER_CHARS + 1)})
    assert gen_client.post(f"/api/sessions/{ids['session']}/reflections", json=too_long).status_code == 400


def test_private_note_and_confidential_sentences_stay_with_the_author(gen_client: TestClient[Any]) -> None:
    ids = make_session(gen_client)
    body = _senior(
        ids,
        slots={
            # "Unter uns: …" covers the rest of its paragraph; the next paragraph is shared again
            "learned": "Ich habe viel über Prompts gelernt. Unter uns: Der Vertrieb ist überfordert. Echt.\n"
            "Frau Ostermann aus dem Einkauf sieht das ähnlich.",
            "next_step": "Ich teste bis zum 3. April einen Assistenten.",
            "private_note": "Ich bin unsicher, ob ich das durchhalte.",
        },
        themes=["topic-ai-automation"],
        share=False,
    )
    r = gen_client.post(f"/api/sessions/{ids['session']}/reflections", json=body)
    assert r.status_code == 201, r.text
    rid = r.json()["id"]
    assert r.json()["slots"]["private_note"] and not r.json()["shared"]
    # a draft is invisible to the partner and to the summary
    assert gen_client.get(f"/api/sessions/{ids['session']}/reflections").json() == []
    assert gen_client.post(f"/api/sessions/{ids['session']}/summary").status_code == 422
    preview = gen_client.get(f"/api/reflections/{rid}/preview").json()
    hidden = {s["text"]: s["hidden"] for s in preview["sentences"]}
    assert hidden["Unter uns: Der Vertrieb ist überfordert."] == hidden["Echt."] == "confidential"
    assert "Eine Kollegin aus dem Einkauf sieht das ähnlich." in hidden
    assert not any("unsicher" in s["text"] for s in preview["sentences"])
    first = next(s["index"] for s in preview["sentences"] if s["text"].startswith("Ich habe viel"))
    r = gen_client.patch(f"/api/reflections/{rid}", json={"excluded": [first], "share": True})
    assert r.status_code == 200 and r.json()["shared"]
    seen = gen_client.get(f"/api/sessions/{ids['session']}/reflections").json()  # as the junior
    assert seen[0]["partner_sees"] == {
        "learned": ["Eine Kollegin aus dem Einkauf sieht das ähnlich."],
        "next_step": ["Ich teste bis zum 3. April einen Assistenten."],
    }
    assert "private_note" not in str(seen) and "slots" not in seen[0]
    summary = gen_client.post(f"/api/sessions/{ids['session']}/summary").json()["result"]
    dumped = str(summary)
    for secret in ("überfordert", "Ostermann", "unsicher", "viel über Prompts"):
        assert secret not in dumped, secret
    assert summary["next_steps"] == ["Ich teste bis zum 3. April einen Assistenten."]
    assert summary["themes"] == ["topic-ai-automation"]


def test_edit_before_a_summary_delete_after_it(gen_client: TestClient[Any]) -> None:
    ids = make_session(gen_client)
    body = _senior(ids, slots={"learned": "Erster Gedanke.", "next_step": "Ich frage im Team nach."})
    rid = gen_client.post(f"/api/sessions/{ids['session']}/reflections", json=body).json()["id"]
    r = gen_client.patch(f"/api/reflections/{rid}", json={"slots": {"learned": "Besserer Gedanke."}})
    assert r.status_code == 200 and r.json()["slots"]["learned"] == "Besserer Gedanke."
    assert r.json()["slots"]["next_step"] == "Ich frage im Team nach."  # slots not sent stay
    assert gen_client.patch(f"/api/reflections/{rid}", json={"themes": ["topic-nope"]}).status_code == 422
    assert (
        gen_client.patch(
            f"/api/reflections/{rid}", json={"themes": ["none", "topic-remote-work"]}
        ).status_code
        == 400
    )
    junior = {"author_role": "junior", "author_id": ids["juniors"][0], "slots": {"learned": "Junior lernt."}}
    assert gen_client.post(f"/api/sessions/{ids['session']}/reflections", json=junior).status_code == 201
    assert gen_client.post(f"/api/sessions/{ids['session']}/summary").status_code == 201
    r = gen_client.patch(f"/api/reflections/{rid}", json={"slots": {"learned": "Zu spät."}})
    assert r.status_code == 409 and r.headers["content-type"].startswith("application/problem+json")
    assert gen_client.get(f"/api/reflections/{rid}").json()["locked"] is True
    assert gen_client.delete(f"/api/reflections/{rid}").status_code == 204
    versions = gen_client.get(f"/api/sessions/{ids['session']}/summary/versions").json()
    assert len(versions) == 1  # the versions that quoted it are gone, a new one was made
    assert "Besserer Gedanke" not in str(versions) and "Junior lernt." in str(versions)
