//! Saved HTML pages: the article's metadata and text are read with an HTML parser, and
//! navigation, scripts, share widgets and footers stay out of the body.

use super::common::*;

fn annotation(path: &std::path::Path) -> serde_json::Value {
    let out = ok(&[
        "annotate",
        "--format",
        "json",
        path.to_str().expect("utf-8"),
    ]);
    serde_json::from_str(&out).expect("annotation JSON")
}

fn mentions(v: &serde_json::Value) -> Vec<String> {
    v["mentions"]
        .as_array()
        .map(|m| {
            m.iter()
                .filter_map(|x| x["text"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_saved_page_reads_as_its_article() {
    let v = annotation(&fixture("page_zh.html"));
    let doc = &v["document"];
    assert_eq!(doc["title"], "王毅同新加坡外长维文通电话");
    assert_eq!(doc["date"], "2024-05-20");
    assert_eq!(
        doc["url"],
        "https://example.org/diplograph-fixtures/page-zh"
    );
    assert_eq!(doc["lang"], "zh");
    let read = diplograph::read::read_file(
        &fixture("page_zh.html"),
        &diplograph::read::ReadOptions::default(),
    )
    .expect("the page reads");
    let body = read.body.as_str();
    assert_eq!(read.header.get("format").map(String::as_str), Some("html"));
    assert!(body.contains("王毅应约同新加坡外长维文通电话"), "{body}");
    assert!(
        body.contains("深化共建“一带一路”合作"),
        "inline markup joins: {body}"
    );
    for absent in [
        "首页",
        "分享到",
        "打印",
        "统计代码",
        "tracker",
        "版权所有",
        "马克龙",
        "东盟峰会",
        ".share",
    ] {
        assert!(
            !body.contains(absent),
            "{absent:?} leaked into the body:\n{body}"
        );
    }
    // Paragraphs stay on their own lines.
    assert!(body.lines().count() >= 3, "{body}");
    // The annotator sees the article: the call and its two parties, and nothing from the
    // sidebar or the script.
    let m = mentions(&v);
    assert!(m.iter().any(|t| t == "王毅"), "{m:?}");
    assert!(m.iter().any(|t| t == "维文"), "{m:?}");
    assert!(!m.iter().any(|t| t == "马克龙"), "{m:?}");
    let events = v["events"].as_array().expect("events");
    assert!(
        events.iter().any(|e| e["event_type"] == "phone-call"),
        "{events:?}"
    );
}

#[test]
fn a_page_in_gbk_declared_by_meta_charset_decodes() {
    let text = std::fs::read_to_string(fixture("page_zh.html"))
        .expect("fixture")
        .replace(
            r#"<meta charset="utf-8">"#,
            r#"<meta http-equiv="Content-Type" content="text/html; charset=gbk">"#,
        );
    let (bytes, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad, "the fixture is GBK-encodable");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("page_gbk.html");
    std::fs::write(&path, &bytes).expect("write");
    assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
    let v = annotation(&path);
    assert_eq!(v["document"]["title"], "王毅同新加坡外长维文通电话");
    assert!(mentions(&v).iter().any(|t| t == "维文"));
}

#[test]
fn a_page_without_article_text_is_a_one_line_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("empty_page.html");
    std::fs::write(
        &path,
        "<!DOCTYPE html><html><head><title>x</title><script>var a = 1;</script></head><body><nav>首页</nav></body></html>",
    )
    .expect("write");
    let r = run(&["annotate", path.to_str().expect("utf-8")]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("empty_page.html: no article text in the page"),
        "{}",
        r.stderr
    );
}
