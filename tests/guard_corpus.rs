//! The personal-data guard measured on third-party labelled data
//! (`tests/fixtures/guard-corpus/`, sources and licences in its
//! `SOURCES.md`): Presidio's recognizer tests, detect-secrets' plugin tests,
//! gitleaks' rule examples, and public customer-support requests as clean
//! text. The labels are the suites', not ours. `cargo run --release
//! --example guard_figures` prints the full table and lists the misses.

mod guard_score;

/// Recall over the kinds the guard claims (email, phone, card, IBAN, IP,
/// secret), all positives together.
const MIN_RECALL: f64 = 0.95;
/// Clean support texts the guard may refuse.
const MAX_CLEAN_FLAGGED: f64 = 0.01;
/// The secret suites' labelled negatives (gitleaks `fps`, detect-secrets'
/// non-secrets) the guard may report as secrets: the figure reached, with a
/// little room.
const MAX_SECRET_FALSE: f64 = 0.13;
/// No claimed kind may fall below this recall on its own. IP sits lowest
/// (84%) by choice: Presidio counts loopback and unspecified addresses
/// (`127.0.0.1`, `::1`, `0.0.0.0/0`), which identify no one, and dotted
/// quads inside longer runs (`192.168.1.1.1`), which read as versions.
const MIN_KIND_RECALL: f64 = 0.80;

#[test]
fn guard_meets_its_targets_on_the_labelled_corpus() {
    let dir = guard_score::fixture_dir();
    let cases = guard_score::load(&dir).expect("the corpus reads");
    assert!(
        cases.len() > 20_000,
        "{}: only {} cases",
        dir.display(),
        cases.len()
    );
    let results = guard_score::scan_all(&cases);
    let figures = guard_score::score(&cases, &results);
    let report = format!("\n{}\n{}", figures.kind_table(), figures.source_table(true));

    let mut failures = Vec::new();
    let all = figures.claimed();
    if all.recall() < MIN_RECALL {
        failures.push(format!(
            "recall over the claimed kinds {:.1}% < {:.0}%",
            100.0 * all.recall(),
            100.0 * MIN_RECALL
        ));
    }
    for kind in ["email", "phone", "card", "iban", "ip", "secret"] {
        let t = figures.kind(kind);
        if t.positives == 0 {
            failures.push(format!("{kind}: no positives in the corpus"));
        } else if t.recall() < MIN_KIND_RECALL {
            failures.push(format!(
                "{kind}: recall {:.1}% < {:.0}%",
                100.0 * t.recall(),
                100.0 * MIN_KIND_RECALL
            ));
        }
    }
    let clean = figures.kind("clean");
    if clean.negatives < 20_000 || clean.false_rate() > MAX_CLEAN_FLAGGED {
        failures.push(format!(
            "clean support text: {} of {} refused ({:.2}% > {:.0}%)",
            clean.flagged,
            clean.negatives,
            100.0 * clean.false_rate(),
            100.0 * MAX_CLEAN_FLAGGED
        ));
    }
    let secret = figures.kind("secret");
    if secret.false_rate() > MAX_SECRET_FALSE {
        failures.push(format!(
            "secret negatives: {} of {} flagged ({:.1}% > {:.0}%)",
            secret.flagged,
            secret.negatives,
            100.0 * secret.false_rate(),
            100.0 * MAX_SECRET_FALSE
        ));
    }
    assert!(failures.is_empty(), "{}{report}", failures.join("\n"));
}
