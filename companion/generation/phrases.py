"""German and English phrases of the offline composer.

Placeholders in braces are filled with cleaned user text (see :mod:`companion.generation.safety`),
always inside quotation marks, so a goal or topic reads as a quotation, never as advice.
German addresses people with "du" and uses inclusive forms, like the knowledge cards.
"""

from __future__ import annotations

from typing import Final

PHRASES: Final[dict[str, dict[str, str]]] = {
    "de": {
        "q": "„{}“",
        "session": "Session {n}",
        "session_of": "Session {n} von {total}",
        "title": "{session} – {topic}",
        "topic_in_purpose": "Thema: {topic}.",
        "idea": "Vorschlag: {idea}",
        "goal_open": "Euer Ziel {goal}: Was soll heute dafür passieren?",
        "goal_close": "Welcher kleine Schritt bringt euch eurem Ziel {goal} bis zum nächsten Treffen näher?",
        "previous_open": "Was ist aus eurem Vorhaben zum Thema {prev} geworden?",
        "previous_review": "Ihr hattet unter anderem {prev}: Was davon wirkt bis heute nach?",
        "goal_first": "Ihr habt als Ziel {goal} notiert: Was bedeutet es für jede:n von euch?",
        "goal_review": "Euer Ziel {goal}: Wie weit seid ihr bisher gekommen?",
        "goal_final_open": "Euer Ziel zu Beginn war {goal}: Wo steht ihr heute?",
        "goal_final_close": "Was nehmt ihr euch für euer Ziel {goal} über das Programm hinaus vor?",
        "topic_next": "Wie greifen wir das Thema {topic} in der zweiten Hälfte auf?",
        "next_step": "Was ist dein konkreter nächster Schritt, und bis wann?",
        "next_step_purpose": "Genau ein Vorhaben mit Termin festhalten.",
        "nontech_title": "Der nicht-technische Blick: Menschen, Kultur, Zusammenarbeit",
        "nontech_purpose": "Über das Werkzeug hinaus klären, was das Thema für Zusammenarbeit, Erwartungen "
        "und Führung bedeutet.",
        "nontech_q": "Was bedeutet {head} für euer Team?",
        "nontech_generic": "Was verändert das Thema für Zusammenarbeit, Erwartungen und Führung in "
        "deinem Bereich?",
        # preparation
        "prep_title": "Vorbereitung auf {session} – {topic}",
        "prep_j_goal": "Welches konkrete Beispiel aus deinem Alltag passt zu eurem Ziel {goal}?",
        "prep_s_goal": "Was möchtest du zu eurem Ziel {goal} verstehen oder selbst ausprobieren?",
        # The expertise is the person's own free text ("Diversity-Netzwerk", "Social Media, Content"): in
        # parentheses it needs no article or case.
        "prep_j_expertise": "Was aus deiner Erfahrung ({expertise}) möchtest du in der Session zeigen?",
        "prep_s_role": "Wo begegnet dir das Thema in deiner Rolle als {role}?",
        "prep_s_previous": "Was hast du seit der letzten Session zum Thema {prev} ausprobiert, und was "
        "ist offen geblieben?",
        "prep_j_nontech": "Welche Erwartungen an Arbeit und Zusammenarbeit stecken für dich hinter "
        "diesem Thema, jenseits der Technik?",
        "prep_s_nontech": "Was verändert das Thema aus deiner Sicht für Zusammenarbeit, Erwartungen und "
        "Führung?",
        "prep_j_generic_1": "Welches Beispiel aus deinem Alltag macht das Thema {topic} greifbar?",
        # "die Senior-Seite" is replaced by the seniors' names when they are known (People.fill_roles).
        "prep_j_generic_2": "Was sollte die Senior-Seite aus deiner Sicht über {topic} unbedingt erleben "
        "oder ausprobieren?",
        "prep_j_generic_3": "Was möchtest du über die Erfahrungen der Senior-Seite mit {topic} erfahren?",
        "prep_s_generic_1": "Was möchtest du über {topic} verstehen oder selbst ausprobieren?",
        "prep_s_generic_2": "Welche eigene Erfahrung mit {topic} kannst du in die Session einbringen?",
        "prep_s_generic_3": "Welche Annahme zu {topic} möchtest du gern überprüfen?",
        "bring_j_example": "Ein konkretes Beispiel oder eine kurze Demo zum Thema {topic}",
        "bring_s_situation": "Eine echte Situation aus deinem Bereich, in der {topic} eine Rolle spielt",
        # reflection prompts
        # {S_of}/{J_of}: "von Petra", "von Aylin und Ben", or "deines Gegenübers" (never "des Seniors").
        "refl_j": "Was hast du heute über die Sicht und die Erfahrung {S_of} gelernt?|"
        "Wo konntest du als Fachperson der Session dein Wissen gut einbringen, und wo nicht?|"
        "Welchen Kontext {S_of} nimmst du mit, der dir weiterhilft?|"
        "Welchen nächsten Schritt habt ihr vereinbart, und was brauchst du dafür?|"
        "Was würdest du beim nächsten Mal anders vorbereiten?",
        "refl_s": "Was hast du heute neu verstanden oder selbst ausprobiert?|"
        "Welche deiner Annahmen hat sich verändert?|"
        "Welche Erfahrung oder welchen Kontext hast du eingebracht?|"
        "Was probierst du bis zur nächsten Session konkret aus?|"
        "Wie hast du das Gespräch auf Augenhöhe erlebt?",
        "refl_topic_j": "Was hast du heute zum Thema {topic} aus der Sicht {S_of} gelernt?",
        "refl_topic_s": "Was hast du heute zum Thema {topic} neu verstanden oder selbst ausprobiert?",
        "refl_nontech_s": "Was hast du über Erwartungen und Arbeitsweisen jenseits der Technik gelernt?",
        "refl_first_j": "Wie hast du euer erstes Treffen erlebt, und was brauchst du für die nächsten?|"
        "Welche der gesammelten Themen möchtest du am liebsten zeigen?|"
        "Was hast du über den Arbeitsalltag {S_of} erfahren, das dich überrascht hat?|"
        "Was habt ihr für das nächste Treffen vereinbart?",
        "refl_first_s": "Wie hast du euer erstes Treffen erlebt?|"
        "Welches Thema interessiert dich am meisten, und warum?|"
        "Was möchtest du nach der Programmlaufzeit anders machen als heute?|"
        "Was habt ihr für das nächste Treffen vereinbart?",
        "refl_final_j": "Was nimmst du aus dem ganzen Programm mit, über dich und über das Unternehmen?|"
        "Was hat in euren Treffen besonders gut funktioniert, und was würdest du ändern?|"
        "Welche Empfehlung soll die Koordination für die nächste Runde bekommen?|"
        "Möchtest du den Austausch fortsetzen, und in welcher Form?",
        "refl_final_s": "Was machst du heute anders als vor dem Programm?|"
        "Welche Perspektive {J_of} hat dein Denken am stärksten verändert?|"
        "Welche Empfehlung soll die Koordination für die nächste Runde bekommen?|"
        "Möchtest du den Austausch fortsetzen, und in welcher Form?",
        # summary
        "sum_by": "Zur Session {topic} hat {who} reflektiert.",
        "sum_by_missing": "Zur Session {topic} hat {who} reflektiert; die Reflexion von {missing} steht noch aus.",
        "sum_by_no_topic": "Zu dieser Session hat {who} reflektiert.",
        "sum_by_missing_no_topic": "Zu dieser Session hat {who} reflektiert; die Reflexion von {missing} steht "
        "noch aus.",
        "sum_counts": "Zur Session {topic} gibt es {junior} und {senior}.",
        "sum_counts_no_topic": "Zu dieser Session gibt es {junior} und {senior}.",
        "sum_refl_j_0": "keine Reflexion der Junior-Seite",
        "sum_refl_j_1": "eine Reflexion der Junior-Seite",
        "sum_refl_j_n": "{n} Reflexionen der Junior-Seite",
        "sum_refl_s_0": "keine Reflexion der Senior-Seite",
        "sum_refl_s_1": "eine Reflexion der Senior-Seite",
        "sum_refl_s_n": "{n} Reflexionen der Senior-Seite",
        "sum_themes": "Themen, die darin vorkommen: {themes}.",
        "sum_junior": "Die Junior-Seite hebt hervor: {text}",
        "sum_senior": "Die Senior-Seite hebt hervor: {text}",
        "sum_step": "Als nächster Schritt wird genannt: {text}",
        "sum_no_step": "Ein konkreter nächster Schritt ist in den Reflexionen noch nicht genannt.",
        "sum_add_step": "Einen konkreten nächsten Schritt mit Termin vereinbaren; die Reflexionen nennen "
        "noch keinen.",
    },
    "en": {
        "q": "“{}”",
        "session": "Session {n}",
        "session_of": "Session {n} of {total}",
        "title": "{session} – {topic}",
        "topic_in_purpose": "Topic: {topic}.",
        "idea": "Suggestion: {idea}",
        "goal_open": "Your goal {goal}: what should happen for it today?",
        "goal_close": "Which small step brings you closer to your goal {goal} before you next meet?",
        "previous_open": "What came of what you planned after {prev}?",
        "previous_review": "Your topics included {prev}: what still has an effect today?",
        "goal_first": "You noted the goal {goal}: what does it mean to each of you?",
        "goal_review": "Your goal {goal}: how far have you come so far?",
        "goal_final_open": "Your goal at the start was {goal}: where do you stand today?",
        "goal_final_close": "What will you take on for your goal {goal} beyond the programme?",
        "topic_next": "How do we pick up {topic} in the second half?",
        "next_step": "What is your concrete next step, and by when?",
        "next_step_purpose": "Agree on exactly one next step with a date.",
        "nontech_title": "The non-technical angle: people, culture, ways of working",
        "nontech_purpose": "Look beyond the tool: what the topic means for collaboration, expectations "
        "and leadership.",
        "nontech_q": "What does {head} mean for your team?",
        "nontech_generic": "What does the topic change for collaboration, expectations and leadership in "
        "your area?",
        "prep_title": "Preparing {session} – {topic}",
        "prep_j_goal": "Which concrete example from your day-to-day work fits your goal {goal}?",
        "prep_s_goal": "What do you want to understand or try yourself about your goal {goal}?",
        "prep_j_expertise": "What from your experience ({expertise}) would you like to show in the session?",
        "prep_s_role": "Where does the topic come up in your role as {role}?",
        "prep_s_previous": "What have you tried since the last session on {prev}, and what is still open?",
        "prep_j_nontech": "Which expectations of work and collaboration sit behind this topic for you, "
        "beyond the technology?",
        "prep_s_nontech": "What does the topic change, in your view, for collaboration, expectations and "
        "leadership?",
        "prep_j_generic_1": "Which example from your day-to-day work makes {topic} tangible?",
        "prep_j_generic_2": "What should the senior experience or try about {topic}, in your view?",
        "prep_j_generic_3": "What would you like to hear from the senior about their experience with "
        "{topic}?",
        "prep_s_generic_1": "What do you want to understand or try yourself about {topic}?",
        "prep_s_generic_2": "Which experience of your own with {topic} can you bring to the session?",
        "prep_s_generic_3": "Which assumption about {topic} would you like to test?",
        "bring_j_example": "A concrete example or a short demo on {topic}",
        "bring_s_situation": "A real situation from your area in which {topic} plays a part",
        # {S_of}: "Ruth's", "Aylin and Ben's", or "your counterpart's"; {S_who}/{J_who} the names or
        # "your counterpart" (never "the senior" when the names are known).
        "refl_j": "What did you learn today about {S_of} view and experience?|"
        "Where could you bring in your knowledge as the session's expert, and where not?|"
        "What context did {S_who} share that helps you?|"
        "Which next step did you agree on, and what do you need for it?|"
        "What would you prepare differently next time?",
        "refl_s": "What did you newly understand or try yourself today?|"
        "Which of your assumptions has changed?|"
        "Which experience or context did you bring in?|"
        "What will you try before the next session, concretely?|"
        "How did you experience the conversation at eye level?",
        "refl_topic_j": "What did you learn today about {topic} from {S_of} point of view?",
        "refl_topic_s": "What did you newly understand or try yourself today about {topic}?",
        "refl_nontech_s": "What did you learn about expectations and ways of working beyond the technology?",
        "refl_first_j": "How did you experience your first meeting, and what do you need for the next "
        "ones?|Which of the topics you collected would you most like to show?|"
        "What did you learn about {S_of} working day that surprised you?|"
        "What did you agree for the next meeting?",
        "refl_first_s": "How did you experience your first meeting?|"
        "Which topic interests you most, and why?|"
        "What would you like to do differently at the end of the programme than today?|"
        "What did you agree for the next meeting?",
        "refl_final_j": "What do you take away from the whole programme, about yourself and the "
        "organisation?|What worked particularly well in your meetings, and what would you change?|"
        "Which recommendation should the coordinators get for the next round?|"
        "Would you like to continue the exchange, and in what form?",
        "refl_final_s": "What do you do differently today than before the programme?|"
        "Which perspective of {J_who} changed your thinking most?|"
        "Which recommendation should the coordinators get for the next round?|"
        "Would you like to continue the exchange, and in what form?",
        "sum_by": "{who} reflected on the session on {topic}.",
        "sum_by_missing": "{who} reflected on the session on {topic}; the reflection of {missing} is still to come.",
        "sum_by_no_topic": "{who} reflected on this session.",
        "sum_by_missing_no_topic": "{who} reflected on this session; the reflection of {missing} is still to come.",
        "sum_counts": "The session on {topic} has {junior} and {senior}.",
        "sum_counts_no_topic": "This session has {junior} and {senior}.",
        "sum_refl_j_0": "no reflection from the junior side",
        "sum_refl_j_1": "one reflection from the junior side",
        "sum_refl_j_n": "{n} reflections from the junior side",
        "sum_refl_s_0": "no reflection from the senior side",
        "sum_refl_s_1": "one reflection from the senior side",
        "sum_refl_s_n": "{n} reflections from the senior side",
        "sum_themes": "Themes they touch on: {themes}.",
        "sum_junior": "The junior side highlights: {text}",
        "sum_senior": "The senior side highlights: {text}",
        "sum_step": "Named as a next step: {text}",
        "sum_no_step": "The reflections do not name a concrete next step yet.",
        "sum_add_step": "Agree on one concrete next step with a date; the reflections do not name one yet.",
    },
}


def phrase(lang: str, key: str, **values: str | int) -> str:
    """The phrase ``key`` in ``lang`` with its placeholders filled."""
    return PHRASES[lang][key].format(**values)


def phrase_list(lang: str, key: str, **values: str | int) -> list[str]:
    """A ``|``-separated phrase as a list."""
    return [p.format(**values) for p in PHRASES[lang][key].split("|")]


def quote(lang: str, text: str) -> str:
    """``text`` in the language's quotation marks."""
    return PHRASES[lang]["q"].format(text)
