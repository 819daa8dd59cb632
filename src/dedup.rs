//! Finding the same story twice: a key naming the article across captures, and a fingerprint
//! of its text for near duplicates (wire copies republished by other outlets, re-captures with
//! small edits).

use std::fmt;

use chrono::NaiveDate;

use crate::model::{Article, Block, Outlet};
use crate::text::{is_cjk, normalize_space};

/// A stable key naming an article across captures; see [`Article::dedup_key`].
///
/// `Display` gives a one-line text form (`dw:65931207`) for a database column; with the `serde`
/// feature the key serializes as an object tagged by `kind`.
///
/// ```
/// use feedmirror::{DedupKey, Outlet};
/// let blob = "<!--1000-->\n[t](https://www.dw.com/zh/x/a-65931207)\n------\n\n<p>a</p>";
/// let key = feedmirror::parse(blob)?.dedup_key();
/// assert_eq!(key, DedupKey::Id { outlet: Outlet::Dw, id: "65931207".to_owned() });
/// assert_eq!(key.to_string(), "dw:65931207");
/// # Ok::<(), feedmirror::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum DedupKey {
    /// A known outlet's own id for the article ([`Article::article_id`]). Text form
    /// `{outlet}:{id}` (`dw:65931207`).
    Id {
        /// The outlet.
        outlet: Outlet,
        /// Its id for the article.
        id: String,
    },
    /// An outlet whose URL changes when it republishes a story: its slug and the edition it
    /// belongs to. The Economist dates its paths (`/finance-and-economics/2020/12/29/slug` on the
    /// web, `/2021/01/02/slug` in the print edition): the edition is the Saturday on or after
    /// the path's date, the day the weekly issue is dated. Text form `{outlet}:{edition}/{slug}`
    /// (`economist:2021-01-02/is-china-right-to-tame-ant`). Weekly columns that reuse a slug
    /// (`letters-to-the-editor`) stay apart, one key per issue.
    Edition {
        /// The outlet.
        outlet: Outlet,
        /// The date of the edition.
        edition: NaiveDate,
        /// The last path segment.
        slug: String,
    },
    /// The source URL, normalised: scheme and host lowercase, no fragment, no tracking
    /// parameters (`utm_*`, `fbclid`, `gclid`, `spm`, `ref`, ...), remaining query parameters
    /// sorted, no trailing slash. Text form `url:{url}`.
    Url {
        /// The normalised URL.
        url: String,
    },
    /// No URL: the title with its whitespace normalised and the mirror date. Text form
    /// `title:{title}|{YYYY-MM-DD}` (nothing after `|` when the date is unknown).
    Title {
        /// The title.
        title: String,
        /// The day the mirror captured the item (UTC), when known.
        date: Option<NaiveDate>,
    },
}

impl fmt::Display for DedupKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DedupKey::Id { outlet, id } => write!(f, "{outlet}:{id}"),
            DedupKey::Edition {
                outlet,
                edition,
                slug,
            } => write!(f, "{outlet}:{edition}/{slug}"),
            DedupKey::Url { url } => write!(f, "url:{url}"),
            DedupKey::Title { title, date } => {
                write!(f, "title:{title}|")?;
                match date {
                    Some(d) => write!(f, "{d}"),
                    None => Ok(()),
                }
            }
        }
    }
}

/// Query parameters that track a reader, not name a page.
const TRACKING_PARAMS: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "spm",
    "ref",
    "ref_src",
    "cmpid",
    "ocid",
    "at_medium",
    "at_campaign",
];

/// The edition key of an outlet whose URLs change on republication, when `url` has its shape.
fn edition_key(outlet: Outlet, url: &url::Url) -> Option<DedupKey> {
    let (edition, slug) = (crate::outlet::rules(outlet).edition?)(url)?;
    Some(DedupKey::Edition {
        outlet,
        edition,
        slug,
    })
}

