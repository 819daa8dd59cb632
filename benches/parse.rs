//! Benchmarks for `feedmirror::parse` (see BENCHMARKS.md).
//!
//! Criterion groups:
//! - `parse/<sample>`: full `feedmirror::parse` of each `examples/samples/*.txt` blob;
//! - `baseline/<sample>`: the bare html5ever parse of the same blob's body HTML into an `RcDom`;
//! - `envelope/bulk`: `Blob::parse` over every file of the bulk corpus;
//! - `batch/bulk`: full `parse` over every file of the bulk corpus;
//! - `nesting/<shape>/<n>`: `parse_with` (default options) on n levels of nested tags.
//!
//! After criterion is done, `main` times the same work itself (median of several batches, all in
//! this process) and prints to stderr the parse/baseline ratio per sample, the corpus throughput
//! and the time(2n)/time(n) ratios of the nesting inputs.
//!
//! The corpus is `$FEEDMIRROR_CORPUS/bulk`, else `<crate>/../shared/corpus/bulk`; the bulk groups
//! are skipped with a message when it is absent.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use html5ever::tendril::TendrilSink;
use html5ever::{ParseOpts, QualName, local_name, ns};
use markup5ever_rcdom::RcDom;

/// The repository root. The benches are targets of the `xtests` crate (`xtests/Cargo.toml`),
/// which keeps their dependencies out of the library's build; its directory is one level down.
fn repo_root() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    dir.parent().unwrap_or(dir).to_owned()
}

/// The minimal envelope put in front of the generated nesting inputs.
const NESTING_ENVELOPE: &str = "<!--1684939624000-->\n[t](https://www.dw.com/zh/x/a-1)\n------\n\n";
/// Nesting depths; each is compared with its double.
const NESTING_DEPTHS: [usize; 4] = [1000, 2000, 4000, 8000];
/// Larger depths, timed for `parse` only (the bare baseline is quadratic there: minutes), up to
/// about 1 MiB of input for the widest shape.
const NESTING_LARGE: [usize; 5] = [4000, 8000, 16000, 32000, 64000];
/// Nesting shapes: name and the tags opened once per level (never closed).
const NESTING_SHAPES: [(&str, &str); 4] = [
    ("div", "<div>"),
    ("span", "<span>"),
    ("ul_li", "<ul><li>"),
    ("table", "<table><tr><td>"),
];

/// The baseline: html5ever's fragment parser with a `<body>` context element (the body HTML is
/// what sits inside the blob's `<body>`, so this is the cheapest parse a body extractor can do),
/// building a `markup5ever_rcdom::RcDom`. The DOM is returned so that dropping it is timed as well.
fn baseline(body: &str) -> RcDom {
    html5ever::parse_fragment(
        RcDom::default(),
        ParseOpts::default(),
        QualName::new(None, ns!(html), local_name!("body")),
        Vec::new(),
        false,
    )
    .one(body)
}

fn full_parse(text: &str) -> bool {
    feedmirror::parse(text).is_ok()
}

fn envelope_parse(text: &str) -> bool {
    feedmirror::Blob::parse(text).is_ok()
}

struct Sample {
    name: String,
    text: String,
    /// Byte range of the body HTML in `text`.
    body: std::ops::Range<usize>,
}

impl Sample {
    fn body(&self) -> &str {
        self.text.get(self.body.clone()).unwrap_or_default()
    }
}

fn load_samples() -> Vec<Sample> {
    let dir = repo_root().join("examples/samples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let blob = feedmirror::Blob::parse(&text)
                .unwrap_or_else(|e| panic!("{}: envelope: {e}", path.display()));
            let start = blob.body.as_ptr() as usize - text.as_ptr() as usize;
            let body = start..start + blob.body.len();
            let name = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            Sample { name, text, body }
        })
        .collect()
}

/// Every readable UTF-8 blob file under the bulk corpus directory, or `None` with a message.
fn load_bulk() -> Option<Vec<String>> {
    let root = std::env::var_os("FEEDMIRROR_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/corpus"))
        .join("bulk");
    if !root.is_dir() {
        eprintln!(
            "SKIPPED envelope/bulk and batch/bulk: corpus not found at {} (set FEEDMIRROR_CORPUS)",
            root.display()
        );
        return None;
    }
    let mut stack = vec![root.clone()];
    let mut paths = Vec::new();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if !matches!(
                path.file_name().and_then(|n| n.to_str()),
                Some("SOURCES.md" | "MANIFEST.tsv")
            ) {
                // Index files are not blobs (same rule as tests/common).
                paths.push(path);
            }
        }
    }
    paths.sort();
    let total = paths.len();
    let files: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    if files.len() < total {
        eprintln!(
            "note: {} unreadable or non-UTF-8 bulk files left out",
            total - files.len()
        );
    }
    if files.is_empty() {
        eprintln!(
            "SKIPPED envelope/bulk and batch/bulk: no files in {}",
            root.display()
        );
        return None;
    }
    Some(files)
}

