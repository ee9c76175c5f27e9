//! `leakhound explain RULE`: what the rule finds and how to rotate what it
//! found.

use std::{
    io::{self, BufWriter, Write},
    path::Path,
};

use anyhow::{Context, Result};

use super::{
    load_rules,
    rules::{unknown_rule, write_playbook},
};
use crate::{app::EXIT_CLEAN, cli::ExplainArgs, report::display};

/// What to do for any leaked secret, whatever the provider.
const GENERAL_PLAYBOOK: &[&str] = &[
    "Treat the secret as compromised from the moment it was committed or pushed, even if the repository is private.",
    "Rotate first: issue and deploy a replacement, then revoke the leaked credential.",
    "Check the provider's audit log for use of the leaked credential since it was exposed.",
    "Only then purge it from history: `git filter-repo --replace-text FILE` (or BFG), force-push, and ask everyone to re-clone.",
    "Add the rotated credential's fingerprint to .leakhoundignore only after it is revoked.",
];

/// `leakhound explain`.
pub(crate) fn run(args: &ExplainArgs) -> Result<u8> {
    let loaded = load_rules(&args.rules, Some(Path::new(".")))?;
    let rule = loaded
        .rules
        .get(&args.rule_id)
        .with_context(|| unknown_rule(&args.rule_id))?;
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(
        out,
        "{} [{}]",
        display::escape(&rule.name),
        display::escape(&rule.id)
    )?;
    writeln!(
        out,
        "provider {}, severity {}",
        display::escape(&rule.provider),
        rule.severity
    )?;
    writeln!(out)?;
    write_playbook(&mut out, rule)?;
    writeln!(out)?;
    writeln!(out, "For every leaked secret:")?;
    for (i, step) in GENERAL_PLAYBOOK.iter().enumerate() {
        writeln!(out, "  {}. {step}", i + 1)?;
    }
    out.flush()?;
    Ok(EXIT_CLEAN)
}
