"""Survey and coordinator pages in German and English: labelled form fields, answers saved through the
form, friendly messages for bad input, results and charts only after closing, health figures."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from companion.auth import bootstrap
from companion.db.models import GeneratedOutput, MentoringSession, Pair, Reflection

HTML = {"accept": "text/html"}


def _page(w: Any, url: str, who: dict[str, str]) -> Any:
    return w.client.get(url, headers={**who, **HTML})


def _post(w: Any, url: str, who: dict[str, str], data: Any) -> Any:
    return w.client.post(url, headers={**who, **HTML}, data=data, follow_redirects=False)


def _labels_have_fields(html: str) -> None:
    """Every visible form control is inside a <label> or named by a <label for=…>."""
    ids_with_label = set(re.findall(r'<label for="([^"]+)"', html))
    for match in re.finditer(r"<(select|textarea)[^>]*id=\"([^\"]+)\"", html):
        assert match.group(2) in ids_with_label, match.group(0)
    for fieldset in re.findall(r"<fieldset.*?</fieldset>", html, re.S):
        assert "<legend>" in fieldset


def test_participant_fills_in_the_start_survey_in_german(sqlite_eval_client: Any, build: Any) -> None:
    client, url = sqlite_eval_client
    w = build(client, url, pairs=1)
    me = w.as_(w.juniors[0])
    card = _page(w, "/me/surveys/due", me)
    assert card.status_code == 200
    assert "Selbsteinschätzung zum Start" in card.text and "jetzt dran" in card.text
    assert "nach eurer zweiten Session" in card.text
    assert 'hx-get="/me/surveys/due"' in _page(w, "/me", me).text

    form = _page(w, "/me/surveys/pre", me)
    assert form.status_code == 200
    _labels_have_fields(form.text)
    assert "Wie sicher fühlst du dich, diese Themen zu vermitteln?" in form.text  # the junior's wording
    assert "anonym gezählt" in form.text
    r = _post(
        w,
        "/me/surveys/pre",
        me,
        {
            "q_want_to_learn": "Sicherer vor Führungskräften sprechen",
            "theme_want_to_learn": ["confidence"],
            "topic_1": "topic-ai-automation",
            "rating_1": "2",
        },
    )
    assert r.status_code == 303 and r.headers["location"] == "/me/surveys/pre?saved=1"
    saved = _page(w, "/me/surveys/pre?saved=1", me).text
    assert "Danke! Deine Antworten sind gespeichert." in saved
    assert "Sicherer vor Führungskräften sprechen" in saved
    assert re.search(r'value="confidence"\s+checked', saved)

    bad = _post(
        w,
        "/me/surveys/pre",
        me,
        {"q_want_to_learn": "Mut", "topic_1": "topic-ai-automation", "rating_1": "neun", "topic_2": "x"},
    )
    assert bad.status_code == 400
    summary = bad.text.split('id="error-summary"')[1].split("</div>")[0]  # German, at the top, linked
    assert "Einschätzung 1: Bitte wähle eine der angebotenen Möglichkeiten." in summary
    assert 'href="#survey-rating-1"' in summary and 'href="#survey-topic-2"' in summary
    assert 'id="survey-rating-1" aria-invalid="true"' in bad.text
    assert ">Mut</textarea>" in bad.text  # the input is kept
    assert re.search(r'<option value="topic-ai-automation" selected>', bad.text)
    empty = _post(w, "/me/surveys/pre", me, {"q_want_to_learn": " "})
    summary = empty.text.split('id="error-summary"')[1].split("</div>")[0]
    assert empty.status_code == 422 and "Bitte beantworte mindestens eine Frage" in summary
    assert 'href="#survey-form"' in summary
    long = _post(w, "/me/surveys/pre", me, {"q_want_to_learn": "x" * 2001})
    assert long.status_code == 400 and "Antwort: Bitte höchstens 2000 Zeichen." in long.text
    assert "Sicherer vor Führungskräften sprechen" in _page(w, "/me/surveys/pre", me).text  # unchanged
    early = _post(w, "/me/surveys/post", me, {"q_satisfaction": "4"})
    assert early.status_code == 409 and "noch nicht dran" in early.text
    assert _page(w, "/me/surveys/pre", w.coordinator).status_code == 403


def test_end_survey_in_english_preselects_start_topics_and_locks_when_closed(
    sqlite_eval_client: Any, build: Any
) -> None:
    client, url = sqlite_eval_client
    w = build(client, url, pairs=1, language="en")
    senior = w.as_(w.seniors[0])
    assert (
        w.answer(w.seniors[0], "pre", {"answers": {"confidence": {"topic-remote-work": 2}}}).status_code
        == 201
    )
    w.open("post")
    form = _page(w, "/me/surveys/post", senior).text
    assert "End-of-programme survey" in form and "Did you learn concrete skills?" in form
    assert re.search(r'<option value="topic-remote-work" selected>', form)
    r = _post(
        w,
        "/me/surveys/post",
        senior,
        {"q_satisfaction": "5", "q_continue_wanted": "yes", "topic_1": "topic-remote-work", "rating_1": "4"},
    )
    assert r.status_code == 303
    w.close("post")
    locked = _page(w, "/me/surveys/post", senior).text
    assert (
        "This survey is closed" in locked
        and "disabled" in locked
        and 'type="submit"' not in locked.split("survey-form")[1]
    )


def test_coordinator_sees_participation_then_frozen_results_with_charts(
    sqlite_eval_client: Any, build: Any
) -> None:
    client, url = sqlite_eval_client
    w = build(client, url, pairs=2, k=3)
    base = f"/coordinator/programmes/{w.id}/evaluation"
    assert _post(w, f"{base}/rounds/pulse_mid/open", w.coordinator, {}).status_code == 303
    for i, pid in enumerate(w.juniors + w.seniors):
        body = {
            "answers": {
                "satisfaction": 3 + i % 2,
                "worth_time": 4,
                "pulse_note": "Terminfindung mit Junior Nummer1 ist schwer",
            },
            "themes": {"pulse_note": ["time"]},
        }
        assert w.answer(pid, "pulse_mid", body).status_code == 201
    page = _page(w, base, w.coordinator).text
    assert "Ergebnisse erscheinen, wenn die Befragung abgeschlossen ist." in page
    assert "Terminfindung" not in page

    refused = _post(w, f"{base}/rounds/pulse_mid/close", w.coordinator, {})
    summary = refused.text.split('id="error-summary"')[1].split("</div>")[0]
    assert refused.status_code == 400 and "Bitte setze zur Bestätigung den Haken." in summary
    assert 'href="#close-confirm"' in summary and 'id="close-confirm" aria-invalid="true"' in refused.text
    assert refused.text.count('id="close-confirm"') == 1  # only the refused round's box
    assert _post(w, f"{base}/rounds/pulse_mid/close", w.coordinator, {"confirm": "yes"}).status_code == 303
    page = _page(w, base, w.coordinator).text
    section = page.split('id="round-pulse_mid"')[1].split("</section>")[0]
    assert "<svg" in section and "Mittelwert" in section
    assert "nur gesamt (eine Seite unter k)" in section  # 2 juniors, 2 seniors: sides below k = 3
    assert "Zeit und Terminfindung" in section  # ticked by all four
    assert "Terminfindung mit" not in page and "Nummer1" not in page
    again = _post(w, f"{base}/rounds/pulse_mid/close", w.coordinator, {"confirm": "yes"})
    assert again.status_code == 409
    csv_page = _page(w, f"{base}/export.csv", w.coordinator)
    assert csv_page.status_code == 200 and csv_page.text.startswith("survey,status,question")
    assert _page(w, base, w.as_(w.juniors[0])).status_code == 403


def test_health_counts_stalled_pairs_and_names_months(eval_client: Any, build: Any) -> None:
    """On both databases: dates, time zones and counts agree."""
    client, url = eval_client
    w = build(client, url, pairs=4, k=3, language="en")
    now = datetime.now(UTC)

    async def seed(session: Any) -> None:
        pairs = (await session.scalars(select(Pair).order_by(Pair.id))).all()
        for pair in pairs:  # formed long ago
            pair.created_at = now - timedelta(days=120)
        for index, pair in enumerate(pairs[:3]):
            held = MentoringSession(
                pair_id=pair.id, number=1, status="held", scheduled_at=datetime(2026, 3, 10, tzinfo=UTC)
            )
            session.add(held)
            await session.flush()
            session.add(
                GeneratedOutput(session_id=held.id, kind="agenda", version=1, payload={}, generated_by="t")
            )
            if index == 0:
                session.add(Reflection(session_id=held.id, author_role="junior", answers={"q": "a"}))
        # two pairs have a session ahead, one only an old one, one none at all
        for pair in pairs[:2]:
            session.add(
                MentoringSession(
                    pair_id=pair.id, number=2, status="planned", scheduled_at=now + timedelta(days=7)
                )
            )
        await session.commit()

    bootstrap.run(url, seed, migrate=False)
    r = client.get(f"/api/programmes/{w.id}/health", headers=w.coordinator)
    assert r.status_code == 200
    data = r.json()
    assert (data["pairs_total"], data["pairs_active"], data["pairs_stalled"]) == (4, 2, 2)
    march = next(m for m in data["months"] if m["month"] == "2026-03")
    assert march["label"] == "March 2026" and march["held"]["value"] == 3
    assert data["with_agenda"]["shown"] == "100 %" and data["with_reflection"]["shown"] == "33 %"
    ahead = [m for m in data["months"] if m["month"] != "2026-03"]
    assert all(m["planned"]["value"] is None for m in ahead)  # two pairs only: below k
    assert [s["kind"] for s in data["surveys"]] == ["pre", "pulse_first", "pulse_mid", "post"]
    html = _page(w, f"/coordinator/programmes/{w.id}/health", w.coordinator).text
    assert "March 2026" in html and "<svg" in html and 'id="pairs-stalled">2<' in html
    assert _page(w, f"/coordinator/programmes/{w.id}/health", w.as_(w.juniors[0])).status_code == 403
