//! The reader's measure: the library scored against the gold annotations, field by field.
//!
//! Readers who never ran the parser annotated corpus items from their HTML alone
//! (`../shared/GOLD.md` defines every field; `../shared/gold/*.json` holds one file per item).
//! This test parses each annotated item with [`feedmirror::parse`], serializes the article with
//! serde_json and scores it with exactly the definitions of `../shared/tools/gold.py` and
//! `gold_common.py` (`norm`, `tight`, `unmark`, `url_key` and the per-field checks `outlet`,
//! `article_id`, `published`, `byline`, `dateline`, `credits`, `figures`, `first_paragraph`,
//! `last_paragraph`, `paragraph_count`, `must_contain`, `boilerplate_free`, `links`). It prints
//! a per-field table and a per-outlet table, and fails when a field, or the count of items right
//! on every field, is below its minimum in [`MIN_RIGHT`]. Those minimums are today's counts:
//! raise them as fixes land, never lower them.
//!
//! Needs the `serde` feature (`cargo test --all-features --test gold -- --nocapture` shows the
//! tables); plain `cargo test` does not build it. Inputs: the gold directory `FEEDMIRROR_GOLD`
//! (default `../shared/gold`) and the corpus `FEEDMIRROR_CORPUS` (default `../shared/corpus`);
//! when either is absent the test says so and passes. Output switches:
//!
//! - `GOLD_VERBOSE=1` prints every disagreement, one line per item and field
//!   (`field  file: what differs`);
//! - `GOLD_MARKDOWN=FILE` writes the tables as markdown to FILE (`EVALUATION.md` is made from it;
//!   `.ci/evaluation.py` regenerates every table of that file).
//!
//! # Agreement with gold.py
//!
//! Checked item by item and field by field: the per-field and per-outlet counts of
//! `python3 ../shared/tools/gold.py target/release/examples/feedmirror` (the example built with
//! `--features serde`) against this test's, and every verdict of gold.py's own `score` function
//! over the same items (its definitions executed unchanged, one line per wrong verdict) against
//! this test's `GOLD_VERBOSE=1` lines. Both agreed on all 1,885 verdicts (145 items, 13 fields)
//! at three states of the library: before and after the change that keeps spaces between CJK
//! characters, and after typed credits (32, 36 and 64 items fully right). The same comparison
//! over 31,000 perturbed pairs (the real gold and articles with end marks, story codes, Python
//! whitespace, brackets, credits as strings and as typed objects, duplicate figure and link
//! URLs, zoned and unzoned dates of every precision, paragraph counts at the tolerance's edges)
//! also agreed on every verdict.
//!
//! # What is ported and what is not
//!
//! - Python's `\s` (and `str.strip`) is `str.isspace`: the Unicode `White_Space` characters
//!   plus U+001C..U+001F; [`py_space`] is that set.
//! - `round()` in the paragraph-count tolerance rounds half to even, as Python does.
//! - `datetime.fromisoformat` is ported for the forms either side writes (`YYYY-MM-DD`, optionally
//!   `THH:MM[:SS[.fraction]]` and an offset `Z`, `±HH`, `±HHMM` or `±HH:MM[:SS]`). A date
//!   without an offset compared with a zoned gold date is taken as UTC: gold.py takes it in the
//!   machine's zone, which is UTC on CI (no gold item reaches that case today).
//! - `html.unescape` is not applied: neither the gold strings nor the library's output hold a
//!   character reference today (the only `&` in either is a bare `&` before a space, which
//!   `html.unescape` keeps). Strings where it could act (`&` before a letter or `#`) are counted
//!   and the count is printed, so a change shows.
//! - Unicode NFC is not applied: no compared string changes under NFC today (checked with
//!   Python's `unicodedata` over every string gold.py normalises). Strings with a character
//!   outside [`NFC_INERT`] (ranges NFC never changes) are counted and printed likewise.

mod common;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use serde_json::{Map, Value};

/// The fields scored, in gold.py's order.
const FIELDS: [&str; 13] = [
    "outlet",
    "article_id",
    "published",
    "byline",
    "dateline",
    "credits",
    "figures",
    "first_paragraph",
    "last_paragraph",
    "paragraph_count",
    "must_contain",
    "boilerplate_free",
    "links",
];

