"""Coordinator pages name one pair by its format: a group is a "Gruppe", a one-to-one pair a "Tandem";
texts about pairs in general hold for both. Demo: "Tandem Geschäftsführung" is one-to-one, "Runde
Produktion & Personal" a group of three juniors and one senior."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from companion.auth import bootstrap
from companion.db.models import Pair

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
