// The reference: the zhnorm command ($ZHNORM_CLI) and the repository's test data
// ($ZHNORM_REPO), for the tests that compare the package with the CLI.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const repo = process.env.ZHNORM_REPO;
const bin = process.env.ZHNORM_CLI;
if (!repo || !bin) {
  throw new Error("set ZHNORM_REPO (the repository) and ZHNORM_CLI (the zhnorm binary); js/test.sh does");
}

/** A file of tests/data. */
export function data(path) {
  return readFileSync(join(repo, "tests/data", path), "utf8");
}

/** The CLI's standard output for `args` with `input` on standard input. */
export function cli(args, input = "") {
  // After the subcommand, if any (`explain`).
  const at = args[0] === "explain" ? 1 : 0;
  return execFileSync(bin, [...args.slice(0, at), "--no-config-file", ...args.slice(at)], {
    input,
    encoding: "utf8",
    maxBuffer: 256 << 20,
    stdio: ["pipe", "pipe", "pipe"], // its warnings on standard error are checked elsewhere
  });
}

/** The CLI's JSON report (it exits 1 when something would change: still a report). */
export function cliJson(args, input = "") {
  try {
    return JSON.parse(cli(args, input));
  } catch (e) {
    if (e.stdout) return JSON.parse(e.stdout);
    throw e;
  }
}

/** The byte offset in UTF-8 of the JS string index `i` of `text`. */
export function byteOffset(text, i) {
  return Buffer.byteLength(text.slice(0, i), "utf8");
}

/** Plain-text corpora: real zh_Hans/zh_Hant strings, Taiwan and Hong Kong text, mixed lines. */
export const CORPORA = [
  "accuracy/django-zh-hans.txt",
  "accuracy/django-zh-hant.txt",
  "accuracy/cldr-zh-hans.txt",
  "accuracy/cldr-zh-hant.txt",
  "accuracy/tw.txt",
  "accuracy/hk.txt",
  "accuracy/mixed.tsv",
  "accuracy/words.tsv",
];
