//! Parse blob files, one or a whole archive, and print the articles as JSON (or as Markdown,
//! plain text or canonical blobs).
//!
//! ```text
//! cargo run --release --features serde --example feedmirror -- \
//!     [--format json|jsonl|markdown|text|blob] [--jobs N] [--unordered] [PATH ...]
//! ```
//!
//! Each PATH is a file, a directory (every regular file under it, recursively, in sorted path
//! order) or `-` for stdin; no PATH reads stdin. `json` (the default for one input) prints the
//! result as pretty JSON; `jsonl` (the default for several) prints one line per input:
//! `{"path": ..., "article": {...}}` or `{"path": ..., "error": {"kind", "message", "line", "column",
//! "offset"}}`, the library's `Error` as it serializes (`io` errors are per input too, with a
//! `null` position).
//! `markdown`, `text` and `blob` print `Article::to_markdown`/`to_text`/`to_blob`; with several
//! inputs each document opens with a line `==> PATH <==` and errors go to stderr.
//!
//! Inputs are handled by `--jobs` worker threads (default: all cores) that read, parse, serialize
//! and write, in input order unless `--unordered`. Workers take an input only while fewer than
//! 4 × jobs results are in flight or waiting for their turn, so memory is bounded by the number
//! of jobs, not of files. A progress bar is drawn on stderr when stderr
//! is a terminal (and stdout is not), and a summary goes to stderr at the end. Ctrl-C stops
//! taking inputs, writes the ones in flight, prints the summary and exits with 130 (a second
//! Ctrl-C quits at once). Exit status: 0 if every input parsed, 1 if any failed, 2 for usage
//! errors, 130 when interrupted.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Read, Write};
use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use feedmirror::{Article, WarningKind};
use indicatif::{ProgressBar, ProgressStyle};

const USAGE: &str = "usage: feedmirror [--format FORMAT] [--jobs N] [--unordered] [PATH ...]\n\
    FORMAT: json, jsonl, markdown, text or blob (see --help)\n\
    PATH: a blob file, a directory (read recursively), or - for stdin (the default)";

