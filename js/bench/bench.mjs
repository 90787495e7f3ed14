// zhnorm's npm package beside the JavaScript converters on npm, in Node, in one run (by
// hand, not in CI; results in js/BENCHMARKS.md):
//   js/build.sh && (cd js/bench && npm ci && node bench.mjs)
// Start-up: a new Node process per run requires the package (reading, compiling and
// instantiating its code and tables), creates a converter and converts one short string
// (median of RUNS processes). Throughput, each implementation in its own process after a
// warm-up: short strings (the sentences of OpenCC's zuozhuan.txt benchmark, cut at 。 and
// line ends, one call each) and a 1 MB document (one call), in MB of UTF-8 input per
// second (the best of REPEAT: the machine may be shared). Agreement: the lines of the
// 1 MB document that differ from OpenCC 1.4.2 (zhnorm's `opencc`, which the tests hold
// byte-exact to OpenCC's test cases and to the CLI, itself checked against OpenCC).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import os from "node:os";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const zhnormNode = join(repo, "js/npm/node/zhnorm.js");
const RUNS = Number(process.env.RUNS ?? 11);
const REPEAT = Number(process.env.REPEAT ?? 5);

// How each implementation is loaded and makes a converter for an OpenCC config.
const IMPLS = {
  zhnorm: {
    version: () => JSON.parse(readFileSync(join(repo, "js/npm/package.json"))).version,
    load: `const m = require(${JSON.stringify(zhnormNode)});`,
    make: `(config) => { const c = new m.Converter({ config }); return (t) => c.convert(t); }`,
  },
  "opencc-js": {
    version: () => JSON.parse(readFileSync(join(here, "node_modules/opencc-js/package.json"))).version,
    load: `const m = require("opencc-js");`,
    make: `(config) => m.Converter(${JSON.stringify({ s2t: { from: "cn", to: "t" }, t2s: { from: "t", to: "cn" }, s2twp: { from: "cn", to: "twp" } })}[config])`,
  },
  "simplecc-wasm": {
    version: () => JSON.parse(readFileSync(join(here, "node_modules/simplecc-wasm/package.json"))).version,
    load: `const m = require("simplecc-wasm");`,
    make: `(config) => (t) => m.simplecc(t, config)`,
  },
};
// zhnorm's own mode (normalization of mixed text), for reference.
const NORMALIZE = {
  "zhnorm normalize hant": `(() => { const c = new m.Converter({ to: "hant" }); return (t) => c.convert(t); })()`,
  "zhnorm normalize tw": `(() => { const c = new m.Converter({ to: "tw" }); return (t) => c.convert(t); })()`,
  "zhnorm normalize hans": `(() => { const c = new m.Converter({ to: "hans" }); return (t) => c.convert(t); })()`,
};

function node(script) {
  return JSON.parse(
    execFileSync(process.execPath, ["-e", script], { cwd: here, encoding: "utf8", maxBuffer: 1 << 30 }),
  );
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function startup(impl) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(
      node(`
        const t0 = performance.now();
        ${impl.load}
        const t1 = performance.now();
        const convert = (${impl.make})("s2t");
        const t2 = performance.now();
        convert("汉字转换的第一次调用。");
        const t3 = performance.now();
        console.log(JSON.stringify({ load: t1 - t0, create: t2 - t1, first: t3 - t2, rss: process.memoryUsage().rss }));
      `),
    );
  }
  const pick = (k) => median(runs.map((r) => r[k]));
  return { load: pick("load"), create: pick("create"), first: pick("first"), rss: pick("rss") };
}

// The inputs: the first 1 MB of zuozhuan.txt (Simplified) and its Traditional form (zhnorm's
// s2t of it, for t2s), in files the measuring processes read.
const zuozhuan = readFileSync(join(repo, "tests/data/opencc/benchmark/zuozhuan.txt"), "utf8");
// Cut at a line end before 1,000,000 bytes.
let doc = Buffer.from(zuozhuan).subarray(0, 1_000_000).toString("utf8");
doc = doc.slice(0, doc.lastIndexOf("\n") + 1);
const require = createRequire(import.meta.url);
const zh = require(zhnormNode);
const work = mkdtempSync(join(os.tmpdir(), "zhnorm-bench-"));
const inputs = { s2t: join(work, "s.txt"), s2twp: join(work, "s.txt"), t2s: join(work, "t.txt") };
writeFileSync(inputs.s2t, doc);
writeFileSync(inputs.t2s, zh.opencc(doc, "s2t"));

