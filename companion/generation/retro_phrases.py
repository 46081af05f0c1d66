"""Sentences of the final retrospective shaped by the pair's goals (see
:mod:`~companion.generation.frame_phrases`, which merges them into its table).

The retrospective looks back with the goals from the start next to the timeline, asks both sides about
the main goal (the junior side what working on it taught, the senior side what it changed in their
area), and decides goal by goal what is finished and what continues. Keys ending in ``_<kind>`` follow
the goal's outcome kind; ``_pl`` keys are for several people on the sentence's subject side.
"""

from __future__ import annotations

from typing import Final

RETRO: Final[dict[str, dict[str, str]]] = {
    "de": {
        "back_goals": "Eure Ziele vom Anfang liegen daneben",
        "cont_p": "Ziel für Ziel haltet ihr fest, was abgeschlossen ist, was weiterläuft und wer sich darum "
        "kümmert.",
        "cont_q_understand": "Welche Frage bleibt offen, und wer geht ihr nach dem Programm nach?",
        "cont_q_try": "Was probierst du nach dem Programm als Nächstes allein aus?",
        "cont_q_decide": "Wer schaut in drei Monaten nach, ob die Entscheidung trägt?",
        "cont_q_produce": "Wer pflegt das Ergebnis nach dem Programm weiter?",
        "cont_q_habit": "Wer erinnert wen daran, wenn die Gewohnheit nach dem Programm nachlässt?",
        "cont_q_connect": "Wie haltet ihr die Kontakte, wenn das Programm endet?",
        "back_goals_one": "Euer Ziel vom Anfang liegt daneben",
        "back_q": "Wo standet ihr dabei beim ersten Treffen, und wo steht ihr heute?",
        "cont_t_understand": "Wie es weitergeht: wem ihr weitergebt, was ihr verstanden habt",
        "cont_t_try": "Wie es weitergeht: der nächste Schritt ohne Hilfe",
        "cont_t_decide": "Wie es weitergeht: wann ihr prüft, ob die Entscheidung trägt",
        "cont_t_produce": "Wie es weitergeht: wer das Ergebnis pflegt",
        "cont_t_habit": "Wie es weitergeht: wer nachfragt, wenn die Gewohnheit nachlässt",
        "cont_t_connect": "Wie es weitergeht: wie die Kontakte bleiben",
        "cont_p_one": "Ist euer Ziel erreicht? Ihr klärt, was weiterläuft und wer sich darum kümmert.",
        "cont_p_understand": "Was ihr verstanden habt, soll nicht bei euch bleiben: Ihr klärt, wem ihr es "
        "weitergebt.",
        "cont_p_try": "Was ausprobiert wurde, bekommt einen nächsten Schritt, der ohne Hilfe gelingt.",
        "cont_p_decide": "Die Entscheidung bekommt einen Termin, an dem ihr prüft, ob sie trägt.",
        "cont_p_produce": "Das Ergebnis bekommt eine Person, die es pflegt, und einen Ort, an dem andere es "
        "finden.",
        "cont_p_habit": "Die neue Gewohnheit bekommt jemanden, der nachfragt, wenn sie nachlässt.",
        "cont_p_connect": "Die Kontakte bekommen einen festen Rhythmus, damit sie das Programmende überdauern.",
        "jfin_p_understand": "{J} sagt, was das Erklären über das eigene Wissen gezeigt hat, was {J} über das "
        "Unternehmen gelernt hat, und gibt eine offene Rückmeldung an {S}.",
        "jfin_p_try": "{J} sagt, was das Anleiten über gutes Erklären gelehrt hat und was vom gemeinsamen "
        "Ausprobieren bleibt, und gibt eine offene Rückmeldung an {S}.",
        "jfin_p_decide": "{J} sagt, wie es war, bei einer echten Entscheidung mitzureden, und was das über "
        "Führung gezeigt hat, und gibt eine offene Rückmeldung an {S}.",
        "jfin_p_produce": "{J} sagt, was die Arbeit am gemeinsamen Ergebnis gelehrt hat und was davon in die "
        "eigene Arbeit mitgeht, und gibt eine offene Rückmeldung an {S}.",
        "jfin_p_habit": "{J} sagt, welche Veränderung im Team sichtbar geworden ist und was das Begleiten "
        "gelehrt hat, und gibt eine offene Rückmeldung an {S}.",
        "jfin_p_connect": "{J} sagt, welche Kontakte für den eigenen Weg bleiben und was das Programm sonst "
        "gebracht hat, und gibt eine offene Rückmeldung an {S}.",
        "jfin_q_understand": "Was hast du beim Erklären selbst besser verstanden?",
        "jfin_q_try": "Was hast du beim Anleiten über gutes Erklären gelernt?",
        "jfin_q_decide": "Wie war es für dich, bei einer echten Entscheidung mitzureden?",
        "jfin_q_produce": "Worauf bist du bei dem gemeinsamen Ergebnis besonders stolz?",
        "jfin_q_habit": "Welche Veränderung im Team hast du selbst bemerkt?",
        "jfin_q_connect": "Welcher neue Kontakt ist für deinen eigenen Weg am wertvollsten?",
        "sfin_t_understand": "Was {S} im eigenen Bereich anders macht",
        "sfin_t_try": "Was {S} inzwischen selbst nutzt",
        "sfin_t_decide": "Was die Entscheidung bei {S} ausgelöst hat",
        "sfin_t_produce": "Wofür das Ergebnis bei {S} genutzt wird",
        "sfin_t_habit": "Was sich bei {S} wirklich geändert hat",
        "sfin_t_connect": "Welche Türen sich für {S} geöffnet haben",
        "sfin_p_understand": "{S} erzählt, welche Entscheidung oder Gewohnheit im eigenen Bereich sich durch "
        "den neuen Blick geändert hat; {J} sagt, was davon bei den Jüngeren ankommt.",
        "sfin_p_understand_pl": "{S} erzählen, welche Entscheidung oder Gewohnheit in den eigenen Bereichen "
        "sich durch den neuen Blick geändert hat; {J} sagt, was davon bei den Jüngeren ankommt.",
        "sfin_p_try": "{S} erzählt, wofür das Ausprobierte im eigenen Bereich heute genutzt wird und wer es "
        "sich abgeschaut hat; {J} sagt, was davon im Team ankommt.",
        "sfin_p_try_pl": "{S} erzählen, wofür das Ausprobierte in den eigenen Bereichen heute genutzt wird "
        "und wer es sich abgeschaut hat; {J} sagt, was davon im Team ankommt.",
        "sfin_p_decide": "{S} erzählt, was die Entscheidung im eigenen Bereich ausgelöst hat und wer sie "
        "mitträgt; {J} sagt, wie sie bei den Jüngeren ankommt.",
        "sfin_p_decide_pl": "{S} erzählen, was die Entscheidung in den eigenen Bereichen ausgelöst hat und "
        "wer sie mitträgt; {J} sagt, wie sie bei den Jüngeren ankommt.",
        "sfin_p_produce": "{S} erzählt, wer im eigenen Bereich mit dem Ergebnis arbeitet und was es dort "
        "verändert; {J} sagt, was daran noch fehlt.",
        "sfin_p_produce_pl": "{S} erzählen, wer in den eigenen Bereichen mit dem Ergebnis arbeitet und was "
        "es dort verändert; {J} sagt, was daran noch fehlt.",
        "sfin_p_habit": "{S} erzählt, wo die neue Gewohnheit im eigenen Bereich Spuren hinterlassen hat und "
        "wo alte Muster zurückkommen; {J} sagt, was davon im Team sichtbar ist.",
        "sfin_p_habit_pl": "{S} erzählen, wo die neue Gewohnheit in den eigenen Bereichen Spuren "
        "hinterlassen hat und wo alte Muster zurückkommen; {J} sagt, was davon im Team sichtbar ist.",
        "sfin_p_connect": "{S} erzählt, welche Türen sich durch die Kontakte geöffnet haben und für wen; "
        "{J} sagt, welche Verbindung für den eigenen Weg am meisten zählt.",
        "sfin_p_connect_pl": "{S} erzählen, welche Türen sich durch die Kontakte geöffnet haben und für "
        "wen; {J} sagt, welche Verbindung für den eigenen Weg am meisten zählt.",
        # a goal about the time after the programme is worked on in the session, not looked back on
        "fwd_t_produce": "Jetzt aufschreiben: was weitergegeben wird",
        "fwd_p_produce": "Ihr schreibt es in dieser Session gemeinsam auf: {J} bringt die Sicht der Jüngeren "
        "ein, {S} das, was im Unternehmen gehört werden muss. Am Ende steht eine Fassung, die ohne Namen und "
        "vertrauliche Details weitergegeben werden kann.",
        "fwd_q_produce": "Was soll die nächste Runde unbedingt anders machen?|Was hat bei euch so gut "
        "funktioniert, dass es bleiben muss?|Wer gibt die Fassung an wen weiter, und bis wann?",
        "fwd_t_connect": "Wie ihr in Kontakt bleibt",
        "fwd_p_connect": "Ihr legt fest, in welcher Form es nach dem Programm weitergeht: wie oft, aus welchem "
        "Anlass und wer sich zuerst meldet, und wen ihr einander noch vorstellt.",
        "fwd_q_connect": "Wie oft wollt ihr euch nach dem Programm sehen, und aus welchem Anlass?|Wer meldet "
        "sich zuerst, und wann?|Welche Tür kann {S} zum Abschluss noch öffnen?",
        "fwd_t_pass": "Das Gelernte weitergeben",
        "fwd_p_pass": "{S} plant, wem im eigenen Team was davon erzählt wird und in welcher Form, etwa in "
        "einer Teamrunde; {J} sagt, was Jüngere davon hören wollen.",
        "fwd_p_pass_pl": "{S} planen, wem in den eigenen Teams was davon erzählt wird und in welcher Form, "
        "etwa in einer Teamrunde; {J} sagt, was Jüngere davon hören wollen.",
        "fwd_q_pass": "Was ist das eine, das dein Team aus unseren Treffen erfahren soll?|In welcher Runde "
        "erzählst du davon, und wann?|Was darf dabei nicht fehlen, und was bleibt unter uns?",
    },
    "en": {
        "back_goals": "Your goals from the start lie next to it",
        "cont_p": "Goal by goal you note what is finished, what continues and who takes care of it.",
        "cont_q_understand": "Which question stays open, and who follows it up after the programme?",
        "cont_q_try": "What will you try on your own next, after the programme?",
        "cont_q_decide": "Who checks in three months whether the decision holds?",
        "cont_q_produce": "Who keeps the result up to date after the programme?",
        "cont_q_habit": "Who reminds whom when the habit slips after the programme?",
        "cont_q_connect": "How do you keep the contacts once the programme ends?",
        "back_goals_one": "Your goal from the start lies next to it",
        "back_q": "Where did you stand on it at the first session, and where are you today?",
        "cont_t_understand": "How it goes on: whom you pass on what you understood",
        "cont_t_try": "How it goes on: the next step without help",
        "cont_t_decide": "How it goes on: when you check whether the decision holds",
        "cont_t_produce": "How it goes on: who keeps the result up to date",
        "cont_t_habit": "How it goes on: who asks when the habit slips",
        "cont_t_connect": "How it goes on: how the contacts last",
        "cont_p_one": "Is your goal reached? You agree what continues and who takes care of it.",
        "cont_p_understand": "What you have understood should not stay with you two: you agree whom you "
        "pass it on to.",
        "cont_p_try": "What was tried gets a next step that works without help.",
        "cont_p_decide": "The decision gets a date on which you check whether it holds.",
        "cont_p_produce": "The result gets a person who keeps it up to date and a place where others find it.",
        "cont_p_habit": "The new habit gets someone who asks when it slips.",
        "cont_p_connect": "The contacts get a fixed rhythm so that they outlast the programme.",
        "jfin_p_understand": "{J} says what explaining showed about their own knowledge and what they "
        "learned about the organisation, and gives {S} open feedback.",
        "jfin_p_try": "{J} says what guiding taught about explaining well and what stays from trying things "
        "together, and gives {S} open feedback.",
        "jfin_p_decide": "{J} says what it was like to have a say in a real decision and what it showed about "
        "leadership, and gives {S} open feedback.",
        "jfin_p_produce": "{J} says what working on the shared result taught and what of it goes into their "
        "own work, and gives {S} open feedback.",
        "jfin_p_habit": "{J} says which change in the team became visible and what accompanying it taught, "
        "and gives {S} open feedback.",
        "jfin_p_connect": "{J} says which contacts stay for their own path and what else the programme "
        "brought, and gives {S} open feedback.",
        "jfin_q_understand": "What did you understand better yourself by explaining it?",
        "jfin_q_try": "What did guiding someone teach you about explaining well?",
        "jfin_q_decide": "What was it like for you to have a say in a real decision?",
        "jfin_q_produce": "What are you most proud of in the result you made together?",
        "jfin_q_habit": "Which change in the team did you notice yourself?",
        "jfin_q_connect": "Which new contact is most valuable for your own path?",
        "sfin_t_understand": "What {S} does differently in their area",
        "sfin_t_try": "What {S} now uses themselves",
        "sfin_t_decide": "What the decision set off for {S}",
        "sfin_t_produce": "What the result is used for in {S}'s area",
        "sfin_t_habit": "What really changed for {S}",
        "sfin_t_connect": "Which doors opened for {S}",
        "sfin_p_understand": "{S} tells which decision or habit in their area changed through the new view; "
        "{J} says what of it reaches younger colleagues.",
        "sfin_p_understand_pl": "{S} tell which decision or habit in their areas changed through the new "
        "view; {J} says what of it reaches younger colleagues.",
        "sfin_p_try": "{S} tells what the things tried are used for in their area today and who picked them "
        "up; {J} says what of it reaches the team.",
        "sfin_p_try_pl": "{S} tell what the things tried are used for in their areas today and who picked "
        "them up; {J} says what of it reaches the team.",
        "sfin_p_decide": "{S} tells what the decision set off in their area and who supports it; {J} says "
        "how younger colleagues take it.",
        "sfin_p_decide_pl": "{S} tell what the decision set off in their areas and who supports it; {J} "
        "says how younger colleagues take it.",
        "sfin_p_produce": "{S} tells who works with the result in their area and what it changes there; "
        "{J} says what is still missing.",
        "sfin_p_produce_pl": "{S} tell who works with the result in their areas and what it changes there; "
        "{J} says what is still missing.",
        "sfin_p_habit": "{S} tells where the new habit has left traces in their area and where old patterns "
        "come back; {J} says what the team can see of it.",
        "sfin_p_habit_pl": "{S} tell where the new habit has left traces in their areas and where old "
        "patterns come back; {J} says what the team can see of it.",
        "sfin_p_connect": "{S} tells which doors the contacts opened, and for whom; {J} says which "
        "connection matters most for their own path.",
        "sfin_p_connect_pl": "{S} tell which doors the contacts opened, and for whom; {J} says which "
        "connection matters most for their own path.",
        "fwd_t_produce": "Writing it down now: what you pass on",
        "fwd_p_produce": "You write it down together in this session: {J} brings in how younger colleagues "
        "see it, {S} what the organisation needs to hear. At the end there is a version that can be passed "
        "on without names or confidential details.",
        "fwd_q_produce": "What should the next round do differently at all costs?|What worked so well for "
        "you that it must stay?|Who passes the version on to whom, and by when?",
        "fwd_t_connect": "How you stay in touch",
        "fwd_p_connect": "You decide in which form it goes on after the programme: how often, on which "
        "occasion and who gets in touch first, and whom you still introduce to each other.",
        "fwd_q_connect": "How often do you want to meet after the programme, and on which occasion?|Who gets "
        "in touch first, and when?|Which door can {S} still open at the end?",
        "fwd_t_pass": "Passing on what you learned",
        "fwd_p_pass": "{S} plans whom in their team to tell what, and in which form, for example in a team "
        "meeting; {J} says what younger colleagues want to hear of it.",
        "fwd_p_pass_pl": "{S} plan whom in their teams to tell what, and in which form, for example in a "
        "team meeting; {J} says what younger colleagues want to hear of it.",
        "fwd_q_pass": "What is the one thing your team should hear from our sessions?|In which meeting do "
        "you tell it, and when?|What must not be missing, and what stays between us?",
    },
}
