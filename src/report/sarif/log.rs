//! The parts of a SARIF 2.1.0 log that promolint writes, as typed serde
//! structs (the schema's names in `camelCase`).
//!
//! Fields are declared in alphabetical order of their JSON names: the logs
//! promolint has always written list keys sorted (serde_json's map), and a
//! struct serializes its fields in declaration order. Optional fields are
//! left out when absent, never written as `null`.

use serde::Serialize;

/// The schema a log names.
pub(super) const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// A whole log: one run whose results are `R` (a list of [`SarifResult`],
/// or the marker that `report::stream` splits the log at).
#[derive(Debug, Serialize)]
pub(super) struct Log<R> {
    #[serde(rename = "$schema")]
    pub(super) schema: &'static str,
    pub(super) runs: [Run<R>; 1],
    pub(super) version: &'static str,
}

/// The one run of a log.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Run<R> {
    pub(super) column_kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) invocations: Option<[Invocation; 1]>,
    pub(super) original_uri_base_ids: BaseIds,
    pub(super) results: R,
    pub(super) tool: Tool,
}

/// The run's one base URI, `SRCROOT`.
#[derive(Debug, Serialize)]
pub(super) struct BaseIds {
    #[serde(rename = "SRCROOT")]
    pub(super) srcroot: Uri,
}

/// A URI on its own.
#[derive(Debug, Serialize)]
pub(super) struct Uri {
    pub(super) uri: String,
}

/// The tool that made the run.
#[derive(Debug, Serialize)]
pub(super) struct Tool {
    pub(super) driver: Driver,
}

/// promolint, with its rules.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Driver {
    pub(super) information_uri: &'static str,
    pub(super) name: &'static str,
    pub(super) rules: Vec<Rule>,
    pub(super) version: &'static str,
}

/// One rule: a lint code.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Rule {
    pub(super) default_configuration: Configuration,
    pub(super) full_description: Message,
    pub(super) help: Message,
    pub(super) id: &'static str,
    pub(super) properties: RuleProperties,
    pub(super) short_description: Message,
}

/// A rule's default level (`error`, `warning`, `note` or `none`).
#[derive(Debug, Serialize)]
pub(super) struct Configuration {
    pub(super) level: &'static str,
}

/// A rule's kind, also as its one tag.
#[derive(Debug, Serialize)]
pub(super) struct RuleProperties {
    pub(super) kind: &'static str,
    pub(super) tags: [&'static str; 1],
}

/// A text.
#[derive(Debug, Serialize)]
pub(super) struct Message {
    pub(super) text: String,
}

/// One result: a diagnostic.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SarifResult {
    pub(super) level: &'static str,
    pub(super) locations: [Location; 1],
    pub(super) message: Message,
    pub(super) partial_fingerprints: Fingerprints,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) properties: Option<ResultProperties>,
    pub(super) rule_id: &'static str,
    pub(super) rule_index: Option<usize>,
}

/// A result's stable identity.
#[derive(Debug, Serialize)]
pub(super) struct Fingerprints {
    #[serde(rename = "promolint/v1")]
    pub(super) v1: String,
}

/// The expectation a result is about.
#[derive(Debug, Serialize)]
pub(super) struct ResultProperties {
    pub(super) expectation: String,
}

/// Where a result or notification points.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Location {
    pub(super) physical_location: PhysicalLocation,
}

/// A file and a region in it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PhysicalLocation {
    pub(super) artifact_location: ArtifactLocation,
    pub(super) region: Region,
}

/// A file: relative to `uriBaseId`, or an absolute `file:` URI without one.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ArtifactLocation {
    pub(super) uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) uri_base_id: Option<&'static str>,
}

/// 1-based lines and columns (Unicode code points), the end exclusive.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Region {
    pub(super) end_column: usize,
    pub(super) end_line: usize,
    pub(super) start_column: usize,
    pub(super) start_line: usize,
}

/// How the run went, for a failed run.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Invocation {
    pub(super) execution_successful: bool,
    pub(super) exit_code: i32,
    pub(super) tool_execution_notifications: Vec<Notification>,
}

/// One problem with the run itself.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Notification {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) associated_rule: Option<RuleReference>,
    pub(super) level: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) locations: Option<[Location; 1]>,
    pub(super) message: Message,
}

/// The lint code a notification is about.
#[derive(Debug, Serialize)]
pub(super) struct RuleReference {
    pub(super) id: &'static str,
    pub(super) index: Option<usize>,
}
