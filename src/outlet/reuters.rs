//! Reuters: `<i>2020-10-15T02:56:54Z</i>` (or without `Z`: local), `StandardArticleBody`,
//! figures with `aria-label` captions, `路透北京8月17日 - ` datelines, `（完）` and
//! `编译 X；审校 Y` endings.

use url::Url;

use super::{BASE, DatelineSeparator, Marker, Outlet, Rules, last_segment};
use crate::model::BoilerplateKind::Chrome;

pub(crate) static RULES: Rules = Rules {
    outlet: Outlet::Reuters,
    name: "reuters",
    hosts: &["reuters.com"],
    // Reuters' short links.
    other_hosts: &["tmsnrt.rs", "reut.rs"],
    authors: &["路透", "路透社", "Reuters"],
    article_id,
    boilerplate: &[(Chrome, Marker::Contains("信任原则"))],
    skip_classes: &["Slideshow", "TrustBadge"],
    // `路透北京8月17日 - `: the wire's place and date.
    dateline_separators: &[DatelineSeparator {
        sep: " - ",
        max_chars: 25,
        digits: true,
        ends_with: Some("日"),
    }],
    ..BASE
};

/// `/article/slug-idCNKBS25E0EK` or `/article/idCNKBS25E0EK`: the `id...` suffix. Company,
/// quote and section pages carry none.
fn article_id(url: &Url) -> Option<String> {
    let last = last_segment(url)?;
    let id = match last.rsplit_once("-id") {
        Some((_, id)) => id,
        None => last.strip_prefix("id")?,
    };
    let ok = id.len() >= 6
        && id.bytes().all(|b| b.is_ascii_alphanumeric())
        && id.bytes().any(|b| b.is_ascii_digit());
    ok.then(|| format!("id{id}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> Option<String> {
        article_id(&Url::parse(s).unwrap())
    }

    #[test]
    fn ids() {
        assert_eq!(
            id("https://cn.reuters.com/article/hk-police-1120-fri-idCNKBS280042").as_deref(),
            Some("idCNKBS280042")
        );
        assert_eq!(
            id("https://www.reuters.com/article/idUSKBN28C0J4").as_deref(),
            Some("idUSKBN28C0J4")
        );
        assert_eq!(id("https://www.reuters.com/companies/0700.HK"), None);
        assert_eq!(id("https://cn.reuters.com/quote/CNYUSDCFXS"), None);
        assert_eq!(id("https://www.reuters.com/article/identity-theft"), None);
    }
}
