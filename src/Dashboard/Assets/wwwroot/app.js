// The Arbor dashboard: one page, hash routes, live ticks over server-sent events. Every value from the server is put in the
// page as text (never as HTML): names, reasons and states are user data.
"use strict";

const state = {
  config: null,
  tick: null,
  history: [],            // node counters, one per tick, newest last
  restarts: new Map(),    // child key -> restarts seen, to animate a restart
  processes: { sort: "Pid", desc: false, filter: "", offset: 0, limit: 50 },
  processRates: [],       // messages handled per tick of the process on screen
  processShown: null,
};
const HISTORY = 60;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "class") node.className = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function getJson(path) {
  const response = await fetch(path, { headers: { "Accept": "application/json" } });
  if (!response.ok) throw new Error(path + ": " + response.status);
  return response.json();
}

async function act(path, what) {
  if (!confirm(what + "?")) return;
  const response = await fetch(path, { method: "POST", headers: { "X-Arbor-Dashboard": "1" } });
  const text = await response.text();
  document.getElementById("live").title = what + ": " + text;
  refresh();
}

function route() {
  const hash = location.hash || "#/tree";
  const parts = hash.slice(2).split("/");
  return { view: parts[0] || "tree", id: parts[1] };
}

function show() {
  const { view } = route();
  for (const section of document.querySelectorAll(".view")) section.classList.toggle("shown", section.id === "view-" + view);
  for (const link of document.querySelectorAll("nav a")) link.classList.toggle("active", link.id === "nav-" + view);
  refresh();
}

function refresh() {
  const { view, id } = route();
  if (view === "tree") renderTree();
  else if (view === "processes") loadProcesses();
  else if (view === "process") loadProcess(id);
  else if (view === "node") renderNode();
  else if (view === "crashes") renderCrashes();
}

// ---- supervision tree -------------------------------------------------------------------------------------------------

function renderTree() {
  const host = document.getElementById("tree");
  if (!state.tick) return;
  const roots = state.tick.tree;
  host.replaceChildren(...(roots.length ? roots.map(renderSupervisor) : [el("p", { class: "muted" }, "No supervisors run on this node.")]));
}

function renderSupervisor(sup) {
  return el("div", { class: "supervisor", "data-pid": sup.pid },
    el("div", { class: "head" },
      el("a", { href: "#/process/" + sup.id }, sup.name || sup.pid),
      el("span", { class: "meta" },
        sup.responded ? `${sup.strategy} · max ${sup.maxRestarts} restarts in ${sup.withinMs} ms` : "busy (did not answer in time)")),
    sup.children.map(child => renderChild(sup, child)));
}

function renderChild(sup, child) {
  const key = sup.pid + "/" + child.id + "/" + (child.type === "Supervisor" ? "" : child.restart);
  const seen = state.restarts.get(key);
  const restarted = seen !== undefined && child.restarts > seen;
  state.restarts.set(key, child.restarts);
  const actions = state.config && state.config.allowActions ? [
    el("button", { class: "danger restart-child", type: "button", onclick: () => act(`api/actions/supervisors/${sup.id}/children/${encodeURIComponent(child.id)}/restart`, `restart child ${child.id}`) }, "restart"),
    el("button", { class: "danger terminate-child", type: "button", onclick: () => act(`api/actions/supervisors/${sup.id}/children/${encodeURIComponent(child.id)}/terminate?pid=${child.pidId}`, `terminate child ${child.id}`) }, "terminate"),
  ] : [];
  const row = el("div", { class: "child" + (restarted ? " restarted" : ""), "data-child-id": child.id, "data-state": child.state, "data-restarts": child.restarts },
    el("span", { class: "state", title: child.state }),
    child.pid ? el("a", { href: "#/process/" + child.pidId }, child.id) : el("span", {}, child.id),
    el("span", { class: "meta" }, `${child.pid || "not running"} · ${child.type.toLowerCase()} · ${child.restart.toLowerCase()}`),
    child.restarts ? el("span", { class: "restarts" }, `↻ ${child.restarts} restart${child.restarts === 1 ? "" : "s"}`) : null,
    child.lastExit ? el("span", { class: "last-exit", title: child.lastExit }, truncate(child.lastExit, 120)) : null,
    " ", actions);
  return child.supervisor ? el("div", {}, row, renderSupervisor(child.supervisor)) : row;
}

// ---- processes ----------------------------------------------------------------------------------------------------------

let processRequest = 0;

async function loadProcesses() {
  const p = state.processes;
  const query = new URLSearchParams({ sort: p.sort, desc: p.desc, filter: p.filter, offset: p.offset, limit: p.limit });
  const request = ++processRequest;
  const page = await getJson("api/processes?" + query);
  if (request !== processRequest) return; // a newer request (sort, filter, page) has been sent meanwhile
  const body = document.querySelector("#process-table tbody");
  body.replaceChildren(...page.rows.map(processRow));
  const last = Math.min(p.offset + p.limit, page.total);
  document.getElementById("page-info").textContent = page.total ? `${p.offset + 1}–${last} of ${page.total}` : "no processes";
  document.getElementById("prev-page").disabled = p.offset === 0;
  document.getElementById("next-page").disabled = last >= page.total;
  for (const th of document.querySelectorAll("#process-table th[data-sort]")) {
    th.classList.toggle("sorted", th.dataset.sort === p.sort);
    th.classList.toggle("desc", th.dataset.sort === p.sort && p.desc);
  }
}

