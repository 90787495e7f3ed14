// Start-up of builds of the package side by side (by hand; js/BENCHMARKS.md): each
// argument is a folder holding a build's node/ and web/ (a copy of js/npm after
// js/build.sh, with or without --no-default-features). Per build, in new Node processes
// (median of RUNS): require (read, compile and instantiate the .wasm), the first call of
// an OpenCC config and of three targets (each expands the tables it needs), one call
// of every config and target (all tables expanded), and the resident memory then.
//   node startup.mjs /tmp/compressed /tmp/plain
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";

const RUNS = Number(process.env.RUNS ?? 11);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f1 = (x) => x.toFixed(1);

console.log("| build | .wasm (MB) | gzip -9 (MB) | require (ms) | first s2t (ms) | first hant (ms) | first tw (ms) | first hans (ms) | all 16 configs + 8 targets (ms) | RSS then (MB) |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const dir of process.argv.slice(2)) {
  const glue = resolve(dir, "node/zhnorm.js");
  const wasm = resolve(dir, "web/zhnorm_bg.wasm");
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ["-e", `
      const t = [performance.now()];
      const m = require(${JSON.stringify(glue)});
      t.push(performance.now());
      m.opencc("汉字转换的第一次调用。", "s2t"); t.push(performance.now());
      m.normalize("汉字转换的第一次调用。", { to: "hant" }); t.push(performance.now());
      m.normalize("鼠标和软件的第一次调用。", { to: "tw" }); t.push(performance.now());
      m.normalize("漢字轉換的第一次調用。", { to: "hans" }); t.push(performance.now());
      for (const c of m.configs()) m.opencc("汉字轉換", c.name);
      for (const to of m.targets()) m.normalize("汉字轉換", { to });
      t.push(performance.now());
      const d = t.slice(1).map((x, i) => x - t[i]);
      console.log(JSON.stringify({ d, rss: process.memoryUsage().rss }));
    `], { encoding: "utf8" });
    runs.push(JSON.parse(out));
  }
  const col = (k) => median(runs.map((r) => r.d[k]));
  const bytes = statSync(wasm).size;
  const gz = gzipSync(readFileSync(wasm), { level: 9 }).length;
  console.log(`| ${dir} | ${(bytes / 1e6).toFixed(2)} | ${(gz / 1e6).toFixed(2)} | ${f1(col(0))} | ${f1(col(1))} | ${f1(col(2))} | ${f1(col(3))} | ${f1(col(4))} | ${f1(col(5))} | ${f1(median(runs.map((r) => r.rss / 2 ** 20)))} |`);
}
