//! All output goes through here: stdout carries data only; status lines,
//! warnings and hints go to stderr. Colour follows `--color`, `NO_COLOR`
//! and `CLICOLOR_FORCE`; long output goes through a pager on a terminal.
//! A closed pipe (`casebook list | head`) ends the program quietly.
#![allow(clippy::print_stderr)]

use is_terminal::IsTerminal;
use std::io::Write;
use std::process::{Child, Command, Stdio};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

pub struct Ui {
    color: bool,
    err_color: bool,
    quiet: bool,
    verbose: bool,
    pager_allowed: bool,
    pager: Option<Child>,
    out: Box<dyn Write>,
    /// A report's text, held until it is known to have found something.
    held: Option<String>,
    pub stdout_is_terminal: bool,
    pub stdin_is_terminal: bool,
}

impl Ui {
    pub fn new(choice: ColorChoice, quiet: bool, verbose: bool, no_pager: bool) -> Ui {
        let stdout_tty = std::io::stdout().is_terminal();
        let stderr_tty = std::io::stderr().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let force = std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0");
        let decide = |tty: bool| match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color && (tty || force),
        };
        Ui {
            color: decide(stdout_tty),
            err_color: decide(stderr_tty),
            quiet,
            verbose,
            pager_allowed: !no_pager && stdout_tty,
            pager: None,
            out: Box::new(std::io::stdout().lock()),
            held: None,
            stdout_is_terminal: stdout_tty,
            stdin_is_terminal: std::io::stdin().is_terminal(),
        }
    }

    pub fn color(&self) -> bool {
        self.color
    }

    /// Would `start_pager` start one? Lets callers skip reading settings.
    pub fn may_page(&self) -> bool {
        self.pager_allowed && self.pager.is_none()
    }

    /// Sends what follows through `$CASEBOOK_PAGER`, `$PAGER` or `less -FRX`,
    /// only when stdout is a terminal and `--no-pager` was not given.
    pub fn start_pager(&mut self, configured: Option<&str>) {
        if !self.pager_allowed || self.pager.is_some() {
            return;
        }
        let command = std::env::var("CASEBOOK_PAGER")
            .ok()
            .or_else(|| configured.map(str::to_string))
            .or_else(|| std::env::var("PAGER").ok())
            .unwrap_or_else(|| "less -FRX".to_string());
        if command.trim().is_empty() || command.trim() == "cat" {
            return;
        }
        let child = Command::new("sh")
            .arg("-c")
            .arg(&command)
            .env(
                "LESS",
                std::env::var("LESS").unwrap_or_else(|_| "FRX".into()),
            )
            .stdin(Stdio::piped())
            .spawn();
        if let Ok(mut child) = child
            && let Some(stdin) = child.stdin.take()
        {
            self.out = Box::new(stdin);
            self.pager = Some(child);
        }
    }

    /// One line of data on stdout.
    pub fn line(&mut self, text: &str) {
        self.write(text);
        self.write("\n");
    }

    /// Holds what follows until `finish`, so that a report which turns out
    /// to have found nothing can `discard` it: stdout stays empty on exit 1.
    pub fn hold(&mut self) {
        self.held.get_or_insert_with(String::new);
    }

    pub fn discard(&mut self) {
        self.held = None;
    }

    /// Data on stdout, as is.
    pub fn write(&mut self, text: &str) {
        if let Some(held) = &mut self.held {
            held.push_str(text);
            return;
        }
        if let Err(e) = self.out.write_all(text.as_bytes()) {
            self.exit_on_closed_pipe(e);
        }
    }

    fn exit_on_closed_pipe(&mut self, e: std::io::Error) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            // The reader went away (`| head`, or the pager quit): that is
            // not an error, just the end.
            std::process::exit(0);
        }
        eprintln!("error: cannot write output: {e}");
        std::process::exit(1);
    }

    pub fn finish(&mut self) {
        if let Some(held) = self.held.take() {
            self.write(&held);
        }
        if let Err(e) = self.out.flush() {
            self.exit_on_closed_pipe(e);
        }
        if let Some(mut child) = self.pager.take() {
            self.out = Box::new(std::io::sink());
            let _ = child.wait();
        }
    }

    /// A status line on stderr (suppressed by `-q`).
    pub fn status(&self, text: &str) {
        if !self.quiet {
            eprintln!("{text}");
        }
    }

    /// Detail shown only with `-v`.
    pub fn verbose(&self, text: &str) {
        if self.verbose && !self.quiet {
            eprintln!("{}", self.paint_err(DIM, text));
        }
    }

    pub fn warn(&self, text: &str) {
        if !self.quiet {
            eprintln!("{} {text}", self.paint_err(YELLOW, "warning:"));
        }
    }

    pub fn hint(&self, text: &str) {
        if !self.quiet {
            eprintln!("{} {text}", self.paint_err(CYAN, "hint:"));
        }
    }

    pub fn error(&self, text: &str) {
        eprintln!("{} {text}", self.paint_err(RED, "error:"));
    }

    /// Styles text for stdout.
    pub fn paint(&self, style: &str, text: &str) -> String {
        self.style().paint(style, text)
    }

    /// How the text views paint stdout.
    pub fn style(&self) -> Style {
        Style { color: self.color }
    }

    fn paint_err(&self, style: &str, text: &str) -> String {
        if self.err_color {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    /// Where the library's notices go: the same stderr lines as `status`,
    /// `warn` and `verbose`, with this Ui's settings.
    pub fn notices(&self) -> crate::session::Sink {
        let (quiet, verbose, color) = (self.quiet, self.verbose, self.err_color);
        let paint = move |style: &str, text: &str| {
            if color {
                format!("{style}{text}{RESET}")
            } else {
                text.to_string()
            }
        };
        std::sync::Arc::new(move |notice| match notice {
            _ if quiet => {}
            crate::session::Notice::Status(t) => eprintln!("{t}"),
            crate::session::Notice::Warning(t) => eprintln!("{} {t}", paint(YELLOW, "warning:")),
            crate::session::Notice::Detail(t) if verbose => eprintln!("{}", paint(DIM, &t)),
            crate::session::Notice::Detail(_) => {}
        })
    }

    /// Asks a question on the terminal; `None` at end of input.
    pub fn ask(&self, question: &str) -> Option<String> {
        eprint!("{} ", self.paint_err(BOLD, question));
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        match std::io::stdin().read_line(&mut answer) {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(answer.trim_end_matches(['\n', '\r']).to_string()),
        }
    }
}

impl Drop for Ui {
    fn drop(&mut self) {
        self.finish();
    }
}

pub use crate::render::term::{BLUE, BOLD, CYAN, DIM, GREEN, MAGENTA, RED, RESET, Style, YELLOW};

pub use crate::entry::{escape_control, one_line};
