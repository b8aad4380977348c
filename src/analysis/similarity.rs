//! Text similarity between a claim and an expectation's own wording: the
//! fallback that lets a ladder without patterns map sensibly.
//!
//! Words are lowercased, stop words dropped, and stemmed (Snowball English).
//! Each expectation's terms are weighted by inverse document frequency over
//! the level's expectations, so words every expectation uses ("team",
//! "engineer") count little and rare ones ("playbook", "interview") count
//! much. The score is the share of the expectation's weight that the claim's
//! terms cover, in 0..=1.

use std::collections::{HashMap, HashSet};

use rust_stemmers::{Algorithm, Stemmer};

/// Words that carry no meaning for mapping: English function words and the
/// ladder boilerplate that every expectation shares.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "each",
    "etc",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "get",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "ie",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "let",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "per",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "use",
    "used",
    "using",
    "very",
    "via",
    "was",
    "way",
    "we",
    "well",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "you",
    "your",
    "yours",
    "able",
    "ability",
    "ensure",
    "ensuring",
    "expected",
    "possible",
    "appropriate",
    "including",
    "e",
    "g",
    "eg",
    "s",
    "t",
    "ll",
    "ve",
    "re",
    "d",
    "m",
];

/// Groups of words that mean the same thing in a promotion packet. A claim
/// and an expectation that use different words of one group share the
/// group's concept term (`~mentor`), so "coached two juniors" meets "teach
/// and mentor engineers". Words are given unstemmed; they are stemmed when
/// the table is built.
const CONCEPTS: &[(&str, &[&str])] = &[
    (
        "mentor",
        &[
            "mentor",
            "mentored",
            "mentoring",
            "mentee",
            "coach",
            "coached",
            "coaching",
            "teach",
            "taught",
            "onboard",
            "onboarded",
            "onboarding",
            "sponsor",
            "sponsored",
            "tutor",
            "guide",
            "guidance",
            "junior",
            "juniors",
            "grow",
            "growth",
            "learning",
            "level",
            "upskill",
        ],
    ),
    (
        "design",
        &[
            "design",
            "designed",
            "architecture",
            "architect",
            "architected",
            "rfc",
            "rfcs",
            "adr",
            "adrs",
            "diagram",
            "diagrams",
            "spec",
            "specs",
            "specification",
            "blueprint",
            "proposal",
        ],
    ),
    (
        "incident",
        &[
            "incident",
            "incidents",
            "outage",
            "outages",
            "sev",
            "sevs",
            "emergency",
            "emergencies",
            "oncall",
            "call",
            "page",
            "paged",
            "postmortem",
            "postmortems",
            "escalation",
            "firefight",
            "crisis",
        ],
    ),
    (
        "monitor",
        &[
            "monitor",
            "monitoring",
            "alert",
            "alerting",
            "alerts",
            "dashboard",
            "dashboards",
            "observability",
            "metrics",
            "slo",
            "slos",
            "sli",
            "telemetry",
            "tracing",
            "logging",
        ],
    ),
    (
        "test",
        &[
            "test",
            "tests",
            "testing",
            "e2e",
            "unit",
            "integration",
            "coverage",
            "qa",
            "regression",
            "fuzz",
            "fuzzing",
        ],
    ),
    (
        "document",
        &[
            "document",
            "documentation",
            "docs",
            "doc",
            "wiki",
            "runbook",
            "runbooks",
            "playbook",
            "playbooks",
            "readme",
            "guide",
            "write-up",
            "writeup",
        ],
    ),
    (
        "hire",
        &[
            "interview",
            "interviews",
            "interviewed",
            "interviewing",
            "hire",
            "hiring",
            "hired",
            "recruit",
            "recruiting",
            "candidate",
            "candidates",
            "assessment",
            "assessments",
        ],
    ),
    (
        "strategy",
        &[
            "strategy",
            "strategic",
            "roadmap",
            "roadmaps",
            "vision",
            "okr",
            "okrs",
            "objectives",
            "direction",
            "north",
            "goals",
        ],
    ),
    (
        "plan",
        &[
            "plan",
            "planning",
            "planned",
            "estimate",
            "estimates",
            "estimation",
            "forecast",
            "sequence",
            "sprint",
            "milestone",
            "milestones",
            "timeline",
            "schedule",
            "track",
            "tracking",
        ],
    ),
    (
        "priority",
        &[
            "priority",
            "priorities",
            "prioritize",
            "prioritise",
            "prioritized",
            "prioritization",
            "tradeoff",
            "tradeoffs",
            "trade-off",
            "impactful",
        ],
    ),
    ("review", &["review", "reviews", "reviewed", "reviewing", "feedback", "critique"]),
    (
        "debug",
        &[
            "debug",
            "debugged",
            "debugging",
            "bug",
            "bugs",
            "troubleshoot",
            "troubleshooting",
            "diagnose",
            "diagnosed",
            "root",
            "investigate",
            "investigated",
            "fix",
            "fixed",
        ],
    ),
    (
        "stakeholder",
        &[
            "stakeholder",
            "stakeholders",
            "product",
            "pm",
            "pms",
            "customer",
            "customers",
            "business",
            "partner",
            "partners",
            "users",
        ],
    ),
    (
        "crossteam",
        &[
            "cross-team",
            "crossteam",
            "teams",
            "org",
            "organization",
            "organisation",
            "company",
            "department",
            "cross-functional",
            "cross-discipline",
        ],
    ),
    (
        "automate",
        &[
            "automate",
            "automated",
            "automation",
            "ci",
            "pipeline",
            "pipelines",
            "lint",
            "linter",
            "tooling",
            "tool",
            "tools",
        ],
    ),
    (
        "present",
        &[
            "present",
            "presented",
            "presentation",
            "talk",
            "talks",
            "conference",
            "meetup",
            "speak",
            "spoke",
            "speaker",
            "blog",
            "article",
            "publicly",
            "demo",
        ],
    ),
    (
        "delegate",
        &["delegate", "delegated", "delegation", "handed", "hand", "assign", "assigned", "ownership"],
    ),
    (
        "prototype",
        &[
            "prototype",
            "prototyped",
            "prototyping",
            "experiment",
            "experiments",
            "experimentation",
            "spike",
            "poc",
            "research",
            "explore",
            "explored",
            "evaluate",
            "evaluated",
            "assessment",
        ],
    ),
    (
        "rollout",
        &[
            "rollout",
            "roll",
            "launch",
            "launched",
            "ship",
            "shipped",
            "release",
            "released",
            "deploy",
            "deployed",
            "production",
            "migrate",
            "migrated",
            "migration",
            "deprecate",
            "deprecated",
        ],
    ),
    (
        "quality",
        &[
            "quality",
            "reliable",
            "reliability",
            "robust",
            "stable",
            "stability",
            "correctness",
            "standards",
            "bar",
        ],
    ),
    (
        "practice",
        &[
            "practice",
            "practices",
            "convention",
            "conventions",
            "standard",
            "guideline",
            "guidelines",
            "process",
            "processes",
        ],
    ),
    (
        "efficiency",
        &[
            "efficiency",
            "efficient",
            "productivity",
            "toil",
            "cost",
            "costs",
            "faster",
            "speed",
            "velocity",
            "latency",
            "performance",
        ],
    ),
    (
        "consensus",
        &[
            "consensus",
            "alignment",
            "align",
            "aligned",
            "agree",
            "agreement",
            "buy-in",
            "convince",
            "persuade",
            "influence",
            "influenced",
        ],
    ),
    (
        "communicate",
        &[
            "communicate",
            "communicated",
            "communication",
            "explain",
            "explained",
            "update",
            "updates",
            "announce",
            "share",
            "shared",
            "sharing",
            "presented",
            "wrote",
        ],
    ),
    (
        "lead",
        &[
            "lead",
            "led",
            "leading",
            "leader",
            "leadership",
            "drive",
            "drove",
            "driving",
            "owned",
            "own",
            "spearhead",
            "spearheaded",
            "championed",
        ],
    ),
    (
        "technology",
        &[
            "technology",
            "technologies",
            "framework",
            "frameworks",
            "library",
            "libraries",
            "stack",
            "platform",
            "language",
        ],
    ),
    (
        "security",
        &[
            "security",
            "secure",
            "vulnerability",
            "vulnerabilities",
            "pentest",
            "pentests",
            "threat",
            "cve",
            "attack",
            "mitigation",
        ],
    ),
];

