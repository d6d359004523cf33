//! Saved HTML pages of news sites: the article's title, date, URL, language and body text,
//! read with a real HTML parser (html5ever through `scraper`).
//!
//! The body is the page's article container (`<article>`, or the element whose id or class
//! names the content, or else the element holding the most paragraph text), with scripts,
//! styles, navigation, headers, footers, forms and share or related-links widgets dropped.
//! Block elements end lines, so paragraphs stay paragraphs.

use scraper::{ElementRef, Html, Node, Selector};

use crate::date::Date;

/// What a page says about its article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub title: Option<String>,
    pub date: Option<Date>,
    pub url: Option<String>,
    pub lang: Option<String>,
    /// The article text, paragraphs on their own lines.
    pub body: String,
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "select", "iframe", "svg", "canvas", "video", "audio", "object", "embed", "head",
];

/// Words in an id or class that mark a widget rather than the article.
const WIDGET_WORDS: &[&str] = &[
    "share",
    "social",
    "nav",
    "menu",
    "footer",
    "breadcrumb",
    "crumb",
    "comment",
    "related",
    "recommend",
    "advert",
    "banner",
    "sidebar",
    "toolbar",
    "copyright",
    "print",
    "subscribe",
];

/// Words in an id or class that mark the article container.
const CONTENT_WORDS: &[&str] = &[
    "article",
    "content",
    "main",
    "text",
    "body",
    "detail",
    "news",
    "trs_editor",
    "zoom",
];

/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "figcaption",
    "center",
];

/// Deeper nesting than this is not descended into (a page is not a stack-depth attack).
const MAX_DEPTH: usize = 512;

/// Whether decoded text is an HTML page rather than a report or plain text.
#[must_use]
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(256)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with("<!--") || head.starts_with("<?xml")) && head.contains("<html")
}

/// The charset an HTML page declares in its first 1024 bytes (`<meta charset=…>` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">`).
#[must_use]
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let start = lower.windows(3).position(|w| w == b"<ht")?;
    let lower = &lower[start..];
    let at = lower
        .windows(8)
        .position(|w| w == b"charset=")
        .map(|i| i + 8)?;
    let value: String = lower[at..]
        .iter()
        .skip_while(|b| **b == b'"' || **b == b'\'' || **b == b' ')
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(**b, b'-' | b'_' | b':' | b'.'))
        .map(|b| char::from(*b))
        .collect();
    (!value.is_empty()).then_some(value)
}

