//! `diplograph serve` driven by a real HTTP client (curl): the SPARQL 1.1 Protocol with
//! content negotiation, the Graph Store Protocol's GET, the page and its diagrams, refusals
//! with 4xx, limits, parallel requests and a clean stop on SIGTERM and SIGINT.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use super::common::{fixture, ok, root, run, seed, store_path, store_with, PREFIXES};

/// A running server; killed if the test ends without stopping it.
struct Server {
    child: Option<Child>,
    url: String,
}

impl Server {
    fn start(store: &str, extra: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_diplograph"))
            .args([
                "serve",
                "--quiet",
                "--store",
                store,
                "--bind",
                "127.0.0.1:0",
            ])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().expect("stdout"))
            .read_line(&mut line)
            .expect("reads the first line");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://") && !w.contains("/sparql"))
            .unwrap_or_else(|| panic!("no URL announced: {line:?}"))
            .to_owned();
        Self {
            child: Some(child),
            url,
        }
    }

    /// Sends a signal and waits: exit code and the rest of stdout.
    fn stop(mut self, signal: &str) -> (i32, String) {
        let child = self.child.take().expect("running");
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
        let out = child.wait_with_output().expect("serve exits");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// One HTTP exchange through curl.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<String> {
        // The last header block (curl also records an interim 100 Continue).
        let block = self
            .headers
            .rsplit("\r\n\r\n")
            .find(|b| !b.trim().is_empty())?;
        block.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
        })
    }
}

fn curl(args: &[&str]) -> Reply {
    let dir = tempfile::tempdir().expect("tempdir");
    let body = dir.path().join("body");
    let headers = dir.path().join("headers");
    let out = Command::new("curl")
        .args(["-sS", "-g", "-o"])
        .arg(&body)
        .arg("-D")
        .arg(&headers)
        .args(["-w", "%{http_code}"])
        .args(args)
        .output()
        .expect("curl runs");
    assert!(
        out.status.success(),
        "curl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Reply {
        status: String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .expect("status"),
        headers: std::fs::read_to_string(headers).unwrap_or_default(),
        body: std::fs::read_to_string(body).unwrap_or_default(),
    }
}

fn get_query(url: &str, accept: &str, query: &str) -> Reply {
    curl(&[
        "-G",
        "-H",
        &format!("Accept: {accept}"),
        "--data-urlencode",
        &format!("query={query}"),
        &format!("{url}sparql"),
    ])
}

fn seed_store() -> tempfile::TempDir {
    store_with(&[&seed(), &fixture("")])
}

fn csv_rows(csv: &str) -> BTreeSet<String> {
    csv.lines()
        .skip(1)
        .map(|l| l.trim_end_matches('\r').to_owned())
        .collect()
}

fn shipped_queries() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir(root().join("ontology/queries"))
        .expect("queries")
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "rq").then(|| {
                (
                    p.file_stem()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned(),
                    std::fs::read_to_string(&p).expect("query text"),
                )
            })
        })
        .collect();
    v.sort();
    v
}

#[test]
fn the_endpoint_answers_every_shipped_query_as_the_command_line_does() {
    let dir = seed_store();
    let store = store_path(&dir);
    // The command line's answers first: the server holds the store while it runs.
    let expected: Vec<(String, String, String, usize)> = shipped_queries()
        .into_iter()
        .map(|(name, q)| {
            let cli = ok(&["query", "--format", "csv", "--store", &store, &q]);
            let json: serde_json::Value =
                serde_json::from_str(&ok(&["query", "--format", "json", "--store", &store, &q]))
                    .expect("JSON results");
            let rows = json["results"]["bindings"].as_array().map_or(0, Vec::len);
            (name, q, cli, rows)
        })
        .collect();
    let server = Server::start(&store, &[]);
    let mut nonempty = 0;
    for (name, q, cli, json_rows) in &expected {
        let r = get_query(&server.url, "text/csv", q);
        assert_eq!(r.status, 200, "{name}: {}", r.body);
        assert_eq!(
            r.header("content-type").as_deref(),
            Some("text/csv; charset=utf-8")
        );
        assert_eq!(csv_rows(&r.body), csv_rows(cli), "{name}");
        nonempty += usize::from(!csv_rows(cli).is_empty());
        // The same query POSTed as application/sparql-query, answered in SPARQL JSON.
        let r = curl(&[
            "-H",
            "Content-Type: application/sparql-query",
            "-H",
            "Accept: application/sparql-results+json",
            "--data-binary",
            q,
            &format!("{}sparql", server.url),
        ]);
        assert_eq!(r.status, 200, "{name}");
        let json: serde_json::Value = serde_json::from_str(&r.body).expect("JSON results");
        let rows = json["results"]["bindings"].as_array().map_or(0, Vec::len);
        assert_eq!(rows, *json_rows, "{name}: JSON rows");
    }
    assert!(
        nonempty >= 6,
        "the seed and fixtures answer most shipped queries"
    );
    assert_eq!(server.stop("TERM").0, 0);
}

