//! Names of the kinds: `as_str()` (the name the JSON form uses) and `Display` for every kind
//! enum, and the outlets' human names.
//!
//! One match per enum: a new variant is one more line here, and the compiler points at the
//! match that lacks it. The tests check every name against the serde name, variant by variant,
//! without a list of variants to keep up to date.

use std::fmt;

use crate::envelope::EnvelopeForm;
use crate::model::{BoilerplateKind, CreditRole, LinkKind, MediaKind, Outlet, Precision};
use crate::render::FigureStyle;

impl LinkKind {
    /// The snake_case name, as in JSON (`internal`, `external`, `unsafe`).
    ///
    /// ```
    /// use feedmirror::LinkKind;
    /// assert_eq!(LinkKind::Internal.as_str(), "internal");
    /// assert_eq!(LinkKind::Unsafe.to_string(), "unsafe");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            LinkKind::Internal => "internal",
            LinkKind::External => "external",
            LinkKind::Unsafe => "unsafe",
        }
    }
}

impl MediaKind {
    /// The snake_case name, as in JSON (`image`, `video`, `audio`, `embed`).
    ///
    /// ```
    /// use feedmirror::MediaKind;
    /// assert_eq!(MediaKind::Image.as_str(), "image");
    /// assert_eq!(format!("{}", MediaKind::Embed), "embed");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            MediaKind::Image => "image",
            MediaKind::Video => "video",
            MediaKind::Audio => "audio",
            MediaKind::Embed => "embed",
        }
    }
}

impl BoilerplateKind {
    /// The snake_case name, as in JSON (`share`, `promo`, `end_note`, ...).
    ///
    /// ```
    /// use feedmirror::BoilerplateKind;
    /// assert_eq!(BoilerplateKind::EndNote.as_str(), "end_note");
    /// assert_eq!(BoilerplateKind::Share.to_string(), "share");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            BoilerplateKind::Share => "share",
            BoilerplateKind::Promo => "promo",
            BoilerplateKind::Related => "related",
            BoilerplateKind::Disclaimer => "disclaimer",
            BoilerplateKind::Staff => "staff",
            BoilerplateKind::EndNote => "end_note",
            BoilerplateKind::Chrome => "chrome",
            BoilerplateKind::Byline => "byline",
            BoilerplateKind::Title => "title",
            BoilerplateKind::Timestamp => "timestamp",
            BoilerplateKind::Widget => "widget",
            BoilerplateKind::Embed => "embed",
            BoilerplateKind::Bio => "bio",
            BoilerplateKind::Summary => "summary",
            BoilerplateKind::ChromeImage => "chrome_image",
        }
    }
}

impl CreditRole {
    /// The snake_case name, as in JSON (`reporter`, `editor`, `wire`, ...).
    ///
    /// ```
    /// use feedmirror::CreditRole;
    /// assert_eq!(CreditRole::Translator.as_str(), "translator");
    /// assert_eq!(CreditRole::Wire.to_string(), "wire");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            CreditRole::Reporter => "reporter",
            CreditRole::Writer => "writer",
            CreditRole::Editor => "editor",
            CreditRole::Translator => "translator",
            CreditRole::Reviewer => "reviewer",
            CreditRole::Contributor => "contributor",
            CreditRole::Wire => "wire",
            CreditRole::Source => "source",
            CreditRole::Other => "other",
        }
    }
}

impl EnvelopeForm {
    /// The snake_case name, as in JSON (`full`, `header`, `front_matter_only`).
    ///
    /// ```
    /// use feedmirror::EnvelopeForm;
    /// assert_eq!(EnvelopeForm::FrontMatterOnly.as_str(), "front_matter_only");
    /// assert_eq!(EnvelopeForm::Full.to_string(), "full");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            EnvelopeForm::Full => "full",
            EnvelopeForm::Header => "header",
            EnvelopeForm::FrontMatterOnly => "front_matter_only",
        }
    }
}

impl Precision {
    /// The snake_case name, as in JSON's `published.precision` (`instant`, `local`, `date`).
    ///
    /// ```
    /// use feedmirror::Precision;
    /// assert_eq!(Precision::Local.as_str(), "local");
    /// assert_eq!(Precision::Date.to_string(), "date");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Precision::Instant => "instant",
            Precision::Local => "local",
            Precision::Date => "date",
        }
    }
}

impl FigureStyle {
    /// The snake_case name, as in a serialized [`MarkdownOptions`](crate::MarkdownOptions)
    /// (`image`, `link`).
    ///
    /// ```
    /// assert_eq!(feedmirror::FigureStyle::Link.as_str(), "link");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            FigureStyle::Image => "image",
            FigureStyle::Link => "link",
        }
    }
}

