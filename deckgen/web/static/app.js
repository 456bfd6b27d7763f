// Progressive enhancement; without JavaScript every button of the page does the same work.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Choosing another director shows that director's slides at once (the "Vis direktørens
  // dias" button does the same).
  const director = document.getElementById("direktoer");
  const show = document.getElementById("vis-dias");
  if (director && show) {
    director.addEventListener("change", () => show.click());
  }
  const form = document.getElementById("besoeg");
  if (form && form.dataset.check) {
    checkWhileTyping(form);
  }
});

// The visit's fields checked as she types: shortly after she stops, the fields go to the
// server's check (the same as on submit) and each field's problems are shown beside it, in
// its aria-live box, so a screen reader says them too. Only fields she has changed are
// checked, so an empty form does not greet her with errors.
function checkWhileTyping(form) {
  const fields = {
    dato: "dato",
    direktoer: "direktør",
    udvalg: "udvalg",
    sted: "sted",
    lokalt_eksempel: "lokalt eksempel",
  };
  const touched = new Set();
  let timer = 0;
  let asked = 0;

  const check = async () => {
    const number = ++asked;
    const body = {};
    for (const [id, name] of Object.entries(fields)) {
      const field = document.getElementById(id);
      if (field) body[name] = field.value;
    }
    let problems;
    try {
      const answer = await fetch(form.dataset.check, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!answer.ok) return;
      problems = (await answer.json()).problems;
    } catch (error) {
      return; // the server is away: the check on submit still tells her
    }
    if (number !== asked) return; // she typed on; a newer answer is coming
    for (const [id, name] of Object.entries(fields)) {
      if (touched.has(id)) show(document.getElementById(id), name, problems[name] || []);
    }
  };

  for (const id of Object.keys(fields)) {
    const field = document.getElementById(id);
    if (!field) continue;
    const changed = () => {
      touched.add(id);
      window.clearTimeout(timer);
      timer = window.setTimeout(check, 400);
    };
    field.addEventListener("input", changed);
    field.addEventListener("change", changed);
  }
}

function show(field, name, texts) {
  const box = document.getElementById("fejl-" + name.replace(/ /g, "-"));
  if (!field || !box) return;
  const now = texts.join("\n");
  if (box.dataset.shown === now) return; // the same again: not announced twice
  box.dataset.shown = now;
  box.replaceChildren(
    ...texts.map((text) => {
      const line = document.createElement("p");
      line.className = "error";
      const label = document.createElement("strong");
      label.textContent = "Fejl:";
      line.append(label, " " + text);
      return line;
    }),
  );
  const hint = field.dataset.hint || "";
  if (texts.length) {
    field.setAttribute("aria-invalid", "true");
    field.setAttribute("aria-describedby", (hint + " " + box.id).trim());
  } else {
    field.removeAttribute("aria-invalid");
    if (hint) field.setAttribute("aria-describedby", hint);
    else field.removeAttribute("aria-describedby");
  }
}
