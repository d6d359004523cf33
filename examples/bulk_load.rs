//! The baseline for ingest benchmarks: oxigraph's own bulk loader reading N-Quads into a
//! fresh store (no annotation, no per-document transactions, no identity step).
//!
//! ```sh
//! cargo run --release --example bulk_load -- FILE.nq STORE_DIR
//! ```

// The same allocator as the `diplograph` command, so that the comparison is of the work
// alone.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(file), Some(dir)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: bulk_load FILE.nq STORE_DIR");
    };
    anyhow::ensure!(
        !std::path::Path::new(&dir).exists(),
        "{dir}: exists; the baseline loads into a fresh store"
    );
    let start = std::time::Instant::now();
    let store = oxigraph::store::Store::open(&dir)?;
    let mut loader = store.bulk_loader();
    loader.load_from_reader(
        oxigraph::io::RdfFormat::NQuads,
        std::io::BufReader::new(std::fs::File::open(&file)?),
    )?;
    loader.commit()?;
    store.flush()?;
    println!(
        "bulk_load: {} quads in {:.2} s",
        store.len()?,
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
