// The browser build (`zhnorm/web`, ES module, .wasm loaded by the caller) in Node: the
// same results as the Node build. The playground's Chromium test covers it in a browser.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import init, { initSync, normalize, opencc, detect, Converter } from "zhnorm/web";
import * as node from "zhnorm";

const require = createRequire(import.meta.url);

test("initSync with the .wasm's bytes, then the API", () => {
  const bytes = readFileSync(require.resolve("zhnorm/zhnorm_bg.wasm"));
  initSync({ module: bytes });
  const text = "我们的头发。我們的頭髮。鼠标和软件。-{台湾}-";
  for (const to of ["hans", "hant", "tw", "hk"]) {
    assert.equal(normalize(text, { to }), node.normalize(text, { to }), to);
  }
  assert.equal(opencc(text, "s2twp"), node.opencc(text, "s2twp"));
  assert.deepEqual(detect(text), node.detect(text));
  const c = new Converter({ to: "tw" });
  assert.deepEqual(c.explain(text), new node.Converter({ to: "tw" }).explain(text));
  assert.equal(typeof init, "function");
});
