//! Mechanical fixes (`blindspot fix`, JSON/SARIF fixes, language-server code actions).
//!
//! [`attach`] is the one entry point: after a scan, it sets [`crate::finding::Finding::fix`]
//! on every finding it can fix safely. The planner itself is built in issue 16.

use crate::scan::ScanOutput;

/// Sets `fix` on each finding of `out` that has a safe mechanical fix.
pub fn attach(out: &mut ScanOutput) {
    let _ = out;
}
