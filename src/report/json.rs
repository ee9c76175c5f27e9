//! JSON and JSON Lines reports (the contract in interfaces.md).

use std::io;

use crate::finding::Finding;

/// Writes all findings as one pretty-printed JSON array.
pub fn write_array(findings: &[Finding], out: &mut dyn io::Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, findings)?;
    writeln!(out)
}

/// Writes one compact JSON object per line.
pub fn write_lines(findings: &[Finding], out: &mut dyn io::Write) -> io::Result<()> {
    for finding in findings {
        serde_json::to_writer(&mut *out, finding)?;
        writeln!(out)?;
    }
    Ok(())
}
