//! The entry kinds and the fields each one records.
//!
//! This table is the single source of truth for validation, `--field`, the
//! JSON export and `casebook help kinds`. Templates in the journal may add
//! guidance, but they cannot invent fields: a key outside this table is an
//! error that `check` reports.

use std::fmt;
use std::str::FromStr;

/// The type of one kind field, as written in TOML front matter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldType {
    Text,
    Int { min: i64, max: i64 },
    Number { min: f64, max: f64 },
    Bool,
    Date,
    List,
    Enum(&'static [&'static str]),
}

impl FieldType {
    pub fn describe(&self) -> String {
        match self {
            FieldType::Text => "text".into(),
            FieldType::Int { min, max } if *max == i64::MAX => format!("integer >= {min}"),
            FieldType::Int { min, max } => format!("integer {min}-{max}"),
            FieldType::Number { min, max } => format!("number {min}-{max}"),
            FieldType::Bool => "true or false".into(),
            FieldType::Date => "date (YYYY-MM-DD)".into(),
            FieldType::List => "list of text".into(),
            FieldType::Enum(values) => format!("one of {}", values.join(", ")),
        }
    }
}

/// One field a kind records beside the common ones.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub name: &'static str,
    pub ty: FieldType,
    pub help: &'static str,
}

const fn f(name: &'static str, ty: FieldType, help: &'static str) -> FieldSpec {
    FieldSpec { name, ty, help }
}

const TEXT: FieldType = FieldType::Text;
const DATE: FieldType = FieldType::Date;
const LIST: FieldType = FieldType::List;
const BOOL: FieldType = FieldType::Bool;
const COUNT: FieldType = FieldType::Int {
    min: 0,
    max: i64::MAX,
};
const PERCENT: FieldType = FieldType::Int { min: 0, max: 100 };
const SCORE: FieldType = FieldType::Int { min: 1, max: 5 };

pub const PROPOSAL_TARGETS: [&str; 5] = [
    "playbook",
    "escalation-rule",
    "kb-article",
    "retraining-set",
    "handoff-template",
];
pub const HANDOFF_FUNCTIONS: [&str; 5] = [
    "engineering",
    "customer-success",
    "sales",
    "product",
    "other",
];
/// The approval gates when `casebook.toml` names none.
pub const DEFAULT_GATES: [&str; 4] = ["refund", "account-change", "sensitive-message", "high-tier"];
pub const APPROVAL_OUTCOMES: [&str; 3] = ["reversed", "complaint", "chargeback"];

/// Old enum values still read, as (field, old, canonical): files written
/// before a value was renamed stay valid and count under the new name.
pub const ENUM_ALIASES: &[(&str, &str, &str)] =
    &[("category", "correct-but-late", "escalated-late")];

/// The canonical value of an enum field's text, aliases resolved.
pub fn canonical_value<'a>(field: &str, value: &'a str) -> &'a str {
    ENUM_ALIASES
        .iter()
        .find(|(f, old, _)| *f == field && *old == value)
        .map_or(value, |(_, _, new)| new)
}

macro_rules! kinds {
    ($($variant:ident => $name:literal, $habit:literal, [$($skill:literal),*], [$($field:expr),* $(,)?];)*) => {
        /// What an entry is: one practice habit, or one of the records that
        /// belong in a person's history (ratings, goals, feedback...).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kind { $($variant),* }

        impl Kind {
            pub const ALL: &'static [Kind] = &[$(Kind::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $(Kind::$variant => $name),* }
            }

            /// One line on the habit this kind records.
            pub fn habit(self) -> &'static str {
                match self { $(Kind::$variant => $habit),* }
            }

            /// Skills an entry of this kind is evidence for unless it says otherwise.
            pub fn default_skills(self) -> &'static [&'static str] {
                match self { $(Kind::$variant => &[$($skill),*]),* }
            }

            pub fn fields(self) -> &'static [FieldSpec] {
                match self { $(Kind::$variant => { const F: &[FieldSpec] = &[$($field),*]; F }),* }
            }
        }
    };
}

