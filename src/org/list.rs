//! `--list FILE`: one repository a line, a URL (https, ssh, scp-like,
//! file) or a local path; blank lines and `#` comments are skipped.

use std::path::{Path, PathBuf};

use super::{OrgError, Target};
use crate::{
    report::display::escape,
    safe_fs::{self, Trust},
    source::remote::{RemoteUrl, looks_like_url},
};

/// Reads the repositories a list file names. A bad URL is an error naming
/// the file and line; a path that does not exist is not (it fails, with
/// its reason, when scanned, and the other repositories are still scanned).
pub fn read(path: &Path) -> Result<Vec<Target>, OrgError> {
    let text = safe_fs::read_text(path, &Trust::CommandLine, safe_fs::MAX_NAMED_FILE)
        .map_err(|e| OrgError::List(format!("--list: {e}")))?;
    parse(&text, &path.display().to_string())
}

/// Parses a list's text; `name` is the file for errors.
pub fn parse(text: &str, name: &str) -> Result<Vec<Target>, OrgError> {
    let mut targets = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if looks_like_url(line) {
            let url = RemoteUrl::parse(line)
                .map_err(|e| OrgError::List(format!("{name}:{}: {}", number + 1, escape(&e.to_string()))))?;
            targets.push(Target::Remote(url));
        } else {
            targets.push(Target::Local(PathBuf::from(line)));
        }
    }
    Ok(targets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_targets_and_bad_urls_name_their_line() {
        let targets = parse(
            "# audit\nhttps://github.com/o/a.git\n\n  /srv/repos/b  \ngit@github.com:o/c.git\n",
            "list.txt",
        )
        .expect("parses");
        assert_eq!(targets.len(), 3);
        assert!(matches!(&targets[1], Target::Local(p) if p == Path::new("/srv/repos/b")));
        let err = parse("https://ok.example/a\next::sh -c id\n", "list.txt").expect_err("refused");
        assert!(err.to_string().starts_with("list.txt:2:"), "{err}");
    }
}
