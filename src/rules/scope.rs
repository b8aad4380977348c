//! Scope as data: the ordered scale (own < team < cross-team < organisation <
//! company), the words that place a claim on it (`scope.yaml`, shared, with
//! optional per-ladder overrides), and the scope a level asks (`scope:` in a
//! level file).
//!
//! This module owns the types and their validation; reading a claim against
//! the words is [`crate::analysis::scope`]'s.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::rules::model::Located;
use crate::rules::validate::PATTERN_SIZE_LIMIT;

/// A value of the scope scale, smallest first; the order is the scale's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ScopeValue {
    /// The candidate's own work: nobody else is said to take part or be affected.
    Own,
    /// One team: the candidate's team or project group.
    Team,
    /// Several teams, or teams other than the candidate's own.
    CrossTeam,
    /// A department, the engineering organisation, a whole open-source project.
    Organisation,
    /// The whole company, its customers or users at large, an industry or ecosystem.
    Company,
}

impl ScopeValue {
    /// Every value, smallest first.
    pub const ALL: [ScopeValue; 5] = [
        ScopeValue::Own,
        ScopeValue::Team,
        ScopeValue::CrossTeam,
        ScopeValue::Organisation,
        ScopeValue::Company,
    ];

    /// How many steps of the scale `self` is below `asked` (0 when it is
    /// at or above it): `own` is two steps below `cross-team`.
    pub fn steps_below(self, asked: ScopeValue) -> usize {
        (asked as usize).saturating_sub(self as usize)
    }

    /// The kebab-case name used in rule files and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            ScopeValue::Own => "own",
            ScopeValue::Team => "team",
            ScopeValue::CrossTeam => "cross-team",
            ScopeValue::Organisation => "organisation",
            ScopeValue::Company => "company",
        }
    }

    /// The value with this name (`organization` and `industry` accepted too).
    pub fn from_name(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "organization" => Some(ScopeValue::Organisation),
            "industry" => Some(ScopeValue::Company),
            n => Self::ALL.into_iter().find(|v| v.as_str() == n),
        }
    }

    /// Position on the scale, 0 for `own`.
    pub fn rank(self) -> usize {
        self as usize
    }
}

impl fmt::Display for ScopeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `scope:` in a level file: the scope the level asks of a candidate's work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LevelScopeDef {
    /// The scale value the level asks.
    pub level: ScopeValue,
    /// The ladder's own words for it ("beyond just my team", "value stream").
    #[serde(default)]
    pub words: Vec<String>,
}

/// The scope a resolved level asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelScope {
    /// The scale value.
    pub value: ScopeValue,
    /// The ladder's own words for it, quoted in messages.
    pub words: Vec<String>,
}

impl From<LevelScopeDef> for LevelScope {
    fn from(d: LevelScopeDef) -> Self {
        LevelScope { value: d.level, words: d.words }
    }
}

/// Patterns per scale value, as a scope file writes them.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ScaleWordsDef {
    /// Words that show a company, its customers or an industry.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub company: Option<Vec<Located<String>>>,
    /// Words that show a department, an engineering org, a whole project.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub organisation: Option<Vec<Located<String>>>,
    /// Words that show several teams or another team.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub cross_team: Option<Vec<Located<String>>>,
    /// Words that show one team.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub team: Option<Vec<Located<String>>>,
    /// Words that say the work was the candidate's alone ("my own", "myself").
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub own: Option<Vec<Located<String>>>,
}

/// `scope.yaml`: the words that place a claim on the scale. Without `ladder`
/// it is the shared file; with `ladder`, each list it gives is added to the
/// shared list of that value for that ladder's levels (or replaces it, with
/// `replace: true`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "promolint scope words file")]
pub struct ScopeFile {
    /// The ladder these words are for; absent in the shared file.
    #[serde(default)]
    pub ladder: Option<String>,
    /// With `ladder`: whether its lists replace the shared ones instead of
    /// adding to them.
    #[serde(default)]
    pub replace: bool,
    /// Rust regexes per scale value, matched case-insensitively against a
    /// claim's plain text; the widest value with a match decides.
    pub scale: ScaleWordsDef,
    /// Rust regexes that make a claim that shows no value of the scale (nor
    /// its parent item or heading) the candidate's own work: first person, an
    /// action verb at the start. A claim that matches none has scope `unknown`.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub own_work: Option<Vec<Located<String>>>,
    /// Rust regexes that mark a claim as telling no work at all (an opinion,
    /// advice to the reader, thanks, a pointer to more reading): such a claim
    /// has scope `unknown` whatever scale words it has.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub not_work: Option<Vec<Located<String>>>,
}

/// Validated scope words: pattern sources per scale value (index = rank).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopeWords {
    /// Patterns per value, in scale order (`own` first).
    pub scale: [Vec<String>; 5],
    /// Patterns of the `own-work` fallback.
    pub own_work: Vec<String>,
    /// Patterns of `not-work`: a claim matching one tells no work (`unknown`).
    pub not_work: Vec<String>,
}

/// Every scope file of a run.
#[derive(Debug, Clone, Default)]
pub struct ScopeRules {
    /// The shared words.
    pub shared: ScopeWords,
    /// Per-ladder files, in load order.
    pub ladders: Vec<LadderScopeWords>,
}

