//! The floors of the benchmark harness (`bench/run.py`): what tantivy alone
//! does for casebook's search and rebuild, on the same journal, so that
//! casebook's figures can be read as ratios to work that cannot be skipped.
//!
//! Nothing here uses casebook's library: only tantivy, `toml` and
//! `serde_json`, with the same schema, the same analyser built from
//! tantivy's own filters (casebook's tokenizer splits text without CJK as
//! `SimpleTokenizer` does, and its stem cache returns tantivy's stems) and
//! the same writer settings.
//!
//! ```sh
//! cargo build --release --example bench_floor
//! bench_floor search JOURNAL LIMIT WORDS...   # open, query, fetch, snippets
//! bench_floor build JOURNAL OUT_DIR           # index every entry file anew
//! ```
//!
//! `search` prints the total and the hits' paths (the harness checks they
//! are casebook's); `build` prints the documents indexed and the seconds
//! spent in tantivy.

#![allow(clippy::print_stdout)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

const ANALYZER: &str = "casebook_en";
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "being", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has",
    "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "me", "more",
    "most", "my", "no", "not", "of", "on", "or", "other", "our", "she", "should", "so", "some",
    "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "to", "us", "was", "we", "were", "what", "when", "where", "which", "who", "whom",
    "why", "will", "with", "would", "you", "your",
];

struct Fields {
    path: Field,
    id: Field,
    blob: Field,
    title: Field,
    body: Field,
    keys: Field,
    facets: Field,
    created: Field,
    order: Field,
    meta: Field,
}

fn schema() -> (Schema, Fields) {
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
        body: b.add_text_field("body", text.clone()),
        keys: b.add_text_field("keys", text),
        facets: b.add_text_field("facets", STRING),
        created: b.add_date_field(
            "created",
            DateOptions::from(tantivy::schema::INDEXED)
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        ),
        order: b.add_u64_field("order", FAST),
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

fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push(t.text.clone());
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("search") if args.len() >= 4 => search(
            Path::new(&args[1]),
            args[2].parse().unwrap_or(10),
            &args[3..],
        ),
        Some("build") if args.len() == 3 => build(Path::new(&args[1]), Path::new(&args[2])),
        _ => Err("usage: bench_floor search JOURNAL LIMIT WORDS... | build JOURNAL OUT_DIR".into()),
    };
    if let Err(e) = result {
        eprintln!("bench_floor: {e}");
        std::process::exit(2);
    }
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// A query's pieces, as casebook's search reads them (the subset the
/// harness's queries use): free words, quoted phrases, `field:value`.
enum Piece {
    Word(String),
    Phrase(String),
    Facet(String),
}

fn pieces(words: &[String]) -> Vec<Piece> {
    let line = words.join(" ");
    let mut out = Vec::new();
    let mut rest = line.as_str();
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[start..];
        if let Some(tail) = rest.strip_prefix('"') {
            let end = tail.find('"').unwrap_or(tail.len());
            out.push(Piece::Phrase(tail[..end].to_string()));
            rest = tail.get(end + 1..).unwrap_or("");
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let token = &rest[..end];
        rest = &rest[end..];
        match token.split_once(':') {
            Some((field, value))
                if !value.is_empty()
                    && field.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') =>
            {
                let field = match field {
                    "tags" => "tag",
                    "skills" => "skill",
                    "products" => "product",
                    other => other,
                }
                .replace('-', "_");
                out.push(Piece::Facet(format!("{field}={}", value.to_lowercase())));
            }
            _ => out.push(Piece::Word(token.to_string())),
        }
    }
    out
}

fn journal_index(journal: &Path) -> Res<PathBuf> {
    let root = journal.join(".git/casebook/index");
    let current = std::fs::read_to_string(root.join("CURRENT"))?;
    Ok(root.join(current.trim()))
}

