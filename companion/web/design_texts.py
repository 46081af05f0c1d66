"""Page texts of matching, the programme frame and topic plans (German and English), and the rule
errors of these areas in the page's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from companion.web.i18n import error_text

TEXTS: dict[str, tuple[str, str]] = {
    "design_title": ("Matching und Programmrahmen", "Matching and programme frame"),
    "frame": ("Programmrahmen", "Programme frame"),
    "frame_help": (
        "Start, Dauer und Rhythmus bestimmen die Termine, die jeder Themenplan vorschlägt.",
        "Start, duration and cadence set the dates every topic plan proposes.",
    ),
    "start_date": ("Start", "Start"),
    "duration_months": ("Dauer (Monate)", "Duration (months)"),
    "cadence": ("Rhythmus der Tandem-Treffen", "Cadence of pair sessions"),
    "cadence_monthly": ("monatlich", "monthly"),
    "cadence_biweekly": ("alle zwei Wochen", "every two weeks"),
    "group_sessions": ("Gruppenrunden aller Tandems", "Group sessions of all pairs"),
    "group_none": ("keine", "none"),
    "group_quarterly": ("quartalsweise", "quarterly"),
    "session_minutes": ("Dauer einer Session (Minuten)", "Session length (minutes)"),
    "sessions_per_pair": ("Sessions pro Tandem", "Sessions per pair"),
    "group_dates": ("Gruppenrunden", "Group sessions"),
    "save": ("Speichern", "Save"),
    "matching": ("Matching-Vorschläge", "Matching suggestions"),
    "matching_help": (
        "companion schlägt eine vollständige Zuordnung vor, die fachlich am besten passt und die Regeln "
        "einhält: keine Berichtslinie, höchstens N Juniors pro Senior, auf Wunsch verschiedene Bereiche "
        "und private Wünsche der Teilnehmenden.",
        "companion proposes a complete assignment with the best topic fit that keeps the rules: no "
        "reporting line, at most N juniors per senior, different departments if you ask, and private "
        "wishes of the participants.",
    ),
    "max_per_senior": ("Höchstens Juniors pro Senior", "At most juniors per senior"),
    "avoid_same_department": ("Nicht aus demselben Bereich", "Not from the same department"),
    "run": ("Vorschläge berechnen", "Compute suggestions"),
    "no_run": ("Noch keine Vorschläge berechnet.", "No suggestions computed yet."),
    "juniors": ("Juniors", "Juniors"),
    "seniors": ("Seniors", "Seniors"),
    "why": ("Warum", "Why"),
    "fit": ("Passung", "Fit"),
    "status": ("Status", "Status"),
    "accept": ("Annehmen", "Accept"),
    "reject": ("Ablehnen", "Reject"),
    "accept_all": ("Alle offenen Vorschläge annehmen", "Accept all open suggestions"),
    "swap": ("Juniors tauschen", "Swap juniors"),
    "swap_help": (
        "Zwei Juniors aus verschiedenen Vorschlägen tauschen; die Regeln werden erneut geprüft.",
        "Swap two juniors between suggestions; the rules are checked again.",
    ),
    "st_proposed": ("offen", "open"),
    "st_accepted": ("angenommen", "accepted"),
    "st_rejected": ("abgelehnt", "rejected"),
    "st_superseded": ("ersetzt", "superseded"),
    "unmatched": ("Ohne Vorschlag", "Without a suggestion"),
    "private_honoured": (
        "Private „lieber nicht mit“-Wünsche berücksichtigt",
        "Private 'rather not with' wishes honoured",
    ),
    "results": ("Ergebnis", "Result"),
    "pair_formed": ("Tandem gebildet", "pair formed"),
    "not_formed": ("nicht gebildet", "not formed"),
    "prefs_title": ("Meine Wünsche fürs Matching", "My matching wishes"),
    "prefs_help": (
        "Was du hier angibst, hilft der Koordination, ein passendes Tandem vorzuschlagen. Wen du lieber "
        "nicht als Gegenüber hättest, sieht nur du: Die Koordination erfährt lediglich, dass Wünsche "
        "berücksichtigt wurden.",
        "What you state here helps the coordination propose a fitting pair. Whom you would rather not "
        "be paired with is visible to you only: the coordination only learns that wishes were honoured.",
    ),
    "expertise": ("Worin ich mich auskenne (durch Komma getrennt)", "What I know well (comma-separated)"),
    "interests": ("Was ich lernen möchte (durch Komma getrennt)", "What I want to learn (comma-separated)"),
    "availability": ("Wann ich meist kann", "When I am usually free"),
    "formats": ("Formate, die mir passen", "Formats that suit me"),
    "rather_not": ("Lieber nicht mit (privat)", "Rather not with (private)"),
    "saved": ("Gespeichert.", "Saved."),
    "plan_title": ("Themenplan", "Topic plan"),
    "plan_help": (
        "Ein Vorschlag aus euren Zielen und Interessen: Kennenlernen zu Beginn, ein Zwischen-Check-in zur "
        "Halbzeit, eine Retrospektive am Ende und dazwischen Themen aus Technik, Arbeit und Kultur. Ändert "
        "ihn, wie es euch passt; beim Annehmen werden die Termine angelegt.",
        "A proposal from your goals and interests: getting to know each other first, a check-in at "
        "half-time, a retrospective at the end and topics from technology, work and culture in between. "
        "Change it as you like; accepting it plans the sessions.",
    ),
    "propose_plan": ("Themenplan vorschlagen", "Propose a topic plan"),
    "propose_again": ("Neu vorschlagen", "Propose again"),
    "accept_plan": ("Plan annehmen und Termine anlegen", "Accept the plan and plan the sessions"),
    "plan_accepted": ("Angenommen – die Termine sind angelegt.", "Accepted – the sessions are planned."),
    "no_plan": ("Noch kein Themenplan.", "No topic plan yet."),
    "date": ("Datum", "Date"),
    "topic": ("Thema", "Topic"),
    "no_topic": ("kein Thema (Retrospektive)", "no topic (retrospective)"),
    "minutes": ("Minuten", "Minutes"),
    "reason": ("Warum dieses Thema", "Why this topic"),
    "warnings": ("Hinweise", "Notes"),
    "cat_technology": ("Technik", "Technology"),
    "cat_work": ("Arbeit", "Work"),
    "cat_culture": ("Kultur", "Culture"),
    "kind_first": ("Kennenlernen", "Getting to know each other"),
    "kind_mid": ("Zwischen-Check-in", "Mid-point check-in"),
    "kind_final": ("Retrospektive", "Retrospective"),
    "kind_topic": ("Thema", "Topic"),
    "generated_by": ("erstellt von", "made by"),
    "back": ("Zurück", "Back"),
    "invalid_form": ("Bitte prüfe die Eingaben: ", "Please check the form: "),
}

CODE_TEXTS: dict[str, tuple[str, str]] = {
    "matching_reporting_line": (
        "Diese Zusammensetzung enthielte eine direkte Berichtslinie.",
        "This composition would contain a direct reporting line.",
    ),
    "matching_rather_not": (
        "Diese Zusammensetzung widerspräche einem privaten Wunsch einer beteiligten Person.",
        "This composition would go against a private wish of someone in it.",
    ),
    "matching_rejected": (
        "Diese Kombination wurde bereits abgelehnt.",
        "This combination was rejected before.",
    ),
    "matching_same_department": (
        "Beide kämen aus demselben Bereich, und dieser Lauf schließt das aus.",
        "Both would come from the same department, which this run rules out.",
    ),
    "suggestion_closed": (
        "Dieser Vorschlag ist nicht mehr offen.",
        "This suggestion is no longer open.",
    ),
    "swap_same": ("Bitte zwei verschiedene Vorschläge wählen.", "Please choose two different suggestions."),
    "swap_which": (
        "Bitte den Junior wählen, der getauscht werden soll.",
        "Please choose the junior to swap.",
    ),
    "rather_not_unknown": (
        "Du kannst nur Personen der anderen Rolle aus deinem Programm nennen.",
        "You can only name people of the other role in your programme.",
    ),
    "frame_too_short": (
        "Der Rahmen ist zu kurz: Ein Plan braucht mindestens Kennenlernen, Zwischen-Check-in und Retrospektive.",
        "The frame is too short: a plan needs at least a first session, a check-in and a retrospective.",
    ),
    "plan_accepted": (
        "Der Plan ist schon angenommen; ändert jetzt die einzelnen Termine.",
        "The plan is accepted already; change the sessions themselves now.",
    ),
    "plan_unknown_topic": ("Dieses Thema gibt es nicht.", "There is no such topic."),
    "plan_no_session": ("Diese Session gibt es im Plan nicht.", "The plan has no such session."),
}


def text(key: str, lang: str) -> str:
    """The text for ``key`` in ``lang`` (German fallback); unknown keys show themselves."""
    pair = TEXTS.get(key)
    return key if pair is None else pair[1 if lang == "en" else 0]


def translator(lang: str) -> Callable[[str], str]:
    """A ``d(key)`` function for the templates of these pages."""
    return lambda key: text(key, lang)


def problem_text(exc: Any, lang: str) -> str:
    """A rule error of these areas (or of the pair service) in the page's language."""
    pair = CODE_TEXTS.get(getattr(exc, "code", None) or "")
    if pair is not None:
        return pair[1 if lang == "en" else 0]
    return error_text(exc, lang)


