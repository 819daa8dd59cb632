//! CNA: no date block; `fullPic`/`picinfo` captions, `paragraph` divs, `（中央社記者X台北9日電）`
//! datelines, newsletter and related-article widgets, embeds and scripts.

use url::Url;

use super::{BASE, Marker, Outlet, Rules, is_digits, last_segment, strip_page_extension};
use crate::model::BoilerplateKind::{Promo, Related, Widget};

pub(crate) static RULES: Rules = Rules {
    outlet: Outlet::Cna,
    name: "cna",
    hosts: &["cna.com.tw"],
    // Focus Taiwan, CNA's English service.
    other_hosts: &["focustaiwan.tw"],
    authors: &["(臺)中央社CNA", "中央社", "中央通讯社", "中央通訊社", "CNA"],
    article_id,
    boilerplate: &[
        (Promo, Marker::Contains("電子報")),
        (Promo, Marker::Contains("快來訂閱")),
        (Related, Marker::Prefix("延伸閱讀")),
        // The credit line under an Infogram embed: `TITLE` then `Infogram`, both links.
        (Widget, Marker::Contains("\nInfogram")),
    ],
    skip_classes: &[
        "SubscriptionInner",
        "bottomArticleBanner",
        "moreArticle",
        "errorMsg",
        "endMsg",
        "adslot",
    ],
    caption_classes: &["picinfo"],
    date_code: Some(roc_date),
    ..BASE
};

/// CNA's closing date code: ROC year (1912 = year 1), month, day: `1091123` is 2020-11-23.
fn roc_date(code: &str) -> Option<chrono::NaiveDate> {
    if code.len() != 7 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| code.get(r).and_then(|s| s.parse::<u32>().ok());
    let year = i32::try_from(num(0..3)?).ok()? + 1911;
    chrono::NaiveDate::from_ymd_opt(year, num(3..5)?, num(5..7)?)
}

/// `/news/aopl/202009020012.aspx` (Focus Taiwan: `/politics/202012230012`): the number.
fn article_id(url: &Url) -> Option<String> {
    let last = strip_page_extension(last_segment(url)?);
    (is_digits(last) && last.len() >= 8).then(|| last.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> Option<String> {
        article_id(&Url::parse(s).unwrap())
    }

    #[test]
    fn roc_date_codes() {
        assert_eq!(
            roc_date("1091123").map(|d| d.to_string()),
            Some("2020-11-23".to_owned())
        );
        assert_eq!(
            roc_date("1100108").map(|d| d.to_string()),
            Some("2021-01-08".to_owned())
        );
        assert_eq!(roc_date("1091323"), None);
        assert_eq!(roc_date("109112"), None);
        assert_eq!(roc_date("10911233"), None);
    }

    #[test]
    fn ids() {
        assert_eq!(
            id("https://www.cna.com.tw/news/aopl/202009020012.aspx").as_deref(),
            Some("202009020012")
        );
        assert_eq!(
            id("https://focustaiwan.tw/politics/202012230012").as_deref(),
            Some("202012230012")
        );
        assert_eq!(id("https://project.cna.com.tw/20201005-USelection/"), None);
        assert_eq!(id("https://www.cna.com.tw/list/aall.aspx"), None);
    }
}
