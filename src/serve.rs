//! `diplograph serve`: the store over HTTP, read-only.
//!
//! - `/sparql`: the SPARQL 1.1 Protocol (query operation): GET, POST form-encoded and POST
//!   `application/sparql-query`, with `default-graph-uri` and `named-graph-uri`. Results are
//!   negotiated by `Accept` (or a `format` parameter): SPARQL JSON, XML, CSV, TSV for
//!   SELECT and ASK; Turtle, N-Triples, JSON-LD, RDF/XML for CONSTRUCT and DESCRIBE. As for
//!   `diplograph query`, the default graph is the union of all graphs.
//! - `/store?graph=IRI` (or `?default`): the Graph Store Protocol's GET, sorted triples.
//! - `/`: a page with a query editor, the shipped queries, a results table and the
//!   who-attended diagram of any event (`/diagram?event=IRI`, SVG drawn by Graphviz).
//!
//! Updates are refused (403), as are other methods (405). Every query has a timeout and a
//! result cap; request bodies and URLs have a size limit; bad requests get a 4xx status and
//! a one-line message. Each connection is served on its own thread, up to a cap, so queries
//! run in parallel. SIGINT or SIGTERM stops accepting work, lets running requests finish
//! and closes the store.

use std::io::Read;
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use oxhttp::model::header::{self, HeaderValue};
use oxhttp::model::{Body, Method, Request, Response, StatusCode};
use oxigraph::model::{GraphNameRef, NamedNode, Quad};

use crate::dot;
use crate::export::sort_quads;
use crate::query::{self, Dataset, GraphFormat, Limits, QueryError, ResultFormat, ResultKind};
use crate::store::GraphStore;

/// The example queries the page offers, as shipped in `ontology/queries/`.
pub const QUERIES: &[(&str, &str)] = &[
    (
        "attendance",
        include_str!("../ontology/queries/attendance.rq"),
    ),
    (
        "co-attendance",
        include_str!("../ontology/queries/co-attendance.rq"),
    ),
    (
        "countries-ranked",
        include_str!("../ontology/queries/countries-ranked.rq"),
    ),
    (
        "event-support",
        include_str!("../ontology/queries/event-support.rq"),
    ),
    ("evidence", include_str!("../ontology/queries/evidence.rq")),
    (
        "initiatives",
        include_str!("../ontology/queries/initiatives.rq"),
    ),
    ("merges", include_str!("../ontology/queries/merges.rq")),
    (
        "person-activities",
        include_str!("../ontology/queries/person-activities.rq"),
    ),
];

const INDEX_HTML: &str = include_str!("../web/index.html");
const APP_JS: &str = include_str!("../web/app.js");
const STYLE_CSS: &str = include_str!("../web/style.css");

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Address to listen on (port 0: any free port).
    pub bind: SocketAddr,
    /// Each query is stopped after this long.
    pub query_timeout: Duration,
    /// At most this many result rows (or triples) per query.
    pub max_results: usize,
    /// Largest request body, and largest query string, in bytes.
    pub max_request_bytes: usize,
    /// Connections served at once (each on its own thread); more wait to be accepted.
    pub max_connections: usize,
    /// A connection that sends or receives nothing for this long is closed.
    pub io_timeout: Duration,
    /// Log one line per request on stderr.
    pub log: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            query_timeout: Duration::from_secs(30),
            max_results: 100_000,
            max_request_bytes: 1 << 20,
            max_connections: 64,
            io_timeout: Duration::from_secs(60),
            log: true,
        }
    }
}

/// Errors starting or running the server.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot install the SIGINT/SIGTERM handler: {0}")]
    Signal(String),
}

/// What a finished server did.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub requests: u64,
}

struct App {
    /// Taken at shutdown, so the store closes once the last request has finished.
    store: std::sync::Mutex<Option<GraphStore>>,
    options: Options,
    draining: AtomicBool,
    in_flight: Arc<AtomicUsize>,
    requests: AtomicU64,
}

/// Counts a request as running until dropped.
struct InFlight(Arc<AtomicUsize>);

