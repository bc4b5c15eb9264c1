//! The normalized resource model: AWS concepts, not syntax. Front ends fill it; rules read it.

pub mod value;

pub use value::{Origin, Step, Value};

use crate::source::{FileId, Span};

/// Which language a resource was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Iac {
    Terraform,
    TerraformPlan,
    CloudFormation,
}

impl Iac {
    pub fn as_str(self) -> &'static str {
        match self {
            Iac::Terraform => "terraform",
            Iac::TerraformPlan => "terraform-plan",
            Iac::CloudFormation => "cloudformation",
        }
    }
}

/// Index into [`Model::resources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ResourceId(pub usize);

/// What every modelled resource has.
#[derive(Clone, Debug)]
pub struct Resource {
    /// `aws_cloudtrail.main` / logical ID `Trail`.
    pub address: String,
    /// `aws_cloudtrail` / `AWS::CloudTrail::Trail`.
    pub resource_type: String,
    pub iac: Iac,
    /// `resource "aws_cloudtrail" "main"` or the logical ID key.
    pub header: Span,
    /// Instance addresses when the resource is created several times.
    pub instances: Vec<String>,
    /// Extra context shown with findings (e.g. the CDK construct path).
    pub context: Option<String>,
    /// Set when the resource may not exist (unknown `count`/`for_each`, unknown
    /// CloudFormation `Condition`): says what its existence depends on. Findings on such
    /// a resource are reported only with `--strict`.
    pub exists_if: Option<String>,
    /// Suppressions written on the resource itself (CloudFormation `Metadata`).
    pub suppressions: Vec<crate::suppress::Directive>,
}

impl Resource {
    pub fn file(&self) -> FileId {
        self.header.file
    }
}

/// A reference from one resource to another, resolved once by the model builder.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Link {
    /// The resource referred to, when it is in the scan.
    pub target: Option<ResourceId>,
    /// The literal text when the reference was written as a name or ARN.
    pub literal: Option<String>,
}

/// Which management events a trail records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ManagementEvents {
    All,
    ReadOnly,
    WriteOnly,
    None,
}

#[derive(Clone, Debug)]
pub struct Trail {
    pub id: ResourceId,
    pub multi_region: Value<bool>,
    pub log_file_validation: Value<bool>,
    pub kms_key: Value<Link>,
    pub cloudwatch_log_group: Value<Link>,
    pub cloudwatch_role: Value<Link>,
    pub logging: Value<bool>,
    pub global_service_events: Value<bool>,
    /// What the selectors record; the span is the deciding selector attribute.
    pub management_events: Value<ManagementEvents>,
    /// Whether the selectors record S3 object-level data events.
    pub s3_data_events: Value<bool>,
    /// Whether any insight selector is configured.
    pub insights: Value<bool>,
    pub bucket: Value<Link>,
}

impl Trail {
    /// Multi-region, logging and recording all management events (CIS 3.1).
    pub fn is_baseline(&self) -> bool {
        self.multi_region.is_true()
            && self.logging.is_true()
            && self.management_events.get() == Some(&ManagementEvents::All)
    }
}

#[derive(Clone, Debug)]
pub struct EventDataStore {
    pub id: ResourceId,
    pub retention_days: Value<f64>,
    pub termination_protection: Value<bool>,
    pub multi_region: Value<bool>,
}

#[derive(Clone, Debug)]
pub struct Bucket {
    pub id: ResourceId,
    /// The bucket name, when written.
    pub name: Value<String>,
}

#[derive(Clone, Debug)]
pub struct LogGroup {
    pub id: ResourceId,
    pub name: Value<String>,
    pub retention_days: Value<f64>,
    pub kms_key: Value<Link>,
}

#[derive(Clone, Debug)]
pub struct KmsKey {
    pub id: ResourceId,
    pub rotation: Value<bool>,
}

/// Everything the scan found, linked.
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub resources: Vec<Resource>,
    pub trails: Vec<Trail>,
    pub event_data_stores: Vec<EventDataStore>,
    pub buckets: Vec<Bucket>,
    pub log_groups: Vec<LogGroup>,
    pub kms_keys: Vec<KmsKey>,
}

impl Model {
    pub fn resource(&self, id: ResourceId) -> &Resource {
        &self.resources[id.0]
    }
}
