//! From body HTML to the article's parts: one DOM walk ([`walk`]), then classification of the
//! blocks it produced ([`classify`]). A canonical body ([`canonical`]) is read as written
//! instead of classified.

mod canonical;
mod chrome;
mod classify;
mod dates;
mod inline;
mod urls;
mod walk;

use crate::Options;
use crate::dom;
use crate::envelope::Envelope;
use crate::error::{Warning, WarningDetail};
use crate::model::{Article, Outlet};
use crate::outlet::Rules;

/// The envelope half of an article, which the body completes.
pub(crate) struct Head {
    pub(crate) envelope: Envelope<'static>,
    pub(crate) outlet: Outlet,
    pub(crate) article_id: Option<String>,
    /// The envelope's warnings; the body's follow them.
    pub(crate) warnings: Vec<Warning>,
}

/// Parses and classifies `body` for the outlet described by `rules`, completing `head`.
pub(crate) fn extract(body: &str, head: Head, rules: &Rules, options: &Options) -> Article {
    let tree = dom::parse(body, options.max_depth, options.max_nodes);
    let cut = tree.cut.map(|cut| cut_warning(cut, options));
    let mut walker = walk::Walker::new(rules, head.envelope.url.as_ref());
    // The walk frees the tree as it goes: it is gone before classification starts.
    tree.walk(&mut walker);
    let parts = std::mem::take(&mut walker.canonical).finish();
    let mut raw = walker.finish();
    match parts {
        Some(parts) => {
            let mut article = canonical::article(parts, raw, head);
            article.warnings.extend(cut);
            article
        }
        None => {
            raw.warnings.extend(cut);
            classify::classify(raw, rules, head)
        }
    }
}

fn cut_warning(cut: dom::Cut, options: &Options) -> Warning {
    let detail = match cut {
        dom::Cut::Depth { offset } => WarningDetail::DepthLimit {
            max_depth: options.max_depth,
            offset,
        },
        dom::Cut::Nodes { offset } => WarningDetail::NodeLimit {
            max_nodes: options.max_nodes,
            offset,
        },
    };
    Warning::new(detail, None)
}
