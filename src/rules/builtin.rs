//! Rule packs embedded from `rules/*.toml` at build time, as JSON (see `build.rs`).

include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));
