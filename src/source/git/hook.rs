//! `leakhound hook install`: a git pre-commit hook that scans staged changes.

use std::{
    io::Write,
    path::{Path, PathBuf},
};

use gix::bstr::ByteSlice;

use super::{GitError, open};

/// Marks a hook file as written by leakhound (safe to replace).
pub const HOOK_MARKER: &str = "leakhound-managed-hook";

/// Errors installing the hook.
#[derive(Debug, thiserror::Error)]
pub enum HookError {
    /// The repository could not be opened.
    #[error(transparent)]
    Repository(#[from] GitError),
    /// A hook leakhound did not write is in the way.
    #[error(
        "{0}: a pre-commit hook leakhound did not write is already there; add `leakhound staged` to it yourself, or rerun with --force to replace it (the old hook is kept as pre-commit.before-leakhound)"
    )]
    Exists(PathBuf),
    /// Writing the hook failed.
    #[error("{path}: cannot write the hook: {source}")]
    Write {
        /// Hook path.
        path: PathBuf,
        /// I/O error.
        source: std::io::Error,
    },
}

/// Where the hook went and what happened to a previous one.
#[derive(Debug)]
pub struct Installed {
    /// Path of the hook file.
    pub path: PathBuf,
    /// Where a replaced foreign hook was moved to.
    pub backup: Option<PathBuf>,
}

/// The hook script: runs `leakhound staged`, found on PATH or at the path of
/// the binary that installed it.
pub fn script(fallback_binary: &Path) -> String {
    let fallback = fallback_binary.display().to_string().replace('\'', r"'\''");
    format!(
        r#"#!/bin/sh
# {HOOK_MARKER}: written by `leakhound hook install`.
# Blocks the commit when the staged changes add a secret. If a finding is not
# a live secret, mark the line with `leakhound:allow`, or skip the check once
# with `git commit --no-verify`.
if command -v leakhound >/dev/null 2>&1; then
  exec leakhound staged --no-progress
fi
if [ -x '{fallback}' ]; then
  exec '{fallback}' staged --no-progress
fi
echo "leakhound pre-commit hook: leakhound is not installed (cargo install leakhound); commit not checked" >&2
exit 1
"#
    )
}

/// Writes the pre-commit hook into the repository at or above `repo_path`.
pub fn install(repo_path: &Path, force: bool) -> Result<Installed, HookError> {
    let repo = open(repo_path)?.repo;
    // git runs hooks from core.hooksPath when the repository sets it (husky
    // and similar tools do), else from the common dir shared by worktrees.
    let dir = match repo.config_snapshot().string("core.hooksPath") {
        Some(configured) => {
            let configured = PathBuf::from(configured.to_str_lossy().into_owned());
            if configured.is_relative() {
                super::repository_root(&repo).join(configured)
            } else {
                configured
            }
        }
        None => repo.common_dir().join("hooks"),
    };
    let path = dir.join("pre-commit");
    let write_error = |source| HookError::Write {
        path: path.clone(),
        source,
    };
    let mut backup = None;
    if let Ok(existing) = std::fs::read(&path) {
        let ours = String::from_utf8_lossy(&existing).contains(HOOK_MARKER);
        if !ours {
            if !force {
                return Err(HookError::Exists(path));
            }
            let moved = dir.join("pre-commit.before-leakhound");
            std::fs::rename(&path, &moved).map_err(write_error)?;
            backup = Some(moved);
        }
    }
    std::fs::create_dir_all(&dir).map_err(write_error)?;
    let binary = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("leakhound"));
    let mut file = std::fs::File::create(&path).map_err(write_error)?;
    file.write_all(script(&binary).as_bytes()).map_err(write_error)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).map_err(write_error)?;
    }
    Ok(Installed { path, backup })
}
