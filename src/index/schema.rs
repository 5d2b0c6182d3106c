//! The index schema, its text analyser and how an entry becomes a document.
//!
//! Bump `SCHEMA_VERSION` whenever a field or the analyser changes: existing
//! indexes then rebuild themselves on the next command.

use super::tokenizer::WordTokenizer;
use crate::entry::{Entry, FieldType};
use anyhow::Result;
use rustc_hash::FxHashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, Stemmer,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::{IndexWriter, TantivyDocument};

pub const SCHEMA_VERSION: u32 = 5;
const ANALYZER: &str = "casebook_en";

#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub path: Field,
    pub id: Field,
    pub blob: Field,
    pub title: Field,
    /// The title again and the Markdown body: the field every word is
    /// looked for in, so BM25 sees one text per entry (see `document`).
    pub body: Field,
    /// The kind's own text fields (a prediction and its actual cause, the
    /// phrases that worked) and the case reference: weighted above the body.
    pub keys: Field,
    /// `field=value` tokens for every filterable front-matter value.
    pub facets: Field,
    pub created: Field,
    /// Date order (`sort_key`): `created` holds only the day.
    pub order: Field,
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
        body: b.add_text_field("body", text.clone()),
        keys: b.add_text_field("keys", text),
        facets: b.add_text_field("facets", STRING),
        created: b.add_date_field(
            "created",
            DateOptions::from(tantivy::schema::INDEXED)
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        ),
        order: b.add_u64_field(ORDER, FAST),
        meta: b.add_text_field("meta", STORED),
    };
    (b.build(), fields)
}

fn analyzer() -> TextAnalyzer {
    analyzer_with(CachedStemmer {
        shared: false,
        only: None,
    })
}

/// The analyser for snippets of a search for `stems`: the same tokens,
/// with one stem cache shared by every copy, since tantivy copies the
/// analyser for each snippet and the hits of one search share most of
/// their words. A word that cannot stem to one of `stems` is left as it
/// is (see `could_stem_to`): a snippet only looks for those.
pub fn snippet_analyzer(stems: &[&str]) -> TextAnalyzer {
    let heads = stems
        .iter()
        .map(|s| s.as_bytes().first().copied())
        .collect::<Option<Vec<_>>>();
    analyzer_with(CachedStemmer {
        shared: true,
        only: heads.map(Arc::new),
    })
}

/// Could the English stemmer turn `word` into a stem starting with one of
/// `heads`? It rewrites a word's ending, never its first letter (only a
/// leading apostrophe goes, and the tokenizer keeps none), so a stem starts
/// with its word's first byte; tests check this on many words.
fn could_stem_to(word: &str, heads: &[u8]) -> bool {
    word.as_bytes().first().is_none_or(|b| heads.contains(b))
}

fn analyzer_with(stemmer: CachedStemmer) -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(stemmer)
        .build()
}

/// The English stemmer, remembering the words it has stemmed. Stemming was
/// a third of a rebuild's CPU, yet a journal's words repeat: most tokens
/// are a lookup. The stems are tantivy's own, so the index is unchanged.
#[derive(Clone)]
struct CachedStemmer {
    /// Copies share one cache (for snippets) instead of each starting empty
    /// (for indexing threads, which must not contend for a lock).
    shared: bool,
    /// Stem only words that may stem to a stem with one of these first
    /// bytes (for snippets); `None` stems every word.
    only: Option<Arc<Vec<u8>>>,
}

/// Distinct words remembered per cache; a journal's everyday vocabulary
/// fits, while a flood of one-off tokens (ticket numbers) cannot grow the
/// cache without bound.
const STEM_CACHE_WORDS: usize = 50_000;

type OneWordStemmer = <Stemmer as TokenFilter>::Tokenizer<RawTokenizer>;

fn one_word_stemmer() -> OneWordStemmer {
    Stemmer::new(Language::English).transform(RawTokenizer::default())
}

