"""The authorisation matrix: every route × every role (anonymous, member of the pair, member of another
pair, coordinator of the programme, coordinator of another programme) gets the status its access rule
promises. Routes are read from the app itself, so a new endpoint without a rule fails here."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from litestar.routes import HTTPRoute

from companion.auth.policy import rule_for

ROLES = ("anonymous", "member", "other", "coordinator", "stranger")
# access rule -> roles that get through (everyone else: 401 when anonymous, else 403). The stranger
# coordinates another programme: lists and creation are open to them, this programme's objects are not.
ALLOWED = {
    "public": set(ROLES),
    "signed_in": {"member", "other", "coordinator", "stranger"},
    "coordinator": {"coordinator", "stranger"},
    "manage": {"coordinator"},
    "participant": {"member", "other"},
    "pair": {"member"},
    "pair_or_coordinator": {"member", "coordinator"},
    "programme": {"member", "other", "coordinator"},
    "person": {"member", "coordinator"},
}
SKIP = re.compile(r"^/(schema|static)")


def _routes(app: Any) -> list[tuple[str, str]]:
    out = []
    for route in app.routes:
        if not isinstance(route, HTTPRoute) or SKIP.match(route.path_format):
            continue
        for method in sorted(route.methods - {"OPTIONS", "HEAD"}):
            out.append((method, route.path_format))
    return out


def _fill(template: str, ids: dict[str, int]) -> str:
    values = {
        "programme_id": ids["programme"],
        "participant_id": ids["a_junior"],
        "pair_id": ids["pair_a"],
        "coordinator_id": ids["coordinator"],
        "session_id": ids["session"],
        "reflection_id": ids["reflection"],
        "card_id": "topic-ai-automation",
        "token": "not-a-real-invite-token",
        "part": "agenda",
        "kind": "pre",
        "suggestion_id": 1,  # none exists in this world: allowed callers get 404, never 401/403/500
        "token_id": 999_999,  # nobody's: ending it is 404 for everyone signed in
    }
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), template)


def _delete_order(template: str) -> int:
    for rank, part in enumerate(
        ("/auth/tokens", "/sessions", "/reflections", "/pairs", "/participants", "/programmes")
    ):
        if part in template:
            return rank
    return 9


def test_every_route_has_an_access_rule(auth_app: Any) -> None:
    missing = [(m, t) for m, t in _routes(auth_app) if rule_for(m, t) is None]
    assert missing == []


def test_authorisation_matrix(world: Any) -> None:
    app_routes = _routes(world.client.app)
    cases = [(m, t, role) for m, t in app_routes for role in ROLES]
    expected = {(m, t, role): role in ALLOWED[rule_for(m, t).access] for m, t, role in cases}  # type: ignore[union-attr]

    # deletions last (forbidden ones first), innermost objects before the ones that contain them; a
    # page form that deletes (POST …/delete) is a deletion too
    def deletes(c: tuple[str, str, str]) -> bool:
        return c[0] == "DELETE" or c[1].endswith("/delete")

    cases.sort(key=lambda c: (deletes(c), expected[c], _delete_order(c[1]) if deletes(c) else 0))
    rows, wrong = [], []
    world.client.get("/signin")  # a CSRF cookie, so that CSRF (tested elsewhere) never hides a guard decision
    csrf = {"x-csrftoken": world.client.cookies.get("csrftoken")}
    for method, template, role in cases:
        headers = world.as_(role) | csrf
        r = world.client.request(method, _fill(template, world.ids), headers=headers, json={})
        ok = expected[(method, template, role)]
        if ok:
            good = r.status_code not in (401, 403) and r.status_code < 500
        else:
            good = r.status_code == (401 if role == "anonymous" else 403)
        rows.append(f"| {method} | `{template}` | {role} | {'allow' if ok else 'deny'} | {r.status_code} |")
        if not good:
            wrong.append((method, template, role, r.status_code, r.text[:200]))
    Path("test-artifacts").mkdir(exist_ok=True)
    Path("test-artifacts/authorisation-matrix.md").write_text(
        "| method | route | role | expected | status |\n|---|---|---|---|---|\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    assert wrong == [], wrong
    assert len(cases) >= 5 * 30  # every endpoint of the API is in the matrix, five roles each


def test_coordinator_is_refused_all_pair_content(world: Any) -> None:
    co = world.as_("coordinator")
    s = world.ids["session"]
    for url in [
        f"/api/pairs/{world.ids['pair_a']}/sessions",
        f"/api/sessions/{s}",
        f"/api/sessions/{s}/reflections",
        f"/api/reflections/{world.ids['reflection']}",
        f"/api/sessions/{s}/agenda",
        f"/api/sessions/{s}/preparation",
        f"/api/sessions/{s}/summary",
    ]:
        r = world.client.get(url, headers=co)
        assert r.status_code == 403, url
        assert "Anton hat viel gelernt" not in r.text
        assert r.headers["content-type"].startswith("application/problem+json")


def test_participant_writes_only_own_reflection(world: Any) -> None:
    s = world.ids["session"]
    body = {"author_role": "senior", "author_id": world.ids["a_senior"], "answers": {"q": "nicht meins"}}
    r = world.client.post(f"/api/sessions/{s}/reflections", json=body, headers=world.as_("member"))
    assert r.status_code == 403
    r = world.client.post(
        f"/api/sessions/{s}/reflections",
        json={"author_role": "junior", "answers": {"q": "meins"}},
        headers=world.as_("member"),
    )
    assert r.status_code == 409  # one reflection per member and session: edit it instead
    r = world.client.patch(
        f"/api/reflections/{world.ids['reflection']}",
        json={"answers": {"q": "meins"}},
        headers=world.as_("member"),
    )
    assert r.status_code == 200 and r.json()["author_id"] == world.ids["a_junior"]