/// Name of the row counting items right on every field.
const FULLY_RIGHT: &str = "fully_right";

/// The minimum number of gold items each field must get right (and [`FULLY_RIGHT`]: items right
/// on every field), over the 145 annotated items. Set at the counts measured when the test was
/// written; raise them as fixes land (the test prints which ones can be raised), never lower them.
const MIN_RIGHT: [(&str, usize); 14] = [
    ("outlet", 145),
    ("article_id", 145),
    ("published", 145),
    ("byline", 143),
    ("dateline", 145),
    ("credits", 144),
    ("figures", 143),
    ("first_paragraph", 143),
    ("last_paragraph", 143),
    ("paragraph_count", 145),
    ("must_contain", 145),
    ("boilerplate_free", 144),
    ("links", 145),
    (FULLY_RIGHT, 139),
];

/// Code point ranges in which every character has `NFC_Quick_Check=Yes`, canonical combining
/// class 0 and is the second character of no canonical composition (Unicode 14.0, as Python
/// 3.11's `unicodedata` has it): a string made only of them is unchanged by NFC. They cover
/// Latin, Greek and Cyrillic letters, punctuation, symbols, kana, CJK ideographs, Hangul
/// syllables, full-width forms and emoji.
const NFC_INERT: [(char, char); 17] = [
    ('\u{0000}', '\u{02FF}'),
    ('\u{0388}', '\u{0482}'),
    ('\u{0488}', '\u{0590}'),
    ('\u{1E00}', '\u{1F70}'),
    ('\u{2002}', '\u{20CF}'),
    ('\u{20F1}', '\u{2125}'),
    ('\u{212C}', '\u{2328}'),
    ('\u{232B}', '\u{2ADB}'),
    ('\u{2ADD}', '\u{2CEE}'),
    ('\u{2E00}', '\u{3029}'),
    ('\u{3030}', '\u{3098}'),
    ('\u{309B}', '\u{A66E}'),
    ('\u{ABEE}', '\u{D7FF}'),
    ('\u{E000}', '\u{F8FF}'),
    ('\u{FE30}', '\u{101FC}'),
    ('\u{1E94B}', '\u{2F7FF}'),
    ('\u{2FA1E}', '\u{10FFFF}'),
];

// ---------------------------------------------------------------------------------------------
// gold_common.py

/// Python's `str.isspace()`, which is also what `\s` matches in a `str` pattern.
fn py_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\u{1C}'..='\u{1F}'
            | ' '
            | '\u{85}'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
    )
}

/// Python's `s.strip()` (no argument).
fn py_strip(s: &str) -> &str {
    s.trim_matches(py_space)
}

/// Strings gold.py would treat differently (see the crate docs): counts and a few examples.
#[derive(Default)]
struct Unported {
    references: usize,
    not_nfc_inert: usize,
    examples: Vec<String>,
}

thread_local! {
    static UNPORTED: RefCell<Unported> = RefCell::new(Unported::default());
}

fn note_unported(t: &str) {
    let reference = t.char_indices().any(|(i, c)| {
        c == '&'
            && t[i + 1..]
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_alphabetic() || n == '#')
    });
    let outside = t
        .chars()
        .any(|c| !NFC_INERT.iter().any(|&(lo, hi)| (lo..=hi).contains(&c)));
    if reference || outside {
        UNPORTED.with(|u| {
            let mut u = u.borrow_mut();
            u.references += usize::from(reference);
            u.not_nfc_inert += usize::from(outside);
            if u.examples.len() < 5 {
                u.examples.push(t.chars().take(80).collect());
            }
        });
    }
}

