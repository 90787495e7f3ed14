//! The findings of `--check` as each consumer reads them: the text listing, `--report
//! json`, GitHub workflow commands (`--report github`), SARIF 2.1.0 (`--report sarif`, for
//! code scanning) and reviewdog's diagnostic format (`--report rdjson`). One
//! [`zhnorm::Finding`] per converted word, with its rule and reason, in all of them.
//!
//! Columns: the text listing, JSON, GitHub and SARIF count characters (Unicode scalar
//! values; SARIF says so with `columnKind: unicodeCodePoints`), reviewdog counts UTF-8
//! bytes, as its format defines; all of them after any byte order mark.

use serde_json::{json, Value};
use zhnorm::{Finding, Rule};

/// A short reason for listings: the rule and the dictionary line
/// (`vocabulary, TWPhrases.txt:1234`), or the rule alone.
pub fn short_reason(f: &Finding) -> String {
    let rule = f.rule();
    match f.steps.iter().rev().find_map(|s| s.source) {
        Some(src) => {
            let file = src.file.rsplit('/').next().unwrap_or(src.file);
            format!("{rule}, {file}:{}", src.line)
        }
        None => rule.to_string(),
    }
}

/// The message of a finding in every report: `支持 → 支援: <reason>`.
fn message(f: &Finding) -> String {
    let reason = f
        .reason()
        .unwrap_or_else(|| f.rule().description().to_string());
    format!("{} → {}: {reason}", f.from, f.to)
}

/// A finding in `--report json`.
pub fn json(f: &Finding) -> Value {
    json!({
        "line": f.start.line,
        "column": f.start.column,
        "end_line": f.end.line,
        "end_column": f.end.column,
        "offset": f.start.offset,
        "end_offset": f.end.offset,
        "from": f.from,
        "to": f.to,
        "rule": f.rule().id(),
        "reason": f.reason(),
        "clause": f.clause.map(|c| c.script.name()),
    })
}

/// GitHub's escaping of a workflow command's message.
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub's escaping of a workflow command's property value.
fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A finding as a GitHub workflow command (an annotation on the line), for the file at
/// `path` (relative to the repository root, as GitHub wants).
pub fn github(path: &str, f: &Finding) -> String {
    format!(
        "::error file={},line={},col={},endLine={},endColumn={},title={}::{}",
        gh_property(path),
        f.start.line,
        f.start.column,
        f.end.line,
        f.end.column,
        gh_property(&format!("zhnorm {}", f.rule())),
        gh_data(&message(f)),
    )
}

/// An error about a whole file (unreadable, not text) as a GitHub workflow command.
pub fn github_error(path: &str, message: &str) -> String {
    format!(
        "::error file={},title=zhnorm::{}",
        gh_property(path),
        gh_data(message)
    )
}

/// `path` as a relative URI reference: `/` separators, bytes outside the unreserved set
/// and `/` percent-encoded (CJK names included, as URIs require).
pub fn uri(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path).replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A finding as a SARIF 2.1.0 result in the file at `uri`, with its fix.
pub fn sarif_result(uri: &str, f: &Finding) -> Value {
    let region = json!({
        "startLine": f.start.line,
        "startColumn": f.start.column,
        "endLine": f.end.line,
        "endColumn": f.end.column,
        "byteOffset": f.start.offset,
        "byteLength": f.end.offset - f.start.offset,
    });
    json!({
        "ruleId": f.rule().id(),
        "level": "error",
        "message": {"text": message(f)},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": region,
            }
        }],
        "fixes": [{
            "description": {"text": format!("Replace {} with {}", f.from, f.to)},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri},
                "replacements": [{
                    "deletedRegion": region,
                    "insertedContent": {"text": f.to},
                }],
            }],
        }],
    })
}

/// The SARIF log of a run: its results, and the errors about files as notifications.
pub fn sarif_log(results: Vec<Value>, errors: Vec<Value>, ok: bool) -> Value {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.id(),
                "shortDescription": {"text": r.description()},
                "defaultConfiguration": {"level": "error"},
            })
        })
        .collect();
    json!({
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "zhnorm",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": ok,
                "toolExecutionNotifications": errors,
            }],
            "results": results,
        }],
    })
}

/// An error about a file (unreadable, not text) as a SARIF notification.
pub fn sarif_error(uri: &str, message: &str) -> Value {
    json!({
        "level": "error",
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
    })
}

/// The 1-based column in UTF-8 bytes of byte `offset` of `text` (after a byte order mark
/// on the first line), as reviewdog counts.
fn byte_column(text: &str, offset: usize) -> usize {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let bom = if line_start == 0 && text.starts_with('\u{FEFF}') {
        3
    } else {
        0
    };
    offset - line_start - bom + 1
}

/// A finding as a reviewdog diagnostic (with its suggestion) in the file at `path`, whose
/// text is `original`.
pub fn rdjson(path: &str, original: &str, f: &Finding) -> Value {
    let range = json!({
        "start": {"line": f.start.line, "column": byte_column(original, f.start.offset)},
        "end": {"line": f.end.line, "column": byte_column(original, f.end.offset)},
    });
    json!({
        "message": message(f),
        "location": {"path": path, "range": range},
        "severity": "ERROR",
        "code": {"value": f.rule().id()},
        "suggestions": [{"range": range, "text": f.to}],
    })
}

/// An error about a file as a reviewdog diagnostic.
pub fn rdjson_error(path: &str, message: &str) -> Value {
    json!({
        "message": message,
        "location": {"path": path},
        "severity": "ERROR",
        "code": {"value": "error"},
    })
}

/// The reviewdog diagnostic result of a run.
pub fn rdjson_result(diagnostics: Vec<Value>) -> Value {
    json!({
        "source": {"name": "zhnorm"},
        "severity": "ERROR",
        "diagnostics": diagnostics,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_escape_what_github_reads() {
        assert_eq!(gh_property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
        assert_eq!(gh_data("a,b:c\r\n"), "a,b:c%0D%0A");
    }

    #[test]
    fn uris_are_percent_encoded_relative_references() {
        assert_eq!(uri("./docs/文档 1.md"), "docs/%E6%96%87%E6%A1%A3%201.md");
        assert_eq!(uri("a/b_c-d.~x"), "a/b_c-d.~x");
    }

    #[test]
    fn byte_columns_skip_the_mark() {
        let t = "\u{FEFF}软件\n软件";
        assert_eq!(byte_column(t, 3), 1);
        assert_eq!(byte_column(t, 6), 4);
        assert_eq!(byte_column(t, 10), 1);
    }
}
