// The playground in headless Chromium (Debian's `chromium`, driven by playwright-core; no
// browser is downloaded): builds it (build.sh) into a temporary folder, serves that with
// Node's http module, loads the page, types mixed text, reads the output, changes the
// target, checks the highlighted words and their reasons, the markup warnings, an OpenCC
// config, the permalink round trip, the offline reload and the package's own browser entry
// point (web/index.js), and saves a screenshot
// ($ZHNORM_ARTIFACTS/playground.png, default target/artifacts/ at the repository root).
//
// Environment: CHROMIUM (default: /usr/bin/chromium, Debian's), ZHNORM_ARTIFACTS.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize as normalizePath, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const require = createRequire(import.meta.url);
// The expected conversions: the Node build of the same .wasm (js/test.sh checks it
// against the CLI).
const zhnorm = require("../npm/node/zhnorm.js");

const started = Date.now();
const step = (what) => console.log(`playground test: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

const site = mkdtempSync(join(tmpdir(), "zhnorm-playground-"));
execFileSync(join(here, "build.sh"), [site], { stdio: "inherit" });

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
};
const requests = [];
// The site, and under /pkg/ the package's browser build as published (js/npm/web).
const pkg = resolve(here, "../npm/web");
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  requests.push(path);
  const [root, rest] = path.startsWith("/pkg/") ? [pkg, path.slice(4)] : [site, path];
  const file = normalizePath(join(root, rest.endsWith("/") ? `${rest}index.html` : rest));
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const body = readFileSync(file);
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404).end("not found");
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const url = `http://127.0.0.1:${server.address().port}/`;

function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const p of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (existsSync(p)) return p;
  }
  throw new Error("no chromium: apt-get install -y chromium, or set CHROMIUM");
}