function processRow(row) {
  return el("tr", { class: "process-row", "data-pid-id": row.id, "data-name": row.name || "" },
    el("td", {}, el("a", { href: "#/process/" + row.id }, row.pid)),
    el("td", {}, row.name || ""),
    el("td", {}, row.behavior || ""),
    el("td", { class: "num mailbox" }, row.mailbox),
    el("td", { class: "num" }, row.handled),
    el("td", { class: "num" }, row.busyMs.toFixed(1)),
    el("td", { class: "num" }, `${row.links} / ${row.monitoredBy}`),
    el("td", {}, row.running || ""),
    el("td", {}, state.config && state.config.allowActions
      ? el("button", { class: "danger kill", type: "button", onclick: () => act("api/actions/kill/" + row.id, "kill " + row.pid) }, "kill")
      : null));
}

function bindProcessControls() {
  for (const th of document.querySelectorAll("#process-table th[data-sort]")) {
    th.addEventListener("click", () => {
      const p = state.processes;
      if (p.sort === th.dataset.sort) p.desc = !p.desc;
      else { p.sort = th.dataset.sort; p.desc = th.dataset.sort !== "Pid" && th.dataset.sort !== "Name" && th.dataset.sort !== "Behavior"; }
      p.offset = 0;
      loadProcesses();
    });
  }
  let debounce = 0;
  document.getElementById("process-filter").addEventListener("input", event => {
    clearTimeout(debounce);
    debounce = setTimeout(() => { state.processes.filter = event.target.value; state.processes.offset = 0; loadProcesses(); }, 200);
  });
  document.getElementById("prev-page").addEventListener("click", () => { state.processes.offset = Math.max(0, state.processes.offset - state.processes.limit); loadProcesses(); });
  document.getElementById("next-page").addEventListener("click", () => { state.processes.offset += state.processes.limit; loadProcesses(); });
}

// ---- one process ----------------------------------------------------------------------------------------------------------

async function loadProcess(id) {
  const host = document.getElementById("process-view");
  if (state.processShown !== id) { state.processShown = id; state.processRates = []; state.lastHandled = null; }
  let p;
  try { p = await getJson("api/processes/" + id); }
  catch { host.replaceChildren(el("p", { class: "muted", id: "process-gone" }, `Process ${id} is not alive.`)); return; }
  const s = p.summary;
  if (state.lastHandled !== null && state.lastHandled !== undefined) state.processRates.push(Math.max(0, s.handled - state.lastHandled));
  state.lastHandled = s.handled;
  state.processRates = state.processRates.slice(-HISTORY);
  const pidLinks = list => list.length ? list.map(x => [el("a", { href: "#/process/" + x.id }, x.pid), " "]) : "none";
  host.replaceChildren(
    el("h2", {}, s.name ? `${s.name} ${s.pid}` : s.pid, " ", el("span", { class: "muted" }, s.behavior || "")),
    state.config && state.config.allowActions
      ? el("button", { id: "kill-process", class: "danger kill", type: "button", onclick: () => act("api/actions/kill/" + s.id, "kill " + s.pid) }, "kill")
      : null,
    el("dl", { class: "facts" },
      el("dt", {}, "mailbox"), el("dd", { id: "process-mailbox" }, s.mailbox + (p.maxMailbox ? ` (limit ${p.maxMailbox})` : "")),
      el("dt", {}, "messages handled"), el("dd", {}, s.handled),
      el("dt", {}, "time in handlers"), el("dd", {}, s.busyMs.toFixed(1) + " ms"),
      el("dt", {}, "running"), el("dd", {}, p.running ? `${p.running} for ${p.runningForMs.toFixed(0)} ms` : "idle"),
      el("dt", {}, "parent"), el("dd", {}, p.parent ? el("a", { href: "#/process/" + p.parent.id }, p.parent.pid) : "none"),
      el("dt", {}, "links"), el("dd", { id: "process-links" }, pidLinks(p.links)),
      el("dt", {}, "monitored by"), el("dd", {}, pidLinks(p.monitoredBy)),
      el("dt", {}, "monitors held"), el("dd", {}, p.monitors),
      el("dt", {}, "traps exits"), el("dd", {}, p.trapExit ? "yes" : "no"),
      el("dt", {}, "last crash"), el("dd", { class: "last-crash" }, p.lastCrash ? `${p.lastCrash} (${p.lastCrashAt})` : "none"),
      el("dt", {}, "message rate"), el("dd", {}, sparkline(state.processRates, "sparkline"))),
    el("h3", {}, "state"),
    el("pre", { class: "state" }, p.state ?? "not initialised"));
}

