// The zhnorm playground: converts as you type with the browser build of the npm package
// (zhnorm.js and zhnorm_bg.wasm beside this file, copied by build.sh). The settings and
// the text live in the URL fragment (a permalink, restored on load); nothing leaves the
// page. A service worker (sw.js) keeps the files for offline use.
import init, { Converter, detect, targets, configs, formats, version } from "./zhnorm.js";

const $ = (id) => document.getElementById(id);
const DEFAULTS = { target: "to:hant", format: "plain", markup: "render", vocabulary: "common", forms: "common", text: "" };
const SAMPLE = "我们的头发。我們的頭髮。\n鼠标和软件都在台湾的服务器上，後来他们更新了网络设置。\n这是 -{台湾}- 的软件，-{zh-cn:计算机;zh-tw:電腦;}-。";
/** Highlights only for inputs up to this many UTF-16 units: explaining every changed line
 *  takes about 4 ms per 1,000 characters of densely changed text. */
const HIGHLIGHT_LIMIT = 50_000;

const controls = ["target", "format", "markup", "vocabulary", "forms"];
const converters = new Map();

function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  const state = { ...DEFAULTS, text: SAMPLE };
  if (p.has("config")) state.target = `config:${p.get("config")}`;
  else if (p.has("to")) state.target = `to:${p.get("to")}`;
  for (const k of ["format", "markup", "vocabulary", "forms"]) if (p.has(k)) state[k] = p.get(k);
  if (p.has("text")) state.text = p.get("text");
  return state;
}

function writeHash(state) {
  const p = new URLSearchParams();
  const [kind, name] = state.target.split(":");
  p.set(kind === "config" ? "config" : "to", name);
  if (kind === "to") {
    for (const k of ["format", "markup", "vocabulary", "forms"]) if (state[k] !== DEFAULTS[k]) p.set(k, state[k]);
  }
  p.set("text", state.text);
  const hash = `#${p.toString()}`;
  if (hash !== location.hash) history.replaceState(null, "", hash);
}

function currentState() {
  const s = { text: $("input").value };
  for (const k of controls) s[k] = $(k).value;
  return s;
}

function applyState(s) {
  for (const k of controls) {
    const el = $(k);
    el.value = s[k];
    if (el.value !== s[k]) el.value = DEFAULTS[k]; // an unknown name in a hand-edited link
  }
  $("input").value = s.text;
}

function converterFor(s) {
  const [kind, name] = s.target.split(":");
  const options = kind === "config" ? { config: name } : { to: name, vocabulary: s.vocabulary, forms: s.forms, format: s.format, markup: s.markup };
  const key = JSON.stringify(options);
  if (!converters.has(key)) converters.set(key, new Converter(options));
  return converters.get(key);
}

function statsText(r) {
  if (r.han === 0) return "no Han characters";
  const likely = r.likely ? ` · likely ${r.likely} (${Math.round(r.confidence * 100)} %)` : "";
  return `simplified ${r.simplified} · traditional ${r.traditional} · shared ${r.shared}${likely}`;
}

function describe(f) {
  const lines = [`${f.from} → ${f.to}`, `rule: ${f.rule}`];
  lines.push(f.reason ? `why: ${f.reason}` : "why: not traced to a table (conversion markup or the format)");
  if (f.clause) lines.push(`clause: ${f.clause.script} (${f.clause.bits.toFixed(1)} bits${f.clause.inherited ? ", inherited" : ""})`);
  return lines.join("\n");
}

/** The changed runs between the code point arrays `a` and `b` (a longest common
 *  subsequence), as [aStart, aEnd, bStart, bEnd] in code points; null when too long. */
function changedRuns(a, b) {
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > 1_000_000) return null;
  const w = m + 1;
  const lcs = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = a[i] === b[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    }
  }
  const runs = [];
  let i = 0;
  let j = 0;
  let run = null;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      if (run) runs.push(run);
      run = null;
      i++;
      j++;
      continue;
    }
    run ??= [i, i, j, j];
    if (j < m && (i === n || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])) run[3] = ++j;
    else run[1] = ++i;
  }
  if (run) runs.push(run);
  return runs;
}

function markFor(f, to) {
  const mark = document.createElement("mark");
  mark.className = `change rule-${f.rule}`;
  mark.textContent = to;
  mark.title = describe(f);
  mark.dataset.from = f.from;
  return mark;
}

/** A finding the explanation could not trace (a line where conversion markup was
 *  resolved): its changed runs marked one by one, each with the reason of the word of
 *  `traced` (findings with markup kept as source) it belongs to. */
function splitUntraced(f, traced, frag) {
  const from = [...f.from];
  const to = [...f.to];
  const runs = changedRuns(from, to);
  if (!runs) return [markFor(f, f.to)];
  const marks = [];
  // JS string index of each code point of `from`, for matching `traced`.
  const index = [f.start];
  for (const ch of from) index.push(index.at(-1) + ch.length);
  let at = 0;
  for (const [a0, a1, b0, b1] of runs) {
    frag.append(to.slice(at, b0).join(""));
    at = b1;
    if (b0 === b1) continue; // only deleted (a markup delimiter): nothing to mark
    const [start, end] = [index[a0], index[a1]];
    const word = traced.find((t) => t.start < Math.max(end, start + 1) && start < t.end && t.steps.length > 0);
    const piece = { ...(word ?? f), from: from.slice(a0, a1).join(""), to: to.slice(b0, b1).join("") };
    if (!word) piece.reason = null;
    const mark = markFor(piece, piece.to);
    frag.append(mark);
    marks.push(mark);
  }
  frag.append(to.slice(at).join(""));
  return marks;
}

