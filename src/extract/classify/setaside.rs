//! What a reader skips: the title repeated as the first block, relative timestamps, runs of
//! links to related articles, a teaser's `...more` link, author bios at the end. Each is set
//! aside as typed boilerplate, never dropped.

use url::Url;

use super::super::inline;
use super::super::walk::{RawBlock, RawKind};
use super::Class;
use super::closing::END_MARKS;
use super::opening::dateline;
use crate::error::{Warning, WarningDetail};
use crate::model::{Boilerplate, BoilerplateKind, Inline, Link};
use crate::outlet::{Rules, host_matches};
use crate::text::{Trim, contains_str, is_space};

/// What the envelope says about the item that the body is checked against.
#[derive(Clone, Copy)]
pub(super) struct Source<'a> {
    /// The source URL: links to it are the item itself.
    pub(super) url: Option<&'a Url>,
    /// The item's title: a first block repeating it is set aside.
    pub(super) title: Option<&'a str>,
}

/// Labels that open a list of related articles, in any outlet: the block holding only the
/// label (a trailing colon allowed) is set aside with the links that follow it, and so is a
/// block that opens with the label and a colon (`更多阅读：TITLE`).
const RELATED_LABELS: &[&str] = &[
    "相关阅读",
    "相關閱讀",
    "延伸阅读",
    "延伸閱讀",
    "延展阅读",
    "延展閱讀",
    "更多阅读",
    "更多閱讀",
    "推荐阅读",
    "推薦閱讀",
    "相关文章",
    "相關文章",
    "相关新闻",
    "相關新聞",
    "相关报道",
    "相關報導",
    "相关链接",
    "相關連結",
    "相关内容",
    "相關內容",
    "相关话题",
    "相關話題",
    "同一主题",
    "同一主題",
    "Related",
    "Related articles",
    "Related stories",
    "Related coverage",
    "Read more",
    "More on this story",
    "See also",
];

/// The first characters of [`RELATED_LABELS`], ASCII letters in lower case (a unit test keeps
/// the two in step).
const RELATED_LABEL_STARTS: &[char] = &['相', '延', '更', '推', '同', 'r', 'm', 's'];

/// The longest label in [`RELATED_LABELS`], with a colon and spaces after it, in bytes.
const RELATED_LABEL_MAX_BYTES: usize = 24;

/// Labels before a relative time (`最近更新： 1 小时前`).
const RELATIVE_TIME_LABELS: &[&str] = &[
    "最近更新",
    "更新时间",
    "更新時間",
    "更新",
    "发布",
    "發布",
    "Last updated",
    "Updated",
    "Published",
];

/// A relative time with its label is never longer than this (`最近更新： 1 小时前` is 26).
const RELATIVE_TIME_MAX_BYTES: usize = 64;

/// Units of a relative time in Chinese and Japanese, before `前`.
const CJK_TIME_UNITS: &[&str] = &[
    "秒钟", "秒鐘", "秒", "分钟", "分鐘", "分", "小时", "小時", "时", "時", "天", "日", "周", "週", "星期",
    "个月", "個月", "月", "年",
];

/// Units of a relative time in English, before `ago`.
const EN_TIME_UNITS: &[&str] = &[
    "second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs",
    "day", "days", "week", "weeks", "month", "months", "year", "years",
];

/// The words of a link that continues a teaser (`...more`, `閱讀全文`).
const TEASER_LINK_WORDS: &[&str] = &[
    "more",
    "read more",
    "continue reading",
    "更多",
    "全文",
    "阅读全文",
    "閱讀全文",
    "详全文",
    "詳全文",
    "查看全文",
];

/// Prefixes that open an author's biography in Chinese-language outlets, in the closing blocks.
const BIO_PREFIXES: &[&str] = &[
    "【作者简介】",
    "【作者簡介】",
    "作者简介",
    "作者簡介",
    "※作者",
    "本文作者",
    "（注：作者为",
    "（注：作者為",
    "(注：作者为",
    "（作者为",
    "（作者為",
    "(作者为",
];