fn nesting_input(open: &str, n: usize) -> String {
    let mut s = String::with_capacity(NESTING_ENVELOPE.len() + open.len() * n + 1);
    s.push_str(NESTING_ENVELOPE);
    for _ in 0..n {
        s.push_str(open);
    }
    s.push('\n');
    assert!(s.len() < 1 << 20, "nesting inputs must stay under 1 MiB");
    s
}

/// What `main` should do besides running criterion, from the same arguments criterion reads.
struct Run {
    /// `cargo bench` (criterion's benchmark mode): time things ourselves and print the tables.
    report: bool,
    /// criterion's positional FILTER, applied (as a substring) to our own timing too.
    filter: Option<String>,
}

impl Run {
    fn from_args() -> Run {
        // Criterion options that take a value, so that the value is not taken for the filter.
        const WITH_VALUE: [&str; 14] = [
            "--color",
            "-c",
            "--save-baseline",
            "-s",
            "--baseline",
            "-b",
            "--baseline-lenient",
            "--load-baseline",
            "--profile-time",
            "--sample-size",
            "--warm-up-time",
            "--measurement-time",
            "--format",
            "--output-format",
        ];
        let args: Vec<String> = std::env::args().skip(1).collect();
        let has = |flag: &str| args.iter().any(|a| a == flag);
        let report = has("--bench") && !has("--test") && !has("--list") && !has("--profile-time");
        let mut filter = None;
        let mut skip_next = false;
        for a in &args {
            if skip_next {
                skip_next = false;
            } else if a.starts_with('-') {
                skip_next = !a.contains('=') && (WITH_VALUE.contains(&a.as_str()) || a.starts_with("--n"));
            } else {
                filter = Some(a.clone());
                break;
            }
        }
        Run { report, filter }
    }

    fn wants(&self, id: &str) -> bool {
        self.filter.as_deref().is_none_or(|f| id.contains(f))
    }
}

// ---------------------------------------------------------------------------------------------
// Our own timing: calibrate a batch to roughly `target`, run `batches` batches, take the median.

/// Iterations that make one batch of `f` last about `target` (at least 1), and seconds per call.
fn calibrate(f: &mut dyn FnMut(), target: Duration) -> (u64, f64) {
    let mut iters = 1u64;
    loop {
        let t = Instant::now();
        for _ in 0..iters {
            f();
        }
        let e = t.elapsed();
        if e >= target / 8 || iters >= 1 << 30 {
            let per = e.as_secs_f64() / iters as f64;
            return (((target.as_secs_f64() / per.max(1e-12)) as u64).max(1), per);
        }
        iters *= 2;
    }
}

/// Fewer batches for calls slow enough that the default count would blow the time budget.
fn batch_count(batches: usize, per_call: f64) -> usize {
    if per_call > 0.2 { batches.min(3) } else { batches }
}

