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
  node: null,             // the node shown: null for this one, else a connected node's name
  childOffsets: new Map(),   // supervisor id -> first child shown, when paged past the first page
  supervisorPages: new Map(), // supervisor id -> that page, read on each tick
  restartShownAt: new Map(),  // child key -> when the page first showed its latest restart (ms since the epoch)
  stream: null,
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

// Every API path carries the shown node (absent for this node).
function api(path) {
  if (!state.node) return path;
  return path + (path.includes("?") ? "&" : "?") + "node=" + encodeURIComponent(state.node);
}

async function getJson(path) {
  const response = await fetch(api(path), { headers: { "Accept": "application/json" } });
  if (!response.ok) throw new Error(path + ": " + response.status);
  return response.json();
}

async function act(path, what) {
  if (!confirm(what + "?")) return;
  const response = await fetch(api(path), { method: "POST", headers: { "X-Arbor-Dashboard": "1" } });
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

function renderSupervisor(live) {
  // A supervisor paged past its first children is shown from its own page, read on each tick.
  const sup = state.childOffsets.get(live.id) ? (state.supervisorPages.get(live.id) || live) : live;
  return el("div", { class: "supervisor", "data-pid": sup.pid, "data-child-count": sup.childCount },
    el("div", { class: "head" },
      el("a", { href: "#/process/" + sup.id }, sup.name || sup.pid),
      el("span", { class: "meta" },
        sup.responded ? `${sup.strategy} · max ${sup.maxRestarts} restarts in ${sup.withinMs} ms · ${sup.runningCount} of ${sup.childCount} running · ${sup.totalRestarts} restart${sup.totalRestarts === 1 ? "" : "s"}` : "busy (did not answer in time)")),
    sup.children.map(child => renderChild(sup, child)),
    sup.childCount > sup.children.length ? childPager(sup) : null);
}

function childPager(sup) {
  const first = sup.childOffset, last = sup.childOffset + sup.children.length;
  const go = offset => { state.childOffsets.set(sup.id, Math.max(0, offset)); loadSupervisorPages().then(renderTree); };
  return el("div", { class: "child-pager muted" },
    el("button", { type: "button", class: "prev-children", disabled: first === 0, onclick: () => go(first - PAGE_CHILDREN) }, "←"),
    ` children ${first + 1}–${last} of ${sup.childCount} `,
    el("button", { type: "button", class: "next-children", disabled: last >= sup.childCount, onclick: () => go(first + PAGE_CHILDREN) }, "→"));
}

const PAGE_CHILDREN = 100;

async function loadSupervisorPages() {
  for (const [id, offset] of state.childOffsets) {
    if (!offset) { state.supervisorPages.delete(id); continue; }
    try { state.supervisorPages.set(id, await getJson(`api/supervisors/${id}?offset=${offset}&limit=${PAGE_CHILDREN}`)); }
    catch { state.childOffsets.delete(id); state.supervisorPages.delete(id); }
  }
}

function renderChild(sup, child) {
  const key = sup.pid + "/" + child.id + "/" + (child.type === "Supervisor" ? "" : child.restart);
  const seen = state.restarts.get(key);
  const restarted = seen !== undefined && child.restarts > seen;
  state.restarts.set(key, child.restarts);
  // When the page first showed this restart, beside when the supervisor saw the exit: the page's own measure of its delay.
  if (restarted) state.restartShownAt.set(key, Date.now());
  const actions = state.allowActions ? [
    el("button", { class: "danger restart-child", type: "button", onclick: () => act(`api/actions/supervisors/${sup.id}/children/${encodeURIComponent(child.id)}/restart`, `restart child ${child.id}`) }, "restart"),
    el("button", { class: "danger terminate-child", type: "button", onclick: () => act(`api/actions/supervisors/${sup.id}/children/${encodeURIComponent(child.id)}/terminate?pid=${child.pidId}`, `terminate child ${child.id}`) }, "terminate"),
  ] : [];
  const row = el("div", {
      class: "child" + (restarted ? " restarted" : ""), "data-child-id": child.id, "data-state": child.state, "data-restarts": child.restarts,
      "data-exit-at": child.lastExitAt ? Date.parse(child.lastExitAt) : null, "data-restart-shown-at": state.restartShownAt.get(key) },
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
    el("td", {}, state.allowActions
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
    state.allowActions
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
    el("dt", {}, "node"), el("dd", { id: "node-name" }, document.body.dataset.node || ""),
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

function connect() {
  if (state.stream) state.stream.close();
  const live = document.getElementById("live");
  const banner = document.getElementById("node-error");
  const stream = state.stream = new EventSource(api("api/stream"));
  stream.addEventListener("open", () => { live.textContent = "live"; live.classList.remove("off"); });
  stream.addEventListener("error", () => { live.textContent = "reconnecting"; live.classList.add("off"); });
  stream.addEventListener("unavailable", event => { banner.textContent = JSON.parse(event.data); banner.hidden = false; });
  stream.addEventListener("tick", async event => {
    banner.hidden = true;
    state.tick = JSON.parse(event.data);
    state.history.push(state.tick.counters);
    if (state.history.length > HISTORY) state.history.shift();
    if (state.childOffsets.size && route().view === "tree") await loadSupervisorPages();
    refresh();
  });
}

// Choosing another node shows its views: everything read so far belongs to the previous one.
async function pick(name) {
  state.node = name === state.config.node ? null : name;
  state.tick = null; state.history = []; state.restarts = new Map(); state.restartShownAt = new Map();
  state.childOffsets = new Map(); state.supervisorPages = new Map();
  state.processes.offset = 0;
  const shown = await getJson("api/config");
  state.allowActions = shown.allowActions;
  document.body.classList.toggle("actions", state.allowActions);
  document.body.dataset.node = shown.shown;
  for (const id of ["tree", "crash-log", "node-summary", "charts", "process-view"]) document.getElementById(id).replaceChildren();
  document.querySelector("#process-table tbody").replaceChildren();
  connect();
  refresh();
}

async function start() {
  state.config = await getJson("api/config");
  state.allowActions = state.config.allowActions;
  const picker = document.getElementById("node-picker");
  picker.replaceChildren(...state.config.nodes.map((name, i) => el("option", { value: name }, i === 0 ? name + " (this node)" : name)));
  picker.addEventListener("change", () => pick(picker.value));
  // Nodes come and go: the list is read again whenever the picker is opened.
  picker.addEventListener("focus", async () => {
    const nodes = (await getJson("api/config")).nodes;
    const chosen = picker.value;
    picker.replaceChildren(...nodes.map((name, i) => el("option", { value: name, selected: name === chosen }, i === 0 ? name + " (this node)" : name)));
  });
  document.body.classList.toggle("actions", state.allowActions);
  document.body.dataset.node = state.config.shown;
  bindProcessControls();
  connect();
  window.addEventListener("hashchange", show);
  show();
}

start();