const HELP: &str = "\n\n\
options:
  --format json      pretty JSON per input (the default for one input)
  --format jsonl     one JSON line per input (the default for several):
                       {\"path\": ..., \"article\": {...}} or {\"path\": ..., \"error\": {...}}
  --format markdown  the article as Markdown  (Article::to_markdown)
  --format text      the article as plain text (Article::to_text)
  --format blob      the article as a canonical blob (Article::to_blob)
                     With several inputs each document starts with a line `==> PATH <==`
                     and documents are separated by a blank line; errors go to stderr.
  -j, --jobs N       parse with N threads (default: all cores)
  --unordered        write each result as soon as it is ready, not in input order
  -h, --help         this help

A progress bar is drawn on stderr when it is a terminal and stdout is not; a summary (files,
parsed, failures and warnings by kind, throughput) goes to stderr. Ctrl-C finishes the inputs
in flight and prints the summary. Exit status: 0 all parsed, 1 some failed, 2 usage error,
130 interrupted.";

/// Results allowed in flight or waiting for their turn, per job.
const WINDOW_PER_JOB: usize = 4;

#[derive(Clone, Copy)]
enum Format {
    Json,
    Jsonl,
    Markdown,
    Text,
    Blob,
}

type Render = fn(&Article) -> String;

/// What is written for each input.
#[derive(Clone, Copy)]
enum Output {
    Json { pretty: bool },
    Document { render: Render, headers: bool },
}

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

struct Config {
    inputs: Vec<Input>,
    output: Output,
    jobs: usize,
    ordered: bool,
}

fn main() -> ExitCode {
    let started = Instant::now();
    match parse_args() {
        Ok(Some(config)) => run(config, started),
        Ok(None) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("feedmirror: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Reads the command line and collects the inputs; `None` when only help was asked for.
fn parse_args() -> Result<Option<Config>, String> {
    let mut format = None;
    let mut jobs = None;
    let mut ordered = true;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" => format = Some(parse_format(&args.next().ok_or("--format needs a value")?)?),
            "-j" | "--jobs" => jobs = Some(parse_jobs(&args.next().ok_or("--jobs needs a value")?)?),
            "--unordered" => ordered = false,
            "-h" | "--help" => {
                println!("{USAGE}{HELP}");
                return Ok(None);
            }
            s if s.starts_with("--format=") => format = Some(parse_format(&s["--format=".len()..])?),
            s if s.starts_with("--jobs=") => jobs = Some(parse_jobs(&s["--jobs=".len()..])?),
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
    let several = inputs.len() != 1;
    let document = |render: Render| Output::Document {
        render,
        headers: several,
    };
    let output = match format {
        None => Output::Json { pretty: !several },
        Some(Format::Json) => Output::Json { pretty: true },
        Some(Format::Jsonl) => Output::Json { pretty: false },
        Some(Format::Markdown) => document(Article::to_markdown),
        Some(Format::Text) => document(Article::to_text),
        Some(Format::Blob) => document(Article::to_blob),
    };
    let cores = thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let jobs = jobs.unwrap_or(cores).min(inputs.len()).max(1);
    Ok(Some(Config {
        inputs,
        output,
        jobs,
        ordered,
    }))
}

fn parse_format(v: &str) -> Result<Format, String> {
    match v {
        "json" => Ok(Format::Json),
        "jsonl" => Ok(Format::Jsonl),
        "markdown" => Ok(Format::Markdown),
        "text" => Ok(Format::Text),
        "blob" => Ok(Format::Blob),
        other => Err(format!(
            "unknown format `{other}` (expected json, jsonl, markdown, text or blob)"
        )),
    }
}

fn parse_jobs(v: &str) -> Result<usize, String> {
    match v.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("--jobs needs a positive number, found `{v}`")),
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

/// What the workers share: which input comes next, and the output with the results waiting for
/// their turn. There is no writer thread: the worker that finishes a result writes it, and in
/// input order every result it was holding back, under the one lock.
struct Shared {
    state: Mutex<State>,
    /// Signalled when results are written (the window moves) or the run stops.
    changed: Condvar,
    /// Set by Ctrl-C or a closed stdout: no input is taken any more. An atomic, so that the
    /// Ctrl-C handler never waits for the lock.
    stop: AtomicBool,
    total: usize,
    window: usize,
    ordered: bool,
    /// A blank line between documents (document formats with several inputs).
    separate: bool,
    bar: ProgressBar,
}

struct State {
    /// The next input to hand out.
    next: usize,
    /// Results written (or dropped after stdout closed) so far; in input order, also the index
    /// of the next result to write.
    written: usize,
    /// Finished results waiting for an earlier one (input order only): fewer than `window`.
    pending: BTreeMap<usize, Done>,
    out: io::BufWriter<io::Stdout>,
    /// stdout failed, e.g. closed by `head`: the run stops quietly.
    closed: bool,
    wrote_document: bool,
    /// Workers waiting for the window to move: without any, a write need not wake anyone.
    waiting: usize,
    tally: Tally,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next input to process; waits while `window` results are in flight or pending.
    /// `None` once stopped or when every input has been handed out.
    fn take(&self) -> Option<usize> {
        let mut s = self.lock();
        loop {
            if self.stop.load(Ordering::SeqCst) || s.next >= self.total {
                return None;
            }
            if s.next < s.written + self.window {
                s.next += 1;
                return Some(s.next - 1);
            }
            // Some worker is busy with the oldest result taken (it cannot be pending, or it
            // would have been written), so a write will come and wake this wait.
            s.waiting += 1;
            s = self.changed.wait(s).unwrap_or_else(PoisonError::into_inner);
            s.waiting -= 1;
        }
    }

    /// Writes `done` or, in input order, keeps it until the results before it are written.
    fn finish(&self, done: Done) {
        let mut s = self.lock();
        if self.ordered {
            s.pending.insert(done.index, done);
            loop {
                let next = s.written;
                let Some(done) = s.pending.remove(&next) else {
                    break;
                };
                self.write(&mut s, done);
            }
        } else {
            self.write(&mut s, done);
        }
        let wake = s.waiting > 0;
        drop(s);
        if wake {
            self.changed.notify_all();
        }
    }

    fn write(&self, s: &mut State, done: Done) {
        s.written += 1;
        if s.closed {
            return;
        }
        let mut write = || -> io::Result<()> {
            if !done.stdout.is_empty() {
                if self.separate && s.wrote_document {
                    s.out.write_all(b"\n")?;
                }
                s.out.write_all(&done.stdout)?;
                s.wrote_document = true;
            }
            Ok(())
        };
        if write().is_err() {
            s.closed = true;
            self.stop();
            return;
        }
        if let Some(report) = &done.stderr {
            self.bar.suspend(|| eprintln!("{report}"));
        }
        s.tally.add(&done);
        if done.failure.is_some() {
            self.bar.set_message(format!("{} failed", s.tally.failed()));
        }
        self.bar.inc(1);
    }

    /// Stops handing out inputs; the ones already taken are still finished and written.
    fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        self.changed.notify_all();
    }
}

/// One processed input, serialized by the worker so that the writer only copies bytes.
struct Done {
    index: usize,
    stdout: Vec<u8>,
    /// An error report for stderr (document formats, where stdout carries only documents).
    stderr: Option<String>,
    failure: Option<&'static str>,
    warnings: Vec<WarningKind>,
    bytes: u64,
}

/// Why an input gave no article; serialized as the `error` object of its JSON record:
/// `{"kind", "message", "line", "column", "offset"}` in both cases. Input that is not UTF-8 is
/// the parser's `not_utf8` error, with the position of the first invalid byte.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Failure {
    /// The parser's error, serialized by the library.
    Parse(feedmirror::Error),
    /// The input could not be read, the parser panicked or the article did not serialize: the
    /// same fields, with `null` for the position.
    Other {
        kind: &'static str,
        message: String,
        line: Option<usize>,
        column: Option<usize>,
        offset: Option<usize>,
    },
}

impl Failure {
    fn new(kind: &'static str, message: String) -> Self {
        Failure::Other {
            kind,
            message,
            line: None,
            column: None,
            offset: None,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Failure::Parse(e) => e.kind(),
            Failure::Other { kind, .. } => kind,
        }
    }

    fn message(&self) -> String {
        match self {
            Failure::Parse(e) => e.to_string(),
            Failure::Other { message, .. } => message.clone(),
        }
    }
}

/// One JSON record: `{"path": ..., "article": {...}}` or `{"path": ..., "error": {...}}`.
#[derive(serde::Serialize)]
struct Record<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    article: Option<&'a Article>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a Failure>,
}

impl Record<'_> {
    fn write(&self, out: &mut Vec<u8>, pretty: bool) -> serde_json::Result<()> {
        if pretty {
            serde_json::to_writer_pretty(&mut *out, self)
        } else {
            serde_json::to_writer(&mut *out, self)
        }
    }
}

