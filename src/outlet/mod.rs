//! Outlets: who published an item, and the small declarative facts about each one's HTML.
//!
//! Adding an outlet means adding one file here with its [`Rules`] and listing it in [`ALL`].

use crate::text::Trim;
use url::Url;

use crate::model::BoilerplateKind;

mod bbc;
mod cna;
mod dw;
mod economist;
mod ft;
mod mirror;
mod nyt;
mod others;
mod reuters;
mod rfi;
mod voa;

pub(crate) use mirror::MIRROR;

/// The outlet an item comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Outlet {
    /// Deutsche Welle 德国之声 (dw.com).
    Dw,
    /// Radio France Internationale 法广 (rfi.fr).
    Rfi,
    /// Voice of America 美国之音 (voachinese.com).
    Voa,
    /// Reuters 路透 (cn.reuters.com).
    Reuters,
    /// Central News Agency 中央社 (cna.com.tw).
    Cna,
    /// The New York Times 纽约时报 (cn.nytimes.com).
    Nyt,
    /// The Economist (economist.com).
    Economist,
    /// Financial Times 金融时报 (cn.ft.com).
    Ft,
    /// BBC 中文 (bbc.com, bbc.co.uk).
    Bbc,
    /// Asahi Shimbun 朝日新闻 (asahi.com, asahichinese-j.com).
    Asahi,
    /// Radio Free Asia 自由亚洲电台 (rfa.org).
    Rfa,
    /// Lianhe Zaobao 联合早报 (zaobao.com).
    Zaobao,
    /// The Epoch Times 大纪元 (epochtimes.com).
    EpochTimes,
    /// China Digital Times 中国数字时代 (chinadigitaltimes.net).
    ChinaDigitalTimes,
    /// Radio Taiwan International 中央广播电台 (rti.org.tw).
    Rti,
    /// Solidot (solidot.org).
    Solidot,
    /// Bitter Winter 寒冬 (bitterwinter.org).
    BitterWinter,
    /// Any other source: the generic path.
    Unknown,
}

impl Outlet {
    /// A stable snake_case name (`dw`, `voa`, `unknown`).
    ///
    /// ```
    /// use feedmirror::Outlet;
    /// assert_eq!(Outlet::EpochTimes.as_str(), "epoch_times");
    /// assert_eq!(Outlet::Voa.to_string(), "voa");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        rules(self).name
    }
}

