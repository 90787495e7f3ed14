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

/** The output with each finding's word marked; null when the findings do not rebuild it. */
function highlighted(text, out, found) {
  const frag = document.createDocumentFragment();
  let at = 0;
  let rebuilt = "";
  for (const f of found) {
    const before = text.slice(at, f.start);
    rebuilt += before + f.to;
    frag.append(before);
    const mark = document.createElement("mark");
    mark.className = `change rule-${f.rule}`;
    mark.textContent = f.to;
    mark.title = describe(f);
    mark.dataset.from = f.from;
    frag.append(mark);
    at = f.end;
  }
  frag.append(text.slice(at));
  rebuilt += text.slice(at);
  return rebuilt === out ? frag : null;
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
  let found = [];
  if (s.text.length <= HIGHLIGHT_LIMIT) {
    found = c.findings(s.text, out);
    marks = highlighted(s.text, out, found);
  }
  output.append(marks ?? out);
  const changes = marks
    ? `${found.length} change${found.length === 1 ? "" : "s"}`
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
