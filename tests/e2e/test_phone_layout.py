"""Every page a participant or a coordinator can reach, on a 390 px phone in German: nothing is wider
than the screen, every control is a 44 px touch target, chart labels stay readable. Each page is also
photographed at 390 px and 1280 px into test-artifacts/ (look at them before a release)."""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

from sqlalchemy import select

from companion.db.models import MentoringSession, Pair, PairMember, Participant

from .conftest import ARTIFACTS
from .test_browser_flows import TIMEOUT, db_run

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Controls that must be at least 44 px tall (inline links inside running text are exempt, as in WCAG).
SMALL_TARGETS = """() => {
  const seen = (el) => el.offsetParent !== null || el.getClientRects().length > 0;
  const sel = 'button, select, summary, a.button, nav a, td a, p.back a, .card-list a, '
    + 'input:not([type=hidden]):not([type=checkbox]):not([type=radio])';
  const bad = [];
  for (const el of document.querySelectorAll(sel)) {
    if (!seen(el) || el.closest('.no-print[hidden], [hidden]')) continue;
    const r = el.getBoundingClientRect();
    if (r.height < 43.5) bad.push(el.tagName + ' ' + (el.textContent || el.name || '').trim().slice(0, 40) + ' ' + r.height);
  }
  for (const box of document.querySelectorAll('input[type=checkbox], input[type=radio]')) {
    const label = box.closest('label');
    if (!label || label.getBoundingClientRect().height < 43.5) bad.push('checkbox ' + (box.name || ''));
  }
  return bad;
}"""

WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"

CHART_FONT = """() => Array.from(document.querySelectorAll('svg.chart')).map((svg) => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const label = svg.querySelector('.chart-label');
  return parseFloat(getComputedStyle(label).fontSize) * scale;
})"""


def _seed(settings: Any) -> dict[str, str]:
    from companion.demo import seed_demo

    output = asyncio.run(seed_demo(settings))
    return dict(re.findall(r"^\s+\w+\s+(.+?)\s{2,}(http\S+)$", output, re.M))


async def _ids(session: Any) -> dict[str, Any]:
    people = {p.display_name: p.id for p in (await session.scalars(select(Participant))).all()}
    jonas_pair = await session.scalar(
        select(PairMember.pair_id).where(PairMember.participant_id == people["Jonas Demir"])
    )
    sessions = (
        await session.scalars(
            select(MentoringSession)
            .where(MentoringSession.pair_id == jonas_pair)
            .order_by(MentoringSession.number)
        )
    ).all()
    pair_ids = (await session.scalars(select(Pair.id).order_by(Pair.id))).all()
    return {
        "people": people,
        "held": sessions[0].id,
        "planned": next(s.id for s in sessions if s.status == "planned"),
        "pair": pair_ids[0],
        "programme": (await session.get(Pair, pair_ids[0])).programme_id,  # type: ignore[union-attr]
    }


