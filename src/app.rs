//! Dispatches a parsed command line to its command (see [`crate::commands`]).

use anyhow::Result;

pub use crate::rules::load::LoadedRules;
use crate::{
    cli::{Cli, Command},
    commands::{self, scan},
};
pub use commands::load_rules;

/// Exit status: nothing found.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: usage, configuration or I/O error.
pub const EXIT_ERROR: u8 = 2;

/// Runs a parsed command line and returns the process exit status.
pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Dir(args) => scan::scan_dir(&args),
        Command::Git(args) => commands::git_url(&args, scan::scan_git),
        Command::Staged(args) => scan::scan_staged(&args),
        Command::Hook(args) => commands::hook::run(&args),
        Command::PurgeList(args) => commands::purge::run(&args),
        Command::Baseline(args) => commands::baseline::run(&args),
        Command::Stdin(args) => scan::scan_stdin(&args),
        Command::Image(args) => scan::scan_image(&args),
        Command::Rules(args) => commands::rules::run(&args),
        Command::Explain(args) => commands::explain::run(&args),
        Command::Repos(args) => commands::repos::run(&args),
        Command::ScanRepos(args) => commands::scan_repos::run(&args),
        Command::Merge(args) => commands::merge::run(&args),
    }
}
