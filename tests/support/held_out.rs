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
