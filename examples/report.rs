//! A per-outlet quality report over a corpus of blob files.
//!
//! ```text
//! cargo run --release --features serde --example report -- [--format table|json] [--jobs N] PATH...
//! ```
//!
//! Each PATH is a blob file or a directory (every regular file under it, recursively, in sorted
//! path order; a file named twice is read once). Files that are not UTF-8, cannot be read or do
//! not parse are counted as failures by error kind (`not_utf8`, `io`, `no_envelope`, ...).
//!
//! For each outlet (and a `TOTAL` row) the report counts: files and parsed files; articles with
//! a publication time, by precision (instant, local, date); with a byline, a dateline, a lead
//! image ([`Article::lead_figure`](feedmirror::Article::lead_figure)); figures, and among them
//! those with a caption, with a photo credit ([`Figure::credit`](feedmirror::Figure::credit))
//! and with both; the median number of paragraphs and the median characters of paragraph text;
//! links by kind (internal, external, unsafe); articles with credits, with a typed credit (a
//! role other than `other`) and with a credit of each [`CreditRole`] (a line naming several
//! roles counts for each, see [`Credit::roles`](feedmirror::Credit::roles)); articles with a
//! copyright footer, the mirror's promo footer; boilerplate pieces by kind; and the three most
//! common warning kinds.
//!
//! `--format table` (the default) prints five fixed-width tables meant for a terminal;
//! percentages are of the parsed files (of the figures for `captioned`, `credited` and `both`).
//! Files that failed to parse have no outlet: they form the `(failed)` row and count in
//! `TOTAL`. `--format json` prints one object: `files`, `parsed`, `failures` (by kind),
//! `outlets` (one object per outlet, with every warning kind, `figures` as `total`,
//! `with_caption`, `with_credit` and `with_caption_and_credit`, `typed_credits`, `credit_roles`
//! (files by role name, every role present) and, under `examples`, the first file lacking a
//! published time, a byline, a caption or any paragraph) and `total` in the same shape.
//!
//! `--jobs N` parses on N threads (default: all cores); the output does not depend on it.
//! Exit status: 0 when the report was printed, 2 for usage errors or an unreadable PATH.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use feedmirror::{
    Article, Block, BoilerplateKind, CreditRole, Figure, LinkKind, Outlet, Precision, Published,
};
use serde_json::{Value, json};

const USAGE: &str = "usage: report [--format table|json] [--jobs N] PATH...\n\
    PATH: a blob file or a directory (read recursively)";

/// The credit roles in column order; a role the list lacks follows them, by name.
const ROLES: [CreditRole; 9] = [
    CreditRole::Reporter,
    CreditRole::Writer,
    CreditRole::Editor,
    CreditRole::Translator,
    CreditRole::Reviewer,
    CreditRole::Contributor,
    CreditRole::Wire,
    CreditRole::Source,
    CreditRole::Other,
];

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Table,
    Json,
}

/// The command line.
struct Args {
    format: Format,
    jobs: Option<usize>,
    paths: Vec<PathBuf>,
}

/// What one parsed file contributes to its outlet's row.
struct FileStats {
    outlet: Outlet,
    published: Option<Precision>,
    byline: bool,
    dateline: bool,
    lead_image: bool,
    figures: usize,
    captioned: usize,
    /// Figures with a photo credit.
    credited: usize,
    /// Figures with a caption and a photo credit.
    captioned_credited: usize,
    paragraphs: usize,
    text_chars: usize,
    links: [usize; 3],
    credits: bool,
    /// A credit of a role other than `other`.
    typed_credits: bool,
    /// The names of the roles its credit lines name, each once.
    credit_roles: BTreeSet<&'static str>,
    copyright: bool,
    mirror_footer: bool,
    boilerplate: Vec<BoilerplateKind>,
    warnings: Vec<&'static str>,
}

/// One input's outcome: the stats, or the failure kind.
type Outcome = Result<FileStats, &'static str>;

