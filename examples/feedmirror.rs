//! Parse blob files and print the articles as JSON.
//!
//! ```text
//! cargo run --release --features serde --example feedmirror -- [--format json|jsonl] [PATH ...]
//! ```
//!
//! Each PATH is a file, a directory (every regular file under it, recursively, in sorted path
//! order) or `-` for stdin; no PATH reads stdin. `json` (the default for one input) prints the
//! result as pretty JSON; `jsonl` (the default for several) prints one line per input:
//! `{"path": ..., "article": {...}}` or `{"path": ..., "error": {"kind", "message", "line", "column"}}`.
//! A summary goes to stderr. Exit status: 0 if every input parsed, 1 if any failed, 2 for usage
//! errors.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{Value, json};

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Jsonl,
}

const USAGE: &str = "usage: feedmirror [--format json|jsonl] [PATH ...]\n\
    PATH: a blob file, a directory (read recursively), or - for stdin (the default)";

enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    fn label(&self) -> String {
        match self {
            Input::Stdin => "-".to_owned(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(msg) => {
            eprintln!("feedmirror: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<bool, String> {
    let mut format = None;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" => {
                let v = args.next().ok_or("--format needs a value")?;
                format = Some(parse_format(&v)?);
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(true);
            }
            s if s.starts_with("--format=") => format = Some(parse_format(&s["--format=".len()..])?),
            s if s.starts_with('-') && s != "-" => return Err(format!("unknown option `{s}`")),
            _ => paths.push(arg),
        }
    }
    let mut inputs = Vec::new();
    if paths.is_empty() {
        inputs.push(Input::Stdin);
    }
    for p in &paths {
        if p == "-" {
            inputs.push(Input::Stdin);
        } else {
            collect(Path::new(p), &mut inputs).map_err(|e| format!("cannot read `{p}`: {e}"))?;
        }
    }
    let format = format.unwrap_or(if inputs.len() == 1 {
        Format::Json
    } else {
        Format::Jsonl
    });

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failures: BTreeMap<String, usize> = BTreeMap::new();
    let mut warnings: BTreeMap<String, usize> = BTreeMap::new();
    let mut parsed = 0usize;
    for input in &inputs {
        let (value, kind) = process(input, &mut warnings);
        match kind {
            None => parsed += 1,
            Some(k) => *failures.entry(k).or_default() += 1,
        }
        let line = if format == Format::Json {
            serde_json::to_string_pretty(&value)
        } else {
            serde_json::to_string(&value)
        }
        .map_err(|e| e.to_string())?;
        if writeln!(out, "{line}").is_err() {
            break; // stdout closed (e.g. piped into head): stop quietly
        }
    }
    let _ = out.flush();
    let failed: usize = failures.values().sum();
    eprintln!(
        "feedmirror: {} inputs, {parsed} parsed, {failed} failed",
        inputs.len()
    );
    for (kind, n) in &failures {
        eprintln!("  failed {kind}: {n}");
    }
    for (kind, n) in &warnings {
        eprintln!("  warning {kind}: {n}");
    }
    Ok(failed == 0)
}

fn parse_format(v: &str) -> Result<Format, String> {
    match v {
        "json" => Ok(Format::Json),
        "jsonl" => Ok(Format::Jsonl),
        other => Err(format!("unknown format `{other}` (expected json or jsonl)")),
    }
}

/// Adds `path` (a file, or every regular file under a directory, sorted) to `inputs`.
fn collect(path: &Path, inputs: &mut Vec<Input>) -> io::Result<()> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_dir() {
        inputs.push(Input::File(path.to_owned()));
        return Ok(());
    }
    let mut stack = vec![path.to_owned()];
    let mut files = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let ft = entry.file_type()?;
            if ft.is_dir() {
                stack.push(entry.path());
            } else if ft.is_file() {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    inputs.extend(files.into_iter().map(Input::File));
    Ok(())
}

fn read(input: &Input) -> Result<Vec<u8>, String> {
    match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            io::stdin().read_to_end(&mut buf).map_err(|e| e.to_string())?;
            Ok(buf)
        }
        Input::File(p) => std::fs::read(p).map_err(|e| e.to_string()),
    }
}

/// Parses one input; returns its JSON line and, on failure, the error kind.
fn process(input: &Input, warnings: &mut BTreeMap<String, usize>) -> (Value, Option<String>) {
    let path = input.label();
    let bytes = match read(input) {
        Ok(b) => b,
        Err(e) => {
            let error = json!({"kind": "io", "message": e, "line": null, "column": null});
            return (json!({"path": path, "error": error}), Some("io".to_owned()));
        }
    };
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to();
            let message = format!("expected UTF-8 text, found an invalid byte at byte offset {at}");
            let error =
                json!({"kind": "not_utf8", "message": message, "offset": at, "line": null, "column": null});
            return (json!({"path": path, "error": error}), Some("not_utf8".to_owned()));
        }
    };
    match feedmirror::parse(text) {
        Ok(article) => {
            for w in &article.warnings {
                *warnings.entry(w.kind.to_string()).or_default() += 1;
            }
            let value =
                serde_json::to_value(&article).unwrap_or_else(|e| json!({"serialize_error": e.to_string()}));
            (json!({"path": path, "article": value}), None)
        }
        Err(e) => {
            let (line, column) = e.position();
            let error = json!({"kind": e.kind(), "message": e.to_string(), "line": line, "column": column});
            (json!({"path": path, "error": error}), Some(e.kind().to_owned()))
        }
    }
}
