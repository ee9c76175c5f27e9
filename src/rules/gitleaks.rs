//! Loads gitleaks configs (`.gitleaks.toml`), so a team moving to leakhound
//! keeps the custom rules and allowlists it already has.
//!
//! What gitleaks means by a config is kept: without `[extend] useDefault =
//! true` only the config's own rules run; `[extend] path` merges a base
//! config the way gitleaks does (the extending rule's fields win, keywords,
//! tags and allowlists add up); `disabledRules` drops rules by id, with the
//! usual gitleaks default ids mapped onto leakhound's. Keys leakhound does
//! not act on are named in warnings rather than silently ignored.

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    sync::Arc,
};

use serde::Deserialize;

use super::{
    Confidence, Dialect, Loaded, PathFilter, RawAllow, RawRule, Rotation, RuleError, RuleSet, Severity,
    Validation,
    allowlist::{Allowlist, Condition, RegexTarget},
    build_regex, parse_toml, read_config,
};
use crate::safe_fs::Trust;

/// Whether `table` (a parsed TOML file) is a gitleaks config rather than a
/// leakhound rule pack: gitleaks writes `[[rules]]`, leakhound `[[rule]]`.
pub fn is_gitleaks_config(table: &toml::Table) -> bool {
    !table.contains_key("rule")
        && ["rules", "extend", "allowlist", "allowlists"]
            .iter()
            .any(|k| table.contains_key(*k))
}

/// Unknown keys, collected so they can be named in warnings.
type Extra = BTreeMap<String, toml::Value>;

#[derive(Debug, Default, Deserialize)]
struct Config {
    /// Read so that it is not reported as unknown; not used.
    #[serde(default, rename = "title")]
    _title: Option<String>,
    /// Read so that it is not reported as unknown; not used.
    #[serde(default, rename = "description")]
    _description: Option<String>,
    #[serde(default)]
    extend: Option<Extend>,
    #[serde(default)]
    rules: Vec<GitleaksRule>,
    /// The single global allowlist of gitleaks before 8.25.
    #[serde(default)]
    allowlist: Option<GitleaksAllowlist>,
    #[serde(default)]
    allowlists: Vec<GitleaksAllowlist>,
    #[serde(flatten)]
    extra: Extra,
}

#[derive(Debug, Default, Deserialize)]
struct Extend {
    #[serde(default, rename = "useDefault")]
    use_default: bool,
    #[serde(default)]
    path: Option<String>,
    #[serde(default, rename = "disabledRules")]
    disabled_rules: Vec<String>,
    #[serde(flatten)]
    extra: Extra,
}

#[derive(Debug, Default, Clone, Deserialize)]
struct GitleaksRule {
    id: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    regex: Option<String>,
    #[serde(default, rename = "secretGroup")]
    secret_group: Option<usize>,
    #[serde(default)]
    entropy: Option<f64>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    allowlist: Option<GitleaksAllowlist>,
    #[serde(default)]
    allowlists: Vec<GitleaksAllowlist>,
    #[serde(flatten)]
    extra: Extra,
}

#[derive(Debug, Default, Clone, Deserialize)]
struct GitleaksAllowlist {
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    condition: Option<String>,
    #[serde(default)]
    commits: Vec<String>,
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default, rename = "regexTarget")]
    regex_target: Option<String>,
    #[serde(default)]
    regexes: Vec<String>,
    #[serde(default)]
    stopwords: Vec<String>,
    /// Global lists only: the rule ids the list applies to (all when empty).
    #[serde(default, rename = "targetRules")]
    target_rules: Vec<String>,
    #[serde(flatten)]
    extra: Extra,
}

/// A config with the configs it extends merged in.
#[derive(Debug, Default)]
struct Resolved {
    use_default: bool,
    disabled: Vec<String>,
    rules: Vec<GitleaksRule>,
    global: Vec<GitleaksAllowlist>,
}

/// How deep `[extend] path` chains may go before they count as a cycle.
const MAX_EXTEND_DEPTH: usize = 8;

/// gitleaks' default rule ids that leakhound calls something else, for
/// `disabledRules` (matched as id prefixes).
const DEFAULT_ID_ALIASES: &[(&str, &[&str])] = &[
    ("generic-api-key", &["generic-"]),
    (
        "aws-access-token",
        &["aws-access-key-id", "aws-temporary-access-key-id"],
    ),
    ("github-pat", &["github-pat-classic"]),
    ("github-fine-grained-pat", &["github-pat-fine-grained"]),
    ("github-oauth", &["github-oauth-access-token"]),
    (
        "github-app-token",
        &["github-user-to-server-token", "github-app-installation-token"],
    ),
    ("gitlab-pat", &["gitlab-personal-access-token"]),
    ("private-key", &["private-key-"]),
    ("stripe-access-token", &["stripe-"]),
    ("curl-auth-user", &["curl-user-password"]),
];