fn normalized_url(url: &url::Url) -> String {
    let mut u = url.clone();
    u.set_fragment(None);
    let mut pairs: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| {
            let k = k.to_ascii_lowercase();
            !k.starts_with("utm_") && !TRACKING_PARAMS.contains(&k.as_str())
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort();
    if pairs.is_empty() {
        u.set_query(None);
    } else {
        u.query_pairs_mut().clear().extend_pairs(pairs);
    }
    let mut s = u.to_string();
    // The url crate already lowercases scheme and host; only the trailing slash is left.
    if u.query().is_none() && s.ends_with('/') {
        s.pop();
    } else if let Some(q) = s.find('?') {
        if s.get(..q).is_some_and(|p| p.ends_with('/')) {
            s.remove(q - 1);
        }
    }
    s
}

impl Article {
    /// A stable key naming the article across captures, for deduplication: the first of
    /// - [`DedupKey::Edition`] for outlets whose URL changes on republication (the
    ///   Economist's dated paths);
    /// - [`DedupKey::Id`] when the outlet is known and its URL carries an id (`dw:65931207`);
    ///   an unknown source's id is only a number in its URL, so those go by URL;
    /// - [`DedupKey::Url`], the normalised source URL;
    /// - [`DedupKey::Title`], the title and the mirror date.
    ///
    /// Captures of one article share a key; the same story under two outlets does not (see
    /// [`Article::fingerprint`] for that).
    ///
    /// ```
    /// let blob = |url: &str| format!("<!--1000-->\n[t](https://{url})\n------\n\n<p>a</p>");
    /// let key = |url: &str| feedmirror::parse(&blob(url)).map(|a| a.dedup_key().to_string());
    /// assert_eq!(
    ///     key("EXAMPLE.com/News/1/?utm_source=x&b=2&a=1#top")?,
    ///     "url:https://example.com/News/1?a=1&b=2"
    /// );
    /// // The Economist's web and print paths of one article.
    /// let web = key("www.economist.com/finance-and-economics/2020/12/29/is-china-right-to-tame-ant")?;
    /// let print = key("www.economist.com/finance-and-economics/2021/01/02/is-china-right-to-tame-ant")?;
    /// assert_eq!(web, print);
    /// assert_eq!(web, "economist:2021-01-02/is-china-right-to-tame-ant");
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    #[must_use]
    pub fn dedup_key(&self) -> DedupKey {
        if let Some(key) = self
            .envelope
            .url
            .as_ref()
            .and_then(|u| edition_key(self.outlet, u))
        {
            return key;
        }
        // An unknown source's id is only a number in its URL, unique on its own site at best:
        // those go by URL.
        if let Some(id) = self
            .article_id
            .as_ref()
            .filter(|_| self.outlet != Outlet::Unknown)
        {
            return DedupKey::Id {
                outlet: self.outlet,
                id: id.clone(),
            };
        }
        if let Some(url) = &self.envelope.url {
            return DedupKey::Url {
                url: normalized_url(url),
            };
        }
        DedupKey::Title {
            title: normalize_space(self.envelope.title.as_deref().unwrap_or("")),
            date: self.envelope.mirrored_at.map(|d| d.date_naive()),
        }
    }

    /// A fingerprint of the article's text (paragraphs, headings, quotes and lists; not the
    /// title, captions or anything set aside) for finding near duplicates; see
    /// [`Fingerprint`].
    ///
    /// ```
    /// let blob = |url: &str, text: &str| format!("<!--1000-->\n[t]({url})\n------\n\n<p>{text}</p>");
    /// let story = "美国总统拜登周三在白宫表示，美国将与盟友一道应对供应链危机，\
    ///              并宣布了一系列旨在缓解港口拥堵的措施。";
    /// let wire = feedmirror::parse(&blob("https://cn.reuters.com/article/x-idCNKBS1", story))?;
    /// let copy = feedmirror::parse(&blob("https://www.zaobao.com/news/world/story1", &format!("{story}（路透社）")))?;
    /// let other = feedmirror::parse(&blob("https://www.dw.com/zh/x/a-1", "德国东部小城试点氢能公交，市民反应不一。"))?;
    /// assert!(wire.fingerprint().similarity(&copy.fingerprint()) > 0.8);
    /// assert!(wire.fingerprint().similarity(&other.fingerprint()) < 0.1);
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    #[must_use]
    pub fn fingerprint(&self) -> Fingerprint {
        let mut text = String::new();
        for block in &self.blocks {
            if !matches!(block, Block::Figure { .. }) {
                text.push_str(block.text());
                text.push('\n');
            }
        }
        Fingerprint::of(&text)
    }
}

/// A MinHash fingerprint of a text: [`Fingerprint::similarity`] of two fingerprints estimates
/// the Jaccard similarity of the two texts' sets of shingles.
///
/// The text is read as tokens: each CJK character and each digit is one token, each run of
/// other letters one word (lowercased, full-width forms folded to ASCII); punctuation and
/// spacing are ignored. A shingle is [`Fingerprint::SHINGLE`] consecutive tokens (four
/// characters of Chinese, four words of English). Digits count one by one so that reports
/// written from a template (a daily exchange-rate note) differ where their figures differ. The fingerprint keeps the least of [`Fingerprint::LEN`] independent
/// hashes over the shingles. Hashes are fixed (not seeded per process), so fingerprints can be
/// stored and compared across runs and versions of this crate that keep `LEN` and `SHINGLE`.
///
/// Unrelated articles score near 0. Over the shared corpus (see `EVALUATION.md`) every pair at
/// 0.8 or above was the same story (re-captures, updates, wire copies under another outlet);
/// between 0.5 and 0.8 most pairs are reports written from one template on different days
/// (a daily exchange-rate note), which share most of their words but not their figures.
///
/// ```
/// use feedmirror::Fingerprint;
/// let a = Fingerprint::of("The quick brown fox jumps over the lazy dog near the river bank today.");
/// let b = Fingerprint::of("The quick brown fox jumps over the lazy dog near the river bank, today!");
/// let c = Fingerprint::of("An entirely different sentence about central bank interest rates.");
/// assert_eq!(a.similarity(&b), 1.0);
/// assert!(a.similarity(&c) < 0.1);
/// assert_eq!(Fingerprint::of("").similarity(&Fingerprint::of("")), 0.0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Fingerprint {
    /// Shingles hashed: 0 for a text without letters or digits.
    shingles: u32,
    /// The least value of each hash function over the shingles.
    minima: Vec<u32>,
}

