//! Where bytes come from: directory walks, git repositories, standard input
//! and container images. Every source reads blobs and hands each to a
//! [`crate::scan::BlobScanner`], which owns what is done with one blob.

pub mod fs;
pub mod git;
pub mod image;
pub mod remote;
pub mod stdin;

pub use crate::scan::{ScanStats, SkipReason, Warning, archive, binary_keystore, skip_as_binary};
pub use stdin::read_stdin;
