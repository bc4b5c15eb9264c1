//! CloudWatch Logs rules (CW-01 .. CW-03): only security log groups.

pub mod cw_01_retention_short;
pub mod cw_02_kms;
pub mod cw_03_retention_unset;
