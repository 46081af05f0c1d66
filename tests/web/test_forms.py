"""Typed page forms: the models' messages (unit) and post/redirect/get on the coordinator pages —
success is a 303 to a GET page, a refused form keeps the input and puts a linked, focusable error
summary at the top, and a minted invite link survives a reload."""

from __future__ import annotations

import re
from typing import Any

import pytest
from litestar.datastructures import FormMultiDict

from companion.evaluation.forms import survey_form
from companion.notifications.forms import MailChoicesForm, SigninForm
from companion.web.forms import FormState, read, validate
from companion.web.forms_coordinator import (
    ConfirmForm,
    PairEditForm,
    PairForm,
    ParticipantEditForm,
    ParticipantForm,
    ProgrammeForm,
)
from companion.web.forms_participant import TopicPlanForm
from companion.web.reflection_form import ReflectionForm, ShareForm

P = "/coordinator/programmes/1"


# --- models -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "german", "english"),
    [
        (
            "31.02.2026",
            "Startdatum: Das Datum ließ sich nicht lesen",
            "Start date: the date could not be read",
        ),
        (
            "2026-13-01",
            "Startdatum: Das Datum ließ sich nicht lesen",
            "Start date: the date could not be read",
        ),
        ("1066-10-14", "zwischen 1900 und 2299", "between 1900 and 2299"),
    ],
)
def test_bad_dates_are_named_in_both_languages(raw: str, german: str, english: str) -> None:
    for lang, expected in (("de", german), ("en", english)):
        sent = validate(ProgrammeForm, {"name": "Pilot", "start_date": raw}, lang)
        assert sent.data is None and [e.field for e in sent.errors] == ["start_date"]
        assert expected in sent.errors[0].message


def test_german_dates_and_textarea_lines_are_read() -> None:
    sent = validate(
        ProgrammeForm, {"name": " Pilot ", "start_date": "01.03.2026", "goals": "KI\n\n Mut \n"}, "de"
    )
    assert sent.data is not None
    assert (sent.data.name, str(sent.data.start_date), sent.data.goals) == (
        "Pilot",
        "2026-03-01",
        ["KI", "Mut"],
    )


def test_empty_required_and_too_long_fields() -> None:
    sent = validate(ParticipantForm, {"display_name": "   ", "role": "junior", "department": "x" * 121}, "de")
    assert {e.field: e.message for e in sent.errors} == {
        "display_name": "Name: Bitte fülle dieses Feld aus.",
        "department": "Bereich: Bitte höchstens 120 Zeichen.",
    }
    assert validate(ParticipantForm, {"display_name": "Ada"}, "en").errors[0].message == (
        "Role: please fill in this field."
    )


def test_numbers_and_choices_say_what_is_allowed() -> None:
    sent = validate(
        ProgrammeForm, {"name": "P", "k_threshold": "2", "duration_months": "sechs", "cadence": "daily"}, "de"
    )
    messages = [e.message for e in sent.errors]
    assert "Rhythmus: Bitte wähle eine der angebotenen Möglichkeiten." in messages
    assert "Dauer (Monate): Bitte gib eine ganze Zahl ein." in messages
    assert "Anonymitätsschwelle k: Bitte gib eine Zahl ab 3 ein." in messages
    assert not any("Input should" in m for m in messages)  # never pydantic's English


def test_list_fields_come_from_every_ticked_box() -> None:
    form = FormMultiDict(
        [("junior_ids", "3"), ("junior_ids", "4"), ("senior_ids", "7"), ("_csrf_token", "x")]
    )
    values = read(PairForm, form)
    assert values == {"junior_ids": ["3", "4"], "senior_ids": ["7"]}
    sent = validate(PairForm, values, "de")
    assert sent.data is not None and sent.data.junior_ids == [3, 4]
    refused = validate(PairForm, {"junior_ids": [], "senior_ids": ["1", "2", "3"]}, "de")
    assert [e.message for e in refused.errors] == [
        "Juniors: Bitte wähle mindestens 1 aus.",
        "Seniors: Bitte wähle höchstens 2 aus.",
    ]
    made_up = validate(PairForm, {"junior_ids": ["abc"], "senior_ids": ["1"]}, "en")
    assert made_up.errors[0].message == "Juniors: please choose one of the offered options."


