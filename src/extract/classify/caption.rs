//! Photo credits stated inside captions, split off into [`Figure::credit`]: a trailing bracket
//! (`（路透社资料图）`, `(STR/AFP via Getty Images)`), a `©` credit (`©Getty Images`), a
//! labelled credit (`图片：网络`, `影片來源：X`), or a credit after the last sentence
//! (`REUTERS/Andrew Kelly`, `中央社記者X攝 109年11月23日`). The caption keeps the rest.

use super::Class;
use super::credit::{AGENCY_WORDS, contains_word};
use crate::extract::walk::{RawBlock, RawKind};
use crate::model::{Figure, Inline};
use crate::outlet::Rules;
use crate::text::{Trim, contains_str, normalize_space};

/// Words that make a bracket or a closing phrase of a caption a photo credit.
const PHOTO_CREDIT_WORDS: &[&str] = &[
    "截图",
    "截圖",
    "资料图",
    "資料圖",
    "资料照",
    "資料照",
    "檔案照",
    "档案照",
    "照片",
    "图片",
    "圖片",
    "提供",
    "摄",
    "攝",
    "製圖",
    "制图",
    "示意圖",
    "示意图",
    "网页",
    "網頁",
    "网站",
    "網站",
    "脸书",
    "臉書",
    "推特",
    "维基",
    "維基",
    "图取自",
    "圖取自",
    "图/",
    "圖/",
    "Getty",
    "Photo",
    "photo",
    "Image",
    "中新社",
    "中通社",
    "新华社",
    "新華社",
    "美联社",
    "美聯社",
];

/// Labels that open a photo credit (`图片：网络`); the label is no part of the credit.
const CREDIT_LABELS: &[&str] = &[
    "图片来源：",
    "圖片來源：",
    "影片來源：",
    "影片来源：",
    "图片来源:",
    "圖片來源:",
    "图片：",
    "圖片：",
    "图片:",
    "圖片:",
    "摄影：",
    "攝影：",
    "图像来源，",
    "图像来源：",
    "圖像來源，",
    "圖像來源：",
    "Photograph by ",
    "Photo by ",
    "Photo: ",
    "Photo:",
    "图：",
    "圖：",
    "图/",
    "圖/",
    "图片",
    "圖片",
];

/// Words saying the picture is a file photo (`资料图片：X`, `X资料图片`): the word is the credit.
const FILE_PHOTO_WORDS: &[&str] = &[
    "资料图片",
    "資料圖片",
    "资料照片",
    "資料照片",
    "档案照片",
    "檔案照片",
    "资料图",
    "資料圖",
];

/// A photo credit is at most this long.
const MAX_CREDIT_CHARS: usize = 60;

/// Marks that end a sentence in a caption.
const SENTENCE_ENDS: &[char] = &['。', '！', '？', '.', '!', '?'];

/// A paragraph right after a figure without a caption is read as that caption only when it is
/// at most this long.
const LOOSE_CAPTION_MAX_CHARS: usize = 120;

/// Paragraphs that caption the figure just before them although the markup does not tie them
/// to it, in outlets whose markup leaves captions loose ([`Rules::loose_captions`]): a short
/// paragraph wholly in italics (`<p><em>Rene Magritte, The Pilgrim, 1966</em></p>`, a
/// `<p><i>视频【…】</i></p>` under a video), or one that states a photo credit with a label
/// (`刘家院子。图片 陈竹沁`). Each becomes the caption of a figure that has none, and leaves the
/// text; only blocks still classed as text are read.
///
/// [`Rules::loose_captions`]: crate::outlet::Rules::loose_captions
pub(super) fn take_loose_captions(
    blocks: &mut Vec<RawBlock>,
    classes: &mut Vec<Class>,
    figures: &mut [Figure],
    rules: &Rules,
) {
    if !rules.loose_captions {
        return;
    }
    let mut i = 1;
    while i < blocks.len() {
        let figure = match (blocks.get(i - 1), blocks.get(i), classes.get(i)) {
            (Some(prev), Some(block), Some(Class::Keep)) => match prev.kind {
                RawKind::Figure(f) => figures
                    .get_mut(f)
                    .filter(|f| f.caption.is_none() && is_loose_caption(block)),
                _ => None,
            },
            _ => None,
        };
        match figure {
            Some(figure) => {
                figure.caption = Some(normalize_space(&blocks.remove(i).text));
                classes.remove(i);
            }
            None => i += 1,
        }
    }
}

/// A paragraph that reads as a loose caption (see [`take_loose_captions`]).
fn is_loose_caption(b: &RawBlock) -> bool {
    if b.kind != RawKind::Paragraph || b.text.chars().nth(LOOSE_CAPTION_MAX_CHARS).is_some() {
        return false;
    }
    let t = b.text.trim_ws();
    !t.is_empty() && (all_emphasis(b) || labelled(t).is_some_and(|(rest, _)| !rest.trim_ws().is_empty()))
}