impl std::fmt::Display for Outlet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a piece of text is recognised.
#[derive(Clone, Copy)]
pub(crate) enum Marker {
    /// The block's text starts with this.
    Prefix(&'static str),
    /// The block's text contains this.
    Contains(&'static str),
    /// The block's text is exactly this.
    Exact(&'static str),
}

impl Marker {
    pub(crate) fn matches(self, text: &str) -> bool {
        match self {
            // The first byte first: most texts differ there, and are turned away without a call.
            Marker::Prefix(p) => text.as_bytes().first() == p.as_bytes().first() && text.starts_with(p),
            Marker::Contains(p) => crate::text::contains_str(text, p),
            Marker::Exact(p) => text == p,
        }
    }
}

/// The declarative facts about one outlet.
pub(crate) struct Rules {
    pub(crate) outlet: Outlet,
    /// Stable name.
    pub(crate) name: &'static str,
    /// Host suffixes of the outlet's sites (`dw.com` matches `www.dw.com`): items from them are
    /// the outlet's, and links to them are internal.
    pub(crate) hosts: &'static [&'static str],
    /// Further host suffixes the outlet owns that items do not come from (short links, document
    /// and media hosts): links to them are internal too.
    pub(crate) other_hosts: &'static [&'static str],
    /// Front-matter `author` values naming the outlet.
    pub(crate) authors: &'static [&'static str],
    /// The article id carried by one of the outlet's URLs, as the URL writes it; `None` for
    /// pages that are not articles (tags, sections) and for URLs that carry no id.
    pub(crate) article_id: fn(&Url) -> Option<String>,
    /// Paragraphs that are not article text, with why.
    pub(crate) boilerplate: &'static [(BoilerplateKind, Marker)],
    /// Elements whose class contains one of these are skipped entirely (widgets, ads, chrome).
    pub(crate) skip_classes: &'static [&'static str],
    /// Elements whose class contains one of these are captions, beyond the generic caption
    /// classes (CNA's `picinfo`).
    pub(crate) caption_classes: &'static [&'static str],
    /// Elements whose class contains one of these are photo credits, beyond the generic credit
    /// classes (BBC's `story-image-copyright`).
    pub(crate) credit_classes: &'static [&'static str],
    /// Elements whose class contains one of these hold text that is set aside as the given kind
    /// of boilerplate (FT's `story-lead` standfirst).
    pub(crate) set_aside_classes: &'static [(BoilerplateKind, &'static str)],
    /// Pieces of image URLs that are site chrome, not figures (a site badge, a social card),
    /// beyond what the generic signals catch.
    pub(crate) chrome_images: &'static [&'static str],
    /// Closing lines that credit reporters or agencies beyond the generic bracketed forms.
    pub(crate) credits: &'static [Marker],
    /// Text after an image inside the same `<div>` is that image's caption (DW galleries:
    /// `<div><img ...><b>TITLE</b>：TEXT</div>`).
    pub(crate) gallery_captions: bool,
    /// The outlet's markup leaves some captions untied to their figure: a short paragraph in
    /// italics, or one stating a photo credit, right after a figure without a caption is that
    /// figure's caption (reposted WeChat and blog pages).
    pub(crate) loose_captions: bool,
    /// The standfirst set aside as a summary opens with its writer's name and a colon
    /// (`叶胜舟：…`): those names are the byline when nothing else names the authors.
    pub(crate) standfirst_author: bool,
    /// Separators after a place name that open the first paragraph (`华盛顿 — `, `台北——`,
    /// `路透北京8月17日 - `); bracketed datelines (`（德国之声中文网）`) need no rule.
    pub(crate) dateline_separators: &'static [DatelineSeparator],
    /// Datelines in brackets of the outlet's own (`【大纪元2020年11月15日讯】`): (open, close,
    /// words one of which the inside holds). A reporter bracket right after it
    /// (`（大纪元记者X报导）`) belongs to the dateline.
    pub(crate) dateline_brackets: &'static [(char, char, &'static [&'static str])],
    /// Wall-clock formats (chrono's) of the outlet's date block and `<time>` values beyond the
    /// generic ones: RFI's day-first `15/06/2022 - 13:09`.
    pub(crate) date_formats: &'static [&'static str],
    /// For an outlet whose URL changes when it republishes a story: the edition a URL belongs
    /// to and its slug, which together name the story ([`DedupKey::Edition`]).
    ///
    /// [`DedupKey::Edition`]: crate::DedupKey::Edition
    pub(crate) edition: Option<ReadEdition>,
    /// Reads the date code the outlet closes its items with (CNA's `（編輯：X）1091123`), if it has one.
    pub(crate) date_code: Option<fn(&str) -> Option<chrono::NaiveDate>>,
}

/// Reads the edition a story's URL belongs to and its slug ([`Rules::edition`]).
pub(crate) type ReadEdition = fn(&Url) -> Option<(chrono::NaiveDate, String)>;

/// A place, then a separator, opening the first paragraph.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DatelineSeparator {
    /// The separator (`" — "`).
    pub(crate) sep: &'static str,
    /// The place before it is at most this many characters.
    pub(crate) max_chars: usize,
    /// The place may hold digits (`路透北京8月17日`).
    pub(crate) digits: bool,
    /// The place must end with this (`日`: the wire's date).
    pub(crate) ends_with: Option<&'static str>,
}

impl DatelineSeparator {
    /// A plain place name of up to 12 characters before `sep`.
    pub(crate) const fn place(sep: &'static str) -> Self {
        DatelineSeparator {
            sep,
            max_chars: 12,
            digits: false,
            ends_with: None,
        }
    }
}

impl Rules {
    /// Whether `host` is one of the outlet's own sites.
    pub(crate) fn owns(&self, host: &str) -> bool {
        self.hosts
            .iter()
            .chain(self.other_hosts)
            .any(|s| host_matches(host, s))
    }
}

