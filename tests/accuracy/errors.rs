//! The error listing (`ACCURACY_ERRORS=1`): for every false positive and
//! false negative of the leave-one-document-out decisions, the claim that
//! scored best for the expectation under the shipped model, with its
//! signals. A tool for reading errors while developing; it prints nothing
//! unless asked.

use promolint::analysis::score::{self, Signals};
use promolint::rules::vocabulary::{MappingFile, PerSignal};

use crate::data::Row;

fn short(text: &str) -> String {
    let t: String = text.chars().take(150).collect();
    t.replace('\n', " ")
}

fn signal_list(s: &Signals) -> String {
    s.to_array()
        .iter()
        .zip(PerSignal::NAMES)
        .filter(|(v, _)| **v != 0.0)
        .map(|(v, n)| format!("{n}={v:.2}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Prints the errors of `decisions` on `rows` that `keep` accepts.
pub(crate) fn list(
    rows: &[Row],
    decisions: &[Vec<(bool, bool)>],
    model: &MappingFile,
    keep: &dyn Fn(&Row) -> bool,
) {
    println!("\nerrors (FP: said addressed, readers say not; FN: the reverse)");
    for (row, predicted) in rows.iter().zip(decisions).filter(|(r, _)| keep(r)) {
        for (e, ((id, agreed, _), (addressed, _))) in row.labels.iter().zip(predicted).enumerate() {
            let Some(label) = agreed else { continue };
            let kind = match (label.addressed(), *addressed) {
                (false, true) => "FP",
                (true, false) => "FN",
                _ => continue,
            };
            let best = row
                .claims
                .iter()
                .zip(&row.texts)
                .filter_map(|((s, _), t)| s.as_ref().map(|s| (score::score(model, &s[e]), s[e], t)))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            match best {
                Some((p, s, t)) => {
                    println!("{kind} {:<60} {id:<32} {p:.2} [{}] {:?}", row.name, signal_list(&s), short(t))
                }
                None => println!("{kind} {:<60} {id:<32} (no claim)", row.name),
            }
        }
    }
}

/// Writes every row's labels and claim signals as JSON to `path`
/// (`ACCURACY_DUMP=path`): for trying other fits and decisions outside the
/// harness while developing. Nothing is written unless asked.
pub(crate) fn dump(rows: &[Row], path: &str) {
    let out: Vec<serde_json::Value> = rows
        .iter()
        .map(|row| {
            let labels: Vec<serde_json::Value> = row
                .labels
                .iter()
                .map(|(id, agreed, _)| serde_json::json!([id, agreed.map(|l| l.addressed())]))
                .collect();
            let claims: Vec<serde_json::Value> = row
                .claims
                .iter()
                .zip(&row.texts)
                .map(|((s, ev), t)| {
                    let s = s.as_ref().map(|s| s.iter().map(|x| x.to_array().to_vec()).collect::<Vec<_>>());
                    serde_json::json!({"text": t, "evidence": ev, "signals": s})
                })
                .collect();
            serde_json::json!({"name": row.name, "document": row.document, "level": row.level,
                "two_readers": row.two_readers, "labels": labels, "claims": claims})
        })
        .collect();
    std::fs::write(path, serde_json::to_string(&out).unwrap_or_default())
        .unwrap_or_else(|e| panic!("{path}: {e}"));
}
