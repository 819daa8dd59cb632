//! Credit lines, typed: who reported, wrote, edited, translated, checked or contributed, and
//! which agencies or sources are credited. One grammar for every outlet: a line is a credit when
//! all of it reads as credit segments (`LABEL：NAMES`, a bracketed agency credit, a contributor
//! sentence); anything else on the line makes it article text.

use std::borrow::Cow;

use crate::model::{Credit, CreditPart, CreditRole};
use crate::text::{Trim, contains_str, find_str, is_cjk, is_whitespace, normalize_space};

/// Labels that open a credit segment. Where one label ends another (`责任编辑`, `编辑`), the
/// longer comes first.
pub(super) const LABELS: &[(&str, CreditRole)] = &[
    ("本台记者", CreditRole::Reporter),
    ("本台記者", CreditRole::Reporter),
    ("采访记者", CreditRole::Reporter),
    ("採訪記者", CreditRole::Reporter),
    ("记者", CreditRole::Reporter),
    ("記者", CreditRole::Reporter),
    ("作者", CreditRole::Writer),
    ("撰写", CreditRole::Writer),
    ("撰寫", CreditRole::Writer),
    ("撰文", CreditRole::Writer),
    ("撰稿", CreditRole::Writer),
    ("文", CreditRole::Writer),
    ("责任编辑", CreditRole::Editor),
    ("責任編輯", CreditRole::Editor),
    ("本文编辑", CreditRole::Editor),
    ("本文編輯", CreditRole::Editor),
    ("责编", CreditRole::Editor),
    ("責編", CreditRole::Editor),
    ("网编", CreditRole::Editor),
    ("網編", CreditRole::Editor),
    ("主编", CreditRole::Editor),
    ("主編", CreditRole::Editor),
    ("编辑", CreditRole::Editor),
    ("編輯", CreditRole::Editor),
    // A frequent misspelling of 編輯 in CNA's editor lines.
    ("編緝", CreditRole::Editor),
    ("发稿", CreditRole::Editor),
    ("發稿", CreditRole::Editor),
    ("整理", CreditRole::Editor),
    ("实习编译", CreditRole::Translator),
    ("實習編譯", CreditRole::Translator),
    ("编译", CreditRole::Translator),
    ("編譯", CreditRole::Translator),
    ("翻译", CreditRole::Translator),
    ("翻譯", CreditRole::Translator),
    ("译者", CreditRole::Translator),
    ("譯者", CreditRole::Translator),
    ("核稿", CreditRole::Reviewer),
    ("审校", CreditRole::Reviewer),
    ("審校", CreditRole::Reviewer),
    ("本文转自", CreditRole::Source),
    ("本文轉自", CreditRole::Source),
    ("微信来源", CreditRole::Source),
    ("微信來源", CreditRole::Source),
    ("转自", CreditRole::Source),
    ("轉自", CreditRole::Source),
    ("来源", CreditRole::Source),
    ("來源", CreditRole::Source),
    ("链接", CreditRole::Source),
    ("鏈接", CreditRole::Source),
];

/// Labels that may run straight into the name (`本文编辑X`, `責任編輯X`); the others need a
/// separator, so that `编辑部认为` or `文中` are never read as credits.
const GLUED_LABELS: &[&str] = &[
    "发稿",
    "發稿",
    "本文编辑",
    "本文編輯",
    "责任编辑",
    "責任編輯",
    "本台记者",
    "本台記者",
    "编译",
    "編譯",
    "审校",
    "審校",
];

/// A name run straight into its label (`编译周立行`) is a short CJK name: at most this long, so
/// that `编译器的新版本` is no credit.
const MAX_GLUED_NAME_CHARS: usize = 4;

/// Labels that need more than a space after them (`文/X`, `文｜X`): one character is too common
/// a word to be a label on its own.
const STRICT_LABELS: &[&str] = &["文"];

/// What may sit between a label and its names.
const LABEL_SEPARATORS: &[char] = &['：', ':', '|', '｜', '/', '／', ' '];

/// What separates two segments of one line (`记者：X 责编：Y`, `译者：X/核稿：Y`, `编译 X；审校 Y`).
const SEGMENT_SEPARATORS: &[char] = &[' ', '/', '／', '；', ';', '。', '|', '｜', '，', ','];

/// What separates names within a segment (a space does too, between two CJK names).
const NAME_SEPARATORS: &[char] = &['、', '，', ',', '/', '／', '；', ';'];

/// Words after a reporter's name that say how the story was made (`X台北报道`, `X综合报导`).
const REPORT_SUFFIXES: &[&str] = &[
    "的专题报道",
    "的專題報導",
    "采访报导",
    "採訪報導",
    "采访报道",
    "综合报导",
    "綜合報導",
    "综合报道",
    "编译报导",
    "編譯報導",
    "编译报道",
    "补充报道",
    "補充報導",
    "报导",
    "報導",
    "报道",
    "報道",
    "电",
    "電",
];

/// Places that follow a reporter's name in credit lines and datelines (`蔡凌巴黎报道`,
/// `吳欣紜台北23日電`). Longer names first where one ends another.
pub(super) const PLACES: &[&str] = &[
    "华盛顿",
    "華盛頓",
    "旧金山",
    "舊金山",
    "洛杉矶",
    "洛杉磯",
    "布鲁塞尔",
    "布魯塞爾",
    "新德里",
    "莫斯科",
    "新加坡",
    "耶路撒冷",
    "日内瓦",
    "日內瓦",
    "斯德哥尔摩",
    "苗栗縣",
    "苗栗县",
    "彰化縣",
    "南投縣",
    "屏東縣",
    "宜蘭縣",
    "花蓮縣",
    "台東縣",
    "臺東縣",
    "雲林縣",
    "嘉義縣",
    "新竹縣",
    "嘉義",
    "新竹",
    "基隆",
    "桃園",
    "桃园",
    "新北",
    "台北",
    "臺北",
    "台中",
    "臺中",
    "台南",
    "臺南",
    "高雄",
    "花蓮",
    "金門",
    "馬祖",
    "澎湖",
    "屏東",
    "宜蘭",
    "北京",
    "上海",
    "香港",
    "澳门",
    "澳門",
    "广州",
    "廣州",
    "深圳",
    "武汉",
    "武漢",
    "成都",
    "重庆",
    "重慶",
    "天津",
    "南京",
    "杭州",
    "东京",
    "東京",
    "首尔",
    "首爾",
    "伦敦",
    "倫敦",
    "巴黎",
    "柏林",
    "波恩",
    "纽约",
    "紐約",
    "悉尼",
    "雪梨",
    "多伦多",
    "多倫多",
    "温哥华",
    "溫哥華",
    "曼谷",
    "河内",
    "河內",
    "马尼拉",
    "馬尼拉",
    "雅加达",
    "吉隆坡",
    "仰光",
    "孟买",
    "德里",
    "罗马",
    "羅馬",
    "马德里",
    "馬德里",
    "维也纳",
    "維也納",
];

/// Words that make a bracketed line a credit (`（路透社）`, `杨威廉/邹宗翰 (路透社、法新社)`).
pub(super) const AGENCY_WORDS: &[&str] = &[
    "路透",
    "法新社",
    "美联社",
    "美聯社",
    "德新社",
    "共同社",
    "新华社",
    "新華社",
    "中央社",
    "美通社",
    "彭博",
    "天主教通讯社",
    "天主教通訊社",
    "AFP",
    "AP",
    "dpa",
    "Reuters",
    "ARD",
    "KNA",
    "epd",
];

/// Words inside a bracketed credit that describe the work, not an agency (`（综合报导）`).
const WORK_WORDS: &[&str] = &[
    "综合报导",
    "綜合報導",
    "综合报道",
    "綜合報道",
    "综合",
    "綜合",
    "报道",
    "报导",
    "報導",
    "報道",
    "编译",
    "編譯",
    "摘编",
    "摘編",
    "本文依据",
    "本文依據",
];