/// How many text blocks from the end may hold an author's biography.
pub(super) const BIO_TAIL_BLOCKS: usize = 3;

/// The least number of consecutive link-only paragraphs to the outlet's own site that make a
/// list of related articles when no label announces it (one such paragraph may be a sentence
/// that happens to be a link).
pub(super) const RELATED_RUN_MIN: usize = 2;

/// Characters that may stand around the links of a related-article entry: punctuation,
/// bullets and separators.
fn is_decoration(c: char) -> bool {
    is_space(c)
        || c.is_ascii_punctuation()
        || matches!(
            c,
            '•' | '·'
                | '▪'
                | '►'
                | '▶'
                | '»'
                | '›'
                | '｜'
                | '—'
                | '–'
                | '：'
                | '，'
                | '。'
                | '、'
                | '【'
                | '】'
                | '（'
                | '）'
                | '《'
                | '》'
                | '→'
                | '■'
                | '□'
                | '●'
                | '◆'
                | '★'
        )
}

/// Sets aside what a reader skips; see the module docs. Returns the raw links (index and text)
/// that stay in the links though their text left the body (a teaser's link to the full story).
pub(super) fn set_aside(
    blocks: &mut [RawBlock],
    classes: &mut [Class],
    links: &[Link],
    rules: &Rules,
    source: Source<'_>,
    boilerplate: &mut Vec<Boilerplate>,
    warnings: &mut Vec<Warning>,
) -> Vec<(usize, String)> {
    title(blocks, classes, source.title);
    for (b, c) in blocks.iter().zip(classes.iter_mut()) {
        if !matches!(c, Class::Keep) || !is_text(b) {
            continue;
        }
        if is_relative_time(&b.text) {
            *c = Class::Boiler(BoilerplateKind::Timestamp);
        } else if is_ornament(&b.text) {
            *c = Class::Boiler(BoilerplateKind::Chrome);
        }
    }
    after_dateline(blocks, classes, rules, boilerplate);
    related(blocks, classes, links, rules, source.url);
    let kept = teaser(blocks, classes, links, boilerplate, warnings);
    bios(blocks, classes, rules, boilerplate);
    kept
}

fn is_text(b: &RawBlock) -> bool {
    !matches!(b.kind, RawKind::Figure(_))
}

/// The title repeated as the first text block, compared without whitespace (a title the mirror
/// cut short, `...`, matches the headline it starts), or a page headline (`<h1>`) opening the
/// item, which may word the title differently.
fn title(blocks: &[RawBlock], classes: &mut [Class], title: Option<&str>) {
    let title = title.unwrap_or("").trim_matches(is_space);
    let (key, cut) = match title.strip_suffix("...").or_else(|| title.strip_suffix('…')) {
        Some(k) => (k, true),
        None => (title, false),
    };
    // Even an item that is only its title (a video page): the title is not its text.
    let Some((first, (block, _))) = blocks
        .iter()
        .zip(classes.iter())
        .enumerate()
        .find(|(_, (b, c))| is_text(b) && matches!(c, Class::Keep))
    else {
        return;
    };
    let same = !key.is_empty()
        && match starts_without_space(&block.text, key) {
            Some(rest) => rest.is_empty() || (cut && key.chars().count() >= 8),
            None => false,
        };
    let headline = block.kind == RawKind::Heading(1);
    if let (true, Some(c)) = (same || headline, classes.get_mut(first)) {
        *c = Class::Boiler(BoilerplateKind::Title);
    }
}

