"""German and English sentences of the goal-driven offline agenda and preparation.

Placeholders: ``{J}``/``{S}`` the juniors'/seniors' names ("Mia", "Aylin, Ben und Chiara", or the
neutral "die Junior-Seite"), ``{J1}``/``{S1}`` one person of that side ("Aylin, Ben oder Chiara"),
``{Sx}`` a second mention (the person's pronoun, else the name), ``{topic}`` the topic as a label.
A key ending in ``_pl`` is the form for several people on the side that is the sentence's subject.
Goals never fill a verb slot: they appear as labelled lines ("Ziel: „…“") or as quotations.
Lists (``|``-separated) give variants; the composer picks one by the goal, so two pairs with
different goals read differently and one pair reads the same on every run.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from typing import Final

from companion.generation.guidance_variants import VARIANTS
from companion.generation.people import fill

G: Final[dict[str, dict[str, str]]] = {
    "de": {
        "goal_label": "Ziel",
        "goals_label": "Ziele für heute",
        "own_words": "in euren eigenen Worten",
        "later_label": "Für ein nächstes Treffen",
        "q": "„{}“",
        # outcome of an activity, by kind, when the card names none
        "out_understand": "zwei Sätze, in denen ihr sagt, was ihr jetzt anders seht",
        "out_try": "ein erster eigener Versuch und eine Idee, was beim zweiten anders wird",
        "out_decide": "eine Entscheidung mit Begründung oder die eine Information, die dafür noch fehlt",
        "out_produce": "ein erster Entwurf und ein Name, wer ihn fertigstellt",
        "out_habit": "eine kleine Gewohnheit, die ab morgen gilt, und ein Datum zum Nachschauen",
        "out_connect": "die Namen der Menschen, die ihr zusammenbringt, und wer den ersten Kontakt herstellt",
        "outcome": "Ergebnis: {text}.",
        "kq_understand": "Was an dem Beispiel überrascht dich, und was passt zu deinen bisherigen Erfahrungen?|"
        "Woran würdest du im eigenen Bereich merken, dass es dort genauso ist?|"
        "Welche Frage dazu wolltest du schon lange einmal jemand Jüngerem stellen?",
        "kq_try": "Was probierst du als Erstes selbst aus, und was brauchst du dafür?|"
        "Wobei hast du beim Ausprobieren gezögert, und warum?|"
        "Was würdest du beim zweiten Versuch anders machen?",
        "kq_decide": "Was spricht aus deiner Sicht dafür, was dagegen?|"
        "Welche Information fehlt noch, um zu entscheiden, und wer kann sie beschaffen?|"
        "Wer muss bei der Entscheidung mitreden, damit sie trägt?",
        "kq_produce": "Was muss der Entwurf mindestens enthalten, damit er im Alltag taugt?|"
        "Wer soll das Ergebnis lesen oder nutzen, und was erwartet diese Person?|"
        "Welcher Teil des Entwurfs ist heute schon fertig, welcher noch nicht?",
        "kq_habit": "In welcher Situation der nächsten Woche probierst du die neue Gewohnheit zum ersten Mal?|"
        "Was hat dich bisher daran gehindert, es anders zu machen?|"
        "Woran merkt dein Team, dass sich etwas geändert hat?",
        "kq_connect": "Wen aus deinem Umfeld solltet ihr zusammenbringen, und warum gerade diese Person?|"
        "Welche Tür kannst du öffnen, die sonst verschlossen bliebe?|"
        "Was hätten beide Seiten von dem Kontakt?",
        "ctxq": "Was wurde bei euch dazu schon versucht, und mit welchem Ergebnis?|"
        "Wer ist an dem Thema bei euch beteiligt, und wer entscheidet?|"
        "Welche Zahlen oder Erfahrungen gibt es dazu in deinem Bereich schon?",
        "close_understand": "Was machst du mit dem, was du bei {act} gesehen hast, bis zum nächsten Treffen?",
        "close_try": "Wo probierst du es bis zum nächsten Treffen ein zweites Mal aus, diesmal allein?",
        "close_decide": "Wer teilt die Entscheidung wem mit, und bis wann?",
        "close_produce": "Wer stellt den Entwurf fertig, und bis wann?",
        "close_habit": "Ab wann gilt die neue Gewohnheit, und wann schaut ihr gemeinsam nach?",
        "close_connect": "Wer stellt den ersten Kontakt her, und bis wann?",
        "close_card": "Festhalten: {text}. Wer übernimmt was, und bis wann?",
        "j_wish_t": "Was {J} sich für die zweite Hälfte wünscht",
        "j_wish_p": "{J} sagt, welche Themen offen sind, wo mehr Umsetzung nötig wäre und wie sich die "
        "Rolle als Mentor:in bisher anfühlt.",
        "j_wish_p_pl": "{J} sagen, welche Themen offen sind, wo mehr Umsetzung nötig wäre und wie sich die "
        "Rolle als Mentor:innen bisher anfühlt.",
        # general activities for goals without a fitting card activity (topic as a label)
        "gen_understand_t": "Perspektivwechsel: wie es sich von der anderen Seite anfühlt",
        "gen_understand": "{J} zeigt an einem echten Beispiel aus dem eigenen Alltag, wie es aus Sicht der "
        "Jüngeren aussieht; {S} stellt Rückfragen und hält fest, was überrascht.",
        "gen_understand_pl": "{J} zeigen an echten Beispielen aus dem eigenen Alltag, wie es aus Sicht der "
        "Jüngeren aussieht; {S} stellen Rückfragen und halten fest, was überrascht.",
        "gen_try_t": "Selbst ausprobieren, mit Anleitung",
        "gen_try": "{S} probiert es am eigenen Gerät oder an einem echten Vorgang selbst aus; {J} leitet "
        "an, greift aber nicht zur Maus.",
        "gen_try_pl": "{S} probieren es an einem echten Vorgang selbst aus; {J} leitet an, greift aber "
        "nicht zur Maus.",
        "gen_decide_t": "Abwägen und entscheiden",
        "gen_decide": "Beide sammeln, was dafür und was dagegen spricht; {J} bringt die Sicht der Jüngeren "
        "ein, {S} die Rahmenbedingungen im Unternehmen.",
        "gen_produce_t": "Gemeinsam einen ersten Entwurf bauen",
        "gen_produce": "{J} skizziert einen ersten Entwurf, {S} ergänzt, was im Unternehmen dafür gelten "
        "muss; ihr arbeitet am echten Material, nicht an einem Beispiel.",
        "gen_habit_t": "Eine kleine Gewohnheit ändern",
        "gen_habit": "{S} beschreibt eine typische Woche; gemeinsam sucht ihr die eine Stelle, an der eine "
        "kleine Änderung am meisten bewirkt, und {J} erzählt, wie Jüngere das lösen.",
        "gen_connect_t": "Menschen zusammenbringen",
        "gen_connect": "Ihr überlegt, wen ihr zusammenbringen wollt und warum; {J} nennt Kolleg:innen "
        "aus dem eigenen Umfeld, {S} öffnet Türen im Unternehmen.",
        # items
        "open_t": "Ankommen und Ziel für heute",
        "open_t_tech": "Ankommen: was seit dem letzten Mal ausprobiert wurde",
        "open_t_culture": "Ankommen: was euch seit dem letzten Treffen begegnet ist",
        "open_p": "Kurz ankommen und den Faden vom letzten Treffen aufnehmen; dann ist klar, worauf ihr "
        "heute hinarbeitet.",
        "open_p_decide": "Kurz ankommen und festhalten, was heute entschieden sein soll und was dafür "
        "auf dem Tisch liegen muss.",
        "open_p_produce": "Kurz ankommen und klären, was am Ende der Stunde als Entwurf vorliegen soll.",
        "open_p_try": "Kurz ankommen und klären, was heute selbst ausprobiert wird und an welchem Gerät.",
        "open_p_habit": "Kurz ankommen und erzählen, wo die alte Gewohnheit seit dem letzten Treffen "
        "aufgetaucht ist und wo es schon anders lief.",
        "open_p_connect": "Kurz ankommen und festhalten, wen ihr heute zusammenbringen wollt und warum.",
        "open_q_prev": "Was ist aus eurem Vorhaben zu {prev} geworden?",
        "open_q_1": "Was hast du seit dem letzten Treffen zum Thema beobachtet oder ausprobiert?",
        "open_q_2": "Woran merkt ihr am Ende dieser Session, dass sie sich gelohnt hat?",
        "ctx_t": "Wie es bei {S} heute läuft",
        "ctx_t_pl": "Wie es bei {S} heute läuft",
        "ctx_p": "{S} schildert die Ausgangslage im eigenen Bereich: wer beteiligt ist, was schon "
        "versucht wurde und welche Zahlen oder Erfahrungen es gibt. {J} hört zu und fragt nach.",
        "ctx_p_pl": "{S} schildern die Ausgangslage in den eigenen Bereichen: wer beteiligt ist, was "
        "schon versucht wurde und welche Zahlen oder Erfahrungen es gibt. {J} hören zu und fragen nach.",
        "stories_t": "Zwei Geschichten: wie ihr es selbst erlebt habt",
        "stories_p": "Jede Seite erzählt eine eigene Erfahrung zum Thema, {J} aus dem Berufseinstieg oder "
        "dem Freundeskreis, {S} aus dem eigenen Berufsweg; danach sucht ihr, was sich ähnelt und was nicht.",
        "nontech_t": "Der nicht-technische Blick: was sich für Menschen und Zusammenarbeit ändert",
        "nontech_p": "Über das Werkzeug hinaus: Was verändert sich für Erwartungen, Vertrauen und Führung "
        "im Team von {S}?",
        "nontech_q": "Was heißt das für dein Team: {head}",
        "nontech_point": "Gesprächsimpuls: {text}",
        "peer_t": "Seitenwechsel: {S} gibt Wissen weiter",
        "peer_p": "Im Peer-Format lernen beide: {S} zeigt {J} etwas aus dem eigenen Fachgebiet, das "
        "{J} für die eigene Entwicklung braucht.",
        "peer_p_exp": "Im Peer-Format lernen beide: {S} zeigt {J} etwas aus dem eigenen Fachgebiet ({exp}), "
        "das {J} für die eigene Entwicklung braucht.",
        "peer_q_j": "Was möchtest du dir heute von {S} zeigen lassen?",
        "peer_q_s": "Welche Erfahrung aus deinem Berufsweg hilft {J} gerade am meisten weiter?",
        "group_round": "Reihum bringen {J} je ein eigenes Beispiel ein.",
        "project_t": "Arbeitsstand im Projekt",
        "project_p": "{J} zeigt, was seit dem letzten Treffen entstanden ist; {S} prüft es gegen die "
        "Anforderungen im Unternehmen.",
        "project_p_pl": "{J} zeigen, was seit dem letzten Treffen entstanden ist; {S} prüfen es gegen die "
        "Anforderungen im Unternehmen.",
        "project_q": "Was ist fertig, was hängt, und wer braucht wofür Unterstützung?",
        "project_ctx_t": "Was die Umsetzung im Unternehmen braucht",
        "project_ctx_p": "{S} ordnet ein, was für eine Einführung zählt, etwa Datenschutz, Betriebsrat, "
        "Budget oder Kundenanforderungen, und teilt Erfahrungen aus früheren Einführungen.",
        "project_ctx_p_pl": "{S} ordnen ein, was für eine Einführung zählt, etwa Datenschutz, Betriebsrat, "
        "Budget oder Kundenanforderungen, und teilen Erfahrungen aus früheren Einführungen.",
        "close_t": "Vereinbaren: wer macht was bis wann",
        "close_t_decide": "Entscheidung festhalten und nächste Schritte",
        "close_t_produce": "Entwurf übergeben und nächste Schritte",
        "close_t_try": "Was ihr bis zum nächsten Mal ausprobiert",
        "close_p": "Aus dem heute Erarbeiteten wird ein konkreter Schritt mit Namen und Datum.",
        "close_q_out": "Wer kümmert sich bis wann darum: {text}",
        "close_q_next": "Welches Datum tragt ihr für das nächste Treffen ein, und mit welchem Thema?",
        "close_q_later": "Welches der offenen Ziele nehmt ihr euch als Erstes vor?",
        # first session
        "first_meet_t": "Kennenlernen: mehr als die Jobtitel",
        "first_meet_p": "{J} und {S} erzählen von Werdegang, Beweggründen und etwas Persönlichem jenseits "
        "der Stellenbeschreibung.",
        "first_meet_q_topic": "Thema {topic}: Was verbindest du persönlich damit?",
        "first_rules_t": "Spielregeln: was unter euch bleibt",
        "first_rules_p": "Ihr sprecht eure Erwartungen aus und vereinbart, was vertraulich bleibt, wie oft ihr euch trefft, wie ihr "
        "Termine verschiebt und dass beide jederzeit sagen dürfen, wenn etwas nicht passt: die Teilnahme "
        "ist freiwillig.",
        "first_rules_q1": "Was bleibt unter uns, und was dürfen wir im Team erzählen?",
        "first_rules_q2": "Duzen oder siezen wir uns, und wer schlägt einen Ersatztermin vor, wenn etwas "
        "dazwischenkommt?",
        "first_topics_t": "Themen für die nächsten Treffen",
        "first_topics_p": "{J} schlägt Themen vor; gemeinsam wählt ihr zwei bis drei aus, mindestens eines "
        "davon zu Kultur oder Zusammenarbeit, nicht nur zu Technik.",
        "first_topics_p_pl": "{J} schlagen Themen vor; gemeinsam wählt ihr zwei bis drei aus, mindestens "
        "eines davon zu Kultur oder Zusammenarbeit, nicht nur zu Technik.",
        # check-in and retrospective
        "mood_t": "Stimmungsbild zur Halbzeit",
        "mood_p": "Beide geben ein kurzes, ehrliches Urteil ab, etwa auf einer Skala von 1 bis 10, und "
        "sagen, was zur nächsthöheren Zahl fehlt.",
        "progress_t": "Wo ihr bei euren Zielen steht",
        "progress_p": "Ziel für Ziel: was erreicht ist, was hängt und was ihr streicht.",
        "progress_q": "Was hat euch einem eurer Ziele am deutlichsten näher gebracht?",
        "s_view_t": "Was {S} umgesetzt hat",
        "s_view_p": "{S} berichtet, was seit Programmbeginn im eigenen Alltag anders läuft und wo es noch "
        "hakt; {J} sagt, was davon im Team ankommt.",
        "s_view_p_pl": "{S} berichten, was seit Programmbeginn im eigenen Alltag anders läuft und wo es "
        "noch hakt; {J} sagt, was davon im Team ankommt.",
        "j_view_t": "Was {J} aus dem Programm mitnimmt",
        "j_view_p": "{J} erzählt, was das Vermitteln gelehrt hat, über Führung, das Unternehmen und die "
        "eigene Rolle, und gibt {S} eine offene Rückmeldung.",
        "j_view_p_pl": "{J} erzählen, was das Vermitteln gelehrt hat, über Führung, das Unternehmen und "
        "die eigene Rolle, und geben {S} eine offene Rückmeldung.",
        "plan_t": "Die zweite Hälfte planen",
        "plan_p": "Themen, Rhythmus oder Format anpassen und das nächste Treffen mit Thema festlegen.",
        "retro_close_t": "Wie es nach dem Programm weitergeht",
        "retro_close_p": "Ihr haltet fest, was bleibt, welche Empfehlung die Koordination bekommt und ob "
        "und wie ihr den Austausch fortsetzt, und vereinbart gegebenenfalls den nächsten Termin: beide "
        "Seiten sollen etwas gewonnen haben.",
        "retro_q_rec": "Welche Empfehlung gebt ihr der Koordination für die nächste Runde?",
        "retro_q_go_on": "Wollt ihr euch weiter treffen, und in welcher Form?",
        # preparation
        "prep_title": "Vorbereitung auf {session} – {topic}",
        "prep_j_activity": "Für „{act}“: Welches echte Beispiel bringst du mit, damit {S} es selbst sehen "
        "oder ausprobieren kann?",
        "prep_s_activity": "Für „{act}“: Welche Situation aus deinem Bereich soll auf den Tisch, und was "
        "möchtest du dabei selbst verstehen oder ausprobieren?",
        "prep_s_decide": "Was muss auf dem Tisch liegen, damit ihr heute entscheiden könnt?",
        "prep_s_ctx": "Welche Zahlen, Beispiele oder Erfahrungen aus deinem Bereich gehören zur "
        "Ausgangslage?",
        "bring_j_activity": "Material für „{act}“: ein echtes Beispiel, am besten auf dem eigenen Gerät",
        "bring_s_activity": "Für „{act}“: ein echter Fall aus dem eigenen Bereich",
        "bring_s_try": "Ein Gerät, auf dem du selbst ausprobieren kannst, mit den nötigen Zugängen",
        "bring_s_decide": "Was für die Entscheidung bekannt ist: Kosten, Beteiligte, Fristen",
        "bring_s_figures": "Die Zahlen, die es zum Thema schon gibt",
        "bring_both_time": "Ungestörte Zeit: Telefon stumm, keine Termine direkt davor",
        "no_card": "Zu {topic} gibt es keine Karte in der Wissensbasis; die Agenda folgt euren Zielen und "
        "den allgemeinen Mustern.",
    },
    "en": {
        "goal_label": "Goal",
        "goals_label": "Goals for today",
        "own_words": "in your own words",
        "later_label": "For a later session",
        "q": "“{}”",
        "out_understand": "two sentences in which you say what you now see differently",
        "out_try": "a first attempt of your own and an idea of what to change on the second",
        "out_decide": "a decision with its reasons, or the one piece of information still missing for it",
        "out_produce": "a first draft and the name of who finishes it",
        "out_habit": "one small habit that starts tomorrow, and a date to check on it",
        "out_connect": "the names of the people you bring together, and who makes the first contact",
        "outcome": "Outcome: {text}.",
        "kq_understand": "What surprises you in the example, and what matches your own experience?|"
        "How would you notice in your own area that it is the same there?|"
        "Which question on this have you long wanted to ask someone younger?",
        "kq_try": "What do you try yourself first, and what do you need for it?|"
        "Where did you hesitate while trying, and why?|"
        "What would you do differently on the second attempt?",
        "kq_decide": "What speaks for it in your view, and what against?|"
        "Which information is still missing to decide, and who can get it?|"
        "Who needs a say in the decision so that it holds?",
        "kq_produce": "What must the draft contain at least to be useful day to day?|"
        "Who will read or use the result, and what does that person expect?|"
        "Which part of the draft is done today, and which is not?",
        "kq_habit": "In which situation next week do you try the new habit for the first time?|"
        "What has kept you from doing it differently so far?|"
        "How will your team notice that something has changed?",
        "kq_connect": "Whom from your circles should you bring together, and why that person?|"
        "Which door can you open that would otherwise stay closed?|"
        "What would both sides gain from the contact?",
        "ctxq": "What has been tried on this so far, and with what result?|"
        "Who is involved in this in your organisation, and who decides?|"
        "Which figures or experiences from your area exist on this already?",
        "close_understand": "What will you do with what you saw in {act} before you next meet?",
        "close_try": "Where will you try it a second time before you next meet, on your own?",
        "close_decide": "Who tells whom about the decision, and by when?",
        "close_produce": "Who finishes the draft, and by when?",
        "close_habit": "From when does the new habit apply, and when do you check on it together?",
        "close_connect": "Who makes the first contact, and by when?",
        "close_card": "Agree: {text}. Who takes on what, and by when?",
        "j_wish_t": "What {J} would like for the second half",
        "j_wish_p": "{J} says which topics are open, where more should be put into practice and how the "
        "role of mentor feels so far.",
        "j_wish_p_pl": "{J} say which topics are open, where more should be put into practice and how the "
        "role of mentor feels so far.",
        "gen_understand_t": "Change of perspective: how it looks from the other side",
        "gen_understand": "{J} shows a real example from their own day-to-day and how it looks to younger "
        "colleagues; {S} asks questions and notes what is surprising.",
        "gen_understand_pl": "{J} show real examples from their own day-to-day and how it looks to younger "
        "colleagues; {S} ask questions and note what is surprising.",
        "gen_try_t": "Trying it yourself, with guidance",
        "gen_try": "{S} tries it on their own device or on a real task; {J} guides without taking over "
        "the mouse.",
        "gen_try_pl": "{S} try it on a real task; {J} guides without taking over the mouse.",
        "gen_decide_t": "Weigh it up and decide",
        "gen_decide": "Together you collect what speaks for and against it; {J} brings in how younger "
        "colleagues see it, {S} the conditions in the organisation.",
        "gen_produce_t": "Build a first draft together",
        "gen_produce": "{J} sketches a first draft and {S} adds what the organisation needs from it; you "
        "work on the real material, not on an example.",
        "gen_habit_t": "Change one small habit",
        "gen_habit": "{S} describes a typical week; together you look for the one place where a small "
        "change has the most effect, and {J} tells how younger colleagues handle it.",
        "gen_connect_t": "Bring people together",
        "gen_connect": "You work out whom to bring together and why; {J} names colleagues from their own "
        "circles, {S} opens doors in the organisation.",
        "open_t": "Arrive and set today's aim",
        "open_t_tech": "Arrive: what was tried since last time",
        "open_t_culture": "Arrive: what you noticed since you last met",
        "open_p": "Arrive and pick up the thread from last time; then it is clear what you work towards "
        "today.",
        "open_p_decide": "Arrive and note what should be decided today and what needs to be on the table "
        "for it.",
        "open_p_produce": "Arrive and agree what should exist as a draft at the end of the hour.",
        "open_p_try": "Arrive and agree what will be tried today, and on which device.",
        "open_p_habit": "Arrive and tell where the old habit showed up since last time, and where it "
        "already went differently.",
        "open_p_connect": "Arrive and note whom you want to bring together today, and why.",
        "open_q_prev": "What came of what you planned after {prev}?",
        "open_q_1": "What have you noticed or tried on the topic since you last met?",
        "open_q_2": "How will you know at the end that this session was worth it?",
        "ctx_t": "How things stand for {S} today",
        "ctx_t_pl": "How things stand for {S} today",
        "ctx_p": "{S} describes the situation in their own area: who is involved, what has been tried and "
        "which figures or experiences exist. {J} listens and asks.",
        "ctx_p_pl": "{S} describe the situation in their areas: who is involved, what has been tried and "
        "which figures or experiences exist. {J} listen and ask.",
        "stories_t": "Two stories: how you experienced it yourselves",
        "stories_p": "Each side tells an experience of their own, {J} from starting work or from friends, "
        "{S} from their own career; then you look for what is alike and what is not.",
        "nontech_t": "The non-technical angle: what changes for people and collaboration",
        "nontech_p": "Beyond the tool: what changes for expectations, trust and leadership in the team of "
        "{S}?",
        "nontech_q": "What does this mean for your team: {head}",
        "nontech_point": "Talking point: {text}",
        "peer_t": "Switching sides: {S} teaches",
        "peer_p": "In the peer format both learn: {S} shows {J} something from their own field that {J} "
        "needs for their own development.",
        "peer_p_exp": "In the peer format both learn: {S} shows {J} something from their own field ({exp}) "
        "that {J} needs for their own development.",
        "peer_q_j": "What would you like {S} to show you today?",
        "peer_q_s": "Which experience from your career helps {J} most right now?",
        "group_round": "In turn, {J} each bring an example of their own.",
        "project_t": "Where the project stands",
        "project_p": "{J} shows what has been built since the last meeting; {S} checks it against what the "
        "organisation needs.",
        "project_p_pl": "{J} show what has been built since the last meeting; {S} check it against what "
        "the organisation needs.",
        "project_q": "What is done, what is stuck, and who needs support with what?",
        "project_ctx_t": "What putting it into practice needs here",
        "project_ctx_p": "{S} puts into context what an introduction needs here, such as data protection, "
        "the works council, budget or customer requirements, and shares experience from earlier roll-outs.",
        "project_ctx_p_pl": "{S} put into context what an introduction needs here, such as data protection, "
        "the works council, budget or customer requirements, and share experience from earlier roll-outs.",
        "close_t": "Agree who does what by when",
        "close_t_decide": "Record the decision and the next steps",
        "close_t_produce": "Hand over the draft and the next steps",
        "close_t_try": "What you will try before next time",
        "close_p": "What you worked out today becomes one concrete step with a name and a date.",
        "close_q_out": "Who takes care of this, and by when: {text}",
        "close_q_next": "Which date do you put in the calendar for the next session, and with which topic?",
        "close_q_later": "Which of the open goals do you take on first?",
        "first_meet_t": "Getting to know each other: more than job titles",
        "first_meet_p": "{J} and {S} talk about their paths, what brought them here and something personal "
        "beyond the job description.",
        "first_meet_q_topic": "Topic {topic}: what do you personally connect with it?",
        "first_rules_t": "Ground rules: what stays between you",
        "first_rules_p": "You share your expectations and agree what stays confidential, how often you meet, how you move a date and "
        "that either of you may say at any time when something does not fit: taking part is voluntary.",
        "first_rules_q1": "What stays between us, and what may we tell our teams?",
        "first_rules_q2": "Who suggests a new date when something comes up?",
        "first_topics_t": "Topics for the next sessions",
        "first_topics_p": "{J} suggests topics; together you choose two or three, at least one about "
        "culture or collaboration, not only technology.",
        "first_topics_p_pl": "{J} suggest topics; together you choose two or three, at least one about "
        "culture or collaboration, not only technology.",
        "mood_t": "Half-time check",
        "mood_p": "Both give a short, honest verdict, for example on a scale from 1 to 10, and say what is "
        "missing for the next number up.",
        "progress_t": "Where you stand on your goals",
        "progress_p": "Goal by goal: what is reached, what is stuck and what you drop.",
        "progress_q": "What brought you closest to one of your goals?",
        "s_view_t": "What {S} has put into practice",
        "s_view_p": "{S} reports what runs differently in their own work since the start and where it "
        "still sticks; {J} says what of it reaches the team.",
        "s_view_p_pl": "{S} report what runs differently in their own work since the start and where it "
        "still sticks; {J} says what of it reaches the team.",
        "j_view_t": "What {J} takes away",
        "j_view_p": "{J} tells what teaching taught them, about leadership, the organisation and their own "
        "role, and gives {S} open feedback.",
        "j_view_p_pl": "{J} tell what teaching taught them, about leadership, the organisation and their "
        "own roles, and give {S} open feedback.",
        "plan_t": "Plan the second half",
        "plan_p": "Adjust topics, rhythm or format and fix the next session with its topic.",
        "retro_close_t": "How it goes on after the programme",
        "retro_close_p": "You note what stays, which recommendation the coordinators get and whether and "
        "how you continue, and agree on a next date if you do: both sides should have gained something.",
        "retro_q_rec": "Which recommendation do you give the coordinators for the next round?",
        "retro_q_go_on": "Do you want to keep meeting, and in what form?",
        "prep_title": "Preparing {session} – {topic}",
        "prep_j_activity": "For “{act}”: which real example will you bring so that {S} can see or try it?",
        "prep_s_activity": "For “{act}”: which situation from your area should be on the table, and what "
        "would you like to understand or try yourself?",
        "prep_s_decide": "What needs to be on the table so that you can decide today?",
        "prep_s_ctx": "Which figures, examples or experiences from your area belong to the starting point?",
        "bring_j_activity": "Material for “{act}”: a real example, ideally on your own device",
        "bring_s_activity": "For “{act}”: a real case from your own area",
        "bring_s_try": "A device on which you can try it yourself, with the access you need",
        "bring_s_decide": "What is known for the decision: costs, people involved, deadlines",
        "bring_s_figures": "The figures that already exist on the topic",
        "bring_both_time": "Undisturbed time: phone on silent, no meeting right before",
        "no_card": "The knowledge base has no card on {topic}; the agenda follows your goals and the "
        "general patterns.",
    },
}


# Lines every agenda has (opening, context, closing) come in variants chosen by the goals, and carry
# the topic as a label where there is one: the same words for every pair would be a form, not guidance.
G["de"].update(
    {
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
        "ctx_p": G["de"]["ctx_p"] + "|{S} erzählt aus eigener Erfahrung, wie das Thema im Bereich heute "
        "gehandhabt wird und wo es hakt; {J} fragt nach, bis das Bild klar ist.|Bevor es praktisch wird, "
        "teilt {S} den Kontext: Wer entscheidet, was kostet es, was wurde schon versucht? {J} notiert, "
        "woran sich der nächste Block anknüpfen lässt.",
        "nontech_t_label": "Der nicht-technische Blick auf {topic}: Menschen und Zusammenarbeit",
        "nontech_p": G["de"]["nontech_p"] + "|Technik ist nur die halbe Geschichte: Ihr sprecht darüber, "
        "was das Thema für Zusammenarbeit, Erwartungen und Führung bedeutet.",
        "close_t_habit": "Die neue Gewohnheit festmachen",
        "close_t_connect": "Kontakte verabreden",
        "close_p_out": "Zum Schluss haltet ihr fest, was herauskam ({text}), und macht daraus einen "
        "nächsten Schritt mit Namen und Datum.",
        "close_q_next": G["de"]["close_q_next"] + "|Wann seht ihr euch wieder, und wer bereitet was vor?|"
        "Welches Thema nehmt ihr euch fürs nächste Treffen vor, und wann ist es?",
        "close_understand": G["de"]["close_understand"] + "|Mit wem aus deinem Umfeld besprichst du bis "
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
    }
)
G["en"].update(
    {
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
        "ctx_p": G["en"]["ctx_p"] + "|{S} shares from experience how the topic is handled in their area "
        "today and where it sticks; {J} asks until the picture is clear.|Before it gets practical, {S} "
        "shares the context: who decides, what it costs, what has been tried? {J} notes what the next "
        "block can build on.",
        "nontech_t_label": "The non-technical angle on {topic}: people and collaboration",
        "nontech_p": G["en"]["nontech_p"] + "|Technology is only half the story: you talk about what the "
        "topic means for collaboration, expectations and leadership.",
        "close_t_habit": "Make the new habit stick",
        "close_t_connect": "Arrange the contacts",
        "close_p_out": "To finish, note what came out of it ({text}) and turn it into one next step "
        "with a name and a date.",
        "close_q_next": G["en"]["close_q_next"] + "|When do you meet again, and who prepares what?|"
        "Which topic do you take on next time, and when is it?",
        "close_understand": G["en"]["close_understand"] + "|Who around you will you talk to about what came "
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
    }
)


# Further wordings of the frame sentences, picked by the goals (see guidance_variants).
for _lang, _extra in VARIANTS.items():
    for _key, _text in _extra.items():
        G[_lang][_key] = f"{G[_lang][_key]}|{_text}"


def say(lang: str, key: str, plural: bool = False, seed: str = "", **values: str | int) -> str:
    """The sentence ``key`` (its ``_pl`` form for a plural subject, if there is one), filled in; of
    ``|``-separated variants the one ``seed`` picks (the first without a seed)."""
    table = G[lang]
    text = table.get(f"{key}_pl", table[key]) if plural else table[key]
    return variant(lang, text, seed, values)


def variant(lang: str, text: str, seed: str, values: Mapping[str, str | int]) -> str:
    """Of ``text``'s ``|``-separated variants the one ``seed`` picks (the first without a seed),
    filled in with the people's names in the right case (:func:`~companion.generation.people.fill`).
    Every phrase table (this one, the frame sessions', the goal reviews') fills its sentences here."""
    options = text.split("|")
    return fill(lang, pick(options, seed) if seed else options[0], values)


def has(lang: str, key: str) -> bool:
    """True when ``key`` exists in ``lang``."""
    return key in G[lang]


def pick(options: list[str], seed: str) -> str:
    """One of ``options``, chosen stably by ``seed`` (the same input always reads the same)."""
    return options[zlib.crc32(seed.encode("utf-8")) % len(options)]


def gq(lang: str, text: str) -> str:
    """``text`` in the language's quotation marks."""
    return G[lang]["q"].format(text)
