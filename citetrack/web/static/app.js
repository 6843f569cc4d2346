// citetrack review app: keyboard review of the flag queue, decisions with a note, bulk decisions,
// undo. Every change is a POST carrying the session token in a header only this script sets.
// The token comes from the address (#token=...) once and is kept in this origin's localStorage;
// the reviewer's name is asked once and kept there too. Text from the store is only ever set
// with textContent, never parsed as HTML.
"use strict";

(function () {
  const HEADER = document.querySelector('meta[name="citetrack-token-header"]').content;
  const KEY_TOKEN = "citetrack.token";
  const KEY_NAME = "citetrack.reviewer";
  const store = window.localStorage;
  const undoStack = [];
  const DONE = { resolve: "Resolved", dismiss: "Dismissed", reopen: "Reopened" };

  // -- token and reviewer --------------------------------------------------------------------
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get("token");
  if (fromHash) {
    store.setItem(KEY_TOKEN, fromHash);
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }
  const token = () => store.getItem(KEY_TOKEN) || "";
  const reviewer = () => store.getItem(KEY_NAME) || "";

  function showReviewer() {
    document.getElementById("reviewer-name").textContent = reviewer() || "not set";
  }
  showReviewer();

  function toast(text) {
    const box = document.getElementById("toast");
    box.textContent = text;
    box.classList.add("show");
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => box.classList.remove("show"), 4000);
  }

  async function post(url, body) {
    const answer = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", [HEADER]: token() },
      body: JSON.stringify(body),
    });
    let data = null;
    try { data = await answer.json(); } catch (e) { data = null; }
    if (!answer.ok) {
      const error = new Error((data && data.error) || "HTTP " + answer.status);
      error.status = answer.status;
      throw error;
    }
    return data;
  }

  // -- the decision dialog -------------------------------------------------------------------
  const dialog = document.getElementById("decide-dialog");
  const form = document.getElementById("decide-form");
  const noteInput = document.getElementById("decide-note");
  const byInput = document.getElementById("decide-by");
  const tokenInput = document.getElementById("decide-token");
  let pending = null;

  // Ask for a note (and the name and token when not known); resolves with {note, by} or null.
  function ask(title, what, options) {
    const needNote = !(options && options.noNote);
    document.getElementById("decide-title").textContent = title;
    document.getElementById("decide-what").textContent = what;
    document.getElementById("decide-error").textContent = (options && options.error) || "";
    document.getElementById("note-field").hidden = !needNote;
    document.getElementById("reviewer-field").hidden = !!reviewer() && !(options && options.askName);
    document.getElementById("token-field").hidden = !!token() && !(options && options.askToken);
    byInput.value = reviewer();
    tokenInput.value = "";
    noteInput.value = "";
    dialog.showModal();
    const first = [byInput, tokenInput, noteInput].find((input) => !input.closest("label").hidden && !input.value);
    (first || noteInput).focus();
    return new Promise((resolve) => { pending = { resolve, needNote }; });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!pending) return;
    const note = noteInput.value.trim();
    const by = byInput.value.trim();
    const error = document.getElementById("decide-error");
    if (!document.getElementById("reviewer-field").hidden && !by) { error.textContent = "Give your name."; byInput.focus(); return; }
    if (!document.getElementById("token-field").hidden && !tokenInput.value.trim() && !token()) { error.textContent = "Give the session token."; tokenInput.focus(); return; }
    if (pending.needNote && !note) { error.textContent = "A decision needs a note."; noteInput.focus(); return; }
    if (by) { store.setItem(KEY_NAME, by); showReviewer(); }
    if (tokenInput.value.trim()) store.setItem(KEY_TOKEN, tokenInput.value.trim());
    const done = pending;
    pending = null;
    dialog.close();
    done.resolve({ note, by: reviewer() });
  });
  function cancel() {
    if (pending) { const done = pending; pending = null; done.resolve(null); }
    if (dialog.open) dialog.close();
  }
  document.getElementById("decide-cancel").addEventListener("click", cancel);
  dialog.addEventListener("cancel", (event) => { event.preventDefault(); cancel(); });

  document.getElementById("change-reviewer").addEventListener("click", async () => {
    const answer = await ask("Reviewer", "Decisions record this name.", { noNote: true, askName: true });
    if (answer) toast("Reviewer: " + reviewer());
  });

  // -- rows ----------------------------------------------------------------------------------
  const rows = () => Array.from(document.querySelectorAll("tr.flag"));
  let current = -1;

  function select(index) {
    const all = rows();
    if (!all.length) return;
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach((row, i) => row.classList.toggle("current", i === current));
    all[current].scrollIntoView({ block: "nearest" });
  }

  function render(row, flag) {
    row.dataset.status = flag.status;
    row.dataset.note = flag.note || "";
    row.dataset.by = flag.decided_by || "";
    row.classList.remove("status-open", "status-resolved", "status-dismissed");
    row.classList.add("status-" + flag.status);
    row.querySelector("td.status").textContent = flag.status;
    const decision = row.querySelector(".decision");
    decision.textContent = flag.decided_by ? flag.decided_by + " " + (flag.decided_at || "").slice(0, 10) + ": " + (flag.note || "") : "";
  }

  const rowOf = (id) => document.querySelector('tr.flag[data-flag-id="' + id + '"]');
  const picked = () => rows().filter((row) => row.querySelector("input.pick") && row.querySelector("input.pick").checked);

  function updateSelected() {
    const label = document.getElementById("selected-count");
    if (label) label.textContent = picked().length + " selected";
  }

  async function refreshCounts() {
    const table = document.getElementById("queue");
    if (!table) return;
    const filter = JSON.parse(table.dataset.filter);
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value !== null && value !== "") params.set(key, value);
    const answer = await fetch("/api/flags/counts?" + params.toString());
    if (!answer.ok) return;
    const data = await answer.json();
    document.querySelectorAll("[data-count]").forEach((span) => {
      const [facet, value] = span.dataset.count.split(":");
      span.textContent = String((data.counts[facet] || {})[value] || 0);
    });
  }

  // Send one decision on many flags; remember what they were, for undo.
  async function decideRows(targets, action, answer, retried) {
    const before = targets.map((row) => ({ id: Number(row.dataset.flagId), status: row.dataset.status, note: row.dataset.note, by: row.dataset.by }));
    const ids = before.map((item) => item.id);
    try {
      const result = ids.length === 1
        ? { flags: [await post("/api/flags/" + ids[0] + "/" + action, { note: answer.note, by: answer.by })] }
        : await post("/api/flags/bulk", { action, ids, note: answer.note, by: answer.by });
      result.flags.forEach((flag) => { const row = rowOf(flag.id); if (row) render(row, flag); });
      undoStack.push(before);
      toast(DONE[action] + " " + ids.length + " flag(s) · u to undo");
      await refreshCounts();
      return true;
    } catch (error) {
      if (error.status === 403 && !retried) {
        store.removeItem(KEY_TOKEN);
        const again = await ask("Session token needed", "The server refused the change: give the token printed by citetrack serve.", { noNote: true, askToken: true, error: error.message });
        if (again) return decideRows(targets, action, answer, true);
        return false;
      }
      toast("Not recorded: " + error.message);
      return false;
    }
  }

  async function decideWithNote(targets, action) {
    if (!targets.length) return;
    const what = targets.length === 1 ? "Flag #" + targets[0].dataset.flagId + ": " + targets[0].querySelector("td.message").textContent.trim().slice(0, 200)
      : targets.length + " flags";
    const answer = await ask(action[0].toUpperCase() + action.slice(1), what, {});
    if (!answer) return;
    const ok = await decideRows(targets, action, answer);
    if (ok && targets.length === 1 && rows().indexOf(targets[0]) === current) select(current + 1);
  }

  async function undo() {
    const last = undoStack.pop();
    if (!last) { toast("Nothing to undo."); return; }
    const groups = new Map();
    for (const item of last) {
      const action = item.status === "open" ? "reopen" : item.status === "resolved" ? "resolve" : "dismiss";
      const note = item.status === "open" ? "Undone: decided by mistake." : item.note || "Undone.";
      const key = action + "\u0000" + note;
      if (!groups.has(key)) groups.set(key, { action, note, ids: [] });
      groups.get(key).ids.push(item.id);
    }
    try {
      for (const group of groups.values()) {
        const result = await post("/api/flags/bulk", { action: group.action, ids: group.ids, note: group.note, by: reviewer() });
        result.flags.forEach((flag) => { const row = rowOf(flag.id); if (row) render(row, flag); });
      }
      toast("Undone: " + last.length + " flag(s).");
      await refreshCounts();
    } catch (error) {
      undoStack.push(last);
      toast("Undo failed: " + error.message);
    }
  }

  async function bulk(action, scope) {
    const table = document.getElementById("queue");
    if (scope === "selected") {
      const targets = picked();
      if (!targets.length) { toast("Select flags first (x, or the boxes)."); return; }
      return decideWithNote(targets, action);
    }
    const total = document.getElementById("queue-total").textContent;
    const answer = await ask(action[0].toUpperCase() + action.slice(1) + " all", "Every flag matching the filters: " + total + ".", {});
    if (!answer || !table) return;
    try {
      const filter = JSON.parse(table.dataset.filter);
      const result = await post("/api/flags/bulk", { action, filter, note: answer.note, by: answer.by });
      toast(DONE[action] + " " + result.decided + " flag(s).");
      window.location.reload();
    } catch (error) {
      toast("Not recorded: " + error.message);
    }
  }

  // -- wiring --------------------------------------------------------------------------------
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button.act");
    if (button) {
      const row = button.closest("tr.flag");
      current = rows().indexOf(row);
      select(current);
      decideWithNote([row], button.dataset.action);
      return;
    }
    const bulkButton = event.target.closest("button[data-bulk]");
    if (bulkButton) bulk(bulkButton.dataset.bulk, bulkButton.dataset.scope);
  });
  document.addEventListener("change", (event) => {
    if (event.target.id === "select-all") {
      rows().forEach((row) => { const box = row.querySelector("input.pick"); if (box) box.checked = event.target.checked; });
    }
    updateSelected();
  });

  document.addEventListener("keydown", (event) => {
    if (dialog.open || event.ctrlKey || event.metaKey || event.altKey) return;
    const tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea") {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    const page = document.body.dataset.page;
    if (page === "snapshot") {
      const link = event.key === "ArrowLeft" ? document.getElementById("prev-version") : event.key === "ArrowRight" ? document.getElementById("next-version") : null;
      if (link) { event.preventDefault(); window.location.href = link.href; }
      return;
    }
    const all = rows();
    const here = all[current];
    switch (event.key) {
      case "j": event.preventDefault(); select(current + 1); break;
      case "k": event.preventDefault(); select(current <= 0 ? 0 : current - 1); break;
      case "r": case "d":
        event.preventDefault();
        if (!here) { toast("Pick a flag first (j)."); break; }
        decideWithNote(picked().includes(here) && picked().length > 1 ? picked() : [here], event.key === "r" ? "resolve" : "dismiss");
        break;
      case "x": if (here) { const box = here.querySelector("input.pick"); if (box) { box.checked = !box.checked; updateSelected(); } } break;
      case "u": event.preventDefault(); undo(); break;
      case "/": { const search = document.getElementById("search"); if (search) { event.preventDefault(); search.focus(); search.select(); } break; }
      case "Enter": { if (here) { const link = here.querySelector('a[href^="/claims/"]'); if (link) window.location.href = link.href; } break; }
      default: break;
    }
  });

  const filters = document.getElementById("filters");
  if (filters) filters.addEventListener("change", (event) => { if (event.target.tagName === "SELECT") filters.submit(); });

  document.body.dataset.ready = "1";  // tests wait for this, never for a fixed time
})();
