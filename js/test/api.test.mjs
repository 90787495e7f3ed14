// The package's API from an ES module (`import … from "zhnorm"`), each result compared with
// the CLI's on the repository's corpora (js/test.sh runs this in a fresh install of the
// packed tarball).
import test from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import zhnormDefault, {
  normalize,
  opencc,
  detect,
  Converter,
  targets,
  configs,
  formats,
  version,
} from "zhnorm";
import { CORPORA, byteOffset, cli, cliJson, data } from "./cli.mjs";

test("exports", () => {
  assert.deepEqual(targets(), ["hans", "hant", "cn", "tw", "hk", "mo", "sg", "my"]);
  assert.equal(configs().length, 16);
  assert.ok(configs().every((c) => typeof c.name === "string" && c.title.length > 0));
  assert.ok(formats().includes("markdown") && formats().includes("auto"));
  assert.match(version(), /^\d+\.\d+\.\d+/);
  assert.equal(zhnormDefault.normalize, normalize);
});

test("the README's examples", () => {
  assert.equal(normalize("我们的头发。我們的頭髮。"), "我們的頭髮。我們的頭髮。");
  assert.equal(normalize("鼠标和软件", { to: "tw" }), "滑鼠和軟體");
  assert.equal(opencc("鼠标和软件", "s2twp"), "滑鼠和軟體");
  assert.equal(normalize("台灣的里程", { to: "hant" }), "台灣的里程");
});

test("normalize equals the CLI on every corpus and target", () => {
  for (const path of CORPORA) {
    const text = data(path);
    for (const to of targets()) {
      const want = cli(["--to", to, "--format", "plain"], text);
      assert.equal(normalize(text, { to, format: "plain" }), want, `${path} --to ${to}`);
    }
  }
});

test("vocabulary and forms equal the CLI", () => {
  const text = data("accuracy/django-zh-hans.txt") + data("accuracy/tw.txt");
  for (const to of ["cn", "tw", "hk", "mo"]) {
    for (const vocabulary of ["none", "common", "full"]) {
      const want = cli(["--to", to, "--vocabulary", vocabulary, "--format", "plain"], text);
      assert.equal(normalize(text, { to, vocabulary }), want, `--to ${to} --vocabulary ${vocabulary}`);
    }
  }
  for (const forms of ["common", "opencc"]) {
    const want = cli(["--to", "hant", "--forms", forms, "--format", "plain"], text);
    assert.equal(normalize(text, { to: "hant", forms }), want, `--forms ${forms}`);
  }
});

test("documents: Markdown with conversion markup, rendered and as source", () => {
  const article = data("article/wic-article.md");
  const mixed = `${article}\n\n这是 -{台湾}- 的软件，-{zh-cn:计算机;zh-tw:電腦;}-。\n`;
  for (const to of ["hans", "hant", "tw", "hk"]) {
    const render = cli(["--to", to, "--format", "markdown"], mixed);
    assert.equal(normalize(mixed, { to, format: "markdown" }), render, `render --to ${to}`);
    const source = cli(["--to", to, "--format", "markdown", "--markup", "source"], mixed);
    assert.equal(
      normalize(mixed, { to, format: "markdown", markup: "source" }),
      source,
      `source --to ${to}`,
    );
    const c = new Converter({ to, format: "markdown" });
    assert.equal(c.convert(mixed), render);
    assert.equal(c.convertDocument(mixed, { markup: "source" }).text, source);
  }
  // "auto" decides by content, as the CLI does for standard input.
  assert.equal(normalize(article, { to: "tw", format: "auto" }), cli(["--to", "tw"], article));
  // Markup off: `-{…}-` is text.
  const off = "这是 -{台湾}- 的软件";
  assert.equal(normalize(off, { to: "tw", markup: "off" }), cli(["--to", "tw", "--no-markup", "--format", "plain"], off));
});

test("MediaWiki's conversion tests, as wikitext, equal the CLI", () => {
  // Each variant's inputs as one document: both sides read the same page rules.
  const rows = data("mediawiki/mediawiki-zh-conversion.jsonl").trim().split("\n").map((l) => JSON.parse(l));
  let checked = 0;
  for (const to of targets()) {
    const inputs = rows.filter((r) => r.variant === `zh-${to}`).map((r) => r.input);
    if (inputs.length === 0) continue;
    const page = inputs.join("\n\n") + "\n";
    for (const markup of ["render", "source"]) {
      const want = cli(["--to", to, "--format", "wikitext", "--markup", markup], page);
      assert.equal(normalize(page, { to, format: "wikitext", markup }), want, `--to ${to} --markup ${markup}`);
    }
    const report = cliJson(["--to", to, "--format", "wikitext", "--check", "--report", "json"], page);
    const doc = new Converter({ to, format: "wikitext", markup: "source" }).convertDocument(page);
    assert.deepEqual(
      doc.warnings.map((w) => [w.line, w.column, w.message]),
      report.files[0].warnings.map((w) => [w.line, w.column, w.message]),
      `warnings --to ${to}`,
    );
    checked += inputs.length;
  }
  assert.ok(checked > 100, `${checked} cases`);
});

