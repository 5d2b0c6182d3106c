//! Driving casebook on a pseudo-terminal, as a person at a keyboard would.
//! python3's `pty` module gives the process a real terminal (so it asks,
//! colours and pages as it would for a person), and each answer is typed
//! once the output so far ends in a prompt.

use std::ffi::OsStr;

/// What a session on the terminal printed (with echoed answers), and how
/// the process ended.
pub struct Session {
    pub code: Option<i32>,
    pub text: String,
}

impl Session {
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }
}

/// The driver: argv is the answers (JSON), the characters that end a
/// prompt, then the program and its arguments. Each answer is typed when
/// the output, trailing blanks aside, ends with one of those characters;
/// with no answers left it reads to the end. A session lasts 20 s at most.
const DRIVER: &str = r#"
import json, os, pty, sys, time
answers = [a.encode() for a in json.loads(sys.argv[1])]
ends = tuple(c.encode() for c in sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[3], sys.argv[3:])
out = b""
deadline = time.time() + 20
while time.time() < deadline:
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    if answers and ends and out.rstrip().endswith(ends):
        time.sleep(0.1)
        os.write(fd, answers.pop(0))
        out += b"\n"
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
"#;

/// Runs `program` (a command whose environment was cleared and set, as the
/// tests' helpers make them) on a terminal, typing `answers` in turn at
/// each prompt that ends in one of `prompt_ends`.
pub fn run(program: &std::process::Command, answers: &[&str], prompt_ends: &str) -> Session {
    let mut python = std::process::Command::new("python3");
    python.env_clear();
    for (key, value) in program.get_envs() {
        match value {
            Some(value) => python.env(key, value),
            None => python.env_remove(key),
        };
    }
    if let Some(dir) = program.get_current_dir() {
        python.current_dir(dir);
    }
    let answers = serde_json::to_string(answers).unwrap();
    python
        .args(["-c", DRIVER, &answers, prompt_ends])
        .arg(program.get_program())
        .args(program.get_args().collect::<Vec<&OsStr>>());
    let out = python.output().expect("python3 runs");
    Session {
        code: out.status.code(),
        text: String::from_utf8_lossy(&out.stdout).into_owned(),
    }
}
