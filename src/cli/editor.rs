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
        // As git does: an editor that fails aborts the write.
        return Err(CliError::failure(format!(
            "the editor '{editor}' exited with {}; nothing was saved",
            status
                .code()
                .map_or_else(|| "a signal".to_string(), |c| format!("status {c}"))
        )));
    }
    Ok(())
}

pub use crate::entry::strip_guidance;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::is_blank_template;

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
