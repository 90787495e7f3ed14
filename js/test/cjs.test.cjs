// The package from CommonJS (`require("zhnorm")`): the same module and results as the ES
// module import.
const test = require("node:test");
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");

const zhnorm = require("zhnorm");

function cli(args, input) {
  return execFileSync(process.env.ZHNORM_CLI, ["--no-config-file", ...args], {
    input,
    encoding: "utf8",
    stdio: ["pipe", "pipe", "pipe"],
  });
}

test("require gives the API", () => {
  for (const name of ["normalize", "opencc", "detect", "Converter", "targets", "configs", "formats", "version"]) {
    assert.equal(typeof zhnorm[name], "function", name);
  }
  const text = "我们的头发。我們的頭髮。鼠标和软件。";
  assert.equal(zhnorm.normalize(text, { to: "tw" }), cli(["--to", "tw", "--format", "plain"], text));
  assert.equal(zhnorm.opencc(text, "s2twp"), cli(["--config", "s2twp"], text));
  assert.equal(new zhnorm.Converter({ to: "hk" }).convert(text), cli(["--to", "hk", "--format", "plain"], text));
  assert.equal(zhnorm.detect(text).likely, "hans");
});

test("require and import share one instance", async () => {
  const esm = await import("zhnorm");
  assert.equal(esm.normalize, zhnorm.normalize);
});

test("errors are Errors", () => {
  assert.throws(() => zhnorm.normalize("x", { to: "xx" }), Error);
});
