"""The evaluation over HTTP on SQLite and PostgreSQL: participants answer their own surveys, the
coordinator sees participation and — only after closing — frozen aggregates over at least k people,
in the API, on the page and in the CSV export."""

from __future__ import annotations

import csv
import io
import random
import re
from typing import Any

import pytest

POST_ANSWER = {
    "answers": {
        "satisfaction": 4,
        "skills_learned": "yes",
        "learned": "Ich nutze jetzt KI-Zusammenfassungen, danke Junior Nummer0!",
        "continue_wanted": "yes",
        "confidence": {"topic-ai-automation": 4},
    },
    "themes": {"worked_well": ["structure", "eye_level"], "learned": ["ai_tools"]},
}


def test_participant_answers_own_survey_and_sees_when_others_are_due(eval_client: Any, build: Any) -> None:
    client, url = eval_client
    w = build(client, url, pairs=2)
    me = w.juniors[0]
    r = client.get("/api/me/surveys", headers=w.as_(me))
    assert r.status_code == 200
    states = {s["kind"]: s for s in r.json()}
    assert states["pre"]["state"] == "due" and states["post"]["state"] == "upcoming"
    assert states["pulse_first"]["when"] == "nach eurer zweiten Session"

    body = {"answers": {"want_to_learn": "Wie Führung entscheidet", "confidence": {"topic-ai-automation": 3}}}
    r = w.answer(me, "pre", body | {"themes": {"want_to_learn": ["leadership_view"]}})
    assert r.status_code == 201, r.text
    assert (
        r.json()["state"] == "answered" and r.json()["answers"]["want_to_learn"] == "Wie Führung entscheidet"
    )
    r = w.answer(me, "pre", {"answers": {"confidence": {"topic-ai-automation": 4}}})
    assert r.status_code == 200 and r.json()["answers"] == {"confidence": {"topic-ai-automation": 4}}
    # Only the author reads it: another participant gets their own (empty) survey, the coordinator 403.
    other = client.get("/api/me/surveys/pre", headers=w.as_(w.seniors[0])).json()
    assert other["answers"] == {} and other["state"] == "due"
    r = client.get("/api/me/surveys/pre", headers=w.coordinator)
    assert r.status_code == 403
    r = client.get(f"/api/programmes/{w.id}/evaluation", headers=w.as_(me))
    assert r.status_code == 403


@pytest.mark.parametrize(
    ("kind", "body", "status"),
    [
        ("pre", {"answers": {"satisfaction": 4}}, 422),  # not a question of this survey
        ("pre", {"answers": {"confidence": {"topic-ai-automation": 9}}}, 422),
        ("pre", {"answers": {"confidence": {"nicht ein thema": 3}}}, 422),
        ("pre", {"answers": {}}, 422),
        ("pre", {"answers": {"want_to_learn": "x"}, "themes": {"want_to_learn": ["unknown"]}}, 422),
        ("pre", {"answers": {"want_to_learn": "x" * 2001}}, 422),
        ("pre", {"answer": {}}, 400),
        ("pre", {"answers": {"confidence": {"topic-a": True}}}, 400),
        ("pre", {"answers": {"confidence": "topic-a"}}, 422),
        ("post", {"answers": {"satisfaction": 5}}, 409),  # not open yet
        ("sometime", {"answers": {"satisfaction": 5}}, 400),
    ],
)
def test_bad_answers_are_problems_not_crashes(
    sqlite_eval_client: Any, build: Any, kind: str, body: Any, status: int
) -> None:
    client, url = sqlite_eval_client
    w = build(client, url, pairs=1)
    r = w.answer(w.juniors[0], kind, body)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")


