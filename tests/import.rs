//! `casebook import` from the tools people leave behind: jrnl's JSON export,
//! folders of Markdown notes (Obsidian, zk, plain) and helpdesk CSV exports.
//! Each import is one commit, all or nothing, and a second run of the same
//! import adds nothing.

mod common;
mod guard_score;
use common::{TestEnv, err, out};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Real `jrnl --export json` output (jrnl v4.6, four entries written on the
/// command line and from stdin).
const JRNL_FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/jrnl-export.json"
);

/// `casebook import ARGS...` in UTC, so local times in the sources are
/// predictable whatever the machine's zone.
fn import(env: &TestEnv, args: &[&str]) -> assert_cmd::Command {
    let mut c = env.cb();
    c.env("TZ", "UTC").arg("import").args(args);
    c
}

fn entries(env: &TestEnv) -> Vec<Value> {
    env.json(&["list"])["entries"].as_array().unwrap().clone()
}

fn by_title<'a>(entries: &'a [Value], title: &str) -> &'a Value {
    entries
        .iter()
        .find(|e| e["title"] == title)
        .unwrap_or_else(|| panic!("no entry titled {title:?} in {entries:#?}"))
}

fn tags(e: &Value) -> Vec<&str> {
    e["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect()
}

fn body(env: &TestEnv, id: &Value) -> String {
    env.json(&["show", id.as_str().unwrap()])["entries"][0]["body"]
        .as_str()
        .unwrap()
        .to_string()
}

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn jrnl_export_maps_dates_tags_stars_and_kinds() {
    let env = TestEnv::new();
    let before = env.commits();
    let a = import(&env, &[JRNL_FIXTURE]).assert().success();
    assert!(out(&a).starts_with("imported 4 entries ("), "{}", out(&a));
    assert_eq!(env.commits(), before + 1, "one commit");
    assert!(env.clean());

    let list = entries(&env);
    let refund = by_title(&list, "Refund loop on the annual plan.");
    assert_eq!(refund["created"], "2026-11-02T09:15:00+00:00");
    // `@postmortem` names a kind: it becomes the kind, not a tag.
    assert_eq!(refund["kind"], "postmortem");
    assert_eq!(tags(refund), vec!["billing"]);
    assert_eq!(refund["person"], "ana-lima");
    assert!(body(&env, &refund["id"]).contains("naming the refund date first"));

    let sso = by_title(&list, "SSO outage question.");
    assert_eq!(sso["kind"], "note");
    assert_eq!(tags(sso), vec!["sso"]);
    assert_eq!(sso["created"], "2026-11-03T14:40:00+00:00");

    let starred = by_title(&list, "Star this. A good one");
    assert_eq!(tags(starred), vec!["starred"]);

    // jrnl's `#tags` too; a multi-line body keeps its paragraphs.
    let chargeback = by_title(&list, "Chargeback dispute with a high-tier customer.");
    assert_eq!(chargeback["kind"], "escalation");
    assert_eq!(tags(chargeback), vec!["billing"]);
    assert!(body(&env, &chargeback["id"]).contains("ended.\n\nWhat worked"));

    // The same export again: nothing new, no commit, said so.
    let a = import(&env, &[JRNL_FIXTURE]).assert().success();
    assert!(
        out(&a).contains("4 skipped as already imported"),
        "{}",
        out(&a)
    );
    assert_eq!(env.commits(), before + 1);
    assert_eq!(entries(&env).len(), 4);
}

#[test]
fn kind_flag_sets_the_kind_of_records_that_name_none() {
    let env = TestEnv::new();
    import(&env, &[JRNL_FIXTURE, "--kind", "diagnosis"])
        .assert()
        .success();
    let list = entries(&env);
    assert_eq!(by_title(&list, "SSO outage question.")["kind"], "diagnosis");
    assert_eq!(
        by_title(&list, "Refund loop on the annual plan.")["kind"],
        "postmortem",
        "a kind tag is the entry's own"
    );
    let a = import(&env, &[JRNL_FIXTURE, "--kind", "postmortum"])
        .assert()
        .code(2);
    assert!(err(&a).contains("--kind"), "{}", err(&a));
}

#[test]
fn jrnl_bad_entry_names_the_line_and_imports_nothing() {
    let env = TestEnv::new();
    let before = env.commits();
    let bad = write(
        &env.root,
        "bad.json",
        "{\n  \"tags\": {},\n  \"entries\": [\n    {\"date\": \"2026-11-02\", \"time\": \"09:15\", \"title\": \"fine\", \"body\": \"\", \"tags\": []},\n    {\"date\": \"02/11/2026\", \"time\": \"09:15\", \"title\": \"bad date\", \"body\": \"\", \"tags\": []}\n  ]\n}\n",
    );
    let a = import(&env, &[s(&bad)]).assert().code(1);
    assert!(err(&a).contains("bad.json:5:"), "{}", err(&a));
    assert!(err(&a).contains("02/11/2026"), "{}", err(&a));
    assert_eq!(env.commits(), before);
}

/// An Obsidian-like vault: YAML, TOML and no front matter, a daily note,
/// Obsidian's own folder, a hidden folder and a file that is not Markdown.
fn vault(root: &Path) -> PathBuf {
    let v = root.join("vault");
    write(&v, ".obsidian/app.json", "{}");
    write(&v, ".trash/old.md", "# Thrown away\n");
    write(&v, "attachments/screenshot.txt", "not a note");
    write(
        &v,
        "cases/refund.md",
        "---\ntitle: Refund loop on the annual plan\ndate: 2026-11-02 09:15\ntags: [billing, postmortem]\naliases: [refund]\ncase: ZD-4821\nsentiment_start: 2\nsentiment_end: 4\ncssclasses: wide\n---\nNaming the refund date first calmed her. #empathy\n",
    );
    write(
        &v,
        "daily/2026-11-03.md",
        "# SSO outage question\n\nWalked the admin through the IdP metadata. #sso #product/identity and ticket #4821\n\n```\n#not-a-tag\n```\n",
    );
    write(
        &v,
        "zk/escalation-rule.md",
        "+++\ntitle = \"Downgrades should stay with the agent\"\ncreated = 2026-11-04T10:00:00+01:00\ntags = \"playbook downgrade\"\nkind = \"escalation\"\ncategory = \"should-have-handled\"\n+++\nThe agent should handle plan downgrades.\n",
    );
    write(
        &v,
        "2026-11-05-plain-thoughts.md",
        "Just text, no heading.\n",
    );
    v
}

#[test]
fn markdown_folder_front_matter_headings_file_names_and_tags() {
    let env = TestEnv::new();
    let v = vault(&env.root);
    let before = env.commits();
    let a = import(&env, &[s(&v)]).assert().success();
    assert!(out(&a).starts_with("imported 4 entries ("), "{}", out(&a));
    // Keys with no place in an entry are named, with how often they came;
    // aliases have a place now.
    assert!(
        !err(&a).contains("aliases") && err(&a).contains("cssclasses (1 note)"),
        "{}",
        err(&a)
    );
    assert_eq!(env.commits(), before + 1);
    assert!(env.clean());

    let list = entries(&env);
    assert_eq!(list.len(), 4, "hidden folders and other files skipped");
    let refund = by_title(&list, "Refund loop on the annual plan");
    assert_eq!(refund["kind"], "postmortem");
    assert_eq!(refund["created"], "2026-11-02T09:15:00+00:00");
    assert_eq!(refund["case"], "ZD-4821");
    assert_eq!(tags(refund), vec!["billing", "empathy"]);
    assert_eq!(refund["fields"]["sentiment_start"], 2);
    assert_eq!(refund["fields"]["sentiment_end"], 4);
    assert_eq!(refund["aliases"], serde_json::json!(["refund"]));
    assert_eq!(refund["imported_from"], "obsidian:cases/refund.md");

    // In a vault the title is the file name, as Obsidian shows it; the
    // heading stays in the body. Date from the file name, inline tags
    // outside code, never a bare number.
    let sso = by_title(&list, "2026-11-03");
    assert_eq!(sso["created"], "2026-11-03T00:00:00+00:00");
    assert_eq!(tags(sso), vec!["sso", "product/identity"]);
    let sso_body = body(&env, &sso["id"]);
    assert!(
        sso_body.starts_with("# SSO outage question\n\nWalked the admin"),
        "{sso_body}"
    );

    let rule = by_title(&list, "Downgrades should stay with the agent");
    assert_eq!(rule["kind"], "escalation");
    assert_eq!(rule["fields"]["category"], "should-have-handled");
    assert_eq!(rule["created"], "2026-11-04T10:00:00+01:00");
    assert_eq!(tags(rule), vec!["playbook", "downgrade"]);

    // No front matter, no heading: the file name is the title, as it is.
    let plain = by_title(&list, "2026-11-05-plain-thoughts");
    assert_eq!(plain["created"], "2026-11-05T00:00:00+00:00");
    assert_eq!(plain["kind"], "note");
}

#[test]
fn markdown_reimport_adds_only_new_notes_and_dry_run_writes_nothing() {
    let env = TestEnv::new();
    let v = vault(&env.root);
    import(&env, &[s(&v)]).assert().success();
    let after_first = env.commits();
    write(
        &v,
        "cases/new-one.md",
        "---\ndate: 2026-11-06\n---\n# A new case\n\nbody\n",
    );

    let a = import(&env, &[s(&v), "--dry-run"]).assert().success();
    assert!(out(&a).contains("new-one"), "{}", out(&a));
    assert!(
        !out(&a).contains("Refund loop"),
        "already imported: {}",
        out(&a)
    );
    assert!(
        err(&a).contains("1 entries would be imported") && err(&a).contains("4 skipped"),
        "{}",
        err(&a)
    );
    assert_eq!(env.commits(), after_first, "a dry run commits nothing");
    assert!(env.clean());

    let j = import(&env, &[s(&v), "--dry-run", "--json"])
        .assert()
        .success();
    let j: Value = serde_json::from_str(&out(&j)).unwrap();
    assert_eq!(j["would_import"], 1);
    assert_eq!(j["skipped"], 4);
    assert_eq!(j["entries"][0]["title"], "new-one");

    let a = import(&env, &[s(&v), "--json"]).assert().success();
    let j: Value = serde_json::from_str(&out(&a)).unwrap();
    assert_eq!(j["imported"], 1);
    assert_eq!(j["skipped"], 4);
    assert!(j["commit"].is_string());
    assert_eq!(env.commits(), after_first + 1);
    assert_eq!(entries(&env).len(), 5);
}

#[test]
fn markdown_bad_notes_name_file_and_line_and_nothing_lands() {
    let env = TestEnv::new();
    let v = vault(&env.root);
    write(
        &v,
        "cases/bad-score.md",
        "---\ntitle: Too happy\ndate: 2026-11-07\nkind: postmortem\nsentiment_end: 9\n---\nbody\n",
    );
    write(
        &v,
        "cases/bad-yaml.md",
        "---\ntitle: Broken\ntags: [a, b\n---\nbody\n",
    );
    let before = env.commits();
    let a = import(&env, &[s(&v)]).assert().code(1);
    let e = err(&a);
    assert!(e.contains("nothing imported; 2 record(s)"), "{e}");
    assert!(
        e.contains("bad-score.md:5: sentiment_end must be integer 1-5"),
        "{e}"
    );
    assert!(
        e.contains("bad-yaml.md:") && e.contains("invalid YAML"),
        "{e}"
    );
    assert_eq!(env.commits(), before);
    assert!(env.clean());
}

#[test]
fn csv_helpdesk_export_with_mapping() {
    let env = TestEnv::new();
    let file = write(
        &env.root,
        "escalations.csv",
        "Ticket ID,Subject,Created,Reason,Category,Priority,Assignee\n\
         ZD-100,Refund over the limit,2026-11-10 09:00:00 UTC,\"Refund above the agent's limit, twice\",should-have-handled,high,bot\n\
         ZD-101,Angry enterprise admin,2026-11-11,Sentiment dropped fast,correctly-escalated,urgent,bot\n",
    );
    let before = env.commits();
    let a = import(
        &env,
        &[
            s(&file),
            "--kind",
            "escalation",
            "--map",
            "Ticket ID=case",
            "--map",
            "Created=date",
            "--map",
            "Reason=reason",
            "--map",
            "Category=category",
            "--person",
            "Bo Chen",
        ],
    )
    .assert()
    .success();
    assert!(out(&a).starts_with("imported 2 entries ("), "{}", out(&a));
    // Unmapped columns are named; Subject gave the titles.
    assert!(
        err(&a).contains("columns not imported: Priority, Assignee"),
        "{}",
        err(&a)
    );
    assert_eq!(env.commits(), before + 1);

    let list = entries(&env);
    let refund = by_title(&list, "Refund over the limit");
    assert_eq!(refund["kind"], "escalation");
    assert_eq!(refund["case"], "ZD-100");
    assert_eq!(refund["person"], "bo-chen");
    assert_eq!(refund["created"], "2026-11-10T09:00:00+00:00");
    assert_eq!(refund["fields"]["category"], "should-have-handled");
    assert_eq!(
        refund["fields"]["reason"],
        "Refund above the agent's limit, twice"
    );
    let angry = by_title(&list, "Angry enterprise admin");
    assert_eq!(angry["fields"]["category"], "correctly-escalated");
    assert_eq!(angry["created"], "2026-11-11T00:00:00+00:00");

    // The escalation report counts them like any other escalation.
    assert_eq!(
        env.json(&["list", "--kind", "escalation", "--count"])["count"],
        2
    );
}

#[test]
fn csv_mapping_mistakes_are_usage_errors_naming_the_map() {
    let env = TestEnv::new();
    let file = write(
        &env.root,
        "esc.csv",
        "Ticket ID,Subject,Created,Reason\nZD-1,One,2026-11-10,why\n",
    );
    let before = env.commits();
    // A field no kind has.
    let a = import(
        &env,
        &[s(&file), "--kind", "escalation", "--map", "Reason=reasn"],
    )
    .assert()
    .code(2);
    assert!(
        err(&a).contains("--map Reason=reasn: unknown field 'reasn' for an escalation entry"),
        "{}",
        err(&a)
    );
    // A field of another kind: the error says which.
    let a = import(&env, &[s(&file), "--map", "Reason=reason"])
        .assert()
        .code(2);
    assert!(
        err(&a).contains("--map Reason=reason") && err(&a).contains("--kind escalation"),
        "{}",
        err(&a)
    );
    // A column the file does not have.
    let a = import(&env, &[s(&file), "--map", "Ticket=case"])
        .assert()
        .code(2);
    assert!(
        err(&a).contains("--map Ticket=case: no column 'Ticket'"),
        "{}",
        err(&a)
    );
    // No date at all.
    let nodate = write(&env.root, "nodate.csv", "Subject\nOne\n");
    let a = import(&env, &[s(&nodate)]).assert().code(2);
    assert!(err(&a).contains("gives the date"), "{}", err(&a));
    // --map on something that is not CSV.
    let a = import(&env, &[JRNL_FIXTURE, "--map", "a=title"])
        .assert()
        .code(2);
    assert!(err(&a).contains("--map applies to CSV"), "{}", err(&a));
    assert_eq!(env.commits(), before);
}

#[test]
fn csv_bad_values_fail_all_or_nothing_naming_row_and_column() {
    let env = TestEnv::new();
    let file = write(
        &env.root,
        "qa.csv",
        "Ticket,Created,Tone,Note\n\
         ZD-1,2026-11-10,4,fine\n\
         ZD-2,2026-11-11,loud,bad score\n\
         ZD-3,someday,3,bad date\n",
    );
    let before = env.commits();
    let a = import(
        &env,
        &[
            s(&file),
            "--kind",
            "qa",
            "--map",
            "Ticket=ticket",
            "--map",
            "Created=date",
            "--map",
            "Tone=tone",
            "--map",
            "Note=body",
        ],
    )
    .assert()
    .code(1);
    let e = err(&a);
    assert!(e.contains("nothing imported; 2 record(s)"), "{e}");
    assert!(
        e.contains("qa.csv:3: column 'Tone': tone must be integer 1-5"),
        "{e}"
    );
    assert!(
        e.contains("qa.csv:4: column 'Created': 'someday' is not a date"),
        "{e}"
    );
    assert_eq!(env.commits(), before);
    assert!(env.clean());
}

#[test]
fn csv_from_casebook_export_maps_itself() {
    let source = TestEnv::new();
    source
        .cb()
        .args([
            "new",
            "note",
            "--title",
            "Round trip",
            "--tag",
            "a",
            "--tag",
            "b",
            "--case",
            "ZD-9",
            "-m",
            "body, with a comma",
            "--date",
            "2026-11-01",
            "--no-edit",
        ])
        .assert()
        .success();
    let csv = source
        .cb()
        .args(["export", "--format", "csv"])
        .assert()
        .success();
    let env = TestEnv::new();
    let file = write(&env.root, "export.csv", &out(&csv));
    let a = import(&env, &[s(&file)]).assert().success();
    // Every column is read, the id too: the same entry as in the source.
    assert!(!err(&a).contains("columns not imported"), "{}", err(&a));
    let list = entries(&env);
    let e = by_title(&list, "Round trip");
    assert_eq!(e["id"], by_title(&entries(&source), "Round trip")["id"]);
    assert_eq!(tags(e), vec!["a", "b"]);
    assert_eq!(e["case"], "ZD-9");
    assert_eq!(body(&env, &e["id"]).trim_end(), "body, with a comma");
}

#[test]
fn the_format_is_detected_from_name_and_content() {
    let env = TestEnv::new();
    // A jrnl export on stdin, by its first bytes.
    let a = import(&env, &["-", "--dry-run"])
        .write_stdin(std::fs::read_to_string(JRNL_FIXTURE).unwrap())
        .assert()
        .success();
    assert!(
        out(&a).contains("Refund loop on the annual plan."),
        "{}",
        out(&a)
    );
    // A jrnl export with any name ending in .json.
    let copy = env.root.join("export.json");
    std::fs::copy(JRNL_FIXTURE, &copy).unwrap();
    let a = import(&env, &[s(&copy), "--dry-run"]).assert().success();
    assert!(
        err(&a).contains("4 entries would be imported"),
        "{}",
        err(&a)
    );
    // One Markdown note.
    let note = write(
        &env.root,
        "one.md",
        "---\ndate: 2026-11-01\n---\n# One note\n",
    );
    let a = import(&env, &[s(&note), "--dry-run"]).assert().success();
    assert!(out(&a).contains("One note"), "{}", out(&a));
    // CSV by extension.
    let csv = write(&env.root, "x.csv", "title,date\nFrom CSV,2026-11-01\n");
    let a = import(&env, &[s(&csv), "--dry-run"]).assert().success();
    assert!(out(&a).contains("From CSV"), "{}", out(&a));
    // JSON Lines stays the default for anything else, and is taken as is.
    let jsonl = write(
        &env.root,
        "x.txt",
        "{\"kind\":\"note\",\"title\":\"From JSONL\",\"date\":\"2026-11-01\"}\n",
    );
    import(&env, &[s(&jsonl)]).assert().success();
    import(&env, &[s(&jsonl)]).assert().success();
    assert_eq!(
        env.json(&["list", "--count"])["count"],
        2,
        "JSON Lines imports are not de-duplicated"
    );
    // A folder is Markdown only.
    let a = import(&env, &[s(&env.root), "--from", "csv"])
        .assert()
        .code(2);
    assert!(
        err(&a).contains("only --from markdown reads folders"),
        "{}",
        err(&a)
    );
    // An explicit --from wins over the name.
    let md_as_csv = write(&env.root, "table.md", "title,date\nForced,2026-11-02\n");
    let a = import(&env, &[s(&md_as_csv), "--from", "csv", "--dry-run"])
        .assert()
        .success();
    assert!(out(&a).contains("Forced"), "{}", out(&a));
}

#[test]
fn personal_data_guard_covers_every_format() {
    let env = TestEnv::new();
    let v = env.root.join("notes");
    write(
        &v,
        "a.md",
        "---\ndate: 2026-11-01\n---\n# Callback\n\nShe asked us to write to jane.doe@globex.net.\n",
    );
    write(
        &v,
        "b.md",
        "---\ndate: 2026-11-02\n---\n# Clean\n\nNothing here.\n",
    );
    let before = env.commits();
    let a = import(&env, &[s(&v)]).assert().code(1);
    assert!(err(&a).contains("email"), "{}", err(&a));
    assert_eq!(env.commits(), before, "all or nothing");
    import(&env, &[s(&v), "--redact"]).assert().success();
    let list = entries(&env);
    let callback = by_title(&list, "Callback");
    let text = body(&env, &callback["id"]);
    assert!(
        text.contains("[email]") && !text.contains("globex"),
        "{text}"
    );

    let csv = write(
        &env.root,
        "c.csv",
        "title,date,body\nCard,2026-11-03,paid with 4111 1111 1111 1111\n",
    );
    import(&env, &[s(&csv)]).assert().code(1);
    import(&env, &[s(&csv), "--allow-pii"]).assert().success();
    assert_eq!(env.commits(), before + 2);
}

/// Issue 25: support text full of order numbers, versions, builds and
/// placeholders imports with the guard on, without `--allow-pii`.
#[test]
fn support_text_with_order_numbers_and_versions_imports_without_allow_pii() {
    let env = TestEnv::new();
    let csv = write(
        &env.root,
        "tickets.csv",
        concat!(
            "title,date,body\n",
            "Cancel,2026-11-03,canceling purchase 00004587345? your order with the number 00123842\n",
            "Browser,2026-11-04,Chrome 131.0.6778.86 and firmware 1.3.2.1; see CVE-2018-10933\n",
            "Logs,2026-11-05,\"created 1689023491, MAC aa:bb:cc:dd:ee:ff, flags 00100000\"\n",
            "Macro,2026-11-06,\"your order {{Order Number}}; curl -H 'apikey: $API_KEY'; token <your-token>\"\n",
        ),
    );
    let before = env.commits();
    let a = import(&env, &[s(&csv)]).assert().success();
    assert!(!err(&a).contains("personal data"), "{}", err(&a));
    assert_eq!(env.commits(), before + 1);
}

/// Issue 25, on real text: every 40th of the public support requests in the
/// guard's corpus (BANKING77, Bitext; order numbers, `{{Order Number}}`
/// placeholders, amounts, dates) as a helpdesk CSV imports with the guard
/// on and without `--allow-pii`.
#[test]
fn real_support_requests_import_without_allow_pii() {
    let env = TestEnv::new();
    let cases = guard_score::load(&guard_score::fixture_dir()).expect("the guard corpus reads");
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["title", "date", "body"]).unwrap();
    let mut rows = 0;
    for (i, c) in cases
        .iter()
        .filter(|c| c.kind == "clean")
        .enumerate()
        .filter(|(i, _)| i % 40 == 0)
    {
        let title = format!("{} request {i}", c.source);
        w.write_record([title.as_str(), "2026-11-03", c.text.as_str()])
            .unwrap();
        rows += 1;
    }
    assert!(rows > 500, "{rows} rows");
    let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
    let file = write(&env.root, "support.csv", &text);
    let before = env.commits();
    let a = import(&env, &[s(&file)]).assert().success();
    assert!(!err(&a).contains("personal data"), "{}", err(&a));
    assert_eq!(env.commits(), before + 1);
    assert_eq!(entries(&env).len(), rows);
}

