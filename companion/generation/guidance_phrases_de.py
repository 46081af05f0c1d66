"""The German base sentences of the goal-driven offline agenda and preparation.

:mod:`~companion.generation.guidance_phrases` merges them with the lines by kind of goal
(:mod:`~companion.generation.guidance_phrases_kinds`) and further wordings
(:mod:`~companion.generation.guidance_variants`) into its table ``G``, and explains the
placeholders (``{J}``, ``{S}``, ``{topic}`` …) and the ``_pl`` and ``|`` conventions.
"""

from __future__ import annotations

from typing import Final

DE: Final[dict[str, str]] = {
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
    "nontech_q": "{head}: Was heißt das für dein Team",
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
    "eigene Rolle, und gibt eine offene Rückmeldung an {S}.",
    "j_view_p_pl": "{J} erzählen, was das Vermitteln gelehrt hat, über Führung, das Unternehmen und "
    "die eigene Rolle, und geben eine offene Rückmeldung an {S}.",
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
    "prep_s_decide": "Was muss auf dem Tisch liegen, damit ihr heute entscheiden könnt?",
    "bring_s_decide": "Was für die Entscheidung bekannt ist: Kosten, Beteiligte, Fristen",
    "no_card": "Zu {topic} gibt es keine Karte in der Wissensbasis; die Agenda folgt euren Zielen und "
    "den allgemeinen Mustern.",
}
