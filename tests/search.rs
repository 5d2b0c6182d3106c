//! End to end: search ranking and the query language on a small fixture,
//! the index following every way the journal can change, and the index
//! healing itself after each kind of damage.

mod common;
use common::{TestEnv, err, out};
use serde_json::json;

fn fixture() -> TestEnv {
    let env = TestEnv::new();
    env.import(&[
        json!({"kind": "postmortem", "title": "Refund loop on annual plan", "body": "The customer was charged twice.", "date": "2026-03-02", "person": "ana-lima", "tags": ["billing"], "products": ["billing"], "case": "ZD-100"}),
        json!({"kind": "note", "title": "Quarterly thoughts", "body": "One refund came up, among other things.", "date": "2026-03-03", "person": "ana-lima"}),
        json!({"kind": "escalation", "title": "Stripe webhook storm", "body": "Webhook retries after the migration; the agent refunded twice.", "date": "2026-04-10", "person": "bo-chen", "tags": ["webhooks"], "products": ["api"], "category": "should-have-handled", "case": "ZD-200"}),
        json!({"kind": "escalation", "title": "Legal threat", "body": "A double charge and a furious customer; refunds pending.", "date": "2025-12-01", "person": "bo-chen", "category": "correctly-escalated", "products": ["billing"]}),
        json!({"kind": "diagnosis", "title": "SSO loop", "body": "Okta sandbox.", "date": "2026-05-05", "person": "ana-lima", "prediction": "expired SAML certificate", "verdict": "miss", "skills": ["complex-case-diagnosis"]}),
        json!({"kind": "kb", "title": "Retrying failed webhooks", "body": "How retries work in the sandbox.", "date": "2026-06-01", "person": "ana-lima", "status": "published"}),
    ]);
    env
}

#[test]
fn title_hits_rank_above_body_hits_and_more_words_rank_higher() {
    let env = fixture();
    let hits = env.hits(&["refund"]);
    assert_eq!(hits[0], "Refund loop on annual plan", "{hits:?}");
    let hits = env.hits(&["webhook", "retries", "migration"]);
    assert_eq!(hits[0], "Stripe webhook storm", "all three words: {hits:?}");
    assert!(
        hits.contains(&"Retrying failed webhooks".to_string()),
        "not all-or-nothing: {hits:?}"
    );
}

#[test]
fn stemming_phrases_prefixes_and_exclusion() {
    let env = fixture();
    let hits = env.hits(&["refunded"]);
    assert!(hits.len() >= 3, "refunded finds refund, refunds: {hits:?}");
    assert_eq!(env.hits(&["\"double charge\""]), vec!["Legal threat"]);
    assert!(env.hits(&["\"charge double\""]).is_empty());
    let hits = env.hits(&["retr*"]);
    assert!(
        hits.contains(&"Stripe webhook storm".to_string())
            && hits.contains(&"Retrying failed webhooks".to_string()),
        "{hits:?}"
    );
    let hits = env.hits(&["webhook", "--", "-sandbox"]);
    assert_eq!(hits, vec!["Stripe webhook storm"]);
    assert_eq!(
        env.hits(&["webhook", "NOT", "sandbox"]),
        vec!["Stripe webhook storm"]
    );
}

#[test]
fn every_field_filter() {
    let env = fixture();
    assert_eq!(
        env.hits(&["kind:escalation", "category:should-have-handled"]),
        vec!["Stripe webhook storm"]
    );
    assert_eq!(
        env.hits(&["tag:billing", "refund"]),
        vec!["Refund loop on annual plan"]
    );
    assert_eq!(env.hits(&["product:api"]), vec!["Stripe webhook storm"]);
    assert_eq!(env.hits(&["person:bo-chen", "refund"]).len(), 2);
    assert_eq!(
        env.hits(&["case:ZD-100"]),
        vec!["Refund loop on annual plan"]
    );
    assert_eq!(env.hits(&["verdict:miss"]), vec!["SSO loop"]);
    assert_eq!(
        env.hits(&["status:published"]),
        vec!["Retrying failed webhooks"]
    );
    assert_eq!(
        env.hits(&["skill:complex-case-diagnosis"]),
        vec!["SSO loop"]
    );
    assert_eq!(env.hits(&["created:>2026-05-01"]).len(), 2);
    assert_eq!(env.hits(&["refund", "created:2025"]), vec!["Legal threat"]);
    assert_eq!(
        env.hits(&["refund", "--since", "2026-04-01", "--until", "2026-04-30"]),
        vec!["Stripe webhook storm"]
    );
    assert_eq!(
        env.hits(&["refund", "--kind", "note", "--kind", "postmortem"])
            .len(),
        2
    );
    // The kind's own text fields are searchable.
    assert_eq!(env.hits(&["SAML"]), vec!["SSO loop"]);
}

