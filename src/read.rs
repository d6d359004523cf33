//! Reading documents: bytes on disk to text with its metadata.
//!
//! Accepted input: the report format (`key: value` header lines, a blank line, the
//! body), plain text and saved HTML pages (title, date, URL, language and article text
//! read by [`crate::html`]), in UTF-8 (with or without BOM), UTF-16 with BOM, or a legacy
//! Chinese encoding (GB18030/GBK, Big5) declared by a `charset:` header or an HTML
//! `<meta charset>`, or detected.
//! Everything that is not a readable text document is a [`ReadError`] naming the file.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::date::Date;

/// Language of a document body.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    #[must_use]
    pub fn tag(self) -> &'static str {
        match self {
            Self::Zh => "zh",
            Self::En => "en",
        }
    }
}

/// A document read from disk: metadata and body text.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Document {
    /// Where it was read from, as given.
    pub source: String,
    /// Stable identifier: 16 hex digits of SHA-256 of the document URL, or of the file
    /// name when the document has no URL.
    pub key: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// The report's date (the `date:` header); relative dates in the body resolve against it.
    pub date: Option<Date>,
    pub lang: Lang,
    /// All header fields as read.
    pub header: BTreeMap<String, String>,
    /// The body text; every span offset counts Unicode scalar values in it.
    pub body: String,
    /// SHA-256 (hex) of the file's bytes.
    pub sha256: String,
}

/// Why a file could not be read as a document.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{path}: binary data, not a text document (NUL byte at byte {offset})")]
    Binary { path: PathBuf, offset: usize },
    #[error("{path}: undecodable bytes at byte {offset}: not valid {encoding}")]
    Encoding {
        path: PathBuf,
        offset: usize,
        encoding: String,
    },
    #[error("{path}: unknown charset {charset:?} in header")]
    UnknownCharset { path: PathBuf, charset: String },
    #[error(
        "{path}: malformed header at line {line}: expected `key: value` before the blank line"
    )]
    MalformedHeader { path: PathBuf, line: usize },
    #[error("{path}: bad date {value:?} in header at line {line}: expected YYYY-MM-DD")]
    BadDate {
        path: PathBuf,
        line: usize,
        value: String,
    },
    #[error("{path}: no text after the header")]
    NoBody { path: PathBuf },
    #[error("{path}: no article text in the page")]
    EmptyPage { path: PathBuf },
    #[error("{path}: symbolic link loop (leads back to {target})")]
    SymlinkLoop { path: PathBuf, target: PathBuf },
    #[error("{path}: line {line}: {message}")]
    JsonLine {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// Options for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Files larger than this are refused.
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            max_bytes: 32 * 1024 * 1024,
        }
    }
}

impl ReadOptions {
    #[must_use]
    pub fn with_max_bytes(mut self, max: u64) -> Self {
        self.max_bytes = max;
        self
    }
}

/// Reads one document from a file.
pub fn read_file(path: &Path, options: &ReadOptions) -> Result<Document, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(ReadError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other("is a directory"),
        });
    }
    if meta.len() > options.max_bytes {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: options.max_bytes,
        });
    }
    let bytes = fs::read(path).map_err(io)?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    read_bytes(&bytes, path, &name)
}

/// Reads one document from bytes; `path` is used in messages, `name` identifies the
/// document when it has no URL.
pub fn read_bytes(bytes: &[u8], path: &Path, name: &str) -> Result<Document, ReadError> {
    let p = || path.to_path_buf();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty { path: p() });
    }
    let text = decode(bytes, path)?;
    if crate::html::looks_like_html(&text) {
        return from_page(&text, bytes, path, name);
    }
    let (header, body) = split_header(&text, path)?;
    let body = body.trim_end().to_owned();
    if body.trim().is_empty() {
        return Err(ReadError::NoBody { path: p() });
    }
    let mut fields = BTreeMap::new();
    let mut date = None;
    for (line, key, value) in &header {
        if key == "date" {
            date = Some(Date::parse(value).ok_or_else(|| ReadError::BadDate {
                path: p(),
                line: *line,
                value: value.clone(),
            })?);
        }
        fields.insert(key.clone(), value.clone());
    }
    let url = ["url", "seed_url", "final_url"]
        .iter()
        .find_map(|k| fields.get(*k).filter(|v| !v.is_empty()).cloned());
    let title = fields.get("title").filter(|v| !v.is_empty()).cloned();
    let lang = match fields.get("lang").map(|l| l.to_ascii_lowercase()) {
        Some(l) if l.starts_with("zh") => Lang::Zh,
        Some(l) if l.starts_with("en") => Lang::En,
        _ => detect_lang(&body),
    };
    let identity = url.clone().unwrap_or_else(|| name.to_owned());
    let key = hex(&Sha256::digest(identity.as_bytes()))[..16].to_owned();
    Ok(Document {
        source: path.display().to_string(),
        key,
        url,
        title,
        date,
        lang,
        header: fields,
        body,
        sha256: hex(&Sha256::digest(bytes)),
    })
}

