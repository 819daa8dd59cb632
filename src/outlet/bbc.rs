//! BBC 中文: `2020年 7月 17日` date-only blocks (old layout) or `<time datetime>` (new),
//! `figcaption` captions, `图片版权` credits behind screen-reader labels.

use url::Url;

use super::{BASE, Marker, Outlet, Rules, digits_after, last_segment};
use crate::model::BoilerplateKind::Related;

pub(crate) static RULES: Rules = Rules {
    outlet: Outlet::Bbc,
    name: "bbc",
    hosts: &["bbc.com", "bbc.co.uk"],
    authors: &["BBC", "BBC中文网", "BBC中文"],
    article_id,
    boilerplate: &[
        (Related, Marker::Exact("相关内容")),
        (Related, Marker::Exact("延伸阅读")),
        (Related, Marker::Exact("相关话题")),
    ],
    skip_classes: &["media-placeholder"],
    ..BASE
};

/// `/zhongwen/simp/world-55565454`.
fn article_id(url: &Url) -> Option<String> {
    let last = last_segment(url)?;
    let (_, id) = last.rsplit_once('-')?;
    digits_after(id, "")
}