/// The counts of one row.
#[derive(Default)]
struct Row {
    files: usize,
    parsed: usize,
    published: usize,
    /// Instant, local, date.
    precision: [usize; 3],
    byline: usize,
    dateline: usize,
    lead_image: usize,
    figures: usize,
    captioned: usize,
    credited: usize,
    captioned_credited: usize,
    paragraphs: Vec<usize>,
    text_chars: Vec<usize>,
    /// Internal, external, unsafe.
    links: [usize; 3],
    credits: usize,
    typed_credits: usize,
    /// Files with a credit of each role, by role name.
    credit_roles: BTreeMap<&'static str, usize>,
    copyright: usize,
    mirror_footer: usize,
    boilerplate: BTreeMap<BoilerplateKind, usize>,
    warnings: BTreeMap<&'static str, usize>,
    /// The first file (in path order) lacking each thing, by what it lacks.
    examples: BTreeMap<&'static str, String>,
}

/// The kinds and roles that get a column (or a JSON field) even where the count is 0.
struct Columns {
    boilerplate: BTreeSet<BoilerplateKind>,
    roles: Vec<&'static str>,
}

impl Columns {
    fn new(total: &Row) -> Self {
        let boilerplate = [
            BoilerplateKind::Share,
            BoilerplateKind::Promo,
            BoilerplateKind::Related,
            BoilerplateKind::Disclaimer,
            BoilerplateKind::Staff,
            BoilerplateKind::EndNote,
            BoilerplateKind::Chrome,
        ]
        .into_iter()
        .chain(total.boilerplate.keys().copied())
        .collect();
        let mut roles: Vec<&'static str> = ROLES.iter().map(|r| r.as_str()).collect();
        for name in total.credit_roles.keys() {
            if !roles.contains(name) {
                roles.push(name);
            }
        }
        Columns { boilerplate, roles }
    }
}

impl Row {
    fn add(&mut self, s: &FileStats, path: &Path) {
        self.files += 1;
        self.parsed += 1;
        self.note_examples(s, path);
        if let Some(p) = s.published {
            self.published += 1;
            match p {
                Precision::Instant => self.precision[0] += 1,
                Precision::Local => self.precision[1] += 1,
                Precision::Date => self.precision[2] += 1,
                _ => {}
            }
        }
        self.byline += usize::from(s.byline);
        self.dateline += usize::from(s.dateline);
        self.lead_image += usize::from(s.lead_image);
        self.figures += s.figures;
        self.captioned += s.captioned;
        self.credited += s.credited;
        self.captioned_credited += s.captioned_credited;
        self.paragraphs.push(s.paragraphs);
        self.text_chars.push(s.text_chars);
        for (total, n) in self.links.iter_mut().zip(s.links) {
            *total += n;
        }
        self.credits += usize::from(s.credits);
        self.typed_credits += usize::from(s.typed_credits);
        for role in &s.credit_roles {
            *self.credit_roles.entry(role).or_default() += 1;
        }
        self.copyright += usize::from(s.copyright);
        self.mirror_footer += usize::from(s.mirror_footer);
        for kind in &s.boilerplate {
            *self.boilerplate.entry(*kind).or_default() += 1;
        }
        for kind in &s.warnings {
            *self.warnings.entry(kind).or_default() += 1;
        }
    }

    /// Keeps `path` as the example of what the file lacks, unless an earlier file is kept.
    fn note_examples(&mut self, s: &FileStats, path: &Path) {
        let lacks = [
            ("no_published", s.published.is_none()),
            ("no_paragraphs", s.paragraphs == 0),
            ("no_byline", !s.byline),
            ("uncaptioned_figure", s.captioned < s.figures),
        ];
        for (what, _) in lacks.into_iter().filter(|(_, lacking)| *lacking) {
            self.examples
                .entry(what)
                .or_insert_with(|| path.display().to_string());
        }
    }

