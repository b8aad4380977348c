//! Static word embeddings: the building block of a "meaning" signal, which
//! says two texts are alike when they use related words, not only the same ones
//! ("mentored two juniors" and "teach and mentor engineers").
//!
//! The table is distilled from the sentence-transformers model
//! all-MiniLM-L6-v2 with model2vec's recipe by `scripts/distill-embeddings.py`:
//! one 256-dimensional row per WordPiece token, weighted so that rarer tokens
//! count more, stored as int8 with one `f32` scale per row
//! (`data/embeddings/minilm-256.bin`, layout in [`StaticEmbedding::from_bytes`];
//! the licence and attribution are in `data/embeddings/NOTICE`). A text's
//! embedding is the mean of its tokens' rows, L2-normalised, as model2vec's
//! `StaticModel.encode` computes it.
//!
//! This module owns the table, BERT's uncased tokenisation and the pooling. It
//! does not decide what is similar enough to map a claim ([`super::matcher`]
//! and [`super::imported`] do) or which claim shows a red flag
//! ([`super::meaning`] does).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::char::decompose_canonical;

/// The built-in table (`data/embeddings/minilm-256.bin`).
static BUILTIN_TABLE: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/embeddings/minilm-256.bin"));
/// The built-in table's vocabulary, line `i` naming row `i`.
static BUILTIN_VOCAB: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/embeddings/vocab.txt"));

/// The first eight bytes of a table file.
pub const MAGIC: &[u8; 8] = b"PLSEMB\0\0";
/// The table format version this module reads.
pub const VERSION: u32 = 1;
/// Words longer than this many characters (after normalisation) are unknown,
/// as in BERT's WordPiece (`max_input_chars_per_word`).
pub const MAX_WORD_CHARS: usize = 100;
/// Length of the header before the scales, in bytes.
const HEADER: usize = 24;

/// Why a table could not be read by [`StaticEmbedding::from_bytes`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmbeddingError {
    /// The bytes do not start with [`MAGIC`].
    BadMagic,
    /// The file's format version is not [`VERSION`].
    UnsupportedVersion(u32),
    /// The header says 0 dimensions.
    NoDimensions,
    /// The bytes are not as long as the header says: `expected` bytes, `found`.
    WrongLength {
        /// Length the header implies, in bytes.
        expected: usize,
        /// Length given, in bytes.
        found: usize,
    },
    /// The vocabulary does not have one line per row.
    VocabularyMismatch {
        /// Rows in the table.
        rows: usize,
        /// Lines in the vocabulary.
        tokens: usize,
    },
    /// A vocabulary line is empty or repeats an earlier one (1-based line number).
    BadToken(usize),
    /// A row's scale is negative, infinite or NaN (0-based row).
    BadScale(usize),
}

impl fmt::Display for EmbeddingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BadMagic => write!(f, "not an embedding table (bad magic)"),
            Self::UnsupportedVersion(v) => write!(f, "embedding table version {v}, expected {VERSION}"),
            Self::NoDimensions => write!(f, "embedding table with 0 dimensions"),
            Self::WrongLength { expected, found } => {
                write!(f, "embedding table is {found} bytes, its header says {expected}")
            }
            Self::VocabularyMismatch { rows, tokens } => {
                write!(f, "embedding table has {rows} rows but its vocabulary {tokens} tokens")
            }
            Self::BadToken(line) => write!(f, "vocabulary line {line} is empty or a duplicate"),
            Self::BadScale(row) => write!(f, "embedding row {row} has an invalid scale"),
        }
    }
}

impl std::error::Error for EmbeddingError {}

/// A table of token vectors and the WordPiece vocabulary that names its rows.
///
/// Immutable once built; share one (see [`StaticEmbedding::builtin`]) across
/// threads.
#[derive(Debug)]
pub struct StaticEmbedding {
    dims: usize,
    /// Row `i` is `rows[i * dims..(i + 1) * dims]`, each byte an `i8` times
    /// `scales[i]`; the built-in table's rows stay in the binary.
    rows: Cow<'static, [u8]>,
    scales: Vec<f32>,
    /// Token text of each row (`##`-prefixed for word continuations).
    tokens: Vec<Box<str>>,
    ids: HashMap<Box<str>, u32>,
    /// The longest token, in characters (without `##`): bounds the WordPiece search.
    longest: usize,
}

