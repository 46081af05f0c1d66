"""A participant sees every sign-in link made for them (and by whom) and every open sign-in, and can
end all other sign-ins — the answer to "a coordinator could open my link and act as me"."""

from __future__ import annotations

import re
from typing import Any

LINK = re.compile(r"(http://[^\s\"<]+/auth/invite/[^\s\"<]+)")


def _invite(hr: Any, participant_id: int) -> str:
    r = hr.post_form("/coordinator/programmes/1/invites", {"participant_id": str(participant_id)})
    assert r.status_code == 200  # the link page after the 303
    match = LINK.search(r.text)
    assert match is not None
    return match.group(1)


def _redeem(browser: Any, link: str) -> int:
    """Try to sign ``browser`` in with ``link``; returns the status of the consuming POST."""
    browser.client.cookies.clear()
    path = "/" + link.split("/", 3)[3]
    page = browser.client.get(path)
    token = re.search(r'name="_csrf_token" value="([^"]+)"', page.text)
    data = {"_csrf_token": token.group(1)} if token else {}
    return int(browser.client.post(path, data=data, follow_redirects=False).status_code)


def test_links_and_sign_ins_are_visible_and_can_be_ended(demo: dict[str, Any]) -> None:
    hr = demo["browser"]("Katrin Vogel (HR)")
    jonas = demo["browser"]("Jonas Demir")
    jonas_id = demo["ids"]["Jonas Demir"]

    link = _invite(hr, jonas_id)
    page = jonas.get("/me").text
    assert "Zugang zu deinem Konto" in page
    assert "von Katrin Vogel" in page and "noch offen" in page
    assert page.count("dieser Browser") == 1

    # Someone else opens the link: Jonas sees the link as used and a second browser sign-in.
    elsewhere = demo["browser"]("Mia Schulte")
    assert _redeem(elsewhere, link) == 303
    assert elsewhere.get("/me", follow_redirects=False).status_code == 200
    sign_ins = jonas.get("/me").text.split('class="sign-ins"')[1].split("</table>")[0]
    assert sign_ins.count("<tr>") == 2 and sign_ins.count("dieser Browser") == 1
    assert "benutzt" in jonas.get("/me").text

    unused = _invite(hr, jonas_id)
    r = jonas.post_form("/me/access/end-others", {}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/me?ended=2#access"
    assert "Beendet: 2" in jonas.get(r.headers["location"]).text

    # The other browser is signed out, Jonas is not, and the unused link no longer works.
    r = elsewhere.get("/me", follow_redirects=False)
    assert r.status_code in (302, 303, 307) and r.headers["location"] == "/signin"
    assert jonas.get("/me").status_code == 200
    assert _redeem(demo["browser"]("Ben Wagner"), unused) == 400


def test_only_participants_end_their_own_access(demo: dict[str, Any]) -> None:
    hr = demo["browser"]("Katrin Vogel (HR)")
    r = hr.post_form("/me/access/end-others", {}, follow_redirects=False)
    assert r.status_code == 403
    lea = demo["browser"]("Lea Hoffmann")
    jonas = demo["browser"]("Jonas Demir")
    assert lea.post_form("/me/access/end-others", {}).status_code == 200  # ends only Lea's others
    assert jonas.get("/me").status_code == 200
    # without the CSRF token the form is refused
    r = lea.client.post("/me/access/end-others", headers={"accept": "text/html"})
    assert r.status_code == 403


def test_a_bearer_request_marks_its_own_token_as_current(demo: dict[str, Any]) -> None:
    jonas = demo["browser"]("Jonas Demir")
    r = jonas.api_post("/api/auth/tokens", json={"label": "Skript"})
    assert r.status_code == 201
    token = r.json()["token"]
    # Same client, so the session cookie is sent too: the bearer token is what signs this request in.
    page = jonas.client.get("/me", headers={"accept": "text/html", "authorization": f"Bearer {token}"}).text
    rows = page.split('class="sign-ins"')[1].split("</table>")[0].split("<tr>")[1:]
    current = [row for row in rows if "dieser Browser" in row]
    assert len(rows) == 2 and len(current) == 1 and "API-Token (Skript)" in current[0]