/// Boilerplate after the dateline in the first paragraph (`【大纪元...讯】大纪元每天为读者梳理
/// ...`): set aside, leaving the dateline for the dateline scan.
fn after_dateline(
    blocks: &mut [RawBlock],
    classes: &[Class],
    rules: &Rules,
    boilerplate: &mut Vec<Boilerplate>,
) {
    let Some(block) = blocks
        .iter_mut()
        .zip(classes)
        .find(|(b, c)| is_text(b) && matches!(c, Class::Keep))
        .map(|(b, _)| b)
        .filter(|b| b.kind == RawKind::Paragraph)
    else {
        return;
    };
    let Some((_, at)) = dateline(&block.text, rules) else {
        return;
    };
    let rest = block.text.get(at..).unwrap_or("").trim_matches(is_space);
    let Some((kind, _)) = rules
        .boilerplate
        .iter()
        .find(|(k, m)| *k != BoilerplateKind::Bio && !rest.is_empty() && m.matches(rest))
    else {
        return;
    };
    boilerplate.push(Boilerplate {
        kind: *kind,
        text: rest.to_owned(),
    });
    inline::strip_suffix(&mut block.inlines, block.text.len() - at);
    block.text = inline::plain(&block.inlines);
}

/// Whether a block holds no words, only a separator line (`————`, `____`) or a stray mark
/// (`.`, `**`). An ellipsis or question marks standing alone say something (an omission, a
/// question) and stay, and so do the end marks the closing-line scan takes.
pub(super) fn is_ornament(text: &str) -> bool {
    // Most blocks open with a letter or a digit (no space), and are turned away by it.
    if text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || ('\u{4e00}'..='\u{9fef}').contains(&c))
    {
        return false;
    }
    let t = text.trim_matches(is_space);
    !t.is_empty()
        && !t.chars().any(char::is_alphanumeric)
        && !t.contains(['…', '？', '?', '！', '!'])
        && !END_MARKS.contains(&t)
}

/// When `text` starts with `prefix`, whitespace ignored on both sides, the rest of `text`
/// after it (leading whitespace skipped).
fn starts_without_space<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let mut rest = text;
    for want in prefix.chars().filter(|c| !is_space(*c)) {
        let t = rest.trim_start_matches(is_space);
        let mut chars = t.chars();
        if chars.next() != Some(want) {
            return None;
        }
        rest = chars.as_str();
    }
    Some(rest.trim_start_matches(is_space))
}

