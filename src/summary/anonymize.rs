//! `summary --anonymize`: pseudonyms from a keyed hash, and masking of the
//! candidate's names, e-mail addresses and handles in every quoted text.
//!
//! A pseudonym is `Candidate ` and five characters of HMAC-SHA-256 over the
//! candidate's folded name (the path when there is none) under a secret
//! [`Key`]: the same candidate gets the same pseudonym whatever other packets
//! the run holds, and nobody without the key can recompute it from a staff
//! list. Names are matched *folded*: Unicode compatibility-decomposed (NFKD,
//! so NFC, NFD and NFKC spellings agree), accents and case dropped, white
//! space collapsed. Every part of the name (each given name, the surname,
//! each half of a hyphenated one), the whole name and each `aliases:` entry is
//! masked where a word boundary surrounds it.
//!
//! It does not read or write files: the command does ([`KeyFile`] is the
//! shape it writes).

use std::sync::LazyLock;

use hmac::{KeyInit, Mac};
use regex::Regex;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// What masked e-mail addresses become.
pub const EMAIL: &str = "[email]";
/// What masked `@handles` become.
pub const HANDLE: &str = "[handle]";

/// The alphabet of pseudonym codes (Crockford's base 32: no I, L, O, U).
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters of a pseudonym code: 25 bits, so two of 100 candidates share
/// one with a chance of about 1 in 7,000; [`pseudonyms`] lengthens both when they do.
const CODE_LEN: usize = 5;

/// A secret key for pseudonyms: 32 bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct Key([u8; 32]);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(..)")
    }
}

impl Key {
    /// A key from its bytes (tests use fixed ones).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Key(bytes)
    }

    /// A fresh random key from the operating system.
    ///
    /// # Errors
    /// The operating system gave no random bytes.
    pub fn random() -> Result<Self, getrandom::Error> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)?;
        Ok(Key(bytes))
    }

    /// The key as 64 lowercase hex digits.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// A key from 64 hex digits; `None` when it is not that.
    pub fn from_hex(hex: &str) -> Option<Self> {
        let hex = hex.trim();
        if hex.len() != 64 || !hex.is_ascii() {
            return None;
        }
        let mut bytes = [0u8; 32];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(Key(bytes))
    }

    /// HMAC-SHA-256 of `identity` under the key.
    fn digest(&self, identity: &str) -> [u8; 32] {
        // HMAC takes keys of any length, so this never fails.
        let mut mac = <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(&self.0)
            .unwrap_or_else(|_| unreachable!("HMAC accepts 32-byte keys"));
        mac.update(identity.as_bytes());
        mac.finalize().into_bytes().into()
    }
}

/// The file `--anonymize-key FILE` reads and writes: the key and, for the
/// committee chair, which pseudonym stands for whom.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFile {
    /// Format version, 1.
    pub version: u32,
    /// The key, 64 hex digits.
    pub key: String,
    /// One entry per packet of the run that wrote it, by pseudonym.
    #[serde(default)]
    pub pseudonyms: Vec<KeyEntry>,
}

/// One pseudonym and whom it stands for.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct KeyEntry {
    /// `Candidate XXXXX`.
    pub pseudonym: String,
    /// The candidate's name as the front matter gives it.
    pub candidate: Option<String>,
    /// The packet's path.
    pub path: String,
}