/// Loads the gitleaks config at `path` (already parsed into `table`) into
/// `set`; its global allowlists apply to every rule `set` holds by then.
/// `trust` says who provided it, and so which files `[extend] path` may
/// read. Returns what the config did, with warnings about what was not
/// used as gitleaks would have.
pub fn load(set: &mut RuleSet, path: &Path, table: toml::Table, trust: &Trust) -> Result<Loaded, RuleError> {
    let file = path.display().to_string();
    let mut warnings = Vec::new();
    let config = parse(&file, table)?;
    let resolved = resolve(path, config, 0, trust, &mut warnings)?;
    let mut loaded = Loaded::default();

    if !resolved.use_default {
        let builtin = set.rules.iter().filter(|r| r.is_builtin()).count();
        if builtin > 0 {
            loaded.builtin_off = true;
            set.rules.retain(|r| !r.is_builtin());
            warnings.push(format!(
                "{file} does not set [extend] useDefault = true, so as in gitleaks only its own rules run \
                 ({builtin} built-in rules are off; add `[extend]\\nuseDefault = true` to keep them)"
            ));
        }
    }
    for id in &resolved.disabled {
        let before = set.rules.len();
        let found = disable(set, id);
        loaded.disabled += before - set.rules.len();
        if !found {
            warnings.push(format!(
                "{file}: disabledRules names {id:?}, which is not a rule here (`leakhound rules list` shows the ids)"
            ));
        }
    }

    let mut added = Vec::new();
    for rule in resolved.rules {
        if resolved.disabled.contains(&rule.id) {
            continue;
        }
        let Some(raw) = convert(&file, rule, &mut warnings)? else {
            continue;
        };
        added.push(raw);
    }
    loaded.rules = added.len();
    set.add_raw(
        &file,
        super::RawPack {
            rule: added,
            keyed: Vec::new(),
        },
        Validation::Eager,
        Some(trust),
    )?;

    loaded.allowlists = resolved.global.len();
    for list in resolved.global {
        let targets = list.target_rules.clone();
        let compiled = Arc::new(compile_allowlist(&file, "global allowlist", list, &mut warnings)?);
        if targets.is_empty() {
            for rule in &mut set.rules {
                rule.allowlists.push(Arc::clone(&compiled));
            }
            continue;
        }
        for target in targets {
            match set.rules.iter_mut().find(|r| r.id == target) {
                Some(rule) => rule.allowlists.push(Arc::clone(&compiled)),
                None => warnings.push(format!(
                    "{file}: a global allowlist targets rule {target:?}, which is not a rule here"
                )),
            }
        }
    }
    loaded.warnings = warnings;
    Ok(loaded)
}

fn parse(file: &str, table: toml::Table) -> Result<Config, RuleError> {
    Config::deserialize(toml::Value::Table(table)).map_err(|e| RuleError::Parse {
        file: file.to_string(),
        message: crate::safe_fs::without_quoted_values(e.message()),
    })
}

/// Merges the configs `config` extends (by path) under it, gitleaks-style.
/// A base config is read as `trust` allows: a config from the scanned tree
/// may extend only regular files inside that tree.
fn resolve(
    path: &Path,
    config: Config,
    depth: usize,
    trust: &Trust,
    warnings: &mut Vec<String>,
) -> Result<Resolved, RuleError> {
    let file = path.display().to_string();
    unsupported(&file, "top level", &config.extra, warnings);
    let mut base = Resolved::default();
    let mut use_default = false;
    let mut disabled = Vec::new();
    if let Some(extend) = config.extend {
        unsupported(&file, "[extend]", &extend.extra, warnings);
        use_default = extend.use_default;
        disabled = extend.disabled_rules;
        if let Some(relative) = extend.path {
            if depth >= MAX_EXTEND_DEPTH {
                return Err(RuleError::Parse {
                    file,
                    message: format!(
                        "[extend] path chains deeper than {MAX_EXTEND_DEPTH} configs; is there a cycle?"
                    ),
                });
            }
            let base_path = path
                .parent()
                .map_or_else(|| PathBuf::from(&relative), |dir| dir.join(&relative));
            let text = read_config(&base_path, trust)?;
            let base_file = base_path.display().to_string();
            let table: toml::Table = parse_toml(&base_file, &text)?;
            base = resolve(&base_path, parse(&base_file, table)?, depth + 1, trust, warnings)?;
        }
    }

    let mut rules = base.rules;
    rules.retain(|r| !disabled.contains(&r.id));
    for rule in config.rules {
        match rules.iter_mut().find(|r| r.id == rule.id) {
            Some(existing) => *existing = merge(existing.clone(), rule),
            None => rules.push(rule),
        }
    }
    let mut global = base.global;
    global.extend(config.allowlist);
    global.extend(config.allowlists);
    disabled.extend(base.disabled);
    Ok(Resolved {
        use_default: use_default || base.use_default,
        disabled,
        rules,
        global,
    })
}