/// One step of SplitMix64: a bijective 64-bit mix with good avalanche.
const fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The seeds of the hash functions: fixed, so fingerprints compare across runs. Computed at
/// compile time, where an index out of bounds is a build error, not a panic.
#[allow(clippy::indexing_slicing)]
const SEEDS: [u64; Fingerprint::LEN] = {
    let mut seeds = [0u64; Fingerprint::LEN];
    let mut i = 0;
    while i < Fingerprint::LEN {
        seeds[i] = mix(0x6665_6564_6d69_7272 ^ (i as u64));
        i += 1;
    }
    seeds
};

/// FNV-1a over a token's UTF-8 bytes.
fn token_hash(token: &str) -> u64 {
    token.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Full-width ASCII forms (`Ａ`, `１`) to ASCII, then lowercase.
fn fold(c: char) -> char {
    let c = match u32::from(c) {
        cp @ 0xff01..=0xff5e => char::from_u32(cp - 0xfee0).unwrap_or(c),
        _ => c,
    };
    c.to_lowercase().next().unwrap_or(c)
}

/// Calls `f` with the hash of each token of `text`, in order: a CJK character or a digit, or a
/// word of other letters.
fn tokens(text: &str, mut f: impl FnMut(u64)) {
    let mut word = String::new();
    for c in text.chars().map(fold) {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                f(token_hash(&word));
                word.clear();
            }
        } else if is_cjk(c) || c.is_ascii_digit() {
            if !word.is_empty() {
                f(token_hash(&word));
                word.clear();
            }
            let mut buf = [0u8; 4];
            f(token_hash(c.encode_utf8(&mut buf)));
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() {
        f(token_hash(&word));
    }
}

impl Fingerprint {
    /// Hash functions, so values in [`Fingerprint::minima`].
    pub const LEN: usize = 128;
    /// Tokens per shingle.
    pub const SHINGLE: usize = 4;
    /// Bands of [`Fingerprint::bands`]; each covers `LEN / BANDS` values.
    pub const BANDS: usize = 32;

    /// The fingerprint of `text`. A text of fewer than [`Fingerprint::SHINGLE`] tokens is one
    /// shingle; a text without letters or digits has an empty fingerprint, similar to nothing.
    ///
    /// ```
    /// let f = feedmirror::Fingerprint::of("德国之声中文网报道");
    /// assert_eq!(f.minima().len(), feedmirror::Fingerprint::LEN);
    /// assert!(!f.is_empty());
    /// assert!(feedmirror::Fingerprint::of(" —— ").is_empty());
    /// ```
    #[must_use]
    pub fn of(text: &str) -> Self {
        let mut minima = vec![u32::MAX; Self::LEN];
        let mut window = [0u64; Self::SHINGLE];
        let mut seen: usize = 0;
        let mut shingles: u32 = 0;
        let mut add = |shingle: u64| {
            shingles = shingles.saturating_add(1);
            for (m, seed) in minima.iter_mut().zip(SEEDS) {
                // The high half: the better-mixed bits.
                let v = (mix(shingle ^ seed) >> 32) as u32;
                if v < *m {
                    *m = v;
                }
            }
        };
        let shingle = |window: &[u64]| window.iter().fold(0u64, |h, &t| mix(h ^ t));
        tokens(text, |t| {
            window.rotate_left(1);
            if let Some(last) = window.last_mut() {
                *last = t;
            }
            seen += 1;
            if seen >= Self::SHINGLE {
                add(shingle(&window));
            }
        });
        if (1..Self::SHINGLE).contains(&seen) {
            add(shingle(window.get(Self::SHINGLE - seen..).unwrap_or(&[])));
        }
        Fingerprint { shingles, minima }
    }

    /// The estimated Jaccard similarity of the two texts' shingle sets, from 0.0 (nothing in
    /// common) to 1.0 (the same shingles): the share of hash functions whose least values
    /// agree. 0.0 when either fingerprint is empty or they have different lengths.
    ///
    /// ```
    /// let a = feedmirror::Fingerprint::of("北京时间周三上午，国家统计局公布了最新的经济数据，显示消费继续回暖。");
    /// let b = feedmirror::Fingerprint::of("北京时间周三上午，国家统计局公布了最新的经济数据，显示投资有所放缓。");
    /// let s = a.similarity(&b);
    /// assert!(s > 0.4 && s < 0.9, "{s}");
    /// ```
    #[must_use]
    pub fn similarity(&self, other: &Fingerprint) -> f64 {
        if self.is_empty() || other.is_empty() || self.minima.len() != other.minima.len() {
            return 0.0;
        }
        let same = self
            .minima
            .iter()
            .zip(&other.minima)
            .filter(|(a, b)| a == b)
            .count();
        #[allow(clippy::cast_precision_loss)]
        let share = same as f64 / self.minima.len() as f64;
        share
    }

    /// Whether the text had no letters or digits.
    ///
    /// ```
    /// assert!(feedmirror::Fingerprint::of("").is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.shingles == 0
    }

    /// The least hash values, [`Fingerprint::LEN`] of them: what to store.
    ///
    /// ```
    /// use feedmirror::Fingerprint;
    /// let f = Fingerprint::of("some text to keep");
    /// let stored: Vec<u32> = f.minima().to_vec();
    /// assert_eq!(Fingerprint::from_minima(stored), Some(f));
    /// ```
    #[must_use]
    pub fn minima(&self) -> &[u32] {
        &self.minima
    }

    /// A fingerprint from stored [`Fingerprint::minima`]; `None` unless there are
    /// [`Fingerprint::LEN`] values. All values `u32::MAX` make the empty fingerprint.
    ///
    /// ```
    /// assert!(feedmirror::Fingerprint::from_minima(vec![1, 2, 3]).is_none());
    /// ```
    #[must_use]
    pub fn from_minima(minima: Vec<u32>) -> Option<Self> {
        if minima.len() != Self::LEN {
            return None;
        }
        let shingles = u32::from(minima.iter().any(|&m| m != u32::MAX));
        Some(Fingerprint { shingles, minima })
    }

    /// Keys for finding candidate pairs in a large collection without comparing every pair
    /// (locality-sensitive hashing): [`Fingerprint::BANDS`] keys, each a hash of one band of
    /// four values and its position. Index the keys; two texts sharing any key are candidates
    /// to check with [`Fingerprint::similarity`]. A pair of similarity `s` shares a key with
    /// probability `1 - (1 - s⁴)³²`: 0.22 at 0.3, 0.87 at 0.5, 0.99 at 0.6, nearly 1 from 0.7.
    /// An empty fingerprint has no keys.
    ///
    /// ```
    /// use feedmirror::Fingerprint;
    /// let a = Fingerprint::of("the same story, word for word, as the wire sent it out this morning");
    /// let b = Fingerprint::of("the same story, word for word, as the wire sent it out this morning");
    /// assert!(a.bands().zip(b.bands()).all(|(x, y)| x == y));
    /// assert_eq!(a.bands().count(), Fingerprint::BANDS);
    /// ```
    pub fn bands(&self) -> impl Iterator<Item = u64> + '_ {
        let rows = Self::LEN / Self::BANDS;
        let chunks = if self.is_empty() {
            [].chunks(rows)
        } else {
            self.minima.chunks(rows)
        };
        chunks.enumerate().map(|(band, values)| {
            values
                .iter()
                .fold(mix(band as u64), |h, &v| mix(h ^ u64::from(v)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedup_keys() {
        let blob = |url: &str| format!("<!--1000-->\n[T  x](https://{url})\n------\n\n<p>a</p>");
        let key = |url: &str| crate::parse(&blob(url)).unwrap().dedup_key().to_string();
        assert_eq!(key("www.dw.com/zh/x/a-65931207"), "dw:65931207");
        assert_eq!(
            key("EXAMPLE.com/News/1/?utm_source=x&b=2&a=1&fbclid=z#top"),
            "url:https://example.com/News/1?a=1&b=2"
        );
        assert_eq!(key("example.com/a/"), "url:https://example.com/a");
        // An unknown site's numeric id is not unique across sites: the URL names the item.
        assert_eq!(
            key("a.example/xinwenlianbo/20200927/"),
            "url:https://a.example/xinwenlianbo/20200927"
        );
        let a = crate::parse("<!--1000-->\n[T  x]()\n------\n\n<p>a</p>").unwrap();
        assert_eq!(a.dedup_key().to_string(), "title:T x|1970-01-01");
        assert_eq!(
            a.dedup_key(),
            DedupKey::Title {
                title: "T x".to_owned(),
                date: NaiveDate::from_ymd_opt(1970, 1, 1)
            }
        );
        let undated = crate::parse("<!--NaN-->\n[T]()\n------\n\n<p>a</p>").unwrap();
        assert_eq!(undated.dedup_key().to_string(), "title:T|");
    }

    #[test]
    fn economist_keys_follow_the_edition_not_the_path_date() {
        let key = |path: &str| {
            let blob = format!("<!--1000-->\n[t](https://www.economist.com/{path})\n------\n\n<p>a</p>");
            crate::parse(&blob).unwrap().dedup_key().to_string()
        };
        // Web (Monday, Tuesday, Wednesday) and print (Saturday) paths of the same articles.
        assert_eq!(
            key("graphic-detail/2020/10/19/in-a-world-mired"),
            key("china/2020/10/24/in-a-world-mired")
        );
        assert_eq!(
            key("finance-and-economics/2020/11/18/joe-bidens-record"),
            key("finance-and-economics/2020/11/19/joe-bidens-record")
        );
        assert_eq!(key("china/2020/10/24/x"), "economist:2020-10-24/x");
        // A weekly column keeps one key per issue.
        assert_ne!(
            key("letters/2020/09/26/letters-to-the-editor"),
            key("letters/2020/10/03/letters-to-the-editor")
        );
        // Other shapes fall through to the URL.
        assert_eq!(
            key("2020/20201003_GDC100_1/index.html"),
            "url:https://www.economist.com/2020/20201003_GDC100_1/index.html"
        );
        assert_eq!(key("asia/2020/13/40/bad-date"), "economist:2020/13/40/bad-date");
        assert_eq!(
            key("1843/2020/07/03/the-secret"),
            "economist:2020-07-04/the-secret"
        );
    }

    #[test]
    fn tokens_treat_cjk_per_character_and_latin_per_word() {
        let mut n = 0;
        tokens("德国之声 Hello, ＷＯＲＬＤ world2023！", |_| n += 1);
        assert_eq!(n, 4 + 3 + 4);
        let hashes = |s: &str| {
            let mut v = Vec::new();
            tokens(s, |t| v.push(t));
            v
        };
        assert_eq!(hashes("ＷＯＲＬＤ"), hashes("world"));
    }

    #[test]
    fn similarity_tracks_overlap() {
        let base: String = (0..200).map(|i| format!("word{i} ")).collect();
        let a = Fingerprint::of(&base);
        assert_eq!(a.similarity(&a.clone()), 1.0);
        // Half the text replaced: Jaccard about 1/3 of the shingles.
        let half: String = (0..100)
            .map(|i| format!("word{i} "))
            .chain((0..100).map(|i| format!("other{i} ")))
            .collect();
        let s = a.similarity(&Fingerprint::of(&half));
        assert!((0.2..0.5).contains(&s), "{s}");
        let empty = Fingerprint::of("");
        assert!(empty.is_empty());
        assert_eq!(empty.similarity(&empty), 0.0);
        assert_eq!(empty.bands().count(), 0);
        assert_eq!(Fingerprint::of("one").similarity(&Fingerprint::of("one")), 1.0);
    }

    #[test]
    fn fingerprints_are_fixed_across_runs() {
        // A change here breaks stored fingerprints: keep it deliberate.
        let f = Fingerprint::of("德国之声中文网 reports: the quick brown fox, 2023年");
        assert_eq!(
            f.minima().iter().take(4).copied().collect::<Vec<_>>(),
            FIRST_MINIMA
        );
    }

    const FIRST_MINIMA: [u32; 4] = [47_499_706, 159_567_775, 587_754_942, 187_461_830];
}