impl InFlight {
    fn new(count: &Arc<AtomicUsize>) -> Self {
        count.fetch_add(1, Ordering::SeqCst);
        Self(Arc::clone(count))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A response body that keeps its request counted as running until the server has written
/// it and dropped it, so a shutdown waits for answers to reach their clients.
struct Tracked {
    data: std::io::Cursor<Vec<u8>>,
    _running: InFlight,
}

impl Read for Tracked {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.data.read(buf)
    }
}

/// Serves `store` until SIGINT or SIGTERM. `ready` is called with the address once the
/// server accepts connections. Returns after running requests have finished (or the query
/// timeout has passed), so the caller closes the store cleanly.
pub fn serve(
    store: GraphStore,
    options: Options,
    ready: impl FnOnce(SocketAddr),
) -> Result<Summary, ServeError> {
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    ctrlc::set_handler(move || {
        let _ = tx.send(());
    })
    .map_err(|e| ServeError::Signal(e.to_string()))?;
    let addr = resolve(options.bind)?;
    let app = Arc::new(App {
        store: std::sync::Mutex::new(Some(store)),
        options: options.clone(),
        draining: AtomicBool::new(false),
        in_flight: Arc::new(AtomicUsize::new(0)),
        requests: AtomicU64::new(0),
    });
    let handler = Arc::clone(&app);
    oxhttp::Server::new(move |req| handler.handle(req))
        .bind(addr)
        .with_global_timeout(options.io_timeout)
        .with_max_concurrent_connections(options.max_connections)
        .spawn()
        .map_err(|source| ServeError::Bind { addr, source })?;
    ready(addr);
    let _ = rx.recv();
    app.draining.store(true, Ordering::SeqCst);
    let deadline = Instant::now() + options.query_timeout + Duration::from_secs(5);
    while app.in_flight.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(app.store.lock().map(|mut s| s.take()));
    Ok(Summary {
        requests: app.requests.load(Ordering::SeqCst),
    })
}

/// The address to bind: port 0 becomes a free port now, so it can be announced.
fn resolve(addr: SocketAddr) -> Result<SocketAddr, ServeError> {
    if addr.port() != 0 {
        return Ok(addr);
    }
    TcpListener::bind(addr)
        .and_then(|l| l.local_addr())
        .map_err(|source| ServeError::Bind { addr, source })
}

type Resp = Response<Body>;

fn text(status: StatusCode, message: impl Into<String>) -> Resp {
    let mut m = message.into();
    m.push('\n');
    respond(status, "text/plain; charset=utf-8", m.into_bytes())
}

fn no_content() -> Resp {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::NO_CONTENT;
    r
}

fn respond(status: StatusCode, content_type: &str, body: Vec<u8>) -> Resp {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

fn with_header(mut r: Resp, name: header::HeaderName, value: &str) -> Resp {
    if let Ok(v) = HeaderValue::from_str(value) {
        r.headers_mut().insert(name, v);
    }
    r
}

/// A request's parameters (query string, then a form body), in order.
type Params = Vec<(String, String)>;

fn query_params(req: &Request<Body>) -> Params {
    req.uri()
        .query()
        .map(|q| {
            form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default()
}

fn all<'a>(params: &'a Params, key: &str) -> Vec<&'a str> {
    params
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .collect()
}

fn one<'a>(params: &'a Params, key: &str) -> Result<Option<&'a str>, Resp> {
    let values = all(params, key);
    let first = values.first().copied();
    if values.len() > 1 {
        return Err(text(
            StatusCode::BAD_REQUEST,
            format!("the {key} parameter is given more than once"),
        ));
    }
    Ok(first)
}

fn iri(value: &str, what: &str) -> Result<NamedNode, Resp> {
    NamedNode::new(value).map_err(|e| {
        text(
            StatusCode::BAD_REQUEST,
            format!("{what}: not an absolute IRI: {value:?} ({e})"),
        )
    })
}