class PageCheck:
    """Visits pages at 390 px, records their widths and problems, photographs them at both sizes."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.widths: dict[str, list[int]] = {}
        self.problems: list[str] = []

    def check(self, name: str, url: str | None = None, *, status: int | None = None) -> None:
        page = self.page
        page.set_viewport_size(PHONE)
        if url is not None:
            response = page.goto(url)
            if status is not None:
                assert response is not None and response.status == status, (
                    name,
                    response and response.status,
                )
        page.wait_for_load_state("networkidle")
        scroll, inner = page.evaluate(WIDTH)
        self.widths[name] = [scroll, inner]
        if scroll > inner:
            self.problems.append(f"{name}: {scroll} px wide at {inner} px")
        small = page.evaluate(SMALL_TARGETS)
        if small:
            self.problems.append(f"{name}: small touch targets {small[:5]}")
        page.screenshot(path=str(ARTIFACTS / f"phone-{name}.png"), full_page=True)
        page.screenshot(path=str(ARTIFACTS / f"phone-first-screen-{name}.png"))  # what a phone shows first
        page.set_viewport_size(DESKTOP)
        page.screenshot(path=str(ARTIFACTS / f"desktop-{name}.png"), full_page=True)
        page.set_viewport_size(PHONE)


def test_every_page_fits_a_phone_in_german(server: dict[str, Any], browser: Any) -> None:
    base, settings = server["base"], server["settings"]
    links = _seed_in_thread(settings)
    ids = db_run(server["url"], _ids, migrate=False)
    prog = f"{base}/coordinator/programmes/{ids['programme']}"

    # --- participant (Jonas, junior of "Tandem Geschäftsführung") -----------------------------------
    jonas = browser.new_context(viewport=PHONE, locale="de-DE").new_page()
    jonas.set_default_timeout(TIMEOUT)
    check = PageCheck(jonas)
    check.check("signin", f"{base}/signin")
    jonas.goto(links["Jonas Demir"])
    check.check("invite")
    jonas.click("#signin")
    jonas.wait_for_url(f"{base}/me")
    assert 'lang="de"' in jonas.content()
    check.check("participant-home")
    planned = f"{base}/me/sessions/{ids['planned']}"
    check.check("session-planned", planned)
    jonas.click("#agenda-button")
    jonas.wait_for_selector("#agenda ol.agenda li")
    jonas.click("#preparation button[data-generate]")
    jonas.wait_for_selector("#preparation ul.my-questions li")
    check.check("session-agenda-preparation", planned)
    check.check("agenda-print", f"{planned}/agenda/print")
    check.check("session-held", f"{base}/me/sessions/{ids['held']}")
    jonas.click("#nav-library")
    jonas.wait_for_url(f"{base}/library")
    check.check("library")
    check.check("library-search", f"{base}/library?q=KI+im+Vertrieb")
    check.check("library-card", f"{base}/library/cards/topic-feedback-culture")  # session 3 topic
    assert jonas.locator("#citations a[href^='/me/sessions/']").count() >= 1  # the agenda made above
    check.check("error-403", f"{base}/coordinator", status=403)

    # --- coordinator (Katrin Vogel, HR) ----------------------------------------------------------------
    hr = browser.new_context(viewport=PHONE, locale="de-DE").new_page()
    hr.set_default_timeout(TIMEOUT)
    hr_check = PageCheck(hr)
    hr.goto(links["Katrin Vogel (HR)"])
    hr.click("#signin")
    hr.wait_for_url(f"{base}/coordinator")
    hr_check.check("coordinator-home")
    hr_check.check("coordinator-programme", prog)
    look = "(el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]"
    primary = hr.locator("#participant-form button[type=submit]").evaluate(look)
    remove = hr.locator(".remove-coordinator button").first.evaluate(look)
    invite = hr.locator("button.invite-button").first.evaluate(look)
    hr.locator("tr", has_text="Ben Wagner").locator("button.invite-button").click()
    hr.wait_for_selector("#invite-url")
    hr_check.check("coordinator-invite-link")
    hr_check.check("coordinator-participant", f"{prog}/participants/{ids['people']['Ben Wagner']}")
    hr_check.check("coordinator-pair", f"{prog}/pairs/{ids['pair']}")
    hr_check.check("coordinator-insights", f"{prog}/insights")
    fonts = hr.evaluate(CHART_FONT)
    hr_check.check("coordinator-library-card", f"{base}/library/cards/principle-eye-level")
    hr_check.check("error-404", f"{base}/coordinator/programmes/999", status=404)

    widths = {**check.widths, **hr_check.widths}
    (ARTIFACTS / "phone-widths.json").write_text(json.dumps(widths, indent=1))
    assert not check.problems + hr_check.problems, check.problems + hr_check.problems
    assert len({tuple(primary), tuple(remove), tuple(invite)}) == 3  # primary, destructive, secondary
    assert fonts and min(fonts) >= 11, fonts  # chart labels readable on the phone
    assert len(widths) >= 19


def _seed_in_thread(settings: Any) -> dict[str, str]:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_seed, settings).result()
