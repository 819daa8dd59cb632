//! URLs in the body: resolution against the source URL, image-proxy unwrapping, link kinds.
//! Only http and https come out, decided by parsing, never by string prefix.
//!
//! Nothing here knows an outlet: hosts and id forms come from the outlet's [`Rules`].

use crate::text::Trim;
use url::Url;

use crate::model::LinkKind;
use crate::outlet::{self, MIRROR, Outlet, Rules};

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
    // `https://host.commailto:a@b.c` parses with a user name: it is a mail link.
    if url.username().to_ascii_lowercase().ends_with("mailto") {
        return None;
    }
    let url = unglue(url);
    is_web(&url).then_some(url)
}

/// Repairs a URL glued to another by a feed that lost the second one's colon:
/// `http://https//www.bbc.com/x` and `https://www.economist.comhttps//www.economist.com/x` both
/// point at the inner URL. No top-level domain ends in `http`, so a host that does, followed by
/// a path opening with `//`, can only be such a glue.
fn unglue(url: Url) -> Url {
    let Some(host) = url.host_str() else {
        return url;
    };
    let scheme = if host.ends_with("https") {
        "https"
    } else if host.ends_with("http") {
        "http"
    } else {
        return url;
    };
    let Some(rest) = url.path().strip_prefix("//") else {
        return url;
    };
    let mut inner = format!("{scheme}://{rest}");
    if let Some(q) = url.query() {
        inner.push('?');
        inner.push_str(q);
    }
    if let Some(f) = url.fragment() {
        inner.push('#');
        inner.push_str(f);
    }
    Url::parse(&inner).ok().filter(is_web).unwrap_or(url)
}

/// Whether `url` is http(s) with a host.
pub(crate) fn is_web(url: &Url) -> bool {
    matches!(url.scheme(), "http" | "https") && url.host_str().is_some_and(|h| !h.is_empty())
}

/// If `url` goes through an image proxy, the image it proxies (absolute, http(s)): the `?url=`
/// parameter of one of the mirror's proxies, or a nested absolute URL after a resizer's options
/// in the path (thumbor's `/unsafe/1340x754/https://…`, Cloudflare's
/// `/cdn-cgi/image/width=800/https://…`).
pub(crate) fn unwrap_proxy(url: &Url) -> Option<Url> {
    query_proxy(url).or_else(|| path_proxy(url))
}

fn query_proxy(url: &Url) -> Option<Url> {
    let host = url.host_str()?;
    if !MIRROR.image_proxies.iter().any(|p| outlet::host_matches(host, p)) {
        return None;
    }
    let (_, target) = url.query_pairs().find(|(k, _)| k == "url")?;
    let target = target.trim_ws();
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

/// A resizer path: options, then the image's own absolute URL. The options are read by each
/// resizer's grammar, so a path that merely contains a URL (BBC's `socialembed/https://…`
/// pictures of a post) is not taken for a proxy.
fn path_proxy(url: &Url) -> Option<Url> {
    let (first, mut rest) = url.path().strip_prefix('/')?.split_once('/')?;
    let thumbor = first == "unsafe" || is_thumbor_signature(first);
    if !thumbor {
        let (image, after) = rest.split_once('/')?;
        // One options segment: `width=800,quality=75`.
        let (options, after) = after.split_once('/')?;
        if first != "cdn-cgi" || image != "image" || !options.contains('=') {
            return None;
        }
        rest = after;
    }
    loop {
        if let Some(target) = nested_url(rest, url.query()) {
            return Some(target);
        }
        let (option, after) = rest.split_once('/')?;
        if !(thumbor && is_thumbor_option(option)) {
            return None;
        }
        rest = after;
    }
}

/// `rest` (a path tail, with the outer query) as an absolute http(s) URL: written out
/// (`https://x/a.jpg`) or percent-encoded in one segment (`https%3A%2F%2Fx%2Fa.jpg`).
fn nested_url(rest: &str, query: Option<&str>) -> Option<Url> {
    let decoded;
    let text = if rest.len() > 8 && rest.get(..8).is_some_and(|p| p.contains('%')) {
        decoded = outlet::decode(rest);
        decoded.as_str()
    } else {
        rest
    };
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    let full = match query {
        Some(q) => format!("{text}?{q}"),
        None => text.to_owned(),
    };
    Url::parse(&full).ok().filter(is_web)
}

/// thumbor's URL signature: 28 base64url characters (an HMAC-SHA1), the last often `=`.
fn is_thumbor_signature(s: &str) -> bool {
    matches!(s.len(), 27 | 28)
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'='))
}