impl StaticEmbedding {
    /// Reads a table and its vocabulary.
    ///
    /// `table` is, little-endian: the 8 bytes [`MAGIC`]; `u32` version
    /// ([`VERSION`]); `u32` rows; `u32` dims; `u32` reserved; `rows` `f32`
    /// scales; then `rows × dims` `i8` values, row-major (value = `i8` × the
    /// row's scale). `vocab` has one token per line, line `i` naming row `i`.
    ///
    /// # Errors
    ///
    /// An [`EmbeddingError`] when the header is not this format, the length is
    /// not the header's, a scale is not finite and non-negative, or the
    /// vocabulary does not have exactly one distinct, non-empty token per row.
    pub fn from_bytes(table: &[u8], vocab: &str) -> Result<Self, EmbeddingError> {
        let rows = Self::check(table)?;
        Self::with_rows(table, Cow::Owned(table[HEADER + 4 * rows..].to_vec()), vocab)
    }

    /// [`StaticEmbedding::from_bytes`] for a table that lives as long as the
    /// program: its rows are read in place, not copied.
    ///
    /// # Errors
    ///
    /// As [`StaticEmbedding::from_bytes`].
    pub fn from_static(table: &'static [u8], vocab: &str) -> Result<Self, EmbeddingError> {
        let rows = Self::check(table)?;
        Self::with_rows(table, Cow::Borrowed(&table[HEADER + 4 * rows..]), vocab)
    }

    /// Checks the header and length of `table`; returns its number of rows.
    fn check(table: &[u8]) -> Result<usize, EmbeddingError> {
        if table.len() < HEADER || &table[..8] != MAGIC {
            return Err(EmbeddingError::BadMagic);
        }
        let word = |i: usize| u32::from_le_bytes([table[i], table[i + 1], table[i + 2], table[i + 3]]);
        let version = word(8);
        if version != VERSION {
            return Err(EmbeddingError::UnsupportedVersion(version));
        }
        let (rows, dims) = (word(12) as usize, word(16) as usize);
        if dims == 0 {
            return Err(EmbeddingError::NoDimensions);
        }
        let expected = rows
            .checked_mul(dims)
            .and_then(|n| n.checked_add(rows.checked_mul(4)?))
            .and_then(|n| n.checked_add(HEADER))
            .unwrap_or(usize::MAX);
        if table.len() != expected {
            return Err(EmbeddingError::WrongLength { expected, found: table.len() });
        }
        Ok(rows)
    }

    /// The table whose header [`StaticEmbedding::check`] accepted, with its
    /// `values` (the bytes after the scales) and vocabulary.
    fn with_rows(table: &[u8], values: Cow<'static, [u8]>, vocab: &str) -> Result<Self, EmbeddingError> {
        let word = |i: usize| u32::from_le_bytes([table[i], table[i + 1], table[i + 2], table[i + 3]]);
        let (rows, dims) = (word(12) as usize, word(16) as usize);
        let scales: Vec<f32> = table[HEADER..HEADER + 4 * rows]
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        if let Some(bad) = scales.iter().position(|s| !s.is_finite() || *s < 0.0) {
            return Err(EmbeddingError::BadScale(bad));
        }

        let tokens: Vec<Box<str>> = vocab.lines().map(Box::from).collect();
        if tokens.len() != rows {
            return Err(EmbeddingError::VocabularyMismatch { rows, tokens: tokens.len() });
        }
        let mut ids = HashMap::with_capacity(rows);
        let mut longest = 0;
        for (i, t) in tokens.iter().enumerate() {
            if t.is_empty() || ids.insert(t.clone(), i as u32).is_some() {
                return Err(EmbeddingError::BadToken(i + 1));
            }
            longest = longest.max(t.strip_prefix("##").unwrap_or(t).chars().count());
        }
        Ok(Self { dims, rows: values, scales, tokens, ids, longest })
    }