fn time_batch(f: &mut dyn FnMut(), iters: u64) -> f64 {
    let t = Instant::now();
    for _ in 0..iters {
        f();
    }
    t.elapsed().as_secs_f64() / iters as f64
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

/// Median seconds per call of `a` and of `b`, measured in alternating batches.
fn time_pair(a: &mut dyn FnMut(), b: &mut dyn FnMut(), batches: usize, target: Duration) -> (f64, f64) {
    let ((ia, pa), (ib, pb)) = (calibrate(a, target), calibrate(b, target));
    let batches = batch_count(batches, pa.max(pb));
    let (mut ta, mut tb) = (Vec::with_capacity(batches), Vec::with_capacity(batches));
    for _ in 0..batches {
        ta.push(time_batch(a, ia));
        tb.push(time_batch(b, ib));
    }
    (median(&mut ta), median(&mut tb))
}

fn time_one(f: &mut dyn FnMut(), batches: usize, target: Duration) -> f64 {
    let (iters, per) = calibrate(f, target);
    let mut t: Vec<f64> = (0..batch_count(batches, per))
        .map(|_| time_batch(f, iters))
        .collect();
    median(&mut t)
}

// ---------------------------------------------------------------------------------------------

fn bench_samples(c: &mut Criterion, samples: &[Sample]) {
    let mut group = c.benchmark_group("parse");
    for s in samples {
        group.throughput(Throughput::Bytes(s.text.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(&s.name),
            s.text.as_str(),
            |b, text| b.iter(|| feedmirror::parse(black_box(text))),
        );
    }
    group.finish();

    let mut group = c.benchmark_group("baseline");
    for s in samples {
        group.throughput(Throughput::Bytes(s.body().len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(&s.name), s.body(), |b, body| {
            b.iter(|| baseline(black_box(body)))
        });
    }
    group.finish();
}

fn bench_envelope(c: &mut Criterion, files: &[String]) {
    let mut group = c.benchmark_group("envelope");
    group.throughput(Throughput::Bytes(files.iter().map(|f| f.len() as u64).sum()));
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("bulk", |b| {
        b.iter(|| files.iter().filter(|f| envelope_parse(black_box(f))).count())
    });
    group.finish();
}

fn bench_batch(c: &mut Criterion, files: &[String]) {
    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Bytes(files.iter().map(|f| f.len() as u64).sum()));
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.bench_function("bulk", |b| {
        b.iter(|| files.iter().filter(|f| full_parse(black_box(f))).count())
    });
    group.finish();
}

fn bench_nesting(c: &mut Criterion) {
    let options = feedmirror::Options::default();
    for (shape, open) in NESTING_SHAPES {
        let mut group = c.benchmark_group(format!("nesting/{shape}"));
        for n in NESTING_DEPTHS {
            let input = nesting_input(open, n);
            group.throughput(Throughput::Bytes(input.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(n), input.as_str(), |b, input| {
                b.iter(|| feedmirror::parse_with(black_box(input), &options))
            });
        }
        group.finish();
    }
}

// ---------------------------------------------------------------------------------------------
// Our own timing of each section runs right after its criterion group, so that both see the same
// process state (allocator history matters: see BENCHMARKS.md); the tables print at the end.

/// `writeln!` into the report buffer (writing to a `String` cannot fail).
macro_rules! out {
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

fn report_samples(out: &mut String, run: &Run, samples: &[Sample]) {
    let samples: Vec<&Sample> = samples
        .iter()
        .filter(|s| run.wants(&format!("parse/{}", s.name)) || run.wants(&format!("baseline/{}", s.name)))
        .collect();
    if samples.is_empty() {
        return;
    }
    out!(
        out,
        "\n== parse vs bare html5ever+RcDom baseline (own timing, median of 15 batches) =="
    );
    out!(
        out,
        "{:<20} {:>8} {:>8} {:>11} {:>12} {:>8}",
        "sample",
        "bytes",
        "body",
        "parse_us",
        "baseline_us",
        "ratio"
    );
    let mut ratios = Vec::new();
    for s in samples {
        let (text, body) = (s.text.as_str(), s.body());
        let (tp, tb) = time_pair(
            &mut || {
                black_box(feedmirror::parse(black_box(text)).is_ok());
            },
            &mut || {
                black_box(baseline(black_box(body)));
            },
            15,
            Duration::from_millis(10),
        );
        let ratio = tp / tb;
        ratios.push(ratio);
        out!(
            out,
            "{:<20} {:>8} {:>8} {:>11.2} {:>12.2} {:>8.3}",
            s.name,
            text.len(),
            body.len(),
            tp * 1e6,
            tb * 1e6,
            ratio
        );
    }
    out!(
        out,
        "median ratio parse/baseline over {} samples: {:.3}  (target <= 1.3)",
        ratios.len(),
        median(&mut ratios)
    );
}

fn report_envelope(out: &mut String, run: &Run, files: &[String]) {
    let bytes: usize = files.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    if run.wants("envelope/bulk") {
        let ok = files.iter().filter(|f| envelope_parse(f)).count();
        let t = time_one(
            &mut || {
                black_box(files.iter().filter(|f| envelope_parse(black_box(f))).count());
            },
            7,
            Duration::from_millis(100),
        );
        out!(out, "\n== envelope/bulk (own timing, median of 7 batches) ==");
        out!(
            out,
            "{} files ({} ok), {:.1} MB: {:.2} ms per pass = {:.2} GB/s, {:.0} files/s  (target >= 1 GB/s)",
            files.len(),
            ok,
            mb,
            t * 1e3,
            bytes as f64 / t / 1e9,
            files.len() as f64 / t
        );
    }
}

fn report_batch(out: &mut String, run: &Run, files: &[String]) {
    let bytes: usize = files.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    if run.wants("batch/bulk") {
        let ok = files.iter().filter(|f| full_parse(f)).count();
        let t = time_one(
            &mut || {
                black_box(files.iter().filter(|f| full_parse(black_box(f))).count());
            },
            5,
            Duration::from_millis(100),
        );
        out!(
            out,
            "\n== batch/bulk: full parse (own timing, median of 5 batches, 3 when a pass takes > 0.2 s) =="
        );
        out!(
            out,
            "{} files ({} ok), {:.1} MB: {:.2} ms per pass = {:.1} MB/s, {:.0} files/s",
            files.len(),
            ok,
            mb,
            t * 1e3,
            mb / t,
            files.len() as f64 / t
        );
    }
}

fn report_nesting(out: &mut String, run: &Run) {
    let options = feedmirror::Options::default();
    let mut header = false;
    for (shape, open) in NESTING_SHAPES {
        if !NESTING_DEPTHS
            .iter()
            .any(|n| run.wants(&format!("nesting/{shape}/{n}")))
        {
            continue;
        }
        if !header {
            header = true;
            out!(
                out,
                "\n== nesting linearity (own timing, median of 5 batches, 3 when a call takes > 0.2 s) =="
            );
            out!(
                out,
                "(baseline = bare html5ever+RcDom on the same body, for comparison; ~2.0 = linear)"
            );
            out!(
                out,
                "{:<16} {:>8} {:>11} {:>12} {:>17} {:>20}",
                "shape/n",
                "bytes",
                "parse_us",
                "baseline_us",
                "parse t(n)/t(n/2)",
                "baseline t(n)/t(n/2)"
            );
        }
        let mut prev: Option<(f64, f64)> = None;
        for n in NESTING_DEPTHS {
            let input = nesting_input(open, n);
            let body = feedmirror::Blob::parse(&input)
                .map(|b| b.body)
                .unwrap_or_default();
            let (tp, tb) = time_pair(
                &mut || {
                    black_box(feedmirror::parse_with(black_box(&input), &options).is_ok());
                },
                &mut || {
                    black_box(baseline(black_box(body)));
                },
                5,
                Duration::from_millis(20),
            );
            let (rp, rb) = match prev {
                Some((pp, pb)) => (format!("{:.2}", tp / pp), format!("{:.2}", tb / pb)),
                None => ("-".to_owned(), "-".to_owned()),
            };
            out!(
                out,
                "{:<16} {:>8} {:>11.1} {:>12.1} {:>17} {:>20}",
                format!("{shape}/{n}"),
                input.len(),
                tp * 1e6,
                tb * 1e6,
                rp,
                rb
            );
            prev = Some((tp, tb));
        }
        // Up to the size where the input nears 1 MiB: parse only.
        let mut prev: Option<f64> = None;
        for n in NESTING_LARGE {
            let input = nesting_input(open, n);
            let tp = time_one(
                &mut || {
                    black_box(feedmirror::parse_with(black_box(&input), &options).is_ok());
                },
                3,
                Duration::from_millis(20),
            );
            let rp = prev.map_or_else(|| "-".to_owned(), |pp| format!("{:.2}", tp / pp));
            out!(
                out,
                "{:<16} {:>8} {:>11.1} {:>12} {:>17} {:>20}",
                format!("{shape}/{n}"),
                input.len(),
                tp * 1e6,
                "-",
                rp,
                "-"
            );
            prev = Some(tp);
        }
    }
}

fn main() {
    let run = Run::from_args();
    let samples = load_samples();
    let bulk = load_bulk();

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(400))
        .measurement_time(Duration::from_millis(1000))
        .configure_from_args();
    let mut out = String::new();

    bench_samples(&mut c, &samples);
    if run.report {
        report_samples(&mut out, &run, &samples);
    }
    if let Some(files) = &bulk {
        bench_envelope(&mut c, files);
        if run.report {
            report_envelope(&mut out, &run, files);
        }
        bench_batch(&mut c, files);
        if run.report {
            report_batch(&mut out, &run, files);
        }
    }
    bench_nesting(&mut c);
    if run.report {
        report_nesting(&mut out, &run);
    }
    c.final_summary();

    if run.report {
        eprintln!("\n######## feedmirror bench summary (own timing, same process) ########{out}");
    }
}
