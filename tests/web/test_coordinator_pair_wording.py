"""Coordinator pages name one pair by its format: a group is a "Gruppe", a one-to-one pair a "Tandem";
texts about pairs in general hold for both. Demo: "Tandem Geschäftsführung" is one-to-one, "Runde
Produktion & Personal" a group of three juniors and one senior."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from sqlalchemy import select

from companion.auth import bootstrap
from companion.db.models import MentoringSession, Pair
from companion.notifications.i18n import Texts
from companion.notifications.pages import kind_names

P = "/coordinator/programmes/1"
GROUP = "Runde Produktion & Personal"
TANDEM = "Tandem Geschäftsführung"


def _pair_id(demo: dict[str, Any], name: str) -> int:
    async def q(session: Any) -> int:
        return int(await session.scalar(select(Pair.id).where(Pair.name == name)))

    return int(bootstrap.run(demo["url"], q, migrate=False))


def test_a_groups_edit_page_says_gruppe(demo: dict[str, Any]) -> None:
    hr = demo["browser"]("Katrin Vogel (HR)")
    group = _pair_id(demo, GROUP)
    page = hr.get(f"{P}/pairs/{group}").text
    assert "<h1>Gruppe bearbeiten: Runde Produktion &amp; Personal</h1>" in page
    assert "<h2>Gruppe auflösen</h2>" in page and 'class="danger">Gruppe auflösen</button>' in page
    assert "Löse die Gruppe dafür auf und bilde eine neue." in page
    assert "Löscht die Gruppe endgültig" in page and "neuen Tandems oder Gruppen zugeordnet" in page
    for wrong in ("Tandem bearbeiten", "Tandem auflösen", "das Tandem", "Tandems</title>"):
        assert wrong not in page, wrong
    # refused without the tick box: the page comes back with the same words
    refused = hr.post_form(f"{P}/pairs/{group}/delete", {})
    assert refused.status_code == 400 and "<h2>Gruppe auflösen</h2>" in refused.text
    assert "Tandem auflösen" not in refused.text


def test_a_one_to_one_pairs_edit_page_says_tandem(demo: dict[str, Any]) -> None:
    hr = demo["browser"]("Katrin Vogel (HR)")
    page = hr.get(f"{P}/pairs/{_pair_id(demo, TANDEM)}").text
    assert "<h1>Tandem bearbeiten: Tandem Geschäftsführung</h1>" in page
    assert "<h2>Tandem auflösen</h2>" in page and "Löse das Tandem dafür auf und bilde ein neues." in page
    # its members may join a group afterwards, so the dissolve text names both kinds
    assert "Löscht das Tandem endgültig" in page and "neuen Tandems oder Gruppen zugeordnet" in page
    for wrong in ("Gruppe bearbeiten", "Gruppe auflösen", "die Gruppe"):
        assert wrong not in page, wrong


def test_an_unnamed_groups_page_title_and_the_english_words(demo: dict[str, Any]) -> None:
    hr = demo["browser"]("Katrin Vogel (HR)")
    group = _pair_id(demo, GROUP)

    async def unname(session: Any) -> None:
        (await session.get(Pair, group)).name = None
        await session.commit()

    bootstrap.run(demo["url"], unname, migrate=False)
    page = hr.get(f"{P}/pairs/{group}").text
    assert f"<title>Gruppe #{group} – " in page and f"<h1>Gruppe bearbeiten: #{group}</h1>" in page
    hr.post_form("/coordinator/language", {"language": "en", "next": "/coordinator"})
    english = hr.get(f"{P}/pairs/{group}").text
    assert f"<h1>Edit group: #{group}</h1>" in english and "<h2>Dissolve group</h2>" in english
    assert "dissolve the group and form a new one" in english and "Edit pair" not in english
    tandem = hr.get(f"{P}/pairs/{_pair_id(demo, TANDEM)}").text
    assert "<h1>Edit pair: Tandem Geschäftsführung</h1>" in tandem and "Dissolve group" not in tandem


def test_rule_errors_about_one_pair_name_its_format(demo: dict[str, Any]) -> None:
    hr, ids = demo["browser"]("Katrin Vogel (HR)"), demo["ids"]
    lea, keller = str(ids["Lea Hoffmann"]), str(ids["Thomas Keller"])
    group = {
        "format": "group",
        "junior_ids": [lea, str(ids["Jonas Demir"]), str(ids["Ben Wagner"])],
        "senior_ids": [keller],
    }
    r = hr.post_form(f"{P}/pairs", group)
    assert r.status_code == 422 and 'id="pair-errors"' in r.text
    assert "Lea Hoffmann berichtet direkt an Thomas Keller – in einer Gruppe darf keine" in r.text
    assert "in einem Tandem" not in r.text
    r = hr.post_form(f"{P}/pairs", {"format": "one-to-one", "junior_ids": [lea], "senior_ids": [keller]})
    assert (
        r.status_code == 422 and "– in einem Tandem darf keine" in r.text and "in einer Gruppe" not in r.text
    )
    # a new manager who shares a group with the person; then one who shares a one-to-one pair
    mia, sabine = ids["Mia Schulte"], ids["Sabine Ott"]
    r = hr.post_form(f"{P}/participants/{mia}", {"manager_id": str(sabine)})
    assert r.status_code == 422 and "Mia Schulte kann nicht direkt an Sabine Ott berichten" in r.text
    assert (
        "Beide sind in derselben Gruppe, und eine Gruppe darf" in r.text and "im selben Tandem" not in r.text
    )
    r = hr.post_form(f"{P}/participants/{ids['Jonas Demir']}", {"manager_id": str(ids["Dr. Helga Brandt"])})
    assert (
        r.status_code == 422 and "Beide sind im selben Tandem" in r.text and "derselben Gruppe" not in r.text
    )
    # a person picked twice: said without a pair word, true for either format
    r = hr.post_form(f"{P}/pairs", {**group, "junior_ids": [lea, lea, str(ids["Ben Wagner"])]})
    assert r.status_code == 422 and "Eine Person ist mehrfach ausgewählt." in r.text
    assert "im Tandem" not in r.text


def test_programme_and_person_pages_speak_of_tandems_and_groups(demo: dict[str, Any]) -> None:
    hr = demo["browser"]("Katrin Vogel (HR)")
    page = hr.get(P).text
    # the new one's format is chosen in the form itself
    assert "<h3>Tandem oder Gruppe bilden</h3>" in page and ">Tandem oder Gruppe bilden</button>" in page
    assert ">Tandem bilden<" not in page
    # Thomas Keller is in no pair of the demo
    person = hr.get(f"{P}/participants/{demo['ids']['Thomas Keller']}").text
    assert "Mitglied in: keinem Tandem und keiner Gruppe" in person and "in keinem Tandem<" not in person
    assert "weil Tandems und Gruppen nach ihr gebildet werden" in person
    assert "ihre Mitgliedschaften in Tandems und Gruppen (die Tandems und Gruppen selbst bleiben" in person
    assert "Reflexionen bleiben bei den jeweiligen Sessions" in person
    for wrong in ("Tandem-Mitgliedschaften", "Sessions des Tandems", "die Tandems bestimmt"):
        assert wrong not in person, wrong


def test_matching_in_a_group_programme_forms_groups(demo: dict[str, Any]) -> None:
    hr = demo["browser"]("Katrin Vogel (HR)")
    r = hr.post_form(
        "/coordinator/programmes",
        {"name": "Werk Nord", "language": "de", "format": "group", "k_threshold": "3"},
        follow_redirects=False,
    )
    base = r.headers["location"]
    for name, role, dept in (
        ("Ada Kurz", "junior", "IT"),
        ("Ole Fink", "junior", "Vertrieb"),
        ("Ida Berg", "junior", "Personal"),
        ("Rita Stahl", "senior", "Produktion"),
    ):
        form = {"display_name": name, "role": role, "department": dept}
        assert hr.post_form(f"{base}/participants", form, follow_redirects=False).status_code == 303
    matching = hr.get(f"{base}/matching").text
    assert "Rhythmus der Sessions je Tandem oder Gruppe" in matching
    assert "Gruppenrunden des ganzen Programms" in matching and "Sessions je Tandem oder Gruppe:" in matching
    for wrong in ("Tandem-Treffen", "Gruppenrunden aller Tandems", "Sessions pro Tandem"):
        assert wrong not in matching, wrong
    assert hr.post_form(f"{base}/matching/run", {"max_per_senior": "1"}).status_code == 200
    r = hr.post_form(f"{base}/matching/accept-all", {}, follow_redirects=False)
    assert r.status_code == 303
    shown = hr.get(r.headers["location"]).text
    assert "Gruppe gebildet" in shown and "Tandem gebildet" not in shown


def test_the_mail_kind_of_a_nudge_holds_for_groups_too() -> None:
    """The coordinator's list of mails that did not go out names a nudge without a pair word."""
    assert kind_names(Texts("de", UTC))["nudge"] == "Hinweis nach längerer Pause"
    assert kind_names(Texts("en", UTC))["nudge"] == "Note to a stalled pair"


