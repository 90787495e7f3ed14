//! The command line as typed: the clap definition, its help and examples. Nothing here is
//! validated beyond what clap checks; [`crate::settings`] turns it into typed settings.

use std::path::PathBuf;

use clap::Parser;

const EXAMPLES: &str = "\
Examples:
  zhnorm --to hans article.md            normalize to Simplified, print to stdout
  zhnorm --to zh-Hant-TW a.txt b.txt     Taiwan forms and vocabulary, files concatenated
  zhnorm --to tw --no-idioms notes.txt   Taiwan forms, keep the words as written
  cat in.txt | zhnorm --to hant -o out.txt
  zhnorm --config s2twp in.txt           exactly what OpenCC 1.4.2's s2twp gives
  zhnorm --to hant --format markdown a.md render -{…}- markup, keep code, URLs, link targets
  zhnorm --to hant --check docs/         CI: list what would change, exit 1 if anything would
  zhnorm --to hant --diff docs/          show a unified diff instead
  zhnorm --to hant -w docs/              rewrite files in place (atomically)
  git show :a.md | zhnorm --to hant --check --stdin-filename a.md
                                         check a file's staged content, as a.md
  zhnorm --to hant --encoding gbk a.txt  GBK in, GBK out (strict: an error, never lost bytes)
  zhnorm explain --to tw 这个软件         why each change is made: table, file:line, clause
  zhnorm lsp                             a language server for editors (see the README)

Directories are walked honouring .gitignore/.ignore, skipping hidden files and symlinks,
converting files with common text extensions (md, txt, wiki, html, json, yaml, srt …)
unless --glob is given. Source code (.rs, .py, .js …) is converted only when named or
matched by --glob or the project's include (zhnorm --to hant -w --glob '*.rs' src).

Exit status: 0 success (clean), 1 --check/--diff found files that would change,
2 error (a missing or unreadable file, invalid UTF-8 or --encoding bytes, a converted
character --encoding cannot hold, a bad argument).";

/// Normalize mixed Simplified/Traditional Chinese text into one script or regional variant.
#[derive(Parser, Debug)]
#[command(name = "zhnorm", version, about, after_help = EXAMPLES)]
pub struct Args {
    /// Target variant: hans, hant, cn, tw, hk, mo, sg, my (also zh-hant, zh-Hant-TW …).
    #[arg(long, value_name = "VARIANT", conflicts_with = "config")]
    pub to: Option<String>,

    /// Convert exactly as OpenCC 1.4.2's config NAME (s2t, t2s, s2twp, tw2sp, …).
    #[arg(long, value_name = "NAME")]
    pub config: Option<String>,

    /// Engine for --config: zhnorm (built in, default) or opencc (the C++ OpenCC 1.4.2
    /// library, for reference; needs a build with `--features opencc`).
    #[arg(long, value_name = "ENGINE", default_value = "zhnorm", value_parser = ["zhnorm", "opencc"], requires = "config")]
    pub engine: String,

    /// With --to cn/tw/hk/mo: change character forms only, not vocabulary (软件 stays 軟件);
    /// the same as --vocabulary none.
    #[arg(long, conflicts_with = "vocabulary")]
    pub no_idioms: bool,

    /// With --to cn/tw/hk/mo, the regional vocabulary applied to text converted from the
    /// other script: common (default: OpenCC's, without the words the region's own text
    /// writes, such as 參數 and 項目 in Taiwan), full (OpenCC's whole table, as s2twp) or
    /// none (forms only). Text already in the target script keeps its words.
    #[arg(long, value_name = "VOCABULARY", value_parser = ["common", "full", "none"])]
    pub vocabulary: Option<String>,

    /// With --to hant: common (default: 為 眾 群 裡 才 著, the forms Taiwan, Hong Kong and
    /// zh.wikipedia write) or opencc (OpenCC's standard forms: 爲 衆 羣 裏 纔 着).
    #[arg(long, value_name = "FORMS")]
    pub forms: Option<String>,

    /// Input format: auto (by extension: .md → markdown, .wiki → wikitext, .txt → plain,
    /// .html, .xml/.xlf → xml, .yaml/.yml → yaml, .srt/.vtt → subtitles, .json/.jsonc →
    /// json, .po/.pot → po, .properties, .strings, source code .rs .py .js/.ts .go .java
    /// .c/.cpp/.h .sh; otherwise by content), plain, wikitext, markdown, html, xml, yaml,
    /// subtitles, json, po, properties, strings, or a language: rust, python, javascript,
    /// go, java, c, shell.
    /// In the structured formats only the translated strings change; in source code only
    /// comments and string literals.
    #[arg(long, value_name = "FORMAT", default_value = "auto")]
    pub format: String,