test("other formats equal the CLI", () => {
  const json = '{"软件": "软件和头发", "note": "// 头发"}\n';
  const po = 'msgid "软件"\nmsgstr "软件和头发"\n';
  const code = '// 头发\nlet 软件 = "软件";\n';
  for (const [format, text] of [["json", json], ["po", po], ["rust", code], ["html", "<p title=\"头发\">软件</p><code>软件</code>\n"]]) {
    assert.equal(normalize(text, { to: "tw", format }), cli(["--to", "tw", "--format", format], text), format);
  }
});

test("convertDocument reports markup warnings as the CLI does", () => {
  const text = "第一行\n这是 -{zh-cn:计算机;zh-tw:電腦;}- 和 -{H|zh-cn:软件}- 还有 -{没有结束\n";
  const doc = new Converter({ to: "tw" }).convertDocument(text, { markup: "source" });
  const report = cliJson(["--to", "tw", "--format", "plain", "--check", "--report", "json"], text);
  const want = report.files[0].warnings;
  assert.ok(want.length > 0, "the CLI warns");
  assert.deepEqual(
    doc.warnings.map((w) => ({ line: w.line, column: w.column, message: w.message })),
    want.map((w) => ({ line: w.line, column: w.column, message: w.message })),
  );
  for (const w of doc.warnings) assert.equal(text.slice(w.index, w.index + 2), "-{", "index points at the construct");
  assert.equal(typeof doc.kept, "number");
});

test("opencc equals the CLI for every config", () => {
  const text = data("opencc/benchmark/zuozhuan.txt").slice(0, 60000) + data("accuracy/tw.txt");
  for (const { name } of configs()) {
    const want = cli(["--config", name], text);
    assert.equal(opencc(text, name), want, name);
    assert.equal(new Converter({ config: name }).convert(text), want, `Converter ${name}`);
  }
});

test("opencc passes OpenCC 1.4.2's test cases", () => {
  // Not strict JSON: one trailing comma (tests/data/opencc/README.md).
  const { cases } = JSON.parse(data("opencc/testcases.json").replace(/,(\s*[}\]])/g, "$1"));
  let n = 0;
  for (const c of cases) {
    for (const [config, expected] of Object.entries(c.expected)) {
      assert.equal(opencc(c.input, config), expected, `${c.id} ${config}`);
      n++;
    }
  }
  assert.equal(n, 556);
});

test("detect equals the CLI's statistics", () => {
  for (const path of CORPORA.slice(0, 6)) {
    const text = data(path);
    const r = detect(text);
    const [want] = cliJson(["--stats", "--report", "json"], text).files;
    assert.equal(r.simplified, want.simplified, path);
    assert.equal(r.traditional, want.traditional, path);
    assert.equal(r.shared, want.shared, path);
    assert.equal(r.han, want.simplified + want.traditional + want.shared);
    assert.equal(r.likely === null ? null : `zh-${r.likely}`, want.likely ?? null, path);
    assert.ok(Math.abs(r.confidence - want.confidence) < 1e-9, path);
  }
  assert.deepEqual(detect("中文"), { simplified: 0, traditional: 0, shared: 2, han: 2, likely: null, confidence: null });
});

test("explain equals zhnorm explain", () => {
  const lines = ["软件和头发，鼠标", "後来他们去了台灣", "打开项目的参数𠮷里面", "這個文档支持簡體"];
  for (const to of ["tw", "hant", "hans"]) {
    const c = new Converter({ to, vocabulary: to === "tw" ? "full" : undefined });
    const args = ["explain", "--to", to, "--report", "json"];
    if (to === "tw") args.push("--vocabulary", "full");
    const report = cliJson([...args, ...lines]);
    lines.forEach((text, i) => {
      const want = report.inputs[i].changes;
      const got = c.explain(text);
      assert.deepEqual(
        got.map((ch) => ({
          start: byteOffset(text, ch.start),
          end: byteOffset(text, ch.end),
          from: ch.from,
          to: ch.to,
          slice: text.slice(ch.start, ch.end),
          steps: ch.steps.map((s) => [s.stage, s.table, s.key, s.value, s.source, s.pass]),
          clause: ch.clause,
        })),
        want.map((ch) => ({
          start: ch.start,
          end: ch.end,
          from: ch.from,
          to: ch.to,
          slice: ch.from,
          steps: ch.steps.map((s) => [s.stage, s.table, s.key, s.value, s.file ? `${s.file}:${s.line}` : null, s.pass]),
          clause: ch.clause ?? null,
        })),
        `${to}: ${text}`,
      );
    });
  }
});

