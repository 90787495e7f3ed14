//! `zhnorm lsp`: a language server over standard input and output. Each open document
//! gets the findings of `zhnorm --check` as diagnostics (one per converted word, with its
//! rule and reason), a quick fix per finding and a `source.fixAll` action that converts
//! the whole document.
//!
//! The conversion is the command line's: the server's flags merged with the nearest
//! `zhnorm.toml` above each document ([`config`]), markup kept as written and honoured,
//! ignore comments and the project's `include`/`exclude` obeyed. The server runs on one
//! thread, one message at a time; no input makes it panic (a handler that would is
//! caught and answered with an internal error), and what goes wrong is said with
//! `window/logMessage` (and once with `window/showMessage`), never on standard output.

mod config;
mod text;
mod transport;

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Parser;
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, Diagnostic, DiagnosticSeverity, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    InitializeParams, InitializeResult, LogMessageParams, MessageType, NumberOrString,
    PublishDiagnosticsParams, SaveOptions, ServerCapabilities, ServerInfo, ShowMessageParams,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, TextEdit, Uri, WorkspaceEdit,
};
use zhnorm::{Finding, Warning};

use crate::args::ConversionFlags;
use crate::error::Error;
use crate::modes::Summary;
use config::{Applies, Cache};
use text::{Encoding, Lines};

const EXAMPLES: &str = "\
Examples:
  zhnorm lsp                    each document's target from the nearest zhnorm.toml
  zhnorm lsp --to tw            Taiwan, for documents without a project file too
  zhnorm lsp --severity hint    findings as hints rather than warnings

The server speaks the Language Server Protocol on standard input and output. It
publishes one diagnostic per word that `zhnorm --check` would change (code: the rule,
script, forms, vocabulary, user or opencc), offers a quick fix per finding and the
source.fixAll action \"Convert the whole file with zhnorm\". Flags win over zhnorm.toml,
as for conversion; a document without a target gets no diagnostics.";

/// The Language Server Protocol on standard input and output.
#[derive(Parser, Debug, Clone)]
#[command(
    name = "zhnorm lsp",
    bin_name = "zhnorm lsp",
    about = "A language server: diagnostics and fixes for what zhnorm would change.",
    after_help = EXAMPLES
)]
pub struct LspArgs {
    /// The conversion, for every document (without --to or --config, each document's
    /// zhnorm.toml says; --config-file names one for every document).
    #[command(flatten)]
    pub conversion: ConversionFlags,

    /// Document format: auto (by the document's extension, else its content) or any
    /// format `zhnorm --format` names.
    #[arg(long, value_name = "FORMAT", default_value = "auto")]
    pub format: String,

    /// Plain text: leave `-{…}-` conversion markup as text instead of reading it.
    #[arg(long)]
    pub no_markup: bool,

    /// The severity of the diagnostics: error, warning, information or hint.
    #[arg(long, value_name = "SEVERITY", default_value = "warning", value_parser = ["error", "warning", "information", "hint"])]
    pub severity: String,

    /// Accepted and ignored: standard input and output are the only transport (some
    /// clients pass it).
    #[arg(long, hide = true)]
    pub stdio: bool,
}

/// Runs `zhnorm lsp` with `argv` (its first item is `lsp`) until the client says `exit`
/// or closes standard input: exit status 0 after `shutdown`, 1 without it (as the
/// protocol says), 2 for bad flags.
pub fn run(argv: impl IntoIterator<Item = OsString>) -> Result<Summary, Error> {
    let flags = match LspArgs::try_parse_from(argv) {
        Ok(a) => a,
        Err(e) => e.exit(),
    };
    let mut cache = Cache::default();
    // Flags that name a target are checked before the protocol starts: a bad variant or
    // dictionary is the command line's error, exit status 2.
    if flags.conversion.to.is_some() || flags.conversion.config.is_some() {
        cache.applies(&flags, None)?;
    }
    let severity = match flags.severity.as_str() {
        "error" => DiagnosticSeverity::ERROR,
        "information" => DiagnosticSeverity::INFORMATION,
        "hint" => DiagnosticSeverity::HINT,
        _ => DiagnosticSeverity::WARNING,
    };
    let mut server = Server {
        out: io::stdout().lock(),
        flags,
        severity,
        encoding: Encoding::Utf16,
        initialized: false,
        shutdown: false,
        broken: false,
        docs: HashMap::new(),
        cache,
        shown: HashSet::new(),
    };
    let mut input = io::stdin().lock();
    let clean = server.serve(&mut input).map_err(Error::ReadStdin)?;
    Ok(Summary {
        found: !clean,
        ..Summary::default()
    })
}

