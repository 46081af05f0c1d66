"""The main journeys on a phone (390 px, touch, German), tapped through in real Chromium: a junior gets the
agenda for the next session, a senior prepares and reflects, a coordinator sets up a programme, forms a
pair, creates an invite link, computes matching suggestions and reads the insights. Every step must fit
the screen, taps must land on their control (Playwright refuses a tap another element would catch), and
axe-core checks each state reached (when installed). Screenshots go to test-artifacts/journey-*.png."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .a11y import AXE, Audit
from .conftest import ARTIFACTS
from .test_browser_flows import TIMEOUT
from .test_phone_layout import PHONE, WIDTH, _seed_in_thread


class Phone:
    """A touch phone in German; ``step`` checks the width, runs axe and takes a screenshot."""

    def __init__(self, browser: Any, who: str) -> None:
        context = browser.new_context(
            viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2, locale="de-DE"
        )
        self.page = context.new_page()
        self.page.set_default_timeout(TIMEOUT)
        self.who = who
        self.audit = Audit(AXE.read_text(encoding="utf-8")) if AXE.exists() else None
        self.problems: list[str] = []
        self.steps = 0

    def tap(self, selector: str) -> None:
        self.page.locator(selector).first.tap()

    def step(self, name: str) -> None:
        page = self.page
        page.wait_for_load_state("networkidle")
        self.steps += 1
        # Compared with the phone's width, not innerWidth: a mobile browser widens its layout viewport
        # to overly wide content, so innerWidth grows with the very overflow this looks for.
        scroll, inner = page.evaluate(WIDTH)
        if max(scroll, inner) > PHONE["width"]:
            self.problems.append(
                f"{name}: {scroll} px wide ({inner} px layout viewport) on a {PHONE['width']} px phone"
            )
        if self.audit is not None:
            self.audit(page, name)
        page.screenshot(path=str(ARTIFACTS / f"journey-{self.who}-{self.steps:02d}-{name}.png"))

    def in_view(self, selector: str) -> bool:
        """Whether the element's top is on the screen (a result the user does not have to hunt for)."""
        box = self.page.locator(selector).first.bounding_box()
        return box is not None and 0 <= box["y"] < PHONE["height"]

    def check(self) -> None:
        found = self.problems + (self.audit.problems if self.audit else [])
        assert not found, "\n".join(found)


@pytest.fixture(scope="module")
def links(server: dict[str, Any]) -> dict[str, str]:
    return _seed_in_thread(server["settings"])


@pytest.fixture
def phones(browser: Any) -> Iterator[list[Phone]]:
    made: list[Phone] = []
    yield made
    for phone in made:
        phone.page.context.close()


def _pick(form: Any, field: str, name: str) -> None:
    """Chooses a person in the pair form, whether it offers a list box or per-role checkboxes."""
    box = form.locator(f"select[name={field}]")
    if box.count():
        box.select_option(label=name)
    else:
        form.locator(f"label:has(input[name={field}])", has_text=name).locator("input").tap()


def _sign_in(phone: Phone, link: str, base: str, home: str) -> None:
    phone.page.goto(link)
    phone.step("invite")
    phone.tap("#signin")
    phone.page.wait_for_url(f"{base}{home}")


def test_junior_gets_the_agenda_for_the_next_session(
    server: dict[str, Any], browser: Any, links: dict[str, str], phones: list[Phone]
) -> None:
    base = server["base"]
    jonas = Phone(browser, "junior")
    phones.append(jonas)
    page = jonas.page
    _sign_in(jonas, links["Jonas Demir"], base, "/me")
    jonas.step("home")
    jonas.tap("p.next-session a")
    page.wait_for_url(f"{base}/me/sessions/*")
    session_url = page.url
    jonas.step("session")
    assert jonas.in_view("#next-step")  # what to do next is on the first screen
    jonas.tap("#next-link")  # "Zur Agenda ↓"
    jonas.tap("#agenda-button")
    page.wait_for_selector("#agenda ol.agenda li")
    assert jonas.in_view("#agenda")  # the new agenda is shown, not left somewhere below
    assert page.evaluate("() => document.activeElement.closest('section')?.id") == "agenda"
    jonas.step("agenda")
    jonas.tap("#print-link")
    page.wait_for_selector("table.agenda-print")
    jonas.step("agenda-print")
    page.goto(session_url)
    jonas.tap("a[href='/me']")
    page.wait_for_url(f"{base}/me")
    jonas.tap("a[href$='/plan']")
    page.wait_for_url(f"{base}/me/pairs/*/plan")
    jonas.tap("#propose-form button")
    page.wait_for_selector("#plan-form")
    jonas.step("topic-plan-draft")
    jonas.check()


