//! VOA: `<div><i>RFC 2822 GMT</i></div>`, weserv images without the slash (`weserv.nl?url=`),
//! relative `/a/N.html` links, `<p>` split by `<br /><br />`, `华盛顿 — ` datelines.

use url::Url;

use super::{BASE, DatelineSeparator, Marker, Outlet, Rules, digits_after};
use crate::model::BoilerplateKind::Promo;

pub(crate) static RULES: Rules = Rules {
    outlet: Outlet::Voa,
    name: "voa",
    hosts: &["voachinese.com", "voacantonese.com", "voanews.com"],
    authors: &["美国之音", "美國之音", "VOA"],
    article_id,
    boilerplate: &[
        (Promo, Marker::Contains("时事大家谈》YouTube")),
        (Promo, Marker::Contains("YouTube播放列表")),
        (Promo, Marker::Prefix("请同时参阅")),
    ],
    dateline_separators: &[DatelineSeparator::place(" — "), DatelineSeparator::place(" —")],
    ..BASE
};

/// `/a/7119772.html` or `/a/some-slug/7119772.html`.
fn article_id(url: &Url) -> Option<String> {
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    if segments.first() != Some(&"a") {
        return None;
    }
    let last = segments.last()?.strip_suffix(".html")?;
    digits_after(last, "")
}