/// An open document.
struct Doc {
    text: String,
    version: i32,
    /// The findings of `text` as it is now.
    findings: Vec<Finding>,
    /// `text` converted, when the conversion changes it.
    converted: Option<String>,
}

struct Server<W: Write> {
    out: W,
    flags: LspArgs,
    severity: DiagnosticSeverity,
    /// How columns are counted, agreed in `initialize`.
    encoding: Encoding,
    initialized: bool,
    shutdown: bool,
    /// Standard output failed: the client is gone.
    broken: bool,
    docs: HashMap<Uri, Doc>,
    cache: Cache,
    /// Messages already shown with `window/showMessage` (each is shown once).
    shown: HashSet<String>,
}

impl<W: Write> Server<W> {
    /// Serves until `exit` or the end of the input; `Ok(true)` when `shutdown` came first.
    fn serve(&mut self, input: &mut impl io::BufRead) -> io::Result<bool> {
        loop {
            if self.broken {
                return Ok(false);
            }
            match transport::read(input)? {
                transport::Incoming::End => return Ok(self.shutdown),
                transport::Incoming::Invalid { why, id } => {
                    self.log(MessageType::ERROR, format!("zhnorm: skipped {why}"));
                    if let Some(id) = id {
                        self.error(id, ErrorCode::InvalidRequest, why);
                    }
                }
                transport::Incoming::Message(Message::Notification(n)) if n.method == "exit" => {
                    return Ok(self.shutdown);
                }
                transport::Incoming::Message(m) => {
                    let id = match &m {
                        Message::Request(r) => Some(r.id.clone()),
                        _ => None,
                    };
                    let method = match &m {
                        Message::Request(r) => r.method.clone(),
                        Message::Notification(n) => n.method.clone(),
                        Message::Response(_) => String::new(),
                    };
                    let handled =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.handle(m)));
                    if handled.is_err() {
                        let why = format!("zhnorm: internal error while handling {method}");
                        self.log(MessageType::ERROR, why.clone());
                        if let Some(id) = id {
                            self.error(id, ErrorCode::InternalError, why);
                        }
                    }
                }
            }
        }
    }

    fn handle(&mut self, m: Message) {
        match m {
            Message::Request(r) => self.request(r),
            Message::Notification(n) => self.notification(n),
            // The server sends no requests: a response answers none.
            Message::Response(_) => {}
        }
    }

    fn request(&mut self, r: Request) {
        if r.method == "initialize" {
            if self.initialized {
                return self.error(r.id, ErrorCode::InvalidRequest, "initialized already");
            }
            return match serde_json::from_value::<InitializeParams>(r.params) {
                Ok(p) => {
                    let result = self.initialize(&p);
                    self.respond(r.id, result);
                }
                Err(e) => self.error(r.id, ErrorCode::InvalidParams, e.to_string()),
            };
        }
        if !self.initialized {
            return self.error(
                r.id,
                ErrorCode::ServerNotInitialized,
                "the first request must be initialize",
            );
        }
        if self.shutdown {
            return self.error(r.id, ErrorCode::InvalidRequest, "shut down already");
        }
        match r.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                self.respond(r.id, ());
            }
            "textDocument/codeAction" => {
                match serde_json::from_value::<CodeActionParams>(r.params) {
                    Ok(p) => {
                        let actions = self.code_actions(&p);
                        self.respond(r.id, actions);
                    }
                    Err(e) => self.error(r.id, ErrorCode::InvalidParams, e.to_string()),
                }
            }
            m => {
                let why = format!("zhnorm lsp does not handle {m}");
                self.error(r.id, ErrorCode::MethodNotFound, why);
            }
        }
    }

    fn initialize(&mut self, p: &InitializeParams) -> InitializeResult {
        self.initialized = true;
        self.encoding = Encoding::negotiate(
            p.capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(self.encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::FULL),
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(false),
                        })),
                        ..Default::default()
                    },
                )),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::SOURCE_FIX_ALL,
                        ]),
                        resolve_provider: Some(false),
                        ..Default::default()
                    },
                )),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "zhnorm".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        }
    }

    fn notification(&mut self, n: Notification) {
        if !self.initialized {
            return;
        }
        match n.method.as_str() {
            "textDocument/didOpen" => {
                if let Some(p) = self.params::<DidOpenTextDocumentParams>(n) {
                    let d = p.text_document;
                    self.docs.insert(
                        d.uri.clone(),
                        Doc {
                            text: d.text,
                            version: d.version,
                            findings: Vec::new(),
                            converted: None,
                        },
                    );
                    self.check(&d.uri);
                }
            }
            "textDocument/didChange" => {
                if let Some(p) = self.params::<DidChangeTextDocumentParams>(n) {
                    let uri = p.text_document.uri;
                    let encoding = self.encoding;
                    let Some(doc) = self.docs.get_mut(&uri) else {
                        let why = format!("zhnorm: {} changed but was not opened", uri.as_str());
                        return self.log(MessageType::WARNING, why);
                    };
                    doc.version = p.text_document.version;
                    for change in p.content_changes {
                        match change.range {
                            None => doc.text = change.text,
                            Some(range) => {
                                text::replace(&mut doc.text, range, &change.text, encoding)
                            }
                        }
                    }
                    self.check(&uri);
                }
            }
            "textDocument/didSave" => {
                if let Some(p) = self.params::<DidSaveTextDocumentParams>(n) {
                    let uri = p.text_document.uri;
                    let configures =
                        file_path(&uri).is_some_and(|path| self.cache.configures(&path));
                    if let (Some(text), Some(doc)) = (p.text, self.docs.get_mut(&uri)) {
                        doc.text = text;
                    }
                    if configures {
                        // A project file or dictionary changed: every document again.
                        self.cache.clear();
                        self.shown.clear();
                        let uris: Vec<Uri> = self.docs.keys().cloned().collect();
                        for u in &uris {
                            self.check(u);
                        }
                    } else {
                        self.check(&uri);
                    }
                }
            }
            "textDocument/didClose" => {
                if let Some(p) = self.params::<DidCloseTextDocumentParams>(n) {
                    let uri = p.text_document.uri;
                    if self.docs.remove(&uri).is_some() {
                        self.publish(uri, Vec::new(), None);
                    }
                }
            }
            // `initialized`, `$/cancelRequest`, `workspace/didChangeConfiguration` …:
            // nothing to do.
            _ => {}
        }
    }

    /// The params of a notification, or `None` (logged) when they do not fit.
    fn params<P: serde::de::DeserializeOwned>(&mut self, n: Notification) -> Option<P> {
        match serde_json::from_value::<P>(n.params) {
            Ok(p) => Some(p),
            Err(e) => {
                let why = format!("zhnorm: {}: bad params: {e}", n.method);
                self.log(MessageType::ERROR, why);
                None
            }
        }
    }

    /// Converts the document `uri` and publishes its diagnostics.
    fn check(&mut self, uri: &Uri) {
        let path = file_path(uri);
        let name = path
            .as_deref()
            .map_or_else(|| uri.as_str().to_string(), crate::show::path);
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        let checked = match self.cache.applies(&self.flags, path.as_deref()) {
            Err(e) => {
                self.show_once(MessageType::ERROR, format!("zhnorm: {name}: {e}"));
                Checked::default()
            }
            Ok(Applies::NoTarget { project }) => {
                let (key, how) = match &project {
                    Some(p) => (
                        crate::show::path(p),
                        format!("set `to` in {}", crate::show::path(p)),
                    ),
                    None => (
                        String::new(),
                        "create a zhnorm.toml with `to = \"tw\"` (or hans, hant, cn, hk …) in \
                         the project's root directory"
                            .to_string(),
                    ),
                };
                self.log(
                    MessageType::INFO,
                    format!("zhnorm: {name}: no target, no diagnostics"),
                );
                let text = format!(
                    "zhnorm: no target variant for {}: {how}, or start the server as \
                     `zhnorm lsp --to VARIANT`; until then it shows no diagnostics",
                    if key.is_empty() {
                        name.clone()
                    } else {
                        format!("the documents of {key}")
                    }
                );
                if self.shown.insert(format!("no target {key}")) {
                    self.show(MessageType::WARNING, text);
                }
                Checked::default()
            }
            Ok(Applies::Convert(r)) => match convert(&r, path.as_deref(), &doc.text) {
                Ok(Some(checked)) => checked,
                Ok(None) => Checked::default(),
                Err(e) => {
                    self.show_once(MessageType::ERROR, format!("zhnorm: {name}: {e}"));
                    Checked::default()
                }
            },
        };
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        doc.findings = checked.findings;
        doc.converted = checked.converted;
        let lines = Lines::new(&doc.text, self.encoding);
        let diagnostics = doc
            .findings
            .iter()
            .map(|f| diagnostic(&lines, f, self.severity))
            .chain(
                checked
                    .warnings
                    .iter()
                    .map(|w| warning(&lines, &doc.text, w)),
            )
            .collect();
        let version = Some(doc.version);
        self.publish(uri.clone(), diagnostics, version);
    }

    fn code_actions(&self, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &p.text_document.uri;
        let Some(doc) = self.docs.get(uri) else {
            return Vec::new();
        };
        let wants = |kind: &CodeActionKind| {
            p.context.only.as_ref().is_none_or(|only| {
                only.iter().any(|o| {
                    let (k, o) = (kind.as_str(), o.as_str());
                    k == o || k.strip_prefix(o).is_some_and(|rest| rest.starts_with('.'))
                })
            })
        };
        let lines = Lines::new(&doc.text, self.encoding);
        let edit = |range, new_text: &str| WorkspaceEdit {
            changes: Some(HashMap::from([(
                uri.clone(),
                vec![TextEdit {
                    range,
                    new_text: new_text.to_string(),
                }],
            )])),
            ..Default::default()
        };
        let mut actions = Vec::new();
        if wants(&CodeActionKind::QUICKFIX) {
            for f in &doc.findings {
                let d = diagnostic(&lines, f, self.severity);
                if !text::touches(d.range, p.range) {
                    continue;
                }
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Convert {} → {}", f.from, f.to),
                    kind: Some(CodeActionKind::QUICKFIX),
                    edit: Some(edit(d.range, &f.to)),
                    diagnostics: Some(vec![d]),
                    is_preferred: Some(true),
                    ..Default::default()
                }));
            }
        }
        if let Some(converted) = doc.converted.as_deref() {
            if wants(&CodeActionKind::SOURCE_FIX_ALL) {
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: "Convert the whole file with zhnorm".into(),
                    kind: Some(CodeActionKind::SOURCE_FIX_ALL),
                    edit: Some(edit(lines.whole(), converted)),
                    ..Default::default()
                }));
            }
        }
        actions
    }

    fn publish(&mut self, uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        self.notify(
            "textDocument/publishDiagnostics",
            PublishDiagnosticsParams {
                uri,
                diagnostics,
                version,
            },
        );
    }

    fn log(&mut self, typ: MessageType, message: String) {
        self.notify("window/logMessage", LogMessageParams { typ, message });
    }

    fn show(&mut self, typ: MessageType, message: String) {
        self.notify("window/showMessage", ShowMessageParams { typ, message });
    }

    /// Logs `message`, and shows it unless it was shown before.
    fn show_once(&mut self, typ: MessageType, message: String) {
        self.log(typ, message.clone());
        if self.shown.insert(message.clone()) {
            self.show(typ, message);
        }
    }

    fn notify(&mut self, method: &str, params: impl serde::Serialize) {
        self.send(Notification::new(method.to_string(), params).into());
    }

    fn respond(&mut self, id: RequestId, result: impl serde::Serialize) {
        self.send(Response::new_ok(id, result).into());
    }

    fn error(&mut self, id: RequestId, code: ErrorCode, message: impl Into<String>) {
        self.send(Response::new_err(id, code as i32, message.into()).into());
    }

    fn send(&mut self, m: Message) {
        if self.broken {
            return;
        }
        if let Err(e) = transport::write(&mut self.out, m) {
            self.broken = true;
            stderr!("zhnorm lsp: cannot write to the client: {e}");
        }
    }
}

