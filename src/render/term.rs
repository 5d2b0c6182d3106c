//! Terminal styling for the text views: ANSI colours, used only when the
//! front end says colour is on (`--color`, `NO_COLOR`, a terminal).

pub const BOLD: &str = "\x1b[1m";
pub const DIM: &str = "\x1b[2m";
pub const RED: &str = "\x1b[31m";
pub const GREEN: &str = "\x1b[32m";
pub const YELLOW: &str = "\x1b[33m";
pub const BLUE: &str = "\x1b[34m";
pub const MAGENTA: &str = "\x1b[35m";
pub const CYAN: &str = "\x1b[36m";
pub const RESET: &str = "\x1b[0m";

/// Whether a text view paints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub fn paint(&self, code: &str, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    /// An id with its shortest unique prefix bold and the rest dim.
    pub fn id(&self, id: &str, prefix_len: usize) -> String {
        let (head, tail) = id.split_at(prefix_len.min(id.len()));
        format!("{}{}", self.paint(BOLD, head), self.paint(DIM, tail))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_colour_text_is_as_is() {
        let plain = Style { color: false };
        assert_eq!(plain.paint(BOLD, "x"), "x");
        assert_eq!(plain.id("abcdefgh", 4), "abcdefgh");
        let colour = Style { color: true };
        assert_eq!(colour.paint(BOLD, ""), "");
        assert_eq!(
            colour.id("abcdef", 4),
            format!("{BOLD}abcd{RESET}{DIM}ef{RESET}")
        );
    }
}
