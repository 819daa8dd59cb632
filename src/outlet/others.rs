//! Outlets with little of their own beyond hosts, an id form and a closing line or two.

use url::Url;

use super::{
    BASE, Marker, Outlet, Rules, decode, is_digits, last_segment, query_digits, segments,
    strip_page_extension,
};
use crate::model::BoilerplateKind::{Chrome, EndNote, Promo, Staff};

pub(crate) static ASAHI: Rules = Rules {
    outlet: Outlet::Asahi,
    name: "asahi",
    hosts: &["asahi.com", "asahichinese-j.com"],
    authors: &["朝日新闻", "朝日新聞", "asahi", "ASAHI"],
    article_id: asahi_id,
    ..BASE
};

/// `/articles/ASN3T5HXXN3TUHBI00D.html`, `/ajw/articles/13969000`, `.../AJ202003270031.html`.
fn asahi_id(url: &Url) -> Option<String> {
    let segments = segments(url);
    if let [.., "articles", id] = segments.as_slice() {
        return Some(strip_page_extension(id).to_owned());
    }
    let last = strip_page_extension(segments.last()?);
    last.strip_prefix("AJ")
        .is_some_and(is_digits)
        .then(|| last.to_owned())
}

pub(crate) static RFA: Rules = Rules {
    outlet: Outlet::Rfa,
    name: "rfa",
    hosts: &["rfa.org"],
    authors: &["自由亚洲电台", "自由亞洲電台", "RFA"],
    article_id: rfa_id,
    skip_classes: &["visualClear", "zoomattribute"],
    // `自由亚洲电台记者X台北报道`, `记者：X 责编：Y 网编：Z`.
    credits: &[
        Marker::Prefix("自由亚洲电台记者"),
        Marker::Prefix("自由亞洲電台記者"),
        Marker::Prefix("记者："),
    ],
    // `<p><iframe …video…></p><p><i>视频【…】</i></p>`.
    loose_captions: true,
    ..BASE
};

/// `/mandarin/yataibaodao/gangtai/gf2-09102020080013.html`: `gf2-09102020080013` (a desk code
/// and the MMDDYYYYhhmmss stamp that identifies the story).
fn rfa_id(url: &Url) -> Option<String> {
    let last = last_segment(url)?;
    let stem = last.strip_suffix(".html").or_else(|| last.strip_suffix(".htm"))?;
    let (_, stamp) = stem.rsplit_once('-')?;
    (is_digits(stamp) && stamp.len() >= 8).then(|| stem.to_owned())
}

pub(crate) static ZAOBAO: Rules = Rules {
    outlet: Outlet::Zaobao,
    name: "zaobao",
    hosts: &["zaobao.com", "zaobao.com.sg"],
    authors: &["联合早报", "聯合早報"],
    article_id: zaobao_id,
    ..BASE
};

/// `/realtime/china/story20200810-1075904`: `story20200810-1075904`.
fn zaobao_id(url: &Url) -> Option<String> {
    let last = strip_page_extension(last_segment(url)?);
    let (date, number) = last.strip_prefix("story")?.split_once('-')?;
    (date.len() == 8 && is_digits(date) && is_digits(number)).then(|| last.to_owned())
}

pub(crate) static EPOCH: Rules = Rules {
    outlet: Outlet::EpochTimes,
    name: "epoch_times",
    hosts: &["epochtimes.com"],
    authors: &["大纪元", "大紀元"],
    article_id: epoch_id,
    // `【大纪元2020年11月15日讯】（大纪元记者X报导）`.
    dateline_brackets: &[('【', '】', &["讯", "訊"])],
    boilerplate: &[
        (Staff, Marker::Contains("；责任编辑：")),
        (Promo, Marker::Prefix("【支持】")),
        (Promo, Marker::Prefix("大纪元每天为读者梳理")),
        (Promo, Marker::Prefix("大紀元每天為讀者梳理")),
    ],
    ..BASE
};

/// `/gb/20/11/15/n12550710.htm`: `n12550710`. Tag pages (`/gb/tag/X.html`) carry none.
fn epoch_id(url: &Url) -> Option<String> {
    let last = strip_page_extension(last_segment(url)?);
    last.strip_prefix('n')
        .is_some_and(is_digits)
        .then(|| last.to_owned())
}

pub(crate) static CDT: Rules = Rules {
    outlet: Outlet::ChinaDigitalTimes,
    name: "china_digital_times",
    hosts: &["chinadigitaltimes.net"],
    authors: &["中国数字时代"],
    article_id: cdt_id,
    boilerplate: &[
        (EndNote, Marker::Prefix("The post ")),
        (Chrome, Marker::Prefix("Feed enhanced by")),
        // WeChat reposts close with the account's reprint notice.
        (Promo, Marker::Prefix("原创稿件。转载请")),
    ],
    // Reposted WeChat pages caption images with an italic or a credited paragraph under them.
    loose_captions: true,
    ..BASE
};

/// `/chinese/2020/11/slug/` (and its `/embed/`): `2020/11/slug`, the slug decoded; a WordPress
/// `?p=659282` gives the post number.
fn cdt_id(url: &Url) -> Option<String> {
    if let Some(p) = query_digits(url, "p") {
        return Some(p);
    }
    let mut segments = segments(url);
    if segments.last() == Some(&"embed") {
        segments.pop();
    }
    let year_at = segments.iter().position(|s| s.len() == 4 && is_digits(s))?;
    match segments.get(year_at..)? {
        [year, month, slug] if month.len() == 2 && is_digits(month) => {
            Some(format!("{year}/{month}/{}", decode(slug)))
        }
        _ => None,
    }
}

