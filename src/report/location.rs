//! Paths as CI systems want them: relative to the repository root (the
//! nearest folder above the current one holding `.git`, or the current folder
//! when there is none), with `/` separators.

use std::path::{Component, Path, PathBuf};

/// Turns the paths promolint was given into repository-relative ones.
#[derive(Debug, Clone)]
pub(crate) struct RepoPaths {
    /// The repository root, absolute.
    pub root: PathBuf,
    cwd: PathBuf,
}

impl RepoPaths {
    /// Finds the root from the current folder.
    pub(crate) fn discover() -> Self {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        Self::from_cwd(cwd)
    }

    /// Finds the root from `cwd`.
    pub(crate) fn from_cwd(cwd: PathBuf) -> Self {
        let root = cwd.ancestors().find(|a| a.join(".git").exists()).unwrap_or(&cwd).to_path_buf();
        RepoPaths { root, cwd }
    }

    /// `name` (as shown in diagnostics: relative to the current folder, or
    /// absolute) relative to the repository root, with `/` separators. A path
    /// outside the repository stays absolute.
    pub(crate) fn relative(&self, name: &str) -> String {
        let path = Path::new(name);
        let absolute = if path.is_absolute() { path.to_path_buf() } else { self.cwd.join(path) };
        let absolute = normalize(&absolute);
        match absolute.strip_prefix(&self.root) {
            Ok(inside) => inside
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/"),
            // Outside the repository: the absolute path as it is.
            Err(_) => absolute.to_string_lossy().replace('\\', "/"),
        }
    }
}

/// Removes `.` and resolves `..` lexically (without touching the file system,
/// so a path that no longer exists still gets a name).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_root_with_slashes() {
        let paths = RepoPaths { root: PathBuf::from("/repo"), cwd: PathBuf::from("/repo/packets") };
        assert_eq!(paths.relative("./ada.md"), "packets/ada.md");
        assert_eq!(paths.relative("../docs/x y.md"), "docs/x y.md");
        assert_eq!(paths.relative("/elsewhere/p.md"), "/elsewhere/p.md");
    }
}