#[test]
fn pasted_text_never_breaks_search() {
    let env = fixture();
    for q in [
        "\"",
        "(((",
        "a:b:c",
        "[a TO b]",
        "🙂 refund",
        "ZD-100",
        "C++ && || !",
        "title:",
        "\\",
        "*",
        "'",
    ] {
        let o = env.cb().arg("search").arg(q).output().unwrap();
        assert!(
            matches!(o.status.code(), Some(0..=2)),
            "{q}: {:?}",
            o.status
        );
    }
    let a = env.cb().args(["search", "created:nope"]).assert().code(2);
    assert!(err(&a).contains("nope"));
    assert_eq!(env.hits(&["ZD-100"]), vec!["Refund loop on annual plan"]);
}

#[test]
fn rare_words_outrank_more_common_words() {
    let env = fixture();
    // Six entries about a customer's order; one about escheatment.
    let mut records: Vec<serde_json::Value> = (0..6)
        .map(|i| {
            json!({"kind": "note", "title": format!("Order question {i}"), "body": "The customer asked about the order, then about the order again.", "date": "2026-07-01", "person": "ana-lima"})
        })
        .collect();
    records.push(json!({"kind": "note", "title": "Unclaimed balance", "body": "Escheatment of an unclaimed customer balance.", "date": "2026-07-02", "person": "ana-lima"}));
    env.import(&records);
    let j = env.json(&[
        "search",
        "what",
        "is",
        "the",
        "escheatment",
        "rule",
        "for",
        "my",
        "order",
        "--limit",
        "3",
    ]);
    assert_eq!(j["hits"][0]["title"], "Unclaimed balance", "{j}");
    // Every entry with one of the meaningful words matches, stopwords none.
    assert_eq!(j["total"], 7, "{j}");
    let count = env
        .cb()
        .args(["search", "--count", "escheatment", "order"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&count.stdout).trim(), "7");
    // +word and phrases must match; free words only rank beside them.
    assert_eq!(
        env.hits(&["order", "+escheatment"]),
        vec!["Unclaimed balance"]
    );
    assert_eq!(
        env.hits(&["\"unclaimed customer\"", "order"]),
        vec!["Unclaimed balance"]
    );
}

#[test]
fn a_misspelt_word_falls_back_to_the_nearest_spelling_in_the_journal() {
    let env = fixture();
    let a = env
        .cb()
        .args(["--json", "search", "refnud"])
        .assert()
        .success();
    assert!(
        err(&a).contains("showing results for refund"),
        "{}",
        err(&a)
    );
    let j: serde_json::Value = serde_json::from_str(&out(&a)).unwrap();
    assert!(j["total"].as_u64().unwrap() >= 3, "{j}");
    assert_eq!(j["corrected_query"], "refund", "{j}");
    let hits = env.hits(&["webhoks", "storm"]);
    assert_eq!(hits[0], "Stripe webhook storm", "{hits:?}");
    // The replacement is said as the journal spells it, not as its stem.
    let a = env.cb().args(["search", "retires"]).assert().success();
    assert!(
        err(&a).contains("showing results for retries"),
        "{}",
        err(&a)
    );
    // A word of a kind's field (the prediction) is in the dictionary too.
    assert_eq!(env.hits(&["certifcate"]), vec!["SSO loop"]);
    // --exact searches the words as typed.
    env.cb()
        .args(["search", "refnud", "--exact"])
        .assert()
        .code(1);
    // Words split apart still find the word written whole.
    env.import(&[json!({"kind": "note", "title": "Hooks", "body": "Our webhooks fire twice.", "date": "2026-07-01", "person": "ana-lima"})]);
    assert_eq!(env.hits(&["web", "hooks"])[0], "Hooks");
}