// ---- Moving in from other tools (issue 27): fixtures in each tool's own
// format under tests/fixtures/import/.

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(rel)
}

/// `cp -r`: a copy the test may edit (and a vault copied by hand).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for item in std::fs::read_dir(from).unwrap() {
        let item = item.unwrap();
        let target = to.join(item.file_name());
        if item.file_type().unwrap().is_dir() {
            copy_dir(&item.path(), &target);
        } else {
            std::fs::copy(item.path(), &target).unwrap();
        }
    }
}

fn check_passes(env: &TestEnv) {
    let a = env.cb().arg("check").assert();
    let o = a.get_output();
    assert!(
        o.status.success(),
        "check failed:\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn obsidian_titles_are_file_names_headings_stay_and_aliases_are_searchable() {
    let env = TestEnv::new();
    let v = env.root.join("vault");
    copy_dir(&fixture("obsidian-vault"), &v);
    // --allow-pii: the CVE note's `ssh admin@host` reads as an address.
    let a = import(&env, &[s(&v), "--allow-pii"]).assert().success();
    assert!(out(&a).starts_with("imported 5 entries ("), "{}", out(&a));
    let list = entries(&env);
    // The title is the file name, hyphens and all; no heading retitles a note.
    let pop = by_title(&list, "Pop-out windows");
    by_title(&list, "CVE-2018-10933");
    let aalpy = by_title(&list, "AALpy");
    let daily = by_title(&list, "2024-01-02");
    assert!(body(&env, &aalpy["id"]).contains("\n# Installation\n"));
    assert!(body(&env, &daily["id"]).starts_with("# Todo\n"));
    assert!(body(&env, &pop["id"]).contains("# Open a note in a pop-out window"));
    // Aliases are kept and found by search.
    assert_eq!(
        pop["aliases"],
        serde_json::json!(["Popout", "Separate window"])
    );
    assert_eq!(env.hits(&["Popout"]), vec!["Pop-out windows"]);
    // A first line of indented code keeps its indentation.
    let cve = by_title(&list, "CVE-2018-10933");
    assert!(
        body(&env, &cve["id"]).starts_with("    ssh -p 2222"),
        "{}",
        body(&env, &cve["id"])
    );
    // A `links` property of wiki links is named as left out, not turned
    // into links that `check` then refuses.
    assert!(err(&a).contains("links (1 note)"), "{}", err(&a));
    let vaults = by_title(&list, "Manage vaults");
    assert_eq!(vaults["links"], serde_json::json!([]));
    check_passes(&env);
}

#[test]
fn obsidian_reimport_is_keyed_on_identity_and_content_not_file_time() {
    let env = TestEnv::new();
    let v = env.root.join("vault");
    copy_dir(&fixture("obsidian-vault"), &v);
    // --allow-pii: the CVE note's `ssh admin@host` reads as an address.
    import(&env, &[s(&v), "--allow-pii"]).assert().success();
    let commits = env.commits();

    // Touching every note (rewriting the same bytes) imports nothing.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    for f in common::walk(&v) {
        if f.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read(&f).unwrap();
            std::fs::write(&f, text).unwrap();
        }
    }
    let a = import(&env, &[s(&v)]).assert().success();
    assert!(
        out(&a).contains("5 skipped as already imported"),
        "{}",
        out(&a)
    );
    assert_eq!(env.commits(), commits);

    // A `cp -r` copy of the vault is the same notes.
    let copy = env.root.join("vault copy");
    copy_dir(&v, &copy);
    let a = import(&env, &[s(&copy)]).assert().success();
    assert!(out(&a).contains("5 skipped"), "{}", out(&a));
    assert_eq!(entries(&env).len(), 5);

    // An edited note updates its entry: same id, new text, one entry.
    let before = by_title(&entries(&env), "Pop-out windows")["id"].clone();
    let note = v.join("Pop-out windows.md");
    let text = std::fs::read_to_string(&note).unwrap();
    std::fs::write(
        &note,
        format!("{text}\nAlso works from the command palette.\n"),
    )
    .unwrap();
    let a = import(&env, &[s(&v), "--json", "--allow-pii"])
        .assert()
        .success();
    let j: Value = serde_json::from_str(&out(&a)).unwrap();
    assert_eq!(
        (j["imported"].as_u64(), j["updated"].as_u64()),
        (Some(0), Some(1))
    );
    assert_eq!(j["skipped"], 4);
    let list = entries(&env);
    assert_eq!(list.len(), 5);
    let pop = by_title(&list, "Pop-out windows");
    assert_eq!(pop["id"], before);
    assert!(body(&env, &pop["id"]).contains("command palette"));
    assert!(pop["updated"].is_string());
    check_passes(&env);
}