/// A credit line is at most this long: longer text is a paragraph.
pub(super) const MAX_LINE_CHARS: usize = 120;

/// A name is at most this long (Latin names with initials run long; CJK names are short).
const MAX_NAME_CHARS: usize = 30;

/// The names before a bracketed credit are at most this long (`张慈/杨威廉(美联社、路透社)`).
const MAX_BRACKET_NAMES_CHARS: usize = 24;

/// An organisation before `记者` (`自由亚洲电台记者X`, `寒冬記者 X`) is at most this long.
const MAX_ORG_CHARS: usize = 8;

/// Punctuation that ends or splits sentences: never inside a name.
const SENTENCE_MARKS: &[char] = &['。', '！', '？', '!', '?', '，', '“', '”', '"', '：', ':'];

/// What a short line is: an author line (its names), or a credit line.
pub(crate) enum LineRead {
    /// `作者：X`, `文/X`, `By X`: the names are the byline, and the line is no credit.
    Author(Vec<String>),
    /// A credit line.
    Credit(Credit),
}

/// Reads `line` as an author line or one credit line, or `None` when any of it is not credit
/// text. The line is collapsed once and read by every grammar in turn.
pub(crate) fn read(line: &str) -> Option<LineRead> {
    let line = short_line(line)?;
    let text = &line.text;
    if let Some(names) = author_names(text) {
        return Some(LineRead::Author(names));
    }
    // The grammars that need a character the line lacks are not asked.
    line.contribution
        .then(|| contributor(text))
        .flatten()
        .or_else(|| labelled(text))
        .or_else(|| bracketed(text))
        .or_else(|| line.work_title.then(|| first_run(text)).flatten())
        .map(LineRead::Credit)
}

/// Reads `line` as one credit line, or `None` when any of it is not credit text (an author
/// line is no credit line).
pub(crate) fn parse(line: &str) -> Option<Credit> {
    match read(line)? {
        LineRead::Credit(c) => Some(c),
        LineRead::Author(_) => None,
    }
}

/// A line short enough to be a credit line, with what its characters allow.
struct ShortLine<'a> {
    /// The line with its whitespace collapsed.
    text: Cow<'a, str>,
    /// It holds the `献`/`补` of a contributor line.
    contribution: bool,
    /// It holds the `《` of a first-run line.
    work_title: bool,
}

/// `line` with its whitespace collapsed, when it is short enough to be a credit line. Most
/// lines the scans look at are paragraphs: they are turned away by their length before any
/// other work.
fn short_line(line: &str) -> Option<ShortLine<'_>> {
    // One pass: what stays after collapsing is counted (collapsing only shortens a line), a
    // character every credit grammar needs is looked for, and whether the line is collapsed
    // already (block text is) is noted.
    let mut visible = 0;
    // Signals in their place (`signals_here`), and signals anywhere: a line that is collapsed
    // may gain the neighbours or separators a grammar reads, so it is judged by the latter.
    let (mut signal, mut any_signal) = (false, false);
    let (mut contribution, mut any_contribution, mut work_title) = (false, false, false);
    let mut collapse = false;
    let mut after_space = true;
    let bytes = line.as_bytes();
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        if is_plain_ideograph_lead(lead) {
            // Visible, no whitespace and no signal: counted without decoding.
            at += 3;
            visible += 1;
            if visible > MAX_LINE_CHARS {
                return None;
            }
            after_space = false;
            continue;
        }
        let Some(c) = line.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let start = at;
        at += c.len_utf8();
        if is_whitespace(c) {
            // Leading, repeated or other than an ASCII space: collapsing changes the line.
            collapse |= after_space || c != ' ';
            after_space = true;
        } else {
            visible += 1;
            if visible > MAX_LINE_CHARS {
                return None;
            }
            after_space = false;
        }
        if is_credit_signal(c) {
            let here = signals_here(line, start, c);
            let contributes = matches!(c, '献' | '獻' | '补' | '補');
            any_signal = true;
            signal |= here;
            any_contribution |= contributes;
            contribution |= here && contributes;
            work_title |= c == '《';
        }
    }
    // A closing space is collapsed too.
    collapse |= after_space;
    if collapse {
        (signal, contribution) = (any_signal, any_contribution);
    }
    if visible == 0 || !(signal || opens_glued_label(line)) {
        return None;
    }
    // Collapsing whitespace (and dropping invisible characters) keeps every one of those.
    let text = if collapse {
        Cow::Owned(normalize_space(line))
    } else {
        Cow::Borrowed(line)
    };
    Some(ShortLine {
        text,
        contribution,
        work_title,
    })
}

/// Whether the signal `c` at byte `at` of `line` is one in its place: `者` only in `记者`
/// (the organisation's reporter), `献` only in `贡献` and `补` only in `补充` (a contributor
/// line); the rest anywhere. Read on a line as the grammars read it, that is, one that needs no
/// collapsing ([`short_line`] judges a line it collapses by its signals anywhere).
fn signals_here(line: &str, at: usize, c: char) -> bool {
    let before = || line.get(..at).and_then(|s| s.chars().next_back());
    match c {
        '者' => before().is_some_and(|p| matches!(p, '记' | '記')),
        '献' | '獻' => before().is_some_and(|p| matches!(p, '贡' | '貢')),
        '补' | '補' => line
            .get(at + c.len_utf8()..)
            .is_some_and(|rest| rest.starts_with('充')),
        _ => true,
    }
}

/// Whether `lead` opens a three-byte character in U+4000-U+6FFF or U+9000-U+DFFF: CJK
/// ideographs, Yi and Hangul, none of them whitespace or a credit signal (a unit test checks
/// every one). Most of a Chinese line's characters are among them.
fn is_plain_ideograph_lead(lead: u8) -> bool {
    matches!(lead, 0xE4..=0xE6 | 0xE9..=0xED)
}

/// Whether `line` opens with a label that may run straight into the name (`本文编辑X`).
fn opens_glued_label(line: &str) -> bool {
    let line = line.trim_start();
    // Glued labels are labels: the first-character filter turns most lines away.
    line.chars().next().is_some_and(may_open_label) && GLUED_LABELS.iter().any(|l| line.starts_with(l))
}

/// Whether `line` is an author line (`作者：X`, `文/X`, `By X`): its names are the byline, and
/// it is no credit.
#[cfg(test)]
fn author_line(line: &str) -> Option<Vec<String>> {
    author_names(&short_line(line)?.text)
}

/// `author_line` on a collapsed line.
fn author_names(text: &str) -> Option<Vec<String>> {
    if let Some(rest) = text.strip_prefix("By ").or_else(|| text.strip_prefix("BY ")) {
        return english_names(rest);
    }
    // Only a line opening with a writer's label can be an author line.
    if label_at(unbracket(text).unwrap_or(text)).is_none_or(|(_, role)| role != CreditRole::Writer) {
        return None;
    }
    let c = labelled(text)?;
    (c.role == CreditRole::Writer && c.also.is_empty() && c.agencies.is_empty() && !c.names.is_empty())
        .then_some(c.names)
}

/// Whether `text` may be an author line, by its first characters alone (`作者`, `文`, `撰`,
/// `By `): most paragraphs are turned away without reading them.
pub(super) fn may_be_author_line(text: &str) -> bool {
    text.len() <= MAX_LINE_CHARS * 4
        && (text.starts_with("By ") || text.starts_with("BY ") || text.starts_with(WRITER_LABEL_STARTS))
}

/// The first characters of the writer labels in [`LABELS`] (a unit test keeps the two in step).
const WRITER_LABEL_STARTS: [char; 3] = ['作', '文', '撰'];