#[test]
fn unknown_fields_and_values_exit_2_naming_the_valid_ones() {
    let env = fixture();
    for (args, names) in [
        (
            vec!["search", "verdikt:miss"],
            vec!["verdikt", "verdict", "kind"],
        ),
        (
            vec!["search", "refund", "--field", "verdikt=miss"],
            vec!["verdikt", "verdict"],
        ),
        (
            vec!["search", "kind:postmortm"],
            vec!["postmortm", "postmortem", "escalation"],
        ),
        (
            vec!["search", "verdict:partail"],
            vec!["partail", "hit, partial, miss"],
        ),
        (
            vec!["search", "refund", "--field", "verdict=partail"],
            vec!["partial"],
        ),
    ] {
        let a = env.cb().args(&args).assert().code(2);
        for name in names {
            assert!(err(&a).contains(name), "{args:?}: {}", err(&a));
        }
    }
    // Text that only looks like a field is still text.
    assert_eq!(env.hits(&["Error:", "SAML"]), vec!["SSO loop"]);
}

#[test]
fn snippets_come_from_the_part_that_matched() {
    let env = fixture();
    // The prediction field, not the body ("Okta sandbox.").
    let j = env.json(&["search", "certificate"]);
    let hit = &j["hits"][0];
    assert_eq!(hit["title"], "SSO loop", "{j}");
    assert_eq!(hit["matched_in"], "prediction", "{j}");
    assert!(
        hit["snippet"]
            .as_str()
            .unwrap()
            .contains("SAML certificate"),
        "{j}"
    );
    assert!(!hit["highlights"].as_array().unwrap().is_empty(), "{j}");
    // A title-only match shows the title, highlighted.
    let j = env.json(&["search", "quarterly"]);
    let hit = &j["hits"][0];
    assert_eq!(hit["matched_in"], "title", "{j}");
    assert!(!hit["highlights"].as_array().unwrap().is_empty(), "{j}");
    // A prefix highlights the words it matched.
    let j = env.json(&["search", "retr*"]);
    for hit in j["hits"].as_array().unwrap() {
        assert!(!hit["highlights"].as_array().unwrap().is_empty(), "{hit}");
    }
    // The text view names the field.
    let a = env.cb().args(["search", "certificate"]).assert().success();
    assert!(
        out(&a).contains("prediction: expired SAML certificate"),
        "{}",
        out(&a)
    );
}

#[test]
fn chinese_and_japanese_words_are_found_without_spaces() {
    let env = fixture();
    env.import(&[
        json!({"kind": "note", "title": "使用帮助", "body": "如何使用帮助文档查找答案。", "date": "2026-07-01", "person": "ana-lima"}),
        json!({"kind": "note", "title": "同步设置", "body": "同步失败时请检查网络设置。", "date": "2026-07-02", "person": "ana-lima"}),
        json!({"kind": "note", "title": "返金について", "body": "お客様の返金処理が遅れています。", "date": "2026-07-03", "person": "ana-lima"}),
    ]);
    assert_eq!(env.hits(&["帮助"]), vec!["使用帮助"]);
    assert_eq!(env.hits(&["帮助文档"]), vec!["使用帮助"]);
    assert_eq!(env.hits(&["设置"]), vec!["同步设置"]);
    assert_eq!(env.hits(&["返金"]), vec!["返金について"]);
    let j = env.json(&["search", "网络"]);
    assert!(
        !j["hits"][0]["highlights"].as_array().unwrap().is_empty(),
        "{j}"
    );
}

