//! Which level a packet is checked against: `--ladder`/`--target` over the
//! front matter, with "did you mean" for unknown ids.

use crate::check::CheckOptions;
use crate::diagnostic::{Diagnostic, Label};
use crate::packet::Packet;
use crate::rules::{Level, RuleSet};

/// The packet's level, or the diagnostics that say why there is none.
pub(super) fn resolve<'r>(
    packet: &Packet,
    rules: &'r RuleSet,
    options: &CheckOptions,
) -> (Option<&'r Level>, Vec<Diagnostic>) {
    let fm = packet.front_matter.as_ref();
    let file = packet.file;
    // A value from the command line has no place in the file: point at the
    // front matter block, or the start of the file.
    let cli_at = fm.map(|f| f.range.start..f.range.start + 3).unwrap_or(0..0);
    // The command line over the front matter over the config file's defaults.
    let pick =
        |cli: &Option<String>, fm_value: Option<&crate::packet::Value>, default: &Option<String>| match (
            cli, fm_value, default,
        ) {
            (Some(v), _, _) => Some((v.clone(), cli_at.clone(), true)),
            (None, Some(v), _) => Some((v.text.clone(), v.range.clone(), false)),
            (None, None, Some(v)) => Some((v.clone(), cli_at.clone(), true)),
            (None, None, None) => None,
        };
    let ladder = pick(&options.ladder, fm.and_then(|f| f.ladder.as_ref()), &options.default_ladder);
    let target = pick(&options.target, fm.and_then(|f| f.target.as_ref()), &options.default_target);
    let (no_ladder, no_target) = (ladder.is_none(), target.is_none());
    let (Some((ladder_id, ladder_at, ladder_cli)), Some((level_id, level_at, level_cli))) = (ladder, target)
    else {
        let mut missing = Vec::new();
        if no_ladder {
            missing.push("`ladder`");
        }
        if no_target {
            missing.push("`target`");
        }
        let at = fm.map(|f| f.range.start..f.range.start + 3).unwrap_or(0..0);
        return (
            None,
            vec![crate::packet::messages::missing_front_matter(
                Label::new(file, at, "no level named here"),
                &missing,
            )],
        );
    };
    let from = |cli: bool| if cli { "given on the command line or in promolint.yaml" } else { "" };
    let ladder = match rules.find_ladder(&ladder_id) {
        Ok(ladder) => ladder,
        Err(unknown) => {
            let at = Label::new(file, ladder_at, from(ladder_cli));
            return (None, vec![super::messages::unknown_ladder(at, &ladder_id, &unknown)]);
        }
    };
    match ladder.find_level(&level_id) {
        Ok(level) => (Some(level), Vec::new()),
        Err(unknown) => {
            let at = Label::new(file, level_at, from(level_cli));
            (None, vec![super::messages::unknown_level(at, &ladder.id, &level_id, &unknown)])
        }
    }
}
