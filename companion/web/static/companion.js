// Page behaviour without a build step: generation buttons call the JSON API (with the CSRF token from
// the cookie) and then refresh the page's main area with HTMX; the agenda button POSTs to the agenda
// stream and shows its server-sent events as they arrive. No inline scripts anywhere (Content-Security-Policy).
(function () {
  "use strict";

  function csrf() {
    const m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }

  // After a generation more than the section changes (the session's stage, the next step and which
  // button is the primary one), so the page's main area is fetched again, then the section is shown.
  // The button that was pressed is gone with the old main area, so focus moves to the new section's
  // heading: keyboard and screen-reader users continue where the result is, not at the top of the page.
  function refresh(partUrl, target) {
    return htmx
      .ajax("GET", window.location.pathname, { target: "main", select: "main", swap: "outerHTML" })
      .then(() => {
        const section = document.querySelector(target);
        if (!section) return;
        const heading = section.querySelector("h2, h3") || section;
        heading.setAttribute("tabindex", "-1");
        heading.focus({ preventScroll: true });
        section.scrollIntoView({ block: "start" });
      });
  }

  // Progress in the page's language: the labels come from the list's data attributes (the server's
  // event names and English details are for the API, not for people).
  function describe(name, data, labels) {
    try {
      const d = JSON.parse(data);
      if (name === "item" && d.item) return "✓ " + d.item.title;
      if (name === "retrieved" && d.sources) return "📚 " + labels.retrieved + " " + d.sources.map((s) => s.title).join(", ");
      if (name === "error") return "⚠ " + labels.streamFailed;
    } catch (e) { /* plain text */ }
    if (name === "retrieving") return labels.retrieving;
    if (name === "composing") return "✍ " + labels.composing;
    return labels.working;
  }

  // A failed request said for people: the busy note for the rate limit; on an English page the API's
  // detail; otherwise the page's own "did not work" sentence.
  function failure(status, detail) {
    const page = document.documentElement;
    if (status === 429) return page.dataset.busy;
    if (page.lang === "en" && detail) return detail;
    return page.dataset.failed;
  }

  // An error whose message is already said for people (a browser's own, such as "Failed to fetch",
  // is English whatever the page's language and is replaced by the page's sentence).
  function said(text) {
    const err = new Error(text);
    err.said = true;
    return err;
  }

  function message(err) {
    return err && err.said ? err.message : failure(0, "");
  }

  // One server-sent event block ("event: x\ndata: {...}") as {name, data}.
  function parseEvent(block) {
    let name = "message";
    const data = [];
    block.split(/\r?\n/).forEach((line) => {
      if (line.startsWith("event:")) name = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    });
    return { name: name, data: data.join("\n") };
  }

  // The agenda stream is a POST (generating changes state), so it is read with fetch, not EventSource.
  async function streamAgenda(button) {
    const log = document.getElementById("agenda-progress");
    button.disabled = true;
    log.hidden = false;
    log.innerHTML = "";
    const add = (text) => {
      const li = document.createElement("li");
      li.textContent = text;
      log.appendChild(li);
    };
    add(log.dataset.working);
    try {
      const r = await fetch(button.dataset.agendaStream, {
        method: "POST",
        headers: { "x-csrftoken": csrf(), accept: "text/event-stream" },
        credentials: "same-origin",
      });
      if (!r.ok || !r.body) {
        const problem = await r.json().catch(() => ({}));
        throw said(failure(r.status, problem.detail));
      }
      const reader = r.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true });
        let cut;
        while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const ev = parseEvent(buffer.slice(0, cut));
          buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, "");
          if (ev.name === "done") {
            await refresh(button.dataset.part, "#agenda");
            return;
          }
          add(describe(ev.name, ev.data, log.dataset));
        }
      }
    } catch (err) {
      add("⚠ " + message(err));
    }
    button.disabled = false;
  }

  async function generate(button) {
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    try {
      const r = await fetch(button.dataset.generate, {
        method: "POST",
        headers: { "x-csrftoken": csrf(), accept: "application/json" },
        credentials: "same-origin",
      });
      if (!r.ok) {
        const problem = await r.json().catch(() => ({}));
        throw said(failure(r.status, problem.detail));
      }
      await refresh(button.dataset.part, button.dataset.target);
    } catch (err) {
      button.disabled = false;
      button.removeAttribute("aria-busy");
      let note = button.parentElement.querySelector(".flash.error");
      if (!note) {
        note = document.createElement("p");
        note.className = "flash error";
        note.setAttribute("role", "alert");
        button.after(note);
      }
      note.textContent = message(err);
    }
  }

  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-print]")) {
      window.print(); // the print view's button (no inline handlers: the pages run without inline scripts)
      return;
    }
    const agenda = event.target.closest("[data-agenda-stream]");
    if (agenda) {
      event.preventDefault();
      streamAgenda(agenda);
      return;
    }
    const gen = event.target.closest("[data-generate]");
    if (gen) {
      event.preventDefault();
      generate(gen);
    }
  });
})();

// A refused form shows its problems in a summary at the top: focus it (autofocus is not honoured on
// every browser for a non-form element) so screen readers read it and the keyboard starts there.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();
});