#[test]
fn zk_ids_template_dates_colon_tags_and_file_name_dates() {
    let env = TestEnv::new();
    let nb = env.root.join("notebook");
    copy_dir(&fixture("zk-notebook"), &nb);

    // A date placeholder that was never filled in: a clear error naming
    // the note and line; nothing lands.
    let a = import(&env, &[s(&nb)]).assert().failure();
    let e = err(&a);
    assert!(e.contains("unfilled.md:4"), "{e}");
    assert!(
        e.contains("placeholder") && e.contains("--skip-invalid"),
        "{e}"
    );
    assert_eq!(entries(&env).len(), 0);

    // --skip-invalid imports the rest and names what it left out.
    let a = import(&env, &[s(&nb), "--skip-invalid"]).assert().success();
    assert!(out(&a).starts_with("imported 3 entries ("), "{}", out(&a));
    assert!(
        err(&a).contains("left out: ") && err(&a).contains("unfilled.md"),
        "{}",
        err(&a)
    );
    let list = entries(&env);
    let rust = by_title(&list, "Ownership in Rust");
    // zk's id is kept as the source, never as the casebook id.
    assert_eq!(rust["imported_from"], "zk:2w0e");
    let id = rust["id"].as_str().unwrap();
    assert_eq!(id.len(), 12);
    assert!(id.bytes().all(|b| (b'k'..=b'z').contains(&b)), "{id}");
    // `{{format-date now "full"}}` as zk renders it.
    assert_eq!(rust["created"], "2021-10-03T00:00:00+00:00");
    assert_eq!(tags(rust), vec!["programming", "rust"]);
    // zk's title is the first heading.
    let refund = by_title(&list, "Refund loop on the annual plan");
    assert_eq!(refund["created"], "2021-10-04T00:00:00+00:00");
    assert_eq!(refund["imported_from"], "zk:3hcv0amc");
    // A timestamp file name dates the note; colon tags anywhere.
    let fleeting = by_title(&list, "Fleeting thought on escalations");
    assert_eq!(fleeting["created"], "2021-10-03T16:52:00+00:00");
    assert_eq!(tags(fleeting), vec!["handover"]);
    check_passes(&env);

    // Edited (and renamed) in zk, re-imported: the same entry, updated.
    std::fs::remove_file(nb.join("2w0e.md")).unwrap();
    write(
        &nb,
        "rust/ownership.md",
        "---\nid: 2w0e\ntitle: Ownership in Rust\ndate: Sunday, October 03, 2021\n---\n# Ownership in Rust\n\n:programming:rust:\n\nBorrowing lends a value without moving it.\n",
    );
    import(&env, &[s(&nb), "--skip-invalid"]).assert().success();
    let list = entries(&env);
    assert_eq!(list.len(), 3);
    let rust2 = by_title(&list, "Ownership in Rust");
    assert_eq!(rust2["id"], rust["id"]);
    assert!(body(&env, &rust2["id"]).contains("Borrowing"));
    check_passes(&env);
    assert_eq!(
        env.json(&["show", id])["entries"][0]["imported_from"],
        "zk:2w0e"
    );
}

