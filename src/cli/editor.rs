//! Opening the user's editor, resolved in git's order (`GIT_EDITOR`,
//! `core.editor`, `VISUAL`, `EDITOR`): `$CASEBOOK_EDITOR`, the editor of
//! `casebook config`, `$VISUAL`, `$EDITOR`, then `vi` — run through the
//! shell so `EDITOR="code --wait"` works.

use super::error::{CliError, CliResult};
use std::path::Path;
use std::process::Command;

/// The editor command, if one is configured (`vi` is not assumed when the
/// user never chose an editor and stdin is not a terminal).
pub fn configured(config_editor: Option<&str>) -> Option<String> {
    let env = |v: &str| std::env::var(v).ok().filter(|s| !s.trim().is_empty());
    env("CASEBOOK_EDITOR")
        .or_else(|| {
            config_editor
                .map(str::to_string)
                .filter(|s| !s.trim().is_empty())
        })
        .or_else(|| env("VISUAL"))
        .or_else(|| env("EDITOR"))
}

pub fn edit_file(editor: &str, path: &Path) -> CliResult {
    super::interrupt::editor_running(true);
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg(editor)
        .arg(path)
        .status();
    super::interrupt::editor_running(false);
    let status = status
        .map_err(|e| CliError::failure(format!("cannot start the editor '{editor}': {e}")))?;
    if !status.success() {
        return Err(CliError::failure(format!(
            "the editor '{editor}' exited with {status}; your text is kept in {}",
            path.display()
        ))
        .with_hint(format!(
            "resume with: casebook new KIND --body-file {}",
            path.display()
        )));
    }
    Ok(())
}

/// Removes `<!-- guidance -->` comments that templates use to teach the
/// habit, and the blank lines they leave behind.
pub fn strip_guidance(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    let mut cleaned = String::new();
    let mut blank = 0;
    for line in out.lines() {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        cleaned.push_str(line.trim_end());
        cleaned.push('\n');
    }
    cleaned.trim().to_string()
}

/// True when the body holds nothing but headings (an untouched template).
pub fn is_blank_template(body: &str) -> bool {
    body.lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guidance_comments_are_stripped() {
        let body = "## Prediction\n<!-- one sentence -->\nOld ACS URL.\n\n<!-- multi\nline -->\n\n## After\n";
        assert_eq!(
            strip_guidance(body),
            "## Prediction\n\nOld ACS URL.\n\n## After"
        );
        assert!(is_blank_template("## A\n\n## B\n"));
        assert!(!is_blank_template("## A\ntext\n"));
    }
}