/// Turns text into stemmed content terms.
pub struct Terms {
    stemmer: Stemmer,
    stop: HashSet<&'static str>,
    /// Stem → concept terms (`~mentor`) it belongs to.
    concepts: HashMap<String, Vec<String>>,
}

impl Default for Terms {
    fn default() -> Self {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut concepts: HashMap<String, Vec<String>> = HashMap::new();
        for (concept, words) in CONCEPTS {
            for w in *words {
                let stem = stemmer.stem(w).into_owned();
                let entry = concepts.entry(stem).or_default();
                let term = format!("~{concept}");
                if !entry.contains(&term) {
                    entry.push(term);
                }
            }
        }
        Terms { stemmer, stop: STOP_WORDS.iter().copied().collect(), concepts }
    }
}

impl std::fmt::Debug for Terms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Terms")
    }
}

impl Terms {
    /// The distinct stemmed content terms of `text`, in order of first use.
    pub fn of(&self, text: &str) -> Vec<String> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            let lower = word.to_lowercase();
            if self.stop.contains(lower.as_str()) || lower.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let stem = self.stemmer.stem(&lower).into_owned();
            if let Some(concepts) = self.concepts.get(&stem) {
                for c in concepts {
                    if seen.insert(c.clone()) {
                        out.push(c.clone());
                    }
                }
            }
            if stem.len() >= 2 && seen.insert(stem.clone()) {
                out.push(stem);
            }
        }
        out
    }
}