pub(crate) static RTI: Rules = Rules {
    outlet: Outlet::Rti,
    name: "rti",
    hosts: &["rti.org.tw"],
    authors: &["RTI 中央廣播電臺", "中央广播电台", "中央廣播電臺", "RTI"],
    article_id: rti_id,
    ..BASE
};

/// `/news/view/id/2073374` (or `?id=2073374`): `2073374`.
fn rti_id(url: &Url) -> Option<String> {
    if let [.., "id", id] = segments(url).as_slice() {
        return is_digits(id).then(|| (*id).to_owned());
    }
    query_digits(url, "id")
}

pub(crate) static SOLIDOT: Rules = Rules {
    outlet: Outlet::Solidot,
    name: "solidot",
    hosts: &["solidot.org"],
    authors: &["Solidot", "solidot"],
    article_id: solidot_id,
    // The site's badge, closing every item.
    chrome_images: &["/0/446/liiLIZF8Uh6yM."],
    ..BASE
};

/// `/story?sid=65735`: `65735`.
fn solidot_id(url: &Url) -> Option<String> {
    query_digits(url, "sid")
}

pub(crate) static BITTER_WINTER: Rules = Rules {
    outlet: Outlet::BitterWinter,
    name: "bitter_winter",
    hosts: &["bitterwinter.org"],
    authors: &["寒冬", "Bitter Winter"],
    article_id: bitter_winter_id,
    // The feed's closing line: `The post TITLE first appeared on Bitter Winter.`
    boilerplate: &[(EndNote, Marker::Contains("first appeared on"))],
    ..BASE
};

/// Bitter Winter's URLs are slugs (`/propaganda-bases-replace-religious-venues/`) and carry no
/// number; only a WordPress `?p=12345` does.
fn bitter_winter_id(url: &Url) -> Option<String> {
    query_digits(url, "p")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(rules: &Rules, s: &str) -> Option<String> {
        (rules.article_id)(&Url::parse(s).unwrap())
    }

    #[test]
    fn ids() {
        let cases: &[(&Rules, &str, &str)] = &[
            (
                &ZAOBAO,
                "https://www.zaobao.com/realtime/china/story20200810-1075904",
                "story20200810-1075904",
            ),
            (
                &ZAOBAO,
                "https://www.zaobao.com.sg/news/china/story20200810-1075904",
                "story20200810-1075904",
            ),
            (
                &EPOCH,
                "https://www.epochtimes.com/gb/20/11/15/n12550710.htm",
                "n12550710",
            ),
            (
                &EPOCH,
                "https://www.epochtimes.com/b5/20/11/15/n12550710.html",
                "n12550710",
            ),
            (
                &RFA,
                "https://www.rfa.org/mandarin/yataibaodao/gangtai/gf2-09102020080013.html",
                "gf2-09102020080013",
            ),
            (
                &RFA,
                "http://www.rfa.org/mandarin/Xinwen/9-11122020140430.html",
                "9-11122020140430",
            ),
            (&RTI, "https://www.rti.org.tw/news/view/id/2073374", "2073374"),
            (&RTI, "https://www.rti.org.tw/news/view?id=2073374", "2073374"),
            (&SOLIDOT, "https://www.solidot.org/story?sid=65735", "65735"),
            (
                &CDT,
                "https://chinadigitaltimes.net/chinese/2020/11/%e5%87%a1/",
                "2020/11/凡",
            ),
            (
                &CDT,
                "https://chinadigitaltimes.net/chinese/2020/08/slug/embed/#?secret=x",
                "2020/08/slug",
            ),
            (&CDT, "https://chinadigitaltimes.net/chinese/?p=659282", "659282"),
            (&BITTER_WINTER, "https://zh.bitterwinter.org/?p=12345", "12345"),
            (
                &ASAHI,
                "https://www.asahi.com/articles/ASN3T5HXXN3TUHBI00D.html",
                "ASN3T5HXXN3TUHBI00D",
            ),
            (
                &ASAHI,
                "https://asahichinese-j.com/society/AJ202003270031.html",
                "AJ202003270031",
            ),
        ];
        for (rules, url, want) in cases {
            assert_eq!(id(rules, url).as_deref(), Some(*want), "{url}");
        }
        let none: &[(&Rules, &str)] = &[
            (&ZAOBAO, "https://www.zaobao.com/realtime/china"),
            (&ZAOBAO, "https://www.zaobao.com/news/storyline-x"),
            (
                &EPOCH,
                "https://www.epochtimes.com/gb/tag/%E6%96%B0%E7%96%86.html",
            ),
            (&EPOCH, "https://www.epochtimes.com/gb/nsc413.htm"),
            (
                &RFA,
                "https://www.rfa.org/mandarin/yataibaodao/gangtai/hx-10222020065320.html/4.jpg",
            ),
            (&RFA, "https://www.rfa.org/mandarin/"),
            (&RTI, "https://www.rti.org.tw/news/list/categoryId/1"),
            (&SOLIDOT, "https://www.solidot.org/story?sid=x"),
            (&CDT, "https://chinadigitaltimes.net/chinese/tag/x/"),
            (&CDT, "https://chinadigitaltimes.net/chinese"),
            (&CDT, "https://chinadigitaltimes.net/chinese/2020/11/"),
            (
                &BITTER_WINTER,
                "https://zh.bitterwinter.org/propaganda-bases-replace-religious-venues/",
            ),
            (&BITTER_WINTER, "https://zh.bitterwinter.org/tag/xinjiang/"),
            (&ASAHI, "http://asahichinese-j.com/photo/29117385"),
        ];
        for (rules, url) in none {
            assert_eq!(id(rules, url), None, "{url}");
        }
    }
}
