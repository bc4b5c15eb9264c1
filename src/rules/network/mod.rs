//! Network rules: VPC flow logs (VPC-01, VPC-02).

pub mod vpc01_flow_logs;
pub mod vpc02_traffic_type;