    /// The table built into the binary (all-MiniLM-L6-v2, 256 dimensions),
    /// read on first use (a few milliseconds) and shared afterwards.
    ///
    /// # Panics
    ///
    /// Never for a binary built from this repository: the built-in files are
    /// checked by a test.
    pub fn builtin() -> &'static StaticEmbedding {
        static BUILTIN: OnceLock<StaticEmbedding> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            StaticEmbedding::from_static(BUILTIN_TABLE, BUILTIN_VOCAB)
                .expect("the built-in embedding table is valid")
        })
    }

    /// Number of dimensions of every vector this table gives.
    pub fn dims(&self) -> usize {
        self.dims
    }

    /// Number of rows (tokens of the vocabulary).
    pub fn rows(&self) -> usize {
        self.tokens.len()
    }

    /// The row ids of `text`'s WordPiece tokens, in order: BERT's uncased basic
    /// tokenisation (control and unassigned characters dropped, NFD with
    /// nonspacing marks removed, lowercased, split on whitespace and
    /// punctuation, CJK ideographs apart), then greedy longest-match WordPiece
    /// with `##` continuations. A word that cannot be split into vocabulary
    /// pieces, or is longer than [`MAX_WORD_CHARS`], is left out (BERT would
    /// give `[UNK]`, which model2vec drops too). No `[CLS]`/`[SEP]` is added.
    ///
    /// This is the model's own tokenizer (the `tokenizers` BERT normalizer,
    /// pre-tokenizer and WordPiece of `tokenizer.json`) but for characters
    /// that Unicode has not assigned or leaves for private use, where that
    /// library's older tables keep some that this drops.
    pub fn token_ids(&self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let mut piece = String::new();
        basic_words(text, |word| self.word_pieces(word, &mut piece, &mut out));
        out
    }

    /// The token texts of `text`, as [`StaticEmbedding::token_ids`] splits it
    /// (`"unaffable"` → `["una", "##ffa", "##ble"]`).
    pub fn tokens(&self, text: &str) -> Vec<&str> {
        self.token_ids(text).into_iter().map(|i| &*self.tokens[i as usize]).collect()
    }

    /// The embedding of `text`: the mean of its tokens' rows, L2-normalised, a
    /// vector of [`StaticEmbedding::dims`] components with norm 1; all zeros
    /// when `text` has no known token (empty, only punctuation the vocabulary
    /// lacks, only unknown words).
    pub fn embed(&self, text: &str) -> Vec<f32> {
        let mut sum = vec![0.0f32; self.dims];
        let ids = self.token_ids(text);
        for &id in &ids {
            let id = id as usize;
            let scale = self.scales[id];
            let row = &self.rows[id * self.dims..(id + 1) * self.dims];
            for (s, &v) in sum.iter_mut().zip(row) {
                *s += scale * f32::from(v as i8);
            }
        }
        // The mean's length is irrelevant once normalised: divide by the norm only.
        normalise(&mut sum);
        sum
    }

    /// Appends the WordPiece ids of one basic-tokenised `word` to `out`, or
    /// nothing when the word is unknown. `piece` is scratch space.
    fn word_pieces(&self, word: &str, piece: &mut String, out: &mut Vec<u32>) {
        let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).chain([word.len()]).collect();
        let chars = bounds.len() - 1;
        if chars > MAX_WORD_CHARS {
            return;
        }
        let first = out.len();
        let mut start = 0;
        while start < chars {
            let mut end = chars.min(start + self.longest);
            let found = loop {
                if end == start {
                    break None;
                }
                piece.clear();
                if start > 0 {
                    piece.push_str("##");
                }
                piece.push_str(&word[bounds[start]..bounds[end]]);
                if let Some(&id) = self.ids.get(piece.as_str()) {
                    break Some(id);
                }
                end -= 1;
            };
            let Some(id) = found else {
                out.truncate(first);
                return;
            };
            out.push(id);
            start = end;
        }
    }
}