/// Folds text for matching names: NFKD, combining marks dropped, lowercase,
/// white space collapsed to one space.
pub fn fold(s: &str) -> String {
    let folded: String = s.nfkd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The pseudonym code of each identity (the folded candidate name, or the
/// path), parallel to `identities`: `CODE_LEN` characters, more for the
/// rare identities whose codes would collide.
pub fn pseudonyms(key: &Key, identities: &[String]) -> Vec<String> {
    let digests: Vec<[u8; 32]> = identities.iter().map(|i| key.digest(i)).collect();
    let code = |d: &[u8; 32], len: usize| -> String {
        // Five bits per character, from the digest's bits in order.
        (0..len)
            .map(|k| {
                let bit = k * 5;
                let word = u16::from_be_bytes([d[bit / 8], d.get(bit / 8 + 1).copied().unwrap_or(0)]);
                ALPHABET[usize::from((word >> (11 - bit % 8)) & 31)] as char
            })
            .collect()
    };
    let short: Vec<String> = digests.iter().map(|d| code(d, CODE_LEN)).collect();
    identities
        .iter()
        .zip(&digests)
        .zip(&short)
        .map(|((id, d), s)| {
            let clash = identities.iter().zip(&short).any(|(other, t)| t == s && other != id);
            if clash { code(d, 2 * CODE_LEN) } else { s.clone() }
        })
        .collect()
}

/// Masks names, e-mail addresses and handles in packet text.
#[derive(Debug, Clone)]
pub struct Masker {
    /// Folded names to mask, longest first (the whole name before its parts).
    names: Vec<String>,
    /// What they become.
    pseudonym: String,
}

impl Masker {
    /// A masker for a candidate called `name` (if known) also known as
    /// `aliases`, replacing them with `pseudonym`. Parts of fewer than two
    /// letters (initials) are left alone: they would mask too much.
    pub fn new(name: Option<&str>, aliases: &[String], pseudonym: &str) -> Self {
        let mut names: Vec<String> = Vec::new();
        for whole in name.into_iter().chain(aliases.iter().map(String::as_str)) {
            let whole = fold(whole);
            let parts = whole
                .split(|c: char| c.is_whitespace() || c == '-' || c == ',')
                .map(|p| p.trim_matches(|c: char| !c.is_alphanumeric()).to_owned());
            names.push(whole.clone());
            if whole.contains('-') {
                names.extend(whole.split_whitespace().map(str::to_owned));
            }
            names.extend(parts);
        }
        names.retain(|n| n.chars().filter(|c| c.is_alphanumeric()).count() >= 2);
        names.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        names.dedup();
        Masker { names, pseudonym: pseudonym.to_owned() }
    }

    /// `text` with every name, e-mail address and handle masked.
    pub fn mask(&self, text: &str) -> String {
        let text = EMAIL_RE.replace_all(text, EMAIL);
        let text = HANDLE_RE.replace_all(&text, |c: &regex::Captures<'_>| format!("{}{HANDLE}", &c[1]));
        let mut text = text.into_owned();
        for name in &self.names {
            text = replace_folded(&text, name, &self.pseudonym);
        }
        text
    }
}

static EMAIL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+")
        .unwrap_or_else(|e| unreachable!("constant regex: {e}"))
});
static HANDLE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(^|[^\p{L}\p{N}_@./])@[\p{L}\p{N}_][\p{L}\p{N}_.-]*")
        .unwrap_or_else(|e| unreachable!("constant regex: {e}"))
});

/// Replaces each occurrence of the folded `name` in `text`, matched on
/// folded text at word boundaries, with `with`.
fn replace_folded(text: &str, name: &str, with: &str) -> String {
    // Fold one cluster (a character and the combining marks after it) at a
    // time, remembering where each folded cluster came from.
    let mut folded = String::new();
    let mut from: Vec<(usize, usize, usize)> = Vec::new(); // (folded start, source start, source end)
    let mut clusters: Vec<(usize, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        match clusters.last_mut() {
            Some(last) if is_combining_mark(c) => last.1 = i + c.len_utf8(),
            _ => clusters.push((i, i + c.len_utf8())),
        }
    }
    let mut last_space = false;
    for (start, end) in clusters {
        let piece = &text[start..end];
        if piece.chars().all(char::is_whitespace) {
            if !last_space {
                from.push((folded.len(), start, end));
                folded.push(' ');
            } else if let Some(l) = from.last_mut() {
                l.2 = end;
            }
            last_space = true;
            continue;
        }
        last_space = false;
        let f: String =
            piece.nfkd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect();
        from.push((folded.len(), start, end));
        folded.push_str(&f);
    }
    let source_at = |folded_at: usize| -> Option<(usize, usize)> {
        let k = from.partition_point(|(f, _, _)| *f <= folded_at).checked_sub(1)?;
        Some((from[k].1, from[k].2))
    };
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut search = 0;
    while let Some(pos) = folded[search..].find(name).map(|p| p + search) {
        let end = pos + name.len();
        search = end;
        if is_word(folded[..pos].chars().next_back()) || is_word(folded[end..].chars().next()) {
            continue;
        }
        let (Some((s, _)), Some((_, e))) = (source_at(pos), source_at(end - 1)) else { continue };
        if s < copied {
            continue;
        }
        out.push_str(&text[copied..s]);
        out.push_str(with);
        copied = e;
    }
    out.push_str(&text[copied..]);
    out
}

