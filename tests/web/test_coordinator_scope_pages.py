"""Coordinator pages are scoped to the coordinator's programmes; co-coordinators are added by e-mail."""

from __future__ import annotations

from typing import Any

from companion.auth import bootstrap


def _second_coordinator(demo: dict[str, Any]) -> Any:
    """A signed-in browser of a coordinator who does not (yet) run the demo programme."""

    async def make(session: Any) -> str:
        cid = await bootstrap.ensure_coordinator(session, "Olaf Andere", "olaf@example.org")
        return await bootstrap.coordinator_link(session, cid, "http://127.0.0.1:8000", 1)

    demo["links"]["Olaf Andere"] = bootstrap.run(demo["url"], make, migrate=False)
    return demo["browser"]("Olaf Andere")


def test_other_coordinator_sees_only_own_programmes_until_added(demo: dict[str, Any]) -> None:
    olaf = _second_coordinator(demo)
    home = olaf.get("/coordinator")
    assert home.status_code == 200 and "Brandt Antriebstechnik" not in home.text
    for url in ["/coordinator/programmes/1", "/coordinator/programmes/1/insights"]:
        r = olaf.get(url)
        assert r.status_code == 403 and "Helga Brandt" not in r.text, url
    r = olaf.post_form(
        "/coordinator/programmes/1/invites", {"participant_id": str(demo["ids"]["Ben Wagner"])}
    )
    assert r.status_code == 403 and "/auth/invite/" not in r.text

    hr = demo["browser"]("Katrin Vogel (HR)")
    page = hr.get("/coordinator/programmes/1")
    assert 'id="coordinator-form"' in page.text and "hr@brandt-antriebe.example" in page.text
    assert "Ko-Koordinator:in hinzufügen" in page.text  # German programme, German page
    r = hr.post_form("/coordinator/programmes/1/coordinators", {"email": "nobody@example.org"})
    assert r.status_code == 422 and "nobody@example.org" in r.text
    r = hr.post_form(
        "/coordinator/programmes/1/coordinators", {"email": "olaf@example.org"}, follow_redirects=False
    )
    assert r.status_code == 303
    assert "olaf@example.org" in hr.get("/coordinator/programmes/1").text

    assert "Brandt Antriebstechnik" in olaf.get("/coordinator").text
    assert olaf.get("/coordinator/programmes/1").status_code == 200
    # a programme Olaf creates is his alone
    r = olaf.post_form(
        "/coordinator/programmes", {"name": "Werk Süd", "language": "en"}, follow_redirects=False
    )
    assert r.status_code == 303
    new_page = r.headers["location"]
    assert olaf.get(new_page).status_code == 200 and "Werk Süd" in olaf.get("/coordinator").text
    assert hr.get(new_page).status_code == 403 and "Werk Süd" not in hr.get("/coordinator").text
