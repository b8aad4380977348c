//! The documents held out in session 4: found, and labelled for mapping and
//! for scope by two readers each, while that session's mapping and scope
//! changes were made elsewhere. No one changing the code saw them; their
//! figures were read once before the changes and once after. Included by
//! path by the tests that print figures on them.

/// Their names in `fixtures/corpus/A-filled/` (without `.md`).
pub(crate) const SESSION_4: [&str; 7] = [
    "avikpal-julia-gsoc-2018-flux-convolutions",
    "bretmogilefsky-18f-cloud-gov-profile",
    "edwintorres-18f-day-in-the-life-engineer",
    "joyebertz-staffeng-story",
    "kajasantro-artsy-stepping-out-of-the-knowledge-zone",
    "pronchery-freebsd-beach-cleaning-update-2025-11",
    "tiif-rust-maintainer-spotlight",
];

/// The documents held out in session 5 (`fixtures/labelled/sources-session-5.md`):
/// found by one helper, labelled for mapping by two others (reader-a e8,
/// reader-b f8), while that session's mapping changes were made by someone
/// who saw neither; scored once before the changes and once after.
pub(crate) const SESSION_5: [&str; 7] = [
    "ashfurrow-reflecting-on-5-years-at-artsy",
    "danna-staffeng-story",
    "katiesylormiller-staffeng-story",
    "kittygiraudel-2017-in-review",
    "rafaelgss-openjs-security-update-2025-09",
    "rami3l-rust-maintainer-spotlight",
    "tejankarmali-julia-gsoc-2018-flux-rl-generative-models",
];

/// The documents held out in session 6 (`fixtures/labelled/sources-session-6.md`):
/// found by one helper, labelled for mapping by two others (reader-a g9,
/// reader-b h9) who saw neither promolint's output nor each other's labels;
/// scored once before that session's changes.
pub(crate) const SESSION_6: [&str; 8] = [
    "aitikgupta-matplotlib-gsoc-2021-final-report",
    "dianapojar-staffeng-story",
    "jeromevillegas-matplotlib-gsod-2020-entry-paths",
    "jorenhammudoglu-numpy-fellowship-retrospective-2025",
    "rickboone-staffeng-story",
    "sebastianpfitzner-julia-gsoc-2017-juno-docs-browser",
    "smitlunagariya-scipy-internship-2021-2022",
    "woodruffw-pypi-lifecycle-update-2025-02",
];

/// The documents held out in session 8 (`fixtures/labelled/sealed-session-8/documents.md`):
/// found by one helper; labelled for scope by two others who saw neither
/// promolint's output nor each other's labels, and for mapping by two more
/// (their labels sealed until session 12, now in `fixtures/labelled/two-readers/`);
/// scope scored once, in session 9, before and after that session's scope
/// change; mapping once, in session 12, before and after that session's
/// mapping change (`docs/mapping.md`).
#[allow(dead_code)]
pub(crate) const SESSION_8: [&str; 7] = [
    "chriskrycho-2023-in-review-professional",
    "drewdevault-status-update-2019-03",
    "juanlinietsky-godot-core-refactoring-progress-report-2020-02",
    "mairacanal-igalia-ce-november-2022-update",
    "mjschwenne-networkx-gsoc-2021-asadpour-atsp",
    "ronanchagas-julia-satellitetoolbox-ecosystem-1-0",
    "sargampuram-kyverno-lfx-mentorship-2026-offline-cli",
];

/// The documents held out in session 10 (`fixtures/labelled/sealed-session-10/documents.md`):
/// found by one helper; labelled for scope by two others who saw neither
/// promolint's output nor each other's labels, and for mapping by two more
/// (their labels sealed until session 14, now in `fixtures/labelled/two-readers/`);
/// scope scored once, in session 13, before and after that session's scope
/// change (`docs/mapping.md`, "Session 13"); mapping once, in session 14,
/// before and after that session's mapping change ("Session 14").
pub(crate) const SESSION_10: [&str; 7] = [
    "abhishek-dhiman-kyverno-lfx-mentorship",
    "carter-anderson-bevys-first-birthday",
    "matt-dole-so-you-want-to-be-an-engineer",
    "michelle-bu-staffeng-payments-products-tech-lead",
    "natali-vlatko-steering-candidacy-2023",
    "simon-ser-status-update-june-2020",
    "will-doenlen-engineering-to-product-management-and-back",
];

/// The documents held out in session 14 (`fixtures/labelled/sealed-session-14/documents.md`):
/// found by one helper; labelled for scope by two others who saw neither
/// promolint's output nor each other's labels (κ 0.69), and for mapping by
/// two more (their labels still sealed in `fixtures/labelled/sealed-session-14/mapping/`);
/// scope scored once, in session 15, before and after that session's scope
/// change (`docs/mapping.md`, "Session 15, scope").
#[allow(dead_code)]
pub(crate) const SESSION_14: [&str; 7] = [
    "darren-burns-textualize-year-building-for-the-terminal",
    "hanno-braun-shutting-down-fornjot",
    "michiel-borkent-oss-updates-jul-aug-2025",
    "mincong-huang-highlight-2021-datadog",
    "phil-haack-one-year-at-posthog",
    "prabhat-sachdeva-carbon-explorer-gsoc-2023",
    "scott-chamberlain-fulltext-behind-the-scenes",
];

/// The documents held out in session 15 (`fixtures/labelled/sealed-session-15/documents.md`),
/// found, labelled and scored as [`SESSION_14`]'s, in the same run (scope κ
/// 0.75; mapping labels still sealed in `fixtures/labelled/sealed-session-15/mapping/`).
#[allow(dead_code)]
pub(crate) const SESSION_15: [&str; 3] = [
    "aaron-powell-6-months-at-microsoft",
    "josh-goldberg-2022-in-review",
    "tanay-tummalapalli-apache-beam-gsoc-2019",
];