/// What the server shows of a document: its findings, its converted text (`None`: no
/// change) and the problems found in its conversion markup.
#[derive(Default)]
struct Checked {
    findings: Vec<Finding>,
    converted: Option<String>,
    warnings: Vec<Warning>,
}

/// The findings of `text`, its converted text and its markup warnings (`None`: the project
/// does not cover the document).
fn convert(
    r: &config::Resolved,
    path: Option<&Path>,
    text: &str,
) -> Result<Option<Checked>, Error> {
    if let Some(p) = path {
        if !crate::files::covers(p, &r.walk)? {
            return Ok(None);
        }
    }
    let (converted, warnings) =
        match crate::input::document_options(&r.conversion, path, Some(text))? {
            Some(opts) => {
                let doc = r.converter.convert_document(text, opts);
                (doc.text, doc.warnings)
            }
            None => (r.converter.convert(text).into_owned(), Vec::new()),
        };
    if converted == text {
        return Ok(Some(Checked {
            warnings,
            ..Checked::default()
        }));
    }
    let findings = r.converter.findings(text, &converted);
    Ok(Some(Checked {
        findings,
        converted: Some(converted),
        warnings,
    }))
}

/// A problem in the document's conversion markup (kept as written) as a diagnostic on the
/// character where it was found: always a warning, code `markup`.
fn warning(lines: &Lines<'_>, text: &str, w: &Warning) -> Diagnostic {
    let end = text[w.offset.min(text.len())..]
        .chars()
        .next()
        .map_or(w.offset, |c| w.offset + c.len_utf8());
    Diagnostic {
        range: lines.range(w.offset, end),
        severity: Some(DiagnosticSeverity::WARNING),
        code: Some(NumberOrString::String("markup".into())),
        source: Some("zhnorm".into()),
        message: w.message.clone(),
        ..Default::default()
    }
}