kinds! {
    Diagnosis => "diagnosis", "predict a complex case's real cause before working it, then compare",
        ["complex-case-diagnosis"], [
        f("prediction", TEXT, "the real problem, predicted in one sentence"),
        f("confidence", PERCENT, "how sure, 0-100"),
        f("actual", TEXT, "the cause found once resolved"),
        f("verdict", FieldType::Enum(&["hit", "partial", "miss", "unknown"]), "prediction against actual"),
        f("resolved", DATE, "when the actual cause was recorded"),
    ];
    Postmortem => "postmortem", "after a hard escalation: what shifted the conversation, where it nearly broke",
        ["empathic-communication"], [
        f("shifted", TEXT, "what shifted the conversation"),
        f("phrases", LIST, "the words that worked"),
        f("phrase_context", TEXT, "the situation and customer state they worked in"),
        f("near_loss", TEXT, "where the customer was almost lost"),
        f("sentiment_start", SCORE, "customer sentiment at the start, 1-5"),
        f("sentiment_end", SCORE, "customer sentiment at the end, 1-5"),
    ];
    Kb => "kb", "write the knowledge-base article that was missing; keep owned articles current",
        ["knowledge-base-specification"], [
        f("status", FieldType::Enum(&["draft", "published", "retired"]), "article status"),
        f("article_id", TEXT, "the article id once published"),
        f("gap_case", TEXT, "the case that showed the gap"),
        f("gap_entry", TEXT, "the entry that showed the gap"),
        f("first_seen", DATE, "when the question was first seen"),
        f("published", DATE, "when it was published"),
        f("retired", DATE, "when it was retired"),
        f("last_verified", DATE, "when it was last checked"),
        f("review_interval_days", COUNT, "days between checks"),
        f("corrections", COUNT, "corrections made"),
        f("search_terms", LIST, "the words customers searched with"),
        f("findability_fixes", COUNT, "times search terms were added so customers find it"),
        f("deflections", COUNT, "cases the article answered"),
        f("deflection_estimate", COUNT, "deflections estimated by analytics (imported)"),
        f("deflection_estimate_date", DATE, "when the estimate was imported"),
    ];
    Escalation => "escalation", "categorise each escalation the agent handed over",
        ["agent-escalation-tuning"], [
        f("category", FieldType::Enum(&["should-have-handled", "correctly-escalated", "escalated-late"]), "was the hand-over right? (correct-but-late is read as escalated-late)"),
        f("trigger", FieldType::Enum(&["complexity", "sentiment", "rule", "stakes", "customer-asked"]), "what triggered it"),
        f("reason", TEXT, "why it was escalated"),
        f("playbook_gap", TEXT, "what the agent's playbook lacked"),
        f("pattern", TEXT, "a tag for the repeating pattern"),
    ];
    Qa => "qa", "sample agent-resolved tickets for tone, accuracy and missed escalations",
        ["quality-sampling-judgment"], [
        f("ticket", TEXT, "the sampled ticket"),
        f("accuracy", SCORE, "rubric: accuracy 1-5"),
        f("tone", SCORE, "rubric: tone 1-5"),
        f("policy", SCORE, "rubric: policy 1-5"),
        f("resolution", SCORE, "rubric: resolution 1-5"),
        f("critical_fail", BOOL, "a critical failure"),
        f("missed_escalation", BOOL, "the agent should have escalated"),
        f("flagged", BOOL, "flagged for retraining"),
        f("flag_status", FieldType::Enum(&["open", "closed", "dismissed"]), "the flag's fate: closed once retrained, dismissed as won't fix"),
        f("flag_closed", DATE, "when the flag was closed or dismissed"),
    ];
    Handoff => "handoff", "hand a case to another function with the context it needs",
        ["hand-off-documentation"], [
        f("function", FieldType::Enum(&HANDOFF_FUNCTIONS), "receiving function"),
        f("summary", TEXT, "what was handed over"),
        f("feedback", TEXT, "what the receiver wished had been included"),
    ];
    Explore => "explore", "time in a product area outside the usual cases",
        ["cross-product-context"], [
        f("area", TEXT, "product area"),
        f("minutes", COUNT, "minutes spent"),
    ];
    Proposal => "proposal", "turn a repeated pattern into a change of the system",
        ["agent-escalation-tuning"], [
        f("target", FieldType::Enum(&PROPOSAL_TARGETS), "what to change"),
        f("function", FieldType::Enum(&HANDOFF_FUNCTIONS), "whose hand-off template (target handoff-template)"),
        f("pattern", TEXT, "the pattern tag it addresses"),
        f("evidence", LIST, "entries that show the pattern"),
        f("status", FieldType::Enum(&["proposed", "accepted", "shipped", "rejected"]), "where it stands"),
        f("proposed", DATE, "date proposed"),
        f("accepted", DATE, "date accepted"),
        f("shipped", DATE, "date shipped"),
        f("rejected", DATE, "date rejected"),
        f("change_ref", TEXT, "reference of the shipped change"),
    ];
    Approval => "approval", "decide at a risk-graded gate",
        ["agent-escalation-tuning"], [
        f("gate", TEXT, "the gate: one of casebook.toml [approvals] gates (default refund, account-change, sensitive-message, high-tier)"),
        f("decision", FieldType::Enum(&["approved", "amended", "rejected", "escalated"]), "the decision"),
        f("agent_proposal", TEXT, "what the agent proposed"),
        f("policy", TEXT, "the policy that applied"),
        f("why", TEXT, "why this decision"),
        f("reversed", BOOL, "was it reversed later"),
        f("reversal", TEXT, "what reversed it"),
        f("outcome", FieldType::Enum(&APPROVAL_OUTCOMES), "what happened later"),
        f("outcome_date", DATE, "when the outcome was recorded"),
    ];
    Teach => "teach", "share a mastered skill: pairing, a session, a guide",
        [], [
        f("format", FieldType::Enum(&["pairing", "session", "guide"]), "how it was shared"),
        f("audience", TEXT, "who it was for"),
        f("minutes", COUNT, "minutes spent"),
    ];
    Note => "note", "anything else worth keeping", [], [];
    Rating => "rating", "a dated rating of one skill, with its evidence", [], [
        f("skill", TEXT, "the skill rated"),
        f("level", FieldType::Enum(&["rookie", "pro", "master"]), "the level"),
        f("rater", FieldType::Enum(&["self", "lead", "peer"]), "who rated"),
        f("rater_name", TEXT, "the rater's name"),
        f("recorded_by", TEXT, "who wrote the record, if not the person"),
        f("evidence", LIST, "entries that support it"),
    ];
    Focus => "focus", "the one skill practised this month", [], [
        f("skill", TEXT, "the skill in focus"),
        f("trigger_case", TEXT, "the disappointment that picked it"),
        f("status", FieldType::Enum(&["open", "closed"]), "open or closed"),
        f("closed", DATE, "when it was closed"),
        f("retro", TEXT, "the short retro"),
    ];
    Goal => "goal", "a measurable goal with a due date", ["goal-setting-and-accountability"], [
        f("query", TEXT, "the saved query that measures it"),
        f("target", COUNT, "how many entries the query should reach"),
        f("due", DATE, "due date"),
        f("status", FieldType::Enum(&["open", "met", "missed", "dropped"]), "where it stands"),
        f("retro", TEXT, "the retro when closed"),
        f("closed", DATE, "when it was closed"),
    ];
    Feedback => "feedback", "what someone else said", [], [
        f("from", TEXT, "who gave it"),
        f("source", FieldType::Enum(&["peer", "lead", "engineering", "customer-success", "sales", "product", "customer", "self"]), "their role"),
        f("subject", TEXT, "the person it is about"),
        f("recorded_by", TEXT, "who wrote the record, if not the giver"),
    ];
    Confirmation => "confirmation", "a lead marks a ladder criterion met or not yet", [], [
        f("criterion", TEXT, "ladder criterion id"),
        f("status", FieldType::Enum(&["met", "not-yet"]), "met or not yet"),
        f("by", TEXT, "who confirmed"),
        f("recorded_by", TEXT, "who wrote the record"),
    ];
    Metric => "metric", "helpdesk outcome figures for a period", [], [
        f("period", TEXT, "the period, e.g. 2026-Q1"),
        f("csat", FieldType::Number { min: 0.0, max: 100.0 }, "CSAT %"),
        f("csat_n", COUNT, "CSAT responses"),
        f("reopen_rate", FieldType::Number { min: 0.0, max: 100.0 }, "re-open rate %"),
        f("fcr", FieldType::Number { min: 0.0, max: 100.0 }, "first-contact resolution %"),
        f("qa_score", FieldType::Number { min: 0.0, max: 100.0 }, "QA score"),
        f("cases_handled", COUNT, "cases handled (context only)"),
        f("source", TEXT, "where the figures come from"),
    ];
    Profile => "profile", "level, track and target, dated: the baseline tenure is measured from", [], [
        f("level", TEXT, "current ladder level id"),
        f("level_since", DATE, "since when at this level"),
        f("track", TEXT, "ladder track"),
        f("target_level", TEXT, "the level aimed for"),
        f("target_track", TEXT, "the track aimed for, if another"),
        f("direction", TEXT, "where the person wants to head"),
    ];
    Oneonone => "oneonone", "a 1:1 between a specialist and their lead: what was said, actions and owners", [], [
        f("with", TEXT, "the other person"),
        f("actions", LIST, "actions, each as 'owner: what'"),
    ];
    Milestone => "milestone", "a certification, course, launch or award", [], [
        f("milestone_type", FieldType::Enum(&["certification", "course", "launch", "award", "other"]), "what kind"),
    ];
    Draft => "draft", "a quick jot, to be turned into a full entry later", [], [];
}

