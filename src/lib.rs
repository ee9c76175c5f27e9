//! leakhound: finds leaked credentials and says how to rotate them.
//!
//! The engine ([`engine::Engine`]) is pure: bytes in, matches out. Sources
//! ([`source`]) produce bytes, [`finding::Finding`] gives matches their
//! contract shape, and [`report`] formats findings. [`app`] wires a command
//! line ([`cli`]) through them; [`verify`] checks, only when asked, whether
//! found credentials are live.
#![deny(missing_docs)]

pub mod app;
pub mod cli;
pub mod commands;
pub mod engine;
pub mod finding;
pub mod org;
pub mod report;
pub mod rules;
pub mod safe_fs;
pub mod scan;
pub mod source;
pub mod verify;

pub use engine::{Engine, Match, Scratch};
pub use finding::Finding;
pub use rules::{Rule, RuleSet};
