//! Annotation throughput on the seed report, one thread, against two baselines measured
//! in the same run: the lexicon scan alone (the first step of annotation: the ratio is what
//! the rules cost on top of dictionary matching) and jieba-rs segmentation (`cut`, with the
//! HMM) of the same text, the general-purpose Chinese segmenter.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use diplograph::annotate::{annotate, Config};
use diplograph::lexicon::Lexicon;
use diplograph::read::{read_bytes, Document};

fn seed() -> Document {
    let bytes = include_bytes!("../seeds/000_ead2641a83217ae8.txt");
    match read_bytes(bytes, std::path::Path::new("seed"), "seed") {
        Ok(d) => d,
        Err(e) => panic!("seed: {e}"),
    }
}

fn bench(c: &mut Criterion) {
    let lex = match Lexicon::embedded() {
        Ok(l) => l,
        Err(e) => panic!("lexicon: {e}"),
    };
    let doc = seed();
    let config = Config::default();
    let mut g = c.benchmark_group("seed");
    g.throughput(Throughput::Bytes(doc.body.len() as u64));
    let jieba = jieba_rs::Jieba::new();
    g.bench_function("jieba-cut (baseline)", |b| {
        b.iter(|| jieba.cut(std::hint::black_box(&doc.body), true).len())
    });
    g.bench_function("lexicon-scan (baseline)", |b| {
        b.iter(|| lex.find(std::hint::black_box(&doc.body)).len())
    });
    g.bench_function("annotate", |b| {
        b.iter(|| {
            annotate(std::hint::black_box(&doc), lex, &config)
                .events
                .len()
        })
    });
    g.bench_function("annotate+rdf", |b| {
        b.iter(|| {
            let a = annotate(std::hint::black_box(&doc), lex, &config);
            diplograph::rdf::document_quads(&a).0.len()
        })
    });
    g.finish();
}

/// Throughput on a 2 KB and a 1 MB document: the annotator's cost is linear in the
/// document's length when bytes/s stays the same.
fn bench_sizes(c: &mut Criterion) {
    let lex = match Lexicon::embedded() {
        Ok(l) => l,
        Err(e) => panic!("lexicon: {e}"),
    };
    let seed = seed();
    let mut cut = 2048.min(seed.body.len());
    while !seed.body.is_char_boundary(cut) {
        cut -= 1;
    }
    let small = format!("date: 2021-06-23\n\n{}", &seed.body[..cut]);
    let copies = (1 << 20) / seed.body.len() + 1;
    let large = format!(
        "date: 2021-06-23\n\n{}",
        vec![seed.body.as_str(); copies].join("\n")
    );
    let config = Config::default();
    let mut g = c.benchmark_group("size");
    for (name, text) in [("2KB", small), ("1MB", large)] {
        let doc = match read_bytes(text.as_bytes(), std::path::Path::new(name), name) {
            Ok(d) => d,
            Err(e) => panic!("{name}: {e}"),
        };
        g.throughput(Throughput::Bytes(doc.body.len() as u64));
        if doc.body.len() > 100_000 {
            g.sample_size(10);
        }
        g.bench_function(name, |b| {
            b.iter(|| {
                annotate(std::hint::black_box(&doc), lex, &config)
                    .mentions
                    .len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench, bench_sizes);
criterion_main!(benches);
