"""Redaction, the k-threshold and suppression rules on their own."""

from __future__ import annotations

from companion.insights import anonymise as an


def test_names_emails_phones_and_handles_are_redacted() -> None:
    text = (
        "Dr. Helga Brandt und helga haben mit Jonas Demir gesprochen; Mail an jonas.demir@firma.example, "
        "Tel. +49 170 1234567, @jonasd. Brandt war begeistert."
    )
    out = an.redact(text, ["Dr. Helga Brandt", "Jonas Demir"])
    for leaked in ("Helga", "helga", "Brandt", "Jonas", "Demir", "firma.example", "1234567", "jonasd"):
        assert leaked not in out, leaked
    assert out.count(an.NAME_TOKEN) >= 5 and "[E-Mail]" in out and "[Telefon]" in out
    assert "gesprochen" in out  # the rest of the text stays


def test_titles_and_short_parts_are_not_treated_as_names() -> None:
    variants = an.name_variants(["Dr. Li Wu-Berg"])
    assert "Dr." not in variants and "Li" not in variants and "Wu-Berg" in variants
    assert an.redact("Der Drucker ist kaputt", ["Dr. Li Wu-Berg"]) == "Der Drucker ist kaputt"


def test_k_is_never_below_three() -> None:
    assert [an.effective_k(k) for k in (0, 1, 2, 3, 5, 9)] == [3, 3, 3, 3, 5, 9]


def test_small_counts_are_suppressed_not_zeroed() -> None:
    assert an.figure(7, 5, 5).shown == "7"
    for pairs in (0, 1, 4):
        cell = an.figure(pairs * 3, pairs, 5)
        assert cell.value is None and cell.shown == "< 5"


def test_groups_below_k_disappear_entirely() -> None:
    kept = an.shared_by_k({"a": {1, 2, 3}, "b": {1, 2}, "c": {4, 5, 6, 7}}, 3)
    assert kept == [("c", 4), ("a", 3)]


def test_only_short_phrases_are_compared() -> None:
    assert an.normalise_phrase("KI im Vertrieb!") == "ki im vertrieb"
    assert an.normalise_phrase("Ich habe gelernt, dass meine Chefin viel über Social Media weiß.") is None
