// Progressive enhancement; without JavaScript every button of the page does the same work,
// as a round trip that renders the page again.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("besoeg");
  if (form) {
    inPlace(form);
    if (form.dataset.check) checkWhileTyping(form);
  }
  zoomPictures();
  const progress = document.getElementById("fremskridt-tekst");
  if (progress) followTour(progress);
});

// A tour being made: its progress asked for every moment and said in the live region;
// when it is done the page shows the results.
function followTour(text) {
  const bar = document.getElementById("fremskridt");
  let said = -1;
  const ask = async () => {
    try {
      const answer = await fetch(text.dataset.status);
      const found = await answer.json();
      if (found.state !== "running") {
        window.location.reload();
        return;
      }
      if (bar) {
        bar.max = Math.max(found.total, 1);
        bar.value = found.done;
      }
      // Said every tenth of the way, not at every deck (a screen reader would say nothing else).
      const step = Math.max(1, Math.round(found.total / 10));
      if (found.done - said >= step || said < 0) {
        said = found.done;
        text.textContent = `${found.done} af ${found.total} er lavet.`;
      }
    } catch (error) {
      // the server is away a moment: ask again
    }
    window.setTimeout(ask, 700);
  };
  window.setTimeout(ask, 300);
}

// A step on Ny præsentation (move, add, tick, another director, search) is sent in the
// background, as the button would send it, and only the parts of the page that changed are
// replaced (the elements marked data-region): focus stays where she is, the fields she types
// in are never replaced, and the preview stays and is made again for the new slides. Steps
// are sent one after another, each with the page as the one before left it.
function inPlace(form) {
  let queue = Promise.resolve();
  let previewTimer = 0;
  let typingTimer = 0;
  const status = document.getElementById("status");

  const say = (text) => {
    if (status) status.textContent = text;
  };

  let pending = 0;
  let dirty = false;
  // How many steps are on their way, also on the form (data-pending) for tests and tools.
  const count = (change) => {
    pending += change;
    form.dataset.pending = String(pending);
  };
  const send = (action, options = {}) => {
    count(1);
    queue = queue.then(() => stepAgain(action, options)).finally(() => count(-1));
    return queue;
  };

  // A step that could not reach the server (it is being restarted, the network is away) is
  // sent again until it arrives; what she did stays on the page meanwhile.
  const stepAgain = async (action, options) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await step(action, options);
        return;
      } catch (error) {
        if (error && error.name === "Stale") continue; // fresh token taken: send it again
        say(
          "Siden kan ikke nå serveren lige nu. Det, du har lavet, står stadig her og bliver gemt, så snart serveren svarer igen.",
        );
        await new Promise((done) => window.setTimeout(done, Math.min(1000 * (attempt + 1), 5000)));
      }
    }
  };

  const step = async (action, { preview = false, quiet = false } = {}) => {
    const body = new FormData(form);
    // What she typed is on its way only now: a step still queued behind another when she
    // leaves the page has sent nothing, and the page's last word (pagehide) must send it.
    dirty = false;
    body.set("handling", action);
    const region = document.getElementById("forhaandsvisning-omraade");
    if (preview && region) region.setAttribute("aria-busy", "true");
    let answer;
    // A server that does not answer at all is treated as away: the step is sent again.
    const giveUp = new AbortController();
    const timer = window.setTimeout(() => giveUp.abort(), preview ? 120000 : 20000);
    try {
      answer = await fetch(form.action, {
        method: "POST",
        body,
        headers: { "X-Deckgen-Del": "1" },
        keepalive: body.get("handling") === "gem",
        signal: giveUp.signal,
      });
    } finally {
      window.clearTimeout(timer);
      if (region) region.removeAttribute("aria-busy");
    }
    if (answer.status === 204) {
      window.location.assign(answer.headers.get("X-Deckgen-Adresse") || "/");
      return;
    }
    const type = answer.headers.get("Content-Type") || "";
    if (!type.startsWith("text/html")) throw new Error("not a page");
    const text = await answer.text();
    const page = new DOMParser().parseFromString(text, "text/html");
    const next = page.getElementById("besoeg");
    if (answer.status >= 500 && !next) throw new Error("server");
    if (!next) {
      // An error page (the server answered with one): shown as the browser would.
      document.open();
      document.write(text);
      document.close();
      return;
    }
    const before = document.activeElement;
    const beforeId = before && before.id;
    swap(page, { skipPreview: !preview, quiet });
    syncFields(next);
    // The page's address is the visit's (or the draft's) once it is kept: Back, reloading
    // and the menu come back to it.
    const address = next.dataset.address;
    if (address && address !== form.getAttribute("action")) {
      form.setAttribute("action", address);
      window.history.replaceState(null, "", address);
    }
    if (page.title && page.title !== document.title) document.title = page.title;
    if (next.dataset.stale === "1") {
      const stale = new Error("stale");
      stale.name = "Stale";
      throw stale;
    }
    // Focus: where the step says (the moved slide's button, an added slide's box), else
    // the element she was on, found again by its id if it was replaced.
    const wanted = next.dataset.focus;
    const target =
      (wanted && document.getElementById(wanted)) ||
      (beforeId && !document.body.contains(before) && document.getElementById(beforeId));
    if (target && target !== document.activeElement && !quiet) target.focus();
    const conflict = document.getElementById("konflikt");
    if (conflict && !quiet) conflict.focus();
    if (!preview && !quiet && previewShown() && changesSlides(action)) schedulePreview();
  };

  const swap = (page, { skipPreview, quiet }) => {
    for (const fresh of page.querySelectorAll("[data-region]")) {
      const name = fresh.dataset.region;
      if (skipPreview && name === "preview") continue; // kept until a new one is made
      if (quiet && name === "status") continue;
      const here = document.querySelector(`[data-region="${name}"]`);
      if (here && here.innerHTML !== fresh.innerHTML) here.innerHTML = fresh.innerHTML;
    }
  };

  // The fields' states that a step can change (which are invalid), without touching what
  // she has typed.
  const syncFields = (next) => {
    for (const id of ["direktoer", "udvalg", "dato", "sted", "lokalt_eksempel"]) {
      const mine = document.getElementById(id);
      const theirs = next.querySelector(`#${id}`);
      if (!mine || !theirs) continue;
      for (const attr of ["aria-invalid", "aria-describedby"]) {
        const value = theirs.getAttribute(attr);
        if (value === null) mine.removeAttribute(attr);
        else mine.setAttribute(attr, value);
      }
    }
  };

  const previewShown = () => {
    const region = document.getElementById("forhaandsvisning-omraade");
    return region && region.querySelector("section.preview");
  };
  const changesSlides = (action) => !action.startsWith("søg");

  const schedulePreview = () => {
    window.clearTimeout(previewTimer);
    const note = document.getElementById("forhaandsvisning");
    if (note && !note.dataset.old) {
      note.dataset.old = note.textContent;
      note.textContent += " (bliver opdateret …)";
    }
    previewTimer = window.setTimeout(() => send("forhåndsvis-igen", { preview: true }), 500);
  };

  form.addEventListener("submit", (event) => {
    const button = event.submitter;
    const action = (button && button.value) || "gem";
    event.preventDefault();
    window.clearTimeout(typingTimer);
    if (action === "hent") {
      count(1);
      queue = queue.then(() => download(form, say, button)).finally(() => count(-1));
    } else if (action === "forhåndsvis") {
      say("Forhåndsvisningen bliver lavet …");
      send(action, { preview: true }).then(() => {
        const summary = document.querySelector(".summary[role=alert]");
        const section = document.querySelector("section.preview");
        if (summary) summary.focus();
        else if (section) {
          section.focus();
          say("Forhåndsvisningen er klar.");
        }
      });
    } else {
      send(action);
    }
  });

  // Enter in Søg searches (elsewhere Enter presses the form's first button, which keeps
  // everything as it is).
  const search = document.getElementById("soeg");
  if (search) {
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        send("søg");
      }
    });
  }
  const topic = document.getElementById("emne");
  if (topic) topic.addEventListener("change", () => send("søg"));

  // Another director: her slides are shown for the new one at once if she has not changed
  // them; the page does not reload and focus stays in the list (WCAG 3.2.2).
  const director = document.getElementById("direktoer");
  if (director) director.addEventListener("change", () => send("direktør-valgt"));

  // What she types is kept a moment after she stops typing (and when she leaves a field).
  for (const id of ["udvalg", "dato", "sted", "lokalt_eksempel"]) {
    const field = document.getElementById(id);
    if (!field) continue;
    field.addEventListener("input", () => {
      dirty = true;
      window.clearTimeout(typingTimer);
      typingTimer = window.setTimeout(() => send("gem", { quiet: true }), 1200);
    });
    field.addEventListener("change", () => {
      window.clearTimeout(typingTimer);
      send("gem", { quiet: true });
    });
  }

  // Ticking a slide on or off (or confirming a date or a committee): counted at once, kept.
  form.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.type !== "checkbox") return;
    if (box.name === "bekræft") {
      send("gem");
      return;
    }
    if (box.name !== "med") return;
    const item = box.closest("li");
    if (item) item.classList.toggle("off", !box.checked);
    const count = document.getElementById("antal");
    if (count) count.textContent = String(form.querySelectorAll("input[name=med]:checked").length);
    say(`${box.labels[0] ? box.labels[0].textContent : "Diaset"} er ${box.checked ? "med" : "ikke med"}.`);
    send("gem", { quiet: true }).then(() => {
      if (previewShown()) schedulePreview();
    });
  });

  // Leaving the page (the menu, Back, closing the tab) just after typing: what she typed is
  // sent on its way before the page goes; a step still on its way makes the browser ask.
  window.addEventListener("pagehide", () => {
    if (!dirty) return;
    const body = new FormData(form);
    body.set("handling", "gem");
    navigator.sendBeacon(form.action, body);
    dirty = false;
  });
  window.addEventListener("beforeunload", (event) => {
    if (pending > 0) event.preventDefault();
  });
}