/// Every outlet's rules; the last is the generic fallback.
pub(crate) static ALL: &[&Rules] = &[
    &dw::RULES,
    &rfi::RULES,
    &voa::RULES,
    &reuters::RULES,
    &cna::RULES,
    &nyt::RULES,
    &economist::RULES,
    &ft::RULES,
    &bbc::RULES,
    &others::ASAHI,
    &others::RFA,
    &others::ZAOBAO,
    &others::EPOCH,
    &others::CDT,
    &others::RTI,
    &others::SOLIDOT,
    &others::BITTER_WINTER,
    &GENERIC,
];

/// The generic path: no outlet-specific facts. Outlet files start from it (`..BASE`).
pub(crate) static GENERIC: Rules = Rules {
    loose_captions: true,
    ..BASE
};

/// Empty rules: what every outlet has unless its file says otherwise.
pub(crate) const BASE: Rules = Rules {
    outlet: Outlet::Unknown,
    name: "unknown",
    hosts: &[],
    other_hosts: &[],
    authors: &[],
    article_id: generic_article_id,
    boilerplate: &[],
    skip_classes: &[],
    caption_classes: &[],
    credit_classes: &[],
    set_aside_classes: &[],
    chrome_images: &[],
    credits: &[],
    gallery_captions: false,
    loose_captions: false,
    standfirst_author: false,
    dateline_separators: &[],
    dateline_brackets: &[],
    date_formats: &[],
    edition: None,
    date_code: None,
};

/// The rules for `outlet`.
pub(crate) fn rules(outlet: Outlet) -> &'static Rules {
    ALL.iter()
        .copied()
        .find(|r| r.outlet == outlet)
        .unwrap_or(&GENERIC)
}

/// Whether `host` is `suffix` or a subdomain of it.
pub(crate) fn host_matches(host: &str, suffix: &str) -> bool {
    host.strip_suffix(suffix)
        .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
}

/// The outlet owning `url`'s host, if any.
pub(crate) fn by_host(url: &Url) -> Option<&'static Rules> {
    let host = url.host_str()?;
    ALL.iter()
        .copied()
        .find(|r| r.hosts.iter().any(|s| host_matches(host, s)))
}

/// Which outlet an item is from: the source URL's host, else the front-matter author, else a
/// front-matter category naming it (the archive form without `from`/`author` has `categories: asahi`).
pub(crate) fn identify(url: Option<&Url>, author: Option<&str>, categories: &[&str]) -> &'static Rules {
    if let Some(r) = url.and_then(by_host) {
        return r;
    }
    let author = author.map(str::trim).unwrap_or("");
    let named = |r: &&Rules| {
        r.authors.iter().any(|a| a.eq_ignore_ascii_case(author))
            || categories
                .iter()
                .any(|c| c.trim_ws().eq_ignore_ascii_case(r.name) || r.authors.contains(&c.trim_ws()))
    };
    ALL.iter().copied().find(named).unwrap_or(&GENERIC)
}

/// The URL's last non-empty path segment.
pub(crate) fn last_segment(url: &Url) -> Option<&str> {
    url.path_segments()?.rfind(|s| !s.is_empty())
}

/// The URL's non-empty path segments, still percent-encoded.
pub(crate) fn segments(url: &Url) -> Vec<&str> {
    url.path_segments()
        .map(|s| s.filter(|s| !s.is_empty()).collect())
        .unwrap_or_default()
}

/// Whether `s` is a non-empty run of ASCII digits.
pub(crate) fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `segment` after `prefix` when that rest is all digits (`a-65724304` with prefix `a-`).
pub(crate) fn digits_after(segment: &str, prefix: &str) -> Option<String> {
    let rest = segment.strip_prefix(prefix)?;
    is_digits(rest).then(|| rest.to_owned())
}

/// `segment` without a page extension (`.html`, `.htm`, `.shtml`, `.aspx`, `.php`, `.stm`).
pub(crate) fn strip_page_extension(segment: &str) -> &str {
    [".html", ".htm", ".shtml", ".aspx", ".php", ".stm"]
        .iter()
        .find_map(|ext| {
            let cut = segment.len().checked_sub(ext.len())?;
            let (stem, tail) = (segment.get(..cut)?, segment.get(cut..)?);
            (!stem.is_empty() && tail.eq_ignore_ascii_case(ext)).then_some(stem)
        })
        .unwrap_or(segment)
}

