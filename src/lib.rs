//! leakhound: finds leaked credentials and says how to rotate them.
//!
//! The engine ([`engine::Engine`]) is pure: bytes in, matches out. Sources
//! ([`source`]) produce bytes, [`finding::Finding`] gives matches their
//! contract shape, and [`report`] formats findings. [`app`] wires a command
//! line ([`cli`]) through them.
#![deny(missing_docs)]

pub mod app;
pub mod cli;
pub mod engine;
pub mod finding;
pub mod report;
pub mod rules;
pub mod source;

pub use engine::{Engine, Match, Scratch};
pub use finding::Finding;
pub use rules::{Rule, RuleSet};
