//! `extends` resolution: each level gets its bases' expectations and red
//! flags, its own replacing those with the same id. Each level is resolved
//! once, from its base's resolved lists (bases first); cycles are found in one
//! walk over the chains, and a chain deeper than [`MAX_EXTENDS_DEPTH`] is an
//! error, so the work and the memory stay linear in the rule files.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::rules::messages as msg;
use crate::rules::validate::OwnLevel;
use crate::rules::{Expectation, Ladder, Level};
use crate::suggest::did_you_mean;

/// Longest `extends` chain: a level may have at most this many bases above it.
/// Real ladders have a handful; a longer chain is an error, so resolving stays
/// small (every level holds its bases' expectations).
pub const MAX_EXTENDS_DEPTH: usize = 32;

/// Applies `extends`: each level gets its bases' expectations and red flags
/// first, its own replacing any with the same id.
pub(crate) fn resolve(levels: Vec<OwnLevel>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Ladder> {
    let key = |l: &Level| (l.ladder.to_lowercase(), l.id.to_lowercase());
    let index: HashMap<(String, String), usize> =
        levels.iter().enumerate().map(|(i, o)| (key(&o.level), i)).collect();
    // The base of each level, as an index, once known to exist.
    let mut base: Vec<Option<usize>> = vec![None; levels.len()];
    let mut broken = vec![false; levels.len()];
    for (i, own) in levels.iter().enumerate() {
        if let Some((name, at)) = &own.extends {
            match index.get(&(own.level.ladder.to_lowercase(), name.to_lowercase())) {
                Some(&b) => base[i] = Some(b),
                None => {
                    let siblings = levels
                        .iter()
                        .filter(|o| o.level.ladder.eq_ignore_ascii_case(&own.level.ladder))
                        .map(|o| o.level.id.as_str());
                    let suggestion = did_you_mean(name, siblings);
                    diagnostics.push(msg::unknown_base(at.clone(), name, &own.level.ladder, suggestion));
                    broken[i] = true;
                }
            }
        }
    }
    // Cycles and depth, walking each chain once (a level already done ends the walk).
    let mut state = vec![Walk::New; levels.len()];
    let mut depth = vec![0usize; levels.len()];
    for start in 0..levels.len() {
        let mut path = Vec::new();
        let mut current = Some(start);
        while let Some(c) = current {
            match state[c] {
                Walk::Done => break,
                Walk::OnPath(pos) => {
                    let cycle = &path[pos..];
                    for &m in cycle {
                        broken[m] = true;
                    }
                    report_cycle(&levels, &base, cycle, diagnostics);
                    break;
                }
                Walk::New => {
                    state[c] = Walk::OnPath(path.len());
                    path.push(c);
                    current = base[c];
                }
            }
        }
        // Bases first: each level's depth and brokenness from its base's.
        for &p in path.iter().rev() {
            state[p] = Walk::Done;
            if broken[p] {
                continue;
            }
            let Some(b) = base[p] else { continue };
            if broken[b] {
                broken[p] = true; // silently: the base's problem is reported at the base
                continue;
            }
            depth[p] = depth[b] + 1;
            if depth[p] > MAX_EXTENDS_DEPTH {
                broken[p] = true;
                if depth[b] == MAX_EXTENDS_DEPTH
                    && let Some((_, at)) = &levels[p].extends
                {
                    diagnostics.push(msg::extends_too_deep(at.clone(), MAX_EXTENDS_DEPTH));
                }
            }
        }
    }
    // Each level resolved once, bases first, from its base's resolved lists.
    let mut order: Vec<usize> = (0..levels.len()).collect();
    order.sort_by_key(|&i| depth[i]);
    let mut resolved: Vec<Option<Level>> = vec![None; levels.len()];
    for i in order {
        let own = &levels[i];
        let mut level = own.level.clone();
        level.extends = own.extends.as_ref().map(|(name, _)| name.clone());
        if !broken[i]
            && let Some(b) = base[i]
            && let Some(from) = &resolved[b]
        {
            let mut expectations = from.expectations.clone();
            for e in &mut expectations {
                e.set_inherited(&from.id);
            }
            let mut red_flags = from.red_flags.clone();
            merge(&mut expectations, &level.expectations, |e| &e.id);
            merge(&mut red_flags, &level.red_flags, |r| &r.id);
            level.expectations = expectations;
            level.red_flags = red_flags;
        }
        resolved[i] = Some(level);
    }
    let resolved = resolved.into_iter().flatten();
    let mut ladders: Vec<Ladder> = Vec::new();
    for level in resolved {
        match ladders.iter_mut().find(|l| l.id.eq_ignore_ascii_case(&level.ladder)) {
            Some(ladder) => ladder.levels.push(level),
            None => ladders.push(Ladder {
                id: level.ladder.clone(),
                name: level.ladder_name.clone(),
                levels: vec![level],
            }),
        }
    }
    ladders.sort_by_key(|l| l.id.to_lowercase());
    ladders
}

/// Appends `items` to `into`, an item replacing one already there with the
/// same id (case-insensitive); linear in the lengths of both.
fn merge<T: Clone>(into: &mut Vec<T>, items: &[T], id: impl Fn(&T) -> &String) {
    let mut at: HashMap<String, usize> =
        into.iter().enumerate().map(|(i, x)| (id(x).to_ascii_lowercase(), i)).collect();
    for item in items {
        match at.get(&id(item).to_ascii_lowercase()) {
            Some(&i) => into[i] = item.clone(),
            None => {
                at.insert(id(item).to_ascii_lowercase(), into.len());
                into.push(item.clone());
            }
        }
    }
}

/// Where a level is in the walk over `extends` chains.
#[derive(Clone, Copy)]
enum Walk {
    New,
    /// On the chain being walked, at this position.
    OnPath(usize),
    Done,
}

/// One `extends-cycle` diagnostic for `cycle` (levels in chain order), at the
/// `extends` of its first level by index, naming the levels from there round.
fn report_cycle(
    levels: &[OwnLevel],
    base: &[Option<usize>],
    cycle: &[usize],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(&first) = cycle.iter().min() else { return };
    let mut names: Vec<String> = Vec::new();
    let mut c = first;
    loop {
        names.push(levels[c].level.id.clone());
        c = base[c].unwrap_or(first);
        if c == first || names.len() > cycle.len() {
            break;
        }
    }
    names.push(levels[first].level.id.clone());
    if let Some((_, at)) = &levels[first].extends {
        diagnostics.push(msg::extends_cycle(at.clone(), &names));
    }
}

trait Inherit {
    fn set_inherited(&mut self, from: &str);
}

impl Inherit for Expectation {
    fn set_inherited(&mut self, from: &str) {
        if self.inherited_from.is_none() {
            self.inherited_from = Some(from.to_owned());
        }
    }
}