/// The value of query parameter `key` when it is all digits (`?sid=65735`).
pub(crate) fn query_digits(url: &Url, key: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, v)| k == key && is_digits(v))
        .map(|(_, v)| v.into_owned())
}

/// The longest run of ASCII digits in `s`.
fn longest_digit_run(s: &str) -> usize {
    s.split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .max()
        .unwrap_or(0)
}

/// Digits in a row that make a number an identifier rather than a count or a day (`2020`, `12`).
const ID_DIGITS: usize = 5;

/// The id of a page of an unknown site: a numeric `id`, `sid`, `p` or `aid` query parameter
/// (`?p=12345`), else the last path segment, extension dropped, when it holds a number of at
/// least five digits (`/xinwenlianbo/20200927/` gives `20200927`, `/2020/09/2020921.html` gives
/// `2020921`). A slug without such a number gives `None`.
pub(crate) fn generic_article_id(url: &Url) -> Option<String> {
    if let Some(id) = ["id", "sid", "p", "aid"]
        .iter()
        .find_map(|k| query_digits(url, k))
        .filter(|id| id.len() >= ID_DIGITS)
    {
        return Some(id);
    }
    let stem = strip_page_extension(last_segment(url)?);
    (longest_digit_run(stem) >= ID_DIGITS).then(|| decode(stem))
}

/// A percent-encoded URL part decoded for display (invalid UTF-8 replaced).
pub(crate) fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifies_by_host_then_author() {
        let u = Url::parse("https://www.dw.com/zh/x/a-1").unwrap();
        assert_eq!(identify(Some(&u), None, &[]).outlet, Outlet::Dw);
        let u = Url::parse("https://notdw.com/x").unwrap();
        assert_eq!(identify(Some(&u), None, &[]).outlet, Outlet::Unknown);
        assert_eq!(identify(None, Some("德国之声"), &[]).outlet, Outlet::Dw);
        assert_eq!(identify(None, Some("someone"), &[]).outlet, Outlet::Unknown);
        assert_eq!(identify(None, None, &["reuters"]).outlet, Outlet::Reuters);
    }

    #[test]
    fn generic_ids_are_numbers_in_the_url() {
        let id = |s: &str| generic_article_id(&Url::parse(s).unwrap());
        assert_eq!(
            id("https://cn.govopendata.com/xinwenlianbo/20200927/").as_deref(),
            Some("20200927")
        );
        assert_eq!(
            id("https://wqw2010.blogspot.com/2020/09/2020921.html").as_deref(),
            Some("2020921")
        );
        assert_eq!(
            id("https://x.example/index.php?p=12345").as_deref(),
            Some("12345")
        );
        assert_eq!(id("https://x.example/a?id=98765&x=1").as_deref(), Some("98765"));
        assert_eq!(id("https://wqw2010.blogspot.com/2020/09/blog-post_95.html"), None);
        assert_eq!(id("https://nei.st/medium/caixin/cw864a"), None);
        assert_eq!(id("https://nei.st/medium/wsj/some-slug"), None);
        assert_eq!(id("https://x.example/a?id=12"), None);
        assert_eq!(id("https://x.example/"), None);
    }

    #[test]
    fn page_extensions_come_off() {
        assert_eq!(strip_page_extension("n1.htm"), "n1");
        assert_eq!(strip_page_extension("a.HTML"), "a");
        assert_eq!(strip_page_extension("1.aspx"), "1");
        assert_eq!(strip_page_extension(".html"), ".html");
        assert_eq!(strip_page_extension("photo.jpg"), "photo.jpg");
    }

    #[test]
    fn owned_hosts() {
        let reuters = rules(Outlet::Reuters);
        assert!(reuters.owns("www.reuters.com"));
        assert!(reuters.owns("tmsnrt.rs"));
        assert!(!reuters.owns("notreuters.com"));
        // Other hosts make links internal but do not identify items.
        let u = Url::parse("https://tmsnrt.rs/2ZFt4Pq").unwrap();
        assert_eq!(identify(Some(&u), None, &[]).outlet, Outlet::Unknown);
    }

    #[test]
    fn every_outlet_has_rules_and_a_unique_name() {
        let mut names: Vec<_> = ALL.iter().map(|r| r.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
        for r in ALL {
            assert_eq!(rules(r.outlet).name, r.name);
        }
    }
}
