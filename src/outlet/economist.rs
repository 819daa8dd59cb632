//! The Economist (English): an `<aside>` header with `<time dateTime>`, `<small>` small caps
//! (not captions), `■` end marks, print-edition notes and subscription prompts.

use url::Url;

use super::{BASE, Marker, Outlet, Rules};
use crate::model::BoilerplateKind::{Disclaimer, EndNote, Promo, Related};

pub(crate) static RULES: Rules = Rules {
    outlet: Outlet::Economist,
    name: "economist",
    hosts: &["economist.com"],
    authors: &["经济学人en", "The Economist", "Economist", "经济学人"],
    article_id,
    boilerplate: &[
        (EndNote, Marker::Prefix("This article appeared in")),
        (Promo, Marker::Prefix("For full access")),
        (Promo, Marker::Prefix("Please subscribe")),
        (Promo, Marker::Prefix("Listen on:")),
        (Promo, Marker::Contains("subscribe to The Economist")),
        (Related, Marker::Prefix("For more coverage")),
        (Related, Marker::Prefix("Dig deeper")),
        (Disclaimer, Marker::Prefix("Editor’s note")),
        (Disclaimer, Marker::Prefix("Editor's note")),
    ],
    skip_classes: &["advert", "ad-panel"],
    credits: &[Marker::Prefix("ILLUSTRATIONS:"), Marker::Prefix("ILLUSTRATION:")],
    ..BASE
};

/// `/section/2020/10/08/slug`: `2020/10/08/slug`.
fn article_id(url: &Url) -> Option<String> {
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    let year_at = segments
        .iter()
        .position(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))?;
    let rest = segments.get(year_at..)?;
    (rest.len() == 4).then(|| rest.join("/"))
}