const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const errors = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));

  const t0 = Date.now();
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
  step(`page ready in ${Date.now() - t0} ms (${await page.locator("#version").innerText()})`);

  const output = () => page.locator("#output").innerText();
  const marks = () =>
    page.locator("#output mark").evaluateAll((ms) => ms.map((m) => ({ text: m.textContent, cls: m.className, title: m.title })));
  const waitOutput = async (want) => {
    await page.waitForFunction((w) => document.getElementById("output").innerText === w, want, { timeout: 10000 }).catch(() => {});
    assert.equal(await output(), want);
  };

  // The sample: normalized to hant (the default target), with highlights.
  assert.equal(await page.locator("#target").inputValue(), "to:hant");
  const sample = await page.locator("#input").inputValue();
  await waitOutput(zhnorm.normalize(sample, { to: "hant" }));
  step("sample converted to hant");

  // Type mixed text.
  const text = "鼠标和软件。我們的頭髮很长，后来打开了项目";
  await page.locator("#input").fill("");
  await page.locator("#input").pressSequentially(text, { delay: 5 });
  await waitOutput(zhnorm.normalize(text, { to: "hant" }));
  step(`typed mixed text: ${await output()}`);

  // Change the target to tw: Taiwan vocabulary.
  await page.locator("#target").selectOption("to:tw");
  const tw = zhnorm.normalize(text, { to: "tw" });
  await waitOutput(tw);
  assert.ok(tw.startsWith("滑鼠和軟體"), tw);
  const found = await marks();
  const expected = new zhnorm.Converter({ to: "tw" });
  const want = expected.findings(text, tw);
  assert.deepEqual(
    found.map((m) => m.text),
    want.map((f) => f.to),
  );
  const software = found.find((m) => m.text === "軟體");
  assert.ok(software, "軟體 is highlighted");
  assert.equal(software.cls, "change rule-vocabulary");
  assert.match(software.title, /软件 → 軟體/);
  assert.match(software.title, /TWPhrases\.txt:\d+/);
  assert.ok(found.some((m) => m.cls === "change rule-script" && m.text === "後來"), "後來 is a script change");
  assert.equal(await page.locator("#summary").innerText(), `${want.length} changes`);
  const stats = await page.locator("#input-stats").innerText();
  const report = zhnorm.detect(text);
  assert.ok(stats.includes(`simplified ${report.simplified}`) && stats.includes(`traditional ${report.traditional}`), stats);
  step(`target tw: ${found.length} words highlighted, reasons on hover`);

  // The permalink: the fragment holds target and text; a new page restores both.
  const link = page.url();
  assert.match(link, /#to=tw&text=/);
  const again = await context.newPage();
  await again.goto(link);
  await again.waitForSelector("body[data-ready=true]");
  assert.equal(await again.locator("#target").inputValue(), "to:tw");
  assert.equal(await again.locator("#input").inputValue(), text);
  assert.equal(await again.locator("#output").innerText(), tw);
  await again.close();
  step("permalink restored in a new page");

  // Markup warnings, and the format and vocabulary settings in the link.
  const broken = "这是 -{zh-cn:计算机;zh-tw:電腦;}- 和 -{没有结束\n";
  await page.locator("#vocabulary").selectOption("full");
  await page.locator("#input").fill(broken);
  const doc = new zhnorm.Converter({ to: "tw", vocabulary: "full" }).convertDocument(broken, {});
  await waitOutput(doc.text);
  assert.ok(doc.warnings.length > 0);
  const warnings = await page.locator("#warnings li").allInnerTexts();
  assert.deepEqual(warnings, doc.warnings.map((w) => `line ${w.line}, column ${w.column}: ${w.message}`));
  assert.match(page.url(), /vocabulary=full/);
  step(`markup warnings shown: ${warnings[0]}`);

  // An OpenCC config: other settings are disabled, output as OpenCC.
  await page.locator("#input").fill(text);
  await page.locator("#target").selectOption("config:s2twp");
  await waitOutput(zhnorm.opencc(text, "s2twp"));
  assert.equal(await page.locator("#format").isDisabled(), true);
  assert.ok((await marks()).every((m) => m.cls === "change rule-opencc"));
  assert.match(page.url(), /#config=s2twp&text=/);
  step("OpenCC config s2twp");

  // Back to a normalization target with the sample-like text, for the screenshot.
  const shot = "我们的头发。我們的頭髮。\n鼠标和软件都在台湾的服务器上，后来他们打开了项目的设置。\n这是 -{台湾}- 的软件，-{zh-cn:计算机;zh-tw:電腦;}-，还有 -{没有结束";
  await page.locator("#target").selectOption("to:tw");
  await page.locator("#vocabulary").selectOption("common");
  await page.locator("#input").fill(shot);
  await waitOutput(zhnorm.normalize(shot, { to: "tw" }));
  // The line with markup (rendered): its words are marked one by one, with the reasons
  // the source mode traces.
  const line3 = (await marks()).filter((m) => m.title.startsWith("软件 → 軟體"));
  assert.equal(line3.length, 2, "软件 on lines 2 and 3");
  assert.ok(line3.every((m) => m.cls === "change rule-vocabulary" && /TWPhrases\.txt:\d+/.test(m.title)));
  assert.ok((await marks()).some((m) => m.text === "還" && m.cls === "change rule-script"), "还 → 還 on line 3");
  const vocabularyMark = page.locator("#output mark.rule-vocabulary").first();
  await vocabularyMark.hover();
  assert.match(await page.locator("#detail").innerText(), /→ .* · rule: vocabulary · why: .*Phrases\.txt:\d+/);
  const dir = process.env.ZHNORM_ARTIFACTS || join(repo, "target/artifacts");
  mkdirSync(dir, { recursive: true });
  const png = join(dir, "playground.png");
  await page.screenshot({ path: png, fullPage: true });
  step(`screenshot: ${png}`);

  // Offline: once the service worker holds the files, a reload with no network works.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
    }
  });
  await context.setOffline(true);
  const before = requests.length;
  await page.reload();
  await page.waitForSelector("body[data-ready=true]", { timeout: 15000 });
  await waitOutput(zhnorm.normalize(shot, { to: "tw" }));
  assert.equal(requests.length, before, "no request reached the server while offline");
  await context.setOffline(false);
  step("reloaded offline from the service worker's cache");

  // The package's browser entry point (web/index.js: the .wasm fetched beside it with
  // top-level await) imported by a page as a bundler-less user would.
  const viaIndex = await page.evaluate(async () => {
    const m = await import("/pkg/index.js");
    return [m.normalize("鼠标和软件", { to: "tw" }), m.opencc("汉字", "s2t"), typeof m.Converter];
  });
  assert.deepEqual(viaIndex, ["滑鼠和軟體", "漢字", "function"]);
  step("zhnorm's web/index.js imported in the browser");

  // No request left the page's origin, and no error happened.
  const external = [];
  page.on("request", (r) => !r.url().startsWith(url) && !r.url().startsWith("data:") && external.push(r.url()));
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.deepEqual(external, []);
  assert.deepEqual(errors, []);
  await context.close();
  console.log(`playground test: passed (${((Date.now() - started) / 1000).toFixed(1)} s); screenshot ${png}`);
} finally {
  await browser.close();
  server.close();
  rmSync(site, { recursive: true, force: true });
}