/// `norm`: (`html.unescape`, NFC: see the crate docs) runs of whitespace to one space, stripped.
fn norm(t: &str) -> String {
    note_unported(t);
    let mut out = String::with_capacity(t.len());
    let mut in_space = false;
    for c in t.chars() {
        if py_space(c) {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    py_strip(&out).to_owned()
}

/// The characters `tight` removes besides whitespace: `[\-—–()（）【】\[\]［］〔〕「」]`.
const TIGHT_DROPS: &str = "-—–()（）【】[]［］〔〕「」";

/// `tight`: `norm`, full-width colon and comma made ASCII, whitespace, dashes and brackets
/// removed, trailing colons stripped.
fn tight(t: &str) -> String {
    let removed: String = norm(t)
        .chars()
        .map(|c| match c {
            '：' => ':',
            '，' => ',',
            c => c,
        })
        .filter(|&c| !py_space(c) && !TIGHT_DROPS.contains(c))
        .collect();
    removed.trim_end_matches(':').to_owned()
}

/// `unmark`: `norm`, then `END_MARK` (`\s*(\[[A-Za-z0-9]{8,14}\])?\s*([（(]完[）)]|■|#)\s*$`)
/// removed. After `norm` the only match is a suffix; its leftmost start is found from the end.
fn unmark(t: &str) -> String {
    let s = norm(t);
    let chars: Vec<char> = s.chars().collect();
    let skip_space = |mut i: usize| {
        while i > 0 && py_space(chars[i - 1]) {
            i -= 1;
        }
        i
    };
    let end = skip_space(chars.len());
    let before_mark = if end >= 1 && matches!(chars[end - 1], '■' | '#') {
        end - 1
    } else if end >= 3
        && matches!(chars[end - 3], '（' | '(')
        && chars[end - 2] == '完'
        && matches!(chars[end - 1], '）' | ')')
    {
        end - 3
    } else {
        return s;
    };
    let mut start = skip_space(before_mark);
    if start >= 1 && chars[start - 1] == ']' {
        let code = chars[..start - 1]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let open = start - 1 - code;
        if (8..=14).contains(&code) && open >= 1 && chars[open - 1] == '[' {
            start = skip_space(open - 1);
        }
    }
    chars[..start].iter().collect()
}

/// `url_key`: stripped, `http(s)://` removed, trailing slashes removed, lower-cased.
fn url_key(u: &str) -> String {
    let u = py_strip(u);
    let u = u
        .strip_prefix("http://")
        .or_else(|| u.strip_prefix("https://"))
        .unwrap_or(u);
    u.trim_end_matches('/').to_lowercase()
}

// ---------------------------------------------------------------------------------------------
// Python's view of JSON values

static NULL: Value = Value::Null;

/// `d.get(key)`: `None` (null) when absent.
fn get<'a>(v: &'a Value, key: &str) -> &'a Value {
    v.get(key).unwrap_or(&NULL)
}

