//! Text utilities shared by the reader and the annotator: character/byte offset
//! maps and the one normalisation used for matching names.

use unicode_normalization::UnicodeNormalization;

/// Maps byte offsets of a text to Unicode scalar (char) offsets.
///
/// Spans are kept as byte ranges inside the annotator (Rust slices) and converted
/// once, here, to the scalar offsets that NIF and the JSON output use.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// `starts[i]` is the byte offset of char `i`; the last entry is the text length.
    starts: Vec<usize>,
}

impl CharIndex {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        starts.push(text.len());
        Self { starts }
    }

    /// Char offset of a byte offset (rounded down to the char containing it).
    #[must_use]
    pub fn char_of(&self, byte: usize) -> usize {
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Number of chars in the text.
    #[must_use]
    pub fn len_chars(&self) -> usize {
        self.starts.len() - 1
    }
}

/// The normalised form used to compare names: NFKC, without whitespace and
/// without the middle dots that separate parts of transliterated names.
#[must_use]
pub fn normalize_name(s: &str) -> String {
    s.nfkc()
        .filter(|c| !c.is_whitespace() && !matches!(c, '·' | '•' | '・' | '‧'))
        .collect()
}

/// True for CJK ideographs (the chars a Chinese name or title is written in).
#[must_use]
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF | 0x2A700..=0x2EBEF)
}

/// Middle dots used inside transliterated names (安东尼奥·玛丽亚).
#[must_use]
pub fn is_name_dot(c: char) -> bool {
    matches!(c, '·' | '•' | '・' | '‧')
}

/// Percent-encodes what may not stand in an IRI path segment.
#[must_use]
pub fn iri_segment(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric()
            || matches!(c, '-' | '.' | '_' | '~')
            || (!c.is_ascii() && !c.is_whitespace() && !c.is_control())
        {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_maps_multibyte_offsets() {
        let t = "张明说a";
        let ix = CharIndex::new(t);
        assert_eq!(ix.char_of(0), 0);
        assert_eq!(ix.char_of(3), 1);
        assert_eq!(ix.char_of(9), 3);
        assert_eq!(ix.char_of(10), 4);
        assert_eq!(ix.len_chars(), 4);
    }

    #[test]
    fn normalize_drops_dots_and_width() {
        assert_eq!(normalize_name("安东尼奥·玛丽亚"), "安东尼奥玛丽亚");
        assert_eq!(normalize_name("ＡＢ Ｃ"), "ABC");
    }

    #[test]
    fn iri_segment_encodes_reserved_chars() {
        assert_eq!(iri_segment("a b/王"), "a%20b%2F王");
    }
}