/// A saved HTML page as a document: its metadata become header fields (`title`, `date`,
/// `url`, `lang`), its article text the body.
fn from_page(text: &str, bytes: &[u8], path: &Path, name: &str) -> Result<Document, ReadError> {
    let page = crate::html::read_page(text);
    if page.body.trim().is_empty() {
        return Err(ReadError::EmptyPage {
            path: path.to_path_buf(),
        });
    }
    let mut fields = BTreeMap::new();
    fields.insert("format".to_owned(), "html".to_owned());
    if let Some(t) = &page.title {
        fields.insert("title".to_owned(), t.clone());
    }
    if let Some(d) = page.date {
        fields.insert("date".to_owned(), d.to_string());
    }
    if let Some(u) = &page.url {
        fields.insert("url".to_owned(), u.clone());
    }
    if let Some(l) = &page.lang {
        fields.insert("lang".to_owned(), l.clone());
    }
    let lang = match page.lang.as_deref().map(str::to_ascii_lowercase) {
        Some(l) if l.starts_with("zh") => Lang::Zh,
        Some(l) if l.starts_with("en") => Lang::En,
        _ => detect_lang(&page.body),
    };
    let identity = page.url.clone().unwrap_or_else(|| name.to_owned());
    Ok(Document {
        source: path.display().to_string(),
        key: hex(&Sha256::digest(identity.as_bytes()))[..16].to_owned(),
        url: page.url,
        title: page.title,
        date: page.date,
        lang,
        header: fields,
        body: page.body,
        sha256: hex(&Sha256::digest(bytes)),
    })
}

/// One document of a JSON Lines stream: `{"id","url","lang","date","title","text"}`
/// (`text` required; `id` or `url` names it). The key is derived from the URL, else the id,
/// as for files; the content hash covers the JSON line.
pub fn document_from_json(line: &str, source: &Path, lineno: usize) -> Result<Document, ReadError> {
    #[derive(serde::Deserialize)]
    struct Line {
        id: Option<String>,
        url: Option<String>,
        lang: Option<String>,
        date: Option<String>,
        title: Option<String>,
        text: Option<String>,
    }
    let err = |message: String| ReadError::JsonLine {
        path: source.to_path_buf(),
        line: lineno,
        message,
    };
    let l: Line =
        serde_json::from_str(line).map_err(|e| err(format!("not a JSON document object: {e}")))?;
    let body = l.text.unwrap_or_default().trim_end().to_owned();
    if body.trim().is_empty() {
        return Err(err("no \"text\"".into()));
    }
    let url = l.url.filter(|u| !u.is_empty());
    let identity = url
        .clone()
        .or_else(|| l.id.clone().filter(|i| !i.is_empty()))
        .ok_or_else(|| err("needs an \"id\" or a \"url\"".into()))?;
    let date = match l.date.filter(|d| !d.is_empty()) {
        Some(d) => Some(
            Date::parse(&d).ok_or_else(|| err(format!("bad date {d:?}: expected YYYY-MM-DD")))?,
        ),
        None => None,
    };
    let lang = match l.lang.map(|x| x.to_ascii_lowercase()) {
        Some(x) if x.starts_with("zh") => Lang::Zh,
        Some(x) if x.starts_with("en") => Lang::En,
        _ => detect_lang(&body),
    };
    let mut header = BTreeMap::new();
    for (k, v) in [("id", &l.id), ("url", &url), ("title", &l.title)] {
        if let Some(v) = v {
            header.insert(k.to_owned(), v.clone());
        }
    }
    Ok(Document {
        source: format!("{}:{lineno}", source.display()),
        key: hex(&Sha256::digest(identity.as_bytes()))[..16].to_owned(),
        url,
        title: l.title.filter(|t| !t.is_empty()),
        date,
        lang,
        header,
        body,
        sha256: hex(&Sha256::digest(line.as_bytes())),
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Decodes bytes to text: BOM, then a `charset:` header, then UTF-8, then detection.
fn decode(bytes: &[u8], path: &Path) -> Result<String, ReadError> {
    let p = || path.to_path_buf();
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        return decode_with(enc, &bytes[bom_len..], path).map(|s| s.replace("\r\n", "\n"));
    }
    if let Some(offset) = bytes.iter().position(|b| *b == 0) {
        return Err(ReadError::Binary { path: p(), offset });
    }
    if let Some(charset) = declared_charset(bytes).or_else(|| crate::html::declared_charset(bytes))
    {
        let enc = encoding_rs::Encoding::for_label(charset.as_bytes()).ok_or_else(|| {
            ReadError::UnknownCharset {
                path: p(),
                charset: charset.clone(),
            }
        })?;
        return decode_with(enc, bytes, path).map(|s| s.replace("\r\n", "\n"));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.replace("\r\n", "\n")),
        Err(utf8_err) => {
            let mut det = chardetng::EncodingDetector::new();
            det.feed(bytes, true);
            let enc = det.guess(None, true);
            if enc == encoding_rs::UTF_8 {
                return Err(ReadError::Encoding {
                    path: p(),
                    offset: utf8_err.valid_up_to(),
                    encoding: "UTF-8".into(),
                });
            }
            match decode_with(enc, bytes, path) {
                Ok(s) if looks_like_text(&s) => Ok(s.replace("\r\n", "\n")),
                _ => Err(ReadError::Encoding {
                    path: p(),
                    offset: utf8_err.valid_up_to(),
                    encoding: "UTF-8 (nor a detectable legacy encoding)".into(),
                }),
            }
        }
    }
}

fn decode_with(
    enc: &'static encoding_rs::Encoding,
    bytes: &[u8],
    path: &Path,
) -> Result<String, ReadError> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 2);
    let mut consumed = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[consumed..], &mut out, true);
        consumed += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => out.reserve(bytes.len().max(64)),
            encoding_rs::DecoderResult::Malformed(bad, _) => {
                return Err(ReadError::Encoding {
                    path: path.to_path_buf(),
                    offset: consumed.saturating_sub(usize::from(bad)),
                    encoding: enc.name().to_owned(),
                });
            }
        }
    }
    if let Some(i) = out.find('\0') {
        return Err(ReadError::Binary {
            path: path.to_path_buf(),
            offset: i,
        });
    }
    Ok(out)
}

