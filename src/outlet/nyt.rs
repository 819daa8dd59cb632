//! NYT: `<i>AUTHOR<br>2020-11-17 11:38:29</i>` (no zone), weserv images with `<small>`
//! captions, subscription promos, `翻译：` lines, `X——` datelines.

use url::Url;

use super::{BASE, DatelineSeparator, Marker, Outlet, Rules};
use crate::model::BoilerplateKind::{EndNote, Promo, Staff};

pub(crate) static RULES: Rules = Rules {
    outlet: Outlet::Nyt,
    name: "nyt",
    hosts: &["nytimes.com", "nytcn.me"],
    authors: &["纽约时报", "紐約時報", "NYT"],
    article_id,
    boilerplate: &[
        (Promo, Marker::Contains("点击此处订阅")),
        (Promo, Marker::Contains("點擊此處訂閱")),
        (Promo, Marker::Prefix("感谢阅读")),
        (Promo, Marker::Prefix("（本文稍后将有更新")),
        (Promo, Marker::Contains("订阅《纽约时报》")),
        // Author bios close many items: `X是《纽约时报》驻香港记者...`.
        (Staff, Marker::Contains("是《纽约时报》驻")),
        (Staff, Marker::Contains("是《紐約時報》駐")),
        (EndNote, Marker::Prefix("本文最初发表于")),
    ],
    dateline_separators: &[DatelineSeparator::place("——"), DatelineSeparator::place(" — ")],
    ..BASE
};

/// `cn.nytimes.com/china/20201117/slug/`: `20201117/slug`.
fn article_id(url: &Url) -> Option<String> {
    if !url.host_str().is_some_and(|h| h.starts_with("cn.")) {
        return None;
    }
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    let date_at = segments
        .iter()
        .position(|s| s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()))?;
    let slug = segments.get(date_at + 1)?;
    Some(format!("{}/{slug}", segments.get(date_at)?))
}