def test_senior_prepares_and_reflects(
    server: dict[str, Any], browser: Any, links: dict[str, str], phones: list[Phone]
) -> None:
    base = server["base"]
    helga = Phone(browser, "senior")
    phones.append(helga)
    page = helga.page
    _sign_in(helga, links["Dr. Helga Brandt"], base, "/me")
    helga.step("home")
    assert page.locator("section.pair").count() == 2  # Helga mentors a tandem and a project
    page.locator("section.pair", has_text="Projekt Social Recruiting").locator("p.next-session a").tap()
    page.wait_for_url(f"{base}/me/sessions/*")
    helga.tap("#preparation button[data-generate]")
    page.wait_for_selector("#preparation ul.my-questions li")
    assert helga.in_view("#preparation")
    assert "(Senior" in page.inner_text("#preparation h3")  # her own questions, the junior's folded away
    helga.step("preparation")
    helga.tap("#mark-held")
    page.wait_for_selector("#reflection-form")
    helga.step("reflection-form")
    for i, area in enumerate(page.locator("#reflection-form textarea").all()):
        area.fill(f"Lea hat mir gezeigt, wie Bewerbungen über das Handy laufen ({i}).")
    helga.tap("#reflection-form button[type=submit]")
    page.wait_for_selector("#reflection-preview")
    assert "Lea hat mir gezeigt" in page.inner_text("#reflection-preview")
    helga.step("reflection-preview")
    helga.tap("#reflection-share")
    page.wait_for_selector("#reflection .flash.ok")
    helga.step("reflection-shared")
    helga.check()


def test_coordinator_sets_up_pairs_invites_and_reads_insights(
    server: dict[str, Any], browser: Any, links: dict[str, str], phones: list[Phone]
) -> None:
    base = server["base"]
    hr = Phone(browser, "coordinator")
    phones.append(hr)
    page = hr.page
    _sign_in(hr, links["Katrin Vogel (HR)"], base, "/coordinator")
    hr.step("home")
    form = page.locator("#new-programme-form")
    form.locator("input[name=name]").fill("Mentoring Werk Nord 2027")
    form.locator("select[name=language]").select_option("de")
    form.locator("input[name=k_threshold]").fill("3")
    form.locator("textarea[name=goals]").fill("KI im Alltag verstehen\nVoneinander lernen")
    form.locator("button[type=submit]").tap()
    page.wait_for_selector("#participant-form")
    programme = page.url.rstrip("/")
    hr.step("programme-new")
    people = [
        ("Aylin Kaya", "junior", "Vertrieb"),
        ("Tim Berger", "junior", "Einkauf"),
        ("Petra Lang", "senior", "Werkleitung"),
        ("Uwe Roth", "senior", "Finanzen"),
        ("Lina Vogt", "junior", "Logistik"),
        ("Karl Sommer", "senior", "Qualität"),
    ]
    for name, role, dept in people:
        pf = page.locator("#participant-form")
        pf.locator("input[name=display_name]").fill(name)
        pf.locator("select[name=role]").select_option(role)
        pf.locator("input[name=department]").fill(dept)
        pf.locator("button[type=submit]").tap()
        page.wait_for_selector(f"#participants tr:has-text('{name}')")
    hr.step("participants")
    pair = page.locator("#pair-form")
    pair.locator("input[name=name]").fill("Tandem Vertrieb")
    _pick(pair, "junior_ids", "Aylin Kaya")
    _pick(pair, "senior_ids", "Petra Lang")
    pair.locator("button[type=submit]").tap()
    page.wait_for_selector("#pairs tr:has-text('Tandem Vertrieb')")
    hr.step("pair-formed")
    page.locator("#participants tr", has_text="Aylin Kaya").locator("button.invite-button").tap()
    page.wait_for_selector("#invite-url")
    assert page.inner_text("#invite-url").strip().startswith(f"{base}/auth/invite/")
    hr.step("invite-link")
    page.goto(f"{programme}/matching")
    hr.step("matching")
    hr.tap("#run-form button[type=submit]")
    page.wait_for_selector("table.suggestions")
    assert page.locator("table.suggestions tbody tr").count() == 2  # Tim and Lina are still unpaired
    hr.step("matching-suggestions")  # with the form that swaps juniors between two suggestions
    page.goto(f"{programme}/insights")
    page.wait_for_selector("svg.chart")
    hr.step("insights")
    hr.check()