/// Python truthiness.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// `x or ''` for a string field (the text functions take `None` as `''`).
fn text(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// `x or []` for a list field.
fn items(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

// ---------------------------------------------------------------------------------------------
// datetime.fromisoformat, for the forms either side writes

enum Iso {
    Naive(NaiveDateTime),
    Aware(DateTime<FixedOffset>),
}

fn digits(s: &str, n: usize) -> Option<(u32, &str)> {
    let head = s.get(..n)?;
    if !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((head.parse().ok()?, &s[n..]))
}

fn from_iso(s: &str) -> Option<Iso> {
    let (year, rest) = digits(s, 4)?;
    let (month, day, rest) = if let Some(r) = rest.strip_prefix('-') {
        let (m, r) = digits(r, 2)?;
        let (d, r) = digits(r.strip_prefix('-')?, 2)?;
        (m, d, r)
    } else {
        let (m, r) = digits(rest, 2)?;
        let (d, r) = digits(r, 2)?;
        (m, d, r)
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let mut chars = rest.chars();
    let Some(_separator) = chars.next() else {
        return Some(Iso::Naive(date.and_time(NaiveTime::MIN)));
    };
    let rest = chars.as_str();
    let (hour, mut rest) = digits(rest, 2)?;
    let (mut minute, mut second, mut micro) = (0, 0, 0);
    if let Some(r) = rest.strip_prefix(':') {
        (minute, rest) = digits(r, 2)?;
        if let Some(r) = rest.strip_prefix(':') {
            (second, rest) = digits(r, 2)?;
            if let Some(r) = rest.strip_prefix(['.', ',']) {
                let n = r.bytes().take_while(u8::is_ascii_digit).count();
                if n == 0 {
                    return None;
                }
                let frac = format!("{:0<6}", &r[..n.min(6)]);
                micro = frac.parse().ok()?;
                rest = &r[n..];
            }
        }
    }
    let time = NaiveTime::from_hms_micro_opt(hour, minute, second, micro)?;
    let naive = date.and_time(time);
    if rest.is_empty() {
        return Some(Iso::Naive(naive));
    }
    let offset = if rest == "Z" {
        0
    } else {
        let sign = match rest.as_bytes().first()? {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let r = &rest[1..];
        let (h, r) = digits(r, 2)?;
        let (m, r) = match r.strip_prefix(':') {
            Some(r) => digits(r, 2)?,
            None if r.is_empty() => (0, r),
            None => digits(r, 2)?,
        };
        let (sec, r) = match r.strip_prefix(':') {
            Some(r) => digits(r, 2)?,
            None => (0, r),
        };
        if !r.is_empty() {
            return None;
        }
        sign * i32::try_from(h * 3600 + m * 60 + sec).ok()?
    };
    let offset = FixedOffset::east_opt(offset)?;
    naive.and_local_timezone(offset).single().map(Iso::Aware)
}

// ---------------------------------------------------------------------------------------------
// gold.py

type Verdict = (bool, String);

fn body_blocks(a: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for b in items(get(a, "blocks")) {
        let kind = get(b, "kind").as_str();
        if kind == Some("figure") {
            continue;
        }
        let t = text(get(b, "text"));
        if kind == Some("list") {
            out.extend(t.split('\n').filter(|x| !py_strip(x).is_empty()));
        } else {
            out.push(t);
        }
    }
    out.into_iter().map(unmark).filter(|x| !x.is_empty()).collect()
}

fn check_published(g: &Value, p: &Value) -> Verdict {
    if g.is_null() {
        let why = if truthy(p) {
            format!("extra date {p}")
        } else {
            String::new()
        };
        return (p.is_null(), why);
    }
    if p.is_null() {
        return (false, format!("missing, gold {}", get(g, "raw")));
    }
    let v = text(get(p, "value"));
    let prec = get(p, "precision").as_str();
    let date = text(get(g, "date"));
    let time = get(g, "time");
    let ok = if truthy(get(g, "zone")) {
        let want = format!("{date}T{}", if truthy(time) { text(time) } else { "00:00" });
        let z = text(get(g, "zone"))
            .to_uppercase()
            .replace("GMT", "Z")
            .replace("UTC", "Z");
        let gt = from_iso(&format!("{want}{}", if z == "Z" { "+00:00" } else { &z }));
        let lt = from_iso(&v.replace('Z', "+00:00"));
        match (gt, lt) {
            (Some(Iso::Aware(gt)), Some(lt)) => {
                if truthy(time) {
                    // gold.py subtracts only for an instant (which has an offset)
                    prec == Some("instant")
                        && matches!(lt, Iso::Aware(lt)
                            if (gt - lt).num_microseconds().is_some_and(|us| (us as f64 / 1e6).abs() < 60.0))
                } else {
                    // a naive value is taken in the machine's zone by Python: UTC on CI
                    let lt = match lt {
                        Iso::Aware(lt) => lt.with_timezone(gt.offset()),
                        Iso::Naive(lt) => lt.and_utc().with_timezone(gt.offset()),
                    };
                    lt.date_naive() == gt.date_naive()
                }
            }
            _ => false,
        }
    } else if truthy(time) {
        prec == Some("local") && v.starts_with(&format!("{date}T{}", text(time)))
    } else {
        v.chars().take(10).collect::<String>() == date
    };
    let why = if ok {
        String::new()
    } else {
        format!("gold {}, got {} {v}", get(g, "raw"), prec.unwrap_or("None"))
    };
    (ok, why)
}

/// A map keyed by `url_key`, built like a Python dict: a later entry replaces the value of an
/// earlier one with the same key, which keeps its place.
fn keyed<'a>(list: &'a [Value], field: &str) -> Vec<(String, &'a Value)> {
    let mut out: Vec<(String, &Value)> = Vec::new();
    for x in list {
        let k = url_key(text(get(x, field)));
        match out.iter_mut().find(|(key, _)| *key == k) {
            Some(slot) => slot.1 = x,
            None => out.push((k, x)),
        }
    }
    out
}

fn lookup<'a>(map: &[(String, &'a Value)], k: &str) -> Option<&'a Value> {
    map.iter().find(|(key, _)| key == k).map(|(_, v)| *v)
}

