//! The pure model of a journal entry: what it holds, how it is read from and
//! written to Markdown with TOML front matter, and how it is validated.
//!
//! Nothing here touches the disk or git; every function takes text and
//! returns data, so this is the most unit-tested part of casebook.

mod frontmatter;
mod id;
pub mod kind;
mod merge;
mod simple_toml;
mod template;
mod value;

pub use frontmatter::{
    ParsedEntry, Problem, format_datetime, line_col, parse, parse_datetime_text, resolve_local,
    split_front_matter,
};
pub use id::{ALPHABET, EntryId, ID_LEN, MIN_PREFIX, is_id_like, path_hash};
pub use kind::{FieldSpec, FieldType, Kind, UnknownKind, canonical_value};
pub use merge::merge3;
pub use template::{has_template_fields, is_template_only};
pub use value::{coerce_field, json_to_field, json_to_toml, toml_to_json};

use chrono::{DateTime, FixedOffset};
use std::collections::BTreeMap;

/// The common fields every entry carries, in the order they are written.
pub const COMMON_FIELDS: &[&str] = &[
    "id",
    "kind",
    "title",
    "person",
    "created",
    "updated",
    "skills",
    "tags",
    "products",
    "case",
    "tier",
    "links",
    "private",
    "aliases",
    "imported_from",
    "import_hash",
];

/// One journal entry: a practice habit or a history record.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: EntryId,
    pub kind: Kind,
    pub title: String,
    /// The person's folder name (a slug such as `ana-lima`).
    pub person: String,
    pub created: DateTime<FixedOffset>,
    pub updated: Option<DateTime<FixedOffset>>,
    pub skills: Vec<String>,
    pub tags: Vec<String>,
    pub products: Vec<String>,
    pub case: Option<String>,
    pub tier: Option<String>,
    pub links: Vec<String>,
    pub private: bool,
    /// Other names of the entry (Obsidian's `aliases`): kept, shown and
    /// searched like the title.
    pub aliases: Vec<String>,
    /// Where an imported entry came from, as `tool:key` (`zk:2w0e`,
    /// `obsidian:Daily/2024-01-02.md`): the identity a re-import matches,
    /// never a casebook id.
    pub imported_from: Option<String>,
    /// A hash of the source file's text when it was last imported, so a
    /// re-import tells an edit (update the entry) from a copy (skip it).
    pub import_hash: Option<String>,
    /// The kind's own fields, validated against `Kind::fields`.
    pub fields: BTreeMap<String, toml::Value>,
    pub body: String,
}

impl Entry {
    pub fn new(kind: Kind, title: &str, person: &str, created: DateTime<FixedOffset>) -> Entry {
        Entry {
            id: EntryId::generate(),
            kind,
            title: title.to_string(),
            person: person.to_string(),
            created,
            updated: None,
            skills: kind
                .default_skills()
                .iter()
                .map(|s| s.to_string())
                .collect(),
            tags: Vec::new(),
            products: Vec::new(),
            case: None,
            tier: None,
            links: Vec::new(),
            private: false,
            aliases: Vec::new(),
            imported_from: None,
            import_hash: None,
            fields: BTreeMap::new(),
            body: String::new(),
        }
    }

    pub fn field_str(&self, name: &str) -> Option<&str> {
        self.fields
            .get(name)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
    }

    pub fn field_int(&self, name: &str) -> Option<i64> {
        self.fields.get(name).and_then(|v| v.as_integer())
    }

    pub fn field_f64(&self, name: &str) -> Option<f64> {
        match self.fields.get(name)? {
            toml::Value::Integer(i) => Some(*i as f64),
            toml::Value::Float(f) => Some(*f),
            _ => None,
        }
    }

    pub fn field_bool(&self, name: &str) -> bool {
        self.fields
            .get(name)
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    }

    pub fn field_date(&self, name: &str) -> Option<chrono::NaiveDate> {
        value::as_date(self.fields.get(name)?)
    }

