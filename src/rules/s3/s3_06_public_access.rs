//! S3-06: log buckets must not be public.

use super::{name, sources};
use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "S3-06",
    policy_source: include_str!("../../../policies/S3-06.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for b in cx.model.buckets.iter().filter(|b| b.is_log_bucket()) {
        for (setting, v) in b.public_access_block.iter().flat_map(|p| p.flags()) {
            out.check(b.id, v, v.is_false(), || {
                format!(
                    "log bucket {} has {setting} turned off; it {}",
                    name(cx, b),
                    sources(cx, b)
                )
            });
        }
        let public_acl = b.acl.get().is_some_and(|a| a.is.is_public());
        out.check(b.id, &b.acl, public_acl, || {
            format!(
                "log bucket {} has the public canned ACL {}; it {}",
                name(cx, b),
                b.acl.get().map(|a| a.written.as_str()).unwrap_or(""),
                sources(cx, b)
            )
        });
        for p in &b.policies {
            let public = p.get().and_then(|d| d.is_public()) == Some(true);
            out.check(b.id, p, public, || {
                format!("log bucket {} has a policy statement that allows everyone (Principal \"*\") without a condition; it {}", name(cx, b), sources(cx, b))
            });
        }
    }
}