    /// The encoding of every input, a WHATWG label: gb18030, gbk, big5 (big5-hkscs),
    /// shift_jis, euc-jp, euc-kr, utf-16le, utf-16be, utf-8 … Inputs are decoded strictly
    /// (a malformed byte sequence is an error with its byte offset) and written back (-w,
    /// -o, standard output) in the same encoding; a converted character that the encoding
    /// cannot hold is an error, and nothing is written for that input. Inputs in an
    /// encoding other than UTF-8 are read whole. Without it: UTF-8, or UTF-16 with its
    /// byte order mark.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,

    /// Plain text: leave `-{…}-` conversion markup as text instead of reading it.
    ///
    /// Markup has two modes, chosen by what is done with the result. Render (standard
    /// output, -o): each construct is replaced by what it shows for the target. Source
    /// (-w, --check, --diff): every construct is kept exactly as written and honoured
    /// (protected text stays, `-{H|…}-` rules apply to the text after them), so a file
    /// rewritten by -w passes --check. In Markdown and plain text `-{…}-` is markup only
    /// where it plausibly is (`-{}-`, CJK inside, `zh-…:`, a flag like `H|`, or `=>`):
    /// `{year}-{month}-{day}` stays a template.
    #[arg(long)]
    pub no_markup: bool,

    /// The markup mode, instead of the one chosen by what is done with the result:
    /// `render` with -w writes each construct's rendering into the file (the markup is
    /// gone afterwards); `source` on standard output shows what -w would write.
    #[arg(long, value_name = "MODE", value_parser = ["render", "source"], conflicts_with = "no_markup")]
    pub markup: Option<String>,

    /// User dictionary (repeatable): OpenCC `key<TAB>value` lines or MediaWiki rules
    /// `zh-cn:计算机;zh-tw:電腦;`; its entries win over the built-in dictionaries.
    #[arg(long, value_name = "FILE")]
    pub dict: Vec<PathBuf>,

    /// Never convert WORD (repeatable).
    #[arg(long, value_name = "WORD")]
    pub keep: Vec<String>,

    /// Never convert the words listed in FILE (one per line, `#` comments).
    #[arg(long, value_name = "FILE")]
    pub keep_file: Vec<PathBuf>,

    /// Project defaults from this file instead of the nearest zhnorm.toml.
    #[arg(long, value_name = "FILE")]
    pub config_file: Option<PathBuf>,

    /// Ignore zhnorm.toml files.
    #[arg(long, conflicts_with = "config_file")]
    pub no_config_file: bool,

    /// Threads for batches of files (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Change nothing; report per file the Simplified-only, Traditional-only and shared
    /// characters and the likely script.
    #[arg(long, conflicts_with_all = ["check", "diff", "in_place", "output"])]
    pub stats: bool,

    /// Lint: exit 1 if a file contains characters specific to the other script than
    /// VARIANT's (implies --stats).
    #[arg(long, value_name = "VARIANT", conflicts_with_all = ["check", "diff", "in_place", "output"])]
    pub expect: Option<String>,

    /// Change nothing; list the changes as `path:line:column: 后 → 後 (context)` (at most
    /// --max-changes per file, then how many more) and exit 1 if any file would change.
    #[arg(long, conflicts_with_all = ["in_place", "output"])]
    pub check: bool,

    /// Change nothing; print a unified diff of every file that would change, exit 1 if any.
    #[arg(long, conflicts_with_all = ["in_place", "output"])]
    pub diff: bool,

    /// With --check (and any --report): list at most N findings per file, then a line with
    /// the number of the others (0: list them all). Counts and exit status stay exact.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub max_changes: usize,

    /// Rewrite the files in place (atomically; unchanged files are not touched).
    #[arg(short = 'w', long, conflicts_with = "output")]
    pub in_place: bool,

    /// Only walk files matching this glob (repeatable), e.g. --glob '*.md'.
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,

    /// Skip files matching this glob (repeatable), e.g. --exclude 'vendor/**'.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Follow symbolic links while walking directories.
    #[arg(long)]
    pub follow: bool,

    /// Machine-readable report on stdout: `json` (with --check, --diff, -w, --stats or
    /// --expect); with --check also `github` (workflow commands: annotations on the
    /// lines), `sarif` (SARIF 2.1.0, for code scanning) or `rdjson` (reviewdog).
    #[arg(long, value_name = "FORMAT", value_parser = ["json", "github", "sarif", "rdjson"])]
    pub report: Option<String>,

    /// Do not print warnings about malformed markup or skipped files.
    #[arg(short, long)]
    pub quiet: bool,

    /// Name the format each input is read as, and how it was chosen (extension, content
    /// or --format), on standard error.
    #[arg(short, long)]
    pub verbose: bool,