def test_figures_about_all_pairs_hold_for_groups_too(demo: dict[str, Any]) -> None:
    """Totals and k-anonymity notes count Tandems and groups alike; the rule itself reads as before."""
    hr = demo["browser"]("Katrin Vogel (HR)")
    assert "<h2>Tandems und Gruppen</h2>" in hr.get(P).text
    insights = hr.get(f"{P}/insights").text
    assert "Tandems und Gruppen gesamt:" in insights and "Aktive Tandems und Gruppen:" in insights
    assert "Ins Stocken geratene Tandems und Gruppen:" in insights
    assert "Welche das sind und warum, zeigt companion nicht." in insights
    assert '<h2 id="themes-title">Von Tandems und Gruppen angekreuzte Themen</h2>' in insights
    assert "wenn sie aus mindestens k verschiedenen Tandems oder Gruppen stammen" in insights
    assert (
        "weniger als 3 Tandems oder Gruppen" in insights
        and "kein Tandem und keine Gruppe erkennbar" in insights
    )
    assert "<th>Tandems/Gruppen</th>" in insights  # short in a table head
    assert "Noch kein Thema wird von genug Tandems und Gruppen geteilt." in insights  # the demo has too few
    for wrong in (
        "Tandems gesamt",
        "Aktive Tandems:",
        "Welche Tandems",
        "<th>Tandems</th>",
        "damit kein Tandem erkennbar",
    ):
        assert wrong not in insights, wrong
    health = hr.get(f"{P}/health").text
    assert "<h2>Tandems und Gruppen</h2>" in health and "Tandems und Gruppen: <strong" in health
    assert "Zahlen zu Tandems, Gruppen, Sessions und Beteiligung" in health
    assert (
        "wenn mindestens k Tandems oder Gruppen dahinterstehen" in health and "<h2>Tandems</h2>" not in health
    )
    card = hr.get("/library/cards/topic-ai-automation").text
    assert "wenn sie aus mindestens k Tandems oder Gruppen stammt" in card