/// Whether `text` is only a relative time (`54 分钟前`, `最近更新： 1 小时前`, `3 hours ago`).
pub(super) fn is_relative_time(text: &str) -> bool {
    // Text that is too long and has no space at its ends to trim is turned away unread.
    let clean_ends = !text.starts_with(is_space) && !text.ends_with(is_space);
    if clean_ends && text.len() > RELATIVE_TIME_MAX_BYTES {
        return false;
    }
    let mut t = text.trim_matches(is_space);
    if t.len() > RELATIVE_TIME_MAX_BYTES || !t.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    for label in RELATIVE_TIME_LABELS {
        if let Some(rest) = strip_prefix_ignore_case(t, label) {
            t = rest.trim_start_matches(|c: char| is_space(c) || matches!(c, ':' | '：' | '于' | '於'));
            break;
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let rest = t.get(digits..).unwrap_or("").trim_start_matches(is_space);
    if let Some(before) = rest.strip_suffix('前') {
        let unit = before.trim_end_matches(is_space);
        return CJK_TIME_UNITS.contains(&unit);
    }
    let lower = rest.to_ascii_lowercase();
    lower
        .strip_suffix("ago")
        .map(|u| u.trim_matches(is_space))
        .is_some_and(|u| EN_TIME_UNITS.contains(&u))
}

fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

/// A related-articles label: the block is the label alone, or opens with the label and a colon.
fn related_label(b: &RawBlock) -> bool {
    // Most blocks open with a character no label opens with (and no space), and are turned
    // away by it.
    let opens_label = |c: char| RELATED_LABEL_STARTS.contains(&c.to_ascii_lowercase());
    if !b.text.starts_with(|c: char| is_space(c) || opens_label(c)) {
        return false;
    }
    let t = b.text.trim_matches(is_space);
    if !t.starts_with(opens_label) {
        return false;
    }
    // A label is short, or a colon follows it early.
    let mut head_end = t.len().min(RELATED_LABEL_MAX_BYTES + 3);
    while !t.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = t.get(..head_end).unwrap_or("");
    if t.len() > RELATED_LABEL_MAX_BYTES && !head.contains([':', '：']) {
        return false;
    }
    let bare = t.trim_end_matches(|c: char| is_space(c) || matches!(c, ':' | '：'));
    if RELATED_LABELS.iter().any(|l| l.eq_ignore_ascii_case(bare)) {
        return true;
    }
    // `更多阅读：TITLE`, `延伸阅读：（...）《TITLE》`: a pointer to another article.
    RELATED_LABELS
        .iter()
        .any(|l| strip_prefix_ignore_case(t, l).is_some_and(|rest| rest.starts_with([':', '：'])))
}

/// The raw links of a block whose text, from byte `from` on, is nothing but link text and
/// decoration; `None` when other text stands there.
fn link_only_after(b: &RawBlock, from: usize) -> Option<Vec<usize>> {
    let mut at = 0;
    let mut found = Vec::new();
    for run in &b.inlines {
        let Inline::Text { text, link, .. } = run else {
            at += 1;
            continue;
        };
        let start = at;
        at += text.len();
        let visible = if start >= from {
            text.as_str()
        } else if at > from {
            text.get(from - start..).unwrap_or("")
        } else {
            continue;
        };
        match link {
            Some(l) if !visible.chars().all(is_decoration) => found.push(*l),
            Some(_) => {}
            None if visible.chars().all(is_decoration) => {}
            None => return None,
        }
    }
    Some(found)
}

/// The raw links of a block that is only links (and decoration), at least one.
fn link_only(b: &RawBlock) -> Option<Vec<usize>> {
    link_only_after(b, 0).filter(|l| !l.is_empty())
}

/// Whether `url` is a page of the outlet's own sites (or, for an unknown outlet, of the
/// source's site) other than the item itself.
fn own_site(url: &Url, rules: &Rules, source: Option<&Url>) -> bool {
    let Some(host) = url.host_str() else { return false };
    let same_page = source.is_some_and(|s| {
        s.host_str() == url.host_str() && s.path() == url.path() && s.query() == url.query()
    });
    if same_page {
        return false;
    }
    let source_site = source
        .and_then(Url::host_str)
        .map(|h| h.strip_prefix("www.").unwrap_or(h));
    rules.hosts.iter().any(|s| host_matches(host, s)) || source_site.is_some_and(|s| host_matches(host, s))
}

/// Lists of related articles wherever they sit: a label (or an outlet's related marker) and
/// the link-only blocks after it; a whole list, or a run of at least [`RELATED_RUN_MIN`]
/// paragraphs, that holds nothing but links to the outlet's own site. An item made of nothing
/// else keeps its links as its text.
fn related(blocks: &[RawBlock], classes: &mut [Class], links: &[Link], rules: &Rules, source: Option<&Url>) {
    let scan = RelatedScan {
        blocks,
        classes,
        links,
        rules,
        source,
    };
    let marked = scan.marked();
    let left = blocks
        .iter()
        .zip(classes.iter())
        .zip(&marked)
        .any(|((b, c), &m)| is_text(b) && matches!(c, Class::Keep) && !m);
    if !left {
        return;
    }
    for (c, m) in classes.iter_mut().zip(marked) {
        if m {
            *c = Class::Boiler(BoilerplateKind::Related);
        }
    }
}

/// What [`related`] reads: the blocks as classified so far and the links they hold.
struct RelatedScan<'a> {
    blocks: &'a [RawBlock],
    classes: &'a [Class],
    links: &'a [Link],
    rules: &'a Rules,
    source: Option<&'a Url>,
}

impl RelatedScan<'_> {
    fn kept(&self, i: usize) -> bool {
        self.classes.get(i).is_some_and(|c| matches!(c, Class::Keep))
    }

    /// A text block that is nothing but links (and decoration), every one to the outlet's own
    /// sites: [`link_only`] read in place, leaving at the first other text or foreign link.
    fn own(&self, b: &RawBlock) -> bool {
        let mut any = false;
        for run in &b.inlines {
            let Inline::Text { text, link, .. } = run else {
                continue;
            };
            if text.chars().all(is_decoration) {
                continue;
            }
            let Some(l) = link else {
                return false;
            };
            let own = self
                .links
                .get(*l)
                .and_then(|l| l.href.as_ref())
                .is_some_and(|u| own_site(u, self.rules, self.source));
            if !own {
                return false;
            }
            any = true;
        }
        any
    }

    /// Which blocks are related-article matter: a related label and the link-only blocks after
    /// it; a run of blocks linking only to the outlet's own sites that is a whole list or at
    /// least [`RELATED_RUN_MIN`] long.
    fn marked(&self) -> Vec<bool> {
        let mut marked = vec![false; self.blocks.len()];
        let mut i = 0;
        while let Some(b) = self.blocks.get(i) {
            let (end, mark) = if self.opens(i, b) {
                (self.while_from(i + 1, |b| link_only(b).is_some()), true)
            } else if is_text(b) && self.kept(i) && self.own(b) {
                let j = self.while_from(i, |b| self.own(b));
                (j, self.whole_list(b, i, j) || j - i >= RELATED_RUN_MIN)
            } else {
                (i + 1, false)
            };
            if mark {
                for m in marked.get_mut(i..end).into_iter().flatten() {
                    *m = true;
                }
            }
            i = end.max(i + 1);
        }
        marked
    }

    /// A related label, or a block set aside as related already, opens a related run.
    fn opens(&self, i: usize, b: &RawBlock) -> bool {
        let class = self.classes.get(i);
        is_text(b)
            && (matches!(class, Some(Class::Boiler(BoilerplateKind::Related)))
                || (self.kept(i) && related_label(b)))
    }

    /// The end of the run of kept text blocks from `start` that `test` accepts.
    fn while_from(&self, start: usize, test: impl Fn(&RawBlock) -> bool) -> usize {
        let mut j = start;
        while let Some(b) = self.blocks.get(j) {
            if !is_text(b) || !self.kept(j) || !test(b) {
                break;
            }
            j += 1;
        }
        j
    }

    /// The run `i..j` opened by `b` covers the whole list `b` belongs to. (Items already set
    /// aside, such as a stray mark, no longer count.)
    fn whole_list(&self, b: &RawBlock, i: usize, j: usize) -> bool {
        let RawKind::ListItem { list, .. } = b.kind else {
            return false;
        };
        let of_list = |k: usize| {
            self.blocks
                .get(k)
                .is_some_and(|b| matches!(b.kind, RawKind::ListItem { list: l, .. } if l == list))
                && self.kept(k)
        };
        (0..self.blocks.len())
            .filter(|&k| of_list(k))
            .all(|k| (i..j).contains(&k))
    }
}

