//! BBC 中文: `2020年 7月 17日` date-only blocks (old layout) or `<time datetime>` (new),
//! `figcaption` captions, `图片版权` credits behind screen-reader labels.

use url::Url;

use super::{BASE, Marker, Outlet, Rules, decode, is_digits, segments, strip_page_extension};
use crate::model::BoilerplateKind::{Promo, Related, Widget};

pub(crate) static RULES: Rules = Rules {
    outlet: Outlet::Bbc,
    name: "bbc",
    hosts: &["bbc.com", "bbc.co.uk"],
    other_hosts: &["bbc.in", "bbci.co.uk"],
    authors: &["BBC", "BBC中文网", "BBC中文"],
    article_id,
    boilerplate: &[
        (Related, Marker::Exact("相关内容")),
        (Related, Marker::Exact("延伸阅读")),
        (Related, Marker::Exact("相关话题")),
        // Player and embed labels: `<a>使用浏览器播视频/view video in browser</a>` under a video
        // placeholder, the skip links around an embedded post (`跳过 Twitter 帖子, 1`,
        // `结尾 Twitter 帖子, 1`, `Twitter 帖子的结尾`).
        (Widget, Marker::Prefix("使用浏览器播视频")),
        (Widget, Marker::Prefix("使用瀏覽器播視頻")),
        (Widget, Marker::Prefix("跳过 Twitter")),
        (Widget, Marker::Prefix("跳過 Twitter")),
        (Widget, Marker::Prefix("结尾 Twitter")),
        (Widget, Marker::Prefix("結尾 Twitter")),
        (Widget, Marker::Prefix("跳过 Facebook")),
        (Widget, Marker::Prefix("结尾 Facebook")),
        (Widget, Marker::Prefix("跳过 YouTube")),
        (Widget, Marker::Prefix("结尾 YouTube")),
        (Widget, Marker::Prefix("跳过 Instagram")),
        (Widget, Marker::Prefix("结尾 Instagram")),
        (Widget, Marker::Contains("帖子的结尾")),
        (Widget, Marker::Contains("帖子的結尾")),
        (Promo, Marker::Prefix("欢迎浏览BBC Future")),
        (Promo, Marker::Prefix("歡迎瀏覽BBC Future")),
    ],
    skip_classes: &["media-placeholder"],
    credit_classes: &["story-image-copyright"],
    // Separator lines and the top and bottom edges of boxes.
    chrome_images: &[
        "grey_line",
        "line976",
        "_transparent-nc",
        "banner_top_",
        "banner_bottom_",
    ],
    ..BASE
};

/// `/zhongwen/simp/world-55565454` (also `/embed`, `/live/...`), `/ukchina/simp/54327765`,
/// `/news/av/world-asia-china-54908367`: the number. Dated slugs keep their form:
/// `/future/article/20200826-slug` and the old `/2014/09/140925_us_vietnam.shtml`;
/// `news.bbc.co.uk/.../4158812.stm` gives `4158812`.
fn article_id(url: &Url) -> Option<String> {
    let mut segments = segments(url);
    if segments.last().is_some_and(|s| matches!(*s, "embed" | "amp")) {
        segments.pop();
    }
    let last = strip_page_extension(segments.last()?);
    if is_digits(last) {
        return (last.len() >= 5).then(|| last.to_owned());
    }
    if let Some((_, tail)) = last.rsplit_once('-') {
        if is_digits(tail) && tail.len() >= 5 {
            return Some(tail.to_owned());
        }
    }
    let dated = |digits: usize, sep: u8| {
        last.len() > digits + 1
            && last.as_bytes().get(digits) == Some(&sep)
            && last.get(..digits).is_some_and(is_digits)
    };
    (dated(8, b'-') || dated(6, b'_')).then(|| decode(last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> Option<String> {
        article_id(&Url::parse(s).unwrap())
    }

    #[test]
    fn ids() {
        let cases = [
            ("https://www.bbc.com/zhongwen/simp/world-55565454", "55565454"),
            (
                "https://www.bbc.com/zhongwen/simp/chinese-news-54717444/embed",
                "54717444",
            ),
            ("https://www.bbc.com/zhongwen/simp/55200550", "55200550"),
            ("https://www.bbc.com/ukchina/simp/vert-fut-49547559", "49547559"),
            (
                "https://www.bbc.co.uk/news/av/world-asia-china-54908367",
                "54908367",
            ),
            (
                "https://www.bbc.com/future/article/20200826-the-bold-plan",
                "20200826-the-bold-plan",
            ),
            (
                "http://www.bbc.co.uk/zhongwen/simp/world/2014/09/140925_us_vietnam_weapons_sales.shtml",
                "140925_us_vietnam_weapons_sales",
            ),
            (
                "http://news.bbc.co.uk/chinese/simp/hi/newsid_4150000/newsid_4158800/4158812.stm",
                "4158812",
            ),
        ];
        for (url, want) in cases {
            assert_eq!(id(url).as_deref(), Some(want), "{url}");
        }
        assert_eq!(id("https://www.bbc.com/zhongwen/simp"), None);
        assert_eq!(id("https://www.bbc.com/travel"), None);
        assert_eq!(id("https://www.bbc.com/zhongwen/simp/world-12"), None);
        assert_eq!(
            id("https://www.bbc.co.uk/zhongwen/resources/idt-ae57eb25-a3d3-4479-bd06-cf689e1f5f1d"),
            None
        );
    }
}