/// A byline the markup marks (`itemprop="byline"`): the names in it, without the `by` and the
/// role after them (`by Natasha Loder, health policy editor` → `Natasha Loder`,
/// `by James Astill Washington bureau chief` → `James Astill`, `斯影`).
pub(crate) fn marked_byline(text: &str) -> Vec<String> {
    let t = normalize_space(text);
    let t = ["by ", "By ", "BY "]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(&t);
    let head = t
        .split([':', '：', ',', '，', '|', '/', '／'])
        .next()
        .unwrap_or("")
        .trim_ws();
    if head.chars().any(is_cjk) {
        return Some(bare_name(head))
            .filter(|n| valid_name(n).is_some())
            .map(str::to_owned)
            .into_iter()
            .collect();
    }
    let words: Vec<&str> = head.split(' ').filter(|w| !w.is_empty()).collect();
    let run = words
        .iter()
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    // A capitalised word just before a lowercase role belongs to the role (`Washington bureau chief`).
    let keep = if run >= 3 && run < words.len() {
        run - 1
    } else {
        run
    };
    let name = words.get(..keep).map(|w| w.join(" ")).unwrap_or_default();
    valid_name(&name).into_iter().collect()
}

/// A standfirst that opens with its writer's name and a colon (`叶胜舟：中美已陷入…`,
/// `杨绪源、王翌楷：…`, `Luning Wang：…`): those names.
pub(crate) fn standfirst_author(text: &str) -> Option<Vec<String>> {
    let (head, _) = text.trim_start().split_once(['：', ':'])?;
    if head.chars().nth(STANDFIRST_AUTHOR_MAX_CHARS).is_some() {
        return None;
    }
    let names = if head.chars().any(is_cjk) {
        let parts = split_names(head, &['、', '，', ',']);
        let short = parts
            .iter()
            .all(|p| p.chars().filter(|c| is_cjk(*c)).count() <= STANDFIRST_CJK_NAME_MAX_CHARS);
        if !short {
            return None;
        }
        parts.into_iter().map(str::to_owned).collect()
    } else {
        english_names(head)?
    };
    let names: Vec<String> = names.iter().filter_map(|n| valid_name(n)).collect();
    (!names.is_empty()).then_some(names)
}

/// The names opening a standfirst are at most this long in all.
const STANDFIRST_AUTHOR_MAX_CHARS: usize = 24;

/// A CJK name opening a standfirst has at most this many characters (`欧阳晓晴`, `马库斯•布劳恩`).
const STANDFIRST_CJK_NAME_MAX_CHARS: usize = 6;

/// `By Jeffrey Gettleman and Hari Kumar`: capitalised words only.
fn english_names(rest: &str) -> Option<Vec<String>> {
    if rest.chars().count() > 60 {
        return None;
    }
    let names: Vec<String> = rest
        .split(" and ")
        .flat_map(|p| p.split(','))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect();
    let ok = !names.is_empty()
        && names.iter().all(|n| {
            n.split(' ').all(|w| {
                w.chars().next().is_some_and(|c| c.is_uppercase())
                    && w.chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
            })
        });
    ok.then_some(names)
}

/// Words stating where a piece first ran (`…同步首发`, `原载《X》`).
const FIRST_RUN_WORDS: &[&str] = &["首发", "首發", "原载", "原載", "首刊", "原刊", "首播", "原文刊"];

/// `2018年12月5日《FT中文网》与《中评周刊》同步首发`, `原载《读书》2020年第5期`: where the piece
/// first ran, a source credit naming the publications in `《》`.
fn first_run(text: &str) -> Option<Credit> {
    if !text.contains('《') || !FIRST_RUN_WORDS.iter().any(|w| contains_str(text, w)) {
        return None;
    }
    let body = text.trim_end_matches(['。', '.']);
    if body.contains(['。', '！', '？', '，', '!', '?']) {
        return None;
    }
    let mut agencies = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('《') {
        let inner = rest.get(open + '《'.len_utf8()..)?;
        let close = inner.find('》')?;
        let name = inner.get(..close)?.trim_ws();
        if !name.is_empty() && !agencies.iter().any(|a: &String| a == name) {
            agencies.push(name.to_owned());
        }
        rest = inner.get(close + '》'.len_utf8()..)?;
    }
    (!agencies.is_empty()).then(|| Credit {
        role: CreditRole::Source,
        names: Vec::new(),
        agencies,
        also: Vec::new(),
        text: text.to_owned(),
    })
}

/// `X、Y对本文有报道贡献。Z对本文有研究贡献。` and `X华盛顿补充报道`.
fn contributor(text: &str) -> Option<Credit> {
    if !text.contains(['献', '獻', '补', '補'])
        || !["贡献", "貢獻", "补充报道", "補充報導"]
            .iter()
            .any(|w| contains_str(text, w))
    {
        return None;
    }
    let mut names = Vec::new();
    let sentences: Vec<&str> = text
        .split('。')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if sentences.is_empty() {
        return None;
    }
    for s in &sentences {
        let who = if let Some(at) = find_str(s, "对本文有").or_else(|| find_str(s, "對本文有")) {
            let tail = s.get(at..)?;
            if !(tail.ends_with("贡献") || tail.ends_with("貢獻")) || tail.chars().count() > 10 {
                return None;
            }
            s.get(..at)?
        } else {
            let who = ["补充报道", "補充報導"].iter().find_map(|w| s.strip_suffix(w))?;
            strip_place(who.trim_end())
        };
        for part in names_in(who, &['、', '，', ',', '和', '及', '与', '與']) {
            // `Hari Kumar自新德里`: where the contributor reported from is no part of the name.
            let name = match part.find('自') {
                Some(at) if at > 0 => part.get(..at).unwrap_or(part),
                _ => part,
            };
            names.push(valid_name(name)?);
        }
    }
    (!names.is_empty()).then(|| Credit {
        role: CreditRole::Contributor,
        names,
        agencies: Vec::new(),
        also: Vec::new(),
        text: text.to_owned(),
    })
}

/// The label at the start of `s`, if any, and its role.
fn label_at(s: &str) -> Option<(&'static str, CreditRole)> {
    s.chars().next().filter(|&c| may_open_label(c))?;
    // The first character is compared before the rest, as a number: most labels differ there.
    let head = head_of(s.as_bytes());
    LABEL_HEADS
        .iter()
        .zip(LABELS)
        .find(|&(&h, (l, _))| h == head && s.as_bytes().starts_with(l.as_bytes()))
        .map(|(_, &label)| label)
}

/// The first three bytes of each label in [`LABELS`] (every label opens with a three-byte
/// character), as [`head_of`] reads them.
const LABEL_HEADS: [u32; LABELS.len()] = label_heads();

// Evaluated at compile time only, where an index out of bounds fails the build.
#[allow(clippy::indexing_slicing)]
const fn label_heads() -> [u32; LABELS.len()] {
    let mut out = [0; LABELS.len()];
    let mut i = 0;
    while i < LABELS.len() {
        out[i] = head_of(LABELS[i].0.as_bytes());
        i += 1;
    }
    out
}

/// Up to the first three bytes of `b` as one number (fewer when `b` is shorter; zero bytes
/// stand for the missing ones, and no label holds a zero byte).
const fn head_of(b: &[u8]) -> u32 {
    match b {
        [a, b, c, ..] => *a as u32 | (*b as u32) << 8 | (*c as u32) << 16,
        [a, b] => *a as u32 | (*b as u32) << 8,
        [a] => *a as u32,
        [] => 0,
    }
}