fn search(journal: &Path, limit: usize, words: &[String]) -> Res<()> {
    let (_, f) = schema();
    let index = Index::open_in_dir(journal_index(journal)?)?;
    index.tokenizers().register(ANALYZER, analyzer());
    let mut analyze = analyzer();
    let reader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()?;
    let reader: tantivy::IndexReader = reader;
    let searcher = reader.searcher();

    let pieces = pieces(words);
    let meaningful = pieces.iter().any(|p| match p {
        Piece::Word(w) => !STOPWORDS.contains(&w.to_lowercase().as_str()),
        Piece::Phrase(_) => true,
        Piece::Facet(_) => false,
    });
    let part = |ts: &[String]| -> Vec<(Occur, Box<dyn Query>)> {
        [(f.body, 1.0), (f.title, 0.25), (f.keys, 1.5)]
            .into_iter()
            .map(|(field, weight)| {
                let q: Box<dyn Query> = if ts.len() == 1 {
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, &ts[0]),
                        IndexRecordOption::WithFreqs,
                    ))
                } else {
                    Box::new(PhraseQuery::new(
                        ts.iter().map(|t| Term::from_field_text(field, t)).collect(),
                    ))
                };
                let q: Box<dyn Query> = if weight == 1.0 {
                    q
                } else {
                    Box::new(BoostQuery::new(q, weight))
                };
                (Occur::Should, q)
            })
            .collect()
    };
    let mut should = Vec::new();
    let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut snippet_terms: Vec<String> = Vec::new();
    let mut previous: Option<&str> = None;
    let stop = |w: &str| STOPWORDS.contains(&w.to_lowercase().as_str());
    let mut required = false;
    for p in &pieces {
        match p {
            Piece::Word(w) => {
                if !meaningful || !stop(w) {
                    let ts = terms(&mut analyze, w);
                    if !ts.is_empty() {
                        should.extend(part(&ts));
                        snippet_terms.extend(ts);
                    }
                }
                if let Some(a) = previous
                    && !stop(a)
                    && !stop(w)
                    && let [joined] = terms(&mut analyze, &format!("{a}{w}")).as_slice()
                    && searcher.doc_freq(&Term::from_field_text(f.body, joined))? > 0
                {
                    should.extend(part(std::slice::from_ref(joined)));
                    snippet_terms.push(joined.clone());
                }
                previous = Some(w);
            }
            Piece::Phrase(text) => {
                let ts = terms(&mut analyze, text);
                match ts.len() {
                    0 => {}
                    1 => should.extend(part(&ts)),
                    _ => {
                        required = true;
                        must.push((Occur::Must, Box::new(BooleanQuery::new(part(&ts)))));
                    }
                }
                snippet_terms.extend(ts);
                previous = None;
            }
            Piece::Facet(token) => {
                must.push((
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(f.facets, token),
                        IndexRecordOption::Basic,
                    )),
                ));
            }
        }
    }
    let should_words = !should.is_empty() || required;
    if !should.is_empty() {
        let occur = if required { Occur::Should } else { Occur::Must };
        must.push((occur, Box::new(BooleanQuery::new(should))));
    }
    for token in ["private=true", "kind=draft"] {
        must.push((
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_text(f.facets, token),
                IndexRecordOption::Basic,
            )),
        ));
    }
    if !must.iter().any(|(o, _)| *o == Occur::Must) {
        must.push((Occur::Must, Box::new(AllQuery)));
    }
    let query = BooleanQuery::new(must);
    let limit = limit.min(searcher.num_docs() as usize).max(1);
    // With no words to rank by, newest first (casebook's order then).
    let (total, top): (usize, Vec<(f32, tantivy::DocAddress)>) = if should_words {
        searcher.search(
            &query,
            &(Count, TopDocs::with_limit(limit).order_by_score()),
        )?
    } else {
        let (total, top) = searcher.search(
            &query,
            &(
                Count,
                TopDocs::with_limit(limit)
                    .order_by_fast_field::<u64>("order", tantivy::Order::Desc),
            ),
        )?;
        (total, top.into_iter().map(|(_, a)| (0.0, a)).collect())
    };

    let mut weights = BTreeMap::new();
    for t in snippet_terms {
        let df = searcher.doc_freq(&Term::from_field_text(f.body, &t))?
            + searcher.doc_freq(&Term::from_field_text(f.keys, &t))?;
        if df > 0 {
            weights.insert(t, 1.0 / (1.0 + df as f32));
        }
    }
    let generator = SnippetGenerator::new(weights, analyzer(), f.body, 160);
    let mut out = format!("{total}\n");
    for (_, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        let path = doc
            .get_first(f.path)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        let meta = doc
            .get_first(f.meta)
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let meta: serde_json::Value = serde_json::from_str(meta)?;
        let text = std::fs::read_to_string(journal.join(&path)).unwrap_or_default();
        let body = split(&text).map_or("", |(_, b)| b);
        let snippet = generator.snippet(body);
        let title = generator.snippet(meta["title"].as_str().unwrap_or_default());
        out.push_str(&format!(
            "{path}\t{}\t{}\n",
            snippet.fragment().len(),
            title.fragment().len()
        ));
    }
    print!("{out}");
    Ok(())
}

/// An entry file's TOML front matter and its body.
fn split(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("+++\n")?;
    let end = rest.find("\n+++\n")?;
    Some((&rest[..end], &rest[end + 5..]))
}