// Hent PowerPoint: the file is fetched and saved by the browser; the page then says the
// file's name. A problem comes back as the page with it, shown in place.
async function download(form, say, button) {
  say("PowerPoint-filen bliver lavet …");
  const body = new FormData(form);
  body.set("handling", "hent");
  let answer;
  try {
    answer = await fetch(form.action, { method: "POST", body });
  } catch (error) {
    say("Siden kunne ikke nå serveren. Prøv igen om lidt.");
    return;
  }
  const type = answer.headers.get("Content-Type") || "";
  if (type.startsWith("text/html")) {
    const page = new DOMParser().parseFromString(await answer.text(), "text/html");
    for (const fresh of page.querySelectorAll("[data-region]")) {
      const here = document.querySelector(`[data-region="${fresh.dataset.region}"]`);
      if (here && here.innerHTML !== fresh.innerHTML) here.innerHTML = fresh.innerHTML;
    }
    const summary = document.querySelector(".summary[role=alert]");
    if (summary) summary.focus();
    return;
  }
  const address = answer.headers.get("X-Deckgen-Adresse");
  if (address && address !== form.getAttribute("action")) {
    form.setAttribute("action", address);
    window.history.replaceState(null, "", address);
  }
  const revision = answer.headers.get("X-Deckgen-Revision");
  if (revision) {
    form.querySelector("input[name=revision]").value = revision;
    form.querySelector("input[name=kladde]").value = "";
  }
  const name = fileName(answer.headers.get("Content-Disposition")) || "praesentation.pptx";
  const url = URL.createObjectURL(await answer.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60000);
  const done = `PowerPoint-filen ${name} er hentet. Du finder den i mappen Overførsler.`;
  say(done);
  // The status is in the bar at the bottom, out of sight when she pressed the preview's
  // button: the same words beside that button (not announced twice: the status speaks).
  if (button && !button.closest(".actions")) {
    let note = button.parentElement.querySelector(".hentet");
    if (!note) {
      note = document.createElement("span");
      note.className = "hentet";
      note.setAttribute("aria-hidden", "true");
      button.after(note);
    }
    note.textContent = done;
  }
}