def test_textarea_lists_are_capped_and_comma_lists_split() -> None:
    sent = validate(PairEditForm, {"goals": "\n".join(f"Ziel {i}" for i in range(11))}, "de")
    assert sent.errors[0].message == "Ziele: Bitte wähle höchstens 10 aus."
    edit = validate(ParticipantEditForm, {"expertise": "Instagram, TikTok; KI", "email": ""}, "de")
    assert edit.data is not None and edit.data.expertise == ["Instagram", "TikTok", "KI"]
    assert edit.data.email is None  # an emptied optional field clears it
    assert validate(ParticipantEditForm, {"display_name": " "}, "de").errors[0].field == "display_name"


def test_control_characters_are_a_field_message_not_a_crash() -> None:
    sent = validate(ProgrammeForm, {"name": "Pi\x00lot"}, "de")
    assert sent.data is None and "Steuerzeichen" in sent.errors[0].message


def test_form_state_marks_fields_and_keeps_values() -> None:
    sent = validate(PairForm, {"name": "Tandem Ada", "junior_ids": ["3"], "senior_ids": []}, "de")
    state = FormState.of(sent, "de")
    assert state.value("pair", "name") == "Tandem Ada" and state.chosen("pair", "junior_ids", 3)
    assert not state.chosen("pair", "junior_ids", 4)
    assert str(state.attrs("pair", "senior_ids")) == (
        'id="pair-senior-ids" aria-invalid="true" aria-describedby="pair-senior-ids-error"'
    )
    assert str(state.attrs("pair", "name")) == 'id="pair-name"'
    assert 'id="pair-senior-ids-error"' in str(state.error("pair", "senior_ids"))
    assert state.value("new", "name", "stored") == "stored"  # another form shows its stored values


def test_numbered_rows_are_read_validated_and_named_by_their_input() -> None:
    form = FormMultiDict(
        [
            ("date_1", "01.03.2027"),
            ("topic_1", ""),  # an emptied topic removes it (a retrospective)
            ("minutes_1", "60"),
            ("date_2", "2027-04-01"),
            ("minutes_2", "zehn"),
            ("date_3", ""),  # a row left wholly empty is no row
            ("_csrf_token", "x"),
        ]
    )
    values = read(TopicPlanForm, form)
    assert "_csrf_token" not in values and values["minutes_2"] == "zehn"
    sent = validate(TopicPlanForm, values, "de")
    assert [(e.field, e.message) for e in sent.errors] == [
        ("minutes_2", "Minuten 2: Bitte gib eine ganze Zahl ein.")
    ]
    assert sent.errors[0].anchor == "topic-plan-minutes-2"
    ok = validate(TopicPlanForm, {**values, "minutes_2": "90"}, "en")
    assert ok.data is not None
    items = ok.data.update().items
    assert [(i.number, i.topic_id, str(i.date), i.duration_minutes) for i in items] == [
        (1, "", "2027-03-01", 60),
        (2, None, "2027-04-01", 90),
    ]
    assert validate(TopicPlanForm, {"date_1": ""}, "en").errors[0].message == (
        "Sessions: please choose at least 1."
    )


def test_a_survey_model_per_kind_types_every_question() -> None:
    form = survey_form("post")
    assert form is survey_form("post") and "q_satisfaction" in form.model_fields
    sent = validate(
        form,
        {
            "q_satisfaction": "5",
            "q_continue_wanted": "yes",
            "topic_1": "topic-remote-work",
            "rating_1": "4",
            "topic_2": "topic-ai-automation",  # a topic without a rating is not counted
            "theme_change": ["time"],
        },
        "de",
    )
    assert sent.data is not None
    data = sent.data.submission()
    assert data.answers == {
        "satisfaction": 5,
        "confidence": {"topic-remote-work": 4},
        "continue_wanted": "yes",
    }
    assert data.themes == {"change": ["time"]}
    bad = validate(
        form,
        {"q_satisfaction": "9", "q_continue_wanted": "nie", "theme_change": ["x"], "rating_3": "0"},
        "en",
    )
    assert {e.field: e.message for e in bad.errors} == {
        "q_satisfaction": "Answer: please choose one of the offered options.",
        "rating_3": "Rating 3: please choose one of the offered options.",
        "q_continue_wanted": "Answer: please choose one of the offered options.",
        "theme_change": "Keywords: please choose one of the offered options.",
    }


