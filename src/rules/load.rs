//! The rules a command runs: the built-in set, `--config` files, or else
//! the config the scanned tree provides; and which rules' findings a scan
//! reports (`--rule`, `--exclude-rule`).

use std::path::{Path, PathBuf};

use super::{Loaded, RuleError, RuleSet};
use crate::safe_fs::Trust;

/// Config files looked for at the scan root when no `--config` is given,
/// in order of preference; the first one found is used.
pub const DISCOVERED_CONFIGS: &[&str] = &[".leakhound.toml", ".gitleaks.toml"];

/// Where a command's rules come from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Rule files named on the command line (`--config`).
    pub configs: Vec<PathBuf>,
    /// Do not look for a config in the scanned tree.
    pub no_config_discovery: bool,
    /// Leave the built-in rules out.
    pub no_builtin_rules: bool,
    /// Which rules' findings are reported.
    pub selection: Selection,
}

/// Which rules' findings are reported: scans run every rule and drop the
/// findings of unselected ones, so a selected rule reports exactly what it
/// reports in a full scan (a generic rule still defers to an excluded
/// provider rule).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Rule id prefixes to keep (`--rule`); empty: all.
    pub only: Vec<String>,
    /// Rule id prefixes to drop (`--exclude-rule`).
    pub excluded: Vec<String>,
}

impl Selection {
    /// Whether the rule with this id is selected.
    pub fn selects(&self, id: &str) -> bool {
        let matches = |patterns: &[String]| patterns.iter().any(|p| id.starts_with(p.as_str()));
        (self.only.is_empty() || matches(&self.only)) && !matches(&self.excluded)
    }
}

/// Rules for a scan, and what the scanned tree contributed to them.
pub struct LoadedRules {
    /// The rules to run.
    pub rules: RuleSet,
    /// The config found in the scanned tree, and what it did.
    pub discovered: Option<(PathBuf, Loaded)>,
}

/// Why the rules could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The embedded rules do not load: a build defect.
    #[error("the built-in rules failed to load (a build defect; please report it)")]
    Builtin(#[source] RuleError),
    /// A rule file is unreadable or invalid.
    #[error(transparent)]
    File(#[from] RuleError),
    /// `--rule` / `--exclude-rule` names no rule.
    #[error(
        "{flag} {pattern}: no rule id is or starts with {pattern:?}; `leakhound rules list` shows the ids"
    )]
    UnknownRule {
        /// The flag.
        flag: &'static str,
        /// The id prefix given.
        pattern: String,
    },
    /// Nothing left to run.
    #[error(
        "no rules to run: --no-builtin-rules without a --config file holding rules, or --rule/--exclude-rule left none"
    )]
    NoRules,
}

/// Loads built-in rules and the `--config` files, or else the config found
/// at `root` (the scan root), which is read as untrusted input (see
/// [`crate::safe_fs::Trust`]); `warn` is told about config parts that do
/// not act as written, as each file loads.
pub fn load_rules(
    sources: &Sources,
    root: Option<&Path>,
    warn: &mut dyn FnMut(&str),
) -> Result<LoadedRules, LoadError> {
    let mut rules = if sources.no_builtin_rules {
        RuleSet::default()
    } else {
        RuleSet::builtin().map_err(LoadError::Builtin)?
    };
    let discovered = root
        .filter(|_| sources.configs.is_empty() && !sources.no_config_discovery)
        .and_then(|root| {
            DISCOVERED_CONFIGS
                .iter()
                .map(|name| root.join(name))
                // Present in any form: a link or a FIFO is refused with an
                // error rather than skipped as if it were not there.
                .find(|path| std::fs::symlink_metadata(path).is_ok())
                .map(|path| (path, root))
        });
    for path in &sources.configs {
        for warning in rules.add_file(path, &Trust::CommandLine)?.warnings {
            warn(&warning);
        }
    }
    let discovered = match discovered {
        Some((path, root)) => {
            let trust = Trust::Tree {
                root: root.to_path_buf(),
            };
            let loaded = rules.add_file(&path, &trust)?;
            for warning in &loaded.warnings {
                warn(warning);
            }
            Some((path, loaded))
        }
        None => None,
    };
    for (flag, patterns) in [
        ("--rule", &sources.selection.only),
        ("--exclude-rule", &sources.selection.excluded),
    ] {
        if let Some(unknown) = patterns
            .iter()
            .find(|p| !rules.rules().iter().any(|r| r.id.starts_with(p.as_str())))
        {
            return Err(LoadError::UnknownRule {
                flag,
                pattern: unknown.clone(),
            });
        }
    }
    if rules.is_empty() {
        return Err(LoadError::NoRules);
    }
    Ok(LoadedRules { rules, discovered })
}