/// Every run of visible text in the block is emphasised.
fn all_emphasis(b: &RawBlock) -> bool {
    let mut any = false;
    for r in &b.inlines {
        if let Inline::Text { text, emphasis, .. } = r {
            if text.trim_ws().is_empty() {
                continue;
            }
            if !emphasis {
                return false;
            }
            any = true;
        }
    }
    any
}

/// Splits the credit off every caption that states one and has no credit of its own.
pub(super) fn split_credits(figures: &mut [Figure]) {
    for f in figures.iter_mut().filter(|f| f.credit.is_none()) {
        let Some(caption) = f.caption.as_deref() else {
            continue;
        };
        if let Some((rest, credit)) = split(caption) {
            f.caption = Some(rest).filter(|r| !r.is_empty());
            f.credit = Some(credit);
        }
    }
}

/// (caption without the credit, credit), when the caption states a credit.
fn split(caption: &str) -> Option<(String, String)> {
    let c = caption.trim_ws();
    let (rest, credit) = trailing_bracket(c)
        .or_else(|| copyright_sign(c))
        .or_else(|| labelled(c))
        .or_else(|| after_last_sentence(c))
        .or_else(|| file_photo(c))?;
    let credit = normalize_space(credit);
    let credit = strip_label(&credit).trim_ws();
    if credit.is_empty() || credit.chars().count() > MAX_CREDIT_CHARS {
        return None;
    }
    Some((normalize_space(rest), credit.to_owned()))
}

fn is_credit_phrase(s: &str) -> bool {
    let s = s.trim_ws();
    !s.is_empty()
        && s.chars().count() <= MAX_CREDIT_CHARS
        && !s.contains(['。', '，'])
        && (PHOTO_CREDIT_WORDS.iter().any(|w| contains_str(s, w))
            || AGENCY_WORDS.iter().any(|w| contains_word(s, w))
            || agency_slash_name(s))
}

/// `REUTERS/Andrew Kelly`, `STR/AFP`: a capitalised agency, a slash, a name.
fn agency_slash_name(s: &str) -> bool {
    let Some((agency, who)) = s.split_once('/') else {
        return false;
    };
    let agency = agency.trim_ws();
    agency.len() >= 2
        && agency.chars().all(|c| c.is_ascii_uppercase() || c == ' ')
        && who
            .trim_ws()
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase())
        && s.is_ascii()
}

/// `…被捕。（AP）`, `…(STR/AFP via Getty Images)`, `…（图/维基百科）`.
fn trailing_bracket(c: &str) -> Option<(&str, &str)> {
    let inner_end = c.strip_suffix('）').or_else(|| c.strip_suffix(')'))?;
    let open = inner_end.rfind(['（', '('])?;
    let inner = inner_end.get(open..)?;
    let inner = inner.get(inner.chars().next()?.len_utf8()..)?;
    if inner.contains(['（', '(', '）', ')']) || !is_credit_phrase(inner) {
        return None;
    }
    Some((c.get(..open)?, inner))
}

/// `… ©Getty Images`.
fn copyright_sign(c: &str) -> Option<(&str, &str)> {
    let at = c.rfind('©')?;
    let credit = c.get(at + '©'.len_utf8()..)?.trim_ws();
    (!credit.is_empty() && credit.chars().count() <= MAX_CREDIT_CHARS && !credit.contains(SENTENCE_ENDS))
        .then(|| (c.get(..at).unwrap_or(""), credit))
}

/// Whether a credit label may start with `ch` (a unit test keeps this in step with
/// [`CREDIT_LABELS`]): only where one stands are the labels compared.
fn may_open_credit_label(ch: char) -> bool {
    matches!(ch, '图' | '圖' | '影' | '摄' | '攝' | 'P')
}

/// `…员工们。图片：网络`, `… 图片黄雪涛`, `影片來源：MLG Highlights`: a credit label at the
/// start of the caption or after a space or a sentence end.
fn labelled(c: &str) -> Option<(&str, &str)> {
    let mut best: Option<(usize, usize)> = None;
    let mut before: Option<char> = None;
    for (at, ch) in c.char_indices() {
        let boundary = before.is_none_or(|b| b.is_whitespace() || SENTENCE_ENDS.contains(&b));
        before = Some(ch);
        if !boundary || !may_open_credit_label(ch) {
            continue;
        }
        let rest = c.get(at..).unwrap_or("");
        // The last label wins; at one place, the first label in the list.
        if let Some(label) = CREDIT_LABELS.iter().find(|l| rest.starts_with(*l)) {
            best = Some((at, label.len()));
        }
    }
    let (at, len) = best?;
    let credit = c.get(at + len..)?.trim_ws();
    (!credit.is_empty() && credit.chars().count() <= MAX_CREDIT_CHARS && !credit.contains(['。', '，']))
        .then(|| (c.get(..at).unwrap_or(""), credit))
}

