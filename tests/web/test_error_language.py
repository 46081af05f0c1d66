"""Rule errors speak the page's language; the API keeps English details and adds a stable code."""

from __future__ import annotations

from companion.errors import RuleViolation
from companion.programmes.services import check_format_sizes
from companion.web.i18n import error_text, lookup
from companion.web.i18n_keys import ERROR_KEYS


def test_rule_errors_in_german_and_english() -> None:
    exc = RuleViolation(
        "Participant 3 (Ben) is a senior, not a junior",
        code="wrong_role",
        params={"member": "Ben", "is_role": "senior", "want_role": "junior"},
    )
    assert error_text(exc, "de") == "Ben ist als Senior eingetragen, nicht als Junior."
    assert error_text(exc, "en") == "Ben is registered as Senior, not as Junior."
    try:
        check_format_sizes("one-to-one", 2, 1)
    except RuleViolation as sizes:
        assert error_text(sizes, "de") == ("Das Format braucht 1 Junior und 1 Senior; gewählt sind 2 und 1.")
        assert sizes.code == "format_sizes" and "needs 1 junior" in sizes.detail
    else:  # pragma: no cover - the check must refuse
        raise AssertionError("2 juniors in a one-to-one pair were accepted")


def test_a_rule_about_a_group_says_group() -> None:
    names = {"member": "Mia", "manager": "Sabine"}
    group = RuleViolation("x", code="reporting_line", params={**names, "format": "group"})
    assert (
        error_text(group, "de")
        == "Mia berichtet direkt an Sabine – in einer Gruppe darf keine direkte Berichtslinie bestehen."
    )
    assert (
        error_text(group, "en")
        == "Mia reports directly to Sabine – a group must not contain a direct reporting line."
    )
    for fmt in ("one-to-one", "project"):
        pair = RuleViolation("x", code="reporting_line", params={**names, "format": fmt})
        assert "in einem Tandem" in error_text(pair, "de"), fmt
    # a code without a group text keeps its one text for groups too
    sizes = RuleViolation(
        "x",
        code="format_sizes",
        params={"format": "group", "want_j": "3–4", "want_s": "1–2", "juniors": 2, "seniors": 1},
    )
    assert error_text(sizes, "de") == "Das Format braucht 3–4 Juniors und 1–2 Seniors; gewählt sind 2 und 1."


def test_unknown_codes_and_missing_params_fall_back_to_the_detail() -> None:
    assert error_text(RuleViolation("Plain English"), "de") == "Plain English"
    assert error_text(RuleViolation("Plain English", code="no-such-code"), "de") == "Plain English"
    assert error_text(RuleViolation("Needs names", code="reporting_line"), "de") == "Needs names"


def test_every_error_text_exists_in_both_languages() -> None:
    for code in ERROR_KEYS:
        de, en = lookup(ERROR_KEYS, code, "de"), lookup(ERROR_KEYS, code, "en")
        assert de and en and de != en, code
        assert sorted(_fields(de)) == sorted(_fields(en)), code


def _fields(template: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def test_api_problem_carries_the_code(demo: dict) -> None:
    hr = demo["browser"]("Katrin Vogel (HR)")
    body = {"junior_ids": [demo["ids"]["Lea Hoffmann"]], "senior_ids": [demo["ids"]["Thomas Keller"]]}
    r = hr.client.post(
        "/api/programmes/1/pairs", json=body, headers={"x-csrftoken": hr.csrf, "accept": "application/json"}
    )
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert problem["code"] == "reporting_line" and "reports directly to" in problem["detail"]


def test_counts_in_rule_errors_take_singular_or_plural() -> None:
    exc = RuleViolation(
        "x", code="format_sizes", params={"want_j": "2–6", "want_s": "1", "juniors": 1, "seniors": 0}
    )
    assert error_text(exc, "de") == "Das Format braucht 2–6 Juniors und 1 Senior; gewählt sind 1 und 0."
    assert error_text(exc, "en") == "This format needs 2–6 juniors and 1 senior; you chose 1 and 0."