function fileName(disposition) {
  if (!disposition) return "";
  const coded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (coded) return decodeURIComponent(coded[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : "";
}

// A slide's picture opens large in a dialog (without the script, its link opens the
// picture itself); Esc or Luk closes it and focus goes back to the picture.
function zoomPictures() {
  const dialog = document.getElementById("stort-billede");
  if (!dialog || typeof dialog.showModal !== "function") return;
  const picture = dialog.querySelector("img");
  let opener = null;
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element && event.target.closest("a[data-zoom]");
    if (!link) return;
    event.preventDefault();
    opener = link;
    picture.src = link.dataset.zoom;
    const label = link.querySelector(".visually-hidden");
    picture.alt = link.querySelector("img").alt || (label ? label.textContent.replace(/^Vis | stort$/g, "") : "");
    dialog.showModal();
  });
  dialog.addEventListener("close", () => {
    if (opener) opener.focus();
  });
  const close = document.getElementById("luk-billede");
  if (close) close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
}

// The visit's fields checked as she types: shortly after she stops, the fields go to the
// server's check (the same as on submit) and each field's problems are shown beside it, in
// its aria-live box, so a screen reader says them too. Only fields she has changed are
// checked, so an empty form does not greet her with errors. The date says how it was read.
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
    let answer;
    try {
      const response = await fetch(form.dataset.check, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!response.ok) return;
      answer = await response.json();
    } catch (error) {
      return; // the server is away: the check on submit still tells her
    }
    if (number !== asked) return; // she typed on; a newer answer is coming
    const problems = answer.problems;
    for (const [id, name] of Object.entries(fields)) {
      if (touched.has(id)) show(document.getElementById(id), name, problems[name] || []);
    }
    const understood = document.getElementById("dato-forstaaet");
    if (understood && touched.has("dato")) {
      const text = answer.understood || "";
      if (understood.dataset.shown !== text) {
        understood.dataset.shown = text;
        understood.replaceChildren();
        if (text) {
          const strong = document.createElement("strong");
          strong.textContent = text;
          understood.append("Forstået som ", strong, ".");
        }
      }
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