/// Whether `c` is a character some credit grammar needs: a separator after a label (`：`, `|`,
/// `/`, a space), a bracket, the `者` of `记者` after an organisation, the `献`/`补` of a
/// contributor line. A line without one (and not opening with a label run into its name) is
/// no credit line, and is turned away before it is read.
fn is_credit_signal(c: char) -> bool {
    matches!(
        c,
        '：' | ':'
            | '|'
            | '｜'
            | '/'
            | '／'
            | ' '
            | '\u{a0}'
            | '（'
            | '('
            | '者'
            | '献'
            | '獻'
            | '补'
            | '補'
            | '；'
            | ';'
            | '《'
    )
}

/// Whether a label may start with `c`: the first characters of [`LABELS`] (a unit test keeps the
/// two in step). Most characters start no label, and this turns them away without comparing.
fn may_open_label(c: char) -> bool {
    matches!(
        c,
        '本' | '采'
            | '採'
            | '记'
            | '記'
            | '作'
            | '撰'
            | '文'
            | '责'
            | '責'
            | '网'
            | '網'
            | '主'
            | '编'
            | '編'
            | '发'
            | '發'
            | '整'
            | '实'
            | '實'
            | '翻'
            | '译'
            | '譯'
            | '核'
            | '审'
            | '審'
            | '微'
            | '转'
            | '轉'
            | '来'
            | '來'
            | '链'
            | '鏈'
    )
}

/// One or more `LABEL：NAMES` segments, optionally in brackets, the first optionally after an
/// organisation (`自由亚洲电台记者X台北报道`).
fn labelled(text: &str) -> Option<Credit> {
    let inner = unbracket(text).unwrap_or(text);
    // Without a label at the start, the line must open with an organisation before `记者`
    // (`自由亚洲电台记者X`, `寒冬記者 X`): most lines read here are turned away by that before
    // the label scan.
    let after_org = label_at(inner).is_none();
    let org = if after_org {
        Some(reporter_org(inner)?)
    } else {
        None
    };
    let mut agencies = Vec::new();
    // Segments are read in turn, each up to the next label start, which is looked for only
    // when the segment before it has been read: a line that fails early is not scanned further.
    let mut next = match org {
        Some((org, at)) => {
            agencies.push(org.to_owned());
            Some((at, "记者", CreditRole::Reporter))
        }
        None => label_start_from(inner, 0),
    };
    let mut parts: Vec<CreditPart> = Vec::new();
    let mut first = true;
    while let Some((at, label, role)) = next {
        next = label_start_from(inner, at + label.len());
        let end = next.map_or(inner.len(), |n| n.0);
        let glued_ok = GLUED_LABELS.contains(&label) || (after_org && first);
        first = false;
        let (sep, value) = segment_value(inner.get(at + label.len()..end)?, label, glued_ok)?;
        if role == CreditRole::Source {
            if value.is_empty() {
                return None;
            }
            agencies.push(value.trim_ws().to_owned());
            parts.push(CreditPart {
                role,
                names: Vec::new(),
            });
            continue;
        }
        // `编译/审校 X/Y`: a label right before the next one shares its names.
        if value.is_empty() && next.is_some() {
            parts.push(CreditPart {
                role,
                names: Vec::new(),
            });
            continue;
        }
        let names = segment_names(value, sep.is_empty())?;
        for joint in parts
            .iter_mut()
            .rev()
            .take_while(|p| p.names.is_empty() && p.role != CreditRole::Source)
        {
            joint.names.clone_from(&names);
        }
        parts.push(CreditPart { role, names });
    }
    let mut parts = parts.into_iter();
    let first = parts.next()?;
    Some(Credit {
        role: first.role,
        names: first.names,
        agencies,
        also: parts.collect(),
        text: text.to_owned(),
    })
}

/// The first label at or after byte `from` of `inner` that starts the line or follows a segment
/// separator: its start, the label and its role.
fn label_start_from(inner: &str, from: usize) -> Option<(usize, &'static str, CreditRole)> {
    let rest = inner.get(from..)?;
    let mut prev: Option<char> = inner.get(..from).and_then(|b| b.chars().next_back());
    for (i, c) in rest.char_indices() {
        if may_open_label(c) && prev.is_none_or(|p| SEGMENT_SEPARATORS.contains(&p)) {
            if let Some((label, role)) = rest.get(i..).and_then(label_at) {
                return Some((from + i, label, role));
            }
        }
        prev = Some(c);
    }
    None
}

/// The organisation before the first `记者` and where `记者` starts, when it is a short CJK name.
fn reporter_org(inner: &str) -> Option<(&str, usize)> {
    // One byte search turns away the lines without `者`, the most of them.
    if !inner.contains('者') {
        return None;
    }
    let (org, at) = before_reporter_word(inner)?;
    let n = org.chars().count();
    let ok = n > 0 && n <= MAX_ORG_CHARS && org.chars().all(is_cjk) && !org.contains(SENTENCE_MARKS);
    ok.then_some((org, at))
}

/// A segment's separator after the label and its value, or `None` when the label needs a
/// separator it lacks.
fn segment_value<'a>(after: &'a str, label: &str, glued_ok: bool) -> Option<(&'a str, &'a str)> {
    let sep_len: usize = after
        .chars()
        .take_while(|c| LABEL_SEPARATORS.contains(c))
        .map(char::len_utf8)
        .sum();
    let sep = after.get(..sep_len)?;
    let strict = STRICT_LABELS.contains(&label);
    if (sep.is_empty() && !glued_ok) || (strict && sep.trim_ws().is_empty()) {
        return None;
    }
    let value = after
        .get(sep_len..)?
        .trim_end_matches(|c: char| SEGMENT_SEPARATORS.contains(&c) || c == '。');
    Some((sep, value))
}

/// The names a segment credits; a name run into its label must be a short CJK name.
fn segment_names(value: &str, glued: bool) -> Option<Vec<String>> {
    let value = strip_report_suffix(strip_reporter_org(value));
    // A sentence mark that separates no names stays inside one of them, and no name holds one:
    // a segment that runs on into a sentence is turned away before it is split.
    if value.contains(|c: char| SENTENCE_MARKS.contains(&c) && !NAME_SEPARATORS.contains(&c)) {
        return None;
    }
    let names = names_in(value, NAME_SEPARATORS)
        .map(|n| {
            // A name run into its label must be a short CJK name.
            if glued && !(n.chars().count() <= MAX_GLUED_NAME_CHARS && n.chars().all(is_cjk)) {
                return None;
            }
            valid_name(n)
        })
        .collect::<Option<Vec<String>>>()?;
    (!names.is_empty()).then_some(names)
}

/// A value without the organisation and `记者` before the names (`文 | 中青报·中青网记者 陈轶男`
/// → `陈轶男`).
fn strip_reporter_org(value: &str) -> &str {
    match before_reporter_word(value) {
        Some((org, at)) if !org.is_empty() && org.chars().count() <= MAX_ORG_CHARS => value
            .get(at + "记者".len()..)
            .map(str::trim_start)
            .filter(|rest| !rest.is_empty())
            .unwrap_or(value),
        _ => value,
    }
}

/// What stands before the first `记者`/`記者` in `s` (trimmed), and where that word starts.
fn before_reporter_word(s: &str) -> Option<(&str, usize)> {
    // Found by its `者` (a byte search), then the character before it (`记`, `記`: three bytes).
    let at = s.match_indices('者').find_map(|(i, _)| {
        let before = s.get(..i)?;
        before.ends_with(['记', '記']).then(|| i - '记'.len_utf8())
    })?;
    Some((s.get(..at)?.trim_ws(), at))
}