def test_reflection_and_mail_forms_say_what_is_wrong() -> None:
    sent = validate(ReflectionForm, {"slot_learned": "x" * 5001, "themes": ["a"] * 7}, "de")
    assert {e.field: e.message for e in sent.errors} == {
        "slot_learned": "Was hast du heute gelernt oder neu verstanden?: Bitte höchstens 5000 Zeichen.",
        "themes": "Themen: Bitte wähle höchstens 6 aus.",
    }
    private = validate(ReflectionForm, {"slot_private_note": "nur für mich", "themes": ["none", "a"]}, "de")
    assert private.data is not None and private.data.themes == ["none"]  # "none of these" stands alone
    [empty] = private.data.refused("de")
    assert empty.field == "slot_learned" and "mindestens eine Frage" in empty.message
    assert validate(ShareForm, {"exclude": ["2", "zwei"]}, "de").errors[0].field == "exclude"
    assert validate(SigninForm, {"email": " Jonas@Example.org "}, "de").data.address == "jonas@example.org"  # type: ignore[union-attr]
    mails = validate(MailChoicesForm, {"reminder": "on"}, "de").data
    assert mails is not None and mails.choices() == {
        "calendar": False,
        "reminder": True,
        "reflection": False,
        "nudge": False,
    }
    assert (
        validate(ConfirmForm, {}, "en").errors[0].message == "Confirmation: please tick the box to confirm."
    )


# --- pages --------------------------------------------------------------------------------------


def _summary(html: str) -> str:
    m = re.search(r'<div class="error-summary" id="error-summary"[^>]*>(.*?)</div>', html, re.S)
    assert m, "no error summary"
    return m.group(0)


def test_refused_pair_keeps_its_name_and_leads_to_the_error(demo: dict[str, Any]) -> None:
    hr, ids = demo["browser"]("Katrin Vogel (HR)"), demo["ids"]
    r = hr.post_form(
        f"{P}/pairs",
        {
            "name": "Tandem Lea",
            "junior_ids": [str(ids["Lea Hoffmann"])],
            "senior_ids": [str(ids["Thomas Keller"])],
        },
    )
    assert r.status_code == 422
    summary = _summary(r.text)
    # at the top of the page: before the first section, focusable and focused on load
    assert r.text.index('id="error-summary"') < r.text.index("<section")
    assert 'tabindex="-1"' in summary and "autofocus" in summary and 'role="alert"' in summary
    assert 'href="#pair-form"' in summary and "Lea Hoffmann berichtet direkt an Thomas Keller" in summary
    assert 'name="name" id="pair-name" maxlength="120" value="Tandem Lea"' in r.text  # the name stayed
    assert re.search(rf'name="junior_ids" value="{ids["Lea Hoffmann"]}" checked', r.text)

    r = hr.post_form(f"{P}/pairs", {"name": "Tandem Lea", "junior_ids": [str(ids["Lea Hoffmann"])]})
    assert r.status_code == 400
    summary = _summary(r.text)
    assert 'href="#pair-senior-ids"' in summary and "Seniors: Bitte wähle mindestens 1 aus." in summary
    assert 'id="pair-senior-ids" aria-invalid="true" aria-describedby="pair-senior-ids-error"' in r.text
    assert 'id="pair-senior-ids-error"' in r.text and 'value="Tandem Lea"' in r.text


