//! Property tests on mutated reports: whatever the text, the reader and the annotator do
//! not panic, every span lies inside the body, and every span's text is the body's text
//! at that span.

use proptest::prelude::*;

use super::common::*;
use diplograph::annotate::{annotate, Config};
use diplograph::lexicon::Lexicon;
use diplograph::read::read_bytes;

/// Pieces of the genre to splice into documents: titles, names, punctuation, numbers,
/// dates, odd characters.
const PIECES: &[&str] = &[
    "外交部长",
    "国家主席",
    "主持",
    "出席",
    "会见",
    "会谈",
    "通电话",
    "表示",
    "，",
    "。",
    "、",
    "“",
    "”",
    "（",
    "）",
    "\n",
    "29个国家",
    "4点建议",
    "第一，",
    "一是",
    "2021年6月23日",
    "23日",
    "视频",
    "倡议",
    "“一带一路”",
    "联合国",
    "秘书长",
    "·",
    "—",
    "-",
    "X方",
    "中方",
    "Foreign Minister",
    "President",
    "chaired",
    "attended",
    " on June 23, 2021",
    "U.S.",
    "\u{0}",
    "\u{feff}",
    "\u{200b}",
    "𠀀",
    "é",
    "\r\n",
    "  ",
    "1.5亿美元",
    "约",
    "超过",
];

fn base_texts() -> Vec<String> {
    let mut v = vec![std::fs::read_to_string(seed()).expect("seed")];
    for f in [
        "lmc_zh.txt",
        "lmc_en.txt",
        "call_zh.txt",
        "meeting_en.txt",
        "two_meetings_zh.txt",
    ] {
        v.push(std::fs::read_to_string(fixture(f)).expect("fixture"));
    }
    v
}

#[derive(Debug, Clone)]
enum Edit {
    Delete { at: usize, len: usize },
    Insert { at: usize, piece: usize },
    Duplicate { at: usize, len: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(at, len)| Edit::Delete { at, len }),
        (any::<usize>(), 0..PIECES.len()).prop_map(|(at, piece)| Edit::Insert { at, piece }),
        (any::<usize>(), 0usize..200).prop_map(|(at, len)| Edit::Duplicate { at, len }),
    ]
}

/// Applies edits at character positions (taken modulo the length), keeping the header.
fn mutate(text: &str, edits: &[Edit]) -> String {
    let (head, body) = text.split_once("\n\n").unwrap_or(("", text));
    let mut chars: Vec<char> = body.chars().collect();
    for e in edits {
        let n = chars.len().max(1);
        match *e {
            Edit::Delete { at, len } => {
                let at = at % n;
                let end = (at + len).min(chars.len());
                chars.drain(at.min(end)..end);
            }
            Edit::Insert { at, piece } => {
                let at = at % (chars.len() + 1);
                let p: Vec<char> = PIECES[piece].chars().collect();
                chars.splice(at..at, p);
            }
            Edit::Duplicate { at, len } => {
                let at = at % n;
                let end = (at + len).min(chars.len());
                let copy: Vec<char> = chars.get(at..end).unwrap_or(&[]).to_vec();
                chars.splice(end..end, copy);
            }
        }
    }
    let body: String = chars.into_iter().collect();
    if head.is_empty() {
        body
    } else {
        format!("{head}\n\n{body}")
    }
}

fn lexicon() -> &'static Lexicon {
    Lexicon::embedded().expect("lexicon")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn spans_of_mutated_reports_read_back(base in 0usize..6, edits in proptest::collection::vec(edit(), 0..12)) {
        let texts = base_texts();
        let text = mutate(&texts[base % texts.len()], &edits);
        if let Ok(doc) = read_bytes(text.as_bytes(), std::path::Path::new("mutated.txt"), "mutated") {
            let a = annotate(&doc, lexicon(), &Config::default());
            if let Err(e) = a.check_spans(&doc.body) {
                prop_assert!(false, "{}", e);
            }
        }
    }

    #[test]
    fn arbitrary_bytes_read_or_fail_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        // Ok or an error naming the file; never a panic.
        match read_bytes(&bytes, std::path::Path::new("bytes.bin"), "bytes") {
            Ok(doc) => {
                let a = annotate(&doc, lexicon(), &Config::default());
                if let Err(e) = a.check_spans(&doc.body) {
                    prop_assert!(false, "{}", e);
                }
            }
            Err(e) => prop_assert!(e.to_string().starts_with("bytes.bin: "), "{}", e),
        }
    }

    #[test]
    fn arbitrary_html_reads_or_fails_cleanly(parts in proptest::collection::vec((0usize..8, "[^<>]{0,20}"), 0..40)) {
        const TAGS: &[&str] = &["<p>", "</p>", "<div class=\"content\">", "</div>", "<script>", "</script>", "<br>", "<article>"];
        let mut page = String::from("<!DOCTYPE html><html><head><title>t</title></head><body>");
        for (t, text) in &parts {
            page.push_str(TAGS[*t]);
            page.push_str(text);
        }
        match read_bytes(page.as_bytes(), std::path::Path::new("page.html"), "page") {
            Ok(doc) => prop_assert!(!doc.body.trim().is_empty()),
            Err(e) => prop_assert!(e.to_string().starts_with("page.html: "), "{}", e),
        }
    }
}

/// Found by the `annotate` fuzz target (the input it produced from the test fixtures is
/// kept in tests/regressions): a count closing a clause (`达到140个。`) after Latin text in
/// the same clause cut the text inside a character.
#[test]
fn fuzz_regression_count_after_latin_text() {
    let body =
        std::fs::read_to_string(root().join("tests/regressions/fuzz-annotate-count-boundary.txt"))
            .expect("regression input");
    for lang in ["zh", "en"] {
        let text = format!("date: 2021-06-23\nlang: {lang}\n\n{body}");
        let doc =
            read_bytes(text.as_bytes(), std::path::Path::new("fuzz.txt"), "fuzz").expect("reads");
        let a = annotate(&doc, lexicon(), &Config::default());
        assert_eq!(a.check_spans(&doc.body), Ok(()));
    }
}
