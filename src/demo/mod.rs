//! The built-in demo journal: a year of realistic practice for one
//! specialist, written in our own words, so a newcomer sees every loop at
//! work in one command. `content` holds the records; `casebook demo` imports
//! them like any JSON Lines file.

mod content;

pub use content::demo_records;

/// The demo's specialist.
pub const DEMO_PERSON: &str = "Sam Rivera";
