//! The layering of the crate stays one-way: no cycle among the top-level
//! modules of `src/`, read from their `crate::` paths (test modules aside).
//! The foundation (`lint`, `source`, `suggest`, `input`, `fsutil`) depends on
//! no other module; stages above depend only downward. A new edge that
//! closes a cycle fails here, naming the modules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the top-level modules its non-test code names.
fn edges(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let tops: BTreeSet<String> = std::fs::read_dir(src)
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            let stem = name.strip_suffix(".rs").unwrap_or(&name).to_owned();
            (!matches!(stem.as_str(), "lib" | "main")).then_some(stem)
        })
        .collect();
    let path = regex::Regex::new(r"crate::(\w+)|crate::\{([^}]*)\}").unwrap();
    let mut out: BTreeMap<String, BTreeSet<String>> =
        tops.iter().map(|t| (t.clone(), BTreeSet::new())).collect();
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src).unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let first = rel.components().next().unwrap().as_os_str().to_string_lossy();
        let top = first.strip_suffix(".rs").unwrap_or(&first).to_owned();
        if !tops.contains(&top) {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let code: String =
            code.lines().map(|l| l.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n");
        for c in path.captures_iter(&code) {
            let named: Vec<&str> = match (c.get(1), c.get(2)) {
                (Some(one), _) => vec![one.as_str()],
                (_, Some(group)) => {
                    group.as_str().split(',').filter_map(|p| p.split("::").next()).map(str::trim).collect()
                }
                _ => Vec::new(),
            };
            for n in named {
                if n != top && tops.contains(n) {
                    out.get_mut(&top).unwrap().insert(n.to_owned());
                }
            }
        }
    }
    out
}

/// A cycle through `from`, as the modules along it, if there is one.
fn cycle_from(edges: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    let mut stack = vec![(from.to_owned(), vec![from.to_owned()])];
    let mut seen = BTreeSet::new();
    while let Some((at, path)) = stack.pop() {
        for next in &edges[&at] {
            if next == from {
                return Some([path.clone(), vec![from.to_owned()]].concat());
            }
            if seen.insert(next.clone()) {
                stack.push((next.clone(), [path.clone(), vec![next.clone()]].concat()));
            }
        }
    }
    None
}

#[test]
fn top_level_modules_depend_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = edges(&src);
    assert!(edges.len() >= 15, "expected the crate's top-level modules, found {:?}", edges.keys());
    for foundation in ["lint", "source", "suggest", "input", "fsutil"] {
        assert_eq!(edges[foundation], BTreeSet::new(), "the foundation module `{foundation}` names others");
    }
    assert_eq!(
        edges["diagnostic"],
        ["lint", "source"].map(String::from).into(),
        "diagnostic sits on the foundation"
    );
    for module in edges.keys() {
        if let Some(cycle) = cycle_from(&edges, module) {
            panic!("module cycle: {}", cycle.join(" -> "));
        }
    }
}
