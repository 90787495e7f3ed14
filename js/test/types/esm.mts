// Compiled (not run) by js/test.sh with tsc --noEmit: the package's typings as an ES
// module user sees them.
import init, { initSync } from "zhnorm/web";
import zhnorm, {
  Converter,
  detect,
  normalize,
  opencc,
  type Change,
  type ConvertedDocument,
  type Finding,
  type Report,
} from "zhnorm";

const text: string = normalize("头发", { to: "tw", format: "markdown", markup: "source", vocabulary: "full" });
const plain: string = normalize("头发");
const s2t: string = opencc("头发", "s2t");
const report: Report = detect(text);
const likely: "hans" | "hant" | null = report.likely;
const c = new Converter({ to: "tw", keep: ["台湾"], rules: { 软件: "軟件" }, dictionary: "程序\t程式\n" });
const doc: ConvertedDocument = c.convertDocument("x");
const changes: Change[] = c.explain("软件");
const found: Finding[] = c.findings("软件", c.convert("软件"));
const first: number = found[0]?.start ?? changes[0]?.end ?? doc.warnings.length;
const rule: string | undefined = found[0]?.rule;
const o = new Converter({ config: "s2twp" });
const isOpencc: boolean = o.isOpencc;
o.free();
const viaDefault: string = zhnorm.normalize(plain + s2t + first + rule + likely + isOpencc);
const started: Promise<unknown> = init({ module_or_path: "/zhnorm_bg.wasm" });
initSync({ module: new Uint8Array(0) });

// @ts-expect-error: markup is render, source or off
normalize("x", { markup: "yes" });
// @ts-expect-error: not an option
normalize("x", { target: "tw" });
// @ts-expect-error: a Converter's results are typed
const wrong: number = c.convert("x");

export { viaDefault, started, wrong };