/// A rule redefined by an extending config: its fields win where set, and
/// keywords, tags and allowlists add up (as in gitleaks).
fn merge(base: GitleaksRule, over: GitleaksRule) -> GitleaksRule {
    let mut keywords = base.keywords;
    for keyword in over.keywords {
        if !keywords.contains(&keyword) {
            keywords.push(keyword);
        }
    }
    let mut tags = base.tags;
    tags.extend(over.tags);
    let mut allowlists = base.allowlists;
    allowlists.extend(base.allowlist);
    allowlists.extend(over.allowlist);
    allowlists.extend(over.allowlists);
    let mut extra = base.extra;
    extra.extend(over.extra);
    GitleaksRule {
        id: over.id,
        description: over.description.or(base.description),
        regex: over.regex.or(base.regex),
        secret_group: over.secret_group.or(base.secret_group),
        entropy: over.entropy.or(base.entropy),
        keywords,
        path: over.path.or(base.path),
        tags,
        allowlist: None,
        allowlists,
        extra,
    }
}

/// Drops rules by a gitleaks id: leakhound's own id, or the leakhound rules
/// standing in for a gitleaks default rule. Returns whether any matched.
fn disable(set: &mut RuleSet, id: &str) -> bool {
    let before = set.rules.len();
    let prefixes: Vec<&str> = DEFAULT_ID_ALIASES
        .iter()
        .find(|(gitleaks, _)| *gitleaks == id)
        .map_or_else(Vec::new, |(_, ours)| ours.to_vec());
    set.rules
        .retain(|r| r.id != id && !prefixes.iter().any(|p| r.id.starts_with(p)));
    set.rules.len() < before
}

/// Turns a gitleaks rule into a leakhound one; `None` (with a warning) for
/// a rule leakhound cannot run.
fn convert(file: &str, rule: GitleaksRule, warnings: &mut Vec<String>) -> Result<Option<RawRule>, RuleError> {
    let id = rule.id.clone();
    unsupported(file, &format!("rule {id:?}"), &rule.extra, warnings);
    let invalid = |message: String| RuleError::Invalid {
        file: file.to_string(),
        id: id.clone(),
        message,
    };
    if id.trim().is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid("id must be non-empty and without spaces".into()));
    }
    let Some(regex) = rule.regex else {
        warnings.push(format!(
            "{file}: rule {id:?} has no regex (a path-only rule flags files by name); leakhound reports secrets, so it is skipped"
        ));
        return Ok(None);
    };
    if rule.keywords.is_empty() {
        warnings.push(format!(
            "{file}: rule {id:?} has no keywords, so its regex runs on every file; add keywords to make it fast"
        ));
    }
    let mut lists = Vec::new();
    for (i, list) in rule.allowlist.into_iter().chain(rule.allowlists).enumerate() {
        if !list.target_rules.is_empty() {
            warnings.push(format!(
                "{file}: rule {id:?}: targetRules only means something in a global [[allowlists]]; ignored"
            ));
        }
        let what = format!("rule {id:?} allowlist {}", i + 1);
        lists.push(Arc::new(compile_allowlist(file, &what, list, warnings).map_err(
            |e| match e {
                RuleError::Parse { message, .. } => invalid(message),
                other => other,
            },
        )?));
    }
    let keywords: Vec<String> = rule.keywords.iter().map(|k| k.to_ascii_lowercase()).collect();
    Ok(Some(RawRule {
        name: rule.description.clone().unwrap_or_else(|| id.clone()),
        provider: "custom".into(),
        description: rule.description,
        severity: Severity::High,
        confidence: Confidence::Medium,
        keywords,
        match_keyword_case: false,
        keyword_word_start: false,
        regex,
        secret_group: rule.secret_group.filter(|&g| g > 0),
        min_entropy: rule.entropy.filter(|&e| e > 0.0),
        require_random: false,
        random_in: Vec::new(),
        word_start: false,
        file_context: false,
        checksum: None,
        validate: None,
        // gitleaks has no placeholder filter; an imported rule reports what
        // it reported there, and its allowlists do the filtering.
        check_placeholders: false,
        paths: Vec::new(),
        allow: RawAllow::default(),
        examples: Vec::new(),
        negative_examples: Vec::new(),
        example_path: None,
        generated_examples: None,
        rotation: general_rotation(),
        verify: None,
        tags: rule.tags,
        dialect: Dialect::Gitleaks,
        path_regex: rule.path,
        allowlists: lists,
        id,
    }))
}