impl App {
    fn handle(&self, req: &mut Request<Body>) -> Resp {
        let running = InFlight::new(&self.in_flight);
        self.requests.fetch_add(1, Ordering::SeqCst);
        let start = Instant::now();
        let store = if self.draining.load(Ordering::SeqCst) {
            None
        } else {
            self.store.lock().ok().and_then(|s| s.clone())
        };
        let mut resp = match store {
            Some(store) => Handler {
                app: self,
                store: &store,
            }
            .route(req),
            None => with_header(
                text(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the server is shutting down",
                ),
                header::CONNECTION,
                "close",
            ),
        };
        let h = resp.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
        if self.options.log {
            eprintln!(
                "{} {} {} {:.1} ms",
                req.method(),
                req.uri().path(),
                resp.status().as_u16(),
                start.elapsed().as_secs_f64() * 1000.0
            );
        }
        let body = std::mem::replace(resp.body_mut(), Body::empty());
        if req.method() != Method::HEAD {
            let data = body.to_vec().unwrap_or_default();
            if !data.is_empty() {
                *resp.body_mut() = Body::from_read(Tracked {
                    data: std::io::Cursor::new(data),
                    _running: running,
                });
            }
        }
        resp
    }
}

/// One request's view: the server and a handle on the store.
struct Handler<'a> {
    app: &'a App,
    store: &'a GraphStore,
}

