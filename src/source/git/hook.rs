//! `leakhound hook install`: a git pre-commit hook that scans staged changes.

use std::{
    io::Write,
    path::{Path, PathBuf},
};

use super::GitError;

/// Marks a hook file as written by leakhound (safe to replace).
pub const HOOK_MARKER: &str = "leakhound-managed-hook";

/// Errors installing the hook.
#[derive(Debug, thiserror::Error)]
pub enum HookError {
    /// The repository could not be opened.
    #[error(transparent)]
    Repository(#[from] GitError),
    /// Where git runs hooks from cannot be worked out as git would.
    #[error(
        "{path}: cannot tell where git runs hooks from: {reason}; add `leakhound staged` to your pre-commit hook yourself"
    )]
    HooksPath {
        /// The repository.
        path: PathBuf,
        /// Why, and what to do.
        reason: String,
    },
    /// A hook leakhound did not write is in the way.
    #[error(
        "{0}: a pre-commit hook leakhound did not write is already there; add `leakhound staged` to it yourself, or rerun with --force to replace it (the old hook is kept as pre-commit.before-leakhound)"
    )]
    Exists(PathBuf),
    /// Writing the hook failed or was refused (a link in its place).
    #[error("cannot write the hook {0}")]
    Unsafe(#[source] crate::safe_fs::FileError),
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
    let dir = hooks_dir(repo_path)?;
    let path = dir.join("pre-commit");
    let write_error = |source| HookError::Write {
        path: path.clone(),
        source,
    };
    let mut backup = None;
    // A link is never read through nor written through (the hooks
    // directory may be a tracked directory the repository controls): it
    // counts as a hook leakhound did not write.
    let present = std::fs::symlink_metadata(&path).ok();
    if let Some(meta) = present {
        let ours = meta.is_file()
            && std::fs::read(&path)
                .is_ok_and(|existing| String::from_utf8_lossy(&existing).contains(HOOK_MARKER));
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
    crate::safe_fs::write_file(&path, |file| {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(0o755))?;
        }
        file.write_all(script(&binary).as_bytes())
    })
    .map_err(HookError::Unsafe)?;
    Ok(Installed { path, backup })
}

/// The directory git runs the repository's hooks from: `core.hooksPath`
/// as git reads it (system, global and repository configuration, includes,
/// `~/` expanded; a relative path is taken from the work tree's top, or a
/// bare repository's directory, where git runs hooks), else the `hooks`
/// directory of the common dir that worktrees share.
fn hooks_dir(repo_path: &Path) -> Result<PathBuf, HookError> {
    // Scans open repositories isolated from every configuration but their
    // own; the hook only works where git looks for it, so this reads the
    // configuration git reads.
    let repo = gix::discover(repo_path).map_err(|e| GitError::Open {
        path: repo_path.display().to_string(),
        reason: format!("{e}; pass the directory of a git repository"),
    })?;
    let refuse = |reason: String| HookError::HooksPath {
        path: repo_path.to_path_buf(),
        reason,
    };
    if repo.git_dir_trust() != gix::sec::Trust::Full {
        return Err(refuse(
            "the repository is not owned by you, so its configuration is not read the way git reads it (git refuses such repositories unless safe.directory lists them)".into(),
        ));
    }
    let configured = repo
        .config_snapshot()
        .trusted_path("core.hooksPath")
        .map_err(|e| refuse(format!("core.hooksPath: {e}")))?;
    Ok(match configured {
        Some(dir) if dir.is_relative() => super::repository_root(&repo).join(dir),
        Some(dir) => dir,
        None => repo.common_dir().join("hooks"),
    })
}
