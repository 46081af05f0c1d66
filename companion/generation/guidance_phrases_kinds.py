"""The lines every agenda has (opening, context, closing, the look back), by kind of goal and with the
topic as a label, in German and English.

They come in ``|`` variants chosen by the goals, and carry the topic as a label where there is one: the
same words for every pair would be a form, not guidance. A key that is also in the base tables
(:mod:`~companion.generation.guidance_phrases_de`, :mod:`~companion.generation.guidance_phrases_en`)
replaces the base sentence there (most extend it with further variants); new keys are added after the
base ones. :mod:`~companion.generation.guidance_phrases` merges them into ``G``.
"""

from __future__ import annotations

from typing import Final

from companion.generation.guidance_phrases_de import DE
from companion.generation.guidance_phrases_en import EN

KIND_LINES: Final[dict[str, dict[str, str]]] = {
    "de": {
        "open_t_label": "Ankommen und Ziel für heute: {topic}",
        "open_t_tech_label": "Ankommen: was seit dem letzten Mal zu {topic} ausprobiert wurde",
        "open_t_culture_label": "Ankommen: was euch zu {topic} begegnet ist",
        "open_q_understand": "Was ist dir zum Thema seit dem letzten Treffen aufgefallen?|"
        "Welche Vermutung zum Thema bringst du heute mit?",
        "open_q_try": "Was hast du seit dem letzten Treffen schon selbst angeklickt oder versucht?|"
        "Auf welchem Gerät probieren wir heute, und ist alles eingerichtet?",
        "open_q_decide": "Bis wann muss die Entscheidung fallen, und wer wartet darauf?|"
        "Was wäre eine gute Entscheidung, was eine schlechte?",
        "open_q_produce": "Wer soll am Ende mit dem Entwurf arbeiten?|"
        "Was muss am Ende der Stunde auf dem Papier oder im Dokument stehen?",
        "open_q_habit": "In welcher Situation der letzten Woche hättest du es gern anders gemacht?|"
        "Was hat sich seit dem letzten Treffen schon ein wenig verändert?",
        "open_q_connect": "Wen hast du seit dem letzten Treffen getroffen, der dazu passt?|"
        "Welche Verbindung fehlt dir im Unternehmen gerade am meisten?",
        "ctx_p": DE["ctx_p"] + "|{S} erzählt aus eigener Erfahrung, wie das Thema im Bereich heute "
        "gehandhabt wird und wo es hakt; {J} fragt nach, bis das Bild klar ist.|Bevor es praktisch wird, "
        "teilt {S} den Kontext: Wer entscheidet, was kostet es, was wurde schon versucht? {J} notiert, "
        "woran sich der nächste Block anknüpfen lässt.",
        "nontech_t_label": "Der nicht-technische Blick auf {topic}: Menschen und Zusammenarbeit",
        "nontech_p": DE["nontech_p"] + "|Technik ist nur die halbe Geschichte: Ihr sprecht darüber, "
        "was das Thema für Zusammenarbeit, Erwartungen und Führung bedeutet.",
        "nontech_p_pl": "Über das Werkzeug hinaus: Was verändert sich für Erwartungen, Vertrauen und Führung "
        "in den Teams von {S}?|Technik ist nur die halbe Geschichte: Ihr sprecht darüber, was das Thema für "
        "Zusammenarbeit, Erwartungen und Führung bedeutet.",
        "close_t_habit": "Die neue Gewohnheit festmachen",
        "close_t_connect": "Kontakte verabreden",
        "close_p_out": "Zum Schluss haltet ihr fest, was herauskam ({text}), und macht daraus einen "
        "nächsten Schritt mit Namen und Datum.",
        "close_q_next": DE["close_q_next"] + "|Wann seht ihr euch wieder, und wer bereitet was vor?|"
        "Welches Thema nehmt ihr euch fürs nächste Treffen vor, und wann ist es?",
        "close_understand": DE["close_understand"] + "|Mit wem aus deinem Umfeld besprichst du bis "
        "zum nächsten Treffen, was bei {act} herauskam, und was möchtest du dabei herausfinden?",
        "ctx_t_label": "Wie es bei {S} heute läuft: {topic}",
        "open_ctx": "{S} teilt dabei kurz den Kontext aus dem eigenen Bereich.",
        "open_ctx_pl": "{S} teilen dabei kurz den Kontext aus den eigenen Bereichen.",
        "close_t_understand": "Was ihr mitnehmt, und wer was bis wann tut|Vom Verstehen zum ersten Schritt|"
        "Was hängen bleibt, und was daraus folgt",
        "out_understand": "zwei Sätze, in denen ihr sagt, was ihr jetzt anders seht|eine Beobachtung, die "
        "ihr im eigenen Team überprüft|eine offene Frage, der {J} bis zum nächsten Treffen nachgeht",
        "out_try": "ein erster eigener Versuch und eine Idee, was beim zweiten anders wird|ein Versuch "
        "ohne Hilfe und eine Notiz, wo es hakte",
        "retro_q_understand": "Was verstehst du heute anders als zu Beginn des Programms?",
        "retro_q_try": "Was nutzt du heute selbst, das du vor dem Programm nicht ausprobiert hattest?",
        "retro_q_decide": "Welche Entscheidung ist aus euren Treffen entstanden, und wie hat sie sich bewährt?",
        "retro_q_produce": "Was ist aus euren Treffen entstanden, das heute noch genutzt wird?",
        "retro_q_habit": "Welche Gewohnheit hat sich wirklich geändert, und woran merkt das Team es?",
        "retro_q_connect": "Welche Verbindungen sind entstanden, und welche wollt ihr halten?",
    },
    "en": {
        "open_t_label": "Arrive and set today's aim: {topic}",
        "open_t_tech_label": "Arrive: what was tried on {topic} since last time",
        "open_t_culture_label": "Arrive: what you noticed about {topic}",
        "open_q_understand": "What have you noticed on the topic since you last met?|"
        "Which hunch about the topic do you bring today?",
        "open_q_try": "What have you already clicked on or tried since you last met?|"
        "Which device do we try it on today, and is everything set up?",
        "open_q_decide": "By when must the decision be made, and who is waiting for it?|"
        "What would a good decision look like, and what a bad one?",
        "open_q_produce": "Who will work with the draft in the end?|"
        "What must be on paper or in the document at the end of the hour?",
        "open_q_habit": "In which situation last week would you have liked to act differently?|"
        "What has already changed a little since you last met?",
        "open_q_connect": "Whom have you met since last time who fits this?|"
        "Which connection in the organisation do you miss most right now?",
        "ctx_p": EN["ctx_p"] + "|{S} shares from experience how the topic is handled in their area "
        "today and where it sticks; {J} asks until the picture is clear.|Before it gets practical, {S} "
        "shares the context: who decides, what it costs, what has been tried? {J} notes what the next "
        "block can build on.",
        "nontech_t_label": "The non-technical angle on {topic}: people and collaboration",
        "nontech_p": EN["nontech_p"] + "|Technology is only half the story: you talk about what the "
        "topic means for collaboration, expectations and leadership.",
        # Several seniors: "in the teams of Ruth and Tom", not "in Ruth and Tom's team".
        "nontech_p_pl": "Beyond the tool: what changes for expectations, trust and leadership in the teams "
        "of {S}?|Technology is only half the story: you talk about what the topic means for collaboration, "
        "expectations and leadership.",
        "close_t_habit": "Make the new habit stick",
        "close_t_connect": "Arrange the contacts",
        "close_p_out": "To finish, note what came out of it ({text}) and turn it into one next step "
        "with a name and a date.",
        "close_q_next": EN["close_q_next"] + "|When do you meet again, and who prepares what?|"
        "Which topic do you take on next time, and when is it?",
        "close_understand": EN["close_understand"] + "|Who around you will you talk to about what came "
        "out of {act} before you next meet, and what do you want to find out?",
        "ctx_t_label": "How things stand for {S} today: {topic}",
        "open_ctx": "{S} briefly shares the context of their own area.",
        "open_ctx_pl": "{S} briefly share the context of their own areas.",
        "close_t_understand": "What you take away, and who does what by when|From understanding to a first "
        "step|What sticks, and what follows from it",
        "out_understand": "two sentences in which you say what you now see differently|one observation you "
        "check in your own team|one open question {J} follows up before you next meet",
        "out_try": "a first attempt of your own and an idea of what to change on the second|one attempt "
        "without help and a note where it stuck",
        "retro_q_understand": "What do you understand differently today than at the start?",
        "retro_q_try": "What do you use yourself today that you had not tried before the programme?",
        "retro_q_decide": "Which decision came out of your meetings, and how has it held up?",
        "retro_q_produce": "What came out of your meetings that is still in use today?",
        "retro_q_habit": "Which habit really changed, and how does the team notice it?",
        "retro_q_connect": "Which connections came about, and which do you want to keep?",
    },
}
