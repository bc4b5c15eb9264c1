//! Closed AWS vocabularies (issue 10 item 5): values that AWS documents as a fixed list
//! are parsed once, in the adapter, from either language's spelling, so that rules match
//! enum variants and never compare strings of one language. A value outside the list is
//! kept as `Other(text)` (rules treat it as "not the variant they look for", so an
//! unexpected spelling never makes a finding by itself).
//!
//! Where a rule's message quotes the value as it is written (`public-read` in Terraform,
//! `PublicRead` in CloudFormation), the field is a [`Spelled`] value: the variant plus the
//! written text.

/// A closed vocabulary: parsed from any documented spelling.
pub trait Vocabulary: Sized {
    fn parse(text: &str) -> Self;
    /// The documented spelling (the first one, for vocabularies spelled differently by the
    /// two languages); the written text for `Other`.
    fn as_str(&self) -> &str;
}

/// A vocabulary value together with its text as written (for messages that quote it).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Spelled<E> {
    pub is: E,
    pub written: String,
}

impl<E: Vocabulary> Spelled<E> {
    pub fn parse(written: String) -> Spelled<E> {
        Spelled {
            is: E::parse(&written),
            written,
        }
    }
}

/// Parses a written text into a vocabulary (for `Value::map`).
pub fn parse<E: Vocabulary>(text: String) -> E {
    E::parse(&text)
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, ignore_case = $ci:expr;
        $($(#[$vmeta:meta])* $variant:ident => [$($spelling:literal),+],)+
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// Not a documented value: kept as written.
            Other(String),
        }

        impl Vocabulary for $name {
            fn parse(text: &str) -> $name {
                let same = |s: &str| if $ci { s.eq_ignore_ascii_case(text) } else { s == text };
                $(
                    if [$($spelling),+].into_iter().any(same) {
                        return $name::$variant;
                    }
                )+
                $name::Other(text.to_string())
            }
            fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => [$($spelling),+][0],)+
                    $name::Other(text) => text,
                }
            }
        }
    };
}

vocabulary! {
    /// S3 default encryption algorithm (`sse_algorithm` / `SSEAlgorithm`).
    SseAlgorithm, ignore_case = false;
    Aes256 => ["AES256"],
    AwsKms => ["aws:kms"],
    AwsKmsDsse => ["aws:kms:dsse"],
}

impl SseAlgorithm {
    /// SSE-KMS, single or dual layer.
    pub fn is_kms(&self) -> bool {
        matches!(self, SseAlgorithm::AwsKms | SseAlgorithm::AwsKmsDsse)
    }
}

vocabulary! {
    /// S3 bucket versioning status (`versioning_configuration.status` / `Status`; the
    /// provider v3 `versioning { enabled }` is read as `Enabled` / `Suspended`).
    VersioningStatus, ignore_case = false;
    Enabled => ["Enabled"],
    Suspended => ["Suspended"],
    Disabled => ["Disabled"],
}

vocabulary! {
    /// S3 canned ACL (`acl`, Terraform spelling first / `AccessControl`, CloudFormation's).
    CannedAcl, ignore_case = false;
    Private => ["private", "Private"],
    PublicRead => ["public-read", "PublicRead"],
    PublicReadWrite => ["public-read-write", "PublicReadWrite"],
    AuthenticatedRead => ["authenticated-read", "AuthenticatedRead"],
    AwsExecRead => ["aws-exec-read", "AwsExecRead"],
    BucketOwnerRead => ["bucket-owner-read", "BucketOwnerRead"],
    BucketOwnerFullControl => ["bucket-owner-full-control", "BucketOwnerFullControl"],
    LogDeliveryWrite => ["log-delivery-write", "LogDeliveryWrite"],
}

impl CannedAcl {
    /// Grants access outside the account.
    pub fn is_public(&self) -> bool {
        matches!(
            self,
            CannedAcl::PublicRead | CannedAcl::PublicReadWrite | CannedAcl::AuthenticatedRead
        )
    }
}

vocabulary! {
    /// S3 Object Ownership (`object_ownership` / `ObjectOwnership`).
    ObjectOwnership, ignore_case = false;
    BucketOwnerEnforced => ["BucketOwnerEnforced"],
    BucketOwnerPreferred => ["BucketOwnerPreferred"],
    ObjectWriter => ["ObjectWriter"],
}

vocabulary! {
    /// S3 Object Lock retention mode (`mode` / `Mode`).
    RetentionMode, ignore_case = true;
    Governance => ["GOVERNANCE"],
    Compliance => ["COMPLIANCE"],
}

