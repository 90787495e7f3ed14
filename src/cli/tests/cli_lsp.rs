//! `zhnorm lsp`, driven as an editor drives it: the real binary, messages framed by hand
//! (`Content-Length` headers) on its standard input and output. Every wait has a
//! deadline, and a server still running when a test ends is killed.

mod common;

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long any one answer may take (a debug build, a busy machine).
const WAIT: Duration = Duration::from_secs(30);

/// A running `zhnorm lsp`.
struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    /// Messages from the server, read by a thread.
    rx: Receiver<Value>,
    /// Notifications received while waiting for something else.
    pending: VecDeque<Value>,
    next_id: i64,
}

impl Server {
    fn start(args: &[&str], cwd: &Path) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("zhnorm"))
            .arg("lsp")
            .args(args)
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(m) = read_message(&mut r) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Server {
            stdin: child.stdin.take(),
            child,
            rx,
            pending: VecDeque::new(),
            next_id: 1,
        }
    }

    fn send_raw(&mut self, body: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        stdin.write_all(body).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, v: Value) {
        self.send_raw(v.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message, or a failed test at the deadline.
    fn receive(&mut self, deadline: Instant, waiting_for: &str) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.rx.recv_timeout(left) {
            Ok(m) => m,
            Err(e) => panic!("no {waiting_for} from zhnorm lsp: {e}"),
        }
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response(id, method)
    }

    fn response(&mut self, id: i64, what: &str) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let m = self.receive(deadline, what);
            if m.get("method").is_some() {
                self.pending.push_back(m);
            } else if m["id"] == id {
                return m;
            } else {
                panic!("unexpected response {m}");
            }
        }
    }

    /// The next notification `method` whose params satisfy `pick`.
    fn notification(&mut self, method: &str, pick: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self
            .pending
            .iter()
            .position(|m| m["method"] == method && pick(&m["params"]))
        {
            return self.pending.remove(i).unwrap()["params"].take();
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let m = self.receive(deadline, method);
            if m["method"] == method && pick(&m["params"]) {
                return m["params"].clone();
            }
            self.pending.push_back(m);
        }
    }

    /// The diagnostics published next for `uri`.
    fn diagnostics(&mut self, uri: &str) -> (Vec<Value>, Value) {
        let p = self.notification("textDocument/publishDiagnostics", |p| p["uri"] == uri);
        (
            p["diagnostics"].as_array().unwrap().clone(),
            p["version"].clone(),
        )
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
        let (d, version) = self.diagnostics(uri);
        assert_eq!(version, 1);
        d
    }

    fn initialize(&mut self, capabilities: Value) -> Value {
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        );
        self.notify("initialized", json!({}));
        r["result"].clone()
    }

    /// Closes standard input after `exit` and waits for the process to end.
    fn exit(mut self) -> ExitStatus {
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "zhnorm lsp did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One framed message of the server, `None` at the end of its output.
fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(": ").expect("a header");
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(value.parse::<usize>().unwrap());
        }
    }
    let mut body = vec![0; length.expect("Content-Length")];
    r.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("JSON"))
}