/// Fx rather than SipHash: the keys are short words from one's own
/// journal, and hashing them was a visible share of the lookups.
type Stems = FxHashMap<String, String>;

enum StemCache {
    Own(Box<HotStems>, Stems),
    Shared(Arc<Mutex<Stems>>),
}

impl StemCache {
    fn own() -> StemCache {
        StemCache::Own(Box::default(), Stems::default())
    }

    /// Replaces `text` with its stem.
    fn stem(&mut self, stemmer: &mut OneWordStemmer, text: &mut String) {
        match self {
            StemCache::Own(hot, stems) => {
                let Some(word) = HotWord::new(text) else {
                    return stem_with(stems, stemmer, text);
                };
                let slot = HotStems::slot_of(text);
                if let Some(stem) = hot.get(slot, word) {
                    text.clear();
                    text.push_str(stem);
                    return;
                }
                stem_with(stems, stemmer, text);
                if let Some(stem) = HotWord::new(text) {
                    hot.slots[slot] = (word, stem);
                }
            }
            StemCache::Shared(stems) => {
                let mut stems = stems.lock().unwrap_or_else(|e| e.into_inner());
                stem_with(&mut stems, stemmer, text)
            }
        }
    }
}

/// The last words stemmed, by hash, in one small table: a journal's
/// everyday words are answered here without touching the large map, whose
/// slot and key were a cache miss each (most of stemming's cost).
struct HotStems {
    slots: [(HotWord, HotWord); HOT_SLOTS],
}

/// 4,096 pairs of 16 bytes: 128 KB, which stays in a core's cache.
const HOT_SLOTS: usize = 4096;

impl Default for HotStems {
    fn default() -> Self {
        HotStems {
            slots: [(HotWord::default(), HotWord::default()); HOT_SLOTS],
        }
    }
}

impl HotStems {
    fn slot_of(word: &str) -> usize {
        use std::hash::{BuildHasher, BuildHasherDefault};
        let hash = BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(word);
        // The top bits of a multiplicative hash are its best mixed.
        (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - HOT_SLOTS.trailing_zeros())) as usize
    }

    fn get(&self, slot: usize, word: HotWord) -> Option<&str> {
        let (key, stem) = &self.slots[slot];
        (key.bits() == word.bits()).then(|| stem.as_str())
    }
}

/// A word of up to 15 bytes, inline, its length first: comparing two is
/// one 16-byte comparison that reads no other memory. Empty slots hold
/// the empty word, which no token is.
#[derive(Clone, Copy, Default)]
struct HotWord([u8; 16]);

impl HotWord {
    fn new(word: &str) -> Option<HotWord> {
        let mut bytes = [0; 16];
        bytes
            .get_mut(1..=word.len())?
            .copy_from_slice(word.as_bytes());
        bytes[0] = word.len() as u8;
        Some(HotWord(bytes))
    }

    fn bits(&self) -> u128 {
        u128::from_ne_bytes(self.0)
    }

    fn as_str(&self) -> &str {
        // Always a whole word copied from a `str`, so always UTF-8.
        std::str::from_utf8(&self.0[1..=self.0[0] as usize]).unwrap_or_default()
    }
}

fn stem_with(stems: &mut Stems, stemmer: &mut OneWordStemmer, text: &mut String) {
    if let Some(stem) = stems.get(text.as_str()) {
        text.clear();
        text.push_str(stem);
        return;
    }
    let mut stream = stemmer.token_stream(text);
    let stem = if stream.advance() {
        std::mem::take(&mut stream.token_mut().text)
    } else {
        text.clone()
    };
    if stems.len() < STEM_CACHE_WORDS {
        stems.insert(std::mem::take(text), stem.clone());
    }
    *text = stem;
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemFilter<T> {
        CachedStemFilter {
            inner,
            stemmer: one_word_stemmer(),
            only: self.only,
            stems: if self.shared {
                StemCache::Shared(Arc::default())
            } else {
                StemCache::own()
            },
        }
    }
}