    fn merge(&mut self, other: &Row) {
        self.files += other.files;
        self.parsed += other.parsed;
        self.published += other.published;
        for (a, b) in self.precision.iter_mut().zip(other.precision) {
            *a += b;
        }
        self.byline += other.byline;
        self.dateline += other.dateline;
        self.lead_image += other.lead_image;
        self.figures += other.figures;
        self.captioned += other.captioned;
        self.credited += other.credited;
        self.captioned_credited += other.captioned_credited;
        self.paragraphs.extend_from_slice(&other.paragraphs);
        self.text_chars.extend_from_slice(&other.text_chars);
        for (a, b) in self.links.iter_mut().zip(other.links) {
            *a += b;
        }
        self.credits += other.credits;
        self.typed_credits += other.typed_credits;
        for (k, n) in &other.credit_roles {
            *self.credit_roles.entry(k).or_default() += n;
        }
        self.copyright += other.copyright;
        self.mirror_footer += other.mirror_footer;
        for (k, n) in &other.boilerplate {
            *self.boilerplate.entry(*k).or_default() += n;
        }
        for (k, n) in &other.warnings {
            *self.warnings.entry(k).or_default() += n;
        }
        for (what, path) in &other.examples {
            let e = self.examples.entry(what).or_insert_with(|| path.clone());
            if path < e {
                e.clone_from(path);
            }
        }
    }

    /// The files with a credit of `role` (a role name).
    fn role(&self, role: &str) -> usize {
        self.credit_roles.get(role).copied().unwrap_or(0)
    }

