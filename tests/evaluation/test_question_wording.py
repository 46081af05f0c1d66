"""Members of Tandems and of groups fill in the same programme evaluation, and their answers are counted
together: the German questions name neither kind of pair."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from companion.evaluation.questions import SURVEYS, question


def _german_texts() -> Iterator[str]:
    for survey in SURVEYS.values():
        yield survey.title[0]
        yield survey.intro[0]
        for q in survey.questions:
            yield from (de for de, _ in q.label.values())
            if q.help:
                yield q.help[0]


def test_german_survey_texts_hold_for_tandems_and_groups() -> None:
    texts = list(_german_texts())
    assert len(texts) > 20
    assert [text for text in texts if "Tandem" in text or "Gruppe" in text] == []
    assert SURVEYS["pulse_mid"].intro[0] == "Halbzeit! Wie läuft es bei euch gerade?"
    satisfaction = question("post", "satisfaction")
    assert satisfaction is not None
    assert satisfaction.text("senior", "de") == "Wie zufrieden bist du mit eurem Mentoring?"
    assert satisfaction.text("senior", "en") == "How satisfied are you with your pair?"


def test_the_survey_pages_ask_without_naming_a_tandem(sqlite_eval_client: Any, build: Any) -> None:
    client, url = sqlite_eval_client
    w = build(client, url, pairs=1)
    me = {**w.as_(w.juniors[0]), "accept": "text/html"}
    start = client.get("/me/surveys/pre", headers=me).text
    assert "Wähle bis zu drei Themen, um die es bei euch geht, und schätze dich ein" in start
    mid = client.get("/me/surveys/pulse_mid", headers=me).text
    assert "Halbzeit! Wie läuft es bei euch gerade?" in mid
    assert "Tandem" not in start + mid
