//! Repair of encoding damage in ladder text ("mojibake"): UTF-8 that was
//! once decoded as Mac Roman (`team‚Äôs`, `üèÜ Results`) or Windows-1252
//! (`othersâ€™`). Each run of non-ASCII characters is re-encoded in the legacy
//! encoding and decoded as UTF-8; when that succeeds the run was damage and
//! the repaired text replaces it. A repaired right single quote becomes an
//! ASCII apostrophe, as the rule files write it.

use encoding_rs::{Encoding, MACINTOSH, WINDOWS_1252};

/// `text` with mojibake runs repaired; text without damage comes back unchanged.
pub fn repair(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars() {
        if c.is_ascii() {
            flush(&mut run, &mut out);
            out.push(c);
        } else {
            run.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

fn flush(run: &mut String, out: &mut String) {
    if run.is_empty() {
        return;
    }
    let repaired = [MACINTOSH, WINDOWS_1252].into_iter().find_map(|enc| undo(run, enc));
    match repaired {
        Some(fixed) => out.push_str(&fixed.replace('\u{2019}', "'")),
        None => out.push_str(run),
    }
    run.clear();
}

/// Re-encodes `run` in `encoding` and decodes the bytes as UTF-8, if both
/// steps are exact and the result is shorter (real damage always is).
fn undo(run: &str, encoding: &'static Encoding) -> Option<String> {
    let (bytes, _, unmappable) = encoding.encode(run);
    if unmappable {
        return None;
    }
    let fixed = std::str::from_utf8(&bytes).ok()?;
    (fixed.chars().count() < run.chars().count()).then(|| fixed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::repair;

    #[test]
    fn repairs_mac_roman_and_windows_1252_damage_only() {
        assert_eq!(repair("my team‚Äôs goals"), "my team's goals");
        assert_eq!(repair("\u{F8FF}üèÜ Results"), "🏆 Results");
        assert_eq!(repair("projects ‚Äî potentially"), "projects — potentially");
        assert_eq!(repair("othersâ€™ learning"), "others' learning");
        // Genuine non-ASCII text stays as it is.
        assert_eq!(repair("practice area’s stack, café, 🦉"), "practice area’s stack, café, 🦉");
    }
}