#[test]
fn results_and_graphs_are_negotiated_and_posted_forms_work() {
    let dir = seed_store();
    let server = Server::start(&store_path(&dir), &[]);
    let url = &server.url;
    let select = "SELECT ?s WHERE { ?s a <https://schema.org/Person> } ORDER BY ?s LIMIT 3";
    for (accept, content_type, marker) in [
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
            "\"bindings\"",
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            "<sparql",
        ),
        (
            "text/tab-separated-values",
            "text/tab-separated-values; charset=utf-8",
            "?s",
        ),
        (
            "text/csv;q=0.9, application/xml;q=0.5",
            "text/csv; charset=utf-8",
            "s\r\n",
        ),
        ("*/*", "application/sparql-results+json", "\"bindings\""),
    ] {
        let r = get_query(url, accept, select);
        assert_eq!(r.status, 200, "{accept}");
        assert_eq!(
            r.header("content-type").as_deref(),
            Some(content_type),
            "{accept}"
        );
        assert!(r.body.contains(marker), "{accept}: {}", r.body);
    }
    let construct = "CONSTRUCT { ?s a <https://schema.org/Person> } WHERE { ?s a <https://schema.org/Person> } LIMIT 4";
    for (accept, content_type) in [
        ("text/turtle", "text/turtle; charset=utf-8"),
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
        ("application/rdf+xml", "application/rdf+xml"),
    ] {
        let r = get_query(url, accept, construct);
        assert_eq!(r.status, 200, "{accept}");
        assert_eq!(r.header("content-type").as_deref(), Some(content_type));
        if accept == "application/n-triples" {
            assert_eq!(r.body.lines().count(), 4, "{}", r.body);
        }
        if accept == "application/ld+json" {
            let v: serde_json::Value = serde_json::from_str(&r.body).expect("JSON-LD parses");
            assert!(!v.is_null());
        }
    }
    // A format parameter overrides Accept.
    let r = curl(&[
        "-G",
        "-H",
        "Accept: text/turtle",
        "--data-urlencode",
        &format!("query={select}"),
        "--data-urlencode",
        "format=csv",
        &format!("{url}sparql"),
    ]);
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("text/csv; charset=utf-8")
    );
    assert_eq!(r.body.lines().count(), 4);
    // POST form-encoded; ASK.
    let r = curl(&[
        "-H",
        "Accept: application/sparql-results+json",
        "--data-urlencode",
        "query=ASK { ?s a <https://schema.org/Person> }",
        &format!("{url}sparql"),
    ]);
    assert_eq!(r.status, 200);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&r.body).expect("json")["boolean"],
        true
    );
    // CORS for browser clients on other origins (YASGUI).
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some("*")
    );
    assert_eq!(server.stop("INT").0, 0);
}

#[test]
fn dataset_parameters_choose_the_graphs() {
    let dir = seed_store();
    let store = store_path(&dir);
    let graphs = ok(&[
        "query",
        "--format",
        "csv",
        "--store",
        &store,
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), '/graph/doc/')) } GROUP BY ?g ORDER BY ?g LIMIT 2",
    ]);
    let rows: Vec<(String, String)> = graphs
        .lines()
        .skip(1)
        .map(|l| {
            let (g, n) = l
                .trim_end_matches('\r')
                .split_once(',')
                .expect("two columns");
            (g.to_owned(), n.to_owned())
        })
        .collect();
    assert_eq!(rows.len(), 2);
    let server = Server::start(&store, &[]);
    let count = |extra: &[&str]| {
        let mut args = vec![
            "-G",
            "-H",
            "Accept: text/csv",
            "--data-urlencode",
            "query=SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        ];
        args.extend_from_slice(extra);
        let u = format!("{}sparql", server.url);
        args.push(&u);
        let r = curl(&args);
        assert_eq!(r.status, 200, "{}", r.body);
        r.body.lines().nth(1).unwrap_or("").trim().to_owned()
    };
    let one = format!("default-graph-uri={}", rows[0].0);
    let two = format!("default-graph-uri={}", rows[1].0);
    assert_eq!(count(&["--data-urlencode", &one]), rows[0].1);
    let both: u64 = rows
        .iter()
        .map(|(_, n)| n.parse::<u64>().expect("count"))
        .sum();
    assert_eq!(
        count(&["--data-urlencode", &one, "--data-urlencode", &two]),
        both.to_string()
    );
    drop(server);
}

