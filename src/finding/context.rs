//! Where a finding sits: production code and configuration, tests,
//! documentation or examples, decided from its path and the kind of file.
//!
//! Most false alarms on real trees are fixtures, documentation samples and
//! example configs; a secret there is less likely to be live, so its
//! confidence is lowered one step (it is still reported).

use serde::{Deserialize, Serialize};

/// The kind of place a finding sits in (`location.context`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Context {
    /// Code or configuration that is none of the below.
    #[default]
    Code,
    /// Tests, fixtures and test data.
    Test,
    /// Documentation: Markdown, reStructuredText, READMEs, doc directories.
    Docs,
    /// Examples, samples, demos and templates such as `.env.example`.
    Example,
}

/// Directory names that hold tests and their data.
const TEST_DIRS: &[&str] = &[
    "test",
    "tests",
    "testing",
    "__tests__",
    "spec",
    "specs",
    "testdata",
    "test_data",
    "test-data",
    "fixtures",
    "fixture",
    "__fixtures__",
    "__mocks__",
    "mocks",
    "e2e",
    "testsuite",
    "unittests",
    "unit_tests",
    "integration_tests",
    "integration-tests",
    "certdata",
];

/// Words of a file name that make it a test (`x509_test.cc`,
/// `test_config.py`, `app.spec.ts`, `UserServiceTest.java`).
const TEST_WORDS: &[&str] = &[
    "test", "tests", "spec", "specs", "fixture", "fixtures", "mock", "mocks", "conftest",
];

/// Directory names that hold examples.
const EXAMPLE_DIRS: &[&str] = &[
    "example",
    "examples",
    "_examples",
    "sample",
    "samples",
    "demo",
    "demos",
];

/// Words of a file name that make it an example (`.env.example`,
/// `config.sample.yml`, `examples-1.json`).
const EXAMPLE_WORDS: &[&str] = &["example", "examples", "sample", "samples", "demo"];

/// Directory names that hold documentation.
const DOC_DIRS: &[&str] = &["doc", "docs", "documentation", "man", "manual", "_docs"];

/// Extensions of documentation formats.
const DOC_EXTENSIONS: &[&str] = &[
    "md", "markdown", "mdx", "rst", "adoc", "asciidoc", "rdoc", "pod", "texi", "textile",
];

/// File names (without extension, lowercase) that are documentation.
const DOC_NAMES: &[&str] = &[
    "readme",
    "changelog",
    "changes",
    "history",
    "metadata",
    "pkg-info",
];

impl Context {
    /// Lowercase name as used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Context::Code => "code",
            Context::Test => "test",
            Context::Docs => "docs",
            Context::Example => "example",
        }
    }

    /// Whether a finding here is less likely to be a live credential.
    pub fn lowers_confidence(self) -> bool {
        self != Context::Code
    }

    /// The context of a file at `path` (relative to the scan root; archive
    /// members as `archive!member`). The file name decides first, then the
    /// nearest directory that says anything, then the file's format.
    pub fn of_path(path: &str) -> Context {
        let mut parts = path.split(['/', '\\', '!']).filter(|p| !p.is_empty()).rev();
        let Some(file) = parts.next() else {
            return Context::Code;
        };
        let file = file.to_ascii_lowercase();
        let words = name_words(&file);
        if words.iter().any(|w| TEST_WORDS.contains(&w.as_str())) {
            return Context::Test;
        }
        if words.iter().any(|w| EXAMPLE_WORDS.contains(&w.as_str())) {
            return Context::Example;
        }
        for dir in parts {
            let dir = dir.to_ascii_lowercase();
            if TEST_DIRS.contains(&dir.as_str()) {
                return Context::Test;
            }
            if EXAMPLE_DIRS.contains(&dir.as_str()) {
                return Context::Example;
            }
            if DOC_DIRS.contains(&dir.as_str()) {
                return Context::Docs;
            }
        }
        let (stem, extension) = match file.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() => (stem, ext),
            _ => (file.as_str(), ""),
        };
        let plain_text = extension.is_empty() || extension == "txt";
        if DOC_EXTENSIONS.contains(&extension) || (plain_text && DOC_NAMES.contains(&stem)) {
            return Context::Docs;
        }
        Context::Code
    }
}

/// The words of a file name: split at `.`, `_`, `-` and at camelCase
/// boundaries, lowercased (`UserServiceTest.java` → user, service, test, java).
fn name_words(file: &str) -> Vec<String> {
    let mut words = Vec::new();
    for part in file.split(['.', '_', '-', ' ']) {
        let mut word = String::new();
        let mut prev_lower = false;
        for c in part.chars() {
            if c.is_ascii_uppercase() && prev_lower && !word.is_empty() {
                words.push(std::mem::take(&mut word).to_ascii_lowercase());
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            word.push(c);
        }
        if !word.is_empty() {
            words.push(word.to_ascii_lowercase());
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_file_kinds() {
        for (path, context) in [
            ("src/config.py", Context::Code),
            ("deploy/.env", Context::Code),
            ("config/application.properties", Context::Code),
            ("tests/fixtures/creds.json", Context::Test),
            ("src/test/java/AppTest.java", Context::Test),
            ("crypto/x509/x509_test.cc", Context::Test),
            ("pkg/server/handler_test.go", Context::Test),
            ("web/src/app.spec.ts", Context::Test),
            ("lib/test_config.py", Context::Test),
            ("conftest.py", Context::Test),
            ("testdata/key.pem", Context::Test),
            ("docs/setup.md", Context::Docs),
            ("README.md", Context::Docs),
            ("guide/install.rst", Context::Docs),
            ("pkg-1.0.dist-info/METADATA", Context::Docs),
            ("doc/api/index.html", Context::Docs),
            (".env.example", Context::Example),
            ("config/settings.sample.yml", Context::Example),
            ("examples/basic/main.rs", Context::Example),
            ("awscli/examples/iam/create-login-profile.rst", Context::Example),
            ("data/iam/examples-1.json", Context::Example),
            ("release.tgz!tests/app.env", Context::Test),
            ("src/attestation.rs", Context::Code),
            ("src/latest.rs", Context::Code),
            ("src/contest/score.py", Context::Code),
            ("app/history.py", Context::Code),
            ("CHANGES.txt", Context::Docs),
            ("home/.bash_history", Context::Code),
            ("", Context::Code),
        ] {
            assert_eq!(Context::of_path(path), context, "{path}");
        }
    }

    #[test]
    fn only_code_keeps_its_confidence() {
        assert!(!Context::Code.lowers_confidence());
        for c in [Context::Test, Context::Docs, Context::Example] {
            assert!(c.lowers_confidence());
        }
    }
}