def test_every_coordinator_form_redirects_after_success(demo: dict[str, Any]) -> None:
    hr = demo["browser"]("Katrin Vogel (HR)")
    posts = [
        (
            "/coordinator/programmes",
            {"name": "Zweite Runde", "cadence": "biweekly"},
            "/coordinator/programmes/",
        ),
        (f"{P}/settings", {"name": "Pilot 2027", "k_threshold": "4"}, f"{P}#settings"),
        (f"{P}/participants", {"display_name": "Ada Neu", "role": "junior"}, f"{P}#participants"),
    ]
    for url, data, target in posts:
        r = hr.post_form(url, data, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith(target), (url, r.text[:300])
    page = hr.get(P).text
    assert "Pilot 2027" in page and "Ada Neu" in page
    assert ">Eins zu eins</option>" in page and ">monatlich</option>" in page and ">Deutsch</option>" in page
    assert ">one-to-one<" not in page and ">monthly<" not in page


def test_refused_settings_keep_the_input(demo: dict[str, Any]) -> None:
    hr = demo["browser"]("Katrin Vogel (HR)")
    r = hr.post_form(f"{P}/settings", {"name": "Neuer Name", "k_threshold": "2", "goals": "Eins\nZwei"})
    assert r.status_code == 400 and 'href="#settings-k-threshold"' in _summary(r.text)
    assert (
        "k_threshold: Input should" not in r.text
        and "Anonymitätsschwelle k: Bitte gib eine Zahl ab 3 ein." in r.text
    )
    assert 'value="Neuer Name"' in r.text and "Eins\nZwei</textarea>" in r.text
    assert "Neuer Name" not in hr.get(P).text  # nothing was saved


def test_invite_link_page_is_a_get_that_survives_a_reload(demo: dict[str, Any]) -> None:
    hr = demo["browser"]("Katrin Vogel (HR)")
    r = hr.post_form(
        f"{P}/invites", {"participant_id": str(demo["ids"]["Ben Wagner"])}, follow_redirects=False
    )
    assert r.status_code == 303
    where = r.headers["location"]
    assert re.fullmatch(rf"{P}\?invite=[\w-]+#invite-result", where)
    first = hr.get(where.split("#")[0])
    link = re.search(r'id="invite-url">([^<]+)<', first.text)
    assert first.status_code == 200 and link and "/auth/invite/" in link.group(1)
    again = hr.get(where.split("#")[0])  # a reload shows the same link, never "Method Not Allowed"
    assert again.status_code == 200 and link.group(1) in again.text
    # another coordinator's browser (or a made-up key) sees no link
    assert "/auth/invite/" not in hr.get(f"{P}?invite=made-up").text


def test_refused_session_date_is_kept_and_named_in_german(demo: dict[str, Any]) -> None:
    from tests.web.test_schedule_pages import _planned

    jonas = demo["browser"]("Jonas Demir")
    sid = _planned(demo, "Jonas Demir")[0]
    r = jonas.post_form(
        f"/me/sessions/{sid}/schedule", {"scheduled_at": "2026-12-03T14:30", "duration_minutes": "15"}
    )
    assert r.status_code == 400
    summary = _summary(r.text)
    assert (
        'href="#schedule-duration-minutes"' in summary and "Dauer: Bitte gib eine Zahl ab 30 ein." in summary
    )
    assert 'id="schedule-scheduled-at" value="2026-12-03T14:30"' in " ".join(
        r.text.split()
    )  # the date stayed
    pair_id = re.search(r'action="/me/pairs/(\d+)/sessions"', jonas.get("/me").text).group(1)  # type: ignore[union-attr]
    r = jonas.post_form(f"/me/pairs/{pair_id}/sessions", {"scheduled_at": "bald"})
    assert (
        r.status_code == 400 and "Das Datum ließ sich nicht lesen; es wurde keine Session geplant." in r.text
    )
    assert "could not be read" not in r.text


def test_insights_explain_every_hidden_figure(demo: dict[str, Any]) -> None:
    html = demo["browser"]("Katrin Vogel (HR)").get(f"{P}/insights").text
    charts = re.findall(r"<svg class=\"chart\".*?</svg>", html, re.S)
    stubs = [c for c in charts if "&lt; 3</text>" in c]
    assert stubs, "the demo has suppressed figures"
    for chart in stubs:  # a chart with a "< 3" stub carries its legend
        assert "weniger als 3 Tandems" in chart
    assert html.count('<caption class="hidden-legend">') == 2


def test_matching_frame_and_wish_forms() -> None:
    from companion.web.forms_design import FrameForm, MatchForm, SwapForm
    from companion.web.forms_participant import PreferencesForm

    match = validate(MatchForm, {"max_per_senior": "2", "avoid_same_department": "yes"}, "de").data
    assert (
        match is not None
        and match.request().avoid_same_department
        and match.request().max_juniors_per_senior == 2
    )
    assert validate(MatchForm, {"max_per_senior": "0"}, "de").errors[0].field == "max_per_senior"
    swap = validate(SwapForm, {"first": "4:7", "second": "5:"}, "de").data
    assert swap is not None and (swap.request().first_junior_id, swap.request().second_junior_id) == (7, None)
    assert validate(SwapForm, {"first": "x:1", "second": "5:"}, "de").errors[0].field == "first"
    frame = validate(FrameForm, {"start_date": "01.02.2027", "cadence": "biweekly"}, "de")
    assert frame.data is not None and str(frame.data.update(frame.values).start_date) == "2027-02-01"
    cleared = validate(FrameForm, {"start_date": ""}, "de")
    assert cleared.data is not None and "start_date" in cleared.data.update(cleared.values).model_fields_set
    wishes = read(
        PreferencesForm, FormMultiDict([("expertise", "Instagram, KI"), ("availability", "tue-am")])
    )
    sent = validate(PreferencesForm, wishes, "de")
    assert (
        sent.data is not None
        and sent.data.expertise == ["Instagram", "KI"]
        and sent.data.availability == ["tue-am"]
    )
    refused = validate(PreferencesForm, {"availability": ["sun-am"], "formats": ["solo"]}, "de")
    assert [e.field for e in refused.errors] == ["availability", "formats"]