    /// The most common warning kinds, most frequent first, ties by name.
    fn top_warnings(&self, n: usize) -> Vec<(&'static str, usize)> {
        let mut v: Vec<_> = self.warnings.iter().map(|(k, c)| (*k, *c)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v.truncate(n);
        v
    }

    fn to_json(&self, name: &str, columns: &Columns) -> Value {
        let boilerplate: serde_json::Map<String, Value> = columns
            .boilerplate
            .iter()
            .map(|k| {
                (
                    k.as_str().to_owned(),
                    json!(self.boilerplate.get(k).copied().unwrap_or(0)),
                )
            })
            .collect();
        let roles: serde_json::Map<String, Value> = columns
            .roles
            .iter()
            .map(|r| ((*r).to_owned(), json!(self.role(r))))
            .collect();
        let top: Vec<Value> = self
            .top_warnings(3)
            .into_iter()
            .map(|(kind, count)| json!({"kind": kind, "count": count}))
            .collect();
        json!({
            "outlet": name,
            "files": self.files,
            "parsed": self.parsed,
            "published": {
                "total": self.published,
                "instant": self.precision[0],
                "local": self.precision[1],
                "date": self.precision[2],
            },
            "byline": self.byline,
            "dateline": self.dateline,
            "lead_image": self.lead_image,
            "figures": {
                "total": self.figures,
                "with_caption": self.captioned,
                "with_credit": self.credited,
                "with_caption_and_credit": self.captioned_credited,
            },
            "median_paragraphs": median(&self.paragraphs),
            "median_text_chars": median(&self.text_chars),
            "links": {"internal": self.links[0], "external": self.links[1], "unsafe": self.links[2]},
            "credits": self.credits,
            "typed_credits": self.typed_credits,
            "credit_roles": roles,
            "copyright": self.copyright,
            "mirror_footer": self.mirror_footer,
            "boilerplate": boilerplate,
            "warnings": self.warnings,
            "top_warnings": top,
            "examples": self.examples,
        })
    }
}

/// Every row of the report, failures apart.
struct Report {
    /// Biggest outlets first; ties by name, so the order never depends on scheduling.
    rows: Vec<(&'static str, Row)>,
    /// The files that failed to parse (only `files` is counted).
    failed: Row,
    total: Row,
    failures: BTreeMap<&'static str, usize>,
    failed_examples: BTreeMap<&'static str, String>,
    columns: Columns,
}

impl Report {
    fn new(files: &[PathBuf], outcomes: &[Outcome]) -> Self {
        let mut rows: BTreeMap<Outlet, Row> = BTreeMap::new();
        let mut failures: BTreeMap<&'static str, usize> = BTreeMap::new();
        let mut failed_examples: BTreeMap<&'static str, String> = BTreeMap::new();
        for (path, outcome) in files.iter().zip(outcomes) {
            match outcome {
                Ok(stats) => rows.entry(stats.outlet).or_default().add(stats, path),
                Err(kind) => {
                    *failures.entry(kind).or_default() += 1;
                    failed_examples
                        .entry(kind)
                        .or_insert_with(|| path.display().to_string());
                }
            }
        }
        let mut rows: Vec<(&'static str, Row)> = rows.into_iter().map(|(o, r)| (o.as_str(), r)).collect();
        rows.sort_by(|a, b| b.1.files.cmp(&a.1.files).then(a.0.cmp(b.0)));
        let failed = Row {
            files: failures.values().sum(),
            ..Row::default()
        };
        let mut total = Row::default();
        for (_, row) in &rows {
            total.merge(row);
        }
        total.merge(&failed);
        let columns = Columns::new(&total);
        Report {
            rows,
            failed,
            total,
            failures,
            failed_examples,
            columns,
        }
    }

    fn json(&self) -> Result<String, String> {
        let c = &self.columns;
        let value = json!({
            "files": self.total.files,
            "parsed": self.total.parsed,
            "failures": {
                "total": self.failed.files,
                "by_kind": self.failures,
                "examples": self.failed_examples,
            },
            "outlets": self.rows.iter().map(|(name, row)| row.to_json(name, c)).collect::<Vec<_>>(),
            "total": self.total.to_json("TOTAL", c),
        });
        serde_json::to_string_pretty(&value)
            .map_err(|e| e.to_string())
            .map(|s| s + "\n")
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("report: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let Some(args) = parse_args()? else {
        println!("{USAGE}");
        return Ok(());
    };
    let mut files = Vec::new();
    for p in &args.paths {
        collect(p, &mut files).map_err(|e| format!("cannot read `{}`: {e}", p.display()))?;
    }
    files.sort();
    files.dedup();

    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let outcomes = parse_all(&files, jobs);
    let report = Report::new(&files, &outcomes);
    let text = match args.format {
        Format::Json => report.json()?,
        Format::Table => tables(&report),
    };
    let mut out = io::stdout().lock();
    // A closed stdout (piped into head) is not an error worth reporting.
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    Ok(())
}

/// The command line's options and paths; `None` when help was asked for.
fn parse_args() -> Result<Option<Args>, String> {
    let mut parsed = Args {
        format: Format::Table,
        jobs: None,
        paths: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        match flag.as_str() {
            "--format" | "--jobs" => {
                let v = match inline {
                    Some(v) => v,
                    None => args.next().ok_or(format!("{flag} needs a value"))?,
                };
                if flag == "--format" {
                    parsed.format = match v.as_str() {
                        "table" => Format::Table,
                        "json" => Format::Json,
                        other => return Err(format!("unknown format `{other}` (expected table or json)")),
                    };
                } else {
                    parsed.jobs = match v.parse::<usize>() {
                        Ok(n) if n > 0 => Some(n),
                        _ => return Err(format!("expected a positive number of jobs, found `{v}`")),
                    };
                }
            }
            "-h" | "--help" => return Ok(None),
            s if s.starts_with('-') => return Err(format!("unknown option `{s}`")),
            _ => parsed.paths.push(PathBuf::from(arg)),
        }
    }
    if parsed.paths.is_empty() {
        return Err("expected at least one PATH".to_owned());
    }
    Ok(Some(parsed))
}

/// Adds `path` (a file, or every regular file under a directory) to `files`.
fn collect(path: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    if !std::fs::metadata(path)?.is_dir() {
        files.push(path.to_owned());
        return Ok(());
    }
    let mut stack = vec![path.to_owned()];
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
    Ok(())
}

/// Parses every file on `jobs` threads; the outcomes are in the order of `files`.
fn parse_all(files: &[PathBuf], jobs: usize) -> Vec<Outcome> {
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Outcome>>> = files.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(files.len()).max(1) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let (Some(path), Some(slot)) = (files.get(i), slots.get(i)) else {
                        break;
                    };
                    let outcome = process(path);
                    if let Ok(mut slot) = slot.lock() {
                        *slot = Some(outcome);
                    }
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|m| m.into_inner().ok().flatten().unwrap_or(Err("io")))
        .collect()
}

fn process(path: &Path) -> Outcome {
    let bytes = std::fs::read(path).map_err(|_| "io")?;
    let article = feedmirror::parse_bytes(&bytes).map_err(|e| e.kind())?;
    Ok(stats(&article))
}

fn stats(a: &Article) -> FileStats {
    let mut links = [0; 3];
    for link in &a.links {
        match link.kind {
            LinkKind::Internal => links[0] += 1,
            LinkKind::External => links[1] += 1,
            LinkKind::Unsafe => links[2] += 1,
            _ => {}
        }
    }
    let (paragraphs, text_chars) = a
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text, .. } => Some(text.chars().count()),
            _ => None,
        })
        .fold((0, 0), |(n, c), len| (n + 1, c + len));
    let count = |keep: fn(&Figure) -> bool| a.figures.iter().filter(|f| keep(f)).count();
    let roles: Vec<CreditRole> = a
        .credits
        .iter()
        .flat_map(|c| c.roles().map(|(role, _)| role))
        .collect();
    FileStats {
        outlet: a.outlet,
        published: a.published.as_ref().map(Published::precision),
        byline: !a.byline.is_empty(),
        dateline: a.dateline.is_some(),
        lead_image: a.lead_figure().is_some(),
        figures: a.figures.len(),
        captioned: count(|f| f.caption.is_some()),
        credited: count(|f| f.credit.is_some()),
        captioned_credited: count(|f| f.caption.is_some() && f.credit.is_some()),
        paragraphs,
        text_chars,
        links,
        credits: !a.credits.is_empty(),
        typed_credits: roles.iter().any(|r| *r != CreditRole::Other),
        credit_roles: roles.iter().map(|r| r.as_str()).collect(),
        copyright: a.copyright.is_some(),
        mirror_footer: a.mirror_footer.is_some(),
        boilerplate: a.boilerplate.iter().map(|b| b.kind).collect(),
        warnings: a.warnings.iter().map(|w| w.kind.as_str()).collect(),
    }
}

