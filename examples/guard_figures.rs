//! The personal-data guard's figures on a labelled corpus: recall per kind
//! (of the cases a third-party suite says hold that kind, how many the
//! guard finds as that kind) and false positives (of the texts said to hold
//! none, how many it flags), with the time the scan took.
//!
//! The corpus is JSON Lines written by `bench/guard_corpus.py` from
//! Presidio's, detect-secrets' and gitleaks' test suites and public support
//! requests; it is not kept in this repository. Run:
//!
//! ```sh
//! python3 bench/guard_corpus.py --presidio … --support … # see its --help
//! cargo run --release --example guard_figures [-- DIR] [--misses KIND] [--false KIND]
//! ```
//!
//! `--misses KIND` lists the positives of KIND the guard did not find,
//! `--false KIND` the negatives it flagged (KIND `clean` for support text).

#![allow(clippy::print_stdout)]

use casebook::pii::{Find, Guard, PiiKind};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

struct Case {
    source: String,
    kind: String,
    text: String,
    label: bool,
    spans: Vec<(usize, usize)>,
}

#[derive(Default)]
struct Tally {
    positives: usize,
    found: usize,
    found_as_other: usize,
    negatives: usize,
    flagged: usize,
}

fn kind_of(label: &str) -> Option<PiiKind> {
    Some(match label {
        "email" => PiiKind::Email,
        "phone" => PiiKind::Phone,
        "card" => PiiKind::Card,
        "iban" => PiiKind::Iban,
        "ip" => PiiKind::Ip,
        "secret" => PiiKind::Secret,
        _ => return None,
    })
}

/// Presidio counts positions in characters (Python strings); finds are bytes.
fn char_span(text: &str, f: &Find) -> (usize, usize) {
    (
        text[..f.start].chars().count(),
        text[..f.end].chars().count(),
    )
}

fn main() {
    let mut dir = std::env::var_os("CASEBOOK_GUARD_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/guard-corpus"));
    let mut misses: Option<String> = None;
    let mut falses: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--misses" => misses = args.next(),
            "--false" => falses = args.next(),
            _ => dir = PathBuf::from(a),
        }
    }
    let mut cases = Vec::new();
    let mut files: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd.filter_map(|e| e.ok()).map(|e| e.path()).collect(),
        Err(e) => {
            eprintln!(
                "{}: {e}\nhint: build the corpus first with bench/guard_corpus.py",
                dir.display()
            );
            std::process::exit(2);
        }
    };
    files.sort();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
    {
        let text = std::fs::read_to_string(path).expect("corpus file reads");
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("corpus line is JSON");
            let spans = v["spans"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| Some((s[0].as_u64()? as usize, s[1].as_u64()? as usize)))
                        .collect()
                })
                .unwrap_or_default();
            cases.push(Case {
                source: v["source"].as_str().unwrap_or("").to_string(),
                kind: v["kind"].as_str().unwrap_or("").to_string(),
                text: v["text"].as_str().unwrap_or("").to_string(),
                label: v["label"].as_bool().unwrap_or(false),
                spans,
            });
        }
    }
    let guard = Guard::default();
    let started = Instant::now();
    let results: Vec<Vec<Find>> = cases.iter().map(|c| guard.scan(&c.text)).collect();
    let elapsed = started.elapsed();
    let bytes: usize = cases.iter().map(|c| c.text.len()).sum();

    let mut by_kind: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_source: BTreeMap<(String, String), Tally> = BTreeMap::new();
    for (c, finds) in cases.iter().zip(&results) {
        let want = kind_of(&c.kind);
        let hit = |kind_ok: &dyn Fn(PiiKind) -> bool| {
            finds.iter().any(|f| {
                kind_ok(f.kind)
                    && (c.spans.is_empty()
                        || c.spans.iter().any(|&(s, e)| {
                            let (fs, fe) = char_span(&c.text, f);
                            fs < e && s < fe
                        }))
            })
        };
        for t in [
            by_kind.entry(c.kind.clone()).or_default(),
            by_source
                .entry((c.kind.clone(), c.source.clone()))
                .or_default(),
        ] {
            if c.label {
                t.positives += 1;
                if hit(&|k| Some(k) == want) {
                    t.found += 1;
                } else if hit(&|_| true) {
                    t.found_as_other += 1;
                }
            } else {
                t.negatives += 1;
                let flagged = match want {
                    Some(k) => finds.iter().any(|f| f.kind == k),
                    None => !finds.is_empty(),
                };
                if flagged {
                    t.flagged += 1;
                }
            }
        }
        let listed = |k: &Option<String>| k.as_deref() == Some(c.kind.as_str());
        if c.label && listed(&misses) && !hit(&|k| Some(k) == want) {
            println!("MISS {} {:?} -> {:?}", c.source, c.text, summary(finds));
        }
        if !c.label
            && listed(&falses)
            && match want {
                Some(k) => finds.iter().any(|f| f.kind == k),
                None => !finds.is_empty(),
            }
        {
            println!("FALSE {} {:?} -> {:?}", c.source, c.text, summary(finds));
        }
    }

    let pct = |n: usize, d: usize| {
        if d == 0 {
            "-".to_string()
        } else {
            format!("{:.1}%", 100.0 * n as f64 / d as f64)
        }
    };
    println!("| kind | found / positives | recall | flagged / negatives | false-positive rate |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    let (mut p, mut f) = (0, 0);
    for (kind, t) in &by_kind {
        if kind_of(kind).is_some() {
            p += t.positives;
            f += t.found;
        }
        println!(
            "| {kind} | {} / {} | {} | {} / {} | {} |",
            t.found,
            t.positives,
            pct(t.found, t.positives),
            t.flagged,
            t.negatives,
            pct(t.flagged, t.negatives)
        );
    }
    println!("| all claimed kinds | {f} / {p} | {} | | |", pct(f, p));
    println!();
    println!("| kind | source | found / positives | as another kind | flagged / negatives |");
    println!("| --- | --- | ---: | ---: | ---: |");
    for ((kind, source), t) in &by_source {
        println!(
            "| {kind} | {source} | {} / {} | {} | {} / {} |",
            t.found, t.positives, t.found_as_other, t.flagged, t.negatives
        );
    }
    println!();
    println!(
        "scanned {} texts, {:.1} MB, in {:.1} ms ({:.0} MB/s)",
        cases.len(),
        bytes as f64 / 1e6,
        elapsed.as_secs_f64() * 1e3,
        bytes as f64 / 1e6 / elapsed.as_secs_f64()
    );
}

fn summary(finds: &[Find]) -> Vec<(PiiKind, &str)> {
    finds.iter().map(|f| (f.kind, f.text.as_str())).collect()
}