#[test]
fn the_graph_store_returns_a_document_graph_sorted() {
    let dir = seed_store();
    let store = store_path(&dir);
    let nq = ok(&[
        "export",
        "--store",
        &store,
        "--format",
        "nquads",
        "--document",
        &seed().display().to_string(),
    ]);
    let graph = nq
        .lines()
        .next()
        .and_then(|l| l.trim_end_matches(" .").rsplit(' ').next())
        .map(|g| g.trim_matches(|c| c == '<' || c == '>').to_owned())
        .expect("a graph name");
    let expected: Vec<String> = nq
        .lines()
        .map(|l| {
            let l = l.trim_end_matches(" .");
            format!("{} .", &l[..l.rfind(' ').expect("graph term")])
        })
        .collect();
    let server = Server::start(&store, &[]);
    let r = curl(&[
        "-G",
        "-H",
        "Accept: application/n-triples",
        "--data-urlencode",
        &format!("graph={graph}"),
        &format!("{}store", server.url),
    ]);
    assert_eq!(r.status, 200, "{}", r.body);
    let got: Vec<String> = r.body.lines().map(str::to_owned).collect();
    assert_eq!(got, expected, "the seed's graph, in the export's order");
    let r = curl(&[
        "-G",
        "--data-urlencode",
        &format!("graph={graph}"),
        &format!("{}store", server.url),
    ]);
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("text/turtle; charset=utf-8")
    );
    assert!(r.body.contains("@prefix dg:"));
    drop(server);
}

#[test]
fn bad_requests_get_a_4xx_and_a_message_and_the_server_lives_on() {
    let dir = seed_store();
    let server = Server::start(&store_path(&dir), &["--max-request-bytes", "2000"]);
    let u = |p: &str| format!("{}{p}", server.url);
    let big = "x".repeat(3000);
    let cases: Vec<(Vec<String>, u16, &str)> = vec![
        (vec![u("sparql")], 400, "missing the query"),
        (vec![u("sparql?query=SELEC")], 400, "syntax error"),
        (
            vec![u("sparql?query=ASK{}&query=ASK{}")],
            400,
            "more than once",
        ),
        (
            vec![u("sparql?query=ASK{}&format=pdf")],
            400,
            "unknown format",
        ),
        (
            vec![u("sparql?query=ASK{}&default-graph-uri=not%20an%20iri")],
            400,
            "not an absolute IRI",
        ),
        (
            vec![
                "--data-urlencode".into(),
                "update=CLEAR ALL".into(),
                u("sparql"),
            ],
            403,
            "read-only",
        ),
        (
            vec![
                "-H".into(),
                "Content-Type: application/sparql-update".into(),
                "--data-binary".into(),
                "CLEAR ALL".into(),
                u("sparql"),
            ],
            403,
            "read-only",
        ),
        (
            vec![
                "-X".into(),
                "POST".into(),
                "--data-binary".into(),
                "CLEAR ALL".into(),
                u("update"),
            ],
            403,
            "read-only",
        ),
        (
            vec![
                "-H".into(),
                "Content-Type: text/plain".into(),
                "--data-binary".into(),
                "ASK {}".into(),
                u("sparql"),
            ],
            415,
            "Content-Type",
        ),
        (
            vec!["-X".into(), "PUT".into(), u("sparql")],
            405,
            "not allowed",
        ),
        (
            vec!["-X".into(), "DELETE".into(), u("store?default")],
            405,
            "read-only",
        ),
        (
            vec!["-X".into(), "POST".into(), u("store?default")],
            405,
            "read-only",
        ),
        (
            vec![
                "-H".into(),
                "Accept: image/png".into(),
                u("sparql?query=ASK{}"),
            ],
            406,
            "no acceptable format",
        ),
        (
            vec![
                "-H".into(),
                "Content-Type: application/sparql-query".into(),
                "--data-binary".into(),
                big.clone(),
                u("sparql"),
            ],
            413,
            "larger than 2000",
        ),
        (
            vec![u(&format!("sparql?query={big}"))],
            414,
            "POST the query",
        ),
        (vec![u("store")], 400, "exactly one"),
        (
            vec![u("store?graph=https://example.org/none")],
            404,
            "no graph",
        ),
        (
            vec![u("diagram?event=https://example.org/none")],
            404,
            "no participations",
        ),
        (vec![u("diagram")], 400, "missing the event"),
        (vec![u("nothing-here")], 404, "no such resource"),
    ];
    for (args, status, message) in &cases {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = curl(&a);
        assert_eq!(r.status, *status, "{args:?}: {}", r.body);
        assert!(r.body.contains(message), "{args:?}: {:?}", r.body);
        assert_eq!(r.body.trim().lines().count(), 1, "one line: {:?}", r.body);
    }
    let r = curl(&[&u("status")]);
    assert_eq!(r.status, 200, "still serving after every bad request");
    let (code, out) = server.stop("TERM");
    assert_eq!(code, 0);
    assert!(
        out.contains(&format!("stopped after {} requests", cases.len() + 1)),
        "{out}"
    );
}

