//! Outlets: who published an item, and the small declarative facts about each one's HTML.
//!
//! Adding an outlet means adding one file here with its [`Rules`] and listing it in [`ALL`].

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
            Marker::Prefix(p) => text.starts_with(p),
            Marker::Contains(p) => text.contains(p),
            Marker::Exact(p) => text == p,
        }
    }
}

/// The declarative facts about one outlet.
pub(crate) struct Rules {
    pub(crate) outlet: Outlet,
    /// Stable name.
    pub(crate) name: &'static str,
    /// Host suffixes of the outlet's sites (`dw.com` matches `www.dw.com`).
    pub(crate) hosts: &'static [&'static str],
    /// Front-matter `author` values naming the outlet.
    pub(crate) authors: &'static [&'static str],
    /// The article id carried by one of the outlet's URLs.
    pub(crate) article_id: fn(&Url) -> Option<String>,
    /// Paragraphs that are not article text, with why.
    pub(crate) boilerplate: &'static [(BoilerplateKind, Marker)],
    /// Elements whose class contains one of these are skipped entirely (widgets, ads, chrome).
    pub(crate) skip_classes: &'static [&'static str],
    /// Closing lines that credit reporters or agencies beyond the generic bracketed forms.
    pub(crate) credits: &'static [Marker],
    /// Text after an image inside the same `<div>` is that image's caption (DW galleries:
    /// `<div><img ...><b>TITLE</b>：TEXT</div>`).
    pub(crate) gallery_captions: bool,
    /// Separators after a place name that open the first paragraph (`华盛顿 — `, `台北——`,
    /// `路透北京8月17日 - `); bracketed datelines (`（德国之声中文网）`) need no rule.
    pub(crate) dateline_separators: &'static [DatelineSeparator],
    /// Datelines in brackets of the outlet's own (`【大纪元2020年11月15日讯】`): (open, close,
    /// words one of which the inside holds). A reporter bracket right after it
    /// (`（大纪元记者X报导）`) belongs to the dateline.
    pub(crate) dateline_brackets: &'static [(char, char, &'static [&'static str])],
    /// Reads the date code the outlet closes its items with (CNA's `（編輯：X）1091123`), if it has one.
    pub(crate) date_code: Option<fn(&str) -> Option<chrono::NaiveDate>>,
}

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

const fn none(_: &Url) -> Option<String> {
    None
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
pub(crate) static GENERIC: Rules = BASE;

/// Empty rules: what every outlet has unless its file says otherwise.
pub(crate) const BASE: Rules = Rules {
    outlet: Outlet::Unknown,
    name: "unknown",
    hosts: &[],
    authors: &[],
    article_id: none,
    boilerplate: &[],
    skip_classes: &[],
    credits: &[],
    gallery_captions: false,
    dateline_separators: &[],
    dateline_brackets: &[],
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
                .any(|c| c.trim().eq_ignore_ascii_case(r.name) || r.authors.contains(&c.trim()))
    };
    ALL.iter().copied().find(named).unwrap_or(&GENERIC)
}

/// The URL's last non-empty path segment.
pub(crate) fn last_segment(url: &Url) -> Option<&str> {
    url.path_segments()?.rfind(|s| !s.is_empty())
}

/// The last path segment that is all digits after `prefix` (`a-65724304` with prefix `a-`).
pub(crate) fn digits_after(segment: &str, prefix: &str) -> Option<String> {
    let rest = segment.strip_prefix(prefix)?;
    (!rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())).then(|| rest.to_owned())
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