#[test]
fn every_error_is_available_not_only_ten() {
    let env = TestEnv::new();
    let dir = env.root.join("notes");
    for i in 0..12 {
        write(
            &dir,
            &format!("n{i:02}.md"),
            "---\ndate: someday\n---\ntext\n",
        );
    }
    write(&dir, "good.md", "---\ndate: 2025-01-02\n---\nfine\n");
    let a = import(&env, &[s(&dir)]).assert().failure();
    let e = err(&a);
    assert!(
        e.contains("12 record(s) are not valid") && e.contains("... and 2 more"),
        "{e}"
    );
    assert!(e.contains("--errors FILE"), "{e}");
    let file = env.root.join("errors.txt");
    let a = import(&env, &[s(&dir), "--errors", s(&file)])
        .assert()
        .failure();
    drop(a);
    let listed = std::fs::read_to_string(&file).unwrap();
    assert_eq!(listed.lines().count(), 12, "{listed}");
    assert!(listed.contains("n11.md:2"), "{listed}");
    let a = import(&env, &[s(&dir), "--json"]).assert().failure();
    let j: Value = serde_json::from_str(out(&a).lines().next().unwrap()).unwrap();
    assert_eq!(j["invalid"].as_array().unwrap().len(), 12);
    let a = import(&env, &[s(&dir), "--skip-invalid", "--json"])
        .assert()
        .success();
    let j: Value = serde_json::from_str(&out(&a)).unwrap();
    assert_eq!(j["imported"], 1);
    assert_eq!(j["invalid"].as_array().unwrap().len(), 12);
}

