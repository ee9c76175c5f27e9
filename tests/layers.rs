//! The crate's modules form layers, each using only those below it:
//!
//! 0. `safe_fs`, `report::display` — leaves: safe file access, terminal escaping
//! 1. `rules` — rule data and loading
//! 2. `engine` — matching
//! 3. `finding` — what a match becomes (the engine's output, so it sits
//!    under the scanner and the sources that produce findings)
//! 4. `scan` — the one blob scanner, archives, scan statistics
//! 5. `source`, `org` — what reads blobs (and lists repositories)
//! 6. `verify` — live checks of findings
//! 7. `report` — report formats
//! 8. `commands`, `app`, `cli`, `main` — the command line
//!
//! This test reads every `crate::` path in `src/` (test modules and
//! comments aside) and fails on a use of a higher layer from a lower one,
//! unless [`ALLOWED`] names it with the reason it cannot be removed.

use std::path::Path;

/// Module path prefix → layer; the longest matching prefix wins.
const LAYERS: &[(&str, u8)] = &[
    ("safe_fs", 0),
    ("report::display", 0),
    ("rules", 1),
    ("engine", 2),
    ("finding", 3),
    ("scan", 4),
    ("source", 5),
    ("org", 5),
    ("verify", 6),
    ("report", 7),
    ("commands", 8),
    ("app", 8),
    ("cli", 8),
    ("main", 8),
];

/// Uses of a higher layer that stay, and why.
const ALLOWED: &[(&str, &str, &str)] = &[
    (
        "rules",
        "engine",
        "a rule's data names engine-defined checks (checksum, alphabet, structure validator, allowlist terms), and `rules check` runs the engine over each rule's examples",
    ),
    (
        "rules",
        "verify",
        "a rule carries its `[rule.verify]` block, parsed and validated by verify::spec when the rule loads",
    ),
    (
        "finding",
        "verify",
        "a finding carries what verification needs and what it found (VerifyInput, Verification)",
    ),
];

fn layer_of(path: &str) -> Option<(&'static str, u8)> {
    LAYERS
        .iter()
        .filter(|(prefix, _)| path == *prefix || path.starts_with(&format!("{prefix}::")))
        .max_by_key(|(prefix, _)| prefix.len())
        .copied()
}

/// Every path a `crate::` use tree names, as `a::b::…` strings.
fn crate_paths(code: &str) -> Vec<String> {
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find("crate::") {
        let mut i = from + at + "crate::".len();
        tree(bytes, &mut i, String::new(), &mut out);
        from = i.max(from + at + 1);
    }
    out
}

fn skip_space(bytes: &[u8], i: &mut usize) {
    while bytes.get(*i).is_some_and(|b| b.is_ascii_whitespace()) {
        *i += 1;
    }
}

fn tree(bytes: &[u8], i: &mut usize, prefix: String, out: &mut Vec<String>) {
    skip_space(bytes, i);
    if bytes.get(*i) == Some(&b'{') {
        *i += 1;
        loop {
            skip_space(bytes, i);
            match bytes.get(*i) {
                None => return,
                Some(b'}') => {
                    *i += 1;
                    return;
                }
                _ => tree(bytes, i, prefix.clone(), out),
            }
            // Skip an `as name` and the separator.
            while let Some(&b) = bytes.get(*i) {
                if b == b'}' {
                    break;
                }
                *i += 1;
                if b == b',' {
                    break;
                }
            }
        }
    }
    let start = *i;
    while bytes
        .get(*i)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'*')
    {
        *i += 1;
    }
    let ident = String::from_utf8_lossy(&bytes[start..*i]).into_owned();
    let path = if prefix.is_empty() {
        ident
    } else if ident.is_empty() || ident == "self" || ident == "*" {
        prefix.clone()
    } else {
        format!("{prefix}::{ident}")
    };
    if bytes.get(*i..*i + 2) == Some(b"::") {
        *i += 2;
        tree(bytes, i, path, out);
    } else if !path.is_empty() {
        out.push(path);
    }
}

/// `src/report/display.rs` → `report::display`; `src/app.rs` → `app`.
fn module_of(file: &Path, src: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .filter(|c| c != "mod")
        .collect();
    parts.join("::")
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_uses_a_higher_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut violations = Vec::new();
    let mut allowed_used = vec![false; ALLOWED.len()];
    for file in &files {
        let module = module_of(file, &src);
        if module == "lib" {
            continue;
        }
        let Some((from, from_layer)) = layer_of(&module) else {
            violations.push(format!("{}: module {module} has no layer", file.display()));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("readable");
        // Test modules may use anything; comments name what they like.
        let code: String = text
            .split("#[cfg(test)]")
            .next()
            .unwrap_or_default()
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for path in crate_paths(&code) {
            let Some((to, to_layer)) = layer_of(&path) else {
                continue;
            };
            if to_layer <= from_layer {
                continue;
            }
            match ALLOWED.iter().position(|(f, t, _)| *f == from && *t == to) {
                Some(index) => allowed_used[index] = true,
                None => violations.push(format!(
                    "{}: {from} (layer {from_layer}) uses crate::{path} ({to}, layer {to_layer})",
                    file.strip_prefix(&src).unwrap_or(file).display()
                )),
            }
        }
    }
    for ((from, to, _), used) in ALLOWED.iter().zip(&allowed_used) {
        if !used {
            violations.push(format!(
                "the allowed use {from} -> {to} no longer occurs: remove it from ALLOWED"
            ));
        }
    }
    violations.sort();
    violations.dedup();
    assert!(
        violations.is_empty(),
        "layer violations:\n{}",
        violations.join("\n")
    );
}

#[test]
fn use_trees_are_read_whole() {
    let paths = crate_paths("use crate::{a::{b, c::d as e}, f, g::*};\nlet x = crate::h::i(1);");
    assert_eq!(paths, ["a::b", "a::c::d", "f", "g", "h::i"]);
}