/// A teaser cut: the last text block ends in a link that continues the story (`...more`), or
/// in an ellipsis that is itself the link. The link's text (and the ellipsis before it) goes to
/// the boilerplate, the link stays, and a [`WarningDetail::Truncated`] warning says the full text
/// is elsewhere. Returns the link kept.
fn teaser(
    blocks: &mut [RawBlock],
    classes: &mut [Class],
    links: &[Link],
    boilerplate: &mut Vec<Boilerplate>,
    warnings: &mut Vec<Warning>,
) -> Vec<(usize, String)> {
    let Some((block, class)) = blocks
        .iter_mut()
        .zip(classes.iter_mut())
        .rev()
        .find(|(b, c)| is_text(b) && matches!(c, Class::Keep))
    else {
        return Vec::new();
    };
    let Some(Inline::Text {
        text: last,
        link: Some(l),
        ..
    }) = block.inlines.last()
    else {
        return Vec::new();
    };
    let (l, link_text) = (*l, last.clone());
    let is_ellipsis = |c: char| c == '.' || c == '…' || is_space(c);
    let words = last.trim_matches(is_ellipsis).to_lowercase();
    let dotted = last.contains(['.', '…']);
    let teaser = (TEASER_LINK_WORDS.contains(&words.as_str()) || words.is_empty()) && dotted;
    // Only a link run: a whole block that is one link is no teaser of itself.
    let link_len = last.len();
    let before = block.text.len().saturating_sub(link_len);
    let head = block.text.get(..before).unwrap_or("");
    let cut_before = head.trim_end_matches(is_space).ends_with(['.', '…']);
    if !(teaser || TEASER_LINK_WORDS.contains(&words.as_str()) && cut_before) || before == 0 {
        return Vec::new();
    }
    let cut = head.trim_end_matches(is_ellipsis).len();
    let removed = block.text.get(cut..).unwrap_or("").trim_ws().to_owned();
    inline::strip_suffix(&mut block.inlines, block.text.len() - cut);
    block.text = inline::plain(&block.inlines);
    if block.text.trim_ws().is_empty() {
        *class = Class::Boiler(BoilerplateKind::Widget);
    }
    let href = links
        .get(l)
        .and_then(|k| k.href.as_ref())
        .map(|u| u.as_str().to_owned());
    warnings.push(Warning::new(
        WarningDetail::Truncated {
            ending: removed.clone(),
            href,
        },
        None,
    ));
    boilerplate.push(Boilerplate {
        kind: BoilerplateKind::Widget,
        text: removed,
    });
    vec![(l, link_text)]
}

