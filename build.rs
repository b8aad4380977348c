//! Rebuilds the crate when a file under `rules/` changes: the built-in rule
//! files are embedded with `include_dir!`, which registers no dependency on
//! the folder itself, so a new or edited rule file would otherwise be missed.

#![allow(clippy::disallowed_macros)] // a build script speaks to Cargo on standard output

fn main() {
    // A directory path makes Cargo scan everything under it.
    println!("cargo:rerun-if-changed=rules");
}
