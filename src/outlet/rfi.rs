//! RFI: `<div>15/06/2022 - 13:09</div>` (Paris time), direct images, AFP wire copy with
//! `<p class="t-copyright">`, share widgets and `<aside>` lists from 2023 on.

use url::Url;

use super::{BASE, Marker, Outlet, Rules, last_segment};
use crate::model::BoilerplateKind::{Related, Share};

pub(crate) static RULES: Rules = Rules {
    outlet: Outlet::Rfi,
    name: "rfi",
    hosts: &["rfi.fr"],
    authors: &["法广", "法國國際廣播電台", "法国国际广播电台", "RFI"],
    article_id,
    boilerplate: &[
        (Share, Marker::Prefix("分享 :")),
        (Share, Marker::Prefix("分享：")),
        (Related, Marker::Prefix("同一主题")),
        (Related, Marker::Prefix("同一主題")),
    ],
    skip_classes: &["m-interstitial", "m-feed-sub"],
    // The site's social-media card, put in front of items that have no photo.
    chrome_images: &["/meta_og_twcards/"],
    // The date block, day first, in Paris time.
    date_formats: &["%d/%m/%Y - %H:%M"],
    ..BASE
};

/// `.../cn/中国/20200727-slug`: the date-prefixed last segment.
fn article_id(url: &Url) -> Option<String> {
    let last = last_segment(url)?;
    let (date, slug) = last.split_once('-')?;
    let ok = date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) && !slug.is_empty();
    ok.then(|| super::decode(last))
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
            id("http://www.rfi.fr//cn/%E4%B8%AD%E5%9B%BD/20201111-%E6%8A%96%E9%9F%B3").as_deref(),
            Some("20201111-抖音")
        );
        assert_eq!(id("https://www.rfi.fr/cn/%E6%B8%AF%E8%82%A1"), None);
        assert_eq!(id("https://www.rfi.fr/cn/"), None);
    }
}