fn selector(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

fn first_attr(doc: &Html, css: &str, attr: &str) -> Option<String> {
    let sel = selector(css)?;
    doc.select(&sel)
        .find_map(|e| e.value().attr(attr))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

fn first_text(doc: &Html, css: &str) -> Option<String> {
    let sel = selector(css)?;
    doc.select(&sel)
        .map(|e| collapse(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

/// Whitespace runs to one space, trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYY年M月D日` date in `s`.
#[must_use]
pub fn find_date(s: &str) -> Option<Date> {
    let chars: Vec<char> = s.chars().collect();
    let digits = |from: usize, max: usize| -> (u32, usize) {
        let mut v = 0u32;
        let mut n = 0;
        while n < max {
            match chars.get(from + n).and_then(|c| c.to_digit(10)) {
                Some(d) => {
                    v = v * 10 + d;
                    n += 1;
                }
                None => break,
            }
        }
        (v, n)
    };
    let mut i = 0;
    while i < chars.len() {
        let (y, ny) = digits(i, 4);
        let before_is_digit = i > 0 && chars.get(i - 1).is_some_and(char::is_ascii_digit);
        if ny == 4 && !before_is_digit {
            let sep = chars.get(i + 4).copied();
            if matches!(sep, Some('-' | '/' | '年' | '.')) {
                let (m, nm) = digits(i + 5, 2);
                let sep2 = chars.get(i + 5 + nm).copied();
                if nm > 0 && matches!(sep2, Some('-' | '/' | '月' | '.')) {
                    let (d, nd) = digits(i + 6 + nm, 2);
                    if nd > 0 {
                        if let Some(date) = i32::try_from(y).ok().and_then(|y| Date::new(y, m, d)) {
                            return Some(date);
                        }
                    }
                }
            }
        }
        i += 1;
    }
    None
}

/// Whether an element's id or class contains one of `words`.
fn marked(e: &ElementRef<'_>, words: &[&str]) -> bool {
    let v = e.value();
    let names =
        format!("{} {}", v.id().unwrap_or(""), v.attr("class").unwrap_or("")).to_ascii_lowercase();
    words.iter().any(|w| names.contains(w))
}

/// Whether an element is never article text.
fn skipped(e: &ElementRef<'_>) -> bool {
    SKIPPED.contains(&e.value().name()) || marked(e, WIDGET_WORDS)
}

/// Appends the text of `e` to `out`, lines ending at block elements.
fn text_of(e: ElementRef<'_>, out: &mut String, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for child in e.children() {
        match child.value() {
            Node::Text(t) => {
                let t: &str = t;
                if !t.trim().is_empty() {
                    if t.starts_with(char::is_whitespace) && !out.ends_with(['\n', ' ']) {
                        out.push(' ');
                    }
                    out.push_str(&collapse(t));
                    if t.ends_with(char::is_whitespace) {
                        out.push(' ');
                    }
                }
            }
            Node::Element(_) => {
                let Some(ce) = ElementRef::wrap(child) else {
                    continue;
                };
                if skipped(&ce) {
                    continue;
                }
                let block = BLOCKS.contains(&ce.value().name());
                if block && !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                text_of(ce, out, depth + 1);
                if block && !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

/// Paragraph text directly under `e` (its `<p>` children and text), the measure of an
/// article container.
fn paragraph_weight(e: &ElementRef<'_>) -> usize {
    e.children()
        .filter_map(|c| match c.value() {
            Node::Text(t) => Some(t.trim().chars().count()),
            Node::Element(el) if el.name() == "p" => {
                ElementRef::wrap(c).map(|p| p.text().map(|t| t.trim().chars().count()).sum())
            }
            _ => None,
        })
        .sum()
}

/// The element holding the article.
fn container(doc: &Html) -> Option<ElementRef<'_>> {
    let all = selector("body *")?;
    let candidates: Vec<ElementRef<'_>> = doc
        .select(&all)
        .filter(|e| {
            !skipped(e)
                && !e
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|a| skipped(&a))
        })
        .collect();
    if let Some(a) = selector("article").and_then(|s| {
        doc.select(&s)
            .find(|e| !skipped(e) && paragraph_weight(e) > 0)
    }) {
        return Some(a);
    }
    // The element with the most paragraph text; one marked as content wins ties and
    // counts double.
    candidates
        .into_iter()
        .map(|e| {
            let w = paragraph_weight(&e);
            let bonus = if marked(&e, CONTENT_WORDS) { w } else { 0 };
            (w + bonus, e)
        })
        .filter(|(w, _)| *w > 0)
        .max_by_key(|(w, _)| *w)
        .map(|(_, e)| e)
}

/// Reads a page.
#[must_use]
pub fn read_page(text: &str) -> Page {
    let doc = Html::parse_document(text);
    let title = first_attr(&doc, r#"meta[property="og:title"]"#, "content")
        .or_else(|| first_attr(&doc, r#"meta[name="ArticleTitle"]"#, "content"))
        .or_else(|| first_text(&doc, "title"))
        .or_else(|| first_text(&doc, "h1"));
    let date = [
        (r#"meta[property="article:published_time"]"#, "content"),
        (r#"meta[name="PubDate"]"#, "content"),
        (r#"meta[name="pubdate"]"#, "content"),
        (r#"meta[name="publishdate"]"#, "content"),
        (r#"meta[name="date"]"#, "content"),
        (r#"meta[itemprop="datePublished"]"#, "content"),
        ("time[datetime]", "datetime"),
    ]
    .iter()
    .find_map(|(css, attr)| first_attr(&doc, css, attr).and_then(|v| find_date(&v)));
    let url = first_attr(&doc, r#"link[rel="canonical"]"#, "href")
        .or_else(|| first_attr(&doc, r#"meta[property="og:url"]"#, "content"));
    let lang = first_attr(&doc, "html[lang]", "lang");
    let mut body = String::new();
    if let Some(c) = container(&doc) {
        text_of(c, &mut body, 0);
    }
    let body: Vec<String> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let body = body.join("\n");
    // A page without a date in its metadata: the first date written near the top of the
    // article or the page.
    let date = date.or_else(|| {
        let head: String = body.chars().take(400).collect();
        find_date(&head)
    });
    Page {
        title,
        date,
        url,
        lang,
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_usual_forms() {
        assert_eq!(
            find_date("发布时间：2021年6月23日 10:00"),
            Date::new(2021, 6, 23)
        );
        assert_eq!(
            find_date("2021-06-23T10:00:00+08:00"),
            Date::new(2021, 6, 23)
        );
        assert_eq!(find_date("updated 2021/6/3"), Date::new(2021, 6, 3));
        assert_eq!(find_date("no date 12345-1-1"), None);
        assert_eq!(find_date("2021-13-40"), None);
    }

    #[test]
    fn charset_declarations() {
        assert_eq!(
            declared_charset(b"<html><head><meta charset=\"gbk\"></head>").as_deref(),
            Some("gbk")
        );
        assert_eq!(
            declared_charset(
                b"<!DOCTYPE html><html><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Big5\">"
            )
            .as_deref(),
            Some("big5")
        );
        assert_eq!(declared_charset(b"charset=x without a page"), None);
    }
}
