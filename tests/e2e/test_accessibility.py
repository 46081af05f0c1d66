"""Accessibility in real Chromium: axe-core finds no serious or critical violation and every form field
has a label, on every page a participant or a coordinator can reach, at 390 px and at 1280 px and in the
states the main job passes through (agenda generated, reflection form, preview, form errors). The full
axe report (moderate and minor findings too) goes to test-artifacts/axe-report.json."""

from __future__ import annotations

from typing import Any

from .a11y import Audit, axe_source
from .conftest import ARTIFACTS
from .test_browser_flows import TIMEOUT, db_run
from .test_phone_layout import DESKTOP, PHONE, _ids, _seed_in_thread


class Walk:
    """Audits the page a context shows, at both widths."""

    def __init__(self, audit: Audit, page: Any) -> None:
        self.audit, self.page = audit, page

    def __call__(self, name: str, url: str | None = None) -> None:
        if url is not None:
            self.page.goto(url)
        self.page.set_viewport_size(PHONE)
        self.audit(self.page, f"{name}@390")
        self.page.set_viewport_size(DESKTOP)
        self.audit(self.page, f"{name}@1280")
        self.page.set_viewport_size(PHONE)


def _page(browser: Any) -> Any:
    page = browser.new_context(viewport=PHONE, locale="de-DE").new_page()
    page.set_default_timeout(TIMEOUT)
    return page


def test_the_audit_finds_known_faults(browser: Any) -> None:
    """The audit itself can fail: a page with an unlabelled field, faint text and a scroll box that the
    keyboard cannot reach is reported on all three counts."""
    audit = Audit(axe_source())
    page = _page(browser)
    page.set_content(
        '<html lang="de"><head><title>Probe</title></head><body><main><h1>Probe</h1>'
        '<input name="probe"><p style="color:#bbb;background:#fff">blasser Text</p>'
        '<div style="overflow:auto;width:60px"><p style="width:600px">sehr breiter Text</p></div>'
        "</main></body></html>"
    )
    audit(page, "probe")
    found = "\n".join(audit.problems)
    for expected in (
        "critical label",
        "serious color-contrast",
        "scrollable-region-focusable",
        "input[name=probe]",
    ):
        assert expected in found, found
    page.context.close()


def test_no_serious_axe_violations_and_labels_everywhere(server: dict[str, Any], browser: Any) -> None:
    audit = Audit(axe_source())
    base, settings = server["base"], server["settings"]
    links = _seed_in_thread(settings)
    ids = db_run(server["url"], _ids, migrate=False)
    prog = f"{base}/coordinator/programmes/{ids['programme']}"

    # --- junior (Jonas): sign-in pages, home, a session through agenda, preparation and reflection ----
    jonas = _page(browser)
    walk = Walk(audit, jonas)
    walk("start", f"{base}/")
    walk("signin", f"{base}/signin")
    jonas.fill("input[name=email]", "nobody@example.org")
    jonas.locator("form button[type=submit]").first.click()
    walk("signin-sent")
    walk("invite", links["Jonas Demir"])
    jonas.click("#signin")
    jonas.wait_for_url(f"{base}/me")
    walk("participant-home")
    planned = f"{base}/me/sessions/{ids['planned']}"
    walk("session-planned", planned)
    jonas.click("#agenda-button")
    jonas.wait_for_selector("#agenda ol.agenda li")
    jonas.click("#preparation button[data-generate]")
    jonas.wait_for_selector("#preparation ul.my-questions li")
    walk("session-agenda-preparation")
    walk("agenda-print", f"{planned}/agenda/print")
    walk("session-held", f"{base}/me/sessions/{ids['held']}")
    jonas.goto(planned)
    jonas.click("#mark-held")
    jonas.wait_for_selector("#reflection-form")
    walk("reflection-form")
    jonas.locator("#reflection-form button[type=submit]").click()  # empty: the form explains why
    jonas.wait_for_load_state("networkidle")
    walk("reflection-empty-error")
    for i, area in enumerate(jonas.locator("#reflection-form textarea").all()):
        area.fill(f"Jonas hat gelernt, wie die Geschäftsführung entscheidet, Punkt {i}.")
    jonas.locator("#reflection-form button[type=submit]").click()
    jonas.wait_for_selector("#reflection-preview")
    walk("reflection-preview")
    walk("preferences", f"{base}/me/preferences")
    walk("pair-plan", f"{base}/me/pairs/{ids['pair']}/plan")
    walk("notifications", f"{base}/me/notifications")
    walk("surveys", f"{base}/me/surveys")
    survey = jonas.locator("ul.surveys a").first
    if survey.count():
        survey.click()
        jonas.wait_for_load_state("networkidle")
        walk("survey")
    walk("library", f"{base}/library")
    walk("library-search", f"{base}/library?q=KI+im+Vertrieb")
    walk("library-card", f"{base}/library/cards/topic-feedback-culture")
    walk("error-403", f"{base}/coordinator")
    walk("error-404", f"{base}/me/sessions/999999")

    # --- coordinator (Katrin Vogel): every page of a programme, the invite link, a refused pair ------
    hr = _page(browser)
    walk = Walk(audit, hr)
    hr.goto(links["Katrin Vogel (HR)"])
    hr.click("#signin")
    hr.wait_for_url(f"{base}/coordinator")
    walk("coordinator-home")
    walk("coordinator-programme", prog)
    hr.locator("tr", has_text="Ben Wagner").locator("button.invite-button").click()
    hr.wait_for_selector("#invite-url")
    walk("coordinator-invite-link")
    walk("coordinator-participant", f"{prog}/participants/{ids['people']['Ben Wagner']}")
    walk("coordinator-pair", f"{prog}/pairs/{ids['pair']}")
    walk("coordinator-insights", f"{prog}/insights")
    walk("coordinator-matching", f"{prog}/matching")
    walk("coordinator-evaluation", f"{prog}/evaluation")
    walk("coordinator-health", f"{prog}/health")
    walk("coordinator-invitations", f"{prog}/invitations")
    walk("coordinator-library-card", f"{base}/library/cards/principle-eye-level")
    walk("coordinator-error-404", f"{prog}/pairs/999999")

    audit.write(ARTIFACTS / "axe-report.json")
    assert len(audit.report) >= 2 * 30, sorted(audit.report)
    assert not audit.problems, "\n".join(audit.problems)
