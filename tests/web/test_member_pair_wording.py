"""Pages members read name their own pair by its format where it is known – a group is a "Gruppe",
a one-to-one pair a "Tandem" – and hold for both where it is not (no pair yet, or a pair still to
be formed). Demo: Jonas Demir is in the one-to-one "Tandem Geschäftsführung", Mia Schulte and Ben
Wagner in the group "Runde Produktion & Personal", Thomas Keller in no pair."""

from __future__ import annotations

from typing import Any


def test_the_home_of_a_member_without_a_pair_names_neither_kind(demo: dict[str, Any]) -> None:
    thomas = demo["browser"]("Thomas Keller").get("/me").text
    assert "<h1>Mein Mentoring</h1>" in thomas and "<title>Mein Mentoring – " in thomas
    assert "Du bist noch keinem Tandem und keiner Gruppe zugeordnet." in thomas
    assert "Mein Tandem" not in thomas and "keinem Tandem zugeordnet" not in thomas
    # where the format is known, the heading names it
    assert "<h1>Mein Tandem</h1>" in demo["browser"]("Jonas Demir").get("/me").text
    mia = demo["browser"]("Mia Schulte").get("/me").text
    assert "<h1>Meine Gruppe</h1>" in mia and "<title>Meine Gruppe – " in mia


def test_texts_about_a_pair_still_to_meet_or_to_be_formed_hold_for_groups(demo: dict[str, Any]) -> None:
    for name in ("Mia Schulte", "Jonas Demir"):
        member = demo["browser"](name)
        wishes = member.get("/me/preferences").text
        assert "ein passendes Tandem oder eine passende Gruppe vorzuschlagen" in wishes, name
        assert "ein passendes Tandem vorzuschlagen" not in wishes, name
        mails = member.get("/me/notifications").text
        assert "Ein freundlicher Hinweis, wenn ihr euch länger nicht getroffen habt" in mails, name
        assert "im Tandem" not in mails, name


def test_the_kind_of_a_members_pairs_is_known_only_when_they_are_all_alike() -> None:
    from companion.db.models import Pair
    from companion.programmes.services import in_groups

    group, tandem, project = Pair(format="group"), Pair(format="one-to-one"), Pair(format="project")
    assert in_groups([group, group]) is True and in_groups([tandem, project]) is False
    assert in_groups([]) is None and in_groups([group, tandem]) is None  # none yet, or both kinds