/// Whether a closing line is an author's biography: a generic bio prefix, or one of the
/// outlet's bio markers.
pub(super) fn is_bio(line: &str, rules: &Rules) -> bool {
    let t = line.trim_matches(is_space);
    // Every generic prefix opens with one of these.
    let prefixed =
        t.starts_with(['【', '作', '※', '本', '（', '(']) && BIO_PREFIXES.iter().any(|p| t.starts_with(p));
    prefixed
        || rules
            .boilerplate
            .iter()
            .any(|(k, m)| *k == BoilerplateKind::Bio && m.matches(t))
}

/// Words that introduce what a bio says the person is (`X是…教授`, `X现任…`).
const BIO_COPULAS: &[&str] = &["是", "为", "為", "现任", "現任", "曾任"];

/// Roles a bio names.
const BIO_ROLES: &[&str] = &[
    "记者",
    "記者",
    "作者",
    "作家",
    "教授",
    "校长",
    "校長",
    "主任",
    "研究员",
    "研究員",
    "学者",
    "學者",
    "专栏",
    "專欄",
    "编辑",
    "編輯",
    "顾问",
    "顧問",
    "大使",
    "律师",
    "律師",
    "创始人",
    "創辦人",
    "社长",
    "社長",
    "主编",
    "主編",
    "撰稿人",
    "评论员",
    "評論員",
    "分析师",
    "分析師",
];

/// The most characters of the name that opens a bio, before its copula.
pub(super) const BIO_NAME_MAX_CHARS: usize = 20;

