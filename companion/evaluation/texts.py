"""Page texts of the evaluation and health pages in German and English (``et(key)`` in templates)."""

from __future__ import annotations

from collections.abc import Callable

from companion.web.i18n import text

TEXTS: dict[str, tuple[str, str]] = {
    "surveys": ("Befragungen", "Surveys"),
    "surveys_intro": (
        "Deine Antworten sind vertraulich: Nur du siehst sie. Die Programmkoordination sieht ausschließlich "
        "Zusammenfassungen über mindestens {k} Personen, und erst wenn eine Befragung abgeschlossen ist.",
        "Your answers are confidential: only you see them. The programme coordination only sees summaries "
        "over at least {k} people, and only once a survey has been closed.",
    ),
    "state_due": ("jetzt dran", "due now"),
    "state_answered": (
        "beantwortet – änderbar, bis die Befragung endet",
        "answered – you can change it until the survey closes",
    ),
    "state_upcoming": ("noch nicht dran", "not yet"),
    "state_closed": ("abgeschlossen", "closed"),
    "due_pre": ("am besten vor eurem ersten Termin", "ideally before your first session"),
    "due_pulse_first": ("nach eurem zweiten Termin", "after your second session"),
    "due_pulse_mid": ("zur Halbzeit des Programms", "at the programme's half-way point"),
    "due_post": ("zum Ende des Programms", "at the end of the programme"),
    "from_date": ("ab", "from"),
    "fill_in": ("Ausfüllen", "Fill in"),
    "change_answers": ("Antworten ansehen oder ändern", "View or change your answers"),
    "view_answers": ("Deine Antworten ansehen", "View your answers"),
    "submit_survey": ("Antworten speichern", "Save my answers"),
    "saved": ("Danke! Deine Antworten sind gespeichert.", "Thank you! Your answers are saved."),
    "not_open": ("Diese Befragung ist noch nicht dran.", "This survey is not open yet."),
    "is_closed": (
        "Diese Befragung ist abgeschlossen; Antworten lassen sich nicht mehr ändern.",
        "This survey is closed; answers can no longer be changed.",
    ),
    "answer_invalid": (
        "Eine Antwort passt nicht zur Frage; bitte prüfe deine Eingaben. Es wurde nichts gespeichert.",
        "An answer does not fit its question; please check what you entered. Nothing was saved.",
    ),
    "no_answer": ("keine Angabe", "no answer"),
    "optional_all": (
        "Alle Fragen sind freiwillig – beantworte nur, was du möchtest.",
        "Every question is optional – answer only what you want to.",
    ),
    "themes_consent": (
        "Diese Stichworte dürfen anonym gezählt werden (nur wenn mindestens {k} Personen sie ankreuzen). "
        "Deinen Text selbst sieht niemand außer dir.",
        "These keywords may be counted anonymously (only when at least {k} people tick them). Nobody but "
        "you sees your text itself.",
    ),
    "topic_n": ("Thema {n}", "Topic {n}"),
    "rating": ("Einschätzung", "Rating"),
    "choose": ("– bitte wählen –", "– please choose –"),
    "scale_1": ("1 – gar nicht", "1 – not at all"),
    "scale_5": ("5 – voll und ganz", "5 – completely"),
    "back_me": ("Zurück zu meinem Tandem", "Back to my pair"),
    "evaluation": ("Programmevaluation", "Programme evaluation"),
    "evaluation_note": (
        "Nur Zusammenfassungen über mindestens k Personen, erst nach Abschluss einer Befragung und "
        "danach unveränderlich. Junior- und Senior-Werte erscheinen nur, wenn beide Seiten k erreichen. "
        "Freitexte bleiben bei den Teilnehmenden; gezählt werden nur selbst angekreuzte Stichworte.",
        "Only summaries over at least k people, published once a survey is closed and never changed "
        "afterwards. Junior and senior figures appear only when both sides reach k. Free texts stay "
        "with the participants; only keywords they ticked themselves are counted.",
    ),
    "round": ("Befragung", "Survey"),
    "round_open": ("läuft", "open"),
    "round_closed": ("abgeschlossen", "closed"),
    "opened_early": ("vorzeitig für alle geöffnet", "opened early for everyone"),
    "respondents": ("Antworten", "Responses"),
    "invited": ("Teilnehmende", "Participants"),
    "open_now": ("Jetzt für alle öffnen", "Open for everyone now"),
    "close_round": (
        "Befragung abschließen und Ergebnisse veröffentlichen",
        "Close the survey and publish results",
    ),
    "close_confirm": (
        "Ich weiß: Danach sind keine Antworten mehr möglich, und die Ergebnisse werden nicht mehr neu berechnet.",
        "I understand: no answers are possible afterwards, and the results are never recomputed.",
    ),
    "round_is_closed": (
        "Diese Befragung ist bereits abgeschlossen; ihre Ergebnisse bleiben, wie sie sind.",
        "This survey is already closed; its results stay as they are.",
    ),
    "confirm_needed": (
        "Bitte bestätige das Abschließen mit dem Häkchen.",
        "Please confirm closing with the tick box.",
    ),
    "results": ("Ergebnisse", "Results"),
    "no_results": (
        "Ergebnisse erscheinen, wenn die Befragung abgeschlossen ist.",
        "Results appear once the survey has been closed.",
    ),
    "question": ("Frage", "Question"),
    "group": ("Gruppe", "Group"),
    "group_all": ("alle", "everyone"),
    "group_junior": ("Juniors", "Juniors"),
    "group_senior": ("Seniors", "Seniors"),
    "mean": ("Mittelwert", "Mean"),
    "distribution": ("Verteilung", "Distribution"),
    "merged": ("nur gesamt (eine Seite unter k)", "total only (one side below k)"),
    "change": (
        "Vorher/nachher: Sicherheit in den gewählten Themen",
        "Before/after: confidence in the chosen topics",
    ),
    "pre_mean": ("Start", "Start"),
    "post_mean": ("Ende", "End"),
    "improved": ("gestiegen", "improved"),
    "same": ("gleich", "same"),
    "lower": ("gesunken", "lower"),
    "themes_ticked": (
        "Angekreuzte Stichworte (mindestens k Personen)",
        "Ticked keywords (at least k people)",
    ),
    "people": ("Personen", "people"),
    "none_above_k": ("Kein Stichwort erreicht k Personen.", "No keyword reaches k people."),
    "export_csv": ("Als CSV exportieren", "Export as CSV"),
    "health": ("Programmgesundheit", "Programme health"),
    "health_note": (
        "Ohne Inhalte: Zahlen zu Tandems, Terminen und Beteiligung. Monatswerte und Anteile erscheinen nur, "
        "wenn mindestens k Tandems dahinterstehen; Antwortquoten nur ab k Antworten.",
        "No content: figures on pairs, sessions and participation. Monthly figures and shares appear only "
        "when at least k pairs stand behind them; response rates only from k responses.",
    ),
    "pairs": ("Tandems", "Pairs"),
    "pairs_active": ("aktiv", "active"),
    "pairs_stalled": ("ins Stocken geraten (30 Tage ohne Termin)", "stalled (30 days without a session)"),
    "month": ("Monat", "Month"),
    "planned": ("geplant", "planned"),
    "held": ("stattgefunden", "held"),
    "sessions_per_month": (
        "Termine pro Monat: geplant und stattgefunden",
        "Sessions per month: planned and held",
    ),
    "artefacts": ("Anteil stattgefundener Termine mit …", "Share of held sessions with …"),
    "with_agenda": ("Agenda", "agenda"),
    "with_reflection": ("Reflexion", "reflection"),
    "with_summary": ("Zusammenfassung", "summary"),
    "response_rates": ("Antwortquoten der Befragungen", "Survey response rates"),
    "rate": ("Quote", "Rate"),
    "as_of": ("Stand", "As of"),
    "no_sessions": ("Noch keine Termine.", "No sessions yet."),
    "short_pre": ("Start", "Start"),
    "short_pulse_first": ("Erster Puls", "First pulse"),
    "short_pulse_mid": ("Halbzeit", "Mid-point"),
    "short_post": ("Ende", "End"),
}

MONTHS: dict[str, tuple[str, ...]] = {
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def et(key: str, lang: str, **params: object) -> str:
    """The evaluation text ``key`` in ``lang`` (falls back to the shared page texts)."""
    pair = TEXTS.get(key)
    if pair is None:
        return text(key, lang)
    value = pair[1] if lang == "en" else pair[0]
    return value.format(**params) if params else value


def translator(lang: str) -> Callable[..., str]:
    """``et(key, **params)`` for templates."""
    return lambda key, **params: et(key, lang, **params)


def month_label(month: str, lang: str) -> str:
    """``2026-03`` as "März 2026" / "March 2026"."""
    year, number = month.split("-")
    return f"{MONTHS['en' if lang == 'en' else 'de'][int(number) - 1]} {year}"