def test_closed_round_is_frozen_and_exports_cannot_be_differenced(eval_client: Any, build: Any) -> None:
    client, url = eval_client
    w = build(client, url, pairs=3, k=3)
    assert w.open("post").status_code == 200
    people = w.juniors + w.seniors
    for i, pid in enumerate(people):
        body = {**POST_ANSWER, "answers": {**POST_ANSWER["answers"], "satisfaction": 2 + i % 4}}
        assert w.answer(pid, "post", body).status_code == 201
    before = w.round("post")
    assert before["state"] == "open" and before["results"] is None
    assert before["respondents"]["all"]["value"] == 6

    r = w.close("post")
    assert r.status_code == 200
    export_1 = client.get(f"/api/programmes/{w.id}/evaluation/export", headers=w.coordinator).text
    closed = w.round("post")
    groups = {g["group"]: g for g in closed["results"]["questions"][0]["groups"]}
    assert groups["all"]["n"]["value"] == 6 and groups["junior"]["n"]["value"] == 3
    assert {t["theme"] for t in closed["results"]["themes"]} == {"structure", "eye_level", "ai_tools"}

    # After closing: no answer changes, a deleted person does not change the published figures.
    r = w.answer(people[0], "post", POST_ANSWER)
    assert r.status_code == 409 and r.json()["code"] == "survey_closed"
    assert client.delete(f"/api/participants/{people[0]}", headers=w.coordinator).status_code == 204
    export_2 = client.get(f"/api/programmes/{w.id}/evaluation/export", headers=w.coordinator).text
    post_rows = lambda text: [row for row in text.splitlines() if row.startswith("post,")]  # noqa: E731
    assert post_rows(export_1) == post_rows(export_2)
    assert w.close("post").status_code == 409
    assert w.open("post").status_code == 409
    text = export_2 + str(closed)
    assert "KI-Zusammenfassungen" not in text and "Nummer0" not in text


def _visible_counts_in_csv(text: str) -> list[tuple[str, str]]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return [
        (row["respondents"], row["measure"])
        for row in rows
        if row["value"] != "" and row["measure"] != "invited"
    ]


@pytest.mark.parametrize("seed", range(3))
def test_coordinator_never_gets_an_aggregate_below_k(eval_client: Any, build: Any, seed: int) -> None:
    """Random programmes with a few respondents around k: no figure over fewer than k people in the
    API, the CSV export or the page."""
    client, url = eval_client
    rng = random.Random(seed)
    k = rng.choice([3, 4, 5])
    w = build(client, url, pairs=rng.randint(2, 6), k=k)
    w.open("post")
    everyone = w.juniors + w.seniors
    answering = rng.sample(everyone, rng.randint(0, len(everyone)))
    for pid in answering:
        answers: dict[str, Any] = {"confidence": {"topic-ai-automation": rng.randint(1, 5)}}
        if rng.random() < 0.8:
            answers["satisfaction"] = rng.randint(1, 5)
        themes = {"change": rng.sample(["time", "structure"], rng.randint(0, 2))}
        assert w.answer(pid, "post", {"answers": answers, "themes": themes}).status_code == 201
    assert w.close("post").status_code == 200

    result = w.round("post")["results"]
    for q in result["questions"] + [{"groups": result["change"]}]:
        for g in q["groups"]:
            if "mean" in g or "distribution" in g or "pre_mean" in g:
                assert g["n"]["value"] >= k
            else:
                assert g["n"]["value"] is None or g["n"]["value"] >= k
    assert all(t["count"] >= k for t in result["themes"])

    exported = client.get(f"/api/programmes/{w.id}/evaluation/export", headers=w.coordinator)
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    for respondents, measure in _visible_counts_in_csv(exported.text):
        assert respondents.isdigit() and int(respondents) >= k, (respondents, measure)

    html = client.get(
        f"/coordinator/programmes/{w.id}/evaluation", headers={**w.coordinator, "accept": "text/html"}
    )
    assert html.status_code == 200
    rows = re.findall(
        r'<tr data-group="(\w+)"><td>[^<]*</td>\s*<td class="[^"]*">([^<]*)</td>\s*<td>([^<]*)</td>(.*?)</tr>',
        html.text,
        re.S,
    )
    assert len(rows) >= 3 * len(result["questions"])  # every result row of the end survey was found
    for group, n, first_figure, rest in rows:
        if n.strip() in (f"&lt; {k}", "–"):
            assert first_figure.strip() == "–", (group, n, first_figure)  # no mean without k people
            assert not re.search(r"\d", rest.replace(f"&lt; {k}", "")), rest  # nor any count
        else:
            assert int(n) >= k, (group, n)