/// The scope words one ladder's `scope.yaml` gives.
#[derive(Debug, Clone, Default)]
pub struct LadderScopeWords {
    /// The ladder id as written.
    pub ladder: String,
    /// Whether the lists replace the shared ones (else they are added).
    pub replace: bool,
    /// Patterns per value in scale order; `None` where the file gives none.
    pub scale: [Option<Vec<String>>; 5],
    /// The `own-work` patterns, if the file gives them.
    pub own_work: Option<Vec<String>>,
    /// The `not-work` patterns, if the file gives them.
    pub not_work: Option<Vec<String>>,
}

impl ScopeRules {
    /// The words in force for `ladder`: the shared lists, with the ladder's
    /// own added (or put in their place) where its scope file gives them.
    pub fn for_ladder(&self, ladder: &str) -> ScopeWords {
        let mut words = self.shared.clone();
        let apply = |into: &mut Vec<String>, list: &Option<Vec<String>>, replace: bool| {
            if let Some(list) = list {
                if replace {
                    into.clear();
                }
                into.extend(list.iter().cloned());
            }
        };
        for l in self.ladders.iter().filter(|l| l.ladder.eq_ignore_ascii_case(ladder)) {
            for (i, list) in l.scale.iter().enumerate() {
                apply(&mut words.scale[i], list, l.replace);
            }
            apply(&mut words.own_work, &l.own_work, l.replace);
            apply(&mut words.not_work, &l.not_work, l.replace);
        }
        words
    }
}

/// Validates a scope file into `rules`: every pattern compiles (a bad one
/// is reported and left out). `check` compiles one pattern and pushes its
/// diagnostic.
pub fn add_file(
    def: ScopeFile,
    rules: &mut ScopeRules,
    mut check: impl FnMut(&[Located<String>]) -> Vec<String>,
) {
    let ScaleWordsDef { company, organisation, cross_team, team, own } = def.scale;
    let lists = [own, team, cross_team, organisation, company];
    let own_work = def.own_work.map(|l| check(&l));
    let not_work = def.not_work.map(|l| check(&l));
    let scale: [Option<Vec<String>>; 5] = lists.map(|l| l.map(|l| check(&l)));
    match def.ladder {
        None => {
            for (i, list) in scale.into_iter().enumerate() {
                rules.shared.scale[i] = list.unwrap_or_default();
            }
            rules.shared.own_work = own_work.unwrap_or_default();
            rules.shared.not_work = not_work.unwrap_or_default();
        }
        Some(ladder) => {
            rules.ladders.push(LadderScopeWords { ladder, replace: def.replace, scale, own_work, not_work })
        }
    }
}

/// Proposes the scope of an imported level: [`propose`] over the texts of
/// its areas named like "Scope" or "Reach" when it has such areas, else over
/// its summary and every expectation.
pub fn propose_for_import(
    words: &ScopeWords,
    level: &crate::rules::import::levels::ImportedLevel,
) -> Option<LevelScopeDef> {
    let scoped = |a: &str| {
        let a = a.to_lowercase();
        a.contains("scope") || a.contains("reach")
    };
    let named: Vec<&str> =
        level.expectations.iter().filter(|e| scoped(&e.area)).map(|e| e.text.as_str()).collect();
    let texts: Vec<&str> = if named.is_empty() {
        level
            .summary
            .iter()
            .map(String::as_str)
            .chain(level.expectations.iter().map(|e| e.text.as_str()))
            .collect()
    } else {
        named
    };
    propose(words, texts.iter().copied()).map(|s| LevelScopeDef { level: s.value, words: s.words })
}

/// Proposes a level's scope from a ladder's text: the scale value (above
/// `own`) whose words (from `words`) occur most often in `texts`, the wider
/// one on a tie, with the phrases that decided it (at most three, in the order
/// found). `None` when no text shows any.
///
/// Used by `rules import`; `words` are the shared scope words.
pub fn propose<'a>(
    words: &ScopeWords,
    texts: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<LevelScope> {
    let mut best: Option<(usize, LevelScope)> = None;
    for value in ScopeValue::ALL.into_iter().rev().filter(|v| *v != ScopeValue::Own) {
        let Some(re) = alternation(&words.scale[value.rank()]) else { continue };
        let mut count = 0;
        let mut found: Vec<String> = Vec::new();
        for text in texts.clone() {
            for m in re.find_iter(text) {
                count += 1;
                let w = text[m.range()].trim().to_lowercase();
                if !found.contains(&w) && found.len() < 3 {
                    found.push(w);
                }
            }
        }
        if count > 0 && best.as_ref().is_none_or(|(c, _)| count > *c) {
            best = Some((count, LevelScope { value, words: found }));
        }
    }
    best.map(|(_, s)| s)
}
/// One regex matching any of `patterns` (case-insensitive, leftmost-first,
/// within four times a pattern's size limit), or `None` when there are none
/// or they do not compile together (each was checked alone when its file was
/// loaded).
pub fn alternation(patterns: &[String]) -> Option<regex_automata::meta::Regex> {
    if patterns.is_empty() {
        return None;
    }
    let config = regex_automata::meta::Config::new()
        .match_kind(regex_automata::MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(PATTERN_SIZE_LIMIT * 4))
        .which_captures(regex_automata::nfa::thompson::WhichCaptures::Implicit);
    let syntax = regex_automata::util::syntax::Config::new().utf8(true).case_insensitive(true);
    regex_automata::meta::Builder::new().configure(config).syntax(syntax).build(&joined(patterns)).ok()
}

/// `patterns` as one alternation's source.
fn joined(patterns: &[String]) -> String {
    patterns.iter().map(|p| format!("(?:{p})")).collect::<Vec<_>>().join("|")
}