fn uri(p: &Path) -> String {
    let mut s = String::from("file://");
    for b in p.to_str().unwrap().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

fn range(d: &Value) -> (u64, u64, u64, u64) {
    let r = &d["range"];
    let n = |v: &Value| v.as_u64().unwrap();
    (
        n(&r["start"]["line"]),
        n(&r["start"]["character"]),
        n(&r["end"]["line"]),
        n(&r["end"]["character"]),
    )
}

const TEXT: &str = "😀 我们支持这个文档。\n";
const CONVERTED: &str = "😀 我們支援這個文件。\n";

#[test]
fn diagnostics_fixes_and_shutdown_with_a_project_file() {
    let dir = common::tmpdir("lsp", "project");
    common::write(
        &dir.join("zhnorm.toml"),
        b"to = \"tw\"\nvocabulary = \"full\"\nexclude = [\"vendor/**\"]\n",
    );
    let doc = dir.join("docs/文档 1.md");
    common::write(&doc, TEXT.as_bytes());
    let json_doc = dir.join("data.json");
    let vendored = dir.join("vendor/x.md");
    let elsewhere = common::tmpdir("lsp", "no-project").join("a.md");
    let (doc, json_doc, vendored, elsewhere) =
        (uri(&doc), uri(&json_doc), uri(&vendored), uri(&elsewhere));

    let mut s = Server::start(&[], &dir);
    let init = s.initialize(json!({}));
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16", "{init}");
    assert_eq!(caps["textDocumentSync"]["change"], 1, "{init}");
    assert_eq!(caps["textDocumentSync"]["openClose"], true, "{init}");
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll"]),
        "{init}"
    );
    assert_eq!(init["serverInfo"]["name"], "zhnorm");

    // Columns in UTF-16 code units: 😀 is two.
    let d = s.open(&doc, "markdown", TEXT);
    let got: Vec<_> = d
        .iter()
        .map(|d| (range(d), d["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ((0, 4, 0, 5), "script"),
            ((0, 5, 0, 7), "vocabulary"),
            ((0, 7, 0, 9), "script"),
            ((0, 9, 0, 11), "vocabulary"),
        ],
        "{d:#?}"
    );
    for x in &d {
        assert_eq!(x["source"], "zhnorm");
        assert_eq!(x["severity"], 2);
    }
    let support = d[1]["message"].as_str().unwrap();
    assert!(support.starts_with("支持 → 支援: "), "{support}");
    assert!(support.contains("TWPhrases"), "{support}");
    assert!(d[0]["message"].as_str().unwrap().starts_with("们 → 們: "));

    // JSON: the key 支持 is no diagnostic, the value's words are.
    let d = s.open(&json_doc, "json", "{\"支持\": \"我们支持这个文档。\"}\n");
    let starts: Vec<_> = d.iter().map(|d| range(d).1).collect();
    assert_eq!(starts, [9, 10, 12, 14], "{d:#?}");

    // Excluded by the project: nothing.
    assert!(s.open(&vendored, "markdown", TEXT).is_empty());

    // No target: nothing, and one warning saying how to set one.
    assert!(s.open(&elsewhere, "markdown", TEXT).is_empty());
    let warning = s.notification("window/showMessage", |_| true);
    assert_eq!(warning["type"], 2, "{warning}");
    let message = warning["message"].as_str().unwrap();
    assert!(
        message.contains("zhnorm.toml") && message.contains("zhnorm lsp --to VARIANT"),
        "{message}"
    );

    // A cursor inside 支持: its quick fix, and the whole file.
    let r = s.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": doc},
            "range": {"start": {"line": 0, "character": 6}, "end": {"line": 0, "character": 6}},
            "context": {"diagnostics": []},
        }),
    );
    let actions = r["result"].as_array().unwrap();
    assert_eq!(actions.len(), 2, "{r}");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["title"], "Convert 支持 → 支援");
    let edits = &actions[0]["edit"]["changes"][&doc];
    assert_eq!(edits.as_array().unwrap().len(), 1, "{r}");
    assert_eq!(edits[0]["newText"], "支援");
    assert_eq!(range(&edits[0]), (0, 5, 0, 7));
    assert_eq!(actions[0]["diagnostics"][0]["code"], "vocabulary");
    assert_eq!(actions[1]["kind"], "source.fixAll");
    assert_eq!(actions[1]["title"], "Convert the whole file with zhnorm");
    let edits = &actions[1]["edit"]["changes"][&doc];
    assert_eq!(edits[0]["newText"], CONVERTED);
    assert_eq!(range(&edits[0]), (0, 0, 1, 0));

    // Only what was asked for.
    let r = s.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": doc},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 0}},
            "context": {"diagnostics": [], "only": ["source"]},
        }),
    );
    let kinds: Vec<_> = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].clone())
        .collect();
    assert_eq!(kinds, [json!("source.fixAll")], "{r}");

    // Bad input is answered, and the server goes on.
    s.send_raw(b"{oops");
    s.send(json!({"jsonrpc": "2.0", "id": 99, "method": 5}));
    let r = s.response(99, "an answer to a bad request");
    assert_eq!(r["error"]["code"], -32600, "{r}");
    let r = s.request("textDocument/codeAction", json!(5));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    let r = s.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");

    // Converted text: no more diagnostics, and no fixes.
    s.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": doc, "version": 2},
            "contentChanges": [{"text": CONVERTED}],
        }),
    );
    let (d, version) = s.diagnostics(&doc);
    assert!(d.is_empty(), "{d:#?}");
    assert_eq!(version, 2);
    let r = s.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": doc},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 0}},
            "context": {"diagnostics": []},
        }),
    );
    assert_eq!(r["result"], json!([]), "{r}");

    // Closing a document clears its diagnostics.
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": json_doc}}),
    );
    assert!(s.diagnostics(&json_doc).0.is_empty());

    // A new target in zhnorm.toml applies from the next save (or change).
    common::write(&dir.join("zhnorm.toml"), b"to = \"hans\"\n");
    s.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": doc}}),
    );
    let (d, _) = s.diagnostics(&doc);
    let words: Vec<_> = d.iter().map(|d| d["message"].as_str().unwrap()).collect();
    assert!(words[0].starts_with("們 → 们"), "{words:?}");

    let r = s.request("shutdown", Value::Null);
    assert_eq!(r["result"], Value::Null, "{r}");
    assert!(r.get("error").is_none(), "{r}");
    let status = s.exit();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn flags_and_utf8_columns() {
    let dir = common::tmpdir("lsp", "flags");
    let mut s = Server::start(
        &[
            "--to",
            "tw",
            "--vocabulary",
            "full",
            "--no-config-file",
            "--severity",
            "hint",
        ],
        &dir,
    );
    let init = s.initialize(json!({"general": {"positionEncodings": ["utf-16", "utf-8"]}}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8", "{init}");
    // An unsaved buffer: no path, the format by content.
    let d = s.open("untitled:Untitled-1", "plaintext", TEXT);
    let got: Vec<_> = d.iter().map(range).collect();
    // Columns in bytes: 😀 is four, each Chinese character three.
    assert_eq!(
        got,
        [
            (0, 8, 0, 11),
            (0, 11, 0, 17),
            (0, 17, 0, 23),
            (0, 23, 0, 29)
        ],
        "{d:#?}"
    );
    assert_eq!(d[0]["severity"], 4);
    // Malformed conversion markup is shown where it is, as a warning (kept as written).
    let d = s.open("untitled:Untitled-2", "markdown", "# 标题\n\n这是 -{台湾");
    let markup: Vec<&Value> = d.iter().filter(|d| d["code"] == "markup").collect();
    assert_eq!(markup.len(), 1, "{d:#?}");
    assert_eq!(markup[0]["severity"], 2);
    assert_eq!(range(markup[0]).0, 2, "{d:#?}");
    // `exit` without `shutdown`: exit status 1, as the protocol says.
    assert_eq!(s.exit().code(), Some(1));
}

#[test]
fn requests_before_initialize_and_bad_flags() {
    let dir = common::tmpdir("lsp", "early");
    let mut s = Server::start(&["--to", "hant"], &dir);
    let r = s.request("textDocument/codeAction", json!({}));
    assert_eq!(r["error"]["code"], -32002, "{r}");
    let r = s.request("shutdown", Value::Null);
    assert_eq!(r["error"]["code"], -32002, "{r}");
    s.initialize(json!({}));
    let r = s.request("initialize", json!({"capabilities": {}}));
    assert_eq!(r["error"]["code"], -32600, "{r}");
    drop(s);

    let a = common::zhnorm()
        .current_dir(&dir)
        .args(["lsp", "--to", "zh-xx"])
        .assert()
        .code(2);
    let (out, err) = common::output(&a);
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("unknown variant `zh-xx`"), "{err}");
}