/// Reads and parses one input; also returns the number of bytes read.
fn parse_input(input: &Input) -> (Result<Article, Failure>, u64) {
    let read = match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
        }
        Input::File(p) => std::fs::read(p),
    };
    let bytes = match read {
        Ok(b) => b,
        Err(e) => return (Err(Failure::new("io", e.to_string())), 0),
    };
    let size = bytes.len() as u64;
    // The library promises not to panic; should it ever, that input fails and the run goes on.
    let parsed = match panic::catch_unwind(AssertUnwindSafe(|| feedmirror::parse_bytes(&bytes))) {
        Ok(Ok(article)) => Ok(article),
        Ok(Err(e)) => Err(Failure::Parse(e)),
        Err(_) => Err(Failure::new("panic", "the parser panicked".to_owned())),
    };
    (parsed, size)
}

fn process(index: usize, input: &Input, output: Output) -> Done {
    let path = input.label();
    let (parsed, bytes) = parse_input(input);
    let mut done = Done {
        index,
        stdout: Vec::new(),
        stderr: None,
        failure: parsed.as_ref().err().map(Failure::kind),
        warnings: parsed
            .as_ref()
            .map(|a| a.warnings.iter().map(|w| w.kind).collect())
            .unwrap_or_default(),
        bytes,
    };
    match output {
        Output::Json { pretty } => {
            let record = Record {
                path: &path,
                article: parsed.as_ref().ok(),
                error: parsed.as_ref().err(),
            };
            if let Err(e) = record.write(&mut done.stdout, pretty) {
                // Not expected (every field serializes); if it happens it is this input's error.
                let failure = Failure::new("serialize", e.to_string());
                done.stdout.clear();
                let _ = Record {
                    path: &path,
                    article: None,
                    error: Some(&failure),
                }
                .write(&mut done.stdout, pretty);
                done.failure = Some(failure.kind());
            }
            done.stdout.push(b'\n');
        }
        Output::Document { render, headers } => match &parsed {
            Ok(article) => {
                if headers {
                    done.stdout
                        .extend_from_slice(format!("==> {path} <==\n").as_bytes());
                }
                done.stdout.extend_from_slice(render(article).as_bytes());
                if done.stdout.last().is_some_and(|&b| b != b'\n') {
                    done.stdout.push(b'\n');
                }
            }
            Err(failure) => {
                done.stderr = Some(format!(
                    "feedmirror: {path}: {}: {}",
                    failure.kind(),
                    failure.message()
                ))
            }
        },
    }
    done
}

