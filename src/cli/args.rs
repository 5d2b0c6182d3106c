//! Flags shared by many commands: the FILTERS that select entries and the
//! ENTRY FLAGS that set an entry's fields. One vocabulary everywhere.

use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Filters (repeat a flag for OR; different flags AND)")]
pub struct FilterArgs {
    /// Only this kind (diagnosis, postmortem, kb, escalation, qa, ...)
    #[arg(long = "kind", value_name = "KIND", add = super::complete::kind_completer())]
    pub kinds: Vec<String>,
    /// Only entries that are evidence for this skill id
    #[arg(long = "skill", value_name = "SKILL", add = super::complete::skill_completer())]
    pub skills: Vec<String>,
    /// Only entries with this tag
    #[arg(long = "tag", value_name = "TAG", add = super::complete::tag_completer())]
    pub tags: Vec<String>,
    /// Only entries about this product
    #[arg(long = "product", value_name = "PRODUCT", add = super::complete::product_completer())]
    pub products: Vec<String>,
    /// Only entries about this case or ticket
    #[arg(long = "case", value_name = "REF")]
    pub cases: Vec<String>,
    /// Only entries whose field KEY has VALUE (e.g. verdict=miss)
    #[arg(long = "field", value_name = "KEY=VALUE")]
    pub fields: Vec<String>,
    /// Only this person's entries (`me` for yours)
    #[arg(long = "person", value_name = "P|me")]
    pub persons: Vec<String>,
    /// Everyone's entries (the default for lists and search)
    #[arg(long)]
    pub team: bool,
    /// From this date on (2026-01-31, yesterday, 30d, 2026-Q3...)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to and including this date
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// A named period: 2026, 2026-H1, 2026-Q3, 2026-11, 2026-W47, last-month...
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// Show at most N entries
    #[arg(short = 'n', long = "limit", visible_alias = "n", value_name = "N")]
    pub limit: Option<usize>,
    /// Order: newest, oldest, or relevance (search)
    #[arg(long, value_name = "ORDER")]
    pub sort: Option<String>,
    /// Reverse the order
    #[arg(long)]
    pub reverse: bool,
    /// Print only the number of matching entries
    #[arg(long)]
    pub count: bool,
}

#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Entry fields")]
pub struct EntryArgs {
    /// The entry's title
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// A tag (repeatable)
    #[arg(long = "tag", value_name = "TAG", add = super::complete::tag_completer())]
    pub tags: Vec<String>,
    /// A skill id this entry is evidence for (repeatable)
    #[arg(long = "skill", value_name = "SKILL", add = super::complete::skill_completer())]
    pub skills: Vec<String>,
    /// A product (repeatable)
    #[arg(long = "product", value_name = "PRODUCT", add = super::complete::product_completer())]
    pub products: Vec<String>,
    /// The case or ticket reference, e.g. ZD-4821
    #[arg(long = "case", value_name = "REF")]
    pub case: Option<String>,
    /// The customer tier
    #[arg(long, value_name = "TIER")]
    pub tier: Option<String>,
    /// Another entry this one links to (repeatable)
    #[arg(long = "link", value_name = "ID")]
    pub links: Vec<String>,
    /// Any field of the kind (`casebook help kinds` lists them)
    #[arg(long = "field", value_name = "KEY=VALUE")]
    pub fields: Vec<String>,
    /// Keep this entry private: never pushed, never in a pack unless asked
    #[arg(long)]
    pub private: bool,
    /// The entry's date (default: now)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Write as this person (default: this clone's person)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// The body text
    #[arg(short = 'm', long = "body", visible_aliases = ["message", "note", "why", "text"], value_name = "TEXT")]
    pub body: Option<String>,
    /// Read the body from a file (`-` is stdin)
    #[arg(short = 'F', long = "body-file", value_name = "FILE")]
    pub body_file: Option<PathBuf>,
    /// Open the editor on the given body
    #[arg(short = 'e', long = "edit")]
    pub edit: bool,
    /// Never open the editor
    #[arg(long)]
    pub no_edit: bool,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}
