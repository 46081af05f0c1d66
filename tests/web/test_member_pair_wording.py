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


def _sessions(demo: dict[str, Any], pair_name: str) -> list[int]:
    from sqlalchemy import select

    from companion.auth import bootstrap
    from companion.db.models import MentoringSession, Pair

    async def q(session: Any) -> list[int]:
        rows = await session.scalars(
            select(MentoringSession.id)
            .join(Pair, Pair.id == MentoringSession.pair_id)
            .where(Pair.name == pair_name)
            .order_by(MentoringSession.number)
        )
        return list(rows.all())

    return list(bootstrap.run(demo["url"], q, migrate=False))


def test_a_library_card_without_citations_names_the_members_own_pair(demo: dict[str, Any]) -> None:
    card = "/library/cards/topic-ai-automation"  # no agenda of the demo cites it yet
    mia = demo["browser"]("Mia Schulte").get(card).text
    assert "Keine aktuelle Agenda deiner Gruppe stützt sich bisher auf diese Karte." in mia
    assert "Tandems" not in mia.split('id="citations"')[1]
    jonas = demo["browser"]("Jonas Demir").get(card).text
    assert "Keine aktuelle Agenda deines Tandems stützt sich bisher auf diese Karte." in jonas
    assert "deiner Gruppe" not in jonas
    thomas = demo["browser"]("Thomas Keller").get(card).text  # in no pair yet
    assert "Keine aktuelle Agenda deiner Sessions stützt sich bisher auf diese Karte." in thomas
    assert "deines Tandems" not in thomas and "deiner Gruppe" not in thomas


def test_the_reflection_says_who_reads_it_by_the_pairs_format(demo: dict[str, Any]) -> None:
    group, tandem = _sessions(demo, "Runde Produktion & Personal"), _sessions(demo, "Tandem Geschäftsführung")
    ben = demo["browser"]("Ben Wagner")  # has not reflected on the group's first session yet
    ben.post_form(f"/me/sessions/{group[0]}/held", {})
    for url in (f"/me/sessions/{group[0]}", f"/me/sessions/{group[0]}/part/reflection"):
        page = ben.get(url).text
        assert "Die anderen in deiner Gruppe lesen die Zusammenfassung und die Sätze, die du teilst." in page
        assert "Namen von Personen außerhalb eurer Gruppe werden nie geteilt." in page
        assert "außerhalb eures Tandems" not in page, url
        assert "Dein Gegenüber liest" not in page, url
    # Mia has shared hers: the preview says who will read it
    preview = demo["browser"]("Mia Schulte").get(f"/me/sessions/{group[0]}").text
    assert "<h3>So lesen die anderen in deiner Gruppe deine Reflexion</h3>" in preview
    assert "So liest dein Gegenüber" not in preview
    jonas = demo["browser"]("Jonas Demir")
    jonas.post_form(f"/me/sessions/{tandem[1]}/held", {})
    page = jonas.get(f"/me/sessions/{tandem[1]}").text
    assert "Dein Gegenüber liest die Zusammenfassung" in page
    assert "Namen von Personen außerhalb eures Tandems werden nie geteilt." in page
    assert "deiner Gruppe" not in page and "eurer Gruppe" not in page
    assert "<h3>So liest dein Gegenüber deine Reflexion</h3>" in jonas.get(f"/me/sessions/{tandem[0]}").text