#[test]
fn jrnl_empty_titles_and_times_in_a_daylight_saving_gap() {
    let env = TestEnv::new();
    let a = env
        .cb()
        .env("TZ", "Europe/Lisbon")
        .args(["import", s(&fixture("jrnl/jrnl-4.6-export.json"))])
        .assert()
        .success();
    assert!(out(&a).starts_with("imported 3 entries ("), "{}", out(&a));
    // 01:30 never happened in Lisbon that night: moved forward, with a warning.
    assert!(
        err(&a).contains("2025-03-30 01:30 does not exist in local time"),
        "{}",
        err(&a)
    );
    let list = entries(&env);
    let night = by_title(&list, "Night shift: SSO outage handover.");
    assert_eq!(night["created"], "2025-03-30T02:30:00+01:00");
    // An empty title: the body's first line; nothing at all: "(untitled)".
    let day = by_title(&list, "Started the day with the refund queue. @billing");
    assert_eq!(day["created"], "2025-03-29T08:10:00+00:00");
    by_title(&list, "(untitled)");
    check_passes(&env);
}

#[test]
fn plain_text_folder_and_dayone_journals_are_refused_with_a_hint() {
    let env = TestEnv::new();
    for (path, says) in [
        ("jrnl/journal.txt", "plain-text jrnl journal"),
        ("jrnl/folder-journal", "a jrnl folder journal"),
        ("jrnl/dayone", "Day One journal"),
    ] {
        let a = import(&env, &[s(&fixture(path))]).assert().failure();
        let e = err(&a);
        assert!(e.contains(says), "{path}: {e}");
        assert!(e.contains("jrnl --export json"), "{path}: {e}");
    }
    let a = import(&env, &[s(&fixture("jrnl/journal.txt")), "--from", "jrnl"])
        .assert()
        .failure();
    assert!(err(&a).contains("jrnl --export json"), "{}", err(&a));
    assert_eq!(entries(&env).len(), 0);
}

