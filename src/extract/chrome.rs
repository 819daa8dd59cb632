//! Site chrome among the images: icons, badges, logos, separators and social-media cards are
//! not figures. Decided by generic signals (the file name, a tiny declared size, a
//! presentational alt text, a theme directory), then by the outlet's own list of chrome images.

use url::Url;

use crate::outlet::Rules;
use crate::text::contains_str;

/// Words in an image's file name that mark it as chrome (`icon-zoom.png`, `site_logo.svg`).
const CHROME_NAME_WORDS: &[&str] = &["icon", "logo", "badge", "sprite", "spacer", "favicon"];

/// Path pieces that hold a site's theme or template images, never an article's.
const THEME_DIRS: &[&str] = &["/themes/", "/theme/", "/templates/"];

/// A declared width or height at most this many pixels: a separator line or a tracking pixel.
pub(crate) const LINE_MAX_PX: u32 = 4;

/// Declared width and height both at most this many pixels: an icon, avatar or logo.
pub(crate) const ICON_MAX_PX: u32 = 80;

/// The declared sizes of an image, in CSS pixels (`width="80"`; `100%` is no size).
#[derive(Clone, Copy, Default)]
pub(crate) struct Declared {
    pub(crate) width: Option<u32>,
    pub(crate) height: Option<u32>,
}

impl Declared {
    /// Reads a `width`/`height` attribute value: digits, optionally followed by `px`.
    pub(crate) fn pixels(value: Option<&str>) -> Option<u32> {
        let v = value?.trim();
        let digits = v.strip_suffix("px").unwrap_or(v).trim();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok()
    }
}

/// Whether the image at `src` is site chrome rather than a figure.
pub(crate) fn is_chrome_image(src: &Url, alt: Option<&str>, size: Declared, rules: &Rules) -> bool {
    let path = src.path();
    let name = path.rsplit('/').next().unwrap_or("");
    // Whole words only: `iconic-photo.jpg` is no icon, `icon-zoom.png` is.
    let named = name
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| CHROME_NAME_WORDS.iter().any(|c| c.eq_ignore_ascii_case(w)));
    let theme = THEME_DIRS.iter().any(|d| contains_str(path, d));
    let thin = [size.width, size.height]
        .into_iter()
        .flatten()
        .any(|px| px <= LINE_MAX_PX);
    let small =
        matches!((size.width, size.height), (Some(w), Some(h)) if w <= ICON_MAX_PX && h <= ICON_MAX_PX);
    let presentational =
        alt.is_some_and(|a| contains_str(a, PRESENTATIONAL) || contains_str(a, "Presentational"));
    let listed = rules.chrome_images.iter().any(|p| contains_str(src.as_str(), p));
    named || theme || thin || small || presentational || listed
}

/// Alt text that declares an image decorative (`2px presentational grey line`).
const PRESENTATIONAL: &str = "presentational";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outlet::GENERIC;

    fn chrome(src: &str, alt: Option<&str>, width: Option<u32>, height: Option<u32>) -> bool {
        let url = Url::parse(src).unwrap();
        is_chrome_image(&url, alt, Declared { width, height }, &GENERIC)
    }

    #[test]
    fn file_names_that_say_icon_logo_or_badge() {
        assert!(chrome(
            "https://www.rfa.org/rfa_resources/graphics/icon-zoom.png",
            None,
            None,
            None
        ));
        assert!(chrome("https://x.org/img/site_logo.svg", None, None, None));
        assert!(!chrome("https://x.org/img/iconic-photo.jpg", None, None, None));
        assert!(!chrome("https://x.org/logos/photo.jpg", None, None, None));
    }

    #[test]
    fn theme_directories() {
        assert!(chrome(
            "https://x.org/wp-content/themes/news/images/banner.jpg",
            None,
            None,
            None
        ));
        assert!(!chrome(
            "https://x.org/wp-content/uploads/2020/11/banner.jpg",
            None,
            None,
            None
        ));
    }

    #[test]
    fn declared_sizes_on_both_sides_of_the_limits() {
        let photo = "https://x.org/p.jpg";
        assert!(chrome(photo, None, Some(624), Some(LINE_MAX_PX)));
        assert!(!chrome(photo, None, Some(624), Some(LINE_MAX_PX + 1)));
        assert!(chrome(photo, None, Some(ICON_MAX_PX), Some(ICON_MAX_PX)));
        assert!(!chrome(photo, None, Some(ICON_MAX_PX + 1), Some(ICON_MAX_PX)));
        assert!(!chrome(photo, None, Some(ICON_MAX_PX), None));
        assert!(!chrome(photo, None, None, None));
    }

    #[test]
    fn presentational_alt_text() {
        assert!(chrome(
            "https://x.org/p.png",
            Some("2px presentational grey line"),
            None,
            None
        ));
        assert!(!chrome(
            "https://x.org/p.png",
            Some("A protest in Tehran"),
            None,
            None
        ));
    }

    #[test]
    fn pixel_values() {
        assert_eq!(Declared::pixels(Some("80")), Some(80));
        assert_eq!(Declared::pixels(Some(" 3px ")), Some(3));
        assert_eq!(Declared::pixels(Some("100%")), None);
        assert_eq!(Declared::pixels(Some("")), None);
        assert_eq!(Declared::pixels(None), None);
    }
}
