"""User-facing texts of the pages in German and English; the programme's language picks one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

TEXTS: dict[str, tuple[str, str]] = {
    # key: (de, en)
    "app": ("Reverse-Mentoring-Begleiter", "Reverse mentoring companion"),
    "signin": ("Anmelden", "Sign in"),
    "signout": ("Abmelden", "Sign out"),
    "signin_title": ("Anmeldung", "Sign in"),
    "signin_help": (
        "Du meldest dich über den persönlichen Link an, den du von deiner Programmkoordination bekommen hast.",
        "You sign in with the personal link your programme coordinator sent you.",
    ),
    "invite_title": ("Willkommen", "Welcome"),
    "invite_help": (
        "Dieser Link meldet dich einmalig an. Danach bleibst du in diesem Browser angemeldet.",
        "This link signs you in once. After that you stay signed in in this browser.",
    ),
    "my_pair": ("Mein Tandem", "My pair"),
    "no_pair": ("Du bist noch keinem Tandem zugeordnet.", "You are not part of a pair yet."),
    "members": ("Mitglieder", "Members"),
    "goals": ("Ziele", "Goals"),
    "next_session": ("Nächster Termin", "Next session"),
    "no_next_session": ("Kein Termin geplant.", "No session planned."),
    "plan_session": ("Termin planen", "Plan a session"),
    "history": ("Bisherige Termine", "Past sessions"),
    "session": ("Termin", "Session"),
    "open": ("Öffnen", "Open"),
    "topic": ("Thema", "Topic"),
    "no_topic": ("noch kein Thema", "no topic yet"),
    "choose_topic": ("Thema wählen", "Choose a topic"),
    "save": ("Speichern", "Save"),
    "status": ("Status", "Status"),
    "status_planned": ("geplant", "planned"),
    "status_held": ("stattgefunden", "held"),
    "status_cancelled": ("abgesagt", "cancelled"),
    "access": ("Zugang zu deinem Konto", "Access to your account"),
    "access_help": (
        "Anmeldelinks erstellt die Programmkoordination. Siehst du eine Anmeldung, die nicht von dir "
        "stammt, beende alle anderen Anmeldungen und sprich die Koordination an.",
        "Sign-in links are created by the programme coordination. If you see a sign-in that was not "
        "you, end all other sign-ins and talk to the coordination.",
    ),
    "links": ("Anmeldelinks", "Sign-in links"),
    "created": ("erstellt", "created"),
    "created_by": ("von", "by"),
    "by_admin": ("per Kommandozeile", "from the command line"),
    "link_used": ("benutzt", "used"),
    "link_open": ("noch offen", "not used yet"),
    "link_expired": ("abgelaufen", "expired"),
    "sign_ins": ("Aktive Anmeldungen", "Active sign-ins"),
    "kind_session": ("Browser", "Browser"),
    "kind_api": ("API-Token", "API token"),
    "valid_until": ("gültig bis", "valid until"),
    "this_browser": ("dieser Browser", "this browser"),
    "end_others": (
        "Alle anderen Anmeldungen beenden und offene Links ungültig machen",
        "End all other sign-ins and void unused links",
    ),
    "ended": ("Beendet:", "Ended:"),
    "reschedule": ("Termin verschieben", "Reschedule"),
    "duration": ("Dauer", "Duration"),
    "cancel_session": ("Termin absagen", "Cancel this session"),
    "replan_session": ("Wieder einplanen", "Plan it again"),
    "schedule_failed": (
        "Datum oder Dauer passen nicht (Dauer 30–120 Minuten). Es wurde nichts geändert.",
        "Date or duration do not fit (duration 30–120 minutes). Nothing was changed.",
    ),
    "date": ("Datum", "Date"),
    "minutes": ("Minuten", "minutes"),
    "agenda": ("Agenda", "Agenda"),
    "agenda_none": ("Noch keine Agenda.", "No agenda yet."),
    "agenda_request": ("Agenda erstellen", "Create the agenda"),
    "agenda_again": ("Neue Version erstellen", "Create a new version"),
    "agenda_print": ("Druckansicht", "Print view"),
    "progress": ("Fortschritt", "Progress"),
    "lead": ("Leitung", "Lead"),
    "lead_junior": ("Junior", "Junior"),
    "lead_senior": ("Senior", "Senior"),
    "lead_both": ("beide", "both"),
    "preparation": ("Vorbereitung", "Preparation"),
    "prep_none": ("Noch keine Vorbereitungsfragen.", "No preparation questions yet."),
    "prep_request": ("Vorbereitung erstellen", "Create the preparation"),
    "my_questions": ("Meine Fragen", "My questions"),
    "to_bring": ("Mitbringen", "Bring along"),
    "other_side": ("Fragen der anderen Seite anzeigen", "Show the other side's questions"),
    "reflection": ("Reflexion", "Reflection"),
    "reflection_prompts_none": ("Noch keine Reflexionsfragen.", "No reflection prompts yet."),
    "reflection_prompts_request": ("Reflexionsfragen erstellen", "Create reflection prompts"),
    "reflection_submit": ("Reflexion speichern", "Save reflection"),
    "reflection_saved": ("Deine Reflexion ist gespeichert.", "Your reflection is saved."),
    "reflection_after": (
        "Die Reflexion ist möglich, sobald der Termin stattgefunden hat.",
        "Reflection opens once the session has been held.",
    ),
    "summary": ("Zusammenfassung", "Summary"),
    "summary_none": ("Noch keine Zusammenfassung.", "No summary yet."),
    "summary_request": ("Zusammenfassung erstellen", "Create the summary"),
    "learnings_junior": ("Gelernt (Junior)", "Learnings (junior)"),
    "learnings_senior": ("Gelernt (Senior)", "Learnings (senior)"),
    "next_steps": ("Nächste Schritte", "Next steps"),
    "mark_held": ("Als stattgefunden markieren", "Mark as held"),
    "generated_by": ("erstellt von", "generated by"),
    "back": ("Zurück", "Back"),
    "working": ("Wird erstellt …", "Working …"),
    "failed": ("Das hat nicht geklappt. Bitte erneut versuchen.", "That did not work. Please try again."),
    # coordinator
    "programmes": ("Programme", "Programmes"),
    "programme": ("Programm", "Programme"),
    "new_programme": ("Neues Programm", "New programme"),
    "name": ("Name", "Name"),
    "language": ("Sprache", "Language"),
    "format": ("Format", "Format"),
    "cadence": ("Rhythmus", "Cadence"),
    "duration_months": ("Dauer (Monate)", "Duration (months)"),
    "k_threshold": ("Anonymitätsschwelle k", "Anonymity threshold k"),
    "goals_help": ("ein Ziel pro Zeile", "one goal per line"),
    "create": ("Anlegen", "Create"),
    "settings": ("Einstellungen", "Settings"),
    "participants": ("Teilnehmende", "Participants"),
    "add_participant": ("Person hinzufügen", "Add a person"),
    "role": ("Rolle", "Role"),
    "role_junior": ("Junior", "Junior"),
    "role_senior": ("Senior", "Senior"),
    "email": ("E-Mail", "E-mail"),
    "department": ("Bereich", "Department"),
    "manager": ("Führungskraft", "Manager"),
    "none": ("keine", "none"),
    "pairs": ("Tandems", "Pairs"),
    "form_pair": ("Tandem bilden", "Form a pair"),
    "juniors": ("Juniors", "Juniors"),
    "seniors": ("Seniors", "Seniors"),
    "coordinators": ("Koordination", "Coordinators"),
    "add_coordinator": ("Ko-Koordinator:in hinzufügen", "Add a co-coordinator"),
    "add_coordinator_help": (
        "E-Mail-Adresse einer bestehenden Koordinator:in; sie sieht danach dieses Programm.",
        "E-mail address of an existing coordinator; they will then see this programme.",
    ),
    "invite": ("Einladungslink", "Invite link"),
    "create_invite": ("Link erstellen", "Create link"),
    "invite_valid_until": ("gültig bis", "valid until"),
    "invite_once": (
        "Einmal verwendbar. Nur an diese Person senden.",
        "Single use. Send it to this person only.",
    ),
    "edit": ("Bearbeiten", "Edit"),
    "edit_participant": ("Person bearbeiten", "Edit person"),
    "edit_pair": ("Tandem bearbeiten", "Edit pair"),
    "role_fixed": (
        "Die Rolle lässt sich nicht ändern, weil sie die Tandems bestimmt.",
        "The role cannot be changed, because it decides the pairs.",
    ),
    "expertise": ("Expertise", "Expertise"),
    "pronouns": ("Pronomen (optional)", "Pronouns (optional)"),
    "pronouns_hint": ("z. B. sie/ihr, er/ihm, keine – bitte Namen", "e.g. she/her, he/him, they/them"),
    "interests": ("Interessen", "Interests"),
    "comma_help": ("durch Kommas getrennt", "separated by commas"),
    "member_of": ("Mitglied in", "Member of"),
    "no_pairs": ("in keinem Tandem", "in no pair"),
    "pair_fixed": (
        "Format und Mitglieder lassen sich nicht ändern: Löse das Tandem dafür auf und bilde ein neues.",
        "Format and members cannot be changed: dissolve the pair and form a new one.",
    ),
    "delete_participant": ("Person entfernen", "Remove person"),
    "delete_participant_effects": (
        "Entfernt die Person endgültig aus dem Programm. Mit ihr werden gelöscht: ihre "
        "Tandem-Mitgliedschaften (die Tandems selbst bleiben, mit einem Mitglied weniger – löse sie "
        "bei Bedarf danach auf), ihre Einladungslinks, Anmeldungen und API-Tokens. Ihre Reflexionen "
        "bleiben bei den Terminen des Tandems, sind aber nicht mehr mit ihr verknüpft. Wer sie als "
        "Führungskraft eingetragen hatte, hat danach keine Führungskraft mehr. Das lässt sich nicht "
        "rückgängig machen.",
        "Removes the person from the programme for good. Deleted with them: their pair memberships (the "
        "pairs themselves stay, with one member fewer – dissolve them afterwards if needed), their "
        "invite links, sign-ins and API tokens. Their reflections stay with the pair's sessions but are "
        "no longer linked to them. Whoever had them as manager has no manager afterwards. This cannot "
        "be undone.",
    ),
    "delete_pair": ("Tandem auflösen", "Dissolve pair"),
    "delete_pair_effects": (
        "Löscht das Tandem endgültig mit allen Terminen und allem, was dazu gehört: Agenden, "
        "Vorbereitungen, Reflexionsfragen, Reflexionen und Zusammenfassungen. Sie zählen danach auch "
        "in der Auswertung nicht mehr. Die Mitglieder bleiben im Programm und können neuen Tandems "
        "zugeordnet werden. Das lässt sich nicht rückgängig machen.",
        "Deletes the pair for good with all its sessions and everything that belongs to them: agendas, "
        "preparations, reflection prompts, reflections and summaries. They no longer count in the "
        "insights either. The members stay in the programme and can join new pairs. This cannot be "
        "undone.",
    ),
    "confirm_delete": ("Ja, endgültig löschen", "Yes, delete for good"),
    "confirm_required": (
        "Bitte bestätige das Löschen mit dem Häkchen; es wurde nichts gelöscht.",
        "Please tick the box to confirm; nothing was deleted.",
    ),
    "remove_coordinator": ("Entfernen", "Remove"),
    "last_coordinator": (
        "Die letzte Koordinator:in eines Programms kann nicht entfernt werden. Füge zuerst eine weitere "
        "hinzu.",
        "The last coordinator of a programme cannot be removed. Add another one first.",
    ),
    "you": ("du", "you"),
    "insights": ("Auswertung", "Insights"),
    "insights_note": (
        "Anonymisiert: Zahlen, Themen und Kategorien erscheinen erst, wenn sie aus mindestens k "
        "verschiedenen Tandems stammen. Kleinere Werte werden als „< k“ angezeigt.",
        "Anonymised: figures, themes and categories appear only when they come from at least k "
        "different pairs. Smaller values are shown as “< k”.",
    ),
    "health": ("Programmverlauf", "Programme health"),
    "pairs_total": ("Tandems gesamt", "Pairs in total"),
    "pairs_active": ("Aktive Tandems", "Active pairs"),
    "month": ("Monat", "Month"),
    "held": ("stattgefunden", "held"),
    "planned": ("geplant", "planned"),
    "cancelled": ("abgesagt", "cancelled"),
    "topic_mix": ("Themenmix", "Topic mix"),
    "category": ("Kategorie", "Category"),
    "pairs_count": ("Tandems", "Pairs"),
    "cat_technology": ("Technologie", "Technology"),
    "cat_work": ("Arbeitsweisen", "Ways of working"),
    "cat_culture": ("Kultur", "Culture"),
    "cat_other": ("Sonstiges", "Other"),
    "themes": ("Themen aus Reflexionen", "Themes from reflections"),
    "themes_none": (
        "Noch kein Thema wird von genug Tandems geteilt.",
        "No theme is shared by enough pairs yet.",
    ),
    "theme": ("Thema", "Theme"),
    # errors
    "error_title": ("Etwas ist schiefgelaufen", "Something went wrong"),
    "error_401": ("Bitte melde dich an.", "Please sign in."),
    "error_403": ("Dafür hast du keine Berechtigung.", "You are not allowed to see this."),
    "error_404": ("Diese Seite gibt es nicht.", "This page does not exist."),
    "error_429": ("Zu viele Anfragen. Bitte kurz warten.", "Too many requests. Please wait a moment."),
    "error_500": (
        "Ein Fehler auf unserer Seite. Es ging nichts verloren.",
        "An error on our side. Nothing was lost.",
    ),
    "home": ("Startseite", "Home"),
}


# Domain rule errors (``DomainError.code``) as the pages say them; ``{…}`` are the error's params.
ERROR_TEXTS: dict[str, tuple[str, str]] = {
    "reporting_line": (
        "{member} berichtet direkt an {manager} – in einem Tandem darf keine direkte Berichtslinie bestehen.",
        "{member} reports directly to {manager} – a pair must not contain a direct reporting line.",
    ),
    "reporting_line_in_pair": (
        "{member} kann nicht direkt an {manager} berichten: Beide sind im selben Tandem, und ein Tandem "
        "darf keine direkte Berichtslinie enthalten.",
        "{member} cannot report directly to {manager}: both are in the same pair, and a pair must not "
        "contain a direct reporting line.",
    ),
    "format_sizes": (
        "Das Format braucht {want_j} Junior(s) und {want_s} Senior(s); gewählt sind {juniors} und {seniors}.",
        "This format needs {want_j} junior(s) and {want_s} senior(s); you chose {juniors} and {seniors}.",
    ),
    "duplicate_member": (
        "Eine Person ist mehrfach im Tandem ausgewählt.",
        "A person is selected more than once in the pair.",
    ),
    "not_in_programme": (
        "Eine ausgewählte Person gehört nicht zu diesem Programm.",
        "A selected person is not part of this programme.",
    ),
    "wrong_role": (
        "{member} ist als {is_role} eingetragen, nicht als {want_role}.",
        "{member} is registered as {is_role}, not as {want_role}.",
    ),
    "own_manager": (
        "Niemand kann seine eigene Führungskraft sein.",
        "Nobody can be their own manager.",
    ),
    "manager_elsewhere": (
        "Die Führungskraft muss zu diesem Programm gehören.",
        "The manager must be part of this programme.",
    ),
    "not_a_coordinator": (
        "Diese Person koordiniert dieses Programm nicht.",
        "This person does not coordinate this programme.",
    ),
    "unknown_coordinator": (
        "Es gibt keine Koordination mit der E-Mail-Adresse {email}; bitte zuerst anlegen.",
        "There is no coordinator with the e-mail address {email}; create one first.",
    ),
}


def error_text(exc: Any, lang: str) -> str:
    """A domain error in the page's language: its code's text with its params, else its English
    ``detail`` (better an English sentence than none)."""
    pair = ERROR_TEXTS.get(getattr(exc, "code", None) or "")
    if pair is None:
        return str(getattr(exc, "detail", exc))
    params = {
        k: text(f"role_{v}", lang) if k.endswith("_role") else v
        for k, v in getattr(exc, "params", {}).items()
    }
    try:
        return (pair[1] if lang == "en" else pair[0]).format(**params)
    except (KeyError, IndexError):  # a code raised without the params its text needs
        return str(getattr(exc, "detail", exc))


def text(key: str, lang: str) -> str:
    """The text for ``key`` in ``lang`` (German fallback); unknown keys show themselves."""
    pair = TEXTS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]


def translator(lang: str) -> Callable[[str], str]:
    """A ``t(key)`` function for templates."""
    return lambda key: text(key, lang)


def request_language(request: Any) -> str:
    """Language for pages without a programme: the signed-in person's, else the browser's."""
    user = request.scope.get("user")
    if user is not None and getattr(user, "language", None) in ("de", "en"):
        return str(user.language)
    accept = request.headers.get("accept-language", "")
    return "en" if accept.lower().startswith("en") else "de"
