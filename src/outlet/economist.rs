//! The Economist (English): an `<aside>` header with `<time dateTime>`, `<small>` small caps
//! (not captions), `■` end marks, print-edition notes and subscription prompts.

use chrono::{Datelike, NaiveDate};
use url::Url;

use super::{BASE, Marker, Outlet, Rules, is_digits, segments};
use crate::model::BoilerplateKind::{Disclaimer, EndNote, Promo, Related, Widget};

pub(crate) static RULES: Rules = Rules {
    outlet: Outlet::Economist,
    name: "economist",
    hosts: &["economist.com"],
    other_hosts: &["1843magazine.com", "econ.st"],
    authors: &["经济学人en", "The Economist", "Economist", "经济学人"],
    article_id,
    boilerplate: &[
        (EndNote, Marker::Prefix("This article appeared in")),
        (Promo, Marker::Prefix("For full access")),
        (Promo, Marker::Prefix("Please subscribe")),
        (Promo, Marker::Prefix("Listen on:")),
        (Widget, Marker::Exact("Listen to this story")),
        (Widget, Marker::Prefix("Listen to this story.")),
        (Widget, Marker::Prefix("Enjoy more audio and podcasts")),
        (Promo, Marker::Contains("subscribe to The Economist")),
        (Related, Marker::Prefix("For more coverage")),
        (Related, Marker::Prefix("Dig deeper")),
        (Disclaimer, Marker::Prefix("Editor’s note")),
        (Disclaimer, Marker::Prefix("Editor's note")),
    ],
    skip_classes: &["advert", "ad-panel"],
    // The site's fallback social-media card.
    chrome_images: &["og-fallback-image"],
    credits: &[Marker::Prefix("ILLUSTRATIONS:"), Marker::Prefix("ILLUSTRATION:")],
    edition: Some(edition),
    ..BASE
};

/// `/section/YYYY/MM/DD/slug`, the section optional: the weekly issue the path's date falls in
/// (the Saturday on or after it, the day the issue is dated) and the slug. The web and print
/// paths of one article differ in their date, not in their issue.
fn edition(url: &Url) -> Option<(NaiveDate, String)> {
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    let [.., year, month, day, slug] = segments.as_slice() else {
        return None;
    };
    let number = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse::<u32>().ok())?
    };
    let year = i32::try_from(number(year)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, number(month)?, number(day)?)?;
    // Days to the next Saturday (0 on a Saturday).
    let ahead = (5 + 7 - date.weekday().num_days_from_monday()) % 7;
    let edition = date.checked_add_days(chrono::Days::new(u64::from(ahead)))?;
    Some((edition, (*slug).to_owned()))
}

/// `/section/2020/10/08/slug`: `2020/10/08/slug`; `/node/21797083`: `21797083`.
fn article_id(url: &Url) -> Option<String> {
    let segments = segments(url);
    if let [.., "node", id] = segments.as_slice() {
        return is_digits(id).then(|| (*id).to_owned());
    }
    // The last four segments, when they are a date and a slug (`1843/2020/09/23/slug` is the
    // 1843 section's).
    let at = segments.len().checked_sub(4)?;
    let rest = segments.get(at..)?;
    let digits = |i: usize, len: usize| rest.get(i).is_some_and(|s| s.len() == len && is_digits(s));
    (digits(0, 4) && digits(1, 2) && digits(2, 2)).then(|| rest.join("/"))
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
            id("https://www.economist.com/asia/2020/08/08/slug").as_deref(),
            Some("2020/08/08/slug")
        );
        assert_eq!(
            id("https://www.economist.com/node/21797083").as_deref(),
            Some("21797083")
        );
        assert_eq!(
            id("https://www.economist.com/1843/2020/09/23/why-even-the-young-dye").as_deref(),
            Some("2020/09/23/why-even-the-young-dye")
        );
        assert_eq!(id("https://www.economist.com/us-election-2020"), None);
        assert_eq!(id("https://www.economist.com/news/2020/03"), None);
        assert_eq!(id("https://www.economist.com/intelligenceoffer"), None);
        assert_eq!(id("https://www.economist.com/node/latest"), None);
    }
}
