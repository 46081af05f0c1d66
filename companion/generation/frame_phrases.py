"""Sentences that shape the frame sessions (first session, mid-programme check-in, final retrospective)
by the pair's goals.

A facilitator does not run these sessions from a fixed form: the first session makes *these* goals
concrete (what each looks like when reached, what the senior side can contribute, which comes first),
the check-in reviews progress goal by goal and what changes for the second half, the retrospective
looks back goal by goal and decides what continues. Keys ending in ``_<kind>`` follow the goal's
outcome kind (:mod:`~companion.generation.goals`); ``|`` separates variants that the goal's text picks.
Goals never fill a slot in these sentences: a question about one goal is written after the quoted goal
as its label ("„Kernarbeitszeiten festlegen“: Wie sähe eine gute Entscheidung aus …?").
``{J}``/``{S}`` are the names of the junior and senior side; ``_pl`` keys are for several people.
"""

from __future__ import annotations

from typing import Final

from companion.generation.guidance_phrases import variant
from companion.generation.retro_phrases import RETRO

F: Final[dict[str, dict[str, str]]] = {
    "de": {
        # first session: the goals made concrete
        "goals_t": "Eure Ziele konkret: woran ihr merkt, dass es geklappt hat",
        "goals_t_short": "Kennenlernen und eure Ziele",
        "goals_t_understand": "Euer Ziel konkret: was ihr danach erklären könnt",
        "goals_t_try": "Euer Ziel konkret: was {S} danach allein kann",
        "goals_t_decide": "Euer Ziel konkret: wie eine gute Entscheidung aussieht",
        "goals_t_produce": "Euer Ziel konkret: wofür das Ergebnis gut sein soll",
        "goals_t_habit": "Euer Ziel konkret: woran ihr die Veränderung merkt",
        "goals_t_connect": "Euer Ziel konkret: wer wen kennen soll",
        "goals_label": "Eure Ziele",
        "goals_p": "Zu jedem Ziel beschreibt ihr, wie es aussieht, wenn es erreicht ist.",
        "goals_p_one": "Ihr beschreibt, wie es aussieht, wenn euer Ziel erreicht ist.",
        "give_p": "{S} erzählt, wie es im eigenen Bereich heute darum steht und was sich von dort "
        "beitragen lässt: Zahlen, Kontakte, Freigaben.",
        "give_p_pl": "{S} erzählen, wie es in den eigenen Bereichen heute darum steht und was sich von "
        "dort beitragen lässt: Zahlen, Kontakte, Freigaben.",
        "goals_p_short": "Dabei sagt jede Seite, wie es aussieht, wenn eure Ziele erreicht sind.",
        "goals_p_short_one": "Dabei sagt jede Seite, wie es aussieht, wenn euer Ziel erreicht ist.",
        "reach_q_understand": "Woran würdest du merken, dass du es verstanden hast: Was könntest du dann "
        "jemandem erklären?|Welche Frage wäre beantwortet, wenn ihr hier am Ziel seid?",
        "reach_q_try": "Was soll am Ende ohne Hilfe und ohne Nachfragen klappen?|Woran merkt ihr, dass der "
        "erste Versuch ohne Hilfe geklappt hat?",
        "reach_q_decide": "Wie sähe eine gute Entscheidung aus, und bis wann muss sie fallen?|Was muss auf "
        "dem Tisch liegen, damit ihr entscheiden könnt?",
        "reach_q_produce": "Wer nutzt das Ergebnis am Ende, und wann ist es gut genug?|Was muss im "
        "fertigen Ergebnis stehen, damit es im Alltag taugt?",
        "reach_q_habit": "Woran würde dein Team in drei Monaten merken, dass sich etwas geändert hat?|"
        "Welche kleine Änderung wäre schon ein Erfolg?",
        "reach_q_connect": "Wer soll am Ende wen kennen, und was hätten beide davon?|Welcher Kontakt wäre "
        "nach dem Programm der wichtigste?",
        "give_q_understand": "Welche Erfahrungen aus deinem Bereich kannst du dazu beisteuern?|Wen in "
        "deinem Bereich könnte {J} dazu befragen?",
        "give_q_try": "Welchen echten Vorgang aus deinem Alltag könnt ihr zum Ausprobieren nehmen?|"
        "Welche Zugänge oder Geräte kannst du dafür besorgen?",
        "give_q_decide": "Wer entscheidet bei euch mit, und welche Zahlen kannst du dafür beisteuern?|"
        "Welche Rahmenbedingungen der Entscheidung sind für {J} wichtig zu kennen?",
        "give_q_produce": "Welche Vorgaben, alten Fassungen oder Freigabewege bringst du dafür mit?|Wer "
        "muss das Ergebnis freigeben, und wie ebnest du den Weg dahin?",
        "give_q_habit": "In welcher Situation deiner Woche zeigt sich die alte Gewohnheit am deutlichsten?|"
        "Wer in deinem Team würde eine Änderung als Erstes bemerken?",
        "give_q_connect": "Welche Türen im Unternehmen kannst du dafür öffnen?|Wen aus deinem Netzwerk "
        "könntest du {J} vorstellen?",
        # first session: which goal comes first, and the topics of the next sessions
        "road_t": "Fahrplan: mit welchem Ziel ihr anfangt",
        "road_t_one": "Fahrplan: Themen auf dem Weg zu eurem Ziel",
        "road_p": "{J} schlägt vor, in welcher Reihenfolge ihr die Ziele angeht und welches Thema in welches "
        "Treffen gehört; mindestens eines betrifft Kultur oder Zusammenarbeit, nicht nur Technik.",
        "road_p_pl": "{J} schlagen vor, in welcher Reihenfolge ihr die Ziele angeht und welches Thema in "
        "welches Treffen gehört; mindestens eines betrifft Kultur oder Zusammenarbeit, nicht nur Technik.",
        "road_p_one": "{J} schlägt Themen vor, die euch dem Ziel näher bringen; gemeinsam wählt ihr zwei "
        "bis drei aus, mindestens eines zu Kultur oder Zusammenarbeit.",
        "road_p_one_pl": "{J} schlagen Themen vor, die euch dem Ziel näher bringen; gemeinsam wählt ihr "
        "zwei bis drei aus, mindestens eines zu Kultur oder Zusammenarbeit.",
        "idea_next": "Idee für ein nächstes Treffen – {title}: {text}",
        "idea_next_goal": "Idee für ein nächstes Treffen, zu {goal} – {title}: {text}",
        "idea_half": "Idee für die zweite Hälfte – {title}: {text}",
        "road_q": "Mit welchem Ziel fangt ihr an, und warum gerade damit?|Welches Ziel bringt am "
        "schnellsten etwas Greifbares, und welches braucht mehr Zeit?",
        "road_q_one": "Welches Thema bringt euch dem Ziel im nächsten Treffen am weitesten?|Welcher "
        "Teilschritt zum Ziel passt in das nächste Treffen?",
        # check-in: progress goal by goal, and what changes for the second half
        "mid_p": "Ziel für Ziel: was erreicht ist, was hängt und was ihr streicht.",
        "mood_q": "Welches Treffen hat euch dem Ziel bisher am nächsten gebracht?",
        "mid_t_understand": "Was schon klarer ist, und was noch offen ist",
        "mid_t_try": "Was schon ohne Hilfe klappt",
        "mid_t_decide": "Wo die Entscheidung steht",
        "mid_t_produce": "Wie weit das Ergebnis ist",
        "mid_t_habit": "Wie die neue Gewohnheit hält",
        "mid_t_connect": "Welche Kontakte schon stehen",
        "mid_p_understand": "Ihr sagt, was seit dem Start klarer geworden ist und welche Frage noch offen ist.",
        "mid_p_try": "Ihr schaut, was inzwischen ohne Hilfe klappt und welcher Schritt als Nächstes dran ist.",
        "mid_p_decide": "Ihr prüft, ob die Entscheidung gefallen ist oder was dafür noch fehlt.",
        "mid_p_produce": "Ihr legt den Zwischenstand auf den Tisch: was fertig ist, was fehlt, wer es "
        "schon gesehen hat.",
        "mid_p_habit": "Ihr schaut, wie oft die neue Gewohnheit schon gehalten hat und woran es lag, wenn "
        "nicht.",
        "mid_p_connect": "Ihr geht durch, welche Kontakte schon zustande gekommen sind und welche noch fehlen.",
        "mid_q_understand": "Was weißt du heute, was du beim ersten Treffen noch nicht wusstest?|Welche "
        "Frage ist noch offen, und wer kann sie beantworten?",
        "mid_q_try": "Was klappt inzwischen ohne Hilfe?|Wo hakt es beim Ausprobieren noch?",
        "mid_q_decide": "Ist die Entscheidung gefallen, und wenn nicht: woran hängt es?|Welche Information "
        "fehlt noch, und wer besorgt sie?",
        "mid_q_produce": "Wie weit ist der Entwurf, und was fehlt bis zur ersten Fassung?|Wer hat den "
        "Entwurf schon gesehen, und was sagen sie?",
        "mid_q_habit": "Wie oft hat die neue Gewohnheit in den letzten Wochen gehalten?|Was hilft beim "
        "Dranbleiben, und was bremst?",
        "mid_q_connect": "Welcher Kontakt ist schon zustande gekommen, und was hat er gebracht?|Wen wollt "
        "ihr bis zum Ende noch zusammenbringen?",
        "smid_q_understand": "Was erklärst du deinem Team inzwischen anders als vor dem Programm?",
        "smid_q_try": "Was nutzt du inzwischen selbst im Alltag, ohne nachzufragen?",
        "smid_q_decide": "Was hat sich in deinem Bereich verändert, seit die Entscheidung auf dem Tisch liegt?",
        "smid_q_produce": "Wer in deinem Bereich wartet auf das Ergebnis, und was soll es dort leisten?",
        "smid_q_habit": "In welcher Situation hast du die neue Gewohnheit zuletzt angewendet?",
        "smid_q_connect": "Wen hast du seit dem Start angesprochen, und was ist daraus geworden?",
        "plan_q_understand": "Welche offene Frage nehmt ihr euch für die zweite Hälfte vor?",
        "plan_q_try": "Was soll bis zum Programmende ohne Hilfe klappen?",
        "plan_q_decide": "Bis wann soll die Entscheidung fallen, und wer bereitet sie vor?",
        "plan_q_produce": "Bis wann steht die erste Fassung, und wer testet sie?",
        "plan_q_habit": "Woran messt ihr bis zum Ende, ob die Gewohnheit hält?",
        "plan_q_connect": "Wen bringt ihr bis zum Ende zusammen, und wer stellt den Kontakt her?",
        "smid_t_understand": "Was sich bei {S} schon verschoben hat",
        "smid_t_try": "Was {S} schon selbst nutzt",
        "smid_t_decide": "Wer bei {S} mitentscheidet",
        "smid_t_produce": "Wer bei {S} auf das Ergebnis wartet",
        "smid_t_habit": "Wo die neue Gewohnheit bei {S} greift",
        "smid_t_connect": "Welche Gespräche {S} angestoßen hat",
        "smid_p_understand": "{S} erzählt, was sich am eigenen Blick schon verschoben hat und was im Alltag "
        "noch nicht ankommt; {J} fragt nach.",
        "smid_p_understand_pl": "{S} erzählen, was sich am eigenen Blick schon verschoben hat und was im "
        "Alltag noch nicht ankommt; {J} fragt nach.",
        "smid_p_try": "{S} erzählt, was vom Ausprobierten schon im Alltag genutzt wird und was liegen "
        "geblieben ist; {J} sagt, was dabei helfen würde.",
        "smid_p_try_pl": "{S} erzählen, was vom Ausprobierten schon im Alltag genutzt wird und was liegen "
        "geblieben ist; {J} sagt, was dabei helfen würde.",
        "smid_p_decide": "{S} erzählt, wer im eigenen Bereich bei der Entscheidung mitredet und was dort "
        "gerade dagegen spricht; {J} bringt die Sicht der Jüngeren ein.",
        "smid_p_decide_pl": "{S} erzählen, wer in den eigenen Bereichen bei der Entscheidung mitredet und "
        "was dort gerade dagegen spricht; {J} bringt die Sicht der Jüngeren ein.",
        "smid_p_produce": "{S} erzählt, wer im eigenen Bereich auf das Ergebnis wartet und was es dort "
        "leisten muss; {J} gleicht das mit dem Entwurf ab.",
        "smid_p_produce_pl": "{S} erzählen, wer in den eigenen Bereichen auf das Ergebnis wartet und was es "
        "dort leisten muss; {J} gleicht das mit dem Entwurf ab.",
        "smid_p_habit": "{S} erzählt, in welchen Situationen die neue Gewohnheit schon gegriffen hat und wo "
        "der Alltag dazwischenkam; {J} sagt, was davon im Team ankommt.",
        "smid_p_habit_pl": "{S} erzählen, in welchen Situationen die neue Gewohnheit schon gegriffen hat und "
        "wo der Alltag dazwischenkam; {J} sagt, was davon im Team ankommt.",
        "smid_p_connect": "{S} erzählt, welche Gespräche im Unternehmen schon angestoßen sind und wo es noch "
        "hakt; {J} sagt, wen es als Nächstes anzusprechen lohnt.",
        "smid_p_connect_pl": "{S} erzählen, welche Gespräche im Unternehmen schon angestoßen sind und wo es "
        "noch hakt; {J} sagt, wen es als Nächstes anzusprechen lohnt.",
    },
    "en": {
        "goals_t": "Your goals made concrete: how you will know it worked",
        "goals_t_short": "Getting to know each other and your goals",
        "goals_t_understand": "Your goal made concrete: what you will be able to explain",
        "goals_t_try": "Your goal made concrete: what {S} will be able to do alone",
        "goals_t_decide": "Your goal made concrete: what a good decision looks like",
        "goals_t_produce": "Your goal made concrete: what the result is for",
        "goals_t_habit": "Your goal made concrete: how you will notice the change",
        "goals_t_connect": "Your goal made concrete: who should know whom",
        "goals_label": "Your goals",
        "goals_p": "For each goal you describe what it looks like once it is reached.",
        "goals_p_one": "You describe what it looks like once your goal is reached.",
        "give_p": "{S} tells where things stand in their area today and what can be contributed from "
        "there: figures, contacts, approvals.",
        "give_p_pl": "{S} tell where things stand in their areas today and what can be contributed from "
        "there: figures, contacts, approvals.",
        "goals_p_short": "Each side also says what it will look like once your goals are reached.",
        "goals_p_short_one": "Each side also says what it will look like once your goal is reached.",
        "reach_q_understand": "How would you notice that you have understood it: what could you then "
        "explain to someone?|Which question would be answered once you get there?",
        "reach_q_try": "What should {S} be able to do alone in the end, without asking?|How will you know "
        "that a first attempt without help worked?",
        "reach_q_decide": "What would a good decision look like, and by when must it be made?|What needs "
        "to be on the table so that you can decide?",
        "reach_q_produce": "Who will use the result, and when is it good enough?|What must the finished "
        "result contain to be useful day to day?",
        "reach_q_habit": "How would your team notice in three months that something has changed?|Which "
        "small change would already count as a success?",
        "reach_q_connect": "Who should know whom in the end, and what would both gain?|Which contact "
        "would matter most after the programme?",
        "give_q_understand": "Which experience from your area can you contribute?|Whom in your area "
        "could {J} ask about it?",
        "give_q_try": "Which real task from your day-to-day can you use to try it?|Which access or devices "
        "can you arrange for it?",
        "give_q_decide": "Who else has a say in this, and which figures can you bring?|Which conditions "
        "should {J} know for this decision?",
        "give_q_produce": "Which rules, old versions or approval paths do you bring?|Who has to approve "
        "the result, and how do you smooth the way?",
        "give_q_habit": "In which situation of your week does the old habit show most clearly?|Who in "
        "your team would notice a change first?",
        "give_q_connect": "Which doors in the organisation can you open for it?|Whom from your network "
        "could you introduce to {J}?",
        "road_t": "Roadmap: which goal you start with",
        "road_t_one": "Roadmap: topics on the way to your goal",
        "road_p": "{J} suggests the order in which you take on the goals and which topic belongs in which "
        "session; at least one is about culture or collaboration, not only technology.",
        "road_p_pl": "{J} suggest the order in which you take on the goals and which topic belongs in "
        "which session; at least one is about culture or collaboration, not only technology.",
        "road_p_one": "{J} suggests topics that bring you closer to the goal; together you choose two or "
        "three, at least one about culture or collaboration.",
        "road_p_one_pl": "{J} suggest topics that bring you closer to the goal; together you choose two "
        "or three, at least one about culture or collaboration.",
        "idea_next": "Idea for a later session – {title}: {text}",
        "idea_next_goal": "Idea for a later session, on {goal} – {title}: {text}",
        "idea_half": "Idea for the second half – {title}: {text}",
        "road_q": "Which goal do you start with, and why that one?|Which goal brings something tangible "
        "fastest, and which needs more time?",
        "road_q_one": "Which topic takes you furthest towards the goal in the next session?|Which step "
        "towards the goal fits into the next session?",
        "mid_p": "Goal by goal: what is reached, what is stuck and what you drop.",
        "mood_q": "Which session so far brought you closest to the goal?",
        "mid_t_understand": "What is clearer, and what is still open",
        "mid_t_try": "What already works without help",
        "mid_t_decide": "Where the decision stands",
        "mid_t_produce": "How far the result has come",
        "mid_t_habit": "How the new habit is holding",
        "mid_t_connect": "Which contacts are in place",
        "mid_p_understand": "You say what has become clearer since the start and which question is still "
        "open.",
        "mid_p_try": "You look at what now works without help and which step comes next.",
        "mid_p_decide": "You check whether the decision has been made or what is still missing for it.",
        "mid_p_produce": "You put the interim result on the table: what is done, what is missing, who has "
        "seen it.",
        "mid_p_habit": "You look at how often the new habit has held, and what got in the way when it did "
        "not.",
        "mid_p_connect": "You go through which contacts have come about and which are still missing.",
        "mid_q_understand": "What do you know today that you did not know at the first session?|Which "
        "question is still open, and who can answer it?",
        "mid_q_try": "What works without help by now?|Where does trying it still stick?",
        "mid_q_decide": "Has the decision been made, and if not, what is holding it up?|Which information "
        "is still missing, and who gets it?",
        "mid_q_produce": "How far is the draft, and what is missing for a first version?|Who has seen the "
        "draft, and what do they say?",
        "mid_q_habit": "How often has the new habit held in the last weeks?|What helps you stick with it, "
        "and what gets in the way?",
        "mid_q_connect": "Which contact has come about, and what did it bring?|Whom do you still want to "
        "bring together before the end?",
        "smid_q_understand": "What do you explain to your team differently than before the programme?",
        "smid_q_try": "What do you now use yourself day to day, without asking?",
        "smid_q_decide": "What has changed in your area since the decision came on the table?",
        "smid_q_produce": "Who in your area is waiting for the result, and what do they expect?",
        "smid_q_habit": "In which situation did you last apply the new habit?",
        "smid_q_connect": "Whom have you approached since the start, and what came of it?",
        "plan_q_understand": "Which open question do you take on in the second half?",
        "plan_q_try": "What should work without help by the end of the programme?",
        "plan_q_decide": "By when should the decision be made, and who prepares it?",
        "plan_q_produce": "By when is the first version ready, and who tests it?",
        "plan_q_habit": "How will you tell by the end whether the habit holds?",
        "plan_q_connect": "Whom do you bring together before the end, and who makes the contact?",
        "smid_t_understand": "What has already shifted for {S}",
        "smid_t_try": "What {S} already uses themselves",
        "smid_t_decide": "Who has a say in {S}'s area",
        "smid_t_produce": "Who is waiting for the result in {S}'s area",
        "smid_t_habit": "Where the new habit takes hold for {S}",
        "smid_t_connect": "Which conversations {S} has started",
        "smid_p_understand": "{S} tells what has already shifted in their view and what has not yet reached "
        "day-to-day work; {J} asks.",
        "smid_p_understand_pl": "{S} tell what has already shifted in their view and what has not yet "
        "reached day-to-day work; {J} asks.",
        "smid_p_try": "{S} tells what of the things tried is already used day to day and what was left "
        "lying; {J} says what would help.",
        "smid_p_try_pl": "{S} tell what of the things tried is already used day to day and what was left "
        "lying; {J} says what would help.",
        "smid_p_decide": "{S} tells who has a say in the decision in their area and what speaks against it "
        "there right now; {J} brings in how younger colleagues see it.",
        "smid_p_decide_pl": "{S} tell who has a say in the decision in their areas and what speaks against "
        "it there right now; {J} brings in how younger colleagues see it.",
        "smid_p_produce": "{S} tells who in their area is waiting for the result and what it must do there; "
        "{J} checks the draft against it.",
        "smid_p_produce_pl": "{S} tell who in their areas is waiting for the result and what it must do "
        "there; {J} checks the draft against it.",
        "smid_p_habit": "{S} tells in which situations the new habit has already taken hold and where "
        "everyday work got in the way; {J} says what of it reaches the team.",
        "smid_p_habit_pl": "{S} tell in which situations the new habit has already taken hold and where "
        "everyday work got in the way; {J} says what of it reaches the team.",
        "smid_p_connect": "{S} tells which conversations in the organisation have been started and where it "
        "sticks; {J} says whom to approach next.",
        "smid_p_connect_pl": "{S} tell which conversations in the organisation have been started and where "
        "it sticks; {J} says whom to approach next.",
    },
}


# The final retrospective's sentences live in their own module (retro_phrases).
for _lang, _table in RETRO.items():
    F[_lang].update(_table)


def frame(lang: str, key: str, plural: bool = False, seed: str = "", **values: str) -> str:
    """The sentence ``key`` (its ``_pl`` form for a plural subject, if there is one), filled in; of
    ``|``-separated variants the one ``seed`` picks (the first without a seed)."""
    table = F[lang]
    text = table.get(f"{key}_pl", table[key]) if plural else table[key]
    out = variant(lang, text, seed, values)
    return out[0].upper() + out[1:]  # a neutral side form ("die Senior-Seite") may open the sentence
