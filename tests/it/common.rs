use std::path::{Path, PathBuf};
use std::process::Command;

/// Output of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn seed() -> PathBuf {
    root().join("seeds/000_ead2641a83217ae8.txt")
}

/// The seed's body (after the header) as chars: span offsets count them.
pub fn seed_body() -> Vec<char> {
    std::fs::read_to_string(seed())
        .expect("seed")
        .split_once("\n\n")
        .map(|x| x.1.trim_end().to_owned())
        .unwrap_or_default()
        .chars()
        .collect()
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

pub fn run(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_diplograph"))
        .args(args)
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs and requires success.
pub fn ok(args: &[&str]) -> String {
    let r = run(args);
    assert_eq!(
        r.code, 0,
        "diplograph {args:?} failed:\n{}\n{}",
        r.stdout, r.stderr
    );
    r.stdout
}

/// A fresh store with the given documents ingested.
pub fn store_with(paths: &[&Path]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    let mut args = vec![
        "ingest",
        "--quiet",
        "--store",
        store.to_str().expect("utf-8 path"),
    ];
    let ps: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    args.extend(ps.iter().map(String::as_str));
    ok(&args);
    dir
}

pub fn store_path(dir: &tempfile::TempDir) -> String {
    dir.path().join("store").display().to_string()
}

pub const PREFIXES: &str = "PREFIX dg: <https://w3id.org/diplograph/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX et: <https://w3id.org/diplograph/concept/event-type/>
PREFIX st: <https://w3id.org/diplograph/concept/event-status/>
PREFIX role: <https://w3id.org/diplograph/concept/role/>
PREFIX pos: <https://w3id.org/diplograph/concept/position/>
PREFIX cmp: <https://w3id.org/diplograph/concept/comparator/>
PREFIX cty: <https://w3id.org/diplograph/id/country/>
PREFIX o: <https://w3id.org/diplograph/id/org/>
PREFIX ini: <https://w3id.org/diplograph/id/initiative/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
";

/// Runs an ASK query against the store and returns its answer.
pub fn ask(dir: &tempfile::TempDir, body: &str) -> bool {
    let q = format!("{PREFIXES}ASK {{ {body} }}");
    let out = ok(&["query", "--store", &store_path(dir), &q]);
    match out.trim() {
        "true" => true,
        "false" => false,
        other => panic!("ASK gave {other:?}"),
    }
}

/// Runs a SELECT and returns the rows of its CSV output (header dropped).
pub fn select(dir: &tempfile::TempDir, q: &str) -> Vec<Vec<String>> {
    let q = format!("{PREFIXES}{q}");
    let out = ok(&["query", "--format", "tsv", "--store", &store_path(dir), &q]);
    out.lines()
        .skip(1)
        .map(|l| l.split('\t').map(cell).collect())
        .collect()
}

/// The value of a TSV result cell: IRI without brackets, literal without quotes and tags.
pub fn cell(c: &str) -> String {
    let c = c.trim();
    if let Some(i) = c.strip_prefix('<').and_then(|x| x.strip_suffix('>')) {
        return i.to_owned();
    }
    if let Some(rest) = c.strip_prefix('"') {
        if let Some(end) = rest.rfind('"') {
            return rest[..end].replace("\\\"", "\"").replace("\\n", "\n");
        }
    }
    c.to_owned()
}