/// The fields every entry has; the rest are its kind's.
const COMMON: &[&str] = &[
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

fn build(journal: &Path, out: &Path) -> Res<()> {
    let mut files = Vec::new();
    for top in ["people", "private"] {
        walk(&journal.join(top), &mut files)?;
    }
    files.sort();
    let (schema, f) = schema();
    std::fs::create_dir_all(out)?;
    let settings = tantivy::IndexSettings {
        docstore_blocksize: 4096,
        docstore_compress_dedicated_thread: false,
        ..Default::default()
    };
    let start = Instant::now();
    let index = Index::create(
        tantivy::directory::MmapDirectory::open(out)?,
        schema,
        settings,
    )?;
    index.tokenizers().register(ANALYZER, analyzer());
    let options = tantivy::indexer::IndexWriterOptions::builder()
        .num_worker_threads(2)
        .memory_budget_per_thread(80 << 20)
        .num_merge_threads(1)
        .build();
    let mut writer: IndexWriter = index.writer_with_options(options)?;
    let mut policy = tantivy::merge_policy::LogMergePolicy::default();
    policy.set_min_num_segments(4);
    policy.set_min_layer_size(64);
    policy.set_del_docs_ratio_before_merge(0.2);
    writer.set_merge_policy(Box::new(policy));
    let mut n = 0u64;
    for file in &files {
        let text = std::fs::read_to_string(file)?;
        let Some((front, body)) = split(&text) else {
            continue;
        };
        let front: toml::Table = front.parse()?;
        let path = file.strip_prefix(journal)?.to_string_lossy().into_owned();
        writer.add_document(document(&f, &path, &front, body))?;
        n += 1;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    println!("{n}\t{:.3}", start.elapsed().as_secs_f64());
    Ok(())
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Res<()> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for e in read {
        let e = e?;
        let path = e.path();
        if e.file_type()?.is_dir() {
            walk(&path, files)?;
        } else if path.extension().is_some_and(|x| x == "md") {
            files.push(path);
        }
    }
    Ok(())
}

fn strings(value: &toml::Value) -> Vec<String> {
    match value {
        toml::Value::String(s) => vec![s.clone()],
        toml::Value::Array(a) => a.iter().flat_map(strings).collect(),
        other => vec![other.to_string()],
    }
}

/// The document casebook makes of an entry: the same fields, the same
/// texts (the title again in the body; the kind's text fields in `keys`),
/// a facet per front-matter value, the day, the order and the front matter
/// as JSON.
fn document(f: &Fields, path: &str, front: &toml::Table, body: &str) -> TantivyDocument {
    let get = |k: &str| {
        front
            .get(k)
            .and_then(toml::Value::as_str)
            .unwrap_or_default()
    };
    let mut doc = TantivyDocument::default();
    doc.add_text(f.path, path);
    doc.add_text(f.id, get("id"));
    doc.add_text(f.blob, "0000000000000000000000000000000000000000");
    doc.add_text(f.title, get("title"));
    doc.add_text(f.body, format!("{}\n{body}", get("title")));
    let mut keys = String::new();
    for (k, v) in front {
        if !COMMON.contains(&k.as_str())
            && matches!(v, toml::Value::String(_) | toml::Value::Array(_))
        {
            for s in strings(v) {
                keys.push_str(&s);
                keys.push('\n');
            }
        }
    }
    keys.push_str(get("case"));
    if !keys.is_empty() {
        doc.add_text(f.keys, &keys);
    }
    for (k, v) in front {
        if matches!(k.as_str(), "title" | "created" | "updated") {
            continue;
        }
        let field = match k.as_str() {
            "skills" => "skill",
            "tags" => "tag",
            "products" => "product",
            "links" => "link",
            other => other,
        };
        for s in strings(v) {
            if !s.is_empty() && s.len() <= 200 {
                doc.add_text(f.facets, format!("{field}={}", s.trim().to_lowercase()));
            }
        }
    }
    let created = front
        .get("created")
        .and_then(|v| v.as_datetime())
        .and_then(|d| d.date)
        .map(|d| {
            let days = days_from_civil(d.year as i64, d.month as i64, d.day as i64);
            days * 86400
        })
        .unwrap_or(0);
    doc.add_date(f.created, tantivy::DateTime::from_timestamp_secs(created));
    doc.add_u64(f.order, ((created + (1 << 40)) as u64) << 20);
    let meta: serde_json::Map<String, serde_json::Value> = front
        .iter()
        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.to_string())))
        .collect();
    doc.add_text(f.meta, serde_json::Value::Object(meta).to_string());
    doc
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