/// Whether a line reads as an author's bio: a short name, a copula, and in the same sentence
/// a role (`饶毅是首都医科大学校长、…主任。`).
pub(super) fn reads_as_bio(line: &str) -> bool {
    let t = line.trim_start_matches(is_space);
    // The copula stands within the name's reach of the start; the role in the same sentence.
    for (n, (at, c)) in t.char_indices().enumerate().take(BIO_NAME_MAX_CHARS + 1) {
        if matches!(c, '，' | ',' | '；' | ';' | '、' | '：' | ':' | '。' | '.') {
            return false;
        }
        // Every copula opens with one of these.
        if n == 0 || !matches!(c, '是' | '为' | '為' | '现' | '現' | '曾') {
            continue;
        }
        let rest = t.get(at..).unwrap_or("");
        if BIO_COPULAS.iter().any(|cop| rest.starts_with(cop)) {
            let sentence = rest.split(['。', '.']).next().unwrap_or("");
            return BIO_ROLES.iter().any(|r| sentence.contains(r));
        }
    }
    false
}

/// Words of the closing lines beside a bio: contributor and translator lines.
const CLOSING_WORDS: &[&str] = &["对本文有", "對本文有", "翻译：", "翻譯：", "译者", "譯者"];

/// Whether a line is closing matter: a contributor or translator line, or any of the outlet's
/// boilerplate (bios included).
fn is_closing_line(line: &str, rules: &Rules) -> bool {
    let t = line.trim_matches(is_space);
    CLOSING_WORDS.iter().any(|w| contains_str(t, w)) || rules.boilerplate.iter().any(|(_, m)| m.matches(t))
}

/// Author bios among the last [`BIO_TAIL_BLOCKS`] text blocks: a block that is a bio, or the
/// bio lines of a closing block whose lines are separated by `<br>` (NYT's contributor line,
/// bio and translator line in one paragraph); the other lines stay. In an outlet that closes
/// its items with bios, a line without a bio marker counts when it reads as a bio beside
/// closing matter: other closing lines in its block, or the outlet's boilerplate right after it.
fn bios(blocks: &mut [RawBlock], classes: &mut [Class], rules: &Rules, boilerplate: &mut Vec<Boilerplate>) {
    // A line that merely reads as a bio counts only where the outlet closes its items with
    // bios (it declares bio markers): elsewhere such a closing line describes the article's
    // subject (an interviewee) and is article text.
    let closes_with_bios = rules.boilerplate.iter().any(|(k, _)| *k == BoilerplateKind::Bio);
    let mut seen = 0;
    // The text block after the one looked at is outlet boilerplate (`点击查看本文英文版`).
    let mut before_boilerplate = false;
    for (block, class) in blocks.iter_mut().zip(classes.iter_mut()).rev() {
        if !is_text(block) {
            continue;
        }
        if !matches!(class, Class::Keep) {
            before_boilerplate = matches!(class, Class::Boiler(_));
            continue;
        }
        let followed = std::mem::take(&mut before_boilerplate);
        seen += 1;
        if seen > BIO_TAIL_BLOCKS {
            break;
        }
        let Some(bio) = bio_lines(&block.text, rules, closes_with_bios, followed) else {
            continue;
        };
        if bio.iter().all(|&b| b) {
            *class = Class::Boiler(BoilerplateKind::Bio);
        } else {
            take_bio_lines(block, class, &bio, rules, boilerplate);
        }
    }
}

/// Which lines of a closing block are bios, when any is: a line the outlet marks as a bio, or
/// (where the outlet closes with bios) one that reads as a bio among other closing lines.
fn bio_lines(text: &str, rules: &Rules, closes_with_bios: bool, followed: bool) -> Option<Vec<bool>> {
    let readable = |t: &str| closes_with_bios && reads_as_bio(t);
    // Lines as the plain text holds them (a line break is `\n` there); the cheap tests
    // first, the closing-matter scan only for a line that reads as a bio.
    if !text.split('\n').any(|t| readable(t) || is_bio(t, rules)) {
        return None;
    }
    let texts: Vec<&str> = text.split('\n').collect();
    let marked: Vec<bool> = texts.iter().map(|t| is_bio(t, rules)).collect();
    let readable: Vec<bool> = texts.iter().map(|t| readable(t)).collect();
    // In a closing paragraph of `<br>`-joined lines (a contributor line, a bio, the
    // translator, a link to the original), a line that reads as a bio is one.
    let beside = texts.len() > 1 || followed;
    let closing = beside
        && readable.contains(&true)
        && (followed || marked.contains(&true) || texts.iter().any(|t| is_closing_line(t, rules)));
    let bio: Vec<bool> = marked
        .iter()
        .zip(&readable)
        .map(|(&m, &r)| m || (closing && r))
        .collect();
    bio.contains(&true).then_some(bio)
}