/// Counts for the summary.
#[derive(Default)]
struct Tally {
    files: usize,
    parsed: usize,
    bytes: u64,
    failures: BTreeMap<&'static str, usize>,
    warnings: BTreeMap<&'static str, usize>,
}

impl Tally {
    fn add(&mut self, done: &Done) {
        self.files += 1;
        self.bytes += done.bytes;
        match done.failure {
            None => self.parsed += 1,
            Some(kind) => *self.failures.entry(kind).or_default() += 1,
        }
        for &kind in &done.warnings {
            *self.warnings.entry(kind.as_str()).or_default() += 1;
        }
    }

    fn failed(&self) -> usize {
        self.files - self.parsed
    }

    fn print(&self, total: usize, jobs: usize, elapsed: Duration, interrupted: bool) {
        let secs = elapsed.as_secs_f64().max(1e-9);
        if interrupted {
            eprintln!(
                "feedmirror: interrupted after {} of {}",
                self.files,
                plural(total, "file")
            );
        }
        let (files, parsed, failed) = (plural(self.files, "file"), self.parsed, self.failed());
        eprintln!("feedmirror: {files}, {parsed} parsed, {failed} failed");
        eprintln!(
            "  {secs:.2} s with {}: {:.0} files/s, {:.1} MB/s",
            plural(jobs, "job"),
            self.files as f64 / secs,
            self.bytes as f64 / 1e6 / secs,
        );
        for (kind, n) in &self.failures {
            eprintln!("  failed {kind}: {n}");
        }
        for (kind, n) in &self.warnings {
            eprintln!("  warning {kind}: {n}");
        }
    }
}

fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

fn progress_bar(total: usize) -> ProgressBar {
    if !io::stderr().is_terminal() || io::stdout().is_terminal() {
        return ProgressBar::hidden();
    }
    let style =
        ProgressStyle::with_template("{elapsed_precise} [{wide_bar}] {pos}/{len} files, eta {eta} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::new(total as u64).with_style(style)
}

fn run(config: Config, started: Instant) -> ExitCode {
    let Config {
        inputs,
        output,
        jobs,
        ordered,
    } = config;
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            next: 0,
            written: 0,
            pending: BTreeMap::new(),
            out: io::BufWriter::with_capacity(1 << 16, io::stdout()),
            closed: false,
            wrote_document: false,
            waiting: 0,
            tally: Tally::default(),
        }),
        changed: Condvar::new(),
        stop: AtomicBool::new(false),
        total: inputs.len(),
        window: WINDOW_PER_JOB * jobs,
        ordered,
        separate: matches!(output, Output::Document { headers: true, .. }),
        bar: progress_bar(inputs.len()),
    });
    let interrupted = Arc::new(AtomicBool::new(false));
    let handler = {
        let (shared, interrupted) = (Arc::clone(&shared), Arc::clone(&interrupted));
        move || {
            if interrupted.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
            shared.stop();
        }
    };
    if let Err(e) = ctrlc::set_handler(handler) {
        eprintln!("feedmirror: cannot catch Ctrl-C ({e}); it will stop the run without a summary");
    }

    thread::scope(|scope| {
        for _ in 0..jobs {
            let (shared, inputs) = (&shared, &inputs);
            scope.spawn(move || {
                while let Some(index) = shared.take() {
                    shared.finish(process(index, &inputs[index], output));
                }
            });
        }
    });
    shared.bar.finish_and_clear();
    let mut state = shared.lock();
    // A failed flush is stdout closed at the very end: as quiet as any other closed stdout.
    let _ = state.out.flush();

    let interrupted = interrupted.load(Ordering::SeqCst);
    let tally = &state.tally;
    tally.print(inputs.len(), jobs, started.elapsed(), interrupted);
    if interrupted {
        ExitCode::from(130)
    } else if tally.failed() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