    /// Write the output to FILE instead of stdout (atomically: via a temporary file).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Read standard input as the file PATH: its format by PATH's extension, the project's
    /// include and exclude and --exclude applied to PATH, PATH in messages and findings
    /// (`git show :a.md | zhnorm --check --stdin-filename a.md` reports `a.md:1:1: …`).
    /// With -w the result goes to standard output. No other PATH may be given.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// Input files or directories; none or `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub files: Vec<PathBuf>,
}

/// The flags that say how to convert, shared by the subcommands that build a converter as
/// the conversion modes do (`zhnorm explain`, `zhnorm lsp`): flattened into theirs.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ConversionFlags {
    /// Target variant: hans, hant, cn, tw, hk, mo, sg, my (also zh-hant, zh-Hant-TW …).
    #[arg(long, value_name = "VARIANT", conflicts_with = "config")]
    pub to: Option<String>,

    /// OpenCC 1.4.2's config NAME (s2t, t2s, s2twp, tw2sp, …).
    #[arg(long, value_name = "NAME")]
    pub config: Option<String>,

    /// With --to cn/tw/hk/mo: forms only, not vocabulary (as --vocabulary none).
    #[arg(long, conflicts_with = "vocabulary")]
    pub no_idioms: bool,

    /// With --to cn/tw/hk/mo: common (default), full or none.
    #[arg(long, value_name = "VOCABULARY", value_parser = ["common", "full", "none"])]
    pub vocabulary: Option<String>,

    /// With --to hant: common (default) or opencc.
    #[arg(long, value_name = "FORMS")]
    pub forms: Option<String>,

    /// User dictionary (repeatable), as for conversion.
    #[arg(long, value_name = "FILE")]
    pub dict: Vec<PathBuf>,

    /// Never convert WORD (repeatable).
    #[arg(long, value_name = "WORD")]
    pub keep: Vec<String>,

    /// Never convert the words listed in FILE.
    #[arg(long, value_name = "FILE")]
    pub keep_file: Vec<PathBuf>,

    /// Project defaults from this file instead of the nearest zhnorm.toml.
    #[arg(long, value_name = "FILE")]
    pub config_file: Option<PathBuf>,

    /// Ignore zhnorm.toml files.
    #[arg(long, conflicts_with = "config_file")]
    pub no_config_file: bool,
}

impl ConversionFlags {
    /// The conversion modes' arguments with these flags and every other one at its
    /// default, for `Settings::new`.
    pub fn args(&self) -> Args {
        use clap::Parser as _;
        let mut args = Args::parse_from(["zhnorm"]);
        args.to = self.to.clone();
        args.config = self.config.clone();
        args.no_idioms = self.no_idioms;
        args.vocabulary = self.vocabulary.clone();
        args.forms = self.forms.clone();
        args.dict = self.dict.clone();
        args.keep = self.keep.clone();
        args.keep_file = self.keep_file.clone();
        args.config_file = self.config_file.clone();
        args.no_config_file = self.no_config_file;
        args
    }
}

/// Whether the raw arguments ask for `--report json` (for a usage error, which clap found
/// before any `Args` exists, to be reported as JSON too).
pub fn json_requested(args: impl IntoIterator<Item = std::ffi::OsString>) -> bool {
    let mut previous_is_report = false;
    for a in args {
        if a == "--" {
            break;
        }
        if a == "--report=json" || (previous_is_report && a == "json") {
            return true;
        }
        previous_is_report = a == "--report";
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Args::command().debug_assert();
    }

    #[test]
    fn flag_combinations() {
        assert!(Args::try_parse_from(["zhnorm", "--to", "hans", "--config", "s2t"]).is_err());
        assert!(
            Args::try_parse_from(["zhnorm", "--config-file", "a", "--no-config-file"]).is_err()
        );
        assert!(Args::try_parse_from(["zhnorm", "--config", "s2t", "a.txt"]).is_ok());
        assert!(Args::try_parse_from(["zhnorm", "--to", "hant", "--check", "-w", "a"]).is_err());
        assert!(Args::try_parse_from(["zhnorm", "--to", "hant", "-w", "-o", "x", "a"]).is_err());
        assert!(Args::try_parse_from([
            "zhnorm", "--to", "hant", "--check", "--report", "json", "a"
        ])
        .is_ok());
        assert!(Args::try_parse_from(["zhnorm", "--to", "hant", "--report", "xml", "a"]).is_err());
        let json = |v: &[&str]| json_requested(v.iter().map(std::ffi::OsString::from));
        assert!(json(&["zhnorm", "--bogus", "--report", "json"]));
        assert!(json(&["zhnorm", "--report=json", "--to"]));
        assert!(!json(&["zhnorm", "--report", "xml", "json"]));
        assert!(!json(&["zhnorm", "--", "--report", "json"]));
    }
}
