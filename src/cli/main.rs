//! The `zhnorm` command line: a thin layer over the library.
//!
//! `main` parses the flags ([`args`]), validates them into typed [`settings`] (merging
//! `zhnorm.toml`), runs one of the [`modes`] and turns the outcome into the exit status,
//! here and nowhere else:
//!
//! - 0: success; also when standard output was closed by its reader (`zhnorm … | head`),
//!   quietly, unless an error had already been reported;
//! - 1: `--check`/`--diff` found files that would change, `--expect` files in the other
//!   script;
//! - 2: an error (a bad flag or `zhnorm.toml`, a missing or unreadable input, invalid
//!   UTF-8, an output that cannot be written).

/// `eprintln!` that cannot panic: a closed or full standard error is ignored, as there is
/// nowhere left to report it (issue 14, D15).
macro_rules! stderr {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

mod args;
mod changes;
mod converter;
mod encoding;
mod error;
mod explain;
mod files;
mod input;
mod lsp;
mod modes;
mod output;
mod project;
mod report;
mod settings;
mod show;

use std::process::ExitCode;

use clap::Parser;

use error::Error;
use modes::Summary;
use settings::Settings;

fn main() -> ExitCode {
    // Interrupted (Ctrl-C, SIGTERM, SIGHUP) during `-w`/`-o`: the hidden temporary files
    // go, the files stay whole; exit status 130 as a shell reports SIGINT.
    let _ = ctrlc::set_handler(|| {
        zhnorm_atomic::remove_temporaries();
        std::process::exit(130);
    });
    // `zhnorm explain …`: why each change is made (a file named `explain` is `./explain`).
    if std::env::args_os().nth(1).is_some_and(|a| a == "explain") {
        return exit_status(explain::run(std::env::args_os().skip(1)));
    }
    // `zhnorm lsp …`: the language server on standard input and output.
    if std::env::args_os().nth(1).is_some_and(|a| a == "lsp") {
        return exit_status(lsp::run(std::env::args_os().skip(1)));
    }
    // `--report json`: whatever fails, standard output gets exactly one JSON document,
    // also for a flag clap rejects.
    let args = match args::Args::try_parse() {
        Ok(args) => args,
        Err(e) if e.use_stderr() && args::json_requested(std::env::args_os()) => {
            error::collect();
            let message = e.render().to_string();
            let first = message.lines().next().unwrap_or_default();
            Error::Usage(first.trim_start_matches("error: ").to_string()).print();
            print_json_failure();
            return ExitCode::from(2);
        }
        Err(e) => e.exit(),
    };
    let json = args.report.is_some();
    if json {
        error::collect();
    }
    let result = Settings::new(args).and_then(modes::run);
    if json {
        if let Err(e) = &result {
            if !matches!(e, Error::BrokenPipe) {
                e.print();
                print_json_failure();
                return ExitCode::from(2);
            }
        }
    }
    exit_status(result)
}

/// The JSON report of a run that failed before any input was looked at.
fn print_json_failure() {
    use std::io::Write as _;
    let doc = serde_json::json!({
        "files": [],
        "changed": false,
        "ok": false,
        "errors": error::collected(),
    });
    let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

/// The exit status of a run (see the module docs); prints the error that stopped it.
fn exit_status(result: Result<Summary, Error>) -> ExitCode {
    let code = match result {
        Ok(s) if s.failed => 2,
        Ok(s) if s.closed => 0,
        Ok(s) if s.found => 1,
        Ok(_) => 0,
        Err(Error::BrokenPipe) => 0,
        Err(e) => {
            e.print();
            2
        }
    };
    ExitCode::from(code)
}
