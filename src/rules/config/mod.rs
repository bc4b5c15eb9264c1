//! AWS Config rules (CFG-00 .. CFG-07).

pub mod cfg00_account_config_recorder;
pub mod cfg01_all_resource_types;
pub mod cfg02_global_resources;
pub mod cfg03_recorder_not_started;
pub mod cfg04_no_delivery_channel;
pub mod cfg05_account_config_rules;
pub mod cfg06_config_aggregator_not_all_regions;
pub mod cfg07_config_recorder_not_service_linked;