/// One of thumbor's option segments: `meta`, `trim[:…]`, `AxB:CxD` (crop), `fit-in` and its
/// variants, `[-]WxH` (size), alignments, `smart`, `filters:…`.
fn is_thumbor_option(s: &str) -> bool {
    let size = |t: &str| {
        t.split_once('x').is_some_and(|(w, h)| {
            let num = |n: &str| {
                n.strip_prefix('-')
                    .unwrap_or(n)
                    .bytes()
                    .all(|b| b.is_ascii_digit())
            };
            num(w) && num(h) && (!w.is_empty() || !h.is_empty())
        })
    };
    matches!(
        s,
        "meta"
            | "trim"
            | "fit-in"
            | "full-fit-in"
            | "adaptive-fit-in"
            | "adaptive-full-fit-in"
            | "left"
            | "right"
            | "center"
            | "top"
            | "middle"
            | "bottom"
            | "smart"
    ) || s.starts_with("trim:")
        || s.starts_with("filters:")
        || size(s)
        || s.split_once(':').is_some_and(|(a, b)| size(a) && size(b))
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
///
/// Internal means a page of the outlet's own sites ([`Rules::owns`]), article or not; for an
/// unknown outlet, a page on the registrable domain of the item's `source` URL. The id is the
/// outlet's id for the page when it is an article, and none for a fragment of the item's own page
/// (`…/20201031/#207644`), which points into this article, not at another one.
pub(crate) fn classify(url: &Url, rules: &Rules, source: Option<&Url>) -> (LinkKind, Option<String>) {
    let Some(host) = url.host_str() else {
        return (LinkKind::External, None);
    };
    let own = if rules.outlet == Outlet::Unknown {
        source
            .and_then(Url::host_str)
            .is_some_and(|s| registrable_domain(s) == registrable_domain(host))
    } else {
        rules.owns(host)
    };
    if !own {
        return (LinkKind::External, None);
    }
    if url.fragment().is_some() && source.is_some_and(|s| same_document(url, s)) {
        return (LinkKind::Internal, None);
    }
    (LinkKind::Internal, (rules.article_id)(url))
}

/// Whether `a` and `b` name the same document: same host, path (a trailing `/` aside) and
/// query; scheme and fragment aside.
fn same_document(a: &Url, b: &Url) -> bool {
    a.host_str() == b.host_str()
        && a.path().trim_end_matches('/') == b.path().trim_end_matches('/')
        && a.query() == b.query()
}

/// Second-level labels under which a country's domains are registered (`com.cn`, `co.uk`,
/// `org.tw`, `co.jp`, `ne.jp`, `idv.tw`, ...).
const GENERIC_SLDS: &[&str] = &[
    "ac", "co", "com", "edu", "go", "gov", "idv", "mil", "ne", "net", "or", "org",
];

/// Hosting platforms whose subdomains are separate sites (`x.blogspot.com`, `y.github.io`).
const HOSTING_SUFFIXES: &[&str] = &[
    "blogspot.com",
    "wordpress.com",
    "github.io",
    "tumblr.com",
    "substack.com",
    "medium.com",
];

/// The part of `host` a site registers: the last two labels (`bbc.com` for `www.bbc.com`), three
/// under a country's generic second level (`cna.com.tw`, `bbc.co.uk`) or on a hosting platform
/// (`wqw2010.blogspot.com`). IP addresses and single labels are returned whole. An approximation of
/// the Public Suffix List that needs no list.
pub(crate) fn registrable_domain(host: &str) -> &str {
    let host = host.trim_end_matches('.');
    if host.parse::<std::net::IpAddr>().is_ok() || host.starts_with('[') {
        return host;
    }
    let labels: Vec<&str> = host.rsplit('.').collect();
    let keep = match labels.as_slice() {
        [tld, sld, ..] if tld.len() == 2 && GENERIC_SLDS.contains(sld) => 3,
        _ if HOSTING_SUFFIXES
            .iter()
            .any(|s| outlet::host_matches(host, s) && host != *s) =>
        {
            3
        }
        _ => 2,
    };
    if labels.len() <= keep {
        return host;
    }
    let cut: usize = labels.iter().take(keep).map(|l| l.len() + 1).sum();
    host.get(host.len() + 1 - cut..).unwrap_or(host)
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
    fn unwraps_thumbor_and_cloudflare_paths() {
        let cases = [
            (
                "https://thumbor.ftacademy.cn/unsafe/1340x754/https://thumbor.ftacademy.cn/unsafe/picture/7/000090767_piclink.jpg",
                "https://thumbor.ftacademy.cn/unsafe/picture/7/000090767_piclink.jpg",
            ),
            (
                "https://t.example/unsafe/fit-in/-300x0/smart/filters:quality(80)/http://img.example/a/b.jpg?v=2",
                "http://img.example/a/b.jpg?v=2",
            ),
            (
                "https://t.example/unsafe/10x20:300x400/https%3A%2F%2Fimg.example%2Fa.jpg",
                "https://img.example/a.jpg",
            ),
            (
                "https://t.example/AbCdEfGhIjKlMnOpQrStUvWxYz0=/300x200/https://img.example/a.jpg",
                "https://img.example/a.jpg",
            ),
            (
                "https://news.example/cdn-cgi/image/width=800,quality=75/https://img.example/a.png",
                "https://img.example/a.png",
            ),
            (
                "https://images.weserv.nl/?url=https://thumbor.example/unsafe/100x100/https://img.example/x.jpg",
                "https://img.example/x.jpg",
            ),
        ];
        for (raw, want) in cases {
            let (src, proxied) = media(raw, None).unwrap();
            assert_eq!(src.as_str(), want, "{raw}");
            assert_eq!(proxied.unwrap().as_str(), Url::parse(raw).unwrap().as_str());
        }
    }

    #[test]
    fn urls_inside_other_paths_are_not_proxies() {
        for raw in [
            // A BBC picture of an embedded post, not a proxy of the post.
            "https://ichef.bbci.co.uk/news/1024/socialembed/https://www.youtube.com/watch?v=O25spSpmjtw~/zhongwen/simp/business-53734332",
            // The Economist's resizer with a path on its own storage.
            "https://www.economist.com/img/b/1280/720/90/sites/default/files/a.jpg",
            // thumbor with an image from its own storage: nothing to unwrap.
            "https://thumbor.ftacademy.cn/unsafe/picture/7/000090767_piclink.jpg",
            // Not an option before the URL.
            "https://t.example/unsafe/picture/https://img.example/a.jpg",
            "https://x.example/cdn-cgi/image/https://img.example/a.jpg",
            "https://x.example/unsafe/300x200/ftp://img.example/a.jpg",
            "https://x.example/gallery/?url=https://img.example/a.jpg",
        ] {
            let (src, proxied) = media(raw, None).unwrap();
            assert_eq!(src.as_str(), Url::parse(raw).unwrap().as_str(), "{raw}");
            assert!(proxied.is_none(), "{raw}");
        }
    }

    #[test]
    fn glued_urls_are_repaired() {
        assert_eq!(
            resolve("http://https//www.bbc.com/zhongwen/simp/world-54277046", None)
                .unwrap()
                .as_str(),
            "https://www.bbc.com/zhongwen/simp/world-54277046"
        );
        assert_eq!(
            resolve(
                "https://www.economist.comhttps//www.economist.com/a/2021/01/09/b?x=1#c",
                None
            )
            .unwrap()
            .as_str(),
            "https://www.economist.com/a/2021/01/09/b?x=1#c"
        );
        assert_eq!(
            resolve("https://www.economist.comhttp//espresso.economist.com/2a2d", None)
                .unwrap()
                .as_str(),
            "http://espresso.economist.com/2a2d"
        );
        assert!(resolve("https://www.economist.commailto:someone@economist.com", None).is_none());
        // Hosts that merely contain the word stay as they are.
        assert_eq!(
            resolve("https://httpsdemo.example/x", None).unwrap().as_str(),
            "https://httpsdemo.example/x"
        );
        assert_eq!(
            resolve("https://user:pw@x.example/a", None).unwrap().as_str(),
            "https://user:pw@x.example/a"
        );
    }

    #[test]
    fn registrable_domains() {
        let cases = [
            ("www.bbc.com", "bbc.com"),
            ("www.bbc.co.uk", "bbc.co.uk"),
            ("news.bbc.co.uk", "bbc.co.uk"),
            ("www.cna.com.tw", "cna.com.tw"),
            ("www.rti.org.tw", "rti.org.tw"),
            ("www.zaobao.com.sg", "zaobao.com.sg"),
            ("www.asahi.co.jp", "asahi.co.jp"),
            ("cn.govopendata.com", "govopendata.com"),
            ("wqw2010.blogspot.com", "wqw2010.blogspot.com"),
            ("1.bp.blogspot.com", "bp.blogspot.com"),
            ("blogspot.com", "blogspot.com"),
            ("nei.st", "nei.st"),
            ("t.co", "t.co"),
            ("com.tw", "com.tw"),
            ("localhost", "localhost"),
            ("127.0.0.1", "127.0.0.1"),
            ("[::1]", "[::1]"),
        ];
        for (host, want) in cases {
            assert_eq!(registrable_domain(host), want, "{host}");
        }
    }

    #[test]
    fn internal_links_carry_ids() {
        let dw = crate::outlet::rules(Outlet::Dw);
        assert_eq!(
            classify(&u("https://api.dw.com/api/detail/article/65709846"), dw, None),
            (LinkKind::Internal, Some("65709846".to_owned()))
        );
        assert_eq!(
            classify(&u("https://www.dw.com/zh/x/a-54378429"), dw, None),
            (LinkKind::Internal, Some("54378429".to_owned()))
        );
        assert_eq!(
            classify(&u("https://example.com/a-1"), dw, None),
            (LinkKind::External, None)
        );
    }

    #[test]
    fn any_page_of_the_outlets_sites_is_internal() {
        let cases = [
            (
                Outlet::EpochTimes,
                "https://www.epochtimes.com/gb/tag/%E6%96%B0%E7%96%86.html",
                None,
            ),
            (
                Outlet::EpochTimes,
                "https://www.epochtimes.com/gb/20/11/4/n12525453.htm",
                Some("n12525453"),
            ),
            (Outlet::Reuters, "https://www.reuters.com/companies/0700.HK", None),
            (Outlet::Reuters, "https://tmsnrt.rs/2ZFt4Pq", None),
            (
                Outlet::Nyt,
                "https://www.nytimes.com/2020/06/16/world/asia/x.html",
                Some("2020/06/16/world/asia/x"),
            ),
            (
                Outlet::Nyt,
                "https://archive.nytimes.com/www.nytimes.com/ref/international/24MEMO-GUIDE.html",
                None,
            ),
            (Outlet::Nyt, "https://m.cn.nytimes.com/morning-brief/", None),
            (
                Outlet::Zaobao,
                "https://www.zaobao.com.sg/realtime/china/story20200810-1075904",
                Some("story20200810-1075904"),
            ),
            (
                Outlet::Rti,
                "https://www.rti.org.tw/news/view/id/2074506",
                Some("2074506"),
            ),
            (
                Outlet::Solidot,
                "https://www.solidot.org/story?sid=65911",
                Some("65911"),
            ),
            (Outlet::BitterWinter, "https://bitterwinter.org/", None),
        ];
        for (outlet, url, id) in cases {
            let got = classify(&u(url), crate::outlet::rules(outlet), None);
            assert_eq!(got, (LinkKind::Internal, id.map(str::to_owned)), "{url}");
        }
        let epoch = crate::outlet::rules(Outlet::EpochTimes);
        assert_eq!(
            classify(&u("https://twitter.com/x/status/1"), epoch, None),
            (LinkKind::External, None)
        );
        assert_eq!(
            classify(&u("https://www.epochtimes.com.example/x"), epoch, None),
            (LinkKind::External, None)
        );
    }

    #[test]
    fn unknown_sources_own_their_registrable_domain() {
        let generic = crate::outlet::rules(Outlet::Unknown);
        let source = u("https://cn.govopendata.com/xinwenlianbo/20201031/");
        // A fragment of the item's own page: internal, and not another article.
        assert_eq!(
            classify(
                &u("https://cn.govopendata.com/xinwenlianbo/20201031/#207644"),
                generic,
                Some(&source)
            ),
            (LinkKind::Internal, None)
        );
        assert_eq!(
            classify(
                &u("https://cn.govopendata.com/xinwenlianbo/20201030/"),
                generic,
                Some(&source)
            ),
            (LinkKind::Internal, Some("20201030".to_owned()))
        );
        assert_eq!(
            classify(&u("https://www.govopendata.com/"), generic, Some(&source)),
            (LinkKind::Internal, None)
        );
        assert_eq!(
            classify(
                &u("https://www.reuters.com/article/idUSKBN28C0J4"),
                generic,
                Some(&source)
            ),
            (LinkKind::External, None)
        );
        let blog = u("https://wqw2010.blogspot.com/2020/09/blog-post_95.html");
        assert_eq!(
            classify(
                &u("https://1.bp.blogspot.com/-x/s1600/a.jpg"),
                generic,
                Some(&blog)
            ),
            (LinkKind::External, None)
        );
        assert_eq!(
            classify(
                &u("https://wqw2010.blogspot.com/2020/09/2020921.html"),
                generic,
                Some(&blog)
            ),
            (LinkKind::Internal, Some("2020921".to_owned()))
        );
        // Without a source URL nothing is known to be the site's own.
        assert_eq!(
            classify(&u("https://cn.govopendata.com/x"), generic, None),
            (LinkKind::External, None)
        );
    }
}