fn short(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

fn score(g: &Value, a: &Value) -> BTreeMap<&'static str, Verdict> {
    let mut r = BTreeMap::new();
    let outlet = get(a, "outlet");
    r.insert(
        "outlet",
        (
            outlet == get(g, "outlet"),
            format!("{outlet} vs {}", get(g, "outlet")),
        ),
    );
    let gd = get(g, "article_id_digits");
    let aid = text(get(a, "article_id"));
    r.insert(
        "article_id",
        (
            !truthy(gd) || aid.contains(text(gd)),
            format!("got {aid:?} want {gd}"),
        ),
    );
    r.insert(
        "published",
        check_published(get(g, "published"), get(a, "published")),
    );
    let sorted_tight = |v: &Value| {
        let mut t: Vec<String> = items(v).iter().map(|x| tight(text(x))).collect();
        t.sort();
        t
    };
    r.insert(
        "byline",
        (
            sorted_tight(get(g, "byline")) == sorted_tight(get(a, "byline")),
            format!("got {} want {}", get(a, "byline"), get(g, "byline")),
        ),
    );
    let (gdl, adl) = (get(g, "dateline"), get(a, "dateline"));
    r.insert(
        "dateline",
        (
            (!truthy(gdl) && !truthy(adl))
                || (truthy(gdl) && truthy(adl) && tight(text(gdl)) == tight(text(adl))),
            format!("got {adl} want {gdl}"),
        ),
    );
    let gc: Vec<String> = items(get(g, "credits")).iter().map(|x| tight(text(x))).collect();
    // a credit is a line of text, or (typed) an object whose `text` is the line
    let ac: Vec<String> = items(get(a, "credits"))
        .iter()
        .map(|x| {
            if x.is_object() {
                tight(text(get(x, "text")))
            } else {
                tight(text(x))
            }
        })
        .collect();
    let joined = ac.join("|");
    let miss: Vec<&String> = gc.iter().filter(|x| !joined.contains(x.as_str())).collect();
    let extra: Vec<&String> = ac
        .iter()
        .filter(|x| {
            !gc.iter()
                .any(|y| y.contains(x.as_str()) || x.contains(y.as_str()))
        })
        .collect();
    r.insert(
        "credits",
        (
            miss.is_empty() && extra.is_empty(),
            format!("missing {miss:?} extra {extra:?}"),
        ),
    );
    let af = keyed(items(get(a, "figures")), "src");
    let mut fig_err = Vec::new();
    let mut gkeys = BTreeSet::new();
    for f in items(get(g, "figures")) {
        let k = url_key(text(get(f, "src")));
        gkeys.insert(k.clone());
        let Some(x) = lookup(&af, &k) else {
            fig_err.push(format!("missing {}", short(&k, 60)));
            continue;
        };
        let (gcap, acap) = (norm(text(get(f, "caption"))), norm(text(get(x, "caption"))));
        if gcap != acap {
            fig_err.push(format!(
                "caption {:?} vs {:?}",
                short(&acap, 50),
                short(&gcap, 50)
            ));
        }
        let credit = get(f, "credit");
        if truthy(credit)
            && !tight(text(get(x, "credit"))).contains(tight(text(credit)).trim_matches(['(', ')']))
        {
            fig_err.push(format!("credit {} vs {credit}", get(x, "credit")));
        }
    }
    for (k, _) in &af {
        if !gkeys.contains(k) {
            fig_err.push(format!("extra {}", short(k, 60)));
        }
    }
    r.insert("figures", (fig_err.is_empty(), fig_err.join("; ")));
    let bb = body_blocks(a);
    let body = bb.join("\n");
    let fp = unmark(text(get(g, "first_paragraph")));
    let lp = unmark(text(get(g, "last_paragraph")));
    r.insert(
        "first_paragraph",
        (
            bb.first() == Some(&fp),
            format!("got {:?}", bb.first().map(|b| short(b, 60))),
        ),
    );
    r.insert(
        "last_paragraph",
        (
            bb.last() == Some(&lp),
            format!("got {:?}", bb.last().map(|b| short(b, 60))),
        ),
    );
    let n = get(g, "paragraph_count").as_f64().unwrap_or(0.0);
    // Python's round() rounds half to even
    let tolerance = (0.15 * n).round_ties_even().max(1.0);
    r.insert(
        "paragraph_count",
        (
            (bb.len() as f64 - n).abs() <= tolerance,
            format!("got {} want {n}", bb.len()),
        ),
    );
    let lost: Vec<&str> = items(get(g, "must_contain"))
        .iter()
        .map(text)
        .filter(|s| !body.contains(&unmark(s)))
        .collect();
    r.insert("must_contain", (lost.is_empty(), format!("lost {lost:?}")));
    let leaked: Vec<&str> = items(get(g, "must_not_contain"))
        .iter()
        .map(text)
        .filter(|s| {
            let n = norm(s);
            !n.is_empty() && body.contains(&n)
        })
        .collect();
    r.insert(
        "boilerplate_free",
        (leaked.is_empty(), format!("leaked {leaked:?}")),
    );
    let with_href: Vec<Value> = items(get(a, "links"))
        .iter()
        .filter(|l| truthy(get(l, "href")))
        .cloned()
        .collect();
    let links = keyed(&with_href, "href");
    let mut le = Vec::new();
    for l in items(get(g, "internal_links")) {
        let k = url_key(text(get(l, "href")));
        let digits = get(l, "article_id_digits");
        match lookup(&links, &k) {
            None => le.push(format!("missing {}", short(&k, 60))),
            Some(x) if get(x, "kind").as_str() != Some("internal") => {
                le.push(format!("not internal {}", short(&k, 60)));
            }
            Some(x) if truthy(digits) && !text(get(x, "article_id")).contains(text(digits)) => {
                le.push(format!("id {} for {digits}", get(x, "article_id")));
            }
            Some(_) => {}
        }
    }
    r.insert("links", (le.is_empty(), le.join("; ")));
    r
}