/// `（路透社）`, `张慈/杨威廉(美联社、路透社)`, `Phoebe Kong/杨威廉（综合报导）`.
fn bracketed(text: &str) -> Option<Credit> {
    let (open, close) = if text.ends_with('）') {
        ('（', '）')
    } else if text.ends_with(')') {
        ('(', ')')
    } else {
        return None;
    };
    let start = text.rfind(open)?;
    let inner = text
        .get(start + open.len_utf8()..text.len() - close.len_utf8())?
        .trim_ws();
    let is_agency = |s: &str| agency_words(s) != 0;
    let is_work = |s: &str| WORK_WORDS.iter().any(|w| contains_str(s, w));
    if inner.is_empty() {
        return None;
    }
    let prefix = text.get(..start)?.trim_ws();
    if prefix.is_empty() && !(is_agency(inner) || is_work(inner)) {
        return None;
    }
    let agencies = agencies_in(inner);
    if prefix.is_empty() {
        return Some(Credit {
            role: CreditRole::Wire,
            names: Vec::new(),
            agencies,
            also: Vec::new(),
            text: text.to_owned(),
        });
    }
    if prefix.chars().count() > MAX_BRACKET_NAMES_CHARS || prefix.contains(SENTENCE_MARKS) {
        return None;
    }
    // Names may credit an agency the word lists do not know (`X/Y (保护记者委员会)`) only
    // where the slash between two names makes the shape plain.
    let known = is_agency(inner) || is_work(inner);
    if !known
        && (!prefix.contains(['/', '／'])
            || inner.chars().count() > MAX_AGENCY_CHARS
            || inner.contains(SENTENCE_MARKS))
    {
        return None;
    }
    let names = names_in(prefix, NAME_SEPARATORS)
        .map(valid_name)
        .collect::<Option<Vec<String>>>()?;
    Some(Credit {
        role: CreditRole::Writer,
        names,
        agencies,
        also: Vec::new(),
        text: text.to_owned(),
    })
}

/// The agencies a bracketed credit names: each listed item (`美联社、路透社`, any name), or
/// within a sentence about the work (`本文依据了美联社的报道。`) the known agencies it names.
fn agencies_in(inner: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in inner
        .split(['、', '，', ',', '/', '／', ';', '；'])
        .map(str::trim)
    {
        if part.is_empty() || WORK_WORDS.contains(&part) {
            continue;
        }
        let sentence =
            part.chars().count() > MAX_AGENCY_CHARS || WORK_WORDS.iter().any(|w| contains_str(part, w));
        if !sentence {
            out.push(part.to_owned());
            continue;
        }
        // Where a word stands is looked for only in the sentences that name it.
        let found = agency_words(part);
        let mut named: Vec<(usize, &str)> = AGENCY_WORDS
            .iter()
            .enumerate()
            .filter(|&(k, _)| found & (1 << k) != 0)
            .filter_map(|(_, w)| find_str(part, w).map(|at| (at, *w)))
            .collect();
        named.sort_unstable();
        out.extend(named.into_iter().map(|(_, w)| w.to_owned()));
    }
    out
}

/// Which of [`AGENCY_WORDS`] `s` names as [`contains_word`] finds them, as bits (bit `k` for
/// word `k`), in one pass: at each byte only the words opening with that byte are compared.
fn agency_words(s: &str) -> u32 {
    let bytes = s.as_bytes();
    let mut found = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let mut candidates = AGENCY_FIRST_BYTES.get(usize::from(b)).copied().unwrap_or(0) & !found;
        while candidates != 0 {
            let k = candidates.trailing_zeros();
            candidates &= candidates - 1;
            let (Some(w), Some(&head)) = (AGENCY_WORDS.get(k as usize), AGENCY_HEADS.get(k as usize)) else {
                continue;
            };
            // The first three bytes as a number first: most candidates differ there.
            let here = bytes.get(i..).is_some_and(|rest| {
                rest.get(..w.len().min(3)).is_some_and(|h| head_of(h) == head)
                    && rest.starts_with(w.as_bytes())
            });
            // An ASCII word (`AP`, `AFP`) must stand as a whole word; it is checked everywhere
            // the plain containment finds it.
            if here && (!w.is_ascii() || contains_word(s, w)) {
                found |= 1 << k;
            }
        }
    }
    found
}

/// The first three bytes of each of [`AGENCY_WORDS`] (fewer for a shorter word), as
/// [`head_of`] reads them.
const AGENCY_HEADS: [u32; AGENCY_WORDS.len()] = three_byte_keys(AGENCY_WORDS, false);

/// For each byte, the [`AGENCY_WORDS`] that open with it, as bits.
const AGENCY_FIRST_BYTES: [u32; 256] = agency_first_bytes();

// Evaluated at compile time only, where an index out of bounds fails the build.
#[allow(clippy::indexing_slicing)]
const fn agency_first_bytes() -> [u32; 256] {
    let mut out = [0; 256];
    let mut k = 0;
    while k < AGENCY_WORDS.len() {
        out[AGENCY_WORDS[k].as_bytes()[0] as usize] |= 1 << k;
        k += 1;
    }
    out
}

/// An agency listed in a bracketed credit is at most this long; longer is a sentence.
const MAX_AGENCY_CHARS: usize = 12;

/// The inside of a line wholly in brackets.
fn unbracket(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('（').or_else(|| text.strip_prefix('('))?;
    let inner = inner.strip_suffix('）').or_else(|| inner.strip_suffix(')'))?;
    (!inner.contains(['（', '(', '）', ')'])).then_some(inner.trim_ws())
}

