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
    load_at(browser, page, scratch, (1280, 900))
}

/// `load` with the window `size` wide and high.
fn load_at(browser: &str, page: &Path, scratch: &Path, size: (u32, u32)) -> (String, Vec<String>) {
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
        .arg(format!("--window-size={},{}", size.0, size.1))
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
            "--detail",
            "full",
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

/// Appended to a copy of the pack: measures every chart's text as laid out
/// and writes what overlaps or sticks out of its chart (or the page) into
/// the DOM, which `--dump-dom` prints.
const MEASURE: &str = r#"<script>
(() => {
  const problems = [];
  const page = document.documentElement.clientWidth;
  document.querySelectorAll('svg').forEach((svg, n) => {
    const box = svg.getBoundingClientRect();
    const name = svg.getAttribute('aria-label');
    if (box.right > page + 0.5) problems.push(`${name}: wider than the page`);
    const texts = [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBoundingClientRect()]);
    for (const [s, r] of texts) {
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
        problems.push(`${name}: "${s}" clipped`);
    }
    for (let i = 0; i < texts.length; i++)
      for (let j = i + 1; j < texts.length; j++) {
        const [a, b] = [texts[i][1], texts[j][1]];
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
          problems.push(`${name}: "${texts[i][0]}" overlaps "${texts[j][0]}"`);
      }
  });
  const pre = document.createElement('pre');
  pre.textContent = 'LAYOUT[' + problems.join('; ') + ']LAYOUT';
  document.body.appendChild(pre);
})();
</script>"#;

#[test]
fn chart_labels_never_overlap_or_clip_at_a_narrow_or_a_wide_width() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CASEBOOK_REQUIRE_BROWSER").is_none(),
            "CASEBOOK_REQUIRE_BROWSER is set but no chromium was found"
        );
        eprintln!("skipped: no chromium on this machine (.ci/run installs it)");
        return;
    };
    let env = TestEnv::new();
    let mut records = Vec::new();
    for d in 1..=28 {
        let day = format!("2026-{:02}-{:02}", 1 + d % 11, d);
        records.push(json!({"kind": "diagnosis", "date": day, "title": format!("case {d}"), "body": "x", "prediction": "cert", "actual": "cert", "verdict": if d % 3 == 0 { "miss" } else { "hit" }, "confidence": 70}));
        records.push(json!({"kind": "qa", "date": day, "title": format!("qa {d}"), "body": "x", "ticket": format!("T-{d}"), "tone": 4}));
        records.push(json!({"kind": "escalation", "date": day, "title": format!("esc {d}"), "body": "x", "category": if d % 2 == 0 { "should-have-handled" } else { "correctly-escalated" }}));
        records.push(json!({"kind": "explore", "date": day, "title": format!("explore {d}"), "body": "x", "area": "billing", "minutes": 20 + d}));
    }
    env.import(&records);
    // Ratings close together: their dates and raters are long labels.
    for (day, level, by) in [
        ("2026-03-02", "rookie", "self"),
        ("2026-04-02", "pro", "lead"),
        ("2026-05-02", "pro", "self"),
        ("2026-09-02", "master", "self"),
    ] {
        env.cb()
            .env("CASEBOOK_NOW", format!("{day}T10:00:00+00:00"))
            .args([
                "rate",
                "complex-case-diagnosis",
                level,
                "--by",
                by,
                "--person",
                "ana-lima",
                "-m",
                "x",
            ])
            .assert()
            .success();
    }
    let page = env.root.join("pack.html");
    env.cb()
        .args([
            "review",
            "--period",
            "2026",
            "--format",
            "html",
            "--detail",
            "full",
            "-o",
            page.to_str().unwrap(),
        ])
        .assert()
        .success();
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("Rating history"),
        "the chart under test is drawn"
    );
    let measured = env.root.join("measured.html");
    std::fs::write(
        &measured,
        html.replace("</body>", &format!("{MEASURE}</body>")),
    )
    .unwrap();
    for (width, height) in [(360, 800), (1400, 900)] {
        let scratch = env.root.join(format!("browser-{width}"));
        std::fs::create_dir_all(&scratch).unwrap();
        let (dom, _) = load_at(&browser, &measured, &scratch, (width, height));
        // The last marker: the first ones are the script's own text.
        let report = dom
            .rsplit("LAYOUT[")
            .next()
            .filter(|_| dom.contains("]LAYOUT</pre>"))
            .and_then(|r| r.split("]LAYOUT").next())
            .unwrap_or_else(|| panic!("no layout report at {width}px"));
        assert_eq!(report, "", "at {width}px wide");
    }
}
