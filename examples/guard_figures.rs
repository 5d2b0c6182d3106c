//! The personal-data guard's figures on a labelled corpus: recall per kind
//! (of the cases a third-party suite says hold that kind, how many the
//! guard finds as that kind) and false positives (of the texts said to hold
//! none, how many it flags), with the time the scan took.
//!
//! The corpus is `tests/fixtures/guard-corpus/` (sources and licences in its
//! `SOURCES.md`); `tests/guard_corpus.rs` asserts the targets on it. A
//! fuller local corpus (with the support sets that may not be copied here)
//! comes from `bench/guard_corpus.py` without `--fixture`. Run:
//!
//! ```sh
//! cargo run --release --example guard_figures [-- DIR] [--misses KIND] [--false KIND] [--repeat N]
//! ```
//!
//! `--misses KIND` lists the positives of KIND the guard did not find,
//! `--false KIND` the negatives it flagged (KIND `clean` for support text);
//! `--repeat N` scans N times for a steadier throughput figure.

#![allow(clippy::print_stdout)]

#[path = "../tests/guard_score/mod.rs"]
mod guard_score;

use casebook::pii::{Find, PiiKind};
use guard_score::Outcome;
use std::time::Instant;

fn main() {
    let mut dir = std::env::var_os("CASEBOOK_GUARD_CORPUS")
        .map(Into::into)
        .unwrap_or_else(guard_score::fixture_dir);
    let mut misses: Option<String> = None;
    let mut falses: Option<String> = None;
    let mut repeat = 1usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--misses" => misses = args.next(),
            "--false" => falses = args.next(),
            "--repeat" => repeat = args.next().and_then(|n| n.parse().ok()).unwrap_or(1),
            _ => dir = a.into(),
        }
    }
    let cases = match guard_score::load(&dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{}: {e}", dir.display());
            std::process::exit(2);
        }
    };
    let started = Instant::now();
    let mut results = guard_score::scan_all(&cases);
    for _ in 1..repeat {
        results = guard_score::scan_all(&cases);
    }
    let elapsed = started.elapsed() / repeat as u32;
    let bytes: usize = cases.iter().map(|c| c.text.len()).sum();
    let figures = guard_score::score(&cases, &results);

    for ((c, finds), outcome) in cases.iter().zip(&results).zip(&figures.outcomes) {
        let listed = |k: &Option<String>| k.as_deref() == Some(c.kind.as_str());
        match outcome {
            Outcome::Missed if listed(&misses) => {
                println!("MISS {} {:?} -> {:?}", c.source, c.text, summary(finds))
            }
            Outcome::Flagged if listed(&falses) => {
                println!("FALSE {} {:?} -> {:?}", c.source, c.text, summary(finds))
            }
            _ => {}
        }
    }
    println!("{}", figures.kind_table());
    println!("{}", figures.source_table(false));
    let clean: usize = cases
        .iter()
        .filter(|c| c.kind == "clean")
        .map(|c| c.text.len())
        .sum();
    println!(
        "scanned {} texts, {:.2} MB ({:.2} MB of it clean support text), in {:.1} ms ({:.1} MB/s)",
        cases.len(),
        bytes as f64 / 1e6,
        clean as f64 / 1e6,
        elapsed.as_secs_f64() * 1e3,
        bytes as f64 / 1e6 / elapsed.as_secs_f64()
    );
}

fn summary(finds: &[Find]) -> Vec<(PiiKind, &str)> {
    finds.iter().map(|f| (f.kind, f.text.as_str())).collect()
}