/// Whether `s` contains `w`; an ASCII `w` (`AP`, `AFP`) must stand as a whole word, so that
/// `(APEC)` or `(STANDARD)` are no credits.
pub(super) fn contains_word(s: &str, w: &str) -> bool {
    // A plain containment test first (the cheap one): most texts hold no word at all.
    if !contains_str(s, w) {
        return false;
    }
    if !w.is_ascii() {
        return true;
    }
    s.match_indices(w).any(|(i, _)| {
        let before = s.get(..i).and_then(|b| b.chars().next_back());
        let after = s.get(i + w.len()..).and_then(|a| a.chars().next());
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// A name as a byline gives it: without a role label before it (`采访记者： X`) or a note on the
/// work after it (`达扬（摘编）`); a bracketed Latin name stays (`露絲·英格拉姆（Ruth Ingram）`).
pub(crate) fn bare_name(s: &str) -> &str {
    let mut name = s.trim_ws();
    if let Some((label, _)) = label_at(name) {
        let rest = name.get(label.len()..).unwrap_or("");
        let after = rest.trim_start_matches(|c: char| LABEL_SEPARATORS.contains(&c));
        if after.len() < rest.len() && !after.is_empty() {
            name = after.trim_ws();
        }
    }
    for (open, close) in [('（', '）'), ('(', ')')] {
        let Some(inner_end) = name.strip_suffix(close) else {
            continue;
        };
        let Some(at) = inner_end.rfind(open) else { continue };
        let note = inner_end.get(at + open.len_utf8()..).unwrap_or("");
        if at > 0 && note.chars().all(is_cjk) && WORK_WORDS.iter().any(|w| contains_str(note, w)) {
            name = name.get(..at).unwrap_or(name).trim_end();
        }
    }
    name
}

/// `X台北报道` → `X`: the report word and the place before it go.
pub(super) fn strip_report_suffix(value: &str) -> &str {
    let v = value.trim_ws();
    let tail = tail_of(v.as_bytes());
    let Some(rest) = REPORT_SUFFIXES
        .iter()
        .zip(REPORT_SUFFIX_TAILS)
        .filter(|&(_, t)| t == tail)
        .find_map(|(s, _)| v.strip_suffix(s))
    else {
        return v;
    };
    strip_place(rest.trim_end())
}

/// The last three bytes of each of [`PLACES`] and [`REPORT_SUFFIXES`] (each ends with a
/// three-byte character), as [`tail_of`] reads them.
const PLACE_TAILS: [u32; PLACES.len()] = three_byte_keys(PLACES, true);
const REPORT_SUFFIX_TAILS: [u32; REPORT_SUFFIXES.len()] = three_byte_keys(REPORT_SUFFIXES, true);

/// Each word's first three bytes ([`head_of`]) or last three ([`tail_of`]) as a number.
// Evaluated at compile time only, where an index out of bounds fails the build.
#[allow(clippy::indexing_slicing)]
const fn three_byte_keys<const N: usize>(words: &[&str], from_end: bool) -> [u32; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        let b = words[i].as_bytes();
        out[i] = if from_end { tail_of(b) } else { head_of(b) };
        i += 1;
    }
    out
}

/// Up to the last three bytes of `b` as one number (fewer when `b` is shorter).
const fn tail_of(b: &[u8]) -> u32 {
    match b {
        [.., a, b, c] => (*a as u32) << 16 | (*b as u32) << 8 | *c as u32,
        [b, c] => (*b as u32) << 8 | *c as u32,
        [c] => *c as u32,
        [] => 0,
    }
}

/// `吳欣紜台北` → `吳欣紜`, `黄春梅 台北` → `黄春梅`; a name without a known place stays.
pub(super) fn strip_place(s: &str) -> &str {
    // The last three bytes first, as a number: a place ends the text only where they agree.
    let tail = tail_of(s.as_bytes());
    PLACES
        .iter()
        .zip(PLACE_TAILS)
        .filter(|&(_, t)| t == tail)
        .find_map(|(p, _)| s.strip_suffix(p))
        .filter(|rest| !rest.trim_ws().is_empty())
        .map_or(s, str::trim_end)
}

/// Splits names on `seps`, and on a space between two CJK characters (`胡力汉 嘉远`); a space
/// inside a Latin name stays (`Cindy Hao`).
pub(super) fn split_names<'a>(s: &'a str, seps: &'a [char]) -> Vec<&'a str> {
    names_in(s, seps).collect()
}

/// [`split_names`] one name at a time, so that a reader that turns a name away reads no further.
fn names_in<'a>(s: &'a str, seps: &'a [char]) -> impl Iterator<Item = &'a str> + 'a {
    s.split(move |c: char| seps.contains(&c))
        .flat_map(split_cjk_spaces)
        .map(str::trim)
        .filter(|n| !n.is_empty())
}

/// `part` split at each space between two CJK characters.
fn split_cjk_spaces(part: &str) -> impl Iterator<Item = &str> {
    // A part without a space is one name (most are): it is not read character by character.
    let mut rest = Some(part);
    let spaced = part.as_bytes().contains(&b' ');
    std::iter::from_fn(move || {
        let p = rest?;
        if !spaced {
            rest = None;
            return Some(p);
        }
        let mut prev: Option<char> = None;
        for (i, c) in p.char_indices() {
            if c == ' '
                && prev.is_some_and(is_cjk)
                && p.get(i + 1..).and_then(|r| r.chars().next()).is_some_and(is_cjk)
            {
                rest = p.get(i + 1..);
                return p.get(..i);
            }
            prev = Some(c);
        }
        rest = None;
        Some(p)
    })
}

/// A name as credited: short, no sentence punctuation, no digits.
fn valid_name(name: &str) -> Option<String> {
    let name = name.trim_ws();
    // One pass over the characters, leaving at the first that rules the name out.
    let mut n = 0;
    for c in name.chars() {
        n += 1;
        if n > MAX_NAME_CHARS || c.is_ascii_digit() || SENTENCE_MARKS.contains(&c) {
            return None;
        }
    }
    (n > 0).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(c: &Credit) -> Vec<(CreditRole, Vec<String>)> {
        c.roles().map(|(r, n)| (r, n.to_vec())).collect()
    }

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn every_writer_label_opens_with_a_writer_start() {
        for (label, role) in LABELS {
            if *role == CreditRole::Writer {
                assert!(label.starts_with(WRITER_LABEL_STARTS), "{label}");
                assert!(may_be_author_line(&format!("{label}：某人")), "{label}");
            }
        }
    }

    #[test]
    fn every_label_passes_the_first_character_filter() {
        for (label, _) in LABELS {
            assert!(label.chars().next().is_some_and(may_open_label), "{label}");
            // The heads compare the first character whole.
            assert_eq!(label.chars().next().map(char::len_utf8), Some(3), "{label}");
        }
        for label in GLUED_LABELS {
            assert!(LABELS.iter().any(|(l, _)| l == label), "{label}");
        }
    }

    #[test]
    fn labels_are_found_by_their_heads() {
        // The first label in list order that the line opens with, as a plain search finds it.
        for (label, _) in LABELS {
            for line in [
                format!("{label}：某人"),
                (*label).to_owned(),
                format!("（{label}）"),
            ] {
                let plain = LABELS.iter().copied().find(|(l, _)| line.starts_with(l));
                assert_eq!(label_at(&line), plain, "{line}");
            }
        }
        for line in ["", "记", "记录", "者", "Reuters", "（记者", "编辑部认为"] {
            let plain = LABELS.iter().copied().find(|(l, _)| line.starts_with(l));
            assert_eq!(label_at(line), plain, "{line}");
        }
    }

    #[test]
    fn names_split_at_separators_and_at_spaces_between_cjk_names() {
        let seps = &['、', '/'];
        assert_eq!(split_names("胡力汉 嘉远", seps), ["胡力汉", "嘉远"]);
        assert_eq!(split_names("甲 乙 丙、丁", seps), ["甲", "乙", "丙", "丁"]);
        assert_eq!(split_names("Cindy Hao/胡力汉", seps), ["Cindy Hao", "胡力汉"]);
        assert_eq!(split_names("胡力汉  嘉远", seps), ["胡力汉  嘉远"]);
        assert_eq!(split_names(" 、 / ", seps), Vec::<&str>::new());
        assert_eq!(split_names("胡力汉 Cindy", seps), ["胡力汉 Cindy"]);
    }

    #[test]
    fn a_segment_running_into_a_sentence_is_no_credit() {
        assert!(parse("记者：林晓。他说，这是真的").is_none());
        assert!(parse("记者：林晓！").is_none());
        assert!(parse("中央社記者周子涵台南9日電）台南市中西區一棟老屋，經過兩年整修").is_none());
    }

    #[test]
    fn characters_counted_undecoded_are_neither_whitespace_nor_signals() {
        for c in ('\u{4000}'..='\u{6fff}').chain('\u{9000}'..='\u{d7ff}') {
            let mut lead = [0; 4];
            c.encode_utf8(&mut lead);
            assert!(is_plain_ideograph_lead(lead[0]), "{c}");
            assert!(!is_whitespace(c) && !is_credit_signal(c), "{c}");
        }
        for c in [
            '\u{3000}', '《', '者', '献', '補', '：', '\u{a0}', '\u{2003}', 'a', ' ',
        ] {
            let mut lead = [0; 4];
            c.encode_utf8(&mut lead);
            assert!(!is_plain_ideograph_lead(lead[0]), "{c}");
        }
    }

    #[test]
    fn places_and_report_words_are_found_by_their_tails() {
        for word in PLACES.iter().chain(REPORT_SUFFIXES) {
            assert_eq!(word.chars().next_back().map(char::len_utf8), Some(3), "{word}");
        }
        for place in PLACES {
            for text in [
                format!("吳欣紜{place}"),
                format!("黄春梅 {place}"),
                (*place).to_owned(),
            ] {
                let plain = PLACES
                    .iter()
                    .find_map(|p| text.strip_suffix(p))
                    .filter(|rest| !rest.trim_ws().is_empty())
                    .map_or(text.as_str(), str::trim_end);
                assert_eq!(strip_place(&text), plain, "{text}");
            }
        }
        for suffix in REPORT_SUFFIXES {
            let text = format!("张三台北{suffix}");
            assert_eq!(strip_report_suffix(&text), "张三", "{text}");
        }
        assert_eq!(strip_place("台"), "台");
        assert_eq!(strip_report_suffix("报"), "报");
    }

    #[test]
    fn agency_words_are_found_as_the_word_search_finds_them() {
        assert!(AGENCY_WORDS.len() <= 32);
        for s in [
            "本文依据了美联社的报道。",
            "路透社、法新社",
            "APEC",
            "AP",
            "(AP)",
            "STANDARD",
            "dpa/AFP",
            "AFP通讯社",
            "KNAB KNA",
            "",
            "彭博社与天主教通讯社",
            "epdx epd",
            "Reuters报道",
        ] {
            let plain = AGENCY_WORDS
                .iter()
                .enumerate()
                .filter(|(_, w)| contains_word(s, w))
                .fold(0u32, |m, (k, _)| m | 1 << k);
            assert_eq!(agency_words(s), plain, "{s}");
        }
    }

    #[test]
    fn labelled_lines_of_several_roles() {
        let c = parse("记者：李智智、高锋 责编 胡力汉 网编：瑞哲").unwrap();
        assert_eq!(
            roles(&c),
            vec![
                (CreditRole::Reporter, names(&["李智智", "高锋"])),
                (CreditRole::Editor, names(&["胡力汉"])),
                (CreditRole::Editor, names(&["瑞哲"])),
            ]
        );
        assert_eq!(c.text, "记者：李智智、高锋 责编 胡力汉 网编：瑞哲");
        let c = parse("记者：高锋 责编：胡力汉 嘉远 网编：瑞哲").unwrap();
        assert_eq!(c.also.first().unwrap().names, names(&["胡力汉", "嘉远"]));
        let c = parse("（譯者：蔡佳敏/核稿：嚴思祺）").unwrap();
        assert_eq!(
            roles(&c),
            vec![
                (CreditRole::Translator, names(&["蔡佳敏"])),
                (CreditRole::Reviewer, names(&["嚴思祺"])),
            ]
        );
        let c = parse("编译 张三；审校 李四").unwrap();
        assert_eq!(c.role, CreditRole::Translator);
        let c = parse("编译周立行；审校何思源").unwrap();
        assert_eq!(
            roles(&c),
            vec![
                (CreditRole::Translator, names(&["周立行"])),
                (CreditRole::Reviewer, names(&["何思源"])),
            ]
        );
        assert!(parse("编译器的新版本").is_none());
        let c = parse("编译/审校 李爽/白云/杜明霞").unwrap();
        assert_eq!(
            roles(&c),
            vec![
                (CreditRole::Translator, names(&["李爽", "白云", "杜明霞"])),
                (CreditRole::Reviewer, names(&["李爽", "白云", "杜明霞"])),
            ]
        );
        let c = parse("发稿 许菁；撰写 沈燕;审校 吴云凌").unwrap();
        assert_eq!(c.also.len(), 2);
        assert!(parse("编译/审校").is_none());
        assert_eq!(parse("译者/何黎").unwrap().names, names(&["何黎"]));
        assert_eq!(parse("本文编辑王五").unwrap().names, names(&["王五"]));
        assert_eq!(parse("责任编辑：萧律生").unwrap().role, CreditRole::Editor);
        assert_eq!(
            parse("翻译：Cindy Hao、杜然").unwrap().names,
            names(&["Cindy Hao", "杜然"])
        );
        assert_eq!(
            parse("（編輯：繆宗翰/沈朋達）").unwrap().names,
            names(&["繆宗翰", "沈朋達"])
        );
    }

    #[test]
    fn reporters_after_an_organisation_lose_place_and_report_words() {
        let c = parse("自由亚洲电台记者蔡凌巴黎报道 编辑：何平 网编：瑞哲").unwrap();
        assert_eq!(c.names, names(&["蔡凌"]));
        assert_eq!(c.agencies, names(&["自由亚洲电台"]));
        let c = parse("自由亚洲电台记者黄春梅 台北报道 责编 许书婷 胡力汉 网编 瑞哲").unwrap();
        assert_eq!(c.names, names(&["黄春梅"]));
        assert_eq!(c.also.first().unwrap().names, names(&["许书婷", "胡力汉"]));
        assert_eq!(parse("寒冬記者 林一江").unwrap().names, names(&["林一江"]));
        assert_eq!(
            parse("本台记者王允的专题报道 责编：申铧 网编：瑞哲")
                .unwrap()
                .names,
            names(&["王允"])
        );
        assert_eq!(
            parse("自由亚洲电台记者家傲华盛顿报道。责编：申铧 网编：郭度")
                .unwrap()
                .names,
            names(&["家傲"])
        );
    }

    #[test]
    fn sources_are_agencies() {
        let c = parse("微信来源 | 群学书院（ID：sacademy）").unwrap();
        assert_eq!(c.role, CreditRole::Source);
        assert_eq!(c.agencies, names(&["群学书院（ID：sacademy）"]));
        assert_eq!(parse("本文转自：哲学人").unwrap().agencies, names(&["哲学人"]));
    }

    #[test]
    fn lines_with_other_whitespace_are_read_as_collapsed() {
        // Collapsing turns the separator into a space: the `者`, `献` or `补` in a label or a
        // name must not turn such a line away.
        let author = |s: &str| match read(s) {
            Some(LineRead::Author(names)) => names,
            _ => Vec::new(),
        };
        let role = |s: &str| match read(s) {
            Some(LineRead::Credit(c)) => Some(c.role),
            _ => None,
        };
        assert_eq!(author("作者\u{3000}张三"), names(&["张三"]));
        assert_eq!(author("作者\nX"), names(&["X"]));
        assert_eq!(role("译者\t何黎"), Some(CreditRole::Translator));
        assert_eq!(role("来源\u{3000}消費者報"), Some(CreditRole::Source));
        assert_eq!(role("编辑\u{3000}张献忠"), Some(CreditRole::Editor));
        // Collapsed already, a paragraph holding them elsewhere is no credit line.
        assert!(read("汽車業者團體回應，計算方式尚未明確").is_none());
    }

    #[test]
    fn contributors() {
        let c = parse(
            "Hari Kumar自新德里、Sameer Yasir自克什米尔对本文有报道贡献。Claire Fu自北京对本文有研究贡献。",
        )
        .unwrap();
        assert_eq!(c.role, CreditRole::Contributor);
        assert_eq!(c.names, names(&["Hari Kumar", "Sameer Yasir", "Claire Fu"]));
        let c = parse("詹姆斯•波利提(James Politi)华盛顿补充报道").unwrap();
        assert_eq!(c.names, names(&["詹姆斯•波利提(James Politi)"]));
        assert!(parse("他说这对本文有很大的影响和贡献，但我们不同意").is_none());
    }

    #[test]
    fn bracketed_agency_credits() {
        let c = parse("张慈/杨威廉(美联社、路透社)").unwrap();
        assert_eq!(
            (c.role, c.names.clone()),
            (CreditRole::Writer, names(&["张慈", "杨威廉"]))
        );
        assert_eq!(c.agencies, names(&["美联社", "路透社"]));
        let c = parse("李京慧/李鱼（天主教通讯社）").unwrap();
        assert_eq!(c.agencies, names(&["天主教通讯社"]));
        let c = parse("Phoebe Kong/杨威廉（综合报导）").unwrap();
        assert_eq!(c.names, names(&["Phoebe Kong", "杨威廉"]));
        assert!(c.agencies.is_empty());
        let c = parse("邹宗翰/张慈 (保护记者委员会)").unwrap();
        assert_eq!(c.agencies, names(&["保护记者委员会"]));
        assert!(parse("普京(俄罗斯总统)").is_none());
        let c = parse("（本文依据了美联社的报道。）").unwrap();
        assert_eq!(c.agencies, names(&["美联社"]));
        let c = parse("（路透社）").unwrap();
        assert_eq!((c.role, c.agencies), (CreditRole::Wire, names(&["路透社"])));
        assert!(parse("(APEC)").is_none());
        assert!(parse("他在会上说，这是真的（路透社）").is_none());
    }

    #[test]
    fn article_text_is_no_credit() {
        for t in [
            "记者：你怎么看这件事？",
            "编辑部认为这不对",
            "文中提到的三个人",
            "来源",
            "作者认为，这个问题很复杂。",
            "记者问他为什么这样做，他说不知道。",
        ] {
            assert!(parse(t).is_none(), "{t}");
        }
        let long = "编辑：".to_owned() + &"某".repeat(MAX_LINE_CHARS);
        assert!(parse(&long).is_none());
    }

    #[test]
    fn first_runs() {
        let c = parse("2018年12月5日《FT中文网》与《中评周刊》同步首发").unwrap();
        assert_eq!(c.role, CreditRole::Source);
        assert_eq!(c.agencies, names(&["FT中文网", "中评周刊"]));
        assert!(c.names.is_empty());
        assert_eq!(
            parse("原载《读书》2020年第5期").unwrap().agencies,
            names(&["读书"])
        );
        // A sentence that mentions a first run, a line naming no publication: text.
        assert!(parse("这本书原载《读书》，后来出版，引起争议。").is_none());
        assert!(parse("本文首发于微信公众号").is_none());
    }

    #[test]
    fn short_lines_by_what_stays_after_collapsing() {
        let short = |s: &str| short_line(s).map(|l| l.text.into_owned());
        // What the characters allow.
        let allows = |s: &str| short_line(s).map(|l| (l.contribution, l.work_title));
        assert_eq!(allows("X对本文有报道贡献。"), Some((true, false)));
        assert_eq!(allows("X华盛顿補充報導"), Some((true, false)));
        assert_eq!(allows("原载《读书》2020年第5期"), Some((false, true)));
        assert_eq!(allows("记者：林晓"), Some((false, false)));
        // `者`, `献` and `补` are signals only in the words that need them.
        assert_eq!(allows("自由亚洲电台记者蔡凌"), Some((false, false)));
        assert_eq!(allows("汽車業者團體回應，計算方式尚未明確"), None);
        assert_eq!(allows("改革方案把部分补贴与休耕挂钩"), None);
        assert_eq!(allows("他为此奉献了一生"), None);
        assert_eq!(allows("X对本文有贡献"), Some((true, false)));
        // A line that is collapsed is judged by its signals anywhere: collapsing may make the
        // separator a grammar reads (`作者　张三` reads as `作者 张三`).
        assert_eq!(allows("汽車業者\u{3000}團體回應"), Some((false, false)));
        assert_eq!(allows(" 改革方案把部分补贴"), Some((true, false)));
        assert_eq!(short(""), None);
        assert_eq!(short(" \t\n\u{a0}\u{3000}\u{2009}"), None);
        // Collapsed already: borrowed as it is.
        assert!(matches!(
            short_line("记者：林晓 责编：凯迪").map(|l| l.text),
            Some(Cow::Borrowed(_))
        ));
        for s in [
            " 记者：林晓",
            "记者：林晓 ",
            "记者：林晓\u{3000}责编",
            "记者：林晓  责编",
            "记者\n：林晓",
        ] {
            assert!(
                matches!(short_line(s).map(|l| l.text), Some(Cow::Owned(_))),
                "{s:?}"
            );
        }
        assert_eq!(
            short("记者：林晓\u{3000}责编：凯迪").as_deref(),
            Some("记者：林晓 责编：凯迪")
        );
        // A character every grammar needs, or a label run into its name.
        assert_eq!(short("林晓报道"), None);
        assert_eq!(short("编译周立行").as_deref(), Some("编译周立行"));
        // At most MAX_LINE_CHARS characters besides whitespace, however much whitespace.
        let at_limit = format!("记者：{}", "字 ".repeat(MAX_LINE_CHARS - 3));
        assert!(short(&at_limit).is_some());
        assert_eq!(short(&format!("{at_limit}字")), None);
        assert!(short(&format!("{at_limit}\u{2028}\u{85}\u{1680}")).is_some());
    }

    #[test]
    fn standfirst_authors() {
        let a = |t: &str| standfirst_author(t);
        assert_eq!(a("叶胜舟：中美已陷入修昔底德陷阱。"), Some(names(&["叶胜舟"])));
        assert_eq!(
            a("杨绪源、王翌楷：中美对平等就业权的强调"),
            Some(names(&["杨绪源", "王翌楷"]))
        );
        assert_eq!(
            a("Luning Wang：乡村生活是英国文化的精髓。"),
            Some(names(&["Luning Wang"]))
        );
        // A sentence, a long subject, a lowercase phrase before the colon: no author.
        assert_eq!(a("中国外交部发言人表示，美国突然要求：立即关闭"), None);
        assert_eq!(a("英国议会情报与安全委员会：英国政府"), None);
        assert_eq!(a("the report says: more"), None);
        assert_eq!(a("没有冒号的导语。"), None);
        let long = format!("{}：导语", "A".repeat(STANDFIRST_AUTHOR_MAX_CHARS + 1));
        assert_eq!(a(&long), None);
    }

    #[test]
    fn marked_bylines() {
        assert_eq!(
            marked_byline("by Natasha Loder, health policy editor, The Economist"),
            names(&["Natasha Loder"])
        );
        assert_eq!(
            marked_byline("by James Astill Washington bureau chief and Lexington columnist"),
            names(&["James Astill"])
        );
        assert_eq!(marked_byline("by Y.F. | NEW YORK"), names(&["Y.F."]));
        assert_eq!(marked_byline("by Trey Grayson"), names(&["Trey Grayson"]));
        assert_eq!(
            marked_byline("by Tom Standage: editor, The World in 2021"),
            names(&["Tom Standage"])
        );
        assert_eq!(marked_byline("斯影"), names(&["斯影"]));
        assert!(marked_byline("").is_empty());
    }

    #[test]
    fn bare_names() {
        assert_eq!(bare_name("采访记者： William Yang"), "William Yang");
        assert_eq!(bare_name("达扬（摘编）"), "达扬");
        assert_eq!(
            bare_name("露絲·英格拉姆（Ruth Ingram）"),
            "露絲·英格拉姆（Ruth Ingram）"
        );
        assert_eq!(bare_name("文昭"), "文昭");
        assert_eq!(bare_name("记者"), "记者");
    }

    #[test]
    fn author_lines() {
        assert_eq!(author_line("作者 | 陈亚亚"), Some(names(&["陈亚亚"])));
        assert_eq!(author_line("文/张三"), Some(names(&["张三"])));
        assert_eq!(
            author_line("作者：露絲·英格拉姆（Ruth Ingram）"),
            Some(names(&["露絲·英格拉姆（Ruth Ingram）"]))
        );
        assert_eq!(
            author_line("By Jeffrey Gettleman"),
            Some(names(&["Jeffrey Gettleman"]))
        );
        assert_eq!(author_line("编辑 | 赵小鲁"), None);
        assert_eq!(author_line("By the way, this is text"), None);
        assert_eq!(author_line("文 张三"), None);
        assert_eq!(author_line("文｜兔透射"), Some(names(&["兔透射"])));
        assert_eq!(
            author_line("文 | 中青报·中青网记者 陈轶男"),
            Some(names(&["陈轶男"]))
        );
    }
}
