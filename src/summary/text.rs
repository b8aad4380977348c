//! Small text helpers shared by the summary model and its formats.

/// `s` cut to at most `max` characters, ending with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// `s` with every case-insensitive occurrence of `needle` replaced by `with`.
pub(crate) fn replace_ignore_case(s: &str, needle: &str, with: &str) -> String {
    let needle = needle.trim();
    if needle.is_empty() {
        return s.to_owned();
    }
    match regex::RegexBuilder::new(&regex::escape(needle)).case_insensitive(true).build() {
        Ok(re) => re.replace_all(s, regex::NoExpand(with)).into_owned(),
        Err(_) => s.to_owned(),
    }
}

/// Display width of `s` in terminal columns, counting each character as one.
pub(crate) fn width(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_on_characters() {
        assert_eq!(truncate("héllo", 5), "héllo");
        assert_eq!(truncate("héllo world", 5), "héll…");
    }

    #[test]
    fn replaces_names_case_insensitively() {
        assert_eq!(replace_ignore_case("Ada said ADA", "ada", "Candidate 1"), "Candidate 1 said Candidate 1");
        assert_eq!(replace_ignore_case("a.b", "a.", "$1"), "$1b");
    }
}
