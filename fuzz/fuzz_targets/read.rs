//! Arbitrary bytes as a file: the reader returns a document or an error naming the file,
//! and a document's annotation keeps every span inside its body.
#![no_main]

use diplograph::annotate::{annotate, Config};
use diplograph::lexicon::Lexicon;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz.txt");
    match diplograph::read::read_bytes(data, path, "fuzz") {
        Ok(doc) => {
            let lex = Lexicon::embedded().expect("the embedded lexicon loads");
            let a = annotate(&doc, lex, &Config::default());
            if let Err(e) = a.check_spans(&doc.body) {
                panic!("{e}");
            }
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.txt: "), "{e}"),
    }
});
