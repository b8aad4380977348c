//! The built-in rules: the `rules/` folder of this repository, embedded in the
//! binary at build time so that promolint works from any folder with no set-up.

use include_dir::{Dir, DirEntry, include_dir};

static BUILTIN_RULES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// The name prefix under which built-in rule files appear in diagnostics.
pub const BUILTIN_PREFIX: &str = "<built-in>/rules";

/// One embedded rule file by its path relative to `rules/` (`scope.yaml`).
pub fn file(path: &str) -> Option<&'static [u8]> {
    BUILTIN_RULES.get_file(path).map(include_dir::File::contents)
}

/// Every embedded rule file as (path relative to `rules/`, contents), sorted
/// by path so that loading order is stable.
pub fn files() -> Vec<(String, &'static [u8])> {
    let mut out = Vec::new();
    collect(&BUILTIN_RULES, &mut out);
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn collect(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
    for entry in dir.entries() {
        match entry {
            DirEntry::Dir(d) => collect(d, out),
            DirEntry::File(f) => {
                let path = f.path().to_string_lossy().replace('\\', "/");
                if path.ends_with(".yaml") || path.ends_with(".yml") {
                    out.push((path, f.contents()));
                }
            }
        }
    }
}