/// Takes the bio lines (`bio`, one flag per line) out of `block` into boilerplate; what is left
/// may be the outlet's boilerplate of its own (`点击查看本文英文版。`).
fn take_bio_lines(
    block: &mut RawBlock,
    class: &mut Class,
    bio: &[bool],
    rules: &Rules,
    boilerplate: &mut Vec<Boilerplate>,
) {
    let lines = inline::lines(&block.inlines);
    let mut rest = Vec::new();
    for (line, &is) in lines.into_iter().zip(bio) {
        if is {
            boilerplate.push(Boilerplate {
                kind: BoilerplateKind::Bio,
                text: inline::plain(&line).trim_ws().to_owned(),
            });
        } else {
            rest.push(line);
        }
    }
    block.inlines = inline::join_lines(rest);
    block.text = inline::plain(&block.inlines);
    let left = block.text.trim_matches(is_space);
    if let Some((kind, _)) = rules
        .boilerplate
        .iter()
        .find(|(k, m)| *k != BoilerplateKind::Bio && m.matches(left))
    {
        *class = Class::Boiler(*kind);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bios_read_as_bios() {
        assert!(reads_as_bio(
            "饶毅是首都医科大学校长、北京大学讲席教授和北京脑科学与类脑研究中心主任。"
        ));
        assert!(reads_as_bio("Jeffrey Gettleman是南亚分社社长，驻新德里。"));
        assert!(!reads_as_bio("他说，王某是北京大学教授。"));
        assert!(!reads_as_bio("饶毅是首都医科大学的毕业生。"));
        assert!(!reads_as_bio("点击查看本文英文版。"));
        let name = "名".repeat(BIO_NAME_MAX_CHARS);
        assert!(reads_as_bio(&format!("{name}是记者。")));
        assert!(!reads_as_bio(&format!("{name}字是记者。")));
    }

    /// The characters the ornament test turns away by the first one are all letters or digits.
    #[test]
    fn ornament_fast_path_characters_are_alphanumeric() {
        for c in ('\u{4e00}'..='\u{9fef}')
            .chain('0'..='9')
            .chain('a'..='z')
            .chain('A'..='Z')
        {
            assert!(c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn every_related_label_opens_with_a_listed_start() {
        for label in RELATED_LABELS {
            let first = label.chars().next().map(|c| c.to_ascii_lowercase());
            assert!(
                first.is_some_and(|c| RELATED_LABEL_STARTS.contains(&c)),
                "{label}"
            );
        }
    }

    #[test]
    fn ornaments() {
        for yes in [".", "————", "__________", "**", "=====", "、"] {
            assert!(is_ornament(yes), "{yes}");
        }
        for no in ["……", "？？？", "■", "（完）", "a", "一", "", " "] {
            assert!(!is_ornament(no), "{no}");
        }
    }

    #[test]
    fn relative_times() {
        for yes in [
            "54 分钟前",
            "17分钟前",
            "最近更新： 1 小时前",
            "3 hours ago",
            "1 day ago",
            "Updated 5 minutes ago",
            "2 天前",
        ] {
            assert!(is_relative_time(yes), "{yes}");
        }
        for no in [
            "54 分钟",
            "分钟前",
            "他在54分钟前离开",
            "3 hours",
            "2020年7月17日",
            "最近更新",
            "3 apples ago",
        ] {
            assert!(!is_relative_time(no), "{no}");
        }
    }
}
