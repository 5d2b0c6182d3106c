//! The documentation holds together: every relative link in README.md and
//! docs/ points at a file that exists, and the README stays a five-minute
//! read with the reference in docs/.

use std::path::Path;

fn markdown_files() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    for e in std::fs::read_dir(root.join("docs")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            files.push(p);
        }
    }
    files
}

/// `[text](target)` links outside code, as (line, target).
fn links(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut fence = false;
    for (n, line) in text.lines().enumerate() {
        if line.starts_with("```") {
            fence = !fence;
        }
        if fence {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            let tail = &rest[at + 2..];
            let Some(end) = tail.find(')') else { break };
            out.push((n + 1, tail[..end].to_string()));
            rest = &tail[end..];
        }
    }
    out
}

#[test]
fn every_relative_link_points_at_a_file_that_exists() {
    let mut broken = Vec::new();
    for file in markdown_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        for (line, target) in links(&text) {
            if target.contains("://") || target.starts_with('#') || target.starts_with("mailto:") {
                continue;
            }
            let path = target.split('#').next().unwrap();
            if !file.parent().unwrap().join(path).exists() {
                broken.push(format!("{}:{line}: {target}", file.display()));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_readme_is_a_short_read_that_points_at_every_reference() {
    let readme = include_str!("../README.md");
    let words = readme.split_whitespace().count();
    assert!(
        words <= 1600,
        "README.md has {words} words; the reference belongs in docs/"
    );
    for doc in ["guide", "commands", "formats", "privacy", "performance"] {
        assert!(
            readme.contains(&format!("(docs/{doc}.md)")),
            "README.md does not point at docs/{doc}.md"
        );
    }
    // The quick start: one command for the demo, one for the tests.
    assert!(readme.contains("cargo run --release -- demo "));
    assert!(readme.contains("\ncargo test "));
    assert!(readme.contains("cargo install --locked --path ."));
}
