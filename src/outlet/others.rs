//! Outlets with little of their own beyond hosts and a closing line or two.

use super::{BASE, Marker, Outlet, Rules};
use crate::model::BoilerplateKind::{Chrome, EndNote, Staff};

pub(crate) static ASAHI: Rules = Rules {
    outlet: Outlet::Asahi,
    name: "asahi",
    hosts: &["asahi.com", "asahichinese-j.com"],
    authors: &["朝日新闻", "朝日新聞", "asahi", "ASAHI"],
    ..BASE
};

pub(crate) static RFA: Rules = Rules {
    outlet: Outlet::Rfa,
    name: "rfa",
    hosts: &["rfa.org"],
    authors: &["自由亚洲电台", "自由亞洲電台", "RFA"],
    skip_classes: &["visualClear", "zoomattribute"],
    // `自由亚洲电台记者X台北报道`, `记者：X 责编：Y 网编：Z`.
    credits: &[
        Marker::Prefix("自由亚洲电台记者"),
        Marker::Prefix("自由亞洲電台記者"),
        Marker::Prefix("记者："),
    ],
    ..BASE
};

pub(crate) static ZAOBAO: Rules = Rules {
    outlet: Outlet::Zaobao,
    name: "zaobao",
    hosts: &["zaobao.com", "zaobao.com.sg"],
    authors: &["联合早报", "聯合早報"],
    ..BASE
};

pub(crate) static EPOCH: Rules = Rules {
    outlet: Outlet::EpochTimes,
    name: "epoch_times",
    hosts: &["epochtimes.com"],
    authors: &["大纪元", "大紀元"],
    // `【大纪元2020年11月15日讯】（大纪元记者X报导）`.
    dateline_brackets: &[('【', '】', &["讯", "訊"])],
    boilerplate: &[(Staff, Marker::Contains("；责任编辑："))],
    ..BASE
};

pub(crate) static CDT: Rules = Rules {
    outlet: Outlet::ChinaDigitalTimes,
    name: "china_digital_times",
    hosts: &["chinadigitaltimes.net"],
    authors: &["中国数字时代"],
    boilerplate: &[
        (EndNote, Marker::Prefix("The post ")),
        (Chrome, Marker::Prefix("Feed enhanced by")),
    ],
    ..BASE
};

pub(crate) static RTI: Rules = Rules {
    outlet: Outlet::Rti,
    name: "rti",
    hosts: &["rti.org.tw"],
    authors: &["RTI 中央廣播電臺", "中央广播电台", "中央廣播電臺", "RTI"],
    ..BASE
};

pub(crate) static SOLIDOT: Rules = Rules {
    outlet: Outlet::Solidot,
    name: "solidot",
    hosts: &["solidot.org"],
    authors: &["Solidot", "solidot"],
    ..BASE
};

pub(crate) static BITTER_WINTER: Rules = Rules {
    outlet: Outlet::BitterWinter,
    name: "bitter_winter",
    hosts: &["bitterwinter.org"],
    authors: &["寒冬", "Bitter Winter"],
    ..BASE
};
