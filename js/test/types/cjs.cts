// The typings as a CommonJS user sees them (compiled, not run, by js/test.sh).
import zhnorm = require("zhnorm");

const out: string = zhnorm.normalize("头发", { to: "hk" });
const c: zhnorm.Converter = new zhnorm.Converter({ to: "tw" });
const warnings: zhnorm.MarkupWarning[] = c.convertDocument(out).warnings;
export = warnings;
