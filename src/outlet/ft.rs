//! FT 中文网: an empty date block, `story-lead`, `story-image` images, `译者/` lines.

use url::Url;

use super::{BASE, Marker, Outlet, Rules, digits_after, last_segment};
use crate::model::BoilerplateKind::Disclaimer;

pub(crate) static RULES: Rules = Rules {
    outlet: Outlet::Ft,
    name: "ft",
    hosts: &["ft.com", "ftchinese.com"],
    authors: &["金融时报", "FT中文网", "英国金融时报", "FT"],
    article_id,
    boilerplate: &[
        (Disclaimer, Marker::Prefix("（本文仅代表作者")),
        (Disclaimer, Marker::Prefix("(本文仅代表作者")),
    ],
    ..BASE
};

/// `/story/001088632`.
fn article_id(url: &Url) -> Option<String> {
    let last = last_segment(url)?;
    digits_after(last, "")
}