/// Cosine similarity of two vectors, in -1..=1; 0 when either is all zeros.
///
/// # Panics
///
/// When the lengths differ (vectors from different tables).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    assert_eq!(a.len(), b.len(), "cosine of vectors of different lengths");
    let (mut dot, mut na, mut nb) = (0.0f32, 0.0f32, 0.0f32);
    for (x, y) in a.iter().zip(b) {
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    if na == 0.0 || nb == 0.0 { 0.0 } else { (dot / (na.sqrt() * nb.sqrt())).clamp(-1.0, 1.0) }
}

/// BERT's `BasicTokenizer` (uncased): calls `emit` with each word, lowercased
/// and without accents, punctuation marks and CJK ideographs as words of their own.
fn basic_words(text: &str, mut emit: impl FnMut(&str)) {
    let mut word = String::new();
    let mut one = [0u8; 4];
    for c in text.chars() {
        if c == '\0' || c == '\u{FFFD}' || is_control(c) {
            continue;
        }
        if is_whitespace(c) {
            flush(&mut word, &mut emit);
            continue;
        }
        if is_cjk(c) {
            // A word of its own, in NFD (compatibility ideographs have a canonical form).
            flush(&mut word, &mut emit);
            decompose_canonical(c, |d| word.push(d));
            flush(&mut word, &mut emit);
            continue;
        }
        // NFD, nonspacing marks dropped, then lowercase (the order of the
        // `tokenizers` BertNormalizer that model2vec and sentence-transformers use).
        decompose_canonical(c, |d| {
            if get_general_category(d) == GeneralCategory::NonspacingMark {
                return;
            }
            for lower in d.to_lowercase() {
                if is_punctuation(lower) {
                    flush(&mut word, &mut emit);
                    emit(lower.encode_utf8(&mut one));
                } else {
                    word.push(lower);
                }
            }
        });
    }
    flush(&mut word, &mut emit);
}

fn flush(word: &mut String, emit: &mut impl FnMut(&str)) {
    if !word.is_empty() {
        emit(word);
        word.clear();
    }
}

/// Whitespace as the `tokenizers` BERT normalizer and pre-tokenizer see it:
/// Unicode White_Space (space separators, tab, newline, line and paragraph
/// separators, ...). Controls among them are removed before this is asked.
fn is_whitespace(c: char) -> bool {
    c.is_whitespace()
}

/// BERT's `_is_control`: any "C" category (control, format, unassigned,
/// private use, surrogate) but tab, newline and carriage return.
fn is_control(c: char) -> bool {
    use GeneralCategory as G;
    !matches!(c, '\t' | '\n' | '\r')
        && matches!(
            get_general_category(c),
            G::Control | G::Format | G::Unassigned | G::PrivateUse | G::Surrogate
        )
}

/// BERT's `_is_punctuation`: every non-alphanumeric ASCII symbol, and any "P" category.
fn is_punctuation(c: char) -> bool {
    use GeneralCategory as G;
    c.is_ascii_punctuation()
        || matches!(
            get_general_category(c),
            G::ConnectorPunctuation
                | G::DashPunctuation
                | G::OpenPunctuation
                | G::ClosePunctuation
                | G::InitialPunctuation
                | G::FinalPunctuation
                | G::OtherPunctuation
        )
}

/// BERT's `_is_chinese_char`: the CJK Unified Ideographs blocks.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF
        | 0x3400..=0x4DBF
        | 0x20000..=0x2A6DF
        | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F
        | 0x2B820..=0x2CEAF
        | 0xF900..=0xFAFF
        | 0x2F800..=0x2FA1F)
}

/// Scales `v` to unit length (a zero vector stays zero).
pub(super) fn normalise(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}