def test_a_group_members_theme_question_counts_tandems_and_groups(demo: dict[str, Any]) -> None:
    # Ben has not reflected on the group's first session yet (Mia has: her page shows the preview)
    ben, pair = demo["browser"]("Ben Wagner"), _pair_id(demo, GROUP)

    async def first(session: Any) -> int:
        return int(
            await session.scalar(
                select(MentoringSession.id)
                .where(MentoringSession.pair_id == pair)
                .order_by(MentoringSession.number)
            )
        )

    sid = bootstrap.run(demo["url"], first, migrate=False)
    ben.post_form(f"/me/sessions/{sid}/held", {})
    page = ben.get(f"/me/sessions/{sid}").text
    assert "(zählen anonym für die Programmauswertung, ab k Tandems oder Gruppen)" in page
    assert "ab k Tandems)" not in page


def test_a_person_page_names_unnamed_pairs_by_their_format(demo: dict[str, Any]) -> None:
    """'Mitglied in:' lists a pair without a name as 'Gruppe #id' / 'Tandem #id', like its edit page."""
    hr = demo["browser"]("Katrin Vogel (HR)")
    group, tandem = _pair_id(demo, GROUP), _pair_id(demo, TANDEM)

    async def unname(session: Any) -> None:
        for pair in (group, tandem):
            (await session.get(Pair, pair)).name = None
        await session.commit()

    bootstrap.run(demo["url"], unname, migrate=False)
    ids = demo["ids"]
    mia = hr.get(f"{P}/participants/{ids['Mia Schulte']}").text
    assert f'/pairs/{group}">Gruppe #{group}</a>' in mia and "Tandem #" not in mia
    jonas = hr.get(f"{P}/participants/{ids['Jonas Demir']}").text
    assert f'/pairs/{tandem}">Tandem #{tandem}</a>' in jonas and "Gruppe #" not in jonas
    hr.post_form("/coordinator/language", {"language": "en", "next": "/coordinator"})
    english = hr.get(f"{P}/participants/{ids['Mia Schulte']}").text
    assert f'/pairs/{group}">Group #{group}</a>' in english
