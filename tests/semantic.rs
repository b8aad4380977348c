//! The static word embeddings (`promolint::analysis::semantic`): the built-in
//! table loads, BERT's tokenisation splits words as the model's own tokenizer
//! does, and the vectors say what a reader would about which texts are alike.

use promolint::analysis::semantic::{EmbeddingError, MAGIC, StaticEmbedding, VERSION, cosine};

fn table() -> &'static StaticEmbedding {
    StaticEmbedding::builtin()
}

fn sim(a: &str, b: &str) -> f32 {
    cosine(&table().embed(a), &table().embed(b))
}

#[test]
fn builtin_table_has_one_256_dimensional_row_per_token() {
    let t = table();
    assert_eq!(t.dims(), 256);
    assert!(t.rows() > 29_000, "{} rows", t.rows());
    let v = t.embed("shipped the billing migration");
    assert_eq!(v.len(), 256);
    let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    assert!((norm - 1.0).abs() < 1e-5, "norm {norm}");
}

#[test]
fn mentoring_is_closer_to_teaching_than_to_on_call() {
    let claim = "Mentored two junior engineers";
    let mentor = sim(claim, "teach and mentor engineers");
    let on_call = sim(claim, "own the on-call rotation");
    assert!(mentor > on_call + 0.1, "mentor {mentor}, on-call {on_call}");
}

#[test]
fn paraphrases_sharing_no_word_are_closer_than_unrelated_claims() {
    // No word in common with the expectation, only related ones.
    let expectation = "improves the reliability of production services";
    let paraphrase = sim("cut outages and reduced downtime of our servers", expectation);
    let unrelated = sim("organised the team's holiday party", expectation);
    assert!(paraphrase > unrelated, "paraphrase {paraphrase}, unrelated {unrelated}");
    let hiring = sim("interviewed candidates and hired three engineers", "grows the team through recruiting");
    let hiring_vs_db = sim("interviewed candidates and hired three engineers", "designs database schemas");
    assert!(hiring > hiring_vs_db, "hiring {hiring}, database {hiring_vs_db}");
}

// The expected splits are those of the model's own tokenizer (transformers'
// BertTokenizer over the same vocab.txt), not of the toy vocabulary in BERT's
// docstring (which gives "un ##aff ##able").
#[test]
fn unknown_words_split_into_continuation_pieces() {
    assert_eq!(table().tokens("unaffable"), ["una", "##ffa", "##ble"]);
    assert_eq!(table().tokens("Mentored"), ["mentor", "##ed"]);
}

#[test]
fn tokenisation_lowercases_strips_accents_and_splits_punctuation() {
    assert_eq!(table().tokens("Café RÉSUMÉ"), ["cafe", "resume"]);
    assert_eq!(table().tokens("on-call, (p99)!"), ["on", "-", "call", ",", "(", "p", "##9", "##9", ")", "!"]);
    // Control characters vanish; non-breaking, ideographic and line-separator spaces separate.
    assert_eq!(table().tokens("a\u{7}b\u{a0}c\u{3000}d\u{2028}e"), ["ab", "c", "d", "e"]);
    // CJK ideographs are words of their own.
    assert_eq!(table().tokens("中文"), ["中", "文"]);
}

#[test]
fn words_longer_than_100_characters_or_not_in_the_vocabulary_are_skipped() {
    let long = "a".repeat(101);
    assert_eq!(table().tokens(&format!("ship {long} it")), ["ship", "it"]);
    assert!(table().tokens(&"a".repeat(100)).len() > 1);
    // An emoji is in no WordPiece of the vocabulary: the whole word goes.
    assert_eq!(table().tokens("ship🚀 it"), ["it"]);
}

#[test]
fn empty_text_gives_a_zero_vector_and_cosine_zero() {
    for text in ["", "   \n\t", "🚀🚀"] {
        let v = table().embed(text);
        assert_eq!(v.len(), 256);
        assert!(v.iter().all(|&x| x == 0.0), "{text:?}");
        assert_eq!(cosine(&v, &table().embed("mentored engineers")), 0.0);
        assert_eq!(cosine(&v, &v), 0.0);
    }
}

#[test]
fn a_text_is_most_like_itself_and_order_does_not_matter() {
    let a = table().embed("led the incident review");
    assert!((cosine(&a, &a) - 1.0).abs() < 1e-5);
    let b = table().embed("the incident review led");
    assert!((cosine(&a, &b) - 1.0).abs() < 1e-5);
}

/// A one-row-per-token table in the documented layout.
fn tiny_table(rows: &[[i8; 2]], scales: &[f32]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    for word in [VERSION, rows.len() as u32, 2, 0] {
        out.extend(word.to_le_bytes());
    }
    for s in scales {
        out.extend(s.to_le_bytes());
    }
    for r in rows {
        out.extend(r.iter().map(|&v| v as u8));
    }
    out
}

#[test]
fn a_table_in_the_documented_layout_loads_and_pools_rows() {
    let bytes = tiny_table(&[[127, 0], [0, 127], [-127, 0]], &[1.0, 0.5, 0.01]);
    let t = StaticEmbedding::from_bytes(&bytes, "north\neast\n##ward\n").unwrap();
    assert_eq!((t.rows(), t.dims()), (3, 2));
    let north = t.embed("north");
    assert!((north[0] - 1.0).abs() < 1e-6 && north[1] == 0.0);
    // The mean of (127, 0) and (0, 63.5), normalised: rows keep their scale.
    let v = t.embed("north east");
    assert!((v[0] - 127.0 / 127.0f32.hypot(63.5)).abs() < 1e-6, "{v:?}");
    assert_eq!(t.tokens("northward"), ["north", "##ward"]);
    assert!(t.tokens("ward").is_empty(), "a continuation never starts a word");
}

#[test]
fn malformed_tables_are_errors_not_panics() {
    let good = tiny_table(&[[1, 2]], &[1.0]);
    assert!(StaticEmbedding::from_bytes(&good, "a").is_ok());
    assert_eq!(StaticEmbedding::from_bytes(b"nope", "a").unwrap_err(), EmbeddingError::BadMagic);
    let mut v2 = good.clone();
    v2[8] = 2;
    assert_eq!(StaticEmbedding::from_bytes(&v2, "a").unwrap_err(), EmbeddingError::UnsupportedVersion(2));
    assert!(matches!(
        StaticEmbedding::from_bytes(&good[..good.len() - 1], "a").unwrap_err(),
        EmbeddingError::WrongLength { .. }
    ));
    assert_eq!(
        StaticEmbedding::from_bytes(&good, "a\nb").unwrap_err(),
        EmbeddingError::VocabularyMismatch { rows: 1, tokens: 2 }
    );
    let two = tiny_table(&[[1, 2], [3, 4]], &[1.0, 1.0]);
    assert_eq!(StaticEmbedding::from_bytes(&two, "a\na").unwrap_err(), EmbeddingError::BadToken(2));
    let nan = tiny_table(&[[1, 2]], &[f32::NAN]);
    assert_eq!(StaticEmbedding::from_bytes(&nan, "a").unwrap_err(), EmbeddingError::BadScale(0));
    // A header claiming more rows than any memory holds does not overflow.
    let mut huge = good.clone();
    huge[12..16].copy_from_slice(&u32::MAX.to_le_bytes());
    huge[16..20].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(matches!(
        StaticEmbedding::from_bytes(&huge, "a").unwrap_err(),
        EmbeddingError::WrongLength { .. }
    ));
}
