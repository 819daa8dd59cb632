//! The mirror service's promo footer.

use super::super::walk::RawBlock;
use crate::model::{Inline, Link, MirrorFooter};
use crate::outlet::MIRROR;

/// The last block that opens the mirror's footer, and everything after it, with the footer's
/// link domains.
pub(super) fn take_mirror_footer(blocks: &mut Vec<RawBlock>, links: &[Link]) -> Option<MirrorFooter> {
    let at = blocks
        .iter()
        .rposition(|b| b.text.trim_start().starts_with(MIRROR.footer_marker))?;
    let mut text = String::new();
    let mut domains: Vec<String> = Vec::new();
    for block in blocks.drain(at..) {
        for run in &block.inlines {
            let Inline::Text { link: Some(i), .. } = run else {
                continue;
            };
            let host = links
                .get(*i)
                .and_then(|l| l.href.as_ref())
                .and_then(|u| u.host_str());
            if let Some(h) = host {
                if !domains.iter().any(|d| d == h) {
                    domains.push(h.to_owned());
                }
            }
        }
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&block.text);
    }
    Some(MirrorFooter { text, domains })
}