struct CachedStemFilter<T> {
    inner: T,
    stemmer: OneWordStemmer,
    only: Option<Arc<Vec<u8>>>,
    stems: StemCache,
}

impl<T: Clone> Clone for CachedStemFilter<T> {
    fn clone(&self) -> Self {
        CachedStemFilter {
            inner: self.inner.clone(),
            stemmer: one_word_stemmer(),
            only: self.only.clone(),
            stems: match &self.stems {
                // Each indexing thread clones the analyser: start it with an
                // empty cache rather than copying another thread's.
                StemCache::Own(..) => StemCache::own(),
                StemCache::Shared(stems) => StemCache::Shared(Arc::clone(stems)),
            },
        }
    }
}

impl<T: Tokenizer> Tokenizer for CachedStemFilter<T> {
    type TokenStream<'a> = CachedStemStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemStream {
            tail: self.inner.token_stream(text),
            stemmer: &mut self.stemmer,
            only: self.only.as_deref().map(Vec::as_slice),
            stems: &mut self.stems,
        }
    }
}

struct CachedStemStream<'a, T> {
    tail: T,
    stemmer: &'a mut OneWordStemmer,
    only: Option<&'a [u8]>,
    stems: &'a mut StemCache,
}

impl<T: TokenStream> TokenStream for CachedStemStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &mut self.tail.token_mut().text;
        if self.only.is_none_or(|heads| could_stem_to(text, heads)) {
            self.stems.stem(self.stemmer, text);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
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
    // A hit's stored fields are read by decompressing the whole block that
    // holds them: 4 KB blocks instead of tantivy's 16 KB make the twenty
    // fetches of a search a quarter of the work, for a store a fifth larger.
    let settings = tantivy::IndexSettings {
        docstore_blocksize: 4096,
        docstore_compress_dedicated_thread: false,
        ..Default::default()
    };
    let index = tantivy::Index::create(directory, schema, settings)?;
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
    let mut analyzer = TextAnalyzer::builder(WordTokenizer::default())
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

/// The terms the analyser makes of a query's texts, one text at a time.
/// One analyser serves every call: each copy of it starts its own stem
/// cache (a 128 KB table to clear), and a pasted query has dozens of words.
pub fn query_analyzer(index: &tantivy::Index) -> impl Fn(&str) -> Vec<String> {
    let analyzer =
        std::cell::RefCell::new(index.tokenizers().get(ANALYZER).unwrap_or_else(analyzer));
    move |text| {
        let mut analyzer = analyzer.borrow_mut();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push(token.text.clone());
        }
        out
    }
}

pub fn facet_token(field: &str, value: &str) -> String {
    // Built in place: a rebuild makes a few million of these.
    let field = crate::filter::canonical_field(field);
    let value = value.trim();
    let mut token = String::with_capacity(field.len() + 1 + value.len());
    token.push_str(&field);
    token.push('=');
    if value.is_ascii() {
        token.extend(value.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        token.push_str(&value.to_lowercase());
    }
    token
}

pub fn document(fields: &Fields, path: &str, blob: &str, entry: &Entry) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.path, path);
    doc.add_text(fields.id, entry.id.as_str());
    doc.add_text(fields.blob, blob);
    doc.add_text(fields.title, &entry.title);

    // The body field holds the title and the Markdown body: BM25 over one
    // text per entry, with the title field's weight on top, ranks better
    // than the title in its own field only (CISI nDCG@10 0.394 against at
    // best 0.383; see `rank::TITLE_WEIGHT`).
    let mut body = String::with_capacity(entry.title.len() + 1 + entry.body.len());
    body.push_str(&entry.title);
    body.push('\n');
    body.push_str(&entry.body);
    // Aliases are other titles (Obsidian's `aliases`): one search finds them.
    for alias in &entry.aliases {
        body.push('\n');
        body.push_str(alias);
    }
    doc.add_text(fields.body, &body);
    // The kind's text fields (a prediction, the phrases that worked) and the
    // case reference, so that one search finds them all.
    let mut keys = String::new();
    for spec in entry.kind.fields() {
        if matches!(spec.ty, FieldType::Text | FieldType::List) {
            for value in entry.values_of(spec.name) {
                keys.push_str(&value);
                keys.push('\n');
            }
        }
    }
    if let Some(case) = &entry.case {
        keys.push_str(case);
    }
    if !keys.is_empty() {
        doc.add_text(fields.keys, &keys);
    }

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
    doc.add_u64(
        fields.order,
        sort_key(entry.created.timestamp_millis(), path),
    );
    doc.add_text(fields.meta, meta_json(entry));
    doc
}