/// Text decoded from a guessed encoding must be mostly letters, digits and punctuation.
fn looks_like_text(s: &str) -> bool {
    let total = s.chars().count().max(1);
    let control = s
        .chars()
        .filter(|c| c.is_control() && !c.is_whitespace())
        .count();
    control * 100 / total < 2
}

/// A `charset:` line in the ASCII header block, if any.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    for line in bytes.split(|b| *b == b'\n').take(64) {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            break;
        }
        let text = std::str::from_utf8(line).ok()?;
        let (k, v) = text.split_once(':')?;
        if k.trim().eq_ignore_ascii_case("charset") {
            return Some(v.trim().to_owned());
        }
    }
    None
}

/// Splits `key: value` header lines from the body. A file whose first line is not a
/// header line is plain text with no header.
#[allow(clippy::type_complexity)]
fn split_header<'a>(
    text: &'a str,
    path: &Path,
) -> Result<(Vec<(usize, String, String)>, &'a str), ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut fields = Vec::new();
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if fields.is_empty() {
                return Ok((fields, text));
            }
            return Ok((fields, &text[offset + line.len()..]));
        }
        match header_line(content) {
            Some((k, v)) => fields.push((i + 1, k, v)),
            None if i == 0 => return Ok((Vec::new(), text)),
            None => {
                return Err(ReadError::MalformedHeader {
                    path: path.to_path_buf(),
                    line: i + 1,
                })
            }
        }
        offset += line.len();
    }
    // Only header lines and no blank line: treat the whole file as plain text unless
    // it has a header-only shape, which has no body.
    if fields.is_empty() {
        Ok((fields, text))
    } else {
        Err(ReadError::NoBody {
            path: path.to_path_buf(),
        })
    }
}

fn header_line(line: &str) -> Option<(String, String)> {
    let (k, v) = line.split_once(':')?;
    let k = k.trim();
    let ok = !k.is_empty()
        && k.len() <= 40
        && k.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    ok.then(|| (k.to_ascii_lowercase(), v.trim().to_owned()))
}