#[test]
fn a_search_that_only_private_entries_match_says_so() {
    let env = fixture();
    env.import(&[json!({"kind": "note", "title": "Private", "body": "Zanzibar.", "date": "2026-07-01", "person": "ana-lima", "private": true})]);
    let a = env.cb().args(["search", "zanzibar"]).assert().code(1);
    assert!(err(&a).contains("1 private entry"), "{}", err(&a));
    assert!(err(&a).contains("--include-private"), "{}", err(&a));
    assert_eq!(
        env.hits(&["zanzibar", "--include-private"]),
        vec!["Private"]
    );
}

#[test]
fn json_shape_limit_and_nothing_found() {
    let env = fixture();
    let j = env.json(&["search", "refund", "--limit", "2"]);
    let hits = j["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2);
    for key in [
        "id", "title", "kind", "created", "person", "path", "score", "snippet",
    ] {
        assert!(hits[0].get(key).is_some(), "{key}");
    }
    // Only the title matched: the JSON snippet is the title, highlighted;
    // the text view, which prints the title above, shows the body's start.
    assert_eq!(hits[0]["matched_in"], "title", "{}", hits[0]);
    assert_eq!(hits[0]["highlights"], json!([[0, 6]]), "{}", hits[0]);
    let a = env
        .cb()
        .args(["search", "refund", "--limit", "1"])
        .assert()
        .success();
    assert!(
        out(&a).contains("The customer was charged twice."),
        "{}",
        out(&a)
    );
    // A huge limit is only a ceiling.
    let j = env.json(&["search", "refund", "--limit", "4000000000"]);
    assert_eq!(
        j["hits"].as_array().unwrap().len(),
        j["total"].as_u64().unwrap() as usize
    );
    // A limit of 0 shows no hits, but how many matched is still news.
    let j = env.json(&["search", "refund", "--limit", "0"]);
    assert_eq!(j["hits"].as_array().unwrap().len(), 0);
    assert!(j["total"].as_u64().unwrap() >= 2, "{j}");
    let counted = env
        .cb()
        .args(["search", "refund", "-n", "0"])
        .assert()
        .success();
    assert!(err(&counted).contains("0 of "), "{}", err(&counted));
    let a = env.cb().args(["search", "zzqxnotaword"]).assert().code(1);
    assert!(err(&a).contains("no entries match"));
    let j = env.json(&["search", "zzqxnotaword"]);
    assert_eq!(j["total"], 0);
}

#[test]
fn the_index_follows_new_edit_hand_commits_reset_and_branches() {
    let env = fixture();
    let id = env.json(&[
        "new",
        "note",
        "--title",
        "Fresh",
        "-m",
        "brandnewword",
        "--no-edit",
    ])["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(env.hits(&["brandnewword"]), vec!["Fresh"]);
    env.cb()
        .args(["edit", &id, "-m", "revisedword"])
        .assert()
        .success();
    assert!(env.hits(&["brandnewword"]).is_empty());
    assert_eq!(env.hits(&["revisedword"]), vec!["Fresh"]);
    // A commit made with plain git.
    env.write("people/ana-lima/hand.md", b"+++\nid = \"zzzzyyyyxxxx\"\nkind = \"note\"\ntitle = \"Hand\"\ncreated = 2026-02-02\n+++\nhandmadeword\n");
    env.git(&["add", "-A"]);
    env.git(&["commit", "-qm", "hand"]);
    assert_eq!(env.hits(&["handmadeword"]), vec!["Hand"]);
    // git reset.
    env.git(&["reset", "-q", "--hard", "HEAD~1"]);
    assert!(env.hits(&["handmadeword"]).is_empty());
    // A branch switch.
    env.git(&["checkout", "-q", "-b", "side"]);
    env.cb()
        .args([
            "new",
            "note",
            "--title",
            "On the side",
            "-m",
            "sidebranchword",
            "--no-edit",
        ])
        .assert()
        .success();
    assert_eq!(env.hits(&["sidebranchword"]), vec!["On the side"]);
    env.git(&["checkout", "-q", "main"]);
    assert!(env.hits(&["sidebranchword"]).is_empty());
    assert_eq!(env.hits(&["revisedword"]), vec!["Fresh"]);
}

#[test]
fn an_uncommitted_hand_edit_is_flagged_in_hits() {
    let env = fixture();
    let path = env.json(&["search", "Legal"])["hits"][0]["path"]
        .as_str()
        .unwrap()
        .to_string();
    let text = std::fs::read_to_string(env.journal.join(&path)).unwrap();
    std::fs::write(env.journal.join(&path), text + "\nedited by hand\n").unwrap();
    let j = env.json(&["search", "Legal"]);
    assert_eq!(j["hits"][0]["edited_since_commit"], true);

    // An entry written by hand and never committed is not searched, and
    // a search that finds nothing says so, and where such files are listed.
    let copy = path.replace(".md", "-by-hand.md");
    let hand = "+++\nid = \"byhandzzzzzz\"\nkind = \"note\"\ntitle = \"Quokka\"\nperson = \"ana-lima\"\ncreated = 2026-11-20T10:00:00Z\n+++\nquokka\n";
    std::fs::write(env.journal.join(&copy), hand).unwrap();
    let a = env.cb().args(["search", "quokka"]).assert().code(1);
    assert!(
        err(&a).contains("not yet committed is not searched; `casebook status` lists"),
        "{}",
        err(&a)
    );
    let status = env.cb().arg("status").assert().success();
    assert!(out(&status).contains(&copy), "{}", out(&status));
}

fn index_dir(env: &TestEnv) -> std::path::PathBuf {
    let root = env.journal.join(".git/casebook/index");
    let current = std::fs::read_to_string(root.join("CURRENT")).unwrap();
    root.join(current.trim())
}

#[test]
fn the_index_heals_after_every_kind_of_damage() {
    let env = fixture();
    let want = env.hits(&["refund"]);
    assert!(!want.is_empty());

    // Deleted.
    std::fs::remove_dir_all(env.journal.join(".git/casebook/index")).unwrap();
    assert_eq!(env.hits(&["refund"]), want);

    // Garbage in every segment file.
    for f in std::fs::read_dir(index_dir(&env)).unwrap() {
        let p = f.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".json") && !name.contains("lock") {
            std::fs::write(&p, b"garbage garbage garbage garbage garbage").unwrap();
        }
    }
    let a = env.cb().args(["search", "refund"]).assert().success();
    assert!(
        err(&a).contains("rebuilding"),
        "one line on stderr: {}",
        err(&a)
    );
    assert_eq!(env.hits(&["refund"]), want);

    // From another version (the pointer names an unknown generation).
    std::fs::write(env.journal.join(".git/casebook/index/CURRENT"), "v0-old").unwrap();
    assert_eq!(env.hits(&["refund"]), want);

    // A schema change: meta.json rewritten with a foreign payload.
    let meta = index_dir(&env).join("meta.json");
    let text = std::fs::read_to_string(&meta)
        .unwrap()
        .replace("\\\"schema\\\":1", "\\\"schema\\\":999");
    std::fs::write(&meta, text).unwrap();
    assert_eq!(env.hits(&["refund"]), want);

    // The indexed commit vanished (history rewritten behind our back).
    env.git(&["commit", "-q", "--amend", "-m", "rewritten"]);
    env.git(&["reflog", "expire", "--expire=now", "--all"]);
    env.git(&["gc", "-q", "--prune=now"]);
    assert_eq!(env.hits(&["refund"]), want);

    // reindex from scratch.
    env.cb().arg("reindex").assert().success();
    assert_eq!(env.hits(&["refund"]), want);
}

#[test]
fn list_from_the_index_matches_the_files() {
    let env = fixture();
    let listed = env.json(&["list", "--kind", "escalation"]);
    let ids: Vec<_> = listed["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    let exported = std::process::Command::new(assert_cmd::cargo::cargo_bin("casebook"));
    drop(exported);
    let files = env.git(&["grep", "-l", "kind = \"escalation\"", "--", "people"]);
    assert_eq!(ids.len(), files.lines().count());
    for id in ids {
        assert!(files.contains(&id), "{id} listed but not in the files");
    }
}
