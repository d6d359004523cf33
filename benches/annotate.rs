//! Annotation throughput on the seed report, against the lexicon scan alone (the
//! first step of annotation) measured in the same run: the ratio is what the rules
//! cost on top of dictionary matching.

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

criterion_group!(benches, bench);
criterion_main!(benches);