/// Chinese when Han characters make up a tenth of the letters or more.
#[must_use]
pub fn detect_lang(body: &str) -> Lang {
    let mut han = 0usize;
    let mut latin = 0usize;
    for c in body.chars() {
        if crate::text::is_han(c) {
            han += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if han * 10 >= (han + latin) && han > 0 {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// Extensions of the files a folder walk takes as documents (files named explicitly are
/// always taken). Files without an extension are taken too.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "text", "jsonl", "html", "htm"];

/// The document files under `paths` (files as given, folders walked recursively in sorted
/// order, taking [`DOCUMENT_EXTENSIONS`]), and an error for each path that could not be
/// walked (missing, unreadable, a symbolic link loop). A batch goes on without those.
#[must_use]
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<ReadError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match fs::metadata(p) {
            Err(source) => errors.push(ReadError::Io {
                path: p.clone(),
                source,
            }),
            Ok(meta) if meta.is_dir() => walk(p, &mut out, &mut errors, &mut Vec::new()),
            Ok(_) => out.push(p.clone()),
        }
    }
    (out, errors)
}

/// [`collect_files`], failing on the first path that could not be walked.
///
/// # Errors
/// The first such path.
pub fn collect_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ReadError> {
    let (out, errors) = collect_files(paths);
    match errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// Walks `dir`; `ancestors` are the canonical paths of the folders being walked, so that
/// a link back to one of them is reported once instead of followed.
fn walk(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    errors: &mut Vec<ReadError>,
    ancestors: &mut Vec<PathBuf>,
) {
    let io = |source| ReadError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let (canonical, entries) = match fs::canonicalize(dir).and_then(|c| Ok((c, fs::read_dir(dir)?)))
    {
        Ok(x) => x,
        Err(source) => return errors.push(io(source)),
    };
    if ancestors.contains(&canonical) {
        errors.push(ReadError::SymlinkLoop {
            path: dir.to_path_buf(),
            target: canonical,
        });
        return;
    }
    let mut entries: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    entries.sort();
    ancestors.push(canonical);
    for e in entries {
        if e.is_dir() {
            // A store directory (RocksDB files) holds no documents.
            if e.join("CURRENT").is_file() && e.join("LOCK").exists() {
                continue;
            }
            walk(&e, out, errors, ancestors);
        } else if e.is_file() {
            let ext = e
                .extension()
                .map(|x| x.to_string_lossy().to_ascii_lowercase());
            if ext
                .as_deref()
                .is_none_or(|x| DOCUMENT_EXTENSIONS.contains(&x))
            {
                out.push(e);
            }
        } else if fs::symlink_metadata(&e).is_ok() && fs::metadata(&e).is_err() {
            // A dangling link: say so rather than skip it silently.
            errors.push(ReadError::Io {
                path: e.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "broken symbolic link"),
            });
        }
    }
    ancestors.pop();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<Document, ReadError> {
        read_bytes(bytes, Path::new("t.txt"), "t.txt")
    }

    #[test]
    fn header_and_body() {
        let d = read("title: 标题\ndate: 2021-06-23\nurl: http://x/1\n\n正文。\n".as_bytes())
            .expect("reads");
        assert_eq!(d.title.as_deref(), Some("标题"));
        assert_eq!(d.date.map(|x| x.to_string()).as_deref(), Some("2021-06-23"));
        assert_eq!(d.body, "正文。");
        assert_eq!(d.lang, Lang::Zh);
        assert_eq!(d.key.len(), 16);
    }

    #[test]
    fn plain_text_has_no_header() {
        let d = read("Zhang Ming met Foreign Minister X: they talked.\nMore.".as_bytes())
            .expect("reads");
        assert!(d.header.is_empty());
        assert_eq!(d.lang, Lang::En);
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert!(matches!(read(b""), Err(ReadError::Empty { .. })));
        assert!(matches!(
            read(b"ab\0cd"),
            Err(ReadError::Binary { offset: 2, .. })
        ));
        assert!(matches!(
            read(b"title: x\nnot a header line\n\nbody"),
            Err(ReadError::MalformedHeader { line: 2, .. })
        ));
        assert!(matches!(
            read(b"date: 2021-13-01\n\nbody"),
            Err(ReadError::BadDate { .. })
        ));
        assert!(matches!(
            read(b"title: x\n\n   \n"),
            Err(ReadError::NoBody { .. })
        ));
    }

    #[test]
    fn legacy_encodings_decode() {
        let (gbk, _, _) = encoding_rs::GBK
            .encode("外交部长张明在北京会见了来访的客人。双方就共同关心的问题交换了意见。");
        let d = read(&gbk).expect("gbk reads");
        assert!(d.body.contains("张明"));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "张明会见".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(read(&utf16).expect("utf16 reads").body, "张明会见");
        let (big5, _, _) = encoding_rs::BIG5.encode("charset: big5\n\n張明總理會談");
        assert_eq!(read(&big5).expect("big5 reads").body, "張明總理會談");
    }
}