fn general_rotation() -> Rotation {
    Rotation {
        summary: "Treat it as compromised: rotate it with whoever issued it, then remove it from the code and its history."
            .into(),
        steps: vec![
            "Issue a replacement and deploy it where the leaked one is used".into(),
            "Revoke the leaked secret and confirm it no longer works".into(),
            "Check the issuer's audit log for use since it was committed".into(),
            "Purge it from history (`leakhound purge-list`, `git filter-repo --replace-text`) and have everyone re-clone"
                .into(),
        ],
        docs: "https://github.com/newren/git-filter-repo".into(),
    }
}

/// Compiles one gitleaks allowlist; `what` names it in errors.
fn compile_allowlist(
    file: &str,
    what: &str,
    list: GitleaksAllowlist,
    warnings: &mut Vec<String>,
) -> Result<Allowlist, RuleError> {
    let bad = |message: String| RuleError::Parse {
        file: file.to_string(),
        message: format!("{what}: {message}"),
    };
    let condition = match list.condition.as_deref().map(str::to_ascii_uppercase).as_deref() {
        None | Some("OR") => Condition::Or,
        Some("AND") => Condition::And,
        Some(other) => return Err(bad(format!("condition {other:?} is neither \"OR\" nor \"AND\""))),
    };
    let regex_target = match list
        .regex_target
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("" | "secret") => RegexTarget::Secret,
        Some("match") => RegexTarget::Match,
        Some("line") => RegexTarget::Line,
        Some(other) => {
            return Err(bad(format!(
                "regexTarget {other:?} is not one of \"secret\", \"match\", \"line\""
            )));
        }
    };
    let regexes = list
        .regexes
        .iter()
        .map(|r| {
            build_regex(r).map_err(|e| {
                bad(format!(
                    "regex {r:?} is not valid in Rust's regex syntax (gitleaks uses Go's, which differs in a few places): {e}"
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let paths = PathFilter::skipping_regexes(&list.paths).map_err(bad)?;
    unsupported(file, what, &list.extra, warnings);
    Ok(Allowlist {
        description: list.description.unwrap_or_else(|| format!("{file}: {what}")),
        condition,
        regex_target,
        regexes,
        stopwords: list.stopwords.iter().map(|s| s.to_ascii_lowercase()).collect(),
        paths,
        commits: list
            .commits
            .iter()
            .map(|c| c.trim().to_ascii_lowercase())
            .collect(),
    })
}

fn unsupported(file: &str, place: &str, extra: &Extra, warnings: &mut Vec<String>) {
    for key in extra.keys() {
        let why = match key.as_str() {
            "required" => "composite rules are not supported; the rule reports without its companions",
            "skipReport" => "the rule reports like any other",
            "url" => "configs are never fetched from the network; use path",
            _ => "not a gitleaks key leakhound knows; ignored",
        };
        warnings.push(format!("{file}: {place}: key {key:?}: {why}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> toml::Table {
        toml::from_str(text).expect("valid TOML")
    }

    #[test]
    fn tells_gitleaks_configs_from_rule_packs() {
        assert!(is_gitleaks_config(&table("[[rules]]\nid = 'a'\nregex = 'x'\n")));
        assert!(is_gitleaks_config(&table("[extend]\nuseDefault = true\n")));
        assert!(!is_gitleaks_config(&table("[[rule]]\nid = 'a'\n")));
        assert!(!is_gitleaks_config(&table("title = 'nothing'\n")));
    }

    #[test]
    fn extending_rule_wins_where_set_and_adds_up_lists() {
        let base = GitleaksRule {
            id: "r".into(),
            description: Some("base".into()),
            regex: Some("a".into()),
            entropy: Some(3.0),
            keywords: vec!["k1".into()],
            ..GitleaksRule::default()
        };
        let over = GitleaksRule {
            id: "r".into(),
            regex: Some("b".into()),
            keywords: vec!["k1".into(), "k2".into()],
            allowlists: vec![GitleaksAllowlist::default()],
            ..GitleaksRule::default()
        };
        let merged = merge(base, over);
        assert_eq!(merged.description.as_deref(), Some("base"));
        assert_eq!(merged.regex.as_deref(), Some("b"));
        assert_eq!(merged.entropy, Some(3.0));
        assert_eq!(merged.keywords, ["k1", "k2"]);
        assert_eq!(merged.allowlists.len(), 1);
    }

    #[test]
    fn disabled_default_ids_map_onto_leakhound_rules() {
        let mut set = RuleSet::builtin().expect("built-in rules load");
        assert!(disable(&mut set, "generic-api-key"));
        assert!(set.rules().iter().all(|r| !r.id.starts_with("generic-")));
        assert!(disable(&mut set, "github-pat-classic"));
        assert!(!disable(&mut set, "no-such-rule-anywhere"));
    }
}
