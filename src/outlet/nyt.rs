//! NYT: `<i>AUTHOR<br>2020-11-17 11:38:29</i>` (no zone), weserv images with `<small>`
//! captions, subscription promos, `翻译：` lines, `X——` datelines.

use url::Url;

use super::{BASE, DatelineSeparator, Marker, Outlet, Rules, is_digits, segments, strip_page_extension};
use crate::model::BoilerplateKind::{Bio, EndNote, Promo, Related};

pub(crate) static RULES: Rules = Rules {
    outlet: Outlet::Nyt,
    name: "nyt",
    hosts: &["nytimes.com", "nytcn.me"],
    authors: &["纽约时报", "紐約時報", "NYT"],
    article_id,
    boilerplate: &[
        (Promo, Marker::Contains("点击此处订阅")),
        (Promo, Marker::Contains("點擊此處訂閱")),
        (Promo, Marker::Prefix("感谢阅读")),
        (Promo, Marker::Prefix("（本文稍后将有更新")),
        (Promo, Marker::Contains("订阅《纽约时报》")),
        (Related, Marker::Prefix("点击查看本文英文版")),
        (Related, Marker::Prefix("點擊查看本文英文版")),
        // Author bios close many items (`X是《纽约时报》驻香港记者...`, `X是时报驻华记者`,
        // `他1981年加入时报`); they count only among the closing blocks.
        (Bio, Marker::Contains("是《纽约时报》")),
        (Bio, Marker::Contains("是《紐約時報》")),
        (Bio, Marker::Contains("为《纽约时报》")),
        (Bio, Marker::Contains("為《紐約時報》")),
        (Bio, Marker::Contains("是时报")),
        (Bio, Marker::Contains("是時報")),
        (Bio, Marker::Contains("为时报")),
        (Bio, Marker::Contains("為時報")),
        (Bio, Marker::Contains("加入时报")),
        (Bio, Marker::Contains("加入時報")),
        (Bio, Marker::Contains("时报驻")),
        (Bio, Marker::Contains("時報駐")),
        (Bio, Marker::Contains("分社社长")),
        (Bio, Marker::Contains("分社社長")),
        (Bio, Marker::Contains("欢迎在Twitter上关注")),
        (Bio, Marker::Contains("歡迎在Twitter上關注")),
        (Bio, Marker::Contains("欢迎在推特上关注")),
        (EndNote, Marker::Prefix("本文最初发表于")),
    ],
    dateline_separators: &[DatelineSeparator::place("——"), DatelineSeparator::place(" — ")],
    ..BASE
};

/// `cn.nytimes.com/china/20201117/slug/`: `20201117/slug`; the English site's
/// `/2020/06/16/world/asia/slug.html`: `2020/06/16/world/asia/slug`.
fn article_id(url: &Url) -> Option<String> {
    let segments = segments(url);
    if let Some(date_at) = segments.iter().position(|s| s.len() == 8 && is_digits(s)) {
        let slug = segments.get(date_at + 1)?;
        return Some(format!("{}/{slug}", segments.get(date_at)?));
    }
    let year_at = segments.iter().position(|s| s.len() == 4 && is_digits(s))?;
    let rest = segments.get(year_at..)?;
    let dated = rest
        .get(1..3)
        .is_some_and(|md| md.iter().all(|s| s.len() == 2 && is_digits(s)));
    if !dated || rest.len() < 4 {
        return None;
    }
    let mut id = rest.join("/");
    let stem = strip_page_extension(&id).len();
    id.truncate(stem);
    Some(id)
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
            id("https://cn.nytimes.com/china/20201117/slug/").as_deref(),
            Some("20201117/slug")
        );
        assert_eq!(
            id("https://www.nytimes.com/2020/06/16/world/asia/indian-china-border-clash.html").as_deref(),
            Some("2020/06/16/world/asia/indian-china-border-clash")
        );
        assert_eq!(
            id("https://www.nytimes.com/zh/2019/11/16/world/asia/x.html").as_deref(),
            Some("2019/11/16/world/asia/x")
        );
        assert_eq!(id("https://m.cn.nytimes.com/morning-brief/"), None);
        assert_eq!(id("https://www.nytimes.com/"), None);
        assert_eq!(
            id("https://archive.nytimes.com/www.nytimes.com/ref/international/24MEMO-GUIDE.html"),
            None
        );
        assert_eq!(
            id("https://www.nytimes.com/news-event/coronavirus?action=click"),
            None
        );
        assert_eq!(id("https://www.nytimes.com/2020/06/16"), None);
    }
}
