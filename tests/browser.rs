//! The HTML pack in a real browser: headless Chromium renders it with its
//! charts, and its network log shows no request made by the page.
//!
//! Chromium is not needed to build casebook, so on a machine without it this
//! test says so and passes; `.ci/run` installs it and sets
//! `CASEBOOK_REQUIRE_BROWSER=1`, which turns a missing browser into a failure.

mod common;

use common::TestEnv;
use serde_json::json;
use std::path::Path;

fn chromium() -> Option<String> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find(|b| {
            std::process::Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .map(|b| b.to_string())
}

/// Loads `page` headless; returns the rendered DOM and every URL the page
/// itself asked for (the browser's own background traffic is told apart by
/// its initiator).
fn load(browser: &str, page: &Path, scratch: &Path) -> (String, Vec<String>) {
    let log = scratch.join("net.json");
    let out = std::process::Command::new("timeout")
        .arg("120")
        .arg(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!(
            "--user-data-dir={}",
            scratch.join("profile").display()
        ))
        .arg(format!("--log-net-log={}", log.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let net: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&log).unwrap()).unwrap();
    let start_job = net["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].clone();
    let requests = net["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == start_job)
        .filter(|e| e["params"]["initiator"] != "not an origin")
        .filter_map(|e| e["params"]["url"].as_str().map(str::to_string))
        .filter(|u| !u.starts_with("file:") && !u.starts_with("data:"))
        .collect();
    (String::from_utf8_lossy(&out.stdout).to_string(), requests)
}

#[test]
fn the_html_pack_renders_its_charts_offline() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CASEBOOK_REQUIRE_BROWSER").is_none(),
            "CASEBOOK_REQUIRE_BROWSER is set but no chromium was found"
        );
        eprintln!("skipped: no chromium on this machine (.ci/run installs it)");
        return;
    };
    let env = TestEnv::new();
    // A month of every habit that has a chart.
    let mut records = Vec::new();
    for d in 1..=24 {
        let day = format!("2026-10-{d:02}");
        records.push(json!({"kind": "diagnosis", "date": day, "title": format!("case {d}"), "body": "x", "prediction": "cert", "actual": "cert", "verdict": if d % 3 == 0 { "miss" } else { "hit" }, "confidence": 70}));
        records.push(json!({"kind": "qa", "date": day, "title": format!("qa {d}"), "body": "x", "ticket": format!("T-{d}"), "tone": 4}));
        records.push(json!({"kind": "escalation", "date": day, "title": format!("esc {d}"), "body": "x", "category": if d % 2 == 0 { "should-have-handled" } else { "correctly-escalated" }}));
        records.push(json!({"kind": "explore", "date": day, "title": format!("explore {d}"), "body": "x", "area": "billing", "minutes": 20}));
    }
    env.import(&records);
    env.cb()
        .env("CASEBOOK_NOW", "2026-10-02T10:00:00+00:00")
        .args(["rate", "complex-case-diagnosis", "rookie"])
        .assert()
        .success();
    env.cb()
        .args(["rate", "complex-case-diagnosis", "pro", "-m", "hit rate"])
        .assert()
        .success();
    let page = env.root.join("pack.html");
    env.cb()
        .args([
            "review",
            "--period",
            "2026-Q4",
            "--format",
            "html",
            "-o",
            page.to_str().unwrap(),
        ])
        .assert()
        .success();
    let scratch = env.root.join("browser");
    std::fs::create_dir_all(&scratch).unwrap();
    let (dom, requests) = load(&browser, &page, &scratch);
    assert!(
        dom.contains("Outcomes and system impact"),
        "rendered: {}",
        &dom[..dom.len().min(500)]
    );
    for chart in [
        "Prediction hit rate per month",
        "QA samples per week",
        "Exploration minutes per week",
        "share per month",
        "Rating history",
    ] {
        assert!(
            dom.contains(chart),
            "no chart {chart:?} in the rendered pack"
        );
    }
    assert!(dom.matches("<svg").count() >= 5);
    assert!(
        requests.is_empty(),
        "the pack made network requests: {requests:?}"
    );

    // The check itself can fail: a page with one remote image is caught.
    let control = env.root.join("control.html");
    std::fs::write(
        &control,
        "<html><body><img src=\"http://127.0.0.1:9/x.png\"></body></html>",
    )
    .unwrap();
    let (_, requests) = load(&browser, &control, &env.root.join("browser2"));
    assert_eq!(
        requests,
        ["http://127.0.0.1:9/x.png"],
        "the detector missed a request"
    );
}
