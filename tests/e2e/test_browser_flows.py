"""Browser flows in real Chromium: invite -> sign in -> agenda (streamed) -> reflection -> summary, and
the coordinator seeing a theme only once k pairs share it. Screenshots go to test-artifacts/."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select

from companion.auth import bootstrap
from companion.auth.models import Invite
from companion.db.models import (
    GeneratedOutput,
    InsightSnapshot,
    MentoringSession,
    Pair,
    PairMember,
    Participant,
    Programme,
    Reflection,
)

from .conftest import ARTIFACTS

TIMEOUT = 90_000


def db_run(url: str, work: Any, **kw: Any) -> Any:
    """Playwright's sync API owns this thread's event loop, so database work runs in a worker thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(bootstrap.run, url, work, **kw).result()


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def watched(page: Any, problems: list[str]) -> Any:
    """``page`` with its console errors (CSP violations among them) and script errors collected; a 4xx
    answer the flow provokes on purpose (a form error, the missing favicon) is not a problem."""

    def console(msg: Any) -> None:
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            problems.append(msg.text)

    page.on("console", console)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    return page


def test_invite_agenda_reflection_summary_and_k_anonymous_theme(server: dict[str, Any], browser: Any) -> None:
    url, base = server["url"], server["base"]

    async def coordinator(session: Any) -> str:
        cid = await bootstrap.ensure_coordinator(session, "Carla Coordinator", "carla@example.org", "en")
        return await bootstrap.coordinator_link(session, cid, base, 1)

    link = db_run(url, coordinator)
    problems: list[str] = []  # console errors of every page: a CSP violation would show up here
    hr = watched(browser.new_context().new_page(), problems)
    hr.set_default_timeout(TIMEOUT)

    # --- coordinator: sign in, set up a programme, people and a pair, create an invite ---------------
    hr.goto(link)
    shot(hr, "01-invite-sign-in")
    hr.click("#signin")
    hr.wait_for_url(f"{base}/coordinator")
    form = hr.locator("#new-programme-form")
    form.locator("input[name=name]").fill("Digital Leadership 2027")
    form.locator("select[name=language]").select_option("en")
    form.locator("input[name=k_threshold]").fill("3")
    form.locator("textarea[name=goals]").fill("Understand AI tools\nLearn what new colleagues expect")
    form.locator("button[type=submit]").click()
    hr.wait_for_selector("#participant-form")
    programme_id = int(hr.url.rstrip("/").split("/")[-1])
    for name, role, manager in [
        ("Ada Lovelace", "junior", ""),
        ("Sam Senior", "senior", ""),
        ("Rita Report", "junior", "Sam Senior"),
    ]:
        pf = hr.locator("#participant-form")
        pf.locator("input[name=display_name]").fill(name)
        pf.locator("select[name=role]").select_option(role)
        if manager:
            pf.locator("select[name=manager_id]").select_option(label=manager)
        pf.locator("button[type=submit]").click()
        hr.wait_for_selector(f"text={name}")
    # the reporting-line rule, shown as a form error
    pair_form = hr.locator("#pair-form")
    pair_form.locator("#pair-junior-ids label", has_text="Rita Report").locator("input").check()
    pair_form.locator("#pair-senior-ids label", has_text="Sam Senior").locator("input").check()
    pair_form.locator("button[type=submit]").click()
    hr.wait_for_selector("#pair-errors")
    assert "reports directly to" in hr.inner_text("#pair-errors")
    # the refused form is summarised at the top, focused, and kept its choices
    assert hr.evaluate("document.activeElement.id") == "error-summary"
    assert pair_form.locator("#pair-junior-ids label", has_text="Rita Report").locator("input").is_checked()
    shot(hr, "02-coordinator-programme-pair-error")
    pair_form = hr.locator("#pair-form")
    pair_form.locator("input[name=name]").fill("Tandem Ada")
    pair_form.locator("#pair-junior-ids label", has_text="Rita Report").locator("input").uncheck()
    pair_form.locator("#pair-junior-ids label", has_text="Ada Lovelace").locator("input").check()
    pair_form.locator("button[type=submit]").click()
    hr.wait_for_selector("text=Tandem Ada")
    hr.locator("tr", has_text="Ada Lovelace").locator("button.invite-button").click()
    hr.wait_for_selector("#invite-url")
    invite = hr.inner_text("#invite-url").strip()
    assert invite.startswith(f"{base}/auth/invite/")
    hr.reload()  # the link page is a GET: a reload shows the link again
    assert hr.inner_text("#invite-url").strip() == invite
    shot(hr, "03-coordinator-invite-link")

    # --- participant: sign in with the invite, plan a session, choose a topic, stream the agenda ----
    ada = watched(browser.new_context().new_page(), problems)
    ada.set_default_timeout(TIMEOUT)
    ada.goto(invite)
    ada.click("#signin")
    ada.wait_for_url(f"{base}/me")
    assert "My pair" in ada.content() and "Sam Senior" in ada.content()
    ada.locator("form.plan-session button").click()
    ada.wait_for_selector("#agenda-button")
    session_id = int(ada.url.split("/")[-1])
    ada.select_option("#topic-select", "topic-ai-automation")
    ada.locator("#topic button[type=submit]").click()
    ada.wait_for_selector("#agenda-button")
    csp = ada.request.get(f"{base}/me/sessions/{session_id}").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    # Record the live progress as it arrives: the list is replaced by the stored agenda once done.
    ada.evaluate(
        """() => {
          window.progressSeen = [];
          new MutationObserver((changes) => changes.forEach((c) =>
            c.addedNodes.forEach((n) => window.progressSeen.push(n.textContent))
          )).observe(document.getElementById("agenda-progress"), { childList: true });
        }"""
    )
    ada.click("#agenda-button")  # POSTs to the agenda stream and reads its events
    ada.wait_for_selector("#agenda ol.agenda li", timeout=TIMEOUT)
    seen = ada.evaluate("window.progressSeen")
    assert seen[0] == "Working …", seen  # shown at once, before the first event
    assert any(line.startswith("📚 ") for line in seen), seen  # the retrieved knowledge cards
    items = [line for line in seen if line.startswith("✓ ")]
    assert len(items) == ada.locator("#agenda ol.agenda > li").count() >= 2, seen  # one line per item
    assert ada.locator("#agenda-progress li").count() == 0  # the stored agenda replaced the progress
    shot(ada, "04-participant-session-agenda")
    ada.click("#print-link")
    ada.wait_for_selector("table.agenda-print")
    shot(ada, "05-agenda-print")
    ada.goto(f"{base}/me/sessions/{session_id}")
    ada.click("#preparation button[data-generate]")
    ada.wait_for_selector("#preparation ul.my-questions li")
    ada.click("#mark-held")
    ada.wait_for_selector("#reflection-form")
    assert "Your partner reads the summary" in ada.inner_text("#reflection-partner-reads")
    for i, area in enumerate(ada.locator("#reflection-form textarea").all()):
        area.fill(f"Ada learned how the board prepares decisions, point {i}.")
    ada.fill("textarea[name=slot_private_note]", "Only for me: I am nervous about the board.")
    ada.check("#reflection-themes input[value=topic-ai-automation]")
    ada.locator("#reflection-form button[type=submit]").click()
    ada.wait_for_selector("#reflection-preview")
    assert "nervous" not in ada.inner_text("#reflection-preview")
    shot(ada, "06a-reflection-preview")
    ada.click("#reflection-share")
    ada.wait_for_selector("#reflection .flash.ok")
    ada.click("#summary-button")
    ada.wait_for_selector("#summary .summary-text")
    assert "nervous" not in ada.inner_text("#summary")
    shot(ada, "06-participant-summary")
    ada.goto(f"{base}/me")
    shot(ada, "07-participant-home")

    # --- insights: the theme appears only once k = 3 pairs share it ------------------------------------
    async def themes_of_first(session: Any) -> list[str]:
        row = await session.scalar(
            select(GeneratedOutput).where(
                GeneratedOutput.session_id == session_id, GeneratedOutput.kind == "summary"
            )
        )
        return list(row.payload.get("themes") or []) if row else []

    themes = db_run(url, themes_of_first, migrate=False)
    assert themes == ["topic-ai-automation"]  # the topic card; Ada ticked it too

    async def another_pair_with_theme(session: Any, n: int) -> None:
        people = [
            Participant(programme_id=programme_id, display_name=f"Extra {n} {r}", role=r)
            for r in ("junior", "senior")
        ]
        session.add_all(people)
        await session.flush()
        pair = Pair(programme_id=programme_id, format="one-to-one", goals=[])
        pair.members = [PairMember(participant_id=p.id, role=p.role) for p in people]
        session.add(pair)
        await session.flush()
        # the evidence a real pair leaves: own sign-ins, a session a member marked held, ticked themes
        for p in people:
            session.add(
                Invite(
                    token_hash=uuid.uuid4().hex,
                    participant_id=p.id,
                    expires_at=datetime.now(UTC) + timedelta(days=1),
                    used_at=datetime.now(UTC),
                    redeemed_client=f"phone-{p.id}",
                )
            )
        ms = MentoringSession(
            pair_id=pair.id, number=1, status="held", topic="topic-ai-automation", held_by=people[0].id
        )
        session.add(ms)
        await session.flush()
        session.add(
            Reflection(
                session_id=ms.id,
                author_role="junior",
                author_id=people[0].id,
                answers={},
                slots={"learned": "Viel gelernt."},
                themes=themes[:1],
                shared_at=datetime.now(UTC),
            )
        )
        await session.commit()

    async def next_month(session: Any) -> None:
        """Insights are monthly snapshots: drop this month's, as if the next month had begun."""
        await session.execute(delete(InsightSnapshot).where(InsightSnapshot.programme_id == programme_id))
        await session.commit()

    insights = f"{base}/coordinator/programmes/{programme_id}/insights"
    hr.goto(insights)
    assert hr.locator("#no-themes").count() == 1 and hr.locator(".theme-row").count() == 0
    for n in (2, 3):
        db_run(url, lambda s, n=n: another_pair_with_theme(s, n), migrate=False)
    db_run(url, next_month, migrate=False)
    hr.goto(insights)
    assert hr.locator(".theme-row").count() == 0  # two pairs are still below k
    shot(hr, "08-insights-below-k")
    db_run(url, lambda s: another_pair_with_theme(s, 4), migrate=False)
    db_run(url, next_month, migrate=False)
    hr.goto(insights)
    assert hr.locator(f".theme-row[data-theme='{themes[0]}']").count() == 1
    body = hr.content()
    for secret in ("Ada", "Lovelace", "Sam Senior", "Tandem Ada", "board prepares decisions"):
        assert secret not in body, secret
    shot(hr, "09-insights-theme-shared-by-k-pairs")

    async def programme_exists(session: Any) -> bool:
        return await session.get(Programme, programme_id) is not None

    assert db_run(url, programme_exists, migrate=False)
    assert problems == [], problems  # no CSP violation, no script error on any page
