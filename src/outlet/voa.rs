//! VOA: `<div><i>RFC 2822 GMT</i></div>`, weserv images without the slash (`weserv.nl?url=`),
//! relative `/a/N.html` links, `<p>` split by `<br /><br />`, `华盛顿 — ` datelines.

use url::Url;

use super::{BASE, DatelineSeparator, Marker, Outlet, Rules, is_digits, last_segment};
use crate::model::BoilerplateKind::Promo;

pub(crate) static RULES: Rules = Rules {
    outlet: Outlet::Voa,
    name: "voa",
    hosts: &["voachinese.com", "voacantonese.com", "voanews.com"],
    // VOA's document host.
    other_hosts: &["voanews.eu"],
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

/// `/a/7119772.html`, `/a/some-slug/7119772.html`, `/media/video/5509911.html`: the number.
fn article_id(url: &Url) -> Option<String> {
    let last = last_segment(url)?.strip_suffix(".html")?;
    (is_digits(last) && last.len() >= 5).then(|| last.to_owned())
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
            id("https://www.voachinese.com/a/x-20201225/5714055.html").as_deref(),
            Some("5714055")
        );
        assert_eq!(
            id("https://www.voachinese.com/a/5652975.html").as_deref(),
            Some("5652975")
        );
        assert_eq!(
            id("https://www.voacantonese.com/media/video/5509911.html").as_deref(),
            Some("5509911")
        );
        assert_eq!(id("https://www.voachinese.com/z/1757"), None);
        assert_eq!(
            id("https://www.voachinese.com/a/deng-yuwen-account-frozen/x"),
            None
        );
    }
}