/// A finding as a diagnostic: `支持 → 支援: Taiwan vocabulary (TWPhrases), …`.
fn diagnostic(lines: &Lines<'_>, f: &Finding, severity: DiagnosticSeverity) -> Diagnostic {
    let message = match f.reason() {
        Some(why) => format!("{} → {}: {why}", f.from, f.to),
        None => format!("{} → {}", f.from, f.to),
    };
    Diagnostic {
        range: lines.range(f.start.offset, f.end.offset),
        severity: Some(severity),
        code: Some(NumberOrString::String(f.rule().id().to_string())),
        source: Some("zhnorm".into()),
        message,
        data: Some(serde_json::json!({ "to": f.to })),
        ..Default::default()
    }
}

/// The path of a `file:` URI (`None` for other schemes, such as an unsaved buffer's).
fn file_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let scheme = s.get(..7)?;
    if !scheme.eq_ignore_ascii_case("file://") {
        return None;
    }
    let rest = &s[7..];
    let slash = rest.find('/')?;
    let (host, path) = rest.split_at(slash);
    if !(host.is_empty() || host.eq_ignore_ascii_case("localhost")) {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = percent_decoded(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        let s = String::from_utf8(bytes).ok()?;
        // `/C:/dir/file` is `C:/dir/file`.
        let s = match s.strip_prefix('/') {
            Some(rest) if rest.as_bytes().get(1) == Some(&b':') => rest.to_string(),
            _ => s,
        };
        Some(PathBuf::from(s))
    }
}

/// `%XX` escapes decoded; `None` for a malformed one.
fn percent_decoded(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn file_uris_become_paths() {
        let uri = |s: &str| s.parse::<Uri>().unwrap();
        assert_eq!(
            file_path(&uri("file:///tmp/a%20b/%E6%96%87.md")),
            Some(PathBuf::from("/tmp/a b/文.md"))
        );
        assert_eq!(
            file_path(&uri("file://localhost/x.md")),
            Some(PathBuf::from("/x.md"))
        );
        assert_eq!(file_path(&uri("untitled:Untitled-1")), None);
        assert_eq!(file_path(&uri("file://server/share/x.md")), None);
        assert_eq!(percent_decoded("%E6%9"), None);
        assert_eq!(percent_decoded("%zz"), None);
    }
}
