//! `leakhound rules list|show|check`.

use std::{
    io::{self, BufWriter, Write},
    path::Path,
};

use anyhow::{Context, Result};

use super::{
    report::{describe_config, provided_by_tree},
    scan::build_engine,
};
use crate::{
    app::EXIT_CLEAN,
    cli::{RulesAction, RulesArgs},
    engine::Workload,
    report::display,
    rules::{Rule, check},
};

/// `leakhound rules`.
pub(crate) fn run(args: &RulesArgs) -> Result<u8> {
    let (engine, config) = build_engine(&args.rules, Some(Path::new(".")), Workload::Small)?;
    if let Some((path, loaded)) = &config {
        eprintln!(
            "leakhound: {}",
            provided_by_tree(&[describe_config(path, loaded)])
        );
    }
    let rules = engine.rules();
    let selection = args.rules.selection();
    let mut out = BufWriter::new(io::stdout().lock());
    match &args.action {
        RulesAction::List { verifiable } => {
            let listed: Vec<&Rule> = rules
                .rules()
                .iter()
                .filter(|r| selection.selects(&r.id))
                .filter(|r| !verifiable || r.verify.is_some())
                .collect();
            for r in &listed {
                writeln!(
                    out,
                    "{:<44} {:<8} {:<6} {:<16} {}{}",
                    display::escape(&r.id),
                    r.severity.as_str(),
                    r.confidence.as_str(),
                    display::escape(&r.provider),
                    display::escape(&r.name),
                    if r.verify.is_some() { "  [verify]" } else { "" }
                )?;
            }
            out.flush()?;
            eprintln!(
                "{} rules from {} providers, {} with a live check (--verify)",
                listed.len(),
                provider_count(listed.iter().copied()),
                listed.iter().filter(|r| r.verify.is_some()).count()
            );
            Ok(EXIT_CLEAN)
        }
        RulesAction::Show { id } => {
            let rule = rules.get(id).with_context(|| unknown_rule(id))?;
            writeln!(out, "id:          {}", display::escape(&rule.id))?;
            writeln!(out, "name:        {}", display::escape(&rule.name))?;
            writeln!(out, "provider:    {}", display::escape(&rule.provider))?;
            if let Some(description) = &rule.description {
                writeln!(out, "description: {}", display::escape(description))?;
            }
            writeln!(out, "severity:    {}", rule.severity)?;
            writeln!(out, "confidence:  {}", rule.confidence.as_str())?;
            writeln!(out, "from:        {}", display::escape(&rule.origin))?;
            writeln!(out, "keywords:    {}", display::escape(&rule.keywords.join(", ")))?;
            writeln!(out, "regex:       {}", display::escape(&rule.pattern))?;
            writeln!(out, "secret group: {}", rule.secret_group())?;
            if let Some(e) = rule.min_entropy {
                writeln!(out, "min entropy: {e}")?;
            }
            if rule.require_random {
                writeln!(out, "randomness:  required")?;
            }
            if !rule.random_in.is_empty() {
                let classes: Vec<String> = rule
                    .random_in
                    .iter()
                    .map(|a| format!("[{}]", a.regex_class()))
                    .collect();
                writeln!(out, "randomness:  a uniform draw from {}", classes.join(" or "))?;
            }
            if !rule.tags.is_empty() {
                writeln!(out, "tags:        {}", display::escape(&rule.tags.join(", ")))?;
            }
            for list in &rule.allowlists {
                writeln!(out, "allowlist:   {}", display::escape(&list.description))?;
            }
            writeln!(out, "examples:")?;
            for e in rule.examples() {
                writeln!(out, "  + {}", display::escape(e))?;
            }
            for e in rule.negative_examples() {
                writeln!(out, "  - {}", display::escape(e))?;
            }
            if let Some(spec) = &rule.verify {
                writeln!(out, "verify:      {}", display::escape(&spec.summary()))?;
            }
            write_playbook(&mut out, rule)?;
            out.flush()?;
            Ok(EXIT_CLEAN)
        }
        RulesAction::Check => {
            let failures = check::check_all(&engine);
            for f in &failures {
                writeln!(out, "FAIL {}", display::escape(&f.to_string()))?;
            }
            out.flush()?;
            eprintln!(
                "checked {} rules from {} providers: {} failure(s)",
                rules.len(),
                provider_count(rules.rules()),
                failures.len()
            );
            Ok(if failures.is_empty() { EXIT_CLEAN } else { 1 })
        }
    }
}

fn provider_count<'a>(rules: impl IntoIterator<Item = &'a Rule>) -> usize {
    let mut providers: Vec<&str> = rules.into_iter().map(|r| r.provider.as_str()).collect();
    providers.sort_unstable();
    providers.dedup();
    providers.len()
}

pub(super) fn unknown_rule(id: &str) -> String {
    format!("no rule with id {id:?}; `leakhound rules list` shows the ids")
}

pub(super) fn write_playbook(out: &mut dyn Write, rule: &crate::rules::Rule) -> io::Result<()> {
    writeln!(out, "rotation:    {}", display::escape(&rule.rotation.summary))?;
    for (i, step) in rule.rotation.steps.iter().enumerate() {
        writeln!(out, "  {}. {}", i + 1, display::escape(step))?;
    }
    writeln!(out, "docs:        {}", display::escape(&rule.rotation.docs))
}
