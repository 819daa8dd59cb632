//! Deutsche Welle: `<div><i>AUTHOR<br>ISO-8601Z</i></div>`, weserv-proxied images with
//! `<small>` captions, `api.dw.com/api/detail/article/N` links, `（德国之声中文网）` datelines.

use url::Url;

use super::{BASE, Marker, Outlet, Rules, digits_after};
use crate::model::BoilerplateKind::{Disclaimer, Promo, Related};

pub(crate) static RULES: Rules = Rules {
    outlet: Outlet::Dw,
    name: "dw",
    hosts: &["dw.com"],
    authors: &["德国之声", "DW", "Deutsche Welle"],
    article_id,
    boilerplate: &[
        (Promo, Marker::Prefix("德国之声致力于")),
        (Promo, Marker::Prefix("德國之聲致力於")),
        (Disclaimer, Marker::Contains("不代表德国之声")),
        (Disclaimer, Marker::Contains("不代表德國之聲")),
        (Related, Marker::Prefix("延伸阅读")),
        (Related, Marker::Prefix("延伸閱讀")),
    ],
    gallery_captions: true,
    ..BASE
};

/// `.../a-65724304` on the site, `/api/detail/article/65709846` on the API.
fn article_id(url: &Url) -> Option<String> {
    let mut segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    let last = segments.pop()?;
    if segments.ends_with(&["detail", "article"]) {
        return digits_after(last, "");
    }
    digits_after(last, "a-")
}