    pub fn field_list(&self, name: &str) -> Vec<String> {
        match self.fields.get(name) {
            Some(toml::Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The value of a common or kind field as text, for filters (`--field`,
    /// `verdict:hit`). Lists yield one value each.
    pub fn values_of(&self, name: &str) -> Vec<String> {
        match name {
            "id" => vec![self.id.to_string()],
            "kind" => vec![self.kind.to_string()],
            "title" => vec![self.title.clone()],
            "person" => vec![self.person.clone()],
            "skill" | "skills" => self.skills.clone(),
            "tag" | "tags" => self.tags.clone(),
            "product" | "products" => self.products.clone(),
            "case" => self.case.iter().cloned().collect(),
            "tier" => self.tier.iter().cloned().collect(),
            "link" | "links" => self.links.clone(),
            "alias" | "aliases" => self.aliases.clone(),
            "imported_from" => self.imported_from.iter().cloned().collect(),
            "private" => vec![self.private.to_string()],
            other => match self.fields.get(other) {
                Some(toml::Value::Array(items)) => items
                    .iter()
                    .map(|v| {
                        v.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| v.to_string())
                    })
                    .collect(),
                Some(toml::Value::String(s)) => vec![s.clone()],
                Some(v) => vec![v.to_string()],
                None => Vec::new(),
            },
        }
    }

    /// Serialises the entry as Markdown with TOML front matter.
    pub fn to_markdown(&self) -> String {
        frontmatter::render(self)
    }

    /// The JSON shape used by `--json` and `export`: snake_case keys,
    /// RFC 3339 dates, kind fields under `fields`.
    pub fn to_json(&self) -> serde_json::Value {
        let fields: serde_json::Map<String, serde_json::Value> = self
            .fields
            .iter()
            .map(|(k, v)| (k.clone(), toml_to_json(v)))
            .collect();
        let mut out = serde_json::json!({
            "id": self.id,
            "kind": self.kind.as_str(),
            "title": self.title,
            "person": self.person,
            "created": self.created.to_rfc3339(),
            "updated": self.updated.map(|d| d.to_rfc3339()),
            "skills": self.skills,
            "tags": self.tags,
            "products": self.products,
            "case": self.case,
            "tier": self.tier,
            "links": self.links,
            "private": self.private,
            "fields": fields,
            "body": self.body,
        });
        // Only imported entries carry these: other entries' JSON is unchanged.
        if let Some(obj) = out.as_object_mut() {
            let at = obj.len() - 2;
            let mut extra = Vec::new();
            if !self.aliases.is_empty() {
                extra.push(("aliases", serde_json::json!(self.aliases)));
            }
            if let Some(s) = &self.imported_from {
                extra.push(("imported_from", s.as_str().into()));
            }
            if let Some(h) = &self.import_hash {
                extra.push(("import_hash", h.as_str().into()));
            }
            for (i, (k, v)) in extra.into_iter().enumerate() {
                obj.shift_insert(at + i, k.to_string(), v);
            }
        }
        out
    }

    /// Rebuilds an entry from `to_json` output (the index stores it so that
    /// lists need not read files). Kind fields are trusted: they were
    /// validated when the file was parsed.
    pub fn from_json(v: &serde_json::Value) -> Option<Entry> {
        use serde_json::Value as J;
        let s = |k: &str| v.get(k).and_then(J::as_str).map(str::to_string);
        let list = |k: &str| -> Vec<String> {
            v.get(k)
                .and_then(J::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let date = |k: &str| s(k).and_then(|d| DateTime::parse_from_rfc3339(&d).ok());
        let fields = v
            .get("fields")
            .and_then(J::as_object)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, x)| value::json_to_toml(x).map(|t| (k.clone(), t)))
                    .collect()
            })
            .unwrap_or_default();
        Some(Entry {
            id: EntryId::parse_lenient(&s("id")?)?,
            kind: s("kind")?.parse().ok()?,
            title: s("title")?,
            person: s("person")?,
            created: date("created")?,
            updated: date("updated"),
            skills: list("skills"),
            tags: list("tags"),
            products: list("products"),
            case: s("case"),
            tier: s("tier"),
            links: list("links"),
            private: v.get("private").and_then(J::as_bool).unwrap_or(false),
            aliases: list("aliases"),
            imported_from: s("imported_from"),
            import_hash: s("import_hash"),
            fields,
            body: s("body").unwrap_or_default(),
        })
    }

    /// The body as plain prose (Markdown markup, headings and comments
    /// removed), cut to `max_chars`, for one-line summaries and packs.
    pub fn excerpt(&self, max_chars: usize) -> String {
        truncate_chars(&plain_text(&self.body), max_chars)
    }
}

/// Markdown to plain text with pulldown-cmark: the words a reader sees,
/// without headings (they are the template's structure, not content),
/// HTML comments (template guidance) or markup.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    let mut in_heading = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) | Event::Code(t) if !in_heading => {
                out.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Item)
                if !out.ends_with(' ') && !out.is_empty() =>
            {
                out.push(' ');
            }
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes control characters so that a title or body cannot move the
/// cursor, change colours or clear the user's terminal.
pub fn escape_control(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out
}

/// One line: newlines and tabs become spaces, control characters escaped.
pub fn one_line(text: &str) -> String {
    escape_control(text).replace(['\n', '\t', '\r'], " ")
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

pub fn truncate_chars(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Makes a file-name-safe slug: lowercase ASCII words joined by `-`, at most
/// 48 characters, never empty, never `.` or `..`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 48 {
            break;
        }
    }
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() {
        "entry".to_string()
    } else {
        slug
    }
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        other => other,
    }
}

/// A person's folder name: the slug of their name. Rejects anything that is
/// not a plain name, so `--person ../x` can never escape `people/`.
pub fn person_slug(name: &str) -> Result<String, String> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err("the person's name is empty".into());
    }
    if trimmed.contains(['/', '\\']) || trimmed.starts_with('.') || trimmed.contains('\0') {
        return Err(format!(
            "'{name}' is not a person's name (no slashes or leading dots)"
        ));
    }
    let slug = slugify(trimmed);
    if slug == "entry" && !trimmed.eq_ignore_ascii_case("entry") {
        return Err(format!(
            "'{name}' has no letters or digits to name a folder"
        ));
    }
    Ok(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_headings_and_comments() {
        let md =
            "## What happened\n<!-- guidance -->\nThe **refund** was `late`.\n\n- one\n- two\n";
        assert_eq!(plain_text(md), "The refund was late. one two");
    }

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(
            slugify("Refund loop on annual plan"),
            "refund-loop-on-annual-plan"
        );
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("Café déjà vu"), "cafe-deja-vu");
        assert_eq!(slugify("   "), "entry");
        assert!(slugify(&"x".repeat(300)).len() <= 48);
    }

    #[test]
    fn person_names_cannot_escape_the_journal() {
        assert_eq!(person_slug("Ana Lima").unwrap(), "ana-lima");
        assert!(person_slug("../x").is_err());
        assert!(person_slug("a/b").is_err());
        assert!(person_slug("").is_err());
        assert!(person_slug("???").is_err());
    }
}
