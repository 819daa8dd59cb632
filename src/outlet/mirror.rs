//! The mirror service's own shapes, the same whatever the outlet: the promo footer it appends,
//! the style of the captions it writes under images and the proxies it serves images through.

/// The mirror's shapes.
pub(crate) struct Mirror {
    /// The promo footer starts with this (`获取更多RSS：<br><a href="https://feedx.net">…`).
    pub(crate) footer_marker: &'static str,
    /// The mirror's captions are `<small>`s whose style holds this
    /// (`<img><div><small style="color: #999;">…`); other `<small>`s are fine print.
    pub(crate) caption_style: &'static str,
    /// Image proxies the mirror rewrites image sources to, whose `url` query parameter names the
    /// real image, with or without a scheme (`https://images.weserv.nl/?url=static.dw.com/…`).
    pub(crate) image_proxies: &'static [&'static str],
}

/// The feed mirror the archives come from.
pub(crate) static MIRROR: Mirror = Mirror {
    footer_marker: "获取更多RSS",
    caption_style: "#999",
    image_proxies: &["images.weserv.nl", "wsrv.nl"],
};