// ---------------------------------------------------------------------------------------------
// The run

/// One gold item's verdicts.
struct Item {
    file: String,
    outlet: String,
    verdicts: BTreeMap<&'static str, Verdict>,
}

impl Item {
    fn fully_right(&self) -> bool {
        self.verdicts.values().all(|v| v.0)
    }
}

fn gold_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("FEEDMIRROR_GOLD")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/gold"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: gold annotations not found at {} (set FEEDMIRROR_GOLD to run this test)",
            dir.display()
        );
        None
    }
}

/// The article as gold.py sees it: the example's JSON, or `{}` when the item does not parse.
fn article_json(path: &Path) -> Value {
    let Ok(input) = std::fs::read_to_string(path) else {
        return Value::Object(Map::new());
    };
    match feedmirror::parse(&input) {
        Ok(article) => serde_json::to_value(&article).expect("an article serializes"),
        Err(_) => Value::Object(Map::new()),
    }
}

fn score_all(gold: &Path, corpus: &Path) -> Vec<Item> {
    // glob('*.json') in sorted order: hidden files are not matched
    let mut names: Vec<String> = std::fs::read_dir(gold)
        .expect("read the gold directory")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json") && !n.starts_with('.'))
        .collect();
    names.sort();
    names
        .iter()
        .map(|name| {
            let raw = std::fs::read_to_string(gold.join(name)).expect("read a gold file");
            let g: Value = serde_json::from_str(&raw).expect("a gold file is JSON");
            let file = text(get(&g, "file")).to_owned();
            let a = article_json(&corpus.join(&file));
            Item {
                outlet: text(get(&g, "outlet")).to_owned(),
                verdicts: score(&g, &a),
                file,
            }
        })
        .collect()
}

fn right(items: &[&Item], field: &str) -> usize {
    items
        .iter()
        .filter(|i| {
            if field == FULLY_RIGHT {
                i.fully_right()
            } else {
                i.verdicts.get(field).is_some_and(|v| v.0)
            }
        })
        .count()
}