/// `…出席毕业典礼。REUTERS/Tingshu Wang`, `…禮賓人員。中央社記者王騰毅攝 109年9月30日`.
fn after_last_sentence(c: &str) -> Option<(&str, &str)> {
    let end = c.rfind(SENTENCE_ENDS)?;
    let start = end + c.get(end..)?.chars().next()?.len_utf8();
    let tail = c.get(start..)?.trim_ws();
    let photographed = tail.contains(['攝', '摄']) || tail.contains("提供");
    // `China Photos/Getty Images`: a Latin credit naming an agency.
    let agency = tail.is_ascii()
        && tail.contains('/')
        && AGENCY_WORDS
            .iter()
            .chain(&["Getty"])
            .any(|w| contains_word(tail, w));
    (photographed || agency || agency_slash_name(tail))
        .then_some(())
        .filter(|()| tail.chars().count() <= MAX_CREDIT_CHARS)
        .map(|()| (c.get(..start).unwrap_or(""), tail))
}

/// `资料图片：塞浦路斯利马索尔`, `許智峯资料图片`, `资料图片`: the file-photo word is the credit.
fn file_photo(c: &str) -> Option<(&str, &str)> {
    for w in FILE_PHOTO_WORDS {
        if let Some(rest) = c.strip_prefix(w) {
            let rest = rest.trim_start_matches(['：', ':', ' ']);
            if rest.len() < c.len() - w.len() || rest.is_empty() {
                return Some((rest, w));
            }
        }
        if let Some(rest) = c.strip_suffix(w) {
            return Some((rest, w));
        }
    }
    None
}

/// A credit without the label that opens it (`图/维基百科` → `维基百科`); only a label ending in a
/// separator, so that `圖片由X拍攝` keeps its words.
fn strip_label(credit: &str) -> &str {
    CREDIT_LABELS
        .iter()
        .filter(|l| l.ends_with(['：', ':', '，', '/', ' ']))
        .find_map(|l| credit.strip_prefix(l))
        .filter(|rest| !rest.trim_ws().is_empty())
        .unwrap_or(credit)
}

#[cfg(test)]
mod tests {
    use super::{LOOSE_CAPTION_MAX_CHARS, split, take_loose_captions};
    use crate::extract::classify::Class;
    use crate::extract::walk::{RawBlock, RawKind};
    use crate::model::{Figure, MediaKind};

    fn figure(caption: Option<&str>) -> Figure {
        Figure {
            kind: MediaKind::Image,
            src: url::Url::parse("https://example.org/a.jpg").unwrap(),
            proxied_src: None,
            poster: None,
            caption: caption.map(str::to_owned),
            credit: None,
            alt: None,
        }
    }

    /// Runs the loose-caption pass over a figure followed by `after`: (figure caption, texts left).
    fn loose(caption: Option<&str>, after: &[&[(&str, bool)]]) -> (Option<String>, Vec<String>) {
        let mut blocks = vec![RawBlock::of_runs(RawKind::Figure(0), &[])];
        blocks.extend(
            after
                .iter()
                .map(|runs| RawBlock::of_runs(RawKind::Paragraph, runs)),
        );
        let mut classes: Vec<Class> = blocks.iter().map(|_| Class::Keep).collect();
        let mut figures = vec![figure(caption)];
        take_loose_captions(&mut blocks, &mut classes, &mut figures, &crate::outlet::GENERIC);
        assert_eq!(blocks.len(), classes.len());
        let left = blocks.iter().skip(1).map(|b| b.text.clone()).collect();
        (figures.remove(0).caption, left)
    }

    #[test]
    fn italic_paragraph_under_a_figure_is_its_caption() {
        let (caption, left) = loose(
            None,
            &[
                &[("Rene Magritte, The Pilgrim, 1966", true)],
                &[("正文。", false)],
            ],
        );
        assert_eq!(caption.as_deref(), Some("Rene Magritte, The Pilgrim, 1966"));
        assert_eq!(left, ["正文。"]);
        // Italic runs around a blank run still make the whole paragraph italic.
        let (caption, _) = loose(None, &[&[("视频", true), (" ", false), ("【标题】", true)]]);
        assert_eq!(caption.as_deref(), Some("视频 【标题】"));
    }

    #[test]
    fn credited_paragraph_under_a_figure_is_its_caption() {
        let (caption, left) = loose(None, &[&[("刘家院子。图片 陈竹沁", false)]]);
        assert_eq!(caption.as_deref(), Some("刘家院子。图片 陈竹沁"));
        assert!(left.is_empty());
    }

