//! The typed article and its parts: owned, `Send + Sync`, optionally serde.

use crate::envelope::Envelope;
use crate::error::Warning;

/// One parsed blob.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Article {
    /// The envelope: mirror time, title, source URL, front matter.
    pub envelope: Envelope<'static>,
    /// Recoverable oddities met while parsing.
    pub warnings: Vec<Warning>,
}
