//! Arbitrary UTF-8 as the body of a Chinese and of an English report: annotation never
//! panics and every span reads back its text.
#![no_main]

use diplograph::annotate::{annotate, Config};
use diplograph::lexicon::Lexicon;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let lex = Lexicon::embedded().expect("the embedded lexicon loads");
    for lang in ["zh", "en"] {
        let file = format!("date: 2021-06-23\nlang: {lang}\n\n{text}");
        let path = std::path::Path::new("fuzz.txt");
        if let Ok(doc) = diplograph::read::read_bytes(file.as_bytes(), path, "fuzz") {
            let a = annotate(&doc, lex, &Config::default());
            if let Err(e) = a.check_spans(&doc.body) {
                panic!("{e}");
            }
        }
    }
});