#[test]
fn results_are_capped_and_slow_queries_time_out() {
    let dir = seed_store();
    let server = Server::start(&store_path(&dir), &["--limit", "5", "--timeout", "0.5"]);
    let r = get_query(
        &server.url,
        "text/csv",
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.body.lines().count(), 6, "header and five rows");
    assert_eq!(r.header("x-diplograph-truncated").as_deref(), Some("5"));
    let r = get_query(
        &server.url,
        "text/csv",
        "SELECT ?s WHERE { ?s a <https://schema.org/Person> } LIMIT 2",
    );
    assert_eq!(r.header("x-diplograph-truncated"), None, "not cut");
    let slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let r = get_query(&server.url, "text/csv", slow);
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(r.body.contains("timeout of 0.5 s"), "{}", r.body);
    drop(server);
}

#[test]
fn queries_run_in_parallel_and_sigterm_lets_running_ones_finish() {
    let dir = seed_store();
    let store = store_path(&dir);
    let server = Server::start(&store, &["--timeout", "3"]);
    let url = server.url.clone();
    // While a slow query runs, quick ones are answered.
    let slow = {
        let url = url.clone();
        std::thread::spawn(move || {
            let r = get_query(
                &url,
                "text/csv",
                "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
            );
            (r, std::time::Instant::now())
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(300));
    let quick: Vec<_> = (0..8)
        .map(|i| {
            let url = url.clone();
            std::thread::spawn(move || {
                let r = get_query(
                    &url,
                    "text/csv",
                    &format!("SELECT ?s WHERE {{ ?s a <https://schema.org/Person> }} ORDER BY ?s OFFSET {i} LIMIT 1"),
                );
                (r.status, std::time::Instant::now())
            })
        })
        .collect();
    let quick: Vec<_> = quick
        .into_iter()
        .map(|h| h.join().expect("client"))
        .collect();
    assert!(quick.iter().all(|(s, _)| *s == 200));
    // SIGTERM while the slow query still runs: it gets its whole answer, then the server
    // exits 0 and the store opens again.
    assert!(!slow.is_finished(), "the slow query is still running");
    let (code, out) = server.stop("TERM");
    let (slow_reply, slow_done) = slow.join().expect("slow client");
    assert_eq!(
        slow_reply.status, 503,
        "the slow query hit its timeout: {}",
        slow_reply.body
    );
    assert!(
        quick.iter().all(|(_, t)| *t < slow_done),
        "quick answers came first"
    );
    assert_eq!(code, 0);
    assert!(out.contains("stopped after"), "{out}");
    let after = run(&["query", "--store", &store, "ASK { ?s ?p ?o }"]);
    assert_eq!(after.code, 0, "{}", after.stderr);
    assert_eq!(after.stdout.trim(), "true");
}

#[test]
fn the_page_its_queries_and_an_event_diagram_in_chinese() {
    let dir = seed_store();
    let store = store_path(&dir);
    // The seed's conference: the event a Fijian prime minister attended.
    let event = ok(&[
        "query",
        "--format",
        "csv",
        "--store",
        &store,
        &format!("{PREFIXES}SELECT DISTINCT ?e WHERE {{ ?p dg:event ?e ; dg:participant ?x . ?x schema:name \"姆拜尼马拉马\"@zh }}"),
    ]);
    let event = event
        .lines()
        .nth(1)
        .and_then(|l| l.split(',').next())
        .expect("an event")
        .to_owned();
    let server = Server::start(&store, &[]);
    let page = curl(&[&server.url]);
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(page
        .header("content-security-policy")
        .is_some_and(|c| c.contains("default-src 'self'")));
    assert!(page.body.contains("<script src=\"/app.js\""));
    for asset in ["app.js", "style.css"] {
        assert_eq!(
            curl(&[&format!("{}{asset}", server.url)]).status,
            200,
            "{asset}"
        );
    }
    let queries: serde_json::Value =
        serde_json::from_str(&curl(&[&format!("{}queries", server.url)]).body).expect("json");
    let names: Vec<String> = queries
        .as_array()
        .expect("a list")
        .iter()
        .map(|q| q["name"].as_str().unwrap_or("").to_owned())
        .collect();
    let shipped: Vec<String> = shipped_queries().into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, shipped);
    let svg = curl(&[
        "-G",
        "--data-urlencode",
        &format!("event={event}"),
        &format!("{}diagram", server.url),
    ]);
    assert_eq!(svg.status, 200, "{}", svg.body);
    assert_eq!(svg.header("content-type").as_deref(), Some("image/svg+xml"));
    assert!(svg.body.contains("<svg"));
    for name in ["王毅", "姆拜尼马拉马"] {
        assert!(svg.body.contains(name), "{name} is drawn");
    }
    drop(server);
}

#[test]
fn serve_refuses_a_missing_store_and_a_held_store_is_refused_to_others() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("none");
    let r = run(&[
        "serve",
        "--store",
        missing.to_str().expect("utf-8"),
        "--bind",
        "127.0.0.1:0",
    ]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("none"), "{}", r.stderr);

    let dir = store_with(&[&seed()]);
    let store = store_path(&dir);
    let server = Server::start(&store, &[]);
    let other = run(&["query", "--store", &store, "ASK { ?s ?p ?o }"]);
    assert_eq!(other.code, 1);
    assert!(other.stderr.contains("locked"), "{}", other.stderr);
    drop(server);
    assert!(Path::new(&store).join("CURRENT").exists());
}