// ---- node --------------------------------------------------------------------------------------------------------------------

function rates(field) {
  const h = state.history, out = [];
  for (let i = 1; i < h.length; i++) {
    const seconds = (Date.parse(h[i].takenAt) - Date.parse(h[i - 1].takenAt)) / 1000;
    out.push(seconds > 0 ? Math.max(0, (h[i][field] - h[i - 1][field]) / seconds) : 0);
  }
  return out;
}

function renderNode() {
  const c = state.tick && state.tick.counters;
  if (!c) return;
  const mb = bytes => (bytes / 1048576).toFixed(1) + " MB";
  document.getElementById("node-summary").replaceChildren(el("dl", { class: "facts" },
    el("dt", {}, "node"), el("dd", {}, state.config ? state.config.node : ""),
    el("dt", {}, "processes"), el("dd", { id: "node-processes" }, c.processCount),
    el("dt", {}, "scheduler threads"), el("dd", {}, `${c.threadPoolThreads} (${c.heldThreads} held by long turns, ${c.pendingWorkItems} queued)`),
    el("dt", {}, "memory"), el("dd", {}, `${mb(c.managedMemoryBytes)} managed, ${mb(c.workingSetBytes)} working set`),
    el("dt", {}, "GC"), el("dd", {}, `gen0 ${c.gen0Collections}, gen1 ${c.gen1Collections}, gen2 ${c.gen2Collections}`),
    el("dt", {}, "restarts / crashes"), el("dd", {}, `${c.restarts} / ${c.crashes}`)));
  const series = [
    ["processes", state.history.map(x => x.processCount)],
    ["messages / s", rates("messagesHandled")],
    ["restarts / s", rates("restarts")],
    ["managed memory (MB)", state.history.map(x => x.managedMemoryBytes / 1048576)],
    ["scheduler threads", state.history.map(x => x.threadPoolThreads)],
    ["gen0 GCs / s", rates("gen0Collections")],
  ];
  document.getElementById("charts").replaceChildren(...series.map(([title, values]) =>
    el("div", { class: "chart" }, el("h3", {}, title, el("span", { class: "value" }, values.length ? format(values[values.length - 1]) : "")), sparkline(values))));
}

function format(value) { return Number.isInteger(value) ? String(value) : value.toFixed(1); }

function sparkline(values, cls) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 300 70");
  svg.setAttribute("preserveAspectRatio", "none");
  if (cls) svg.setAttribute("class", cls);
  if (values.length > 1) {
    const max = Math.max(1, ...values);
    const points = values.map((v, i) => `${(i * 300 / (values.length - 1)).toFixed(1)},${(68 - v * 66 / max).toFixed(1)}`);
    const line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", points.join(" "));
    svg.append(line);
  }
  return svg;
}

// ---- crash log ---------------------------------------------------------------------------------------------------------------

function renderCrashes() {
  const host = document.getElementById("crash-log");
  if (!state.tick) return;
  const crashes = state.tick.crashes;
  host.replaceChildren(...(crashes.length ? crashes.map(c => el("li", { class: "crash", "data-kind": c.kind },
    el("span", { class: "kind" }, c.kind === "ProcessCrashed" ? "crash report" : c.kind === "ChildTerminated" ? "supervisor report" : "restart intensity reached"),
    " ", el("span", { class: "muted" }, new Date(c.at).toLocaleTimeString()), " ",
    el("a", { href: "#/process/" + c.id }, c.name ? `${c.name} ${c.pid}` : c.pid), " ",
    c.behavior ? el("span", { class: "muted" }, c.behavior) : null,
    c.supervisor ? el("span", { class: "muted" }, ` · child ${c.childId} of ${c.supervisor}`) : null,
    el("span", { class: "reason" }, c.reason))) : [el("li", { class: "muted" }, "No crashes.")]));
}

function truncate(text, length) { return text.length > length ? text.slice(0, length) + "…" : text; }

// ---- start ---------------------------------------------------------------------------------------------------------------------

async function start() {
  state.config = await getJson("api/config");
  document.getElementById("node-picker").replaceChildren(...state.config.nodes.map((name, i) => el("option", { value: name, disabled: i > 0 }, i === 0 ? name + " (this node)" : name)));
  document.body.classList.toggle("actions", state.config.allowActions);
  bindProcessControls();
  const live = document.getElementById("live");
  const stream = new EventSource("api/stream");
  stream.addEventListener("open", () => { live.textContent = "live"; live.classList.remove("off"); });
  stream.addEventListener("error", () => { live.textContent = "reconnecting"; live.classList.add("off"); });
  stream.addEventListener("tick", event => {
    state.tick = JSON.parse(event.data);
    state.history.push(state.tick.counters);
    if (state.history.length > HISTORY) state.history.shift();
    refresh();
  });
  window.addEventListener("hashchange", show);
  show();
}

start();
