//! The JSON Schema of rule files, generated from the serde types in
//! [`super::model`] so it cannot drift from what the loader accepts. The
//! repository keeps a copy in `schemas/rule-file.schema.json` for editors; a
//! test fails when that copy is stale.

use schemars::schema_for;

use super::model::LevelFile;

/// The JSON Schema of a level rule file, pretty-printed, ending in a newline.
pub fn level_file_schema() -> String {
    let schema = schema_for!(LevelFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
