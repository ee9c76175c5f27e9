//! The `leakhound` binary: parse the command line, run it, map errors to exit codes.

use std::{io, process::ExitCode};

use clap::Parser;
use leakhound::{app, cli::Cli, report::display::escape};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match app::run(cli) {
        Ok(status) => ExitCode::from(status),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // Errors may name files and rules from the scanned tree.
            eprintln!("leakhound: error: {}", escape(&format!("{err:#}")));
            ExitCode::from(app::EXIT_ERROR)
        }
    }
}

/// A closed pipe (`leakhound … | head`) is the reader's choice, not a failure.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
