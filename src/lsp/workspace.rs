//! The configuration and rules each document is linted with: those of the
//! `promolint.yaml` nearest the document's folder, as `check -
//! --stdin-filename PATH` finds them, loaded once per configuration file and
//! kept for the session. A document with no configuration of its own (or
//! whose configuration or rules do not load) uses the set the server started
//! with; `--config` fixes that set for every document. When the editor
//! saves a YAML file (a `promolint.yaml` or a rule file), every set is
//! loaded again ([`Workspaces::reload`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::check::{CheckOptions, Linter};
use crate::config::Config;
use crate::rules::RuleSet;
use crate::source::Sources;

/// What a linter borrows: the rules and the options built from one config.
#[derive(Debug)]
pub(crate) struct Loaded {
    rules: RuleSet,
    options: CheckOptions,
}

impl Loaded {
    /// `rules` with the options `check` builds from `config` (its ladder,
    /// target, lint levels and minimum coverage).
    pub(crate) fn new(rules: RuleSet, config: Config) -> Self {
        let levels = config.lint_levels();
        let options = CheckOptions::from_config(config, levels);
        Loaded { rules, options }
    }
}

type BorrowedLinter<'a> = Linter<'a, 'a>;

self_cell::self_cell!(
    /// A linter together with the rules and options it borrows.
    struct Workspace {
        owner: Loaded,
        #[covariant]
        dependent: BorrowedLinter,
    }
    impl {Debug}
);

/// Why a configuration or its rules did not load, and which set (the
/// `configuration` or the `rules`) is used instead.
struct Problem {
    what: String,
    set: &'static str,
}

impl Problem {
    /// For the editor's log: "X has 2 problem(s); using the start-up
    /// configuration" (`fallback` says what is used instead).
    fn instead(self, fallback: &str) -> String {
        format!("{}; {fallback} {}", self.what, self.set)
    }
}

/// Every configuration the server has loaded, by the path of its
/// `promolint.yaml`.
#[derive(Debug)]
pub(crate) struct Workspaces {
    startup: Workspace,
    /// The configuration file the start-up set came from, if any.
    startup_config: Option<PathBuf>,
    /// `--config` was given: every document uses the start-up set.
    fixed: bool,
    /// `--rules` folders, added to every configuration's own.
    extra_rules: Vec<PathBuf>,
    /// `None` where the configuration or its rules did not load.
    by_config: HashMap<PathBuf, Option<Workspace>>,
}

impl Workspaces {
    /// The server's start-up set: `loaded`, from `startup_config` (none when
    /// no promolint.yaml was found); `fixed` when `--config` named it;
    /// `extra_rules` are the `--rules` folders.
    pub(crate) fn new(
        loaded: Loaded,
        startup_config: Option<PathBuf>,
        fixed: bool,
        extra_rules: Vec<PathBuf>,
    ) -> Self {
        Workspaces {
            startup: Workspace::new(loaded, |l| Linter::new(&l.rules, &l.options)),
            startup_config,
            fixed,
            extra_rules,
            by_config: HashMap::new(),
        }
    }

    /// The configuration file that governs a document at `path`, unless it
    /// is the start-up one.
    fn own_config(&self, path: &Path) -> Option<PathBuf> {
        if self.fixed {
            return None;
        }
        let found = crate::config::discover(path.parent()?)?;
        (Some(&found) != self.startup_config.as_ref()).then_some(found)
    }

    /// Loads the configuration and rules for a document at `path` if they
    /// are not loaded yet. Returns what went wrong, once, when they do not
    /// load (the document then uses the start-up set).
    pub(crate) fn prepare(&mut self, path: &Path) -> Option<String> {
        let config_path = self.own_config(path)?;
        if self.by_config.contains_key(&config_path) {
            return None;
        }
        let (workspace, problem) = match self.load(&config_path) {
            Ok(w) => (Some(w), None),
            Err(problem) => (None, Some(problem.instead("using the start-up"))),
        };
        self.by_config.insert(config_path, workspace);
        problem
    }

    /// Forgets every loaded configuration and loads the start-up set again
    /// from its file (or, without one, from the built-in and `--rules`
    /// rules), so that an edited `promolint.yaml` or rule file takes effect;
    /// documents' own configurations load again at their next
    /// [`Self::prepare`]. Returns what went wrong: the start-up set is then
    /// kept as it was.
    pub(crate) fn reload(&mut self) -> Option<String> {
        self.by_config.clear();
        let reloaded = match &self.startup_config {
            Some(path) => self.load(path),
            None => self.load_rules(Config::default(), None),
        };
        match reloaded {
            Ok(workspace) => {
                self.startup = workspace;
                None
            }
            Err(problem) => Some(problem.instead("keeping the previous")),
        }
    }

    fn load(&self, config_path: &Path) -> Result<Workspace, Problem> {
        let mut sources = Sources::new();
        let config = crate::config::load(config_path, &mut sources).map_err(|d| Problem {
            what: format!("{} has {} problem(s)", config_path.display(), d.len()),
            set: "configuration",
        })?;
        self.load_rules(config, Some(config_path))
    }

    /// The rules of `config` (from `config_path`, if any) and the `--rules`
    /// folders, loaded for a linter.
    fn load_rules(&self, config: Config, config_path: Option<&Path>) -> Result<Workspace, Problem> {
        let mut sources = Sources::new();
        let name =
            config_path.map_or_else(|| "the start-up configuration".to_owned(), |p| p.display().to_string());
        let dirs: Vec<&Path> = config.rules.iter().chain(&self.extra_rules).map(PathBuf::as_path).collect();
        let rules = match crate::rules::load(&dirs, true, &mut sources) {
            Ok((rules, problems)) if problems.is_empty() => rules,
            Ok((_, problems)) => {
                let what = format!(
                    "the rule files of {name} have {} problem(s) (`promolint rules check`)",
                    problems.len()
                );
                return Err(Problem { what, set: "rules" });
            }
            Err(e) => return Err(Problem { what: format!("{e:#}"), set: "rules" }),
        };
        Ok(Workspace::new(Loaded::new(rules, config), |l| Linter::new(&l.rules, &l.options)))
    }

    /// The linter for a document at `path` (`None`: not a file).
    pub(crate) fn linter(&self, path: Option<&Path>) -> &Linter<'_, '_> {
        let own = path.and_then(|p| self.own_config(p)).and_then(|c| self.by_config.get(&c));
        match own {
            Some(Some(workspace)) => workspace.borrow_dependent(),
            _ => self.startup.borrow_dependent(),
        }
    }
}
