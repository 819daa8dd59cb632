//! Publication dates in the three precisions the outlets use.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use crate::model::PublishedValue;

/// Wall-clock formats any site may use; an outlet's own are in its `date_formats`.
const LOCAL_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M",
];

/// Date-only forms, tried after the date-time forms.
const DATE_FORMATS: &[&str] = &["%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%Y/%m/%d"];

/// Reads a date-block text: an instant where the text states a zone, a local date-time where
/// it does not (in a generic format or one of the outlet's `local_formats`), a date where
/// there is no time.
pub(crate) fn parse(raw: &str, local_formats: &[&str]) -> Option<PublishedValue> {
    let s = raw.trim();
    // Every form reads a year in ASCII digits: text without a digit is turned away unparsed.
    if s.len() < 8 || s.len() > 64 || !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(PublishedValue::Instant(d));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(PublishedValue::Instant(d));
    }
    // The formats below are ASCII but for whitespace (a space there matches any whitespace):
    // text holding another character (`2023年9月，…`) can only be a `年` date.
    if s.chars().any(|c| !c.is_ascii() && !c.is_whitespace()) {
        return cjk_date(s).map(PublishedValue::Date);
    }
    for fmt in LOCAL_FORMATS.iter().chain(local_formats) {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(PublishedValue::Local(d));
        }
    }
    for fmt in DATE_FORMATS {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(PublishedValue::Date(d));
        }
    }
    cjk_date(s).map(PublishedValue::Date)
}

/// `2020年 7月 17日` (spaces optional).
fn cjk_date(s: &str) -> Option<NaiveDate> {
    let (y, rest) = s.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let (d, rest) = rest.split_once('日')?;
    if !rest.trim().is_empty() {
        return None;
    }
    let num = |t: &str| t.trim().parse::<u32>().ok();
    let year = i32::try_from(num(y)?).ok()?;
    NaiveDate::from_ymd_opt(year, num(m)?, num(d)?)
}

/// The first `YYYY年M月D日` in `s`: (start, end, date).
pub(crate) fn find_cjk_date(s: &str) -> Option<(usize, usize, NaiveDate)> {
    for (at, _) in s.match_indices('年') {
        let head = s.get(..at)?;
        let year_start = head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if head.len() - year_start != 4 {
            continue;
        }
        let Some(rest) = s.get(at + '年'.len_utf8()..) else {
            continue;
        };
        let Some((m, rest2)) = rest.split_once('月') else {
            continue;
        };
        let Some((d, _)) = rest2.split_once('日') else {
            continue;
        };
        let short_num = |t: &str| (1..=2).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
        if !short_num(m) || !short_num(d) {
            continue;
        }
        let end = at + '年'.len_utf8() + m.len() + '月'.len_utf8() + d.len() + '日'.len_utf8();
        let (Ok(y), Ok(m), Ok(d)) = (
            head.get(year_start..)?.parse::<i32>(),
            m.parse::<u32>(),
            d.parse::<u32>(),
        ) else {
            continue;
        };
        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
            return Some((year_start, end, date));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        p_with(s, &[])
    }

    fn p_with(s: &str, local_formats: &[&str]) -> String {
        match parse(s, local_formats) {
            Some(PublishedValue::Instant(d)) => format!("instant {}", d.to_rfc3339()),
            Some(PublishedValue::Local(d)) => format!("local {d}"),
            Some(PublishedValue::Date(d)) => format!("date {d}"),
            None => "none".to_owned(),
        }
    }

    #[test]
    fn three_precisions() {
        assert_eq!(
            p("2023-05-24T14:34:01.707Z"),
            "instant 2023-05-24T14:34:01.707+00:00"
        );
        assert_eq!(
            p("Wed, 15 Jun 2022 22:16:13 GMT"),
            "instant 2022-06-15T22:16:13+00:00"
        );
        assert_eq!(p("2020-10-15T02:56:54Z"), "instant 2020-10-15T02:56:54+00:00");
        assert_eq!(p("2020-10-15T02:56:54"), "local 2020-10-15 02:56:54");
        assert_eq!(p("2020-11-17 11:38:29"), "local 2020-11-17 11:38:29");
        // Day-first is an outlet's convention, not read without its rules.
        assert_eq!(p("15/06/2022 - 13:09"), "none");
        let rfi = crate::outlet::rules(crate::outlet::Outlet::Rfi).date_formats;
        assert_eq!(p_with("15/06/2022 - 13:09", rfi), "local 2022-06-15 13:09:00");
        assert_eq!(p("2020年 7月 17日"), "date 2020-07-17");
        assert_eq!(p("June 16, 2020"), "date 2020-06-16");
        assert_eq!(p("2021-01-06"), "date 2021-01-06");
        assert_eq!(p("2020年13月1日"), "none");
        assert_eq!(p("not a date at all"), "none");
        assert_eq!(p("99999-99-99T99:99:99Z"), "none");
    }

    #[test]
    fn text_with_other_characters_is_read_only_as_a_cjk_date() {
        // The strftime forms tried in full, as they were before the shortcut.
        let full = |s: &str| {
            let rfi = crate::outlet::rules(crate::outlet::Outlet::Rfi).date_formats;
            LOCAL_FORMATS
                .iter()
                .chain(rfi)
                .any(|f| NaiveDateTime::parse_from_str(s, f).is_ok())
                || DATE_FORMATS
                    .iter()
                    .any(|f| NaiveDate::parse_from_str(s, f).is_ok())
        };
        for s in [
            "2023年9月，云南一处边境口岸的货运通道。",
            "2020-11-17 11:38:29中",
            "2020-11-17\u{3000}11:38",
            "2020-11-17 11:38",
            "June 16, 2020",
            "Junę 16, 2020",
            "15/06/2022 - 13:09",
            "15/06/2022 — 13:09",
        ] {
            let other = s.chars().any(|c| !c.is_ascii() && !c.is_whitespace());
            if other {
                assert!(!full(s), "{s}");
            }
        }
        assert_eq!(p("2020-11-17\u{3000}11:38"), p("2020-11-17 11:38"));
        // The shortcut holds while every outlet's formats are ASCII and skip no text (`%Z`
        // would skip any word, a non-ASCII literal would match one).
        for rules in crate::outlet::ALL {
            for f in rules.date_formats {
                assert!(f.is_ascii() && !f.contains("%Z"), "{}: {f}", rules.name);
            }
        }
    }

    #[test]
    fn finds_cjk_dates_inside_text() {
        let s = "【大纪元2020年11月15日讯】";
        let (at, end, d) = find_cjk_date(s).unwrap();
        assert_eq!(s.get(at..end), Some("2020年11月15日"));
        assert_eq!(d.to_string(), "2020-11-15");
        assert_eq!(find_cjk_date("12020年1月1日").map(|x| x.2), None);
        assert_eq!(find_cjk_date("2020年13月1日"), None);
        assert_eq!(
            find_cjk_date("2020年9月6日，").map(|x| x.2.to_string()),
            Some("2020-09-06".to_owned())
        );
        assert_eq!(find_cjk_date("今年9月6日"), None);
    }
}
