//! Ctrl-C. While the editor runs, casebook ignores it, as git does: the
//! editor owns the terminal and decides. Anywhere else it ends the command
//! with exit code 130, and text typed so far (answers to the questions) is
//! written to the drafts folder first, so nothing typed is lost.

use std::path::PathBuf;
use std::sync::Mutex;

#[derive(Default)]
struct State {
    editor_running: bool,
    draft: Option<(PathBuf, String, String)>,
}

static STATE: Mutex<State> = Mutex::new(State {
    editor_running: false,
    draft: None,
});

/// Installs the handler once, at start-up. ctrlc runs it on its own thread,
/// not in signal context, so it may lock and write files.
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        let state = STATE.lock().unwrap_or_else(|e| e.into_inner());
        if state.editor_running {
            return;
        }
        report_and_exit(state.draft.as_ref());
    });
}

#[allow(clippy::print_stderr)]
fn report_and_exit(draft: Option<&(PathBuf, String, String)>) -> ! {
    match draft {
        Some((path, text, resume)) => {
            let kept = path
                .parent()
                .map(std::fs::create_dir_all)
                .and_then(Result::ok)
                .and_then(|_| std::fs::write(path, text).ok());
            match kept {
                Some(()) => eprintln!(
                    "\ninterrupted; your text is kept in {}\nhint: finish it with: {resume}",
                    path.display()
                ),
                None => eprintln!("\ninterrupted"),
            }
        }
        None => eprintln!("\ninterrupted"),
    }
    std::process::exit(130)
}

/// Marks the editor as running (Ctrl-C is then the editor's business).
pub fn editor_running(running: bool) {
    STATE
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .editor_running = running;
}

/// Text to save if the user presses Ctrl-C now, and the command that
/// finishes it.
pub fn remember_draft(path: PathBuf, text: String, resume: String) {
    STATE.lock().unwrap_or_else(|e| e.into_inner()).draft = Some((path, text, resume));
}

/// The text was saved or committed: nothing to keep any more.
pub fn forget_draft() {
    STATE.lock().unwrap_or_else(|e| e.into_inner()).draft = None;
}