/// The median, the mean of the two middle values for an even count; 0 when empty.
fn median(values: &[usize]) -> f64 {
    let mut v = values.to_vec();
    v.sort_unstable();
    let mid = v.len() / 2;
    match (v.len() % 2, v.get(mid), mid.checked_sub(1).and_then(|i| v.get(i))) {
        (1, Some(m), _) => *m as f64,
        (0, Some(hi), Some(lo)) => (*lo + *hi) as f64 / 2.0,
        _ => 0.0,
    }
}

fn fmt_median(m: f64) -> String {
    if m.fract() == 0.0 {
        format!("{m:.0}")
    } else {
        format!("{m:.1}")
    }
}

/// `n` with its share of `of` as a whole percentage: `123  96%`.
fn pct(n: usize, of: usize) -> String {
    if of == 0 {
        return format!("{n}    -");
    }
    let p = (n as f64 * 100.0 / of as f64).round();
    format!("{n} {p:>3.0}%")
}

/// Renders rows under a header, the first column left-aligned, the others right-aligned unless
/// `left_last` asks for the last to be left-aligned; a rule separates the `TOTAL` row.
fn render(title: &str, header: &[&str], rows: &[Vec<String>], left_last: bool) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let last = header.len().saturating_sub(1);
    let line = |cells: &mut dyn Iterator<Item = &str>| -> String {
        let mut s = String::new();
        for (i, (cell, w)) in cells.zip(&widths).enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            if i == 0 || (left_last && i == last) {
                s.push_str(&format!("{cell:<w$}"));
            } else {
                s.push_str(&format!("{cell:>w$}"));
            }
        }
        s.trim_end().to_owned() + "\n"
    };
    let rule = "-".repeat(widths.iter().sum::<usize>() + 2 * last) + "\n";
    let mut out = format!("{title}\n");
    out.push_str(&line(&mut header.iter().copied()));
    out.push_str(&rule);
    for row in rows {
        if row.first().is_some_and(|c| c == "TOTAL") {
            out.push_str(&rule);
        }
        out.push_str(&line(&mut row.iter().map(String::as_str)));
    }
    out
}

fn tables(report: &Report) -> String {
    let mut all: Vec<(&str, &Row)> = report.rows.iter().map(|(n, r)| (*n, r)).collect();
    all.push(("TOTAL", &report.total));
    let mut out = dates_table(report, &all);
    out.push('\n');
    out.push_str(&content_table(&all));
    out.push('\n');
    out.push_str(&credits_table(&all, &report.columns));
    out.push('\n');
    out.push_str(&parts_table(&all, &report.columns));
    out.push('\n');
    out.push_str(&warnings_table(&all));
    if !report.failures.is_empty() {
        let list: Vec<String> = report.failures.iter().map(|(k, n)| format!("{k} {n}")).collect();
        out.push_str(&format!("\nFailed files by error kind: {}\n", list.join(", ")));
    }
    out
}