impl Outlet {
    /// The outlet's name for people, in English (`Deutsche Welle`, `Radio France
    /// Internationale`); [`Outlet::as_str`] is the stable machine name (`dw`, `rfi`).
    ///
    /// ```
    /// use feedmirror::Outlet;
    /// assert_eq!(Outlet::Dw.display_name(), "Deutsche Welle");
    /// assert_eq!(Outlet::Rfi.display_name(), "Radio France Internationale");
    /// assert_eq!(Outlet::Dw.to_string(), "dw");
    /// ```
    #[must_use]
    pub const fn display_name(self) -> &'static str {
        match self {
            Outlet::Dw => "Deutsche Welle",
            Outlet::Rfi => "Radio France Internationale",
            Outlet::Voa => "Voice of America",
            Outlet::Reuters => "Reuters",
            Outlet::Cna => "Central News Agency",
            Outlet::Nyt => "The New York Times",
            Outlet::Economist => "The Economist",
            Outlet::Ft => "Financial Times",
            Outlet::Bbc => "BBC",
            Outlet::Asahi => "The Asahi Shimbun",
            Outlet::Rfa => "Radio Free Asia",
            Outlet::Zaobao => "Lianhe Zaobao",
            Outlet::EpochTimes => "The Epoch Times",
            Outlet::ChinaDigitalTimes => "China Digital Times",
            Outlet::Rti => "Radio Taiwan International",
            Outlet::Solidot => "Solidot",
            Outlet::BitterWinter => "Bitter Winter",
            Outlet::Unknown => "Unknown outlet",
        }
    }
}

/// `Display` prints `as_str()`, the JSON name.
macro_rules! display_as_str {
    ($($t:ty),* $(,)?) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}

display_as_str!(
    LinkKind,
    MediaKind,
    BoilerplateKind,
    CreditRole,
    EnvelopeForm,
    Precision,
    FigureStyle
);

#[cfg(all(test, feature = "serde"))]
mod tests {
    use serde::Serialize;
    use serde::de::DeserializeOwned;

    use crate::{
        BoilerplateKind, CreditRole, EnvelopeForm, FigureStyle, LinkKind, MediaKind, Outlet, Precision,
        WarningKind,
    };

    /// Every variant of a unit-variant enum with its serde name, from serde's own list: the
    /// error for an unknown name lists every known one ("expected one of `a`, `b`"), so a
    /// variant added later is checked without touching this test.
    fn variants<T: DeserializeOwned>() -> Vec<(String, T)> {
        let err = serde_json::from_str::<T>("\"no such variant\"")
            .err()
            .expect("not a variant")
            .to_string();
        let listed = err.split_once("expected").expect("serde lists the variants").1;
        let names: Vec<&str> = listed.split('`').skip(1).step_by(2).collect();
        assert!(!names.is_empty(), "no names in {err:?}");
        names
            .into_iter()
            .map(|n| {
                let v = serde_json::from_str(&format!("\"{n}\"")).expect("listed name deserializes");
                (n.to_owned(), v)
            })
            .collect()
    }

    /// `as_str`, `Display` and serialization all give the serde name, for every variant.
    fn check<T: DeserializeOwned + Serialize + std::fmt::Display>(as_str: fn(&T) -> &'static str) -> usize {
        let all = variants::<T>();
        for (name, v) in &all {
            assert_eq!(as_str(v), name);
            assert_eq!(v.to_string(), *name);
            assert_eq!(serde_json::to_value(v).expect("serializes"), name.as_str());
        }
        all.len()
    }

    #[test]
    fn every_kind_name_is_its_serde_name() {
        assert_eq!(check::<LinkKind>(|k| k.as_str()), 3);
        assert_eq!(check::<MediaKind>(|k| k.as_str()), 4);
        assert!(check::<BoilerplateKind>(|k| k.as_str()) >= 8);
        assert!(check::<CreditRole>(|k| k.as_str()) >= 9);
        assert_eq!(check::<EnvelopeForm>(|k| k.as_str()), 3);
        assert_eq!(check::<Precision>(|k| k.as_str()), 3);
        assert!(check::<WarningKind>(|k| k.as_str()) >= 14);
        assert!(check::<Outlet>(|k| k.as_str()) >= 18);
        assert_eq!(check::<FigureStyle>(|k| k.as_str()), 2);
    }

    #[test]
    fn every_outlet_has_a_distinct_display_name() {
        let mut names: Vec<&str> = variants::<Outlet>()
            .iter()
            .map(|(_, o)| o.display_name())
            .collect();
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n);
        assert!(names.iter().all(|n| !n.is_empty() && n.trim() == *n));
    }

    #[test]
    fn published_values_display_as_in_json() {
        use chrono::{DateTime, NaiveDate};

        use crate::PublishedValue;

        let mut values = Vec::new();
        for t in [
            "2023-05-24T14:34:01.707Z",
            "2023-05-24T14:34:01+08:00",
            "2020-01-01T00:00:00.123456789-05:30",
            "1999-12-31T23:59:60.5+00:00",
        ] {
            values.push(PublishedValue::Instant(
                DateTime::parse_from_rfc3339(t).expect("time"),
            ));
        }
        let day = NaiveDate::from_ymd_opt(2021, 1, 2).expect("date");
        values.push(PublishedValue::Date(day));
        values.push(PublishedValue::Local(day.and_hms_opt(8, 5, 0).expect("time")));
        values.push(PublishedValue::Local(
            day.and_hms_milli_opt(8, 5, 0, 250).expect("time"),
        ));
        for v in values {
            let json = serde_json::to_value(v).expect("serializes");
            assert_eq!(json["value"], v.to_string(), "{v:?}");
            assert_eq!(json["precision"], v.precision().as_str(), "{v:?}");
        }
    }
}