fn by_outlet(items: &[Item]) -> BTreeMap<&str, Vec<&Item>> {
    let mut out: BTreeMap<&str, Vec<&Item>> = BTreeMap::new();
    for i in items {
        out.entry(i.outlet.as_str()).or_default().push(i);
    }
    out
}

fn minimum(field: &str) -> usize {
    MIN_RIGHT.iter().find(|(f, _)| *f == field).map_or(0, |(_, m)| *m)
}

fn terminal_tables(items: &[Item], verbose: bool) -> String {
    let all: Vec<&Item> = items.iter().collect();
    let total = items.len();
    let mut out = String::new();
    writeln!(
        out,
        "{:<18} {:>9} {:>5}  first disagreements",
        "field", "right", "min"
    )
    .unwrap();
    for field in FIELDS.iter().copied().chain([FULLY_RIGHT]) {
        let fails: Vec<String> = items
            .iter()
            .filter_map(|i| {
                let v = i.verdicts.get(field)?;
                (!v.0).then(|| format!("{}: {}", short(&i.file, 20), short(&v.1, 100)))
            })
            .take(2)
            .collect();
        writeln!(
            out,
            "{field:<18} {:>5}/{total:<3} {:>5}  {}",
            right(&all, field),
            minimum(field),
            fails.join(" | ")
        )
        .unwrap();
    }
    writeln!(
        out,
        "\n{:<20} {:>5} {:>6}  fields not right (items)",
        "outlet", "items", "fully"
    )
    .unwrap();
    for (outlet, its) in by_outlet(items) {
        let weak: Vec<String> = FIELDS
            .iter()
            .filter_map(|f| {
                let wrong = its.len() - right(&its, f);
                (wrong > 0).then(|| format!("{f} {wrong}"))
            })
            .collect();
        writeln!(
            out,
            "{outlet:<20} {:>5} {:>6}  {}",
            its.len(),
            right(&its, FULLY_RIGHT),
            weak.join(", ")
        )
        .unwrap();
    }
    if verbose {
        writeln!(out, "\nevery disagreement:").unwrap();
        for field in FIELDS {
            for i in items {
                if let Some((false, why)) = i.verdicts.get(field) {
                    writeln!(out, "{field:<18} {}: {why}", i.file).unwrap();
                }
            }
        }
    }
    out
}

fn markdown_tables(items: &[Item]) -> String {
    let all: Vec<&Item> = items.iter().collect();
    let total = items.len();
    let pct = |n: usize, of: usize| 100.0 * n as f64 / of.max(1) as f64;
    let mut out = String::new();
    writeln!(out, "| field | right | share |\n| --- | ---: | ---: |").unwrap();
    for field in FIELDS.iter().copied().chain([FULLY_RIGHT]) {
        let n = right(&all, field);
        let name = if field == FULLY_RIGHT {
            "**every field right**".to_owned()
        } else {
            format!("`{field}`")
        };
        writeln!(out, "| {name} | {n} / {total} | {:.0}% |", pct(n, total)).unwrap();
    }
    writeln!(out).unwrap();
    write!(out, "| outlet | items | every field right |").unwrap();
    for f in FIELDS {
        write!(out, " `{f}` |").unwrap();
    }
    write!(out, "\n| --- | ---: | ---: |").unwrap();
    for _ in FIELDS {
        write!(out, " ---: |").unwrap();
    }
    writeln!(out).unwrap();
    let outlets = by_outlet(items);
    for (outlet, its) in outlets
        .iter()
        .map(|(o, i)| (*o, i.as_slice()))
        .chain([("**all**", all.as_slice())])
    {
        write!(out, "| {outlet} | {} | {} |", its.len(), right(its, FULLY_RIGHT)).unwrap();
        for f in FIELDS {
            write!(out, " {} |", right(its, f)).unwrap();
        }
        writeln!(out).unwrap();
    }
    out
}

