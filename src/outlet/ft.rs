//! FT 中文网: an empty date block, `story-lead`, `story-image` images, `译者/` lines.

use url::Url;

use super::{BASE, Marker, Outlet, Rules, digits_after, last_segment};
use crate::model::BoilerplateKind::{Disclaimer, Summary};

pub(crate) static RULES: Rules = Rules {
    outlet: Outlet::Ft,
    name: "ft",
    hosts: &["ft.com", "ftchinese.com"],
    // FT Chinese's image host.
    other_hosts: &["ftacademy.cn"],
    authors: &["金融时报", "FT中文网", "英国金融时报", "FT"],
    article_id,
    boilerplate: &[
        (Disclaimer, Marker::Prefix("（本文仅代表作者")),
        (Disclaimer, Marker::Prefix("(本文仅代表作者")),
    ],
    // The standfirst above the lead image summarises what the article then tells.
    set_aside_classes: &[(Summary, "story-lead")],
    // Columns open the standfirst with the columnist's name: `叶胜舟：中美已陷入…`.
    standfirst_author: true,
    ..BASE
};

/// `/story/001088632`, `/interactive/12345`.
fn article_id(url: &Url) -> Option<String> {
    let last = last_segment(url)?;
    digits_after(last, "")
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
            id("https://cn.ft.com/story/001088632?full=y").as_deref(),
            Some("001088632")
        );
        assert_eq!(
            id("http://www.ftchinese.com/story/001087847?archive").as_deref(),
            Some("001087847")
        );
        assert_eq!(id("https://www.ftchinese.com/channel/china.html"), None);
    }
}
