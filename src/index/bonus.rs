//! A query that scores its matches `bonus` above the inner query's score.
//!
//! Each free word of a search adds a constant far above any BM25 score, so
//! that entries matching more of the words come first. As a constant-score
//! copy of the word beside the word itself, every word's postings were read
//! twice; this wrapper reads them once and adds the constant to the score.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

#[derive(Debug)]
pub struct BonusQuery {
    inner: Box<dyn Query>,
    bonus: Score,
}

impl BonusQuery {
    pub fn new(inner: Box<dyn Query>, bonus: Score) -> BonusQuery {
        BonusQuery { inner, bonus }
    }
}

impl Clone for BonusQuery {
    fn clone(&self) -> Self {
        BonusQuery {
            inner: self.inner.box_clone(),
            bonus: self.bonus,
        }
    }
}

impl Query for BonusQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let inner = self.inner.weight(scoring)?;
        Ok(if scoring.is_scoring_enabled() {
            Box::new(BonusWeight {
                inner,
                bonus: self.bonus,
            })
        } else {
            inner
        })
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct BonusWeight {
    inner: Box<dyn Weight>,
    bonus: Score,
}

impl Weight for BonusWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(BonusScorer {
            inner: self.inner.scorer(reader, boost)?,
            bonus: boost * self.bonus,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut explanation = Explanation::new("word matched", self.bonus);
        explanation.add_detail(self.inner.explain(reader, doc)?);
        Ok(explanation)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.inner.count(reader)
    }
}

struct BonusScorer {
    inner: Box<dyn Scorer>,
    bonus: Score,
}

impl DocSet for BonusScorer {
    fn advance(&mut self) -> DocId {
        self.inner.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.inner.seek(target)
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }

    fn cost(&self) -> u64 {
        self.inner.cost()
    }
}

impl Scorer for BonusScorer {
    fn score(&mut self) -> Score {
        self.bonus + self.inner.score()
    }
}
