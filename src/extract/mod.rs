//! From body HTML to the article's parts: one DOM walk ([`walk`]), then classification of the
//! blocks it produced ([`classify`]).

mod classify;
mod dates;
mod inline;
mod urls;
mod walk;

use url::Url;

use crate::dom;
use crate::error::{Warning, WarningDetail};
use crate::outlet::Rules;

pub(crate) use classify::Parts;

/// Limits applied while parsing the body.
pub(crate) struct Limits {
    pub(crate) max_depth: usize,
    pub(crate) max_nodes: usize,
}

/// Parses and classifies `body` for the outlet described by `rules`.
pub(crate) fn extract(body: &str, base: Option<&Url>, rules: &Rules, limits: &Limits) -> Parts {
    let tree = dom::parse(body, limits.max_depth, limits.max_nodes);
    let cut = tree.cut;
    let mut walker = walk::Walker::new(rules, base);
    // The walk frees the tree as it goes: it is gone before classification starts.
    tree.walk(&mut walker);
    let mut raw = walker.finish();
    match cut {
        Some(dom::Cut::Depth { offset }) => raw.warnings.push(Warning::new(
            WarningDetail::DepthLimit {
                max_depth: limits.max_depth,
                offset,
            },
            None,
        )),
        Some(dom::Cut::Nodes { offset }) => raw.warnings.push(Warning::new(
            WarningDetail::NodeLimit {
                max_nodes: limits.max_nodes,
                offset,
            },
            None,
        )),
        None => {}
    }
    classify::classify(raw, rules)
}