vocabulary! {
    /// VPC flow log traffic type (`traffic_type` / `TrafficType`).
    TrafficType, ignore_case = true;
    All => ["ALL"],
    Accept => ["ACCEPT"],
    Reject => ["REJECT"],
}

vocabulary! {
    /// VPC flow log destination type (`log_destination_type` / `LogDestinationType`).
    FlowLogDestination, ignore_case = false;
    CloudWatchLogs => ["cloud-watch-logs"],
    S3 => ["s3"],
    KinesisDataFirehose => ["kinesis-data-firehose"],
}

vocabulary! {
    /// AWS Config recording strategy (`recording_strategy.use_only` / `RecordingStrategy.UseOnly`).
    RecordingStrategy, ignore_case = false;
    AllSupportedResourceTypes => ["ALL_SUPPORTED_RESOURCE_TYPES"],
    InclusionByResourceTypes => ["INCLUSION_BY_RESOURCE_TYPES"],
    ExclusionByResourceTypes => ["EXCLUSION_BY_RESOURCE_TYPES"],
}

vocabulary! {
    /// Elastic Load Balancing v2 type (`load_balancer_type` / `Type`); `classic` stands for
    /// `aws_elb` / `AWS::ElasticLoadBalancing::LoadBalancer`.
    LbType, ignore_case = false;
    Application => ["application"],
    Network => ["network"],
    Gateway => ["gateway"],
    Classic => ["classic"],
}

vocabulary! {
    /// Load balancer listener protocol (`protocol` / `Protocol`).
    ListenerProtocol, ignore_case = false;
    Http => ["HTTP"],
    Https => ["HTTPS"],
    Tcp => ["TCP"],
    Tls => ["TLS"],
    Udp => ["UDP"],
    TcpUdp => ["TCP_UDP"],
    Geneve => ["GENEVE"],
}

vocabulary! {
    /// API Gateway v2 API protocol (`protocol_type` / `ProtocolType`).
    ApiProtocol, ignore_case = false;
    Http => ["HTTP"],
    WebSocket => ["WEBSOCKET"],
}

vocabulary! {
    /// API Gateway execution logging level (`logging_level` / `LoggingLevel`).
    LoggingLevel, ignore_case = true;
    Off => ["OFF"],
    Error => ["ERROR"],
    Info => ["INFO"],
}

vocabulary! {
    /// CloudTrail basic event selector read/write type (`read_write_type` / `ReadWriteType`);
    /// the adapter folds the selectors into [`crate::model::ManagementEvents`].
    ReadWriteType, ignore_case = false;
    All => ["All"],
    ReadOnly => ["ReadOnly"],
    WriteOnly => ["WriteOnly"],
}

vocabulary! {
    /// Redshift audit log destination (`log_destination_type` / `LogDestinationType`).
    RedshiftLogDestination, ignore_case = true;
    S3 => ["s3"],
    CloudWatch => ["cloudwatch"],
}

vocabulary! {
    /// Network Firewall log type (`log_type` / `LogType`).
    FirewallLogType, ignore_case = true;
    Alert => ["ALERT"],
    Flow => ["FLOW"],
    Tls => ["TLS"],
}

vocabulary! {
    /// Network Firewall log destination type (`log_destination_type` / `LogDestinationType`).
    FirewallLogDestinationType, ignore_case = true;
    S3 => ["S3"],
    CloudWatchLogs => ["CloudWatchLogs"],
    KinesisDataFirehose => ["KinesisDataFirehose"],
}

vocabulary! {
    /// Amazon MQ broker engine (`engine_type` / `EngineType`).
    MqEngine, ignore_case = true;
    ActiveMq => ["ActiveMQ"],
    RabbitMq => ["RabbitMQ"],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_spellings_parse_to_one_variant() {
        assert_eq!(CannedAcl::parse("public-read"), CannedAcl::PublicRead);
        assert_eq!(CannedAcl::parse("PublicRead"), CannedAcl::PublicRead);
        assert_eq!(CannedAcl::parse("publicread"), CannedAcl::Other("publicread".into()));
        assert_eq!(SseAlgorithm::parse("aws:kms:dsse"), SseAlgorithm::AwsKmsDsse);
        assert!(SseAlgorithm::parse("aws:kms").is_kms());
        assert!(!SseAlgorithm::parse("AES256").is_kms());
        assert_eq!(TrafficType::parse("accept"), TrafficType::Accept);
        assert_eq!(VersioningStatus::parse("Suspended").as_str(), "Suspended");
        assert_eq!(VersioningStatus::parse("enabled").as_str(), "enabled");
        let s: Spelled<CannedAcl> = Spelled::parse("PublicReadWrite".into());
        assert!(s.is.is_public());
        assert_eq!(s.written, "PublicReadWrite");
    }
}
