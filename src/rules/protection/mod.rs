//! Log protection rules (services.md §4.13 LOG-01, §4.19 LOG-02, §4.20 LOG-03): the logs
//! survive a `terraform destroy`, a compromised account and a careless administrator.

pub mod log01_log_store_deletable;
pub mod log02_log_archive_in_same_account;
pub mod log03_log_bucket_deletion_not_denied;
