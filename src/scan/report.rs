//! The scan's output as the reporters' plain [`Report`] (issue 10 item 7): the model-
//! dependent parts (the checked resources, the log-flow graph) are computed here, so no
//! reporter reads the model.

use std::collections::BTreeSet;

use crate::model::{Link, Model, ResourceId, Value};
use crate::report::{AsReport, Checked, FlowNode, Flows, GuardRule, Report};
use crate::scan::ScanOutput;

impl ScanOutput {
    /// The plain output the reporters take.
    pub fn report(&self) -> Report<'_> {
        let m = &self.model;
        Report {
            files: &self.files,
            iac_files: self.iac_files,
            resources: self.resources,
            findings: &self.findings,
            errors: &self.errors,
            notes: &self.notes,
            suppressed: &self.suppressed,
            baselined: self.baselined,
            baselined_findings: &self.baselined_findings,
            fixed: self.fixed,
            selected: &self.selected,
            unknown: self.unknown,
            checked: self
                .checked
                .iter()
                .map(|(rule_id, id)| {
                    let r = m.resource(*id);
                    Checked {
                        rule_id,
                        address: &r.address,
                        header: r.header,
                    }
                })
                .collect(),
            guard_rules: self
                .guard_rules
                .iter()
                .map(|g| GuardRule {
                    id: g.id,
                    name: &g.name,
                    text: &g.text,
                    file: &g.file,
                    severity: g.severity,
                })
                .collect(),
            flows: flows(m),
        }
    }
}

impl AsReport for ScanOutput {
    fn with_report<R>(&self, f: impl FnOnce(&Report<'_>) -> R) -> R {
        f(&self.report())
    }
}

/// The log-flow graph of the model.
fn flows(m: &Model) -> Flows<'_> {
    let edges = edges(m);
    let nodes: BTreeSet<usize> = edges.iter().flat_map(|(a, b, _)| [a.0, b.0]).collect();
    Flows {
        nodes: nodes
            .into_iter()
            .map(|i| {
                let r = &m.resources[i];
                FlowNode {
                    key: i,
                    address: &r.address,
                    resource_type: &r.resource_type,
                    file: r.header.file,
                }
            })
            .collect(),
        edges: edges.into_iter().map(|(a, b, l)| (a.0, b.0, l)).collect(),
    }
}

fn target<T>(v: &Value<Link<T>>) -> Option<ResourceId> {
    v.get().and_then(|l| l.target)
}

/// The log-flow edges of the model: (from, to, label).
fn edges(m: &Model) -> Vec<(ResourceId, ResourceId, &'static str)> {
    let mut e = Vec::new();
    for t in &m.trails {
        if let Some(b) = target(&t.bucket) {
            e.push((t.id, b, "logs"));
        }
        if let Some(g) = target(&t.cloudwatch_log_group) {
            e.push((t.id, g, "logs"));
        }
        if let Some(k) = target(&t.kms_key) {
            e.push((t.id, k, "encrypted by"));
        }
    }
    for f in &m.flow_logs {
        if let Some(d) = target(&f.destination) {
            e.push((f.id, d, "logs"));
        }
        if let Some(v) = target(&f.target) {
            e.push((v, f.id, "flow log"));
        }
    }
    for b in &m.buckets {
        if let Some(k) = target(&b.sse_kms_key) {
            e.push((b.id, k, "encrypted by"));
        }
    }
    for g in &m.log_groups {
        if let Some(k) = target(&g.kms_key) {
            e.push((g.id, k, "encrypted by"));
        }
    }
    for f in &m.metric_filters {
        if let Some(g) = target(&f.log_group) {
            e.push((g, f.id, "filtered by"));
        }
    }
    for a in &m.alarms {
        if let Some((f, _)) = a.metric_name_ref {
            e.push((f, a.id, "alarm"));
        }
    }
    e.sort_by_key(|(a, b, l)| (a.0, b.0, *l));
    e.dedup();
    e
}
