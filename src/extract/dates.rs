//! Publication dates in the three precisions the outlets use.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use crate::model::PublishedValue;

/// Reads a date-block text: an instant where the text states a zone, a local date-time where
/// it does not, a date where there is no time.
pub(crate) fn parse(raw: &str) -> Option<PublishedValue> {
    let s = raw.trim();
    if s.len() < 8 || s.len() > 64 {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(PublishedValue::Instant(d));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(PublishedValue::Instant(d));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%d/%m/%Y - %H:%M",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(PublishedValue::Local(d));
        }
    }
    for fmt in ["%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%Y/%m/%d"] {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        match parse(s) {
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
        assert_eq!(p("15/06/2022 - 13:09"), "local 2022-06-15 13:09:00");
        assert_eq!(p("2020年 7月 17日"), "date 2020-07-17");
        assert_eq!(p("June 16, 2020"), "date 2020-06-16");
        assert_eq!(p("2021-01-06"), "date 2021-01-06");
        assert_eq!(p("2020年13月1日"), "none");
        assert_eq!(p("not a date at all"), "none");
        assert_eq!(p("99999-99-99T99:99:99Z"), "none");
    }
}
