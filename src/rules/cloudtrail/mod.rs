//! CloudTrail rules (CT-00 .. CT-12).

pub mod ct00_account_multi_region_trail;
pub mod ct01_multi_region;
pub mod ct02_log_file_validation;
pub mod ct03_kms_encryption;
pub mod ct04_cloudwatch_logs;
pub mod ct05_logging_disabled;
pub mod ct06_global_service_events;
pub mod ct07_management_events;
pub mod ct08_s3_data_events;
pub mod ct09_insights;
pub mod ct10_lake_retention;
pub mod ct11_lake_without_cmk;
pub mod ct12_trail_bucket_policy_without_source_condition;