/// Dates and attribution; the only table with the `(failed)` row, as failed files have no
/// outlet and nothing else to count.
fn dates_table(report: &Report, all: &[(&str, &Row)]) -> String {
    let mut with_failed = all.to_vec();
    if report.failed.files > 0 {
        with_failed.insert(with_failed.len() - 1, ("(failed)", &report.failed));
    }
    let rows: Vec<Vec<String>> = with_failed
        .iter()
        .map(|(name, r)| {
            vec![
                (*name).to_owned(),
                r.files.to_string(),
                r.parsed.to_string(),
                pct(r.published, r.parsed),
                r.precision[0].to_string(),
                r.precision[1].to_string(),
                r.precision[2].to_string(),
                pct(r.byline, r.parsed),
                pct(r.dateline, r.parsed),
                pct(r.lead_image, r.parsed),
            ]
        })
        .collect();
    render(
        "Dates and attribution (% of parsed files)",
        &[
            "outlet",
            "files",
            "parsed",
            "published",
            "instant",
            "local",
            "date",
            "byline",
            "dateline",
            "lead image",
        ],
        &rows,
        false,
    )
}

fn content_table(all: &[(&str, &Row)]) -> String {
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|(name, r)| {
            vec![
                (*name).to_owned(),
                r.figures.to_string(),
                pct(r.captioned, r.figures),
                pct(r.credited, r.figures),
                pct(r.captioned_credited, r.figures),
                fmt_median(median(&r.paragraphs)),
                fmt_median(median(&r.text_chars)),
                r.links[0].to_string(),
                r.links[1].to_string(),
                r.links[2].to_string(),
            ]
        })
        .collect();
    render(
        "Figures, text and links (captioned, credited, both: % of figures; medians per parsed file)",
        &[
            "outlet",
            "figures",
            "captioned",
            "credited",
            "both",
            "med paras",
            "med chars",
            "internal",
            "external",
            "unsafe",
        ],
        &rows,
        false,
    )
}

fn credits_table(all: &[(&str, &Row)], columns: &Columns) -> String {
    let mut header = vec!["outlet", "credits", "typed"];
    header.extend(columns.roles.iter().copied());
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|(name, r)| {
            let mut row = vec![
                (*name).to_owned(),
                pct(r.credits, r.parsed),
                pct(r.typed_credits, r.parsed),
            ];
            row.extend(columns.roles.iter().map(|role| r.role(role).to_string()));
            row
        })
        .collect();
    render(
        "Credits (files with credits, with a typed credit: % of parsed files; files by role)",
        &header,
        &rows,
        false,
    )
}

fn parts_table(all: &[(&str, &Row)], columns: &Columns) -> String {
    let mut header = vec!["outlet", "credits", "copyright", "mirror footer"];
    header.extend(columns.boilerplate.iter().map(|k| k.as_str()));
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|(name, r)| {
            let mut row = vec![
                (*name).to_owned(),
                pct(r.credits, r.parsed),
                pct(r.copyright, r.parsed),
                pct(r.mirror_footer, r.parsed),
            ];
            row.extend(
                columns
                    .boilerplate
                    .iter()
                    .map(|k| r.boilerplate.get(k).copied().unwrap_or(0).to_string()),
            );
            row
        })
        .collect();
    render(
        "Parts set aside (files with credits, copyright, footer; boilerplate pieces by kind)",
        &header,
        &rows,
        false,
    )
}

fn warnings_table(all: &[(&str, &Row)]) -> String {
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|(name, r)| {
            let top: Vec<String> = r
                .top_warnings(3)
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect();
            vec![
                (*name).to_owned(),
                r.warnings.values().sum::<usize>().to_string(),
                top.join(", "),
            ]
        })
        .collect();
    render(
        "Warnings (total, top 3 kinds)",
        &["outlet", "warnings", "most common"],
        &rows,
        true,
    )
}
