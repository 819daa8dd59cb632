//! Deutsche Welle: `<div><i>AUTHOR<br>ISO-8601Z</i></div>`, weserv-proxied images with
//! `<small>` captions, `api.dw.com/api/detail/article/N` links, `（德国之声中文网）` datelines.

use url::Url;

use super::{BASE, Marker, Outlet, Rules, digits_after, segments};
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
        // The title of an embedded gallery; its pictures stay figures with their captions.
        (Related, Marker::Prefix("相关图集：")),
        (Related, Marker::Prefix("相關圖集：")),
    ],
    gallery_captions: true,
    ..BASE
};

/// `.../a-65724304` (article), `.../av-65724304` (video), `.../g-65724304` (gallery) on the
/// site, `/api/detail/article/65709846` on the API. A `?` left unescaped in the slug
/// (`/zh/标题?/a-55717405`) puts the id in the query: it is read there too.
fn article_id(url: &Url) -> Option<String> {
    let mut segments = segments(url);
    if let Some(rest) = url.query().and_then(|q| q.strip_prefix('/')) {
        segments.extend(rest.split('/').filter(|s| !s.is_empty()));
    }
    let last = segments.pop()?;
    if segments.ends_with(&["detail", "article"]) {
        return digits_after(last, "");
    }
    ["a-", "av-", "g-"]
        .iter()
        .find_map(|prefix| digits_after(last, prefix))
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
            id("https://www.dw.com/zh/x/a-65724304").as_deref(),
            Some("65724304")
        );
        assert_eq!(
            id("https://www.dw.com/zh/x/av-55001122").as_deref(),
            Some("55001122")
        );
        assert_eq!(
            id("https://www.dw.com/zh/x/g-55001122").as_deref(),
            Some("55001122")
        );
        assert_eq!(
            id("https://api.dw.com/api/detail/article/65709846").as_deref(),
            Some("65709846")
        );
        assert_eq!(
            id("https://www.dw.com/zh/%E7%9C%8B?/a-54852928").as_deref(),
            Some("54852928")
        );
        assert_eq!(id("https://www.dw.com/zh/加入美国"), None);
        assert_eq!(id("https://www.dw.com/zh/x/s-9058"), None);
        assert_eq!(id("https://www.dw.com/zh/x/a-12x"), None);
        assert_eq!(id("https://www.dw.com/?q=/x"), None);
    }
}
