"""Coordinator pages to edit and delete participants and pairs, and to remove coordinators: the
services' rules show as form errors (4xx, nothing changed), deleting needs a ticked confirmation, and
ids of another programme are refused with 404."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from companion.auth import bootstrap
from companion.auth.models import AuthToken
from companion.db.models import MentoringSession, Pair, PairMember, Participant

P = "/coordinator/programmes/1"


def _q(demo: dict[str, Any], fn: Any) -> Any:
    return bootstrap.run(demo["url"], fn, migrate=False)


def _person(demo: dict[str, Any], pid: int) -> Participant | None:
    async def q(session: Any) -> Participant | None:
        return await session.get(Participant, pid)

    return _q(demo, q)


def _pair_id(demo: dict[str, Any], name: str) -> int:
    async def q(session: Any) -> int:
        return int(await session.scalar(select(Pair.id).where(Pair.name == name)))

    return _q(demo, q)


def _count(demo: dict[str, Any], model: Any, *where: Any) -> int:
    async def q(session: Any) -> int:
        return int(await session.scalar(select(func.count()).select_from(model).where(*where)))

    return _q(demo, q)


def _olaf(demo: dict[str, Any]) -> Any:
    async def make(session: Any) -> str:
        cid = await bootstrap.ensure_coordinator(session, "Olaf Andere", "olaf@example.org")
        return await bootstrap.coordinator_link(session, cid, "http://127.0.0.1:8000", 1)

    demo["links"]["Olaf Andere"] = _q(demo, make)
    return demo["browser"]("Olaf Andere")


def test_edit_participant(demo: dict[str, Any]) -> None:
    hr, ben, keller = (
        demo["browser"]("Katrin Vogel (HR)"),
        demo["ids"]["Ben Wagner"],
        demo["ids"]["Thomas Keller"],
    )
    assert f'href="{P}/participants/{ben}"' in hr.get(P).text
    page = hr.get(f"{P}/participants/{ben}")
    assert (
        page.status_code == 200
        and "Person bearbeiten" in page.text
        and 'id="participant-edit-form"' in page.text
    )
    assert (
        "Reflexionen bleiben" in page.text and "Mitgliedschaften in Tandems und Gruppen" in page.text
    )  # what goes with it
    form = {
        "display_name": "Ben Wagner-Lutz",
        "email": "ben@brandt.example",
        "department": "Software",
        "manager_id": str(keller),
        "expertise": "Developer Experience, CI",
        "interests": "",
    }
    r = hr.post_form(f"{P}/participants/{ben}", form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"{P}#participants"
    person = _person(demo, ben)
    assert (
        person is not None
        and person.display_name == "Ben Wagner-Lutz"
        and person.email == "ben@brandt.example"
    )
    assert person.manager_id == keller and person.expertise == ["Developer Experience", "CI"]
    assert person.interests == [] and person.department == "Software" and person.role == "junior"
    assert "Ben Wagner-Lutz" in hr.get(P).text
    # clearing optional fields
    r = hr.post_form(f"{P}/participants/{ben}", {"email": "", "manager_id": ""}, follow_redirects=False)
    assert r.status_code == 303
    person = _person(demo, ben)
    assert person is not None and person.email is None and person.manager_id is None


def test_participant_form_errors_change_nothing(demo: dict[str, Any]) -> None:
    hr, jonas, helga = (
        demo["browser"]("Katrin Vogel (HR)"),
        demo["ids"]["Jonas Demir"],
        demo["ids"]["Dr. Helga Brandt"],
    )
    before = _person(demo, jonas)
    assert before is not None
    for form in ({"email": "not-an-address"}, {"display_name": "  "}, {"display_name": "x" * 121}):
        r = hr.post_form(f"{P}/participants/{jonas}", {"department": "Changed", **form})
        assert r.status_code == 400 and 'id="error-summary"' in r.text and 'aria-invalid="true"' in r.text, (
            form
        )
    # Jonas and Helga form a pair: she cannot become his manager (the reporting-line rule)
    r = hr.post_form(f"{P}/participants/{jonas}", {"department": "Changed", "manager_id": str(helga)})
    assert r.status_code == 422 and 'id="edit-errors"' in r.text and "Berichtslinie" in r.text
    # a manager from another programme (or a made-up id) is refused too
    r = hr.post_form(f"{P}/participants/{jonas}", {"manager_id": "999999"})
    assert r.status_code == 422 and "Die Führungskraft muss zu diesem Programm gehören" in r.text
    after = _person(demo, jonas)
    assert after is not None and after.department == before.department and after.manager_id is None
    assert after.email == before.email and after.display_name == before.display_name


def test_delete_participant_needs_confirmation(demo: dict[str, Any]) -> None:
    ben_browser = demo["browser"]("Ben Wagner")
    hr, ben = demo["browser"]("Katrin Vogel (HR)"), demo["ids"]["Ben Wagner"]
    group = _pair_id(demo, "Runde Produktion & Personal")
    r = hr.post_form(f"{P}/participants/{ben}/delete", {})
    assert r.status_code == 400 and "Häkchen" in r.text and 'id="delete-errors"' in r.text
    assert _person(demo, ben) is not None
    r = hr.post_form(f"{P}/participants/{ben}/delete", {"confirm": "yes"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"{P}#participants"
    assert _person(demo, ben) is None
    # as the page says: the pair stays with one member fewer, sign-ins end
    assert _count(demo, PairMember, PairMember.pair_id == group) == 3
    assert _count(demo, AuthToken, AuthToken.participant_id == ben) == 0
    signed_out = ben_browser.get("/me", follow_redirects=False)
    assert signed_out.status_code == 302 and signed_out.headers["location"].startswith("/signin")
    assert hr.get(f"{P}/participants/{ben}").status_code == 404


def test_edit_and_dissolve_pair(demo: dict[str, Any]) -> None:
    hr, pair = demo["browser"]("Katrin Vogel (HR)"), _pair_id(demo, "Tandem Geschäftsführung")
    assert f'href="{P}/pairs/{pair}"' in hr.get(P).text
    page = hr.get(f"{P}/pairs/{pair}")
    assert page.status_code == 200 and "Tandem bearbeiten" in page.text and "Jonas Demir" in page.text
    assert "Reflexionen und Zusammenfassungen" in page.text  # what goes with it
    r = hr.post_form(
        f"{P}/pairs/{pair}", {"name": "Tandem GF", "goals": "KI verstehen\n\nMut"}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"] == f"{P}#pairs"

    async def read(session: Any) -> tuple[str, list[str]]:
        row = await session.get(Pair, pair)
        return row.name, list(row.goals)

    assert _q(demo, read) == ("Tandem GF", ["KI verstehen", "Mut"])
    for form in ({"goals": "\n".join(f"Ziel {i}" for i in range(11))}, {"name": "x" * 121}):
        r = hr.post_form(f"{P}/pairs/{pair}", form)
        assert r.status_code == 400 and 'id="error-summary"' in r.text and 'aria-invalid="true"' in r.text, (
            form
        )
    assert _q(demo, read) == ("Tandem GF", ["KI verstehen", "Mut"])

    sessions = _count(demo, MentoringSession, MentoringSession.pair_id == pair)
    assert sessions > 0
    r = hr.post_form(f"{P}/pairs/{pair}/delete", {"confirm": "no"})
    assert r.status_code == 400 and _count(demo, Pair, Pair.id == pair) == 1
    r = hr.post_form(f"{P}/pairs/{pair}/delete", {"confirm": "yes"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"{P}#pairs"
    assert _count(demo, Pair, Pair.id == pair) == 0
    assert _count(demo, MentoringSession, MentoringSession.pair_id == pair) == 0
    assert _person(demo, demo["ids"]["Jonas Demir"]) is not None  # the members stay


def test_ids_of_another_programme_are_refused(demo: dict[str, Any]) -> None:
    hr, ben = demo["browser"]("Katrin Vogel (HR)"), demo["ids"]["Ben Wagner"]
    pair = _pair_id(demo, "Tandem Geschäftsführung")
    r = hr.post_form(
        "/coordinator/programmes", {"name": "Werk Süd", "language": "en"}, follow_redirects=False
    )
    other = r.headers["location"]
    r = hr.post_form(
        f"{other}/participants", {"display_name": "Olga Süd", "role": "junior"}, follow_redirects=False
    )
    assert r.status_code == 303

    async def olga(session: Any) -> int:
        return int(await session.scalar(select(Participant.id).where(Participant.display_name == "Olga Süd")))

    olga_id = _q(demo, olga)
    english = hr.get(f"{other}/participants/{olga_id}")  # an English programme: English page
    assert english.status_code == 200 and "Edit person" in english.text and "reflections stay" in english.text
    for method, url, data in [
        ("GET", f"{P}/participants/{olga_id}", None),
        ("POST", f"{P}/participants/{olga_id}", {"display_name": "Taken"}),
        ("POST", f"{P}/participants/{olga_id}/delete", {"confirm": "yes"}),
        ("GET", f"{other}/participants/{ben}", None),
        ("POST", f"{other}/participants/{ben}", {"display_name": "Taken"}),
        ("POST", f"{other}/participants/{ben}/delete", {"confirm": "yes"}),
        ("GET", f"{other}/pairs/{pair}", None),
        ("POST", f"{other}/pairs/{pair}", {"name": "Taken"}),
        ("POST", f"{other}/pairs/{pair}/delete", {"confirm": "yes"}),
        ("GET", f"{P}/participants/999999", None),
    ]:
        r = hr.get(url) if method == "GET" else hr.post_form(url, data or {})
        assert r.status_code == 404, (method, url, r.status_code)
    assert _person(demo, olga_id).display_name == "Olga Süd"  # type: ignore[union-attr]
    assert _person(demo, ben).display_name == "Ben Wagner"  # type: ignore[union-attr]
    assert _count(demo, Pair, Pair.id == pair) == 1
    # a coordinator of neither programme is refused before any lookup
    olaf = _olaf(demo)
    assert olaf.get(f"{P}/participants/{ben}").status_code == 403
    assert olaf.post_form(f"{P}/participants/{ben}/delete", {"confirm": "yes"}).status_code == 403
    assert olaf.post_form(f"{P}/pairs/{pair}/delete", {"confirm": "yes"}).status_code == 403
    assert _person(demo, ben) is not None


def test_remove_coordinator_on_the_page(demo: dict[str, Any]) -> None:
    hr = demo["browser"]("Katrin Vogel (HR)")
    page = hr.get(P).text
    assert "remove-coordinator" in page and "(du)" in page
    katrin = int(page.split('data-coordinator="')[1].split('"')[0])
    r = hr.post_form(f"{P}/coordinators/{katrin}/remove", {})
    assert r.status_code == 409 and "letzte Koordinator:in" in r.text and 'role="alert"' in r.text
    olaf = _olaf(demo)
    hr.post_form(f"{P}/coordinators", {"email": "olaf@example.org"})
    olaf_id = int(hr.get(P).text.split('data-coordinator="')[2].split('"')[0])
    assert olaf.get(P).status_code == 200
    r = hr.post_form(f"{P}/coordinators/{olaf_id}/remove", {}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"{P}#coordinators"
    assert olaf.get(P).status_code == 403
    r = hr.post_form(f"{P}/coordinators/{olaf_id}/remove", {})  # no longer linked
    assert r.status_code == 404 and "koordiniert dieses Programm nicht" in r.text
    # with Olaf back, Katrin may leave; she then no longer reaches the programme
    hr.post_form(f"{P}/coordinators", {"email": "olaf@example.org"})
    r = hr.post_form(f"{P}/coordinators/{katrin}/remove", {}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/coordinator"
    assert hr.get(P).status_code == 403 and olaf.get(P).status_code == 200