#[test]
fn helpdesk_csv_bom_crlf_semicolons_blank_rows_dates_and_repeated_columns() {
    let env = TestEnv::new();
    let file = fixture("helpdesk/jira-semicolon-bom-crlf.csv");
    // 07/08/2025 reads either way and one row has no date: both named,
    // with the flags that settle them; blank trailing rows are no errors.
    let a = import(&env, &[s(&file), "--map", "Issue key=case"])
        .assert()
        .failure();
    let e = err(&a);
    assert!(e.contains("2 record(s) are not valid"), "{e}");
    assert!(
        e.contains("jira-semicolon-bom-crlf.csv:4: column 'Created'")
            && e.contains("--date-format"),
        "{e}"
    );
    assert!(
        e.contains(":6:") && e.contains("has no date") && e.contains("--date YYYY-MM-DD"),
        "{e}"
    );

    let a = import(
        &env,
        &[
            s(&file),
            "--map",
            "Issue key=case",
            "--date-format",
            "dmy",
            "--date",
            "2025-07-20",
        ],
    )
    .assert()
    .success();
    assert!(out(&a).starts_with("imported 4 entries ("), "{}", out(&a));
    assert!(
        err(&a).contains("columns not imported: Status"),
        "{}",
        err(&a)
    );
    assert!(
        err(&a).contains("more cells than the header") && err(&a).contains("line 5"),
        "{}",
        err(&a)
    );
    let list = entries(&env);
    let refund = by_title(&list, "Refund charged twice");
    assert_eq!(refund["created"], "2025-07-14T15:42:00+00:00");
    // All three Labels columns; Description is the body, lines and all.
    assert_eq!(tags(refund), vec!["billing", "refund", "vip"]);
    let b = body(&env, &refund["id"]);
    assert!(
        b.contains("charged twice.") && b.contains("Named the refund date first"),
        "{b}"
    );
    assert_eq!(
        by_title(&list, "SSO metadata expired")["created"],
        "2025-08-07T00:00:00+00:00"
    );
    assert_eq!(
        by_title(&list, "Export stuck at 99%")["created"],
        "2025-07-14T15:42:00+00:00"
    );
    assert_eq!(
        by_title(&list, "Downgrade question")["created"],
        "2025-07-20T00:00:00+00:00"
    );
    check_passes(&env);
}

#[test]
fn csv_rows_without_dates_take_the_date_flag_and_details_is_the_body() {
    let env = TestEnv::new();
    let file = fixture("helpdesk/no-dates.csv");
    let a = import(&env, &[s(&file)]).assert().code(2);
    assert!(err(&a).contains("--date YYYY-MM-DD"), "{}", err(&a));
    let a = import(&env, &[s(&file), "--date", "2025-07-01"])
        .assert()
        .success();
    assert!(out(&a).starts_with("imported 2 entries ("), "{}", out(&a));
    let list = entries(&env);
    let reset = by_title(&list, "Password reset loop");
    assert_eq!(reset["created"], "2025-07-01T00:00:00+00:00");
    assert!(body(&env, &reset["id"]).contains("Reset link expired twice"));
}

