//! CNA: no date block; `fullPic`/`picinfo` captions, `paragraph` divs, `（中央社記者X台北9日電）`
//! datelines, newsletter and related-article widgets, embeds and scripts.

use url::Url;

use super::{BASE, Marker, Outlet, Rules, digits_after, last_segment};
use crate::model::BoilerplateKind::{Promo, Related};

pub(crate) static RULES: Rules = Rules {
    outlet: Outlet::Cna,
    name: "cna",
    hosts: &["cna.com.tw"],
    authors: &["(臺)中央社CNA", "中央社", "中央通讯社", "中央通訊社", "CNA"],
    article_id,
    boilerplate: &[
        (Promo, Marker::Contains("電子報")),
        (Promo, Marker::Contains("快來訂閱")),
        (Related, Marker::Prefix("延伸閱讀")),
    ],
    skip_classes: &[
        "SubscriptionInner",
        "bottomArticleBanner",
        "moreArticle",
        "errorMsg",
        "endMsg",
        "adslot",
    ],
    ..BASE
};

/// `/news/aopl/202009020012.aspx`.
fn article_id(url: &Url) -> Option<String> {
    let last = last_segment(url)?;
    digits_after(last.strip_suffix(".aspx")?, "")
}