/// The fast field that orders entries by date.
pub const ORDER: &str = "order";

/// Orders entries by the millisecond they were created (a second two
/// writes share carries milliseconds in the file), then by a hash of the
/// path: entries of the same instant (an import of dates without times)
/// come in the same order whichever way the index was built, rather than
/// in the order its documents happen to lie.
fn sort_key(millis: i64, path: &str) -> u64 {
    let hash = crate::entry::path_hash(path);
    // Milliseconds within ±2^50 (35,000 years) keep their order in 51 bits.
    let millis = (millis.clamp(-(1 << 50), (1 << 50) - 1) + (1 << 50)) as u64;
    millis << 13 | hash & 0x1fff
}

/// `Entry::to_json` without the body, serialised straight from the entry:
/// building the JSON tree (and a copy of the body only to drop it) was a
/// tenth of a rebuild's main thread. Same keys, same order, same text.
fn meta_json(entry: &Entry) -> String {
    #[derive(serde::Serialize)]
    struct Meta<'a> {
        id: &'a crate::entry::EntryId,
        kind: &'a str,
        title: &'a str,
        person: &'a str,
        created: String,
        updated: Option<String>,
        skills: &'a [String],
        tags: &'a [String],
        products: &'a [String],
        case: &'a Option<String>,
        tier: &'a Option<String>,
        links: &'a [String],
        private: bool,
        #[serde(skip_serializing_if = "<[String]>::is_empty")]
        aliases: &'a [String],
        #[serde(skip_serializing_if = "Option::is_none")]
        imported_from: &'a Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        import_hash: &'a Option<String>,
        fields: KindFields<'a>,
    }
    struct KindFields<'a>(&'a std::collections::BTreeMap<String, toml::Value>);
    impl serde::Serialize for KindFields<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_map(
                self.0
                    .iter()
                    .map(|(k, v)| (k, crate::entry::toml_to_json(v))),
            )
        }
    }
    let meta = Meta {
        id: &entry.id,
        kind: entry.kind.as_str(),
        title: &entry.title,
        person: &entry.person,
        created: entry.created.to_rfc3339(),
        updated: entry.updated.map(|d| d.to_rfc3339()),
        skills: &entry.skills,
        tags: &entry.tags,
        products: &entry.products,
        case: &entry.case,
        tier: &entry.tier,
        links: &entry.links,
        private: entry.private,
        aliases: &entry.aliases,
        imported_from: &entry.imported_from,
        import_hash: &entry.import_hash,
        fields: KindFields(&entry.fields),
    };
    serde_json::to_string(&meta).unwrap_or_default()
}