/** The output with each finding's word marked, and the number of marks; null when the
 *  findings do not rebuild it. `traced()` gives the findings with markup kept as source,
 *  asked only when a finding was not traced. */
function highlighted(text, out, found, traced) {
  const frag = document.createDocumentFragment();
  let at = 0;
  let rebuilt = "";
  let count = 0;
  for (const f of found) {
    const before = text.slice(at, f.start);
    rebuilt += before + f.to;
    frag.append(before);
    if (f.steps.length === 0 && f.rule === "other") {
      count += splitUntraced(f, traced(), frag).length;
    } else {
      frag.append(markFor(f, f.to));
      count++;
    }
    at = f.end;
  }
  frag.append(text.slice(at));
  rebuilt += text.slice(at);
  return rebuilt === out ? { frag, count } : null;
}

function render() {
  const s = currentState();
  const isConfig = s.target.startsWith("config:");
  for (const k of ["format", "markup", "vocabulary", "forms"]) $(k).disabled = isConfig;
  writeHash(s);
  let c;
  try {
    c = converterFor(s);
  } catch (e) {
    $("status").textContent = e.message;
    return;
  }
  const t0 = performance.now();
  let out;
  let warnings = [];
  if (isConfig) {
    out = c.convert(s.text);
  } else {
    const doc = c.convertDocument(s.text, { format: s.format, markup: s.markup });
    out = doc.text;
    warnings = doc.warnings;
  }
  const converted = performance.now() - t0;
  const output = $("output");
  output.replaceChildren();
  $("detail").textContent = "";
  let marks = null;
  if (s.text.length <= HIGHLIGHT_LIMIT) {
    let traced = null;
    const source = () => {
      if (traced) return traced;
      const kept = isConfig || s.markup !== "render" ? out : c.convertDocument(s.text, { format: s.format, markup: "source" }).text;
      traced = kept === out ? [] : c.findings(s.text, kept);
      return traced;
    };
    marks = highlighted(s.text, out, c.findings(s.text, out), source);
  }
  output.append(marks?.frag ?? out);
  const changes = marks
    ? `${marks.count} change${marks.count === 1 ? "" : "s"}`
    : s.text.length > HIGHLIGHT_LIMIT
      ? `no highlights above ${HIGHLIGHT_LIMIT.toLocaleString("en")} characters`
      : "";
  $("summary").textContent = changes;
  $("input-stats").textContent = statsText(detect(s.text));
  $("output-stats").textContent = statsText(detect(out));
  const list = $("warnings");
  list.replaceChildren(
    ...warnings.map((w) => {
      const li = document.createElement("li");
      li.className = "warning";
      li.textContent = `line ${w.line}, column ${w.column}: ${w.message}`;
      return li;
    }),
  );
  $("status").textContent = `Converted ${s.text.length.toLocaleString("en")} characters in ${converted.toFixed(1)} ms.`;
}

function fill(select, items) {
  for (const [value, label, title] of items) {
    const o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    if (title) o.title = title;
    select.append(o);
  }
}

let timer = 0;
function schedule() {
  clearTimeout(timer);
  // Longer pauses before converting long texts again.
  timer = setTimeout(render, $("input").value.length > 20_000 ? 300 : 60);
}

async function main() {
  const t0 = performance.now();
  await init({ module_or_path: new URL("./zhnorm_bg.wasm", import.meta.url) });
  const loaded = performance.now() - t0;
  fill($("targets"), targets().map((t) => [`to:${t}`, t]));
  fill($("configs"), configs().map((c) => [`config:${c.name}`, c.name, c.title]));
  fill($("format"), formats().map((f) => [f, f]));
  applyState(readHash());
  $("version").textContent = `zhnorm ${version()} · WebAssembly loaded in ${loaded.toFixed(0)} ms`;
  for (const k of controls) $(k).addEventListener("change", render);
  $("input").addEventListener("input", schedule);
  window.addEventListener("hashchange", () => {
    applyState(readHash());
    render();
  });
  // The reason of the word under the pointer (or tapped), also shown below the output.
  const show = (event) => {
    const mark = event.target.closest?.("mark.change");
    if (!mark) return;
    for (const m of $("output").querySelectorAll("mark.selected")) m.classList.remove("selected");
    mark.classList.add("selected");
    $("detail").textContent = mark.title.replaceAll("\n", " · ");
  };
  $("output").addEventListener("mouseover", show);
  $("output").addEventListener("click", show);
  $("copy-link").addEventListener("click", async () => {
    writeHash(currentState());
    try {
      await navigator.clipboard.writeText(location.href);
      $("status").textContent = "Link copied.";
    } catch {
      $("status").textContent = `Link: ${location.href}`;
    }
  });
  render();
  document.body.dataset.ready = "true";
  if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
    navigator.serviceWorker.register("sw.js").catch(() => {});
  }
}

main().catch((e) => {
  $("status").textContent = `Could not start: ${e.message}`;
  throw e;
});