impl Kind {
    pub fn field(self, name: &str) -> Option<&'static FieldSpec> {
        self.fields().iter().find(|f| f.name == name)
    }

    /// The practice habits, as opposed to history records such as ratings.
    pub fn is_practice(self) -> bool {
        matches!(
            self,
            Kind::Diagnosis
                | Kind::Postmortem
                | Kind::Kb
                | Kind::Escalation
                | Kind::Qa
                | Kind::Handoff
                | Kind::Explore
                | Kind::Proposal
                | Kind::Approval
                | Kind::Teach
                | Kind::Note
        )
    }

    pub fn names() -> Vec<&'static str> {
        Kind::ALL.iter().map(|k| k.as_str()).collect()
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind(pub String);

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown kind '{}' (kinds: {})",
            self.0,
            Kind::names().join(", ")
        )
    }
}

impl std::error::Error for UnknownKind {}

impl FromStr for Kind {
    type Err = UnknownKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        let alias = match lower.as_str() {
            "post-mortem" | "postmortems" => "postmortem",
            "prediction" | "diagnoses" => "diagnosis",
            "hand-off" | "handoffs" => "handoff",
            "escalations" => "escalation",
            "knowledge-base" | "article" => "kb",
            "exploration" => "explore",
            "jot" => "draft",
            other => other,
        };
        Kind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == alias)
            .ok_or_else(|| UnknownKind(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_name() {
        for kind in Kind::ALL {
            assert_eq!(kind.as_str().parse::<Kind>().unwrap(), *kind);
        }
    }

    #[test]
    fn unknown_kind_lists_the_known_ones() {
        let err = "postmortum".parse::<Kind>().unwrap_err().to_string();
        assert!(
            err.contains("postmortum") && err.contains("diagnosis"),
            "{err}"
        );
    }

    #[test]
    fn field_names_are_unique_within_a_kind() {
        for kind in Kind::ALL {
            let mut names: Vec<_> = kind.fields().iter().map(|f| f.name).collect();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), kind.fields().len(), "{kind}");
        }
    }
}
