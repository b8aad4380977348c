//! Red flags by meaning: for each common red flag, a logistic model over a
//! claim's static embedding ([`super::semantic`]) that finds what the flag's
//! patterns miss ("Slept at my desk twice during the final stretch" is
//! overwork; no pattern names a desk).
//!
//! The weights are data (`data/red-flags/meaning.json`), fitted by
//! `tests/red_flag_meaning.rs` on the labelled lines of `fixtures/red-flags/`
//! (the development batches only; a batch held out for scoring takes no
//! part). A flag has a model only where, fitted without one development
//! batch, it raised that flag's F1 on that batch over the patterns alone.
//! [`super::flags`] owns when a model's finding is reported: only on a claim
//! the flag's patterns give nothing.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::semantic::StaticEmbedding;
use crate::lint::Code;

/// The built-in models (`data/red-flags/meaning.json`).
static BUILTIN_JSON: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/red-flags/meaning.json"));

/// `data/red-flags/meaning.json` as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeaningFile {
    /// How the file was made, for a reader.
    pub about: String,
    /// The probability, in 0..=1, at and above which a claim shows the flag.
    pub cutoff: f32,
    /// The inverse L2 regularisation strength the weights were fitted with
    /// (the loss is ½‖w‖² + C·Σ balanced log-loss).
    pub c: f64,
    /// One model per flag that has one.
    pub flags: Vec<FlagWeights>,
}

/// One flag's logistic model: `p = σ(bias + weights · embedding)`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagWeights {
    /// The flag's lint code (`overwork`, `vague-claim`, ...).
    pub code: String,
    /// The intercept.
    pub bias: f32,
    /// One weight per embedding dimension ([`StaticEmbedding::dims`]).
    pub weights: Vec<f32>,
}

/// The models, ready to score claims.
#[derive(Debug, Clone)]
pub struct MeaningModel {
    cutoff: f32,
    flags: Vec<(Code, f32, Vec<f32>)>,
}

impl MeaningModel {
    /// The built-in models.
    ///
    /// # Panics
    ///
    /// Never for a binary built from this repository: the built-in file is
    /// checked by `tests/red_flag_meaning.rs`.
    pub fn builtin() -> &'static MeaningModel {
        static BUILTIN: OnceLock<MeaningModel> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let file: MeaningFile =
                serde_json::from_str(BUILTIN_JSON).expect("the built-in meaning models parse");
            MeaningModel::new(&file, StaticEmbedding::builtin().dims())
                .expect("the built-in meaning models are valid")
        })
    }

    /// The models of `file` for embeddings of `dims` dimensions.
    ///
    /// # Errors
    ///
    /// A flag that is no lint code, a weight vector of another length, a
    /// cutoff outside 0..=1 or a number that is not finite.
    pub fn new(file: &MeaningFile, dims: usize) -> Result<MeaningModel, String> {
        if !(0.0..=1.0).contains(&file.cutoff) {
            return Err(format!("cutoff {} is not in 0..=1", file.cutoff));
        }
        let mut flags = Vec::with_capacity(file.flags.len());
        for f in &file.flags {
            let code: Code = f.code.parse()?;
            if f.weights.len() != dims {
                return Err(format!("`{}` has {} weights, not {dims}", f.code, f.weights.len()));
            }
            if !f.bias.is_finite() || f.weights.iter().any(|w| !w.is_finite()) {
                return Err(format!("`{}` has a weight that is not a finite number", f.code));
            }
            flags.push((code, f.bias, f.weights.clone()));
        }
        Ok(MeaningModel { cutoff: file.cutoff, flags })
    }

    /// Whether `code` has a model.
    pub fn has(&self, code: Code) -> bool {
        self.flags.iter().any(|(c, _, _)| *c == code)
    }

    /// The probability, in 0..=1, at and above which a claim shows a flag.
    pub fn cutoff(&self) -> f32 {
        self.cutoff
    }

    /// Each modelled flag's probability, in 0..=1, for a text whose
    /// embedding is `embedding` ([`StaticEmbedding::embed`]).
    pub fn probabilities(&self, embedding: &[f32]) -> Vec<(Code, f32)> {
        self.flags
            .iter()
            .map(|(code, bias, w)| {
                let z = bias + w.iter().zip(embedding).map(|(a, b)| a * b).sum::<f32>();
                (*code, 1.0 / (1.0 + (-z).exp()))
            })
            .collect()
    }

    /// The flags `text` shows by meaning: each modelled flag whose
    /// probability is at least the cutoff, with that probability. Nothing
    /// for a text with no known word.
    pub fn find(&self, text: &str) -> Vec<(Code, f32)> {
        if self.flags.is_empty() {
            return Vec::new();
        }
        let embedding = StaticEmbedding::builtin().embed(text);
        if embedding.iter().all(|v| *v == 0.0) {
            return Vec::new();
        }
        self.probabilities(&embedding).into_iter().filter(|(_, p)| *p >= self.cutoff).collect()
    }
}
