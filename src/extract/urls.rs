//! URLs in the body: resolution against the source URL, image-proxy unwrapping, link kinds.
//! Only http and https come out, decided by parsing, never by string prefix.

use url::Url;

use crate::model::LinkKind;
use crate::outlet::{self, Rules};

/// Resolves `raw` (absolute, protocol-relative or relative) against `base`; `None` unless the
/// result is http(s) with a host.
pub(crate) fn resolve(raw: &str, base: Option<&Url>) -> Option<Url> {
    let raw = raw.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    if raw.is_empty() {
        return None;
    }
    let url = match Url::parse(raw) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => match base {
            Some(b) => b.join(raw).ok()?,
            // Protocol-relative without a base: assume https, as browsers on https pages do.
            None if raw.starts_with("//") => Url::parse(&format!("https:{raw}")).ok()?,
            None => return None,
        },
        Err(_) => return None,
    };
    is_web(&url).then_some(url)
}

/// Whether `url` is http(s) with a host.
pub(crate) fn is_web(url: &Url) -> bool {
    matches!(url.scheme(), "http" | "https") && url.host_str().is_some_and(|h| !h.is_empty())
}

/// Image proxies whose `url` query parameter names the real image.
const PROXIES: &[&str] = &["images.weserv.nl", "wsrv.nl"];

/// If `url` goes through an image proxy, the image it proxies (absolute, http(s)).
pub(crate) fn unwrap_proxy(url: &Url) -> Option<Url> {
    let host = url.host_str()?;
    if !PROXIES.iter().any(|p| outlet::host_matches(host, p)) {
        return None;
    }
    let (_, target) = url.query_pairs().find(|(k, _)| k == "url")?;
    let target = target.trim();
    let lower = target.get(..8).unwrap_or(target).to_ascii_lowercase();
    let candidate = if target.starts_with("//") {
        format!("https:{target}")
    } else if lower.starts_with("http://") || lower.starts_with("https://") {
        target.to_owned()
    } else {
        // weserv takes bare host/path targets (`static.dw.com/image/1.jpg`), fetched over
        // https; `ssl:` is its older spelling of the same.
        format!("https://{}", target.strip_prefix("ssl:").unwrap_or(target))
    };
    Url::parse(&candidate).ok().filter(is_web)
}

/// A media source: resolved, then unwrapped. Returns (src, proxied_src).
pub(crate) fn media(raw: &str, base: Option<&Url>) -> Option<(Url, Option<Url>)> {
    let url = resolve(raw, base)?;
    let Some(mut inner) = unwrap_proxy(&url) else {
        return Some((url, None));
    };
    // A proxy of a proxy: unwrap a few levels (bounded: each level is a URL inside a query).
    for _ in 0..4 {
        match unwrap_proxy(&inner) {
            Some(next) => inner = next,
            None => break,
        }
    }
    Some((inner, Some(url)))
}

/// What a resolved link points at, and the referenced article's id for internal links.
pub(crate) fn classify(url: &Url, rules: &Rules) -> (LinkKind, Option<String>) {
    let own = url
        .host_str()
        .is_some_and(|h| rules.hosts.iter().any(|s| outlet::host_matches(h, s)));
    if own {
        if let Some(id) = (rules.article_id)(url) {
            return (LinkKind::Internal, Some(id));
        }
    }
    (LinkKind::External, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn resolves_relative_and_protocol_relative() {
        let base = u("https://www.voachinese.com/a/x/1.html");
        assert_eq!(
            resolve("/a/7119772.html", Some(&base)).unwrap().as_str(),
            "https://www.voachinese.com/a/7119772.html"
        );
        assert_eq!(
            resolve("//s1.reutersmedia.net/r/?m=02&d=1", None)
                .unwrap()
                .as_str(),
            "https://s1.reutersmedia.net/r/?m=02&d=1"
        );
        assert!(resolve("javascript:alert(1)", Some(&base)).is_none());
        assert!(resolve("JaVaScRiPt:alert(1)", Some(&base)).is_none());
        assert!(resolve("whatsapp://send?text=x", Some(&base)).is_none());
        assert!(resolve("data:image/png;base64,AAAA", Some(&base)).is_none());
        assert!(resolve("mailto:a@b.c", Some(&base)).is_none());
        assert!(resolve("", Some(&base)).is_none());
        assert!(resolve("relative/only", None).is_none());
    }

    #[test]
    fn unwraps_weserv_in_all_its_forms() {
        let cases = [
            (
                "https://images.weserv.nl/?url=static.dw.com/image/65721971_303.jpg",
                "https://static.dw.com/image/65721971_303.jpg",
            ),
            (
                "https://images.weserv.nl?url=gdb.voanews.com/a/b.jpg&w=800",
                "https://gdb.voanews.com/a/b.jpg",
            ),
            (
                "https://images.weserv.nl/?url=https%3A%2F%2Fx.example%2Fa%20b.jpg",
                "https://x.example/a%20b.jpg",
            ),
            (
                "https://images.weserv.nl/?w=1&url=ssl:x.example/i.png",
                "https://x.example/i.png",
            ),
        ];
        for (raw, want) in cases {
            let (src, proxied) = media(raw, None).unwrap();
            assert_eq!(src.as_str(), want);
            assert_eq!(proxied.unwrap().as_str(), Url::parse(raw).unwrap().as_str());
        }
        let (src, proxied) = media("https://static.dw.com/image/1.jpg", None).unwrap();
        assert_eq!(src.as_str(), "https://static.dw.com/image/1.jpg");
        assert!(proxied.is_none());
    }

    #[test]
    fn nested_proxies_are_unwrapped() {
        let raw = "https://images.weserv.nl/?url=images.weserv.nl/%3Furl%3Dstatic.dw.com/image/1.jpg";
        let (src, proxied) = media(raw, None).unwrap();
        assert_eq!(src.as_str(), "https://static.dw.com/image/1.jpg");
        assert_eq!(proxied.unwrap().as_str(), raw);
    }

    #[test]
    fn internal_links_carry_ids() {
        let dw = crate::outlet::rules(crate::outlet::Outlet::Dw);
        assert_eq!(
            classify(&u("https://api.dw.com/api/detail/article/65709846"), dw),
            (LinkKind::Internal, Some("65709846".to_owned()))
        );
        assert_eq!(
            classify(&u("https://www.dw.com/zh/x/a-54378429"), dw),
            (LinkKind::Internal, Some("54378429".to_owned()))
        );
        assert_eq!(
            classify(&u("https://example.com/a-1"), dw),
            (LinkKind::External, None)
        );
    }
}