#[test]
fn a_non_loopback_bind_is_announced_as_such() {
    let dir = store_with(&[&seed()]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_diplograph"))
        .args([
            "serve",
            "--quiet",
            "--store",
            &store_path(&dir),
            "--bind",
            "0.0.0.0:0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().expect("stdout"))
        .read_line(&mut line)
        .expect("announces");
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let out = child.wait_with_output().expect("exits");
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("anyone who can reach it can read the store"),
        "{err}"
    );
}

#[test]
fn malformed_http_gets_400_and_the_server_lives_on() {
    use std::io::{Read, Write};
    let dir = store_with(&[&seed()]);
    let server = Server::start(&store_path(&dir), &[]);
    let port: u16 = server
        .url
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("a port");
    let exchange = |raw: &[u8]| -> String {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connects");
        s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .expect("timeout");
        let _ = s.write_all(raw);
        let mut buf = vec![0; 64];
        let n = s.read(&mut buf).unwrap_or(0);
        String::from_utf8_lossy(&buf[..n])
            .lines()
            .next()
            .unwrap_or("")
            .to_owned()
    };
    let long = "a".repeat(300_000);
    let cases: Vec<Vec<u8>> = vec![
        b"GARBAGE\r\n\r\n".to_vec(),
        b"GET /status HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n".to_vec(),
        format!("GET /status HTTP/1.1\r\nHost: x\r\nX-Big: {long}\r\n\r\n").into_bytes(),
        format!("GET /{long} HTTP/1.1\r\nHost: x\r\n\r\n").into_bytes(),
        [b"\xff\xfe\x00garbage".repeat(1000), b"\r\n\r\n".to_vec()].concat(),
    ];
    for raw in &cases {
        assert_eq!(
            exchange(raw),
            "HTTP/1.1 400 Bad Request",
            "{:?}",
            &raw[..20]
        );
    }
    assert_eq!(
        exchange(b"GET /status HTTP/1.1\r\nHost: x\r\n\r\n"),
        "HTTP/1.1 200 OK"
    );
    assert_eq!(server.stop("TERM").0, 0);
}
