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
    "next_session": ("Nächste Session", "Next session"),
    "no_next_session": ("Keine Session geplant.", "No session planned."),
    "plan_session": ("Session planen", "Plan a session"),
    "history": ("Bisherige Sessions", "Past sessions"),
    "session": ("Session", "Session"),
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
        "Anmeldelinks erstellt die Programmkoordination, oder du forderst sie auf der Anmeldeseite selbst an. "
        "Siehst du eine Anmeldung, die nicht von dir "
        "stammt, beende alle anderen Anmeldungen und sprich die Koordination an.",
        "Sign-in links are created by the programme coordination, or you ask for one on the sign-in "
        "page. If you see a sign-in that was not "
        "you, end all other sign-ins and talk to the coordination.",
    ),
    "access_help_coordinator": (
        "Hier stehen deine Anmeldelinks, Browser-Anmeldungen und API-Tokens. Beende, was du nicht "
        "(mehr) nutzt; einzelne API-Tokens auch mit „companion token revoke“ oder DELETE /api/auth/tokens/{id}.",
        "Your sign-in links, browser sign-ins and API tokens. End what you do not use (any more); single "
        "API tokens also with 'companion token revoke' or DELETE /api/auth/tokens/{id}.",
    ),
    "links": ("Anmeldelinks", "Sign-in links"),
    "created": ("erstellt", "created"),
    "created_by": ("von", "by"),
    "by_admin": ("per Kommandozeile", "from the command line"),
    "by_self": ("von dir auf der Anmeldeseite angefordert", "requested by you on the sign-in page"),
    "by_mail": ("per Mail", "by e-mail"),
    "stalled_pairs": ("Tandems ohne Termin", "Pairs that have stalled"),
    "stalled_help": (
        "(seit {days} Tagen kein Termin gehalten oder geplant, oder zwei Absagen in Folge; sie bekommen "
        "einmal eine freundliche Erinnerung. Welche Tandems das sind und warum, zeigt companion nicht.)",
        "(no session held or planned for {days} days, or two cancellations in a row; they get one "
        "friendly nudge. companion does not show which pairs these are, or why.)",
    ),
    "mail_settings": ("Mails und Kalender-Abo", "Mails and calendar feed"),
    "mail_invitations": ("Einladungen per Mail", "Invitations by e-mail"),
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
    "reschedule": ("Session verschieben", "Reschedule"),
    "duration": ("Dauer", "Duration"),
    "cancel_session": ("Session absagen", "Cancel this session"),
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
    "print": ("Drucken", "Print"),
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
    "reflection_cancelled": (
        "Diese Session wurde abgesagt; dazu lässt sich keine Reflexion speichern.",
        "This session was cancelled; there is no reflection to save for it.",
    ),
    "reflection_saved": ("Deine Reflexion ist gespeichert.", "Your reflection is saved."),
    "reflection_after": (
        "Die Reflexion ist möglich, sobald die Session stattgefunden hat.",
        "Reflection opens once the session has been held.",
    ),
    "reflection_partner_reads": (
        "Dein Gegenüber liest die Zusammenfassung und die Sätze, die du teilst. Vor dem Teilen siehst du "
        "genau, was ankommt, und kannst einzelne Sätze herausnehmen. Die private Notiz sieht niemand außer "
        "dir; als vertraulich markierte Sätze („vertraulich“, „unter uns“) und Namen von Personen außerhalb "
        "eures Tandems werden nie geteilt.",
        "Your partner reads the summary and the sentences you share. Before sharing you see exactly what "
        "they will read and can leave out single sentences. Nobody but you sees the private note; sentences "
        "marked as confidential (“confidential”, “between us”) and names of people outside your pair are "
        "never shared.",
    ),
    "reflection_preview": ("Vorschau ansehen", "Preview"),
    "reflection_preview_title": ("So liest dein Gegenüber deine Reflexion", "What your partner will read"),
    "reflection_exclude": ("nicht teilen", "do not share"),
    "reflection_hidden_confidential": ("vertraulich – wird nicht geteilt", "confidential – not shared"),
    "reflection_share": ("Teilen", "Share"),
    "reflection_edit": ("Ändern", "Edit"),
    "reflection_withdraw": ("Zurückziehen", "Withdraw"),
    "reflection_delete": (
        "Löschen (die Zusammenfassung wird ohne deine Reflexion neu erstellt)",
        "Delete (the summary is made again without your reflection)",
    ),
    "reflection_shared": ("Geteilt.", "Shared."),
    "reflection_draft": ("Noch nicht geteilt.", "Not shared yet."),
    "reflection_locked": (
        "Aus deiner Reflexion wurde eine Zusammenfassung erstellt; ändern geht nicht mehr, löschen schon.",
        "A summary was made from your reflection; it can no longer be edited, but it can be deleted.",
    ),
    "reflection_themes": (
        "Welche Themen kamen in der Session vor? (zählen anonym für die Programmauswertung, ab k Tandems)",
        "Which themes came up in the session? (counted anonymously for the programme, from k pairs on)",
    ),
    "reflection_none_of_these": ("Keines davon", "None of these"),
    "reflection_prompts_hint": ("Anregungen zum Nachdenken", "Questions to think about"),
    "reflection_empty": (
        "Bitte beantworte mindestens eine Frage außer der privaten Notiz.",
        "Please answer at least one question besides the private note.",
    ),
    "reflection_too_long": (
        "Eine Antwort ist länger als 5.000 Zeichen; bitte kürze sie.",
        "An answer is longer than 5,000 characters; please shorten it.",
    ),
    "summary": ("Zusammenfassung", "Summary"),
    "summary_none": ("Noch keine Zusammenfassung.", "No summary yet."),
    "summary_request": ("Zusammenfassung erstellen", "Create the summary"),
    "learnings_junior": ("Gelernt (Junior)", "Learnings (junior)"),
    "learnings_senior": ("Gelernt (Senior)", "Learnings (senior)"),
    "next_steps": ("Nächste Schritte", "Next steps"),
    "follow_up": ("Für später", "For later"),
    "slot_contributed": ("Eingebracht", "Brought in"),
    "slot_about_the_session": ("Zur Session", "About the session"),
    "slot_general": ("Weitere Gedanken", "Further thoughts"),
    "side_junior": ("Junior-Seite", "Junior side"),
    "side_senior": ("Senior-Seite", "Senior side"),
    "mark_held": ("Als stattgefunden markieren", "Mark as held"),
    "made_offline": (
        "Ohne KI-Modell aus der Wissensbasis zusammengestellt.",
        "Put together from the knowledge base, without an AI model.",
    ),
    "made_fallback": (
        "Aus der Wissensbasis zusammengestellt, weil das KI-Modell gerade nicht antwortete.",
        "Put together from the knowledge base, because the AI model did not answer.",
    ),
    "made_by_model": ("Erstellt mit dem KI-Modell {model}.", "Written with the AI model {model}."),
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
        "bleiben bei den Sessions des Tandems, sind aber nicht mehr mit ihr verknüpft. Wer sie als "
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
        "Löscht das Tandem endgültig mit allen Sessions und allem, was dazu gehört: Agenden, "
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
    "themes": ("Themen, die Tandems angekreuzt haben", "Themes pairs ticked"),
    "themes_note": (
        "Stand {period}: monatlicher Schnappschuss. Gezählt werden nur Tandems, deren Mitglieder sich selbst "
        "angemeldet und eine Session als stattgefunden markiert haben; Zahlen sind auf Vielfache von {k} "
        "abgerundet, darunter wird nichts gezeigt.",
        "As of {period}: monthly snapshot. Only pairs whose members signed in themselves and marked a "
        "session as held are counted; figures are rounded down to multiples of {k}, and nothing below is shown.",
    ),
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
    "error_503": (
        "Die Datenbank ist gerade nicht erreichbar. Bitte versuche es in ein paar Sekunden noch einmal.",
        "The database cannot be reached right now. Please try again in a few seconds.",
    ),
    "db_safe": ("Es wurde nichts verändert.", "Nothing was changed."),
    "db_not_stored": (
        "Deine Eingabe wurde NICHT gespeichert – bitte sende sie gleich noch einmal.",
        "Your input was NOT stored – please send it again in a moment.",
    ),
    "db_stored": (
        "Deine Eingabe ist gespeichert; lade die Seite gleich neu, um sie zu sehen.",
        "Your input is stored; reload the page in a moment to see it.",
    ),
    "error_500": (
        "Ein Fehler auf unserer Seite. Es ging nichts verloren.",
        "An error on our side. Nothing was lost.",
    ),
    "home": ("Startseite", "Home"),
    "evaluation": ("Evaluation", "Evaluation"),
    "programme_health": ("Programmgesundheit", "Programme health"),
    "surveys": ("Befragungen", "Surveys"),
    # navigation and the knowledge library
    "navigation": ("Navigation", "Navigation"),
    "library": ("Bibliothek", "Library"),
    "library_intro": (
        "Das Handbuch des Programms: Prinzipien, Themen, Abläufe für Sessions, Tipps für beide Rollen und "
        "typische Stolpersteine – auf Deutsch und Englisch.",
        "The programme's handbook: principles, topics, session patterns, tips for both roles and common "
        "pitfalls – in German and English.",
    ),
    "library_search": ("Suche", "Search"),
    "library_search_hint": (
        "z. B. KI im Vertrieb, Feedback, erste Session",
        "e.g. AI in sales, feedback, first session",
    ),
    "lang_de": ("Deutsch", "German"),
    "lang_en": ("Englisch", "English"),
    "lang_all": ("beide Sprachen", "both languages"),
    "library_kind": ("Art", "Kind"),
    "library_all_kinds": ("alle Arten", "all kinds"),
    "library_all_categories": ("alle Kategorien", "all categories"),
    "library_apply": ("Anzeigen", "Show"),
    "library_results_for": ("Treffer für", "Results for"),
    "library_cards": ("Karten", "Cards"),
    "library_none": ("Keine Karte passt zu dieser Auswahl.", "No card matches this choice."),
    "library_steps": ("Ablauf in Schritten", "Steps"),
    "library_tags": ("Stichworte", "Tags"),
    "library_twin_de": ("Diese Karte auf Deutsch", "This card in German"),
    "library_twin_en": ("Diese Karte auf Englisch", "This card in English"),
    "library_cited": ("In Agenden verwendet", "Cited in agendas"),
    "library_cited_coordinator": (
        "Nur Anzahlen je Programm: Sessions, deren aktuelle Agenda sich auf diese Karte stützt. Wie in der "
        "Auswertung erscheint eine Zahl erst, wenn sie aus mindestens k Tandems stammt.",
        "Counts per programme only: sessions whose current agenda draws on this card. As on the insights "
        "page, a figure appears only when it comes from at least k pairs.",
    ),
    "library_sessions_citing": ("Sessions", "Sessions"),
    "library_no_programmes": (
        "Du koordinierst noch kein Programm.",
        "You do not coordinate a programme yet.",
    ),
    "library_not_cited": (
        "Keine aktuelle Agenda deines Tandems stützt sich bisher auf diese Karte.",
        "No current agenda of your pair draws on this card yet.",
    ),
    "library_no_card": ("Diese Karte gibt es nicht.", "This card does not exist."),
    "library_bad_lang": (
        "Diese Sprache gibt es in der Bibliothek nicht.",
        "The library has no such language.",
    ),
    "library_bad_kind": ("Diese Art von Karte gibt es nicht.", "There is no such kind of card."),
    "library_bad_category": ("Diese Kategorie gibt es nicht.", "There is no such category."),
    "library_bad_query": ("Die Suche konnte nicht ausgeführt werden.", "The search could not be run."),
    "library_unavailable": (
        "Die Bibliothek ist gerade nicht verfügbar. Bitte später erneut versuchen.",
        "The library is not available right now. Please try again later.",
    ),
    # where a session stands and what comes next (companion.sessions.progress)
    "next_step": ("Nächster Schritt", "Next step"),
    "go_topic": ("Zum Thema", "To the topic"),
    "go_agenda": ("Zur Agenda", "To the agenda"),
    "go_preparation": ("Zur Vorbereitung", "To the preparation"),
    "go_reflection": ("Zur Reflexion", "To the reflection"),
    "go_summary": ("Zur Zusammenfassung", "To the summary"),
    "go_schedule": ("Zum Verschieben und Absagen", "To moving and cancelling"),
    "stage_planned": ("geplant", "planned"),
    "stage_agenda": ("Agenda steht", "agenda ready"),
    "stage_preparation": ("Vorbereitung steht", "preparation ready"),
    "stage_held": ("stattgefunden", "held"),
    "stage_summary": ("Zusammenfassung liegt vor", "summary ready"),
    "stage_cancelled": ("abgesagt", "cancelled"),
    "overdue": ("überfällig", "overdue"),
    "next_topic": (
        "Wählt ein Thema für diese Session; danach entsteht die Agenda dazu. Eine Agenda ohne Thema "
        "ist auch möglich, dann mit einem allgemeinen Ablauf.",
        "Choose a topic for this session; the agenda is then made for it. An agenda without a topic is "
        "possible too, with a general flow.",
    ),
    "next_agenda": ("Erstellt die Agenda für diese Session.", "Create the agenda for this session."),
    "next_preparation": (
        "Erstellt die Vorbereitungsfragen – für euch beide, jede Seite mit eigenen Fragen.",
        "Create the preparation questions – for both of you, each side with its own questions.",
    ),
    "next_mark_held": (
        "Trefft euch wie geplant. Markiert die Session danach als stattgefunden, dann folgt die Reflexion.",
        "Meet as planned. Afterwards mark the session as held; the reflection follows.",
    ),
    "next_mark_held_overdue": (
        "Die Session ist vorbei, aber noch nicht als stattgefunden markiert. Hat sie stattgefunden? Sonst "
        "verschiebt sie oder sagt sie ab.",
        "The session's time has passed, but it is not marked as held. Did it take place? If not, move "
        "or cancel it.",
    ),
    "next_reflection_prompts": (
        "Erstellt die Reflexionsfragen und haltet fest, was ihr mitnehmt.",
        "Create the reflection prompts and note what you take away.",
    ),
    "next_reflect": ("Beantworte die Reflexionsfragen.", "Answer the reflection prompts."),
    "next_summary": (
        "Deine Reflexion ist gespeichert. Erstellt jetzt die Zusammenfassung.",
        "Your reflection is saved. Now create the summary.",
    ),
    "next_plan_next": (
        "Diese Session ist abgeschlossen. Plant die nächste.",
        "This session is complete. Plan the next one.",
    ),
    "next_replan": (
        "Die Session ist abgesagt. Ihr könnt sie wieder einplanen.",
        "The session is cancelled. You can plan it again.",
    ),
    "topic_none_option": ("– Thema wählen –", "– choose a topic –"),
    "free_topic": ("… oder eigenes Thema", "… or your own topic"),
    "agenda_request_no_topic": ("Agenda ohne Thema erstellen", "Create an agenda without a topic"),
    "cardkind_principle": ("Prinzip", "Principle"),
    "cardkind_topic": ("Thema", "Topic"),
    "cardkind_session-pattern": ("Session-Ablauf", "Session pattern"),
    "cardkind_role-tip": ("Tipp für eine Rolle", "Role tip"),
    "cardkind_pitfall": ("Stolperstein", "Pitfall"),
    "cardkind_challenge": ("Herausforderung", "Challenge"),
    "cardkind_format": ("Format", "Format"),
    "cardkind_programme": ("Programmgestaltung", "Programme design"),
    "cardkind_metric": ("Wirkung messen", "Measuring impact"),
    "cardkind_training": ("Schulung", "Training"),
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


# Plural forms: key -> ((German one, German other), (English one, English other)); ``{n}`` is the count.
PLURALS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "reflections_n": (("{n} Reflexion", "{n} Reflexionen"), ("{n} reflection", "{n} reflections")),
}


def plural(key: str, n: int, lang: str) -> str:
    """The singular or plural text for ``n`` (German and English both use "one" only for 1)."""
    forms = PLURALS[key][1 if lang == "en" else 0]
    return (forms[0] if n == 1 else forms[1]).format(n=n)


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
