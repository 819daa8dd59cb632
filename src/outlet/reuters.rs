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

/// `/article/slug-idCNKBS25E0EK`: the `id...` suffix.
fn article_id(url: &Url) -> Option<String> {
    let last = last_segment(url)?;
    let (_, id) = last.rsplit_once("-id")?;
    (id.len() >= 6 && id.bytes().all(|b| b.is_ascii_alphanumeric())).then(|| format!("id{id}"))
}