#[test]
fn jsonl_reimport_into_the_same_journal_commits_nothing() {
    let env = TestEnv::new();
    import(&env, &[JRNL_FIXTURE]).assert().success();
    let export = env
        .cb()
        .args(["export", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(export.status.success());
    let file = write(
        &env.root,
        "all.jsonl",
        &String::from_utf8(export.stdout).unwrap(),
    );
    let commits = env.commits();
    let a = import(&env, &[s(&file)]).assert().success();
    assert!(out(&a).contains("nothing to commit"), "{}", out(&a));
    assert_eq!(env.commits(), commits, "no empty commit");
}

#[test]
fn limits_check_enforces_are_enforced_at_import() {
    let env = TestEnv::new();
    let dir = env.root.join("big");
    write(
        &dir,
        "huge.md",
        &format!(
            "---\ndate: 2025-01-02\n---\n{}\n",
            "word ".repeat(1_200_000)
        ),
    );
    write(&dir, "fine.md", "---\ndate: 2025-01-02\n---\nfine\n");
    let a = import(&env, &[s(&dir)]).assert().failure();
    assert!(
        err(&a).contains("huge.md:1") && err(&a).contains("at most 5 MB"),
        "{}",
        err(&a)
    );
    let file = write(
        &env.root,
        "links.jsonl",
        "{\"title\": \"t\", \"date\": \"2025-01-02\", \"links\": [\"[[Manage vaults]]\"]}\n",
    );
    let a = import(&env, &[s(&file)]).assert().failure();
    assert!(
        err(&a).contains("links.jsonl:1") && err(&a).contains("not an entry id"),
        "{}",
        err(&a)
    );
}

// ---- Exports that round-trip (issue 27): export, import into a fresh
// journal, and the entries are the same, field for field and file for file.

/// A journal holding every kind of field: a kind's own (text, lists with
/// commas, scores, booleans, dates), tier, links, aliases, private,
/// updated, and an imported note's identity.
fn rich_journal() -> TestEnv {
    let env = TestEnv::new();
    let records = [
        serde_json::json!({"id": "kmnpqrstvwxy", "kind": "note", "title": "Refund timing, explained",
            "date": "2025-07-14T09:30:00+02:00", "updated": "2025-07-20T10:00:00+00:00",
            "tags": ["billing", "refund"], "products": ["Payments"], "case": "ZD-1001",
            "tier": "t2", "aliases": ["Refund delay", "When refunds land, roughly"],
            "links": ["kmnpqrstvwxz"], "body": "First line.\n\n    indented code\n\n#notatag in text"}),
        serde_json::json!({"id": "kmnpqrstvwxz", "kind": "escalation", "title": "SSO loop",
            "date": "2025-07-15", "category": "escalated-late", "trigger": "complexity",
            "reason": "metadata expired; customer, locked out", "pattern": "sso-metadata",
            "body": "Handed to identity."}),
        serde_json::json!({"kind": "postmortem", "title": "Angry renewal call", "date": "2025-07-16T16:05:00+00:00",
            "phrases": ["I hear you, and", "here is what I can do"], "sentiment_start": 1, "sentiment_end": 4,
            "shifted": "naming the refund date first", "body": "\"Quoted\" body, with commas"}),
        serde_json::json!({"kind": "qa", "title": "Ticket 88 sampled", "date": "2025-07-17",
            "ticket": "88", "accuracy": 4, "critical_fail": false, "flagged": true, "flag_status": "open"}),
        serde_json::json!({"kind": "kb", "title": "Export stuck at 99%", "date": "2025-07-18",
            "status": "published", "published": "2025-07-19", "search_terms": ["export", "stuck"],
            "review_interval_days": 90}),
        serde_json::json!({"kind": "note", "title": "Mine alone", "date": "2025-07-19", "private": true,
            "body": "private text"}),
        serde_json::json!({"kind": "note", "title": "From zk", "date": "2025-07-20",
            "imported_from": "zk:2w0e", "import_hash": "00000000deadbeef", "body": "zk note"}),
    ];
    env.import(&records);
    env
}

/// Every entry of a journal, as `export --format jsonl` writes it (every
/// field and the path), private ones too.
fn all_entries(env: &TestEnv) -> Vec<Value> {
    let o = env
        .cb()
        .args(["export", "--format", "jsonl", "--include-private"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The entry files of a journal, by path.
fn entry_files(env: &TestEnv) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = common::walk(&env.journal)
        .into_iter()
        .filter(|p| {
            let rel = p.strip_prefix(&env.journal).unwrap();
            (rel.starts_with("people") || rel.starts_with("private"))
                && p.extension().is_some_and(|e| e == "md")
        })
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p.strip_prefix(&env.journal).unwrap().to_path_buf(), bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_export_format_imports_back_to_the_same_entries() {
    let source = rich_journal();
    let want = all_entries(&source);
    assert_eq!(want.len(), 7);
    let want_files = entry_files(&source);
    for (format, dest) in [
        ("jsonl", "all.jsonl"),
        ("json", "all.json"),
        ("csv", "all.csv"),
        ("md", "folder"),
    ] {
        let path = source.root.join(dest);
        source
            .cb()
            .args(["export", "--format", format, "--include-private", s(&path)])
            .assert()
            .success();
        let env = TestEnv::new();
        // `--from json` names casebook's JSON export too.
        let from: &[&str] = if format == "json" {
            &["--from", "json"]
        } else {
            &[]
        };
        let a = import(&env, &[&[s(&path)], from].concat())
            .assert()
            .success();
        assert!(
            out(&a).starts_with("imported 7 entries ("),
            "{format}: {}",
            out(&a)
        );
        let got = all_entries(&env);
        for (w, g) in want.iter().zip(&got) {
            assert_eq!(w, g, "{format}: entry differs");
        }
        assert_eq!(want.len(), got.len(), "{format}");
        assert_eq!(entry_files(&env), want_files, "{format}: files differ");
        check_passes(&env);
        // Imported again into the same journal: nothing changes, no commit.
        let commits = env.commits();
        let a = import(&env, &[s(&path)]).assert().success();
        assert!(
            out(&a).contains("nothing to commit"),
            "{format}: {}",
            out(&a)
        );
        assert_eq!(env.commits(), commits, "{format}: an empty commit");
    }
}

#[test]
fn a_markdown_export_is_a_folder_in_the_journals_layout() {
    let source = rich_journal();
    let dir = source.root.join("md-export");
    let a = source
        .cb()
        .args(["export", "--format", "md", "-o", s(&dir)])
        .assert()
        .success();
    assert!(err(&a).contains("wrote 6 entry files"), "{}", err(&a));
    let files: Vec<_> = common::walk(&dir);
    assert_eq!(files.len(), 6, "one file per entry, private left out");
    for f in &files {
        let rel = f.strip_prefix(&dir).unwrap();
        let inside = source.journal.join(rel);
        assert_eq!(std::fs::read(f).unwrap(), std::fs::read(&inside).unwrap());
    }
    // The files one after another (stdout) are refused, not read as one
    // note that would overwrite the first entry.
    let o = source
        .cb()
        .args(["export", "--format", "md"])
        .output()
        .unwrap();
    let all = write(
        &source.root,
        "all.md",
        &String::from_utf8(o.stdout).unwrap(),
    );
    let before = all_entries(&source);
    let a = import(&source, &[s(&all)]).assert().failure();
    assert!(
        err(&a).contains("a second casebook entry starts here"),
        "{}",
        err(&a)
    );
    assert_eq!(all_entries(&source), before);
    // A file there with other text stops the export before it writes.
    std::fs::write(&files[0], "mine").unwrap();
    let a = source
        .cb()
        .args(["export", "--format", "md", s(&dir)])
        .assert()
        .failure();
    assert!(err(&a).contains("exists with other text"), "{}", err(&a));
    assert_eq!(std::fs::read_to_string(&files[0]).unwrap(), "mine");
}

#[test]
fn a_csv_export_has_a_column_for_every_field() {
    let source = rich_journal();
    let o = source
        .cb()
        .args(["export", "--format", "csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(o.stdout).unwrap();
    let header = text.lines().next().unwrap();
    for column in [
        "tier",
        "links",
        "private",
        "updated",
        "aliases",
        "imported_from",
        "reason",
        "pattern",
        "phrases",
        "critical_fail",
        "search_terms",
    ] {
        assert!(
            header.split(',').any(|c| c == column),
            "no column {column}: {header}"
        );
    }
}

// ---- Day One's JSON export (issue 27): read, not refused.

/// A zip of a Day One export folder, as Day One writes it.
fn zip_of(dir: &Path, to: &Path) {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for f in common::walk(dir) {
        let name = f.strip_prefix(dir).unwrap().to_string_lossy().to_string();
        zip.start_file(name, options).unwrap();
        zip.write_all(&std::fs::read(&f).unwrap()).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn day_one_exports_import_with_their_zones_tags_and_identity() {
    let env = TestEnv::new();
    let export = env.root.join("Export");
    copy_dir(&fixture("dayone-export"), &export);
    let a = import(&env, &[s(&export)]).assert().success();
    assert!(out(&a).starts_with("imported 3 entries ("), "{}", out(&a));
    let e = err(&a);
    assert!(e.contains("left out: location (1 entry)"), "{e}");
    assert!(e.contains("photos (1 entry)"), "{e}");
    assert!(
        e.contains("time zone 'Atlantis/Lost_City' is not known"),
        "{e}"
    );
    let list = entries(&env);
    // The title is the first line; the text stays whole in the body.
    let call = by_title(&list, "Refund call that turned around");
    // creationDate is UTC; the entry's own zone gives its local time.
    assert_eq!(call["created"], "2025-07-14T21:30:00-05:00");
    assert_eq!(call["updated"], "2025-07-14T22:04:10-05:00");
    assert_eq!(call["kind"], "postmortem");
    assert_eq!(tags(call), vec!["billing", "starred"]);
    assert_eq!(
        call["imported_from"],
        "dayone:AA7A6A77946547449ED0BBC99349537C"
    );
    let b = body(&env, &call["id"]);
    assert!(b.starts_with("# Refund call that turned around\n"), "{b}");
    assert!(b.contains("dayone-moment://991F"), "{b}");
    let sso = by_title(&list, "SSO outage handover");
    assert_eq!(sso["created"], "2025-03-30T02:40:00+01:00");
    assert_eq!(tags(sso), vec!["pinned"]);
    let empty = by_title(&list, "(untitled)");
    assert_eq!(empty["created"], "2025-07-16T09:00:00+00:00");
    check_passes(&env);

    // The zip Day One writes is the same journal: nothing new.
    let zip = env.root.join("Export.zip");
    zip_of(&export, &zip);
    let commits = env.commits();
    let a = import(&env, &[s(&zip)]).assert().success();
    assert!(
        out(&a).contains("3 skipped as already imported"),
        "{}",
        out(&a)
    );
    assert_eq!(env.commits(), commits);

    // Edited in Day One, exported again: the entry is updated, not doubled.
    let json = export.join("Journal.json");
    let text = std::fs::read_to_string(&json).unwrap();
    std::fs::write(
        &json,
        text.replace(
            "identity team paged.",
            "identity team paged; fixed by 03:10.",
        ),
    )
    .unwrap();
    let a = import(&env, &[s(&json), "--json"]).assert().success();
    let j: Value = serde_json::from_str(&out(&a)).unwrap();
    assert_eq!(
        (j["imported"].as_u64(), j["updated"].as_u64()),
        (Some(0), Some(1))
    );
    let list = entries(&env);
    assert_eq!(list.len(), 3);
    let sso2 = by_title(&list, "SSO outage handover");
    assert_eq!(sso2["id"], sso["id"]);
    assert!(body(&env, &sso2["id"]).contains("fixed by 03:10"));
    check_passes(&env);
}

#[test]
fn a_zip_without_a_day_one_journal_is_named() {
    let env = TestEnv::new();
    let dir = env.root.join("notes");
    write(&dir, "readme.txt", "hello");
    let zip = env.root.join("notes.zip");
    zip_of(&dir, &zip);
    let a = import(&env, &[s(&zip)]).assert().failure();
    assert!(
        err(&a).contains("notes.zip holds no Day One journal"),
        "{}",
        err(&a)
    );
}