#[test]
fn the_library_meets_the_readers_gold() {
    let Some(gold) = gold_dir() else { return };
    let Some(corpus) = common::corpus_root() else {
        return;
    };
    let items = score_all(&gold, &corpus);
    assert!(!items.is_empty(), "no gold annotations in {}", gold.display());
    let verbose = std::env::var("GOLD_VERBOSE").is_ok_and(|v| v == "1");
    println!(
        "gold: {} items from {}, corpus {}\n",
        items.len(),
        gold.display(),
        corpus.display()
    );
    print!("{}", terminal_tables(&items, verbose));
    let unported = UNPORTED.with(|u| std::mem::take(&mut *u.borrow_mut()));
    println!(
        "\nstrings compared with a possible character reference: {}; with characters NFC may \
         change: {}{}",
        unported.references,
        unported.not_nfc_inert,
        if unported.examples.is_empty() {
            String::new()
        } else {
            format!(
                " (gold.py would decode or normalise them; compare with it) e.g. {:?}",
                unported.examples
            )
        }
    );
    if let Some(path) = std::env::var_os("GOLD_MARKDOWN") {
        std::fs::write(&path, markdown_tables(&items)).expect("write GOLD_MARKDOWN");
        println!("markdown tables written to {}", PathBuf::from(path).display());
    }

    let all: Vec<&Item> = items.iter().collect();
    let mut below = Vec::new();
    let mut raise = Vec::new();
    for (field, min) in MIN_RIGHT {
        let n = right(&all, field);
        if n < min {
            below.push(format!("{field} {n} < {min}"));
        } else if n > min {
            raise.push(format!("{field} {min} -> {n}"));
        }
    }
    if !raise.is_empty() {
        println!("better than the minimums: raise MIN_RIGHT: {}", raise.join(", "));
    }
    assert!(
        below.is_empty(),
        "gold scores fell below their minimums: {}",
        below.join(", ")
    );
}

#[cfg(test)]
mod helpers {
    use super::*;

    #[test]
    fn norm_collapses_python_whitespace() {
        assert_eq!(norm("  a\u{3000}\u{1c}b\n\u{a0}c "), "a b c");
        assert_eq!(norm(""), "");
    }

    #[test]
    fn tight_drops_brackets_dashes_and_trailing_colons() {
        assert_eq!(
            tight("（中央社記者 吳佳蓉台北7日電）"),
            "中央社記者吳佳蓉台北7日電"
        );
        assert_eq!(tight("编辑：X，Y："), "编辑:X,Y");
        assert_eq!(tight("【大纪元】 — a-b"), "大纪元ab");
    }

    #[test]
    fn unmark_removes_one_end_mark_with_its_story_code() {
        assert_eq!(unmark("text. (完)"), "text.");
        assert_eq!(unmark("text.（完） "), "text.");
        assert_eq!(unmark("text. [nL4S2F64ES] #"), "text.");
        assert_eq!(unmark("text [short] #"), "text [short]");
        assert_eq!(unmark("abc ## "), "abc #");
        assert_eq!(unmark("■"), "");
        assert_eq!(unmark("no mark"), "no mark");
    }

    #[test]
    fn url_key_ignores_scheme_case_and_trailing_slashes() {
        assert_eq!(url_key(" https://Example.com/A// "), "example.com/a");
        assert_eq!(url_key("HTTP://x"), "http://x");
    }

    #[test]
    fn fromisoformat_forms() {
        assert!(matches!(from_iso("2020-09-10"), Some(Iso::Naive(_))));
        assert!(matches!(
            from_iso("2020-09-10T12:30:01.707+00:00"),
            Some(Iso::Aware(_))
        ));
        assert!(matches!(from_iso("2020-09-10T12:30+0800"), Some(Iso::Aware(_))));
        assert!(from_iso("2020-09-10T12:30Z+8").is_none());
        assert!(from_iso("2020-13-10").is_none());
    }

    #[test]
    fn paragraph_tolerance_rounds_half_to_even() {
        let g = serde_json::json!({"paragraph_count": 30});
        let a = |n: usize| {
            let blocks: Vec<Value> = (0..n)
                .map(|i| serde_json::json!({"kind": "paragraph", "text": format!("p{i}")}))
                .collect();
            serde_json::json!({ "blocks": blocks })
        };
        // 0.15 * 30 is 4.5, which rounds to 4
        assert!(score(&g, &a(34)).get("paragraph_count").unwrap().0);
        assert!(!score(&g, &a(35)).get("paragraph_count").unwrap().0);
    }
}