/// What a claim shares with an expectation.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Overlap {
    /// Shared weight as a share of the expectation's total weight, in 0..=1.
    pub share: f32,
    /// Shared weight (sum of the shared terms' inverse document frequencies).
    pub weight: f32,
    /// Number of shared terms.
    pub shared: usize,
}

/// The expectations of one level as weighted term sets.
#[derive(Debug)]
pub struct TextModel {
    terms: Terms,
    /// Per expectation: (term, weight) pairs and the total weight.
    expectations: Vec<(Vec<(String, f32)>, f32)>,
}

impl TextModel {
    /// Builds the model from each expectation's text.
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let terms = Terms::default();
        let docs: Vec<Vec<String>> = texts.into_iter().map(|t| terms.of(t)).collect();
        let n = docs.len().max(1) as f32;
        let mut df: HashMap<&str, f32> = HashMap::new();
        for doc in &docs {
            for t in doc {
                *df.entry(t.as_str()).or_default() += 1.0;
            }
        }
        let expectations = docs
            .iter()
            .map(|doc| {
                let weighted: Vec<(String, f32)> =
                    doc.iter().map(|t| (t.clone(), (1.0 + n / df[t.as_str()]).ln())).collect();
                let total = weighted.iter().map(|(_, w)| w).sum();
                (weighted, total)
            })
            .collect();
        TextModel { terms, expectations }
    }

    /// The stemmed content terms of a claim's text.
    pub fn terms(&self, text: &str) -> HashSet<String> {
        self.terms.of(text).into_iter().collect()
    }

    /// How much of expectation `index` the claim's terms cover: the shared
    /// terms' weight as a share of the expectation's total (0..=1), the
    /// shared weight itself, and the number of shared terms.
    pub fn score(&self, index: usize, claim: &HashSet<String>) -> Overlap {
        let (terms, total) = &self.expectations[index];
        let mut overlap = Overlap::default();
        if *total <= 0.0 {
            return overlap;
        }
        for (t, w) in terms {
            if claim.contains(t) {
                overlap.shared += 1;
                overlap.weight += w;
            }
        }
        overlap.share = overlap.weight / total;
        overlap
    }

    /// How many expectations the model holds.
    pub fn len(&self) -> usize {
        self.expectations.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.expectations.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_shared_words_score_higher_than_common_ones() {
        let model = TextModel::new([
            "Teach and mentor engineers in technical growth",
            "Create and update playbooks for components the team owns",
            "Communicate technical decisions to the team",
        ]);
        let claim = model.terms("I mentored three engineers through their first on-call rotation");
        let mentor = model.score(0, &claim).share;
        let playbook = model.score(1, &claim).share;
        assert!(mentor > 0.3, "{mentor}");
        assert_eq!(playbook, 0.0);
        let stemmed = model.terms("Updated the playbooks");
        assert!(model.score(1, &stemmed).share > model.score(2, &stemmed).share);
    }
}
