//! DB-01: a database that exports no logs (or not its audit log) to CloudWatch Logs.

use super::terraform;
use crate::finding::{Sink, Verdict};
use crate::model::workloads::DbKind;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "DB-01",
    policy_source: include_str!("../../../policies/DB-01.toml"),
    check,
};

/// The export an engine must have (services.md 4.4); `None`: any export will do.
fn required(kind: DbKind, engine: &str) -> Option<&'static str> {
    match (kind, engine) {
        (DbKind::DocDb | DbKind::Neptune, _) => Some("audit"),
        (DbKind::Instance, "mysql" | "mariadb") => Some("audit"),
        (DbKind::Cluster, "aurora-mysql" | "aurora") => Some("audit"),
        (DbKind::Instance | DbKind::Cluster, "postgres") | (DbKind::Cluster, "aurora-postgresql") => Some("postgresql"),
        (DbKind::Instance, e) if e.starts_with("oracle-") => Some("audit"),
        _ => None,
    }
}

fn check(cx: &Context, out: &mut Sink) {
    for d in &cx.model.workloads.databases {
        if d.cluster_member {
            continue;
        }
        let res = &cx.model.resource(d.id).address;
        let Some(engine) = d.engine.get() else {
            // Unknown, or absent where the resource has no default (a read replica or a
            // snapshot restore takes its source's engine): undecided, and --strict says which.
            let why = match d.engine.unresolved() {
                Some(why) => why.to_string(),
                None if terraform(cx, d.id) => "engine is not set".to_string(),
                None => "Engine is not set".to_string(),
            };
            out.verdict(d.id, &d.engine, Verdict::unknown(why), || {
                format!("database {res} may export no logs to CloudWatch Logs")
            });
            continue;
        };
        let lower = engine.to_ascii_lowercase();
        if d.kind == DbKind::Instance && lower.starts_with("aurora") {
            continue;
        }
        let required = required(d.kind, &lower);
        // The export list in this resource's spelling, for the message.
        let attribute = match (terraform(cx, d.id), d.kind) {
            (true, DbKind::Neptune) => "enable_cloudwatch_logs_exports",
            (true, _) => "enabled_cloudwatch_logs_exports",
            (false, _) => "EnableCloudwatchLogsExports",
        };
        let exports: Vec<String> = d.exports.get().cloned().unwrap_or_default();
        let empty = exports.is_empty() && !d.exports.is_unknown();
        let lacks = required.filter(|r| !exports.is_empty() && !exports.iter().any(|e| e == r));
        let audit_plugin = if d.kind == DbKind::Instance && matches!(lower.as_str(), "mysql" | "mariadb") {
            " The audit log also needs an option group with the MARIADB_AUDIT_PLUGIN option."
        } else {
            ""
        };
        out.check(d.id, &d.exports, empty || lacks.is_some(), || {
            if empty {
                let including = required.map(|r| format!(", including \"{r}\"")).unwrap_or_default();
                format!(
                    "{engine} database {res} exports no logs to CloudWatch Logs: set enabled_cloudwatch_logs_exports = [...] (Terraform; enable_cloudwatch_logs_exports for Neptune) / EnableCloudwatchLogsExports (CloudFormation){including}.{audit_plugin}"
                )
            } else {
                format!(
                    "{engine} database {res} exports {} but not the audit log \"{}\": add it to {attribute}.{audit_plugin}",
                    exports.join(", "),
                    lacks.unwrap_or_default()
                )
            }
        });
    }
}
