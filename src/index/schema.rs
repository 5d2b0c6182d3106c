//! The index schema, its text analyser and how an entry becomes a document.
//!
//! Bump `SCHEMA_VERSION` whenever a field or the analyser changes: existing
//! indexes then rebuild themselves on the next command.

use crate::entry::{Entry, FieldType};
use anyhow::Result;
use std::path::Path;
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};
use tantivy::{IndexWriter, TantivyDocument};

pub const SCHEMA_VERSION: u32 = 1;
const ANALYZER: &str = "casebook_en";

#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub path: Field,
    pub id: Field,
    pub blob: Field,
    pub title: Field,
    pub body: Field,
    /// `field=value` tokens for every filterable front-matter value.
    pub facets: Field,
    pub created: Field,
    /// The entry's front matter as JSON, so lists need not read files.
    pub meta: Field,
}

fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        path: b.add_text_field("path", STRING | STORED),
        id: b.add_text_field("id", STRING | STORED),
        blob: b.add_text_field("blob", STORED),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text),
        facets: b.add_text_field("facets", STRING),
        created: b.add_date_field(
            "created",
            DateOptions::from(tantivy::schema::INDEXED)
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        ),
        meta: b.add_text_field("meta", STORED),
    };
    (b.build(), fields)
}

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

fn register(index: &tantivy::Index) {
    // Tokenizers are not stored in the index: register on every open.
    index.tokenizers().register(ANALYZER, analyzer());
}

pub fn create(dir: &Path) -> Result<(tantivy::Index, Fields)> {
    let (schema, fields) = build_schema();
    let directory = super::cache_dir::CacheDirectory::open(dir)?;
    if tantivy::Index::exists(&directory)? {
        anyhow::bail!("an index already exists in {}", dir.display());
    }
    let index = tantivy::Index::create(directory, schema, Default::default())?;
    register(&index);
    Ok((index, fields))
}

pub fn open(dir: &Path) -> Result<(tantivy::Index, Fields)> {
    let (schema, fields) = build_schema();
    let index = tantivy::Index::open(super::cache_dir::CacheDirectory::open(dir)?)?;
    if index.schema() != schema {
        anyhow::bail!("its schema differs from this casebook's");
    }
    register(&index);
    Ok((index, fields))
}

/// A writer sized for a 2-core machine. Bulk rebuilds get more memory so
/// they flush few, large segments.
pub fn writer(index: &tantivy::Index, bulk: bool) -> Result<IndexWriter> {
    let options = tantivy::indexer::IndexWriterOptions::builder()
        // A rebuild is bound by stemming in the indexing workers, so it
        // takes both cores; a one-entry update needs one small worker.
        .num_worker_threads(if bulk { 2 } else { 1 })
        .memory_budget_per_thread(if bulk { 80 << 20 } else { 20 << 20 })
        .num_merge_threads(1)
        .build();
    let writer: IndexWriter = index.writer_with_options(options)?;
    let mut policy = tantivy::merge_policy::LogMergePolicy::default();
    policy.set_min_num_segments(4);
    // Tantivy's default treats every segment under 10,000 documents as one
    // size, so a rebuild's last partial segment (a few thousand entries) was
    // merged again with every few one-entry segments: a `new` that took a
    // second. With a small floor, one-entry segments merge among themselves.
    policy.set_min_layer_size(64);
    policy.set_del_docs_ratio_before_merge(0.2);
    writer.set_merge_policy(Box::new(policy));
    Ok(writer)
}

/// Lowercases and folds accents the way the analyser does, without
/// stemming (for prefixes, which must stay as typed).
pub fn fold(text: &str) -> String {
    let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    let mut stream = analyzer.token_stream(text);
    let mut out = String::new();
    while let Some(token) = stream.next() {
        out.push_str(&token.text);
    }
    out
}

/// The terms the analyser makes of `text`.
pub fn analyze(index: &tantivy::Index, text: &str) -> Vec<String> {
    let mut analyzer = index.tokenizers().get(ANALYZER).unwrap_or_else(analyzer);
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

pub fn facet_token(field: &str, value: &str) -> String {
    format!(
        "{}={}",
        crate::filter::canonical_field(field),
        value.trim().to_lowercase()
    )
}

pub fn document(fields: &Fields, path: &str, blob: &str, entry: &Entry) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.path, path);
    doc.add_text(fields.id, entry.id.as_str());
    doc.add_text(fields.blob, blob);
    doc.add_text(fields.title, &entry.title);

    // The body field holds the Markdown body plus the kind's text fields
    // (a prediction, the phrases that worked) and the case reference, so
    // that one search finds them all.
    let mut body = String::with_capacity(entry.body.len() + 256);
    body.push_str(&entry.body);
    for spec in entry.kind.fields() {
        if matches!(spec.ty, FieldType::Text | FieldType::List) {
            for value in entry.values_of(spec.name) {
                body.push('\n');
                body.push_str(&value);
            }
        }
    }
    if let Some(case) = &entry.case {
        body.push('\n');
        body.push_str(case);
    }
    doc.add_text(fields.body, &body);

    let mut facet = |field: &str, value: &str| {
        if !value.is_empty() && value.len() <= 200 {
            doc.add_text(fields.facets, facet_token(field, value));
        }
    };
    facet("kind", entry.kind.as_str());
    facet("person", &entry.person);
    facet("id", entry.id.as_str());
    facet("private", if entry.private { "true" } else { "false" });
    for (name, values) in [
        ("skill", &entry.skills),
        ("tag", &entry.tags),
        ("product", &entry.products),
        ("link", &entry.links),
    ] {
        for v in values {
            facet(name, v);
        }
    }
    if let Some(case) = &entry.case {
        facet("case", case);
    }
    if let Some(tier) = &entry.tier {
        facet("tier", tier);
    }
    for name in entry.fields.keys() {
        for v in entry.values_of(name) {
            facet(name, &v);
        }
    }
    let day = entry.created.date_naive();
    let secs = day
        .and_hms_opt(0, 0, 0)
        .map(|d| d.and_utc().timestamp())
        .unwrap_or(0);
    doc.add_date(fields.created, tantivy::DateTime::from_timestamp_secs(secs));
    let mut meta = entry.to_json();
    if let Some(obj) = meta.as_object_mut() {
        obj.remove("body");
    }
    doc.add_text(fields.meta, meta.to_string());
    doc
}
