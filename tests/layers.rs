//! The layers hold (issue 23): only `journal/` imports git2, only `index/`
//! imports tantivy, nothing outside `cli/` prints, and no function in
//! `cli/` is longer than 80 lines (a command is its arguments, a call into
//! the library and a view).

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Lines of code outside comments, with their numbers.
fn code_lines(path: &Path) -> Vec<(usize, String)> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.trim_start();
            !t.starts_with("//")
        })
        .map(|(n, l)| (n + 1, l.to_string()))
        .collect()
}

fn offenders(allowed: &str, needles: &[&str]) -> Vec<String> {
    let root = src();
    let mut out = Vec::new();
    for file in rust_files(&root) {
        let rel = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .to_string();
        if rel.starts_with(allowed) {
            continue;
        }
        for (n, line) in code_lines(&file) {
            if needles.iter().any(|needle| line.contains(needle)) {
                out.push(format!("src/{rel}:{n}: {}", line.trim()));
            }
        }
    }
    out
}

#[test]
fn only_journal_imports_git2() {
    let found = offenders("journal/", &["git2::", "use git2"]);
    assert!(
        found.is_empty(),
        "git2 outside journal/:\n{}",
        found.join("\n")
    );
}

#[test]
fn only_index_imports_tantivy() {
    let found = offenders("index/", &["tantivy::", "use tantivy"]);
    assert!(
        found.is_empty(),
        "tantivy outside index/:\n{}",
        found.join("\n")
    );
}

#[test]
fn nothing_outside_cli_prints() {
    let found: Vec<String> = offenders("cli/", &["println!", "eprintln!", "print!(", "eprint!("])
        .into_iter()
        .filter(|l| !l.starts_with("src/main.rs"))
        .collect();
    assert!(
        found.is_empty(),
        "printing outside cli/:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_function_in_cli_is_over_80_lines() {
    let mut long = Vec::new();
    for file in rust_files(&src().join("cli")) {
        let lines: Vec<String> = std::fs::read_to_string(&file)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        let mut i = 0;
        while i < lines.len() {
            let t = lines[i].trim_start();
            let is_fn = t.starts_with("fn ")
                || t.starts_with("pub fn ")
                || t.starts_with("pub(super) fn ")
                || t.starts_with("pub(crate) fn ");
            if !is_fn {
                i += 1;
                continue;
            }
            let (mut depth, mut opened, mut j) = (0i32, false, i);
            while j < lines.len() {
                let code = lines[j].split("//").next().unwrap_or("");
                let code = strip_strings(code);
                if !opened && code.contains(';') && !code.contains('{') {
                    break;
                }
                depth += code.matches('{').count() as i32 - code.matches('}').count() as i32;
                opened |= code.contains('{');
                if opened && depth <= 0 {
                    let n = j - i + 1;
                    if n > 80 {
                        long.push(format!("{}:{}: {n} lines", file.display(), i + 1));
                    }
                    break;
                }
                j += 1;
            }
            i += 1;
        }
    }
    assert!(
        long.is_empty(),
        "functions over 80 lines:\n{}",
        long.join("\n")
    );
}

/// The line without its string and char literals (braces in them do not count).
fn strip_strings(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    let mut in_str = false;
    while let Some(c) = chars.next() {
        match (in_str, c) {
            (true, '\\') => {
                chars.next();
            }
            (true, '"') => in_str = false,
            (true, _) => {}
            (false, '"') => in_str = true,
            (false, '\'') => {
                // a char literal such as '{' or '\n'; a lifetime has no closing quote
                let rest: String = chars.clone().take(3).collect();
                if let Some(escaped) = rest.strip_prefix('\\') {
                    if let Some(end) = escaped.find('\'') {
                        for _ in 0..end + 2 {
                            chars.next();
                        }
                    }
                } else if rest.chars().nth(1) == Some('\'') {
                    chars.next();
                    chars.next();
                }
            }
            (false, c) => out.push(c),
        }
    }
    out
}