/// The entry back from `meta_json`, read straight into its types: going
/// through a JSON tree cost a quarter of a search's document fetch. Text
/// that does not fit the types (an index written by an older casebook)
/// takes the tree route, which forgives more.
pub fn entry_from_meta(text: &str) -> Option<Entry> {
    #[derive(serde::Deserialize)]
    struct Meta {
        id: String,
        kind: String,
        title: String,
        person: String,
        created: String,
        updated: Option<String>,
        #[serde(default)]
        skills: Vec<String>,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        products: Vec<String>,
        case: Option<String>,
        tier: Option<String>,
        #[serde(default)]
        links: Vec<String>,
        #[serde(default)]
        private: bool,
        #[serde(default)]
        aliases: Vec<String>,
        imported_from: Option<String>,
        import_hash: Option<String>,
        #[serde(default)]
        fields: std::collections::BTreeMap<String, serde_json::Value>,
    }
    let Ok(m) = serde_json::from_str::<Meta>(text) else {
        return Entry::from_json(&serde_json::from_str(text).ok()?);
    };
    let date = |d: &str| chrono::DateTime::parse_from_rfc3339(d).ok();
    Some(Entry {
        id: crate::entry::EntryId::parse_lenient(&m.id)?,
        kind: m.kind.parse().ok()?,
        title: m.title,
        person: m.person,
        created: date(&m.created)?,
        updated: m.updated.as_deref().and_then(date),
        skills: m.skills,
        tags: m.tags,
        products: m.products,
        case: m.case,
        tier: m.tier,
        links: m.links,
        private: m.private,
        aliases: m.aliases,
        imported_from: m.imported_from,
        import_hash: m.import_hash,
        fields: m
            .fields
            .iter()
            .filter_map(|(k, v)| crate::entry::json_to_toml(v).map(|t| (k.clone(), t)))
            .collect(),
        body: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::SimpleTokenizer;

    #[test]
    fn the_sort_key_orders_by_millisecond_then_by_path() {
        let a = "people/ana/2025/01/a.md";
        let b = "people/ana/2025/01/b.md";
        // Time decides first, before 1970 too.
        for (earlier, later) in [
            (-86_400_000, 0),
            (0, 1),
            (1_700_000_000_000, 1_700_000_000_001),
        ] {
            assert!(sort_key(earlier, a) < sort_key(later, b));
            assert!(sort_key(earlier, b) < sort_key(later, a));
        }
        // Within one millisecond, the path decides, the same way every time.
        assert_ne!(sort_key(5, a), sort_key(5, b));
        assert_eq!(sort_key(5, a), sort_key(5, a));
    }

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn the_hot_stem_table_changes_no_token_when_its_slots_collide() {
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build();
        // Far more words than slots, of every length around the inline
        // limit (15 bytes), each seen several times.
        let stems = [
            "refund",
            "escalat",
            "happi",
            "generous",
            "configur",
            "abcdefghijklm",
        ];
        let endings = ["", "s", "ing", "ed", "ly", "ness", "ation", "ies"];
        let words: Vec<String> = (0..3000)
            .flat_map(|i| {
                let stem = stems[i % stems.len()];
                endings
                    .iter()
                    .map(move |e| format!("{stem}{}{e}", i / stems.len()))
            })
            .collect();
        let text = words.join(" ");
        let expected = tokens(&mut plain, &text);
        let mut cached = analyzer();
        assert_eq!(tokens(&mut cached, &text), expected);
        assert_eq!(tokens(&mut cached, &text), expected);
    }

    #[test]
    fn the_stem_cache_changes_no_token() {
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build();
        let text = "Refunds refunded; the REFUNDING customer's café was generously \
                    refunded again. Généralement, running runners ran 4821 ZD-4821 x "
            .repeat(3);
        let expected = tokens(&mut plain, &text);
        let mut cached = analyzer();
        // The first pass fills the cache, the second reads from it.
        assert_eq!(tokens(&mut cached, &text), expected);
        assert_eq!(tokens(&mut cached, &text), expected);
        assert_eq!(tokens(&mut cached.clone(), &text), expected);
        // Looking for every stem in the text: every word is stemmed.
        let all: Vec<&str> = expected.iter().map(|t| t.0.as_str()).collect();
        let mut shared = snippet_analyzer(&all);
        assert_eq!(tokens(&mut shared.clone(), &text), expected);
        assert_eq!(tokens(&mut shared, &text), expected);
        // Looking only for `refund`: every word that stems to it still does.
        let mut narrow = snippet_analyzer(&["refund"]);
        let refunds = |t: Vec<(String, usize, usize, usize)>| {
            t.into_iter()
                .filter(|t| t.0 == "refund")
                .collect::<Vec<_>>()
        };
        let got = tokens(&mut narrow, &text);
        assert_eq!(got.len(), expected.len());
        assert_eq!(refunds(got), refunds(expected));
    }

    fn stem(word: &str) -> String {
        let mut stemmer = one_word_stemmer();
        let mut stream = stemmer.token_stream(word);
        stream.advance();
        stream.token().text.clone()
    }

    #[test]
    fn stems_keep_their_words_first_byte() {
        // The English stemmer's special cases and suffix rules.
        for word in [
            "skis",
            "skies",
            "dying",
            "lying",
            "tying",
            "idly",
            "gently",
            "ugly",
            "early",
            "only",
            "singly",
            "news",
            "howe",
            "atlas",
            "cosmos",
            "bias",
            "andes",
            "ies",
            "aed",
            "yes",
            "youth",
            "yyy",
            "eed",
            "ied",
            "sses",
            "ing",
            "ed",
            "ly",
            "s",
            "y",
            "generously",
            "communism",
            "arsenal",
            "agreed",
            "ties",
            "cries",
            "hopping",
            "relational",
            "conditional",
            "valenci",
            "digitizer",
            "ional",
            "ousli",
            "éé",
            "über",
            "naïve",
            "ñs",
            "ab",
            "a",
        ] {
            let s = stem(word);
            assert!(
                s == word || s.as_bytes().first() == word.as_bytes().first(),
                "{word:?} -> {s:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn any_token_stems_to_a_stem_with_its_first_byte(word in "[a-z]{1,14}|[a-z0-9éüñ]{1,10}") {
            let s = stem(&word);
            proptest::prop_assert!(
                s == word || s.as_bytes().first() == word.as_bytes().first(),
                "{:?} -> {:?}", word, s
            );
        }
    }

    #[test]
    fn meta_is_the_entry_json_without_its_body() {
        let text = "+++\nid = \"01hx7k2m9q\"\nkind = \"diagnosis\"\ntitle = \"Refund \\\"loop\\\"\"\n\
                    person = \"ana-lima\"\ncreated = 2026-03-04T10:00:00+01:00\n\
                    updated = 2026-03-05T11:00:00Z\nskills = [\"complex-case-diagnosis\"]\n\
                    tags = [\"billing\", \"Ünïcode\"]\ncase = \"ZD-1\"\n\
                    prediction = \"stale cache\"\nconfidence = 70\nverdict = \"hit\"\n\
                    +++\nBody with a refund.\n";
        let parsed = crate::entry::parse(text, "people/ana-lima/x.md").unwrap();
        let mut entries = vec![parsed.entry];
        let created = chrono::DateTime::parse_from_rfc3339("2026-03-04T10:00:00+00:00").unwrap();
        let mut plain = Entry::new(crate::entry::Kind::Note, "Plain", "bo", created);
        plain.body = "text".into();
        plain.fields.insert("when".into(), toml::Value::Float(1.5));
        entries.push(plain);
        for e in entries {
            let mut old = e.to_json();
            old.as_object_mut().unwrap().remove("body");
            assert_eq!(meta_json(&e), old.to_string());
            // And back: the typed read gives what the tree read gives.
            let back = entry_from_meta(&meta_json(&e)).unwrap();
            assert_eq!(Some(&back), Entry::from_json(&old).as_ref());
            assert_eq!(
                back,
                Entry {
                    body: String::new(),
                    ..e
                }
            );
        }
        // Text an older casebook may have written still reads.
        let loose = r#"{"id":"klmnopqrst","kind":"note","title":"t","person":"p",
            "created":"2026-01-01T00:00:00Z","skills":[1,"a"],"private":"no"}"#;
        let e = entry_from_meta(loose).unwrap();
        assert_eq!((e.skills, e.private), (vec!["a".to_string()], false));
    }
}