impl super::Summary {
    /// Returns who is who, for the key file.
    pub fn anonymize(&mut self, key: &Key) -> Vec<KeyEntry> {
        let identities: Vec<String> = self
            .packets
            .iter()
            .map(|row| match row.candidate.as_deref().map(fold).filter(|n| !n.is_empty()) {
                Some(name) => format!("candidate:{name}"),
                None => format!("path:{}", row.path),
            })
            .collect();
        let codes = pseudonyms(key, &identities);
        let mut entries = Vec::new();
        for (row, code) in self.packets.iter_mut().zip(codes) {
            let pseudonym = format!("Candidate {code}");
            entries.push(KeyEntry {
                pseudonym: pseudonym.clone(),
                candidate: row.candidate.clone(),
                path: row.path.clone(),
            });
            let masker = Masker::new(row.candidate.as_deref(), &row.aliases, &pseudonym);
            let mask = |s: &mut String| *s = masker.mask(s);
            for flag in &mut row.red_flags {
                mask(&mut flag.quote);
                mask(&mut flag.message);
                flag.claim.as_mut().map(mask);
            }
            if let Some(c) = &mut row.coverage {
                c.weak_claims.iter_mut().for_each(|claim| mask(&mut claim.text));
                c.waivers.iter_mut().for_each(|w| mask(&mut w.reason));
                c.claims.iter_mut().for_each(|claim| mask(&mut claim.text));
            }
            row.error.as_mut().map(mask);
            row.candidate = Some(pseudonym);
            row.aliases.clear();
            row.path = format!("candidate-{}.md", code.to_lowercase());
            row.pseudonym = Some(code);
        }
        entries.sort_by(|a, b| a.pseudonym.cmp(&b.pseudonym).then_with(|| a.path.cmp(&b.path)));
        self.anonymized = true;
        entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_part_and_spelling_is_masked() {
        let m = Masker::new(Some("Tereza  Nováková"), &["Terka".to_owned()], "Candidate X");
        assert_eq!(m.mask("Tereza was on most panels"), "Candidate X was on most panels");
        assert_eq!(m.mask("NOVAKOVA led it; Terka's doc"), "Candidate X led it; Candidate X's doc");
        // Decomposed (NFD) spelling and a double space.
        assert_eq!(m.mask("by Tereza  Nova\u{301}kova\u{301}."), "by Candidate X.");
        // Full-width letters (NFKC) and an e-mail address and a handle.
        assert_eq!(
            m.mask("ＴＥＲＥＺＡ wrote to t.novak@example.com and @tnovak"),
            "Candidate X wrote to [email] and [handle]"
        );
        // A word that merely contains a name part stays.
        assert_eq!(m.mask("Terezanet"), "Terezanet");
    }

    #[test]
    fn pseudonyms_depend_on_the_key_and_the_identity_only() {
        let key = Key::from_bytes([7; 32]);
        let two = pseudonyms(&key, &["ada lovelace".into(), "bob".into()]);
        let three = pseudonyms(&key, &["carol".into(), "ada lovelace".into(), "bob".into()]);
        assert_eq!(two[..], three[1..]);
        assert_eq!(two[0].len(), CODE_LEN);
        assert_ne!(pseudonyms(&Key::from_bytes([8; 32]), &["bob".into()])[0], two[1]);
        assert_eq!(Key::from_hex(&key.to_hex()), Some(key));
    }
}
