//! Splits text into words for the index, in any script.
//!
//! Latin, Cyrillic and other spaced scripts split as tantivy's
//! `SimpleTokenizer` does (runs of letters and digits). Chinese, Japanese
//! and Korean are written without spaces between words, so a run of their
//! characters becomes overlapping character bigrams (`帮助文档` → `帮助`,
//! `助文`, `文档`; a lone character stays itself): a query of two or more
//! characters then matches as a phrase of bigrams, with no dictionary.
//! Text with no such character (almost all of a journal) takes the plain
//! path and pays nothing for this.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// Han, kana and Hangul: scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF       // Hiragana, Katakana
        | 0x3400..=0x4DBF     // CJK Extension A
        | 0x4E00..=0x9FFF     // CJK Unified Ideographs
        | 0xAC00..=0xD7AF     // Hangul syllables
        | 0xF900..=0xFAFF     // CJK Compatibility Ideographs
        | 0x20000..=0x2FA1F   // CJK Extensions B-F, compatibility supplement
    )
}

pub struct WordStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next token starts.
    pos: usize,
    /// Inside a run of CJK characters: the byte offset of the run's end.
    cjk_end: Option<usize>,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            text,
            pos: 0,
            cjk_end: None,
            token: &mut self.token,
        }
    }
}

impl WordStream<'_> {
    fn emit(&mut self, from: usize, to: usize) -> bool {
        self.token.text.clear();
        self.token.text.push_str(&self.text[from..to]);
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = self.token.position.wrapping_add(1);
        true
    }

    /// The next bigram (or lone character) of the CJK run ending at `end`.
    fn next_cjk(&mut self, end: usize) -> bool {
        let rest = &self.text[self.pos..end];
        let mut chars = rest.char_indices();
        let Some((_, first)) = chars.next() else {
            self.cjk_end = None;
            return self.advance();
        };
        let start = self.pos;
        let second_end = match chars.next() {
            Some((i, c)) => start + i + c.len_utf8(),
            None => {
                // A run of one character, or the end of a longer run whose
                // last character was already the second half of a bigram.
                self.pos = end;
                self.cjk_end = None;
                return self.emit(start, start + first.len_utf8());
            }
        };
        self.pos = start + first.len_utf8();
        if second_end == end {
            // The last bigram: the run is done after it.
            self.pos = end;
            self.cjk_end = None;
        }
        self.emit(start, second_end)
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some(end) = self.cjk_end {
            return self.next_cjk(end);
        }
        let bytes = self.text.as_bytes();
        while self.pos < self.text.len() {
            let b = bytes[self.pos];
            if b.is_ascii() {
                if !b.is_ascii_alphanumeric() {
                    self.pos += 1;
                    continue;
                }
            } else {
                let c = self.text[self.pos..].chars().next().unwrap_or(' ');
                if is_cjk(c) {
                    let run = self.text[self.pos..]
                        .char_indices()
                        .find(|(_, c)| !is_cjk(*c))
                        .map_or(self.text.len(), |(i, _)| self.pos + i);
                    self.cjk_end = Some(run);
                    return self.next_cjk(run);
                }
                if !c.is_alphanumeric() {
                    self.pos += c.len_utf8();
                    continue;
                }
            }
            // A word: letters and digits up to the next other character or
            // CJK character.
            let start = self.pos;
            let end = self.text[start..]
                .char_indices()
                .find(|(_, c)| !c.is_alphanumeric() || (!c.is_ascii() && is_cjk(*c)))
                .map_or(self.text.len(), |(i, _)| start + i);
            self.pos = end;
            return self.emit(start, end);
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::SimpleTokenizer;

    fn tokens<T: Tokenizer>(t: &mut T, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = t.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn spaced_scripts_split_as_the_simple_tokenizer_does() {
        for text in [
            "Hello, happy tax payer!",
            "Refund ZD-4821: café généralement naïve — déjà vu; 42x über",
            "Привет мир, ça va? e-mail x@y.z 3.14",
            "",
            "  ...  ",
            "a",
        ] {
            assert_eq!(
                tokens(&mut WordTokenizer::default(), text),
                tokens(&mut SimpleTokenizer::default(), text),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_without_cjk_splits_as_the_simple_tokenizer_does(
            text in "[a-zA-Z0-9 .,;:'\"!?()\\-_/éüñßøçÀ€–—\u{300}\u{a0}\u{3000}αβγдж\t\n]{0,60}"
        ) {
            proptest::prop_assert_eq!(
                tokens(&mut WordTokenizer::default(), &text),
                tokens(&mut SimpleTokenizer::default(), &text)
            );
        }
    }

    #[test]
    fn cjk_runs_become_overlapping_bigrams() {
        let got: Vec<String> = tokens(&mut WordTokenizer::default(), "使用帮助文档 ok 人")
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(got, ["使用", "用帮", "帮助", "助文", "文档", "ok", "人"]);
        // Mixed with Latin letters and kana, positions stay consecutive.
        let t = tokens(&mut WordTokenizer::default(), "API设置とは");
        let words: Vec<&str> = t.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(words, ["API", "设置", "置と", "とは"]);
        let positions: Vec<usize> = t.iter().map(|t| t.1).collect();
        assert_eq!(positions, [0, 1, 2, 3]);
        // Offsets point at the characters.
        let text = "x帮助";
        for (word, _, from, to) in tokens(&mut WordTokenizer::default(), text) {
            assert_eq!(&text[from..to], word);
        }
    }
}
