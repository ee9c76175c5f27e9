//! `leakhound hook install`: a pre-commit hook that scans staged changes.

use anyhow::Result;

use crate::{
    app::EXIT_CLEAN,
    cli::{HookAction, HookArgs},
    source::git,
};

/// `leakhound hook`.
pub(crate) fn run(args: &HookArgs) -> Result<u8> {
    match &args.action {
        HookAction::Install { repo, force } => {
            let installed = git::hook::install(repo, *force)?;
            if let Some(backup) = &installed.backup {
                eprintln!("leakhound: moved the previous hook to {}", backup.display());
            }
            eprintln!(
                "leakhound: installed {}; every commit now checks its staged changes for secrets",
                installed.path.display()
            );
            Ok(EXIT_CLEAN)
        }
    }
}
