//! "Did you mean": an id looked up among the known ones, and when it is not
//! there, the closest known id. Foundation: it knows nothing of ladders,
//! levels or lint codes; every stage that looks up an id a user wrote calls
//! [`lookup`] (or [`did_you_mean`] when it only needs the suggestion), so
//! ids match and near misses are suggested the same way everywhere.

/// An id that named none of the known ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown<'a> {
    /// The known ids, in the order they were given.
    pub known: Vec<&'a str>,
    /// The known id closest to the one asked for, when one is close enough.
    pub suggestion: Option<&'a str>,
}

impl Unknown<'_> {
    /// `did you mean `ID`?` when there is a suggestion.
    pub fn help(&self) -> Option<String> {
        self.suggestion.map(|s| format!("did you mean `{s}`?"))
    }
}

/// The item of `items` whose `id` is `wanted`, ignoring ASCII case (`L4`
/// and `l4` are one level); otherwise every item's id and the closest one.
///
/// # Errors
/// No item has that id: [`Unknown`] says which ids there are.
pub fn lookup<'a, T>(
    wanted: &str,
    items: &'a [T],
    id: impl Fn(&'a T) -> &'a str,
) -> Result<&'a T, Unknown<'a>> {
    if let Some(found) = items.iter().find(|item| id(item).eq_ignore_ascii_case(wanted)) {
        return Ok(found);
    }
    let known: Vec<&str> = items.iter().map(id).collect();
    let suggestion = did_you_mean(wanted, known.iter().copied());
    Err(Unknown { known, suggestion })
}

/// The candidate closest to `wanted` (case-insensitive), if any is close
/// enough to be worth suggesting: by edit distance for typos, by Jaro-Winkler
/// similarity for a shared beginning (`mentor-senior` ~ `mentor-the-mentors`).
pub fn did_you_mean<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = wanted.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            let c_lower = c.to_lowercase();
            let score = strsim::normalized_levenshtein(&wanted, &c_lower)
                .max(strsim::jaro_winkler(&wanted, &c_lower) - 0.15);
            (score, c)
        })
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_ignores_case_and_suggests_the_closest_id_on_a_miss() {
        let ids = ["socialbakers", "meetup", "generic"];
        assert_eq!(lookup("MeetUp", &ids, |s| s), Ok(&"meetup"));
        let miss = lookup("socialbakerz", &ids, |s| s).unwrap_err();
        assert_eq!(miss.known, ids);
        assert_eq!(miss.help().as_deref(), Some("did you mean `socialbakers`?"));
        assert_eq!(lookup("zzzz", &ids, |s| s).unwrap_err().suggestion, None);
    }
}