    #[test]
    fn other_paragraphs_stay_text() {
        // Plain text, partly italic text, a figure that has a caption, a second paragraph.
        assert_eq!(loose(None, &[&[("正文。", false)]]).0, None);
        assert_eq!(loose(None, &[&[("一半", true), ("正文", false)]]).0, None);
        let (caption, left) = loose(Some("原有说明"), &[&[("斜体", true)]]);
        assert_eq!(caption.as_deref(), Some("原有说明"));
        assert_eq!(left, ["斜体"]);
        let (_, left) = loose(None, &[&[("正文。", false)], &[("斜体", true)]]);
        assert_eq!(left, ["正文。", "斜体"]);
    }

    #[test]
    fn loose_captions_are_short() {
        let at_limit = "字".repeat(LOOSE_CAPTION_MAX_CHARS);
        assert_eq!(loose(None, &[&[(&at_limit, true)]]).0, Some(at_limit));
        let over = "字".repeat(LOOSE_CAPTION_MAX_CHARS + 1);
        assert_eq!(loose(None, &[&[(&over, true)]]).0, None);
    }

    fn s(c: &str) -> Option<(String, String)> {
        split(c)
    }

    fn pair(a: &str, b: &str) -> Option<(String, String)> {
        Some((a.to_owned(), b.to_owned()))
    }

    #[test]
    fn every_credit_label_passes_the_first_character_filter() {
        for label in super::CREDIT_LABELS {
            assert!(
                label.chars().next().is_some_and(super::may_open_credit_label),
                "{label}"
            );
        }
    }

    #[test]
    fn trailing_brackets() {
        assert_eq!(
            s("香港警察宣布15人被捕。（AP）"),
            pair("香港警察宣布15人被捕。", "AP")
        );
        assert_eq!(
            s("核酸检测。 ( STR/AFP via Getty Images)"),
            pair("核酸检测。", "STR/AFP via Getty Images")
        );
        assert_eq!(
            s("麦克阿瑟与李承晩（图/维基百科）"),
            pair("麦克阿瑟与李承晩", "维基百科")
        );
        assert_eq!(s("美国军舰。（资料图）"), pair("美国军舰。", "资料图"));
        assert_eq!(
            s("新高紀錄。（中央社檔案照片）"),
            pair("新高紀錄。", "中央社檔案照片")
        );
        // A bracket that is part of the caption stays.
        assert_eq!(s("研究员山姆·威尔斯（Sam Wells）"), None);
        assert_eq!(s("方艙醫院（圖）"), None);
    }

    #[test]
    fn copyright_labels_and_closing_phrases() {
        assert_eq!(s("纪念活动。 ©Reuters"), pair("纪念活动。", "Reuters"));
        assert_eq!(s("©Getty Images"), pair("", "Getty Images"));
        assert_eq!(
            s("爱德面包房的员工们。图片：网络"),
            pair("爱德面包房的员工们。", "网络")
        );
        assert_eq!(
            s("被强制送往精神病院的邹宜均 图片黄雪涛"),
            pair("被强制送往精神病院的邹宜均", "黄雪涛")
        );
        assert_eq!(s("影片來源：MLG Highlights"), pair("", "MLG Highlights"));
        assert_eq!(
            s("失业救助。REUTERS/Bryan Woolston"),
            pair("失业救助。", "REUTERS/Bryan Woolston")
        );
        assert_eq!(
            s("禮賓人員。中央社記者王騰毅攝 109年9月30日"),
            pair("禮賓人員。", "中央社記者王騰毅攝 109年9月30日")
        );
        assert_eq!(
            s("已有3名工作人員染疫。（中通社提供）中央社 109年12月6日"),
            pair("已有3名工作人員染疫。", "（中通社提供）中央社 109年12月6日")
        );
        assert_eq!(
            s("2015 年，豆瓣小组的一则广告。 Photograph by Guang Niu/Getty Images"),
            pair("2015 年，豆瓣小组的一则广告。", "Guang Niu/Getty Images")
        );
        assert_eq!(
            s("2006 年，中国内蒙古一个煤矿场。 China Photos/Getty Images"),
            pair("2006 年，中国内蒙古一个煤矿场。", "China Photos/Getty Images")
        );
        assert_eq!(
            s("资料图片：塞浦路斯利马索尔"),
            pair("塞浦路斯利马索尔", "资料图片")
        );
        assert_eq!(s("許智峯资料图片"), pair("許智峯", "资料图片"));
        assert_eq!(s("资料图片"), pair("", "资料图片"));
        assert_eq!(
            s("巡邏（圖片由露絲·英格拉姆拍攝）"),
            pair("巡邏", "圖片由露絲·英格拉姆拍攝")
        );
        assert_eq!(s("资料图片显示的是一座桥"), None);
        assert_eq!(s("一名男子在街头。他说图片很好看，大家都喜欢"), None);
        assert_eq!(s("A man walks. He said so."), None);
    }
}