function throughput(load, makeExpr, input, outFile) {
  return node(`
    const fs = require("node:fs");
    ${load}
    const convert = ${makeExpr};
    const doc = fs.readFileSync(${JSON.stringify(input)}, "utf8");
    const bytes = Buffer.byteLength(doc);
    const short = doc.split(/(?<=。)|\\n/).filter((s) => s.length > 0);
    convert(doc); for (const s of short) convert(s); // warm-up
    const best = (xs) => Math.min(...xs);
    const docRuns = [], shortRuns = [];
    let out = "";
    for (let i = 0; i < ${REPEAT}; i++) {
      let t = performance.now(); out = convert(doc); docRuns.push(performance.now() - t);
      t = performance.now(); for (const s of short) convert(s); shortRuns.push(performance.now() - t);
    }
    fs.writeFileSync(${JSON.stringify(outFile)}, out);
    console.log(JSON.stringify({
      bytes, strings: short.length,
      doc: bytes / 1e6 / (best(docRuns) / 1e3),
      short: bytes / 1e6 / (best(shortRuns) / 1e3),
    }));
  `);
}

function differingLines(a, b) {
  const x = a.split("\n");
  const y = b.split("\n");
  let n = Math.abs(x.length - y.length);
  for (let i = 0; i < Math.min(x.length, y.length); i++) n += x[i] !== y[i];
  return n;
}

const f1 = (x) => x.toFixed(1);
console.log(`Node ${process.version}, ${os.cpus()[0].model}, ${os.cpus().length} cores; ` +
  `1 MB document: ${Buffer.byteLength(doc)} bytes of zuozhuan.txt; start-up: median of ${RUNS} processes, throughput: best of ${REPEAT}\n`);

console.log("| package | version | load (ms) | create s2t converter (ms) | first call (ms) | RSS after (MB) |");
console.log("|---|---|---:|---:|---:|---:|");
const STARTUP = {
  ...IMPLS,
  "zhnorm (normalize, to hant)": {
    ...IMPLS.zhnorm,
    make: `() => { const c = new m.Converter({ to: "hant" }); return (t) => c.convert(t); }`,
  },
};
for (const [name, impl] of Object.entries(STARTUP)) {
  const s = startup(impl);
  console.log(`| ${name} | ${impl.version()} | ${f1(s.load)} | ${f1(s.create)} | ${f1(s.first)} | ${f1(s.rss / 2 ** 20)} |`);
}

console.log("\n| package | config | 1 MB document (MB/s) | short strings (MB/s) | lines ≠ OpenCC 1.4.2 (of 1 MB document) |");
console.log("|---|---|---:|---:|---:|");
let strings = 0;
for (const config of ["s2t", "t2s", "s2twp"]) {
  const reference = zh.opencc(readFileSync(inputs[config], "utf8"), config);
  for (const [name, impl] of Object.entries(IMPLS)) {
    const out = join(work, `${name}-${config}.out`);
    const r = throughput(impl.load, `(${impl.make})(${JSON.stringify(config)})`, inputs[config], out);
    strings = r.strings;
    const diff = differingLines(readFileSync(out, "utf8"), reference);
    console.log(`| ${name} | ${config} | ${f1(r.doc)} | ${f1(r.short)} | ${diff} |`);
  }
}
for (const [name, expr] of Object.entries(NORMALIZE)) {
  const input = name.endsWith("hans") ? inputs.t2s : inputs.s2t;
  const r = throughput(IMPLS.zhnorm.load, expr, input, join(work, "n.out"));
  console.log(`| ${name} | (${name.endsWith("hans") ? "Traditional" : "Simplified"} input) | ${f1(r.doc)} | ${f1(r.short)} | – |`);
}
console.log(`\nShort strings: ${strings} sentences of the same text, one call each.`);
rmSync(work, { recursive: true, force: true });
