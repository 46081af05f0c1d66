"""The aggregation rules of a closed survey round, on stored-response shapes (no database):
k respondents per group, sides together or not at all, ticked themes only, pre/post change, and a
raised k hiding more, never less. A property check runs over random rounds."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from companion.evaluation.aggregate import Answer, enforce_k, summarise_round


def _post(i: int, role: str, satisfaction: int, **more: Any) -> Answer:
    return Answer(i, role, {"satisfaction": satisfaction, **more}, {})


def _groups(result: dict[str, Any], qid: str) -> dict[str, dict[str, Any]]:
    question = next(q for q in result["questions"] if q["id"] == qid)
    return {g["group"]: g for g in question["groups"]}


def test_below_k_nothing_but_the_count_shape() -> None:
    rows = [_post(1, "junior", 5), _post(2, "senior", 1)]
    result = summarise_round("post", rows, 3, {"junior": 2, "senior": 2})
    groups = _groups(result, "satisfaction")
    assert groups["all"]["n"] == {"value": None, "shown": "< 3"}
    for group in groups.values():
        assert "mean" not in group and "distribution" not in group
    # Both sides look alike when merged, so neither tells which one is the small side.
    assert groups["junior"]["n"] == groups["senior"]["n"] == {"value": None, "shown": "–"}
    assert result["respondents"]["all"] == {"value": None, "shown": "< 3"}


def test_sides_are_shown_only_when_both_reach_k() -> None:
    rows = [_post(i, "junior", 4) for i in range(4)] + [_post(10 + i, "senior", 2) for i in range(2)]
    result = summarise_round("post", rows, 3, {"junior": 4, "senior": 2})
    groups = _groups(result, "satisfaction")
    # Juniors alone reach k, but showing them next to the total would reveal the two seniors' answers.
    assert groups["all"]["n"]["value"] == 6 and groups["all"]["mean"] == pytest.approx(3.3)
    assert "mean" not in groups["junior"] and groups["junior"]["merged"]
    assert "mean" not in groups["senior"] and groups["senior"]["merged"]
    assert result["respondents"]["junior"] == result["respondents"]["senior"] == {"value": None, "shown": "–"}

    rows += [_post(20, "senior", 3)]
    groups = _groups(summarise_round("post", rows, 3, {"junior": 4, "senior": 3}), "satisfaction")
    assert groups["junior"]["mean"] == 4.0 and groups["senior"]["mean"] == pytest.approx(2.3)
    assert groups["senior"]["distribution"] == {"1": 0, "2": 2, "3": 1, "4": 0, "5": 0}


def test_free_text_is_never_in_the_result_and_themes_need_k_people() -> None:
    rows = [
        Answer(i, "junior" if i % 2 else "senior", {"worked_well": f"Geheimer Satz {i} über Anna"}, {})
        for i in range(6)
    ]
    rows = [
        Answer(
            r.respondent,
            r.role,
            r.answers,
            {"worked_well": ["structure"] + (["time"] if r.respondent < 2 else [])},
        )
        for r in rows
    ]
    result = summarise_round("post", rows, 3, {"junior": 3, "senior": 3})
    text = json.dumps(result, ensure_ascii=False)
    assert "Geheimer" not in text and "Anna" not in text
    assert result["themes"] == [{"question": "worked_well", "theme": "structure", "count": 6}]
    assert "time" not in text  # two people ticked it: not even its existence is reported


def test_pre_post_change_pairs_people_and_topics() -> None:
    pre = [
        Answer(
            i,
            "senior" if i < 3 else "junior",
            {"confidence": {"topic-ai-automation": 2, "topic-remote-work": 3}},
            {},
        )
        for i in range(6)
    ]
    post = [
        Answer(
            i,
            "senior" if i < 3 else "junior",
            {"confidence": {"topic-ai-automation": 4 if i != 5 else 1}},
            {},
        )
        for i in range(6)
    ] + [
        Answer(90 + i, "junior", {"confidence": {"topic-ai-automation": 5}}, {}) for i in range(3)
    ]  # unpaired
    result = summarise_round("post", post, 3, {"junior": 6, "senior": 3}, pre=pre)
    change = {g["group"]: g for g in result["change"]}
    assert change["all"]["n"]["value"] == 6
    assert change["all"]["pre_mean"] == 2.0  # only the topic rated both times counts
    assert change["all"]["post_mean"] == pytest.approx(3.5)
    assert (change["all"]["improved"], change["all"]["same"], change["all"]["lower"]) == (5, 0, 1)
    assert change["senior"]["post_mean"] == 4.0 and change["junior"]["n"]["value"] == 3


def test_change_that_leaves_out_fewer_than_k_people_is_suppressed() -> None:
    """A start mean over 6 people next to a paired mean over 5 would reveal the sixth start value."""
    pre = [Answer(i, "junior", {"confidence": {"topic-ai-automation": 1 + i % 5}}, {}) for i in range(6)]
    post = [Answer(i, "junior", {"confidence": {"topic-ai-automation": 4}}, {}) for i in range(5)]
    pre_result = summarise_round("pre", pre, 3, {"junior": 6, "senior": 0})
    result = summarise_round("post", post, 3, {"junior": 6, "senior": 0}, pre=pre, pre_published=pre_result)
    assert result["change"][0]["n"] == {"value": None, "shown": "< 3"}
    assert "pre_mean" not in result["change"][0]
    # Three more start respondents (four left out in all, at least k): the comparison may be shown.
    pre += [Answer(10 + i, "junior", {"confidence": {"topic-ai-automation": 2}}, {}) for i in range(3)]
    pre_result = summarise_round("pre", pre, 3, {"junior": 9, "senior": 0})
    result = summarise_round("post", post, 3, {"junior": 9, "senior": 0}, pre=pre, pre_published=pre_result)
    assert result["change"][0]["n"]["value"] == 5 and result["change"][0]["post_mean"] == 4.0


def test_topic_means_between_two_points_count_at_the_nearest() -> None:
    rows = [Answer(i, "junior", {"confidence": {"topic-a": 2, "topic-b": 3}}, {}) for i in range(3)]
    result = summarise_round("pre", rows, 3, {"junior": 3, "senior": 0})
    group = result["questions"][0]["groups"][0]
    assert group["mean"] == 2.5 and group["distribution"]["3"] == 3


def test_raising_k_hides_more_and_merges_sides_again() -> None:
    rows = [_post(i, "junior", 4) for i in range(5)] + [_post(10 + i, "senior", 2) for i in range(3)]
    stored = summarise_round("post", rows, 3, {"junior": 5, "senior": 3})
    assert _groups(stored, "satisfaction")["senior"]["mean"] == 2.0
    shown = enforce_k(stored, 4)
    groups = _groups(shown, "satisfaction")
    assert groups["all"]["mean"] == pytest.approx(3.2)
    assert "mean" not in groups["junior"] and "mean" not in groups["senior"]  # seniors < 4: both merged
    assert enforce_k(stored, 3) == stored  # lowering k never reveals what was not stored
    assert "mean" not in _groups(enforce_k(stored, 9), "satisfaction")["all"]


def _visible_groups(result: dict[str, Any]) -> list[dict[str, Any]]:
    rows = [g for q in result["questions"] for g in q["groups"]] + list(result["change"])
    return [g for g in rows if "mean" in g or "distribution" in g or "pre_mean" in g]


@pytest.mark.parametrize("seed", range(40))
def test_no_visible_figure_below_k_and_no_side_difference(seed: int) -> None:
    rng = random.Random(seed)
    k = rng.choice([3, 4, 5])
    n = rng.randint(0, 14)
    pre, post = [], []
    for i in range(n):
        role = rng.choice(["junior", "senior"])
        topics = {"topic-ai-automation": rng.randint(1, 5)}
        if rng.random() < 0.7:
            pre.append(Answer(i, role, {"confidence": topics}, {}))
        answers: dict[str, Any] = {"confidence": {"topic-ai-automation": rng.randint(1, 5)}}
        if rng.random() < 0.8:
            answers["satisfaction"] = rng.randint(1, 5)
        if rng.random() < 0.7:
            answers["continue_wanted"] = rng.choice(["yes", "maybe", "no"])
        themes = {"change": rng.sample(["time", "structure", "topics"], rng.randint(0, 2))}
        post.append(Answer(i, role, answers, themes))
    pre_result = summarise_round("pre", pre, k, {"junior": n, "senior": n})
    stored = summarise_round("post", post, k, {"junior": n, "senior": n}, pre=pre, pre_published=pre_result)
    result = enforce_k(stored, rng.choice([3, k, 6]))
    k_now = result["k"]
    for row in stored["change"]:
        if "pre_mean" in row:  # rule 5: a change row leaves out nobody or at least k people
            group = {a.respondent for a in post if row["group"] in ("all", a.role)}
            started = {a.respondent for a in pre if row["group"] in ("all", a.role)}
            for left_out in (len(group - started), len(started - group)):
                assert left_out == 0 or left_out >= k
    for group in _visible_groups(result):
        assert group["n"]["value"] >= k_now
        if "distribution" in group:
            assert sum(group["distribution"].values()) == group["n"]["value"]
    for q in result["questions"] + [{"groups": result["change"]}]:
        sides = [g for g in q["groups"] if g["group"] != "all"]
        visible = [g for g in sides if g["n"]["value"] is not None]
        assert len(visible) in (0, 2)  # a single side next to the total would give away the other
    for theme in result["themes"]:
        assert theme["count"] >= k_now