impl Handler<'_> {
    fn route(&self, req: &mut Request<Body>) -> Resp {
        let get = matches!(*req.method(), Method::GET | Method::HEAD);
        if req.method() == Method::OPTIONS {
            let r = no_content();
            let r = with_header(r, header::ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, POST");
            return with_header(
                r,
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                "Accept, Content-Type",
            );
        }
        if req.uri().query().map_or(0, str::len) > self.app.options.max_request_bytes {
            return text(
                StatusCode::URI_TOO_LONG,
                format!(
                    "the query string is longer than {} bytes; POST the query instead",
                    self.app.options.max_request_bytes
                ),
            );
        }
        let path = req.uri().path().to_owned();
        match path.as_str() {
            "/" | "/index.html" if get => page(INDEX_HTML, "text/html; charset=utf-8"),
            "/app.js" if get => page(APP_JS, "text/javascript; charset=utf-8"),
            "/style.css" if get => page(STYLE_CSS, "text/css; charset=utf-8"),
            "/queries" if get => queries_json(),
            // Browsers ask for it whatever the page says; there is none.
            "/favicon.ico" if get => no_content(),
            "/status" if get => status_json(&self.app.options),
            "/diagram" if get => self.diagram(req),
            "/sparql" if get || req.method() == Method::POST => self.sparql(req),
            "/store" if get => self.graph_store(req),
            "/update" => text(
                StatusCode::FORBIDDEN,
                "this endpoint is read-only: SPARQL updates are refused",
            ),
            "/" | "/index.html" | "/app.js" | "/style.css" | "/queries" | "/status"
            | "/diagram" | "/store" => with_header(
                text(
                    StatusCode::METHOD_NOT_ALLOWED,
                    format!(
                        "{} is not allowed on {path}: the store is read-only",
                        req.method()
                    ),
                ),
                header::ALLOW,
                "GET, HEAD",
            ),
            "/sparql" => with_header(
                text(
                    StatusCode::METHOD_NOT_ALLOWED,
                    format!("{} is not allowed on /sparql", req.method()),
                ),
                header::ALLOW,
                "GET, HEAD, POST",
            ),
            _ => text(StatusCode::NOT_FOUND, format!("no such resource: {path}")),
        }
    }

    /// Reads the body, refusing more than the limit.
    fn body(&self, req: &mut Request<Body>) -> Result<Vec<u8>, Resp> {
        let max = self.app.options.max_request_bytes;
        let too_large = || {
            text(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the request body is larger than {max} bytes"),
            )
        };
        if req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok())
            .is_some_and(|n| n > max as u64)
        {
            return Err(too_large());
        }
        let mut buf = Vec::new();
        req.body_mut()
            .take(max as u64 + 1)
            .read_to_end(&mut buf)
            .map_err(|e| {
                text(
                    StatusCode::BAD_REQUEST,
                    format!("reading the request body: {e}"),
                )
            })?;
        if buf.len() > max {
            return Err(too_large());
        }
        Ok(buf)
    }

    fn sparql(&self, req: &mut Request<Body>) -> Resp {
        match self.sparql_inner(req) {
            Ok(r) | Err(r) => r,
        }
    }

    fn sparql_inner(&self, req: &mut Request<Body>) -> Result<Resp, Resp> {
        let mut params = query_params(req);
        let mut query: Option<String> = None;
        if req.method() == Method::POST {
            let content_type = req
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(|v| {
                    v.split(';')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_ascii_lowercase()
                })
                .unwrap_or_default();
            match content_type.as_str() {
                "application/sparql-query" => {
                    let body = self.body(req)?;
                    query = Some(String::from_utf8(body).map_err(|_| {
                        text(StatusCode::BAD_REQUEST, "the query is not valid UTF-8")
                    })?);
                }
                "application/x-www-form-urlencoded" => {
                    let body = self.body(req)?;
                    params.extend(
                        form_urlencoded::parse(&body).map(|(k, v)| (k.into_owned(), v.into_owned())),
                    );
                }
                "application/sparql-update" => {
                    return Err(text(
                        StatusCode::FORBIDDEN,
                        "this endpoint is read-only: SPARQL updates are refused",
                    ))
                }
                "" => {
                    return Err(text(
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        "a POST needs a Content-Type: application/sparql-query or application/x-www-form-urlencoded",
                    ))
                }
                other => {
                    return Err(text(
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        format!("unsupported Content-Type {other}: use application/sparql-query or application/x-www-form-urlencoded"),
                    ))
                }
            }
        }
        if !all(&params, "update").is_empty() {
            return Err(text(
                StatusCode::FORBIDDEN,
                "this endpoint is read-only: SPARQL updates are refused",
            ));
        }
        let from_params = one(&params, "query")?;
        let query = match (query, from_params) {
            (Some(_), Some(_)) => {
                return Err(text(
                    StatusCode::BAD_REQUEST,
                    "the query is given both in the body and as a parameter",
                ))
            }
            (Some(q), None) => q,
            (None, Some(q)) => q.to_owned(),
            (None, None) => {
                return Err(text(
                    StatusCode::BAD_REQUEST,
                    "missing the query parameter (GET /sparql?query=…, or POST it)",
                ))
            }
        };
        let dataset = Dataset {
            default_graphs: all(&params, "default-graph-uri")
                .into_iter()
                .map(|v| iri(v, "default-graph-uri"))
                .collect::<Result<_, _>>()?,
            named_graphs: all(&params, "named-graph-uri")
                .into_iter()
                .map(|v| iri(v, "named-graph-uri"))
                .collect::<Result<_, _>>()?,
        };
        let (result_format, graph_format) = match one(&params, "format")? {
            Some(f) => by_name(f).ok_or_else(|| {
                text(
                    StatusCode::BAD_REQUEST,
                    format!("unknown format {f:?} (json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml)"),
                )
            })?,
            None => {
                let accept = req
                    .headers()
                    .get(header::ACCEPT)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("");
                (
                    negotiate(accept, RESULT_TYPES),
                    negotiate(accept, GRAPH_TYPES),
                )
            }
        };
        let limits = Limits {
            timeout: Some(self.app.options.query_timeout),
            max_results: Some(self.app.options.max_results),
        };
        // The query runs on its own thread. Its evaluation is cancelled at the timeout, but
        // some plans (a large hash join being built) only notice later: the client gets its
        // answer at the deadline whatever the evaluation does.
        let timeout = self.app.options.query_timeout;
        let (tx, rx) = std::sync::mpsc::channel();
        let store = self.store.clone();
        let (rf, gf) = (
            result_format.map_or(ResultFormat::Json, |(f, _)| f),
            graph_format.map_or(GraphFormat::Turtle, |(f, _)| f),
        );
        std::thread::spawn(move || {
            let mut out = Vec::new();
            let r = query::run_on(&store, &query, "query", rf, gf, limits, &dataset, &mut out);
            let _ = tx.send(r.map(|o| (o, out)));
        });
        let timed_out = || {
            text(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "query stopped after the server's timeout of {} s",
                    timeout.as_secs_f64()
                ),
            )
        };
        let (outcome, out) = rx
            .recv_timeout(timeout + Duration::from_millis(250))
            .map_err(|_| timed_out())?
            .map_err(|e| match e {
                QueryError::Syntax { message, .. } => text(
                    StatusCode::BAD_REQUEST,
                    format!("SPARQL syntax error: {message}"),
                ),
                QueryError::Timeout(_) => timed_out(),
                other => text(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
            })?;
        let content_type = match outcome.kind {
            ResultKind::Solutions | ResultKind::Boolean => result_format.map(|(_, t)| t),
            ResultKind::Graph => graph_format.map(|(_, t)| t),
        };
        let Some(content_type) = content_type else {
            let offered: Vec<&str> = match outcome.kind {
                ResultKind::Graph => GRAPH_TYPES.iter().map(|(t, _)| *t).collect(),
                _ => RESULT_TYPES.iter().map(|(t, _)| *t).collect(),
            };
            return Err(text(
                StatusCode::NOT_ACCEPTABLE,
                format!(
                    "no acceptable format for these results; offered: {}",
                    offered.join(", ")
                ),
            ));
        };
        let mut r = respond(StatusCode::OK, content_type, out);
        r = with_header(r, header::VARY, "Accept");
        if outcome.cut {
            r = with_header(
                r,
                header::HeaderName::from_static("x-diplograph-truncated"),
                &self.app.options.max_results.to_string(),
            );
        }
        Ok(r)
    }

    fn graph_store(&self, req: &mut Request<Body>) -> Resp {
        let params = query_params(req);
        let graph = match one(&params, "graph") {
            Ok(g) => g,
            Err(r) => return r,
        };
        let default = !all(&params, "default").is_empty();
        let name = match (graph, default) {
            (Some(g), false) => match iri(g, "graph") {
                Ok(n) => Some(n),
                Err(r) => return r,
            },
            (None, true) => None,
            _ => {
                return text(
                    StatusCode::BAD_REQUEST,
                    "give exactly one of ?graph=IRI or ?default",
                )
            }
        };
        let format = match one(&params, "format") {
            Ok(Some(f)) => by_name(f).and_then(|(_, g)| g),
            Ok(None) => negotiate(
                req.headers()
                    .get(header::ACCEPT)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or(""),
                GRAPH_TYPES,
            ),
            Err(r) => return r,
        };
        let Some((format, content_type)) = format else {
            return text(
                StatusCode::NOT_ACCEPTABLE,
                format!(
                    "no acceptable graph format; offered: {}",
                    GRAPH_TYPES
                        .iter()
                        .map(|(t, _)| *t)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        };
        let graph_name = name
            .as_ref()
            .map_or(GraphNameRef::DefaultGraph, GraphNameRef::from);
        let mut quads: Vec<Quad> = Vec::new();
        for q in self
            .store
            .inner()
            .quads_for_pattern(None, None, None, Some(graph_name))
        {
            match q {
                Ok(q) => quads.push(q),
                Err(e) => return text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
            }
        }
        if let (Some(n), true) = (&name, quads.is_empty()) {
            return text(
                StatusCode::NOT_FOUND,
                format!("no graph <{}> in the store", n.as_str()),
            );
        }
        sort_quads(&mut quads);
        let ser = match format.serializer() {
            Ok(s) => s,
            Err(e) => return text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        };
        let mut w = ser.for_writer(Vec::new());
        for q in &quads {
            if let Err(e) = w.serialize_triple(q.as_ref()) {
                return text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
            }
        }
        match w.finish() {
            Ok(body) => with_header(
                respond(StatusCode::OK, content_type, body),
                header::VARY,
                "Accept",
            ),
            Err(e) => text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        }
    }

    fn diagram(&self, req: &Request<Body>) -> Resp {
        let params = query_params(req);
        let event = match one(&params, "event") {
            Ok(Some(e)) => e.to_owned(),
            Ok(None) => return text(StatusCode::BAD_REQUEST, "missing the event parameter"),
            Err(r) => return r,
        };
        if let Err(r) = iri(&event, "event") {
            return r;
        }
        let g = match dot::build(self.store, Some(&event)) {
            Ok(g) => g,
            Err(dot::DotError::Empty(_)) => {
                return text(
                    StatusCode::NOT_FOUND,
                    format!("no participations recorded for <{event}>"),
                )
            }
            Err(e) => return text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        };
        let mut src = Vec::new();
        if let Err(e) = dot::write_dot(&g, &mut src) {
            return text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
        }
        if matches!(one(&params, "format"), Ok(Some("dot"))) {
            return respond(StatusCode::OK, "text/vnd.graphviz; charset=utf-8", src);
        }
        match dot::render(&src, "svg") {
            Ok(svg) => respond(StatusCode::OK, "image/svg+xml", svg),
            Err(e @ dot::DotError::GraphvizMissing) => {
                text(StatusCode::NOT_IMPLEMENTED, e.to_string())
            }
            Err(e) => text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        }
    }
}

fn page(content: &'static str, content_type: &str) -> Resp {
    let r = respond(StatusCode::OK, content_type, content.as_bytes().to_vec());
    with_header(
        r,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
    )
}

fn queries_json() -> Resp {
    let list: Vec<serde_json::Value> = QUERIES
        .iter()
        .map(|(name, text)| {
            let title = text
                .lines()
                .take_while(|l| l.starts_with('#'))
                .map(|l| l.trim_start_matches('#').trim())
                .collect::<Vec<_>>()
                .join(" ");
            serde_json::json!({ "name": name, "title": title, "query": text })
        })
        .collect();
    respond(
        StatusCode::OK,
        "application/json",
        serde_json::to_vec_pretty(&list).unwrap_or_default(),
    )
}

fn status_json(o: &Options) -> Resp {
    let v = serde_json::json!({
        "service": "diplograph",
        "version": env!("CARGO_PKG_VERSION"),
        "read_only": true,
        "query_timeout_seconds": o.query_timeout.as_secs_f64(),
        "max_results": o.max_results,
        "max_request_bytes": o.max_request_bytes,
    });
    respond(
        StatusCode::OK,
        "application/json",
        serde_json::to_vec_pretty(&v).unwrap_or_default(),
    )
}

type ResultType = (ResultFormat, &'static str);
type GraphType = (GraphFormat, &'static str);

/// Media types offered for SELECT and ASK, the preferred first.
const RESULT_TYPES: &[(&str, ResultType)] = &[
    (
        "application/sparql-results+json",
        (ResultFormat::Json, "application/sparql-results+json"),
    ),
    (
        "application/json",
        (ResultFormat::Json, "application/sparql-results+json"),
    ),
    (
        "application/sparql-results+xml",
        (ResultFormat::Xml, "application/sparql-results+xml"),
    ),
    (
        "application/xml",
        (ResultFormat::Xml, "application/sparql-results+xml"),
    ),
    (
        "text/xml",
        (ResultFormat::Xml, "application/sparql-results+xml"),
    ),
    ("text/csv", (ResultFormat::Csv, "text/csv; charset=utf-8")),
    (
        "text/tab-separated-values",
        (
            ResultFormat::Tsv,
            "text/tab-separated-values; charset=utf-8",
        ),
    ),
];

/// Media types offered for graphs (CONSTRUCT, DESCRIBE, the Graph Store), preferred first.
const GRAPH_TYPES: &[(&str, GraphType)] = &[
    (
        "text/turtle",
        (GraphFormat::Turtle, "text/turtle; charset=utf-8"),
    ),
    (
        "application/x-turtle",
        (GraphFormat::Turtle, "text/turtle; charset=utf-8"),
    ),
    (
        "application/n-triples",
        (GraphFormat::NTriples, "application/n-triples"),
    ),
    (
        "text/plain",
        (GraphFormat::NTriples, "application/n-triples"),
    ),
    (
        "application/ld+json",
        (GraphFormat::JsonLd, "application/ld+json"),
    ),
    (
        "application/json",
        (GraphFormat::JsonLd, "application/ld+json"),
    ),
    (
        "application/rdf+xml",
        (GraphFormat::RdfXml, "application/rdf+xml"),
    ),
    (
        "application/xml",
        (GraphFormat::RdfXml, "application/rdf+xml"),
    ),
    ("text/xml", (GraphFormat::RdfXml, "application/rdf+xml")),
];

/// The `format` parameter: a short name that fixes both the results and the graph format.
fn by_name(name: &str) -> Option<(Option<ResultType>, Option<GraphType>)> {
    let r = |m: &str| RESULT_TYPES.iter().find(|(t, _)| *t == m).map(|(_, f)| *f);
    let g = |m: &str| GRAPH_TYPES.iter().find(|(t, _)| *t == m).map(|(_, f)| *f);
    Some(match name {
        "json" => (
            r("application/sparql-results+json"),
            g("application/ld+json"),
        ),
        "xml" => (
            r("application/sparql-results+xml"),
            g("application/rdf+xml"),
        ),
        "csv" => (r("text/csv"), None),
        "tsv" => (r("text/tab-separated-values"), None),
        "turtle" | "ttl" => (None, g("text/turtle")),
        "ntriples" | "nt" => (None, g("application/n-triples")),
        "jsonld" => (None, g("application/ld+json")),
        "rdfxml" => (None, g("application/rdf+xml")),
        _ => return None,
    })
}

/// The best offer for an `Accept` header (RFC 9110: highest q first, the more specific range
/// on ties, then the order of the offers). An empty header accepts the first offer.
pub fn negotiate<T: Copy>(accept: &str, offers: &[(&str, T)]) -> Option<T> {
    if accept.trim().is_empty() {
        return offers.first().map(|(_, t)| *t);
    }
    let mut best: Option<(f32, u8, usize)> = None; // (q, specificity, offer index)
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let mut q = 1.0f32;
        for p in parts {
            if let Some(v) = p.trim().strip_prefix("q=") {
                q = v.trim().parse().unwrap_or(0.0);
            }
        }
        if q <= 0.0 || media.is_empty() {
            continue;
        }
        let (kind, sub) = media.split_once('/').unwrap_or((media.as_str(), ""));
        for (i, (offer, _)) in offers.iter().enumerate() {
            let (ok, os) = offer.split_once('/').unwrap_or((offer, ""));
            let specificity = if kind == "*" && sub == "*" {
                0
            } else if sub == "*" && kind == ok {
                1
            } else if kind == ok && sub == os {
                2
            } else {
                continue;
            };
            let better = match best {
                None => true,
                Some((bq, bs, bi)) => {
                    q > bq
                        || (q == bq && specificity > bs)
                        || (q == bq && specificity == bs && i < bi)
                }
            };
            if better {
                best = Some((q, specificity, i));
            }
        }
    }
    best.map(|(_, _, i)| offers[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_query_is_offered() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology/queries");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .expect("queries folder")
            .filter_map(|e| {
                let p = e.ok()?.path();
                (p.extension()? == "rq").then(|| p.file_stem()?.to_str().map(str::to_owned))?
            })
            .collect();
        on_disk.sort();
        let offered: Vec<String> = QUERIES.iter().map(|(n, _)| (*n).to_owned()).collect();
        assert_eq!(offered, on_disk);
    }

    #[test]
    fn negotiation_follows_q_values_and_specificity() {
        let offers = [
            ("text/turtle", 1),
            ("application/n-triples", 2),
            ("application/ld+json", 3),
        ];
        assert_eq!(negotiate("", &offers), Some(1));
        assert_eq!(negotiate("*/*", &offers), Some(1));
        assert_eq!(negotiate("application/ld+json", &offers), Some(3));
        assert_eq!(
            negotiate("text/turtle;q=0.5, application/n-triples", &offers),
            Some(2)
        );
        assert_eq!(
            negotiate("application/*;q=0.9, text/turtle;q=0.1", &offers),
            Some(2)
        );
        assert_eq!(negotiate("image/png", &offers), None);
        assert_eq!(negotiate("text/turtle;q=0", &offers), None);
        assert_eq!(
            negotiate("*/*;q=0.1, application/ld+json;q=0.1", &offers),
            Some(3),
            "the specific range wins a tie"
        );
    }
}