_WARNINGS_DE = (
    (r"^only technology topics$", "nur Technikthemen – ergänzt Themen aus Arbeit oder Kultur"),
    (
        r"^(\d+) of (\d+) topics are technology \(at most (\d+)\)$",
        r"\1 von \2 Themen sind Technik (höchstens \3)",
    ),
    (r"^no (.+) topic$", r"kein Thema aus: \1"),
    (r"^a topic appears twice$", "ein Thema kommt doppelt vor"),
    (
        r"^a session before the retrospective has no topic$",
        "eine Session vor der Retrospektive hat kein Thema",
    ),
    (r"^the retrospective carries no topic$", "die Retrospektive hat kein eigenes Thema"),
    (r"^the sessions are not in date order$", "die Termine sind nicht in zeitlicher Reihenfolge"),
)
_FAMILY_DE = {"technology": "Technik", "work": "Arbeit", "culture": "Kultur", " and no ": ", "}


def warning_text(warning: str, lang: str) -> str:
    """A plan warning (English, from ``companion.planning.shape``) in the page's language."""
    import re

    if lang != "de":
        return warning
    for pattern, german in _WARNINGS_DE:
        if re.match(pattern, warning):
            out = re.sub(pattern, german, warning)
            for en, de in _FAMILY_DE.items():
                out = out.replace(en, de)
            return out
    return warning