test("findings equal zhnorm --check", () => {
  const text = data("article/wic-article.md") + "\n这是 -{台湾}- 的软件𠮷后来\n";
  const dir = mkdtempSync(join(tmpdir(), "zhnorm-"));
  const file = join(dir, "article.md");
  writeFileSync(file, text);
  for (const to of ["tw", "hans"]) {
    const c = new Converter({ to, format: "markdown", markup: "source" });
    const converted = c.convert(text);
    const found = c.findings(text, converted);
    const report = cliJson(["--to", to, "--check", "--report", "json", "--max-changes", "0", file]);
    const want = report.files[0].changes;
    assert.ok(want.length > 10);
    assert.deepEqual(
      found.map((f) => [f.line, f.column, byteOffset(text, f.start), byteOffset(text, f.end), f.from, f.to, f.rule, f.reason]),
      want.map((f) => [f.line, f.column, f.offset, f.end_offset, f.from, f.to, f.rule, f.reason ?? null]),
      to,
    );
    // Replacing each finding's span by its `to` gives the conversion.
    let out = "";
    let at = 0;
    for (const f of found) {
      assert.equal(text.slice(f.start, f.end), f.from);
      out += text.slice(at, f.start) + f.to;
      at = f.end;
    }
    assert.equal(out + text.slice(at), converted);
  }
});

test("keep, rules and dictionary equal --keep and --dict", () => {
  const text = "我在台湾学习软件和计算机程序。头发";
  const dir = mkdtempSync(join(tmpdir(), "zhnorm-"));
  const dict = "# ours\n程序\t程式\nzh-cn:计算机;zh-tw:電腦;\n";
  writeFileSync(join(dir, "dict.txt"), dict);
  const c = new Converter({ to: "tw", keep: ["台湾"], rules: { 头发: "頭毛" }, dictionary: dict });
  assert.equal(
    c.convert(text),
    cli(["--to", "tw", "--format", "plain", "--keep", "台湾", "--dict", join(dir, "dict.txt")], text).replace("頭髮", "頭毛"),
  );
  assert.equal(new Converter({ to: "tw", rules: { 软件: "軟件" } }).convert("软件和硬件"), "軟件和硬體");
});

test("bad options throw Errors that say what is accepted", () => {
  const cases = [
    [() => normalize("x", { to: "xx" }), /unknown variant `xx`; expected one of hans, hant, cn, tw/],
    [() => normalize("x", { to: 5 }), /option `to` must be a string such as "tw"/],
    [() => normalize("x", { format: "docx" }), /unknown format `docx`; expected auto, plain, wikitext, markdown/],
    [() => normalize("x", { markup: "yes" }), /unknown markup mode `yes`; expected render, source or off/],
    [() => normalize("x", { forms: "old" }), /expected common or opencc/],
    [() => normalize("x", { vocabulary: "all" }), /expected none, common or full/],
    [() => normalize("x", { target: "tw" }), /unknown option `target` of normalize's options; expected to, format, markup, forms, vocabulary/],
    [() => normalize("x", "tw"), /must be an object such as \{ to: … \}/],
    [() => opencc("x", "s2x"), /unknown OpenCC config `s2x`; expected one of s2t, t2s/],
    [() => new Converter({ to: "tw", config: "s2t" }), /give either `to` or `config`/],
    [() => new Converter({ config: "s2t", format: "markdown" }), /give either `to` or `config`/],
    [() => new Converter({ keep: "台湾" }), /option `keep` must be an array of strings/],
    [() => new Converter({ rules: [["a", "b"]] }), /option `rules` must be an object \{from: to\}/],
    [() => new Converter({ dictionary: "no tab here" }), /dictionary: line 1/],
    [() => new Converter({ to: "tw" }).convertDocument("x", { format: "pdf" }), /unknown format `pdf`/],
  ];
  for (const [f, message] of cases) {
    assert.throws(f, (e) => e instanceof Error && message.test(e.message), String(message));
  }
  // Defaults: no options at all.
  assert.equal(normalize("头发"), "頭髮");
  assert.equal(new Converter().target, "hant");
  assert.equal(new Converter(undefined).convert("头发"), "頭髮");
});

test("strings JS holds that UTF-8 cannot: lone surrogates become U+FFFD", () => {
  assert.equal(normalize("头\uD800发"), "頭\uFFFD發");
});

test("a converter describes itself and can be freed", () => {
  const c = new Converter({ to: "tw", format: "markdown" });
  assert.equal(String(c), 'Converter { to: "tw", format: "markdown", markup: "render" }');
  assert.equal(c.isOpencc, false);
  const o = new Converter({ config: "s2twp" });
  assert.equal(o.target, "s2twp");
  assert.equal(o.isOpencc, true);
  c.free();
  o.free();
});
