//! `rules check`: every rule's examples must match, its negatives must not.

use std::fmt;

use crate::{engine::Engine, rules::Rule};

/// Minimum number of positive examples a rule must carry.
pub const MIN_EXAMPLES: usize = 2;
/// Minimum number of negative examples a rule must carry.
pub const MIN_NEGATIVE_EXAMPLES: usize = 1;

/// One way a rule failed its own examples or the authoring requirements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckFailure {
    /// Rule id.
    pub rule: String,
    /// File the rule came from.
    pub origin: String,
    /// What went wrong.
    pub problem: String,
}

impl fmt::Display for CheckFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.rule, self.origin, self.problem)
    }
}

/// Checks every rule of `engine`; returns all failures (empty when clean).
pub fn check_all(engine: &Engine) -> Vec<CheckFailure> {
    let mut failures = Vec::new();
    for (index, rule) in engine.rules().rules().iter().enumerate() {
        check_rule(engine, index, rule, &mut failures);
    }
    failures
}

fn check_rule(engine: &Engine, index: usize, rule: &Rule, failures: &mut Vec<CheckFailure>) {
    let mut fail = |problem: String| {
        failures.push(CheckFailure {
            rule: rule.id.clone(),
            origin: rule.origin.clone(),
            problem,
        })
    };
    if let Err(problem) = rule.ensure_compiled() {
        fail(problem);
        return;
    }
    if let Err(problem) = rule.check_verify() {
        fail(problem);
    }
    if rule.examples().len() < MIN_EXAMPLES {
        fail(format!(
            "has {} example(s); at least {MIN_EXAMPLES} are required",
            rule.examples().len()
        ));
    }
    if rule.negative_examples().len() < MIN_NEGATIVE_EXAMPLES {
        fail(format!(
            "has no negative_examples; at least {MIN_NEGATIVE_EXAMPLES} is required"
        ));
    }
    if rule.rotation.steps.is_empty() || !rule.rotation.docs.starts_with("https://") {
        fail("rotation needs ordered steps and an https docs URL".into());
    }
    let path = rule.example_path.as_deref().map(std::path::Path::new);
    if !rule.path_filter().permits(path) {
        fail("the rule is scoped by paths; set example_path to a path it accepts".into());
    }
    for example in rule.examples() {
        let lower = example.to_ascii_lowercase();
        let has_keyword = |k: &String| match rule.match_keyword_case {
            true => example.contains(k.as_str()),
            false => lower.contains(k.as_str()),
        };
        if !rule.keywords.is_empty() && !rule.keywords.iter().any(has_keyword) {
            fail(format!(
                "example {example:?} contains none of the keywords, so the prefilter would skip it"
            ));
        }
        if engine.scan_with_rule(index, example.as_bytes(), path).is_empty() {
            fail(format!("example {example:?} does not match"));
        }
    }
    for negative in rule.negative_examples() {
        if !engine.scan_with_rule(index, negative.as_bytes(), path).is_empty() {
            fail(format!("negative example {negative:?} matches"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn builtin_rules_pass_their_own_examples() {
        let engine = Engine::new(RuleSet::builtin().expect("built-in packs load")).expect("prefilter builds");
        let failures = check_all(&engine);
        let report: Vec<String> = failures.iter().map(ToString::to_string).collect();
        assert!(
            report.is_empty(),
            "{} failing rule checks:\n{}",
            report.len(),
            report.join("\n")
        );
    }
}
