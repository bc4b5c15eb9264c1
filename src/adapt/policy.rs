//! Policy documents (bucket policies) from evaluated values: objects (CloudFormation,
//! `jsonencode`) or JSON text (heredocs, strings, `aws_iam_policy_document` output).

use crate::frontend::{EVal, V};
use crate::model::policy::{Condition, PolicyDocument, Statement};

/// The document, or `None` when it cannot be known (or is not a policy).
pub fn document(val: &EVal) -> Option<PolicyDocument> {
    let parsed;
    let root = match &val.v {
        V::Str(text) => {
            parsed = EVal::from_json_text(text, val.span)?;
            &parsed
        }
        V::Map(_) => val,
        _ => return None,
    };
    let statements = match &root.get("Statement")?.val.v {
        V::List(items) => items.iter().collect(),
        V::Map(_) => vec![&root.get("Statement")?.val],
        _ => return None,
    };
    Some(PolicyDocument {
        statements: statements.into_iter().map(statement).collect(),
    })
}

fn strings(v: &EVal) -> Option<Vec<String>> {
    match &v.v {
        V::List(items) => items.iter().map(EVal::as_text).collect(),
        _ => v.as_text().map(|s| vec![s]),
    }
}

fn statement(s: &EVal) -> Statement {
    let field = |k: &str| s.get(k).map(|p| &p.val);
    let principal_everyone = match field("Principal") {
        None => Some(false),
        Some(p) => match &p.v {
            V::Str(t) => Some(t == "*"),
            V::Map(props) => {
                let mut any_unknown = false;
                let mut everyone = false;
                for prop in props {
                    match strings(&prop.val) {
                        Some(vals) => everyone |= prop.key == "AWS" && vals.iter().any(|v| v == "*"),
                        None => any_unknown = true,
                    }
                }
                if everyone {
                    Some(true)
                } else if any_unknown {
                    None
                } else {
                    Some(false)
                }
            }
            _ => None,
        },
    };
    let principal_services = match field("Principal") {
        None => Some(Vec::new()),
        Some(p) => match &p.v {
            V::Str(_) => Some(Vec::new()),
            V::Map(props) => {
                let mut out = Some(Vec::new());
                for prop in props.iter().filter(|p| p.key == "Service") {
                    match (strings(&prop.val), out.as_mut()) {
                        (Some(vals), Some(o)) => o.extend(vals),
                        _ => out = None,
                    }
                }
                out
            }
            _ => None,
        },
    };
    let condition_keys = match field("Condition").map(|c| &c.v) {
        None => Some(Vec::new()),
        Some(V::Map(ops)) => ops
            .iter()
            .map(|op| match &op.val.v {
                V::Map(keys) => Some(keys.iter().map(|k| k.key.clone()).collect::<Vec<_>>()),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .map(|k| k.concat()),
        Some(_) => None,
    };
    let conditions = match field("Condition") {
        None => Some(Vec::new()),
        Some(c) => match &c.v {
            V::Map(ops) => {
                let mut out = Vec::new();
                let mut known = true;
                for op in ops {
                    match &op.val.v {
                        V::Map(keys) => {
                            for k in keys {
                                match strings(&k.val) {
                                    Some(values) => out.push(Condition {
                                        operator: op.key.clone(),
                                        key: k.key.clone(),
                                        values,
                                    }),
                                    None => known = false,
                                }
                            }
                        }
                        _ => known = false,
                    }
                }
                known.then_some(out)
            }
            _ => None,
        },
    };
    Statement {
        effect: field("Effect").and_then(EVal::as_text),
        principal_everyone,
        actions: field("Action").and_then(strings),
        resources: field("Resource").and_then(strings),
        conditions,
        condition_keys,
        principal_services,
        span: s.span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::policy::action_covers;

    fn doc(text: &str) -> PolicyDocument {
        document(&EVal::new(V::Str(text.into()), None)).unwrap()
    }

    #[test]
    fn public_and_tls_decisions() {
        let p = doc(r#"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}]}"#);
        assert_eq!(p.is_public(), Some(true));
        assert_eq!(p.denies_insecure_transport(), Some(false));
        let p = doc(
            r#"{"Statement": {"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "s3:*",
            "Condition": {"StringEquals": {"aws:SourceAccount": "1"}}}}"#,
        );
        assert_eq!(p.is_public(), Some(false));
        let p = doc(r#"{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Condition": {"Bool": {"aws:SecureTransport": false}}}]}"#);
        assert_eq!(p.denies_insecure_transport(), Some(true));
        let p = doc(r#"{"Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}}]}"#);
        assert_eq!(p.is_public(), Some(false));
    }

    #[test]
    fn cloudtrail_source_conditions() {
        let writes = |text: &str| doc(text).statements[0].cloudtrail_writes_without_source_condition();
        let stmt = |action: &str, cond: &str| {
            format!(
                r#"{{"Statement": [{{"Effect": "Allow", "Principal": {{"Service": ["cloudtrail.amazonaws.com"]}},
                "Action": "{action}", "Resource": "arn:aws:s3:::b/*"{cond}}}]}}"#
            )
        };
        assert_eq!(writes(&stmt("s3:PutObject", "")), Some(true));
        assert_eq!(writes(&stmt("s3:put*", "")), Some(true));
        assert_eq!(writes(&stmt("s3:GetBucketAcl", "")), Some(false));
        assert_eq!(
            writes(&stmt(
                "s3:PutObject",
                r#", "Condition": {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudtrail:us-east-1:1:trail/t"}}"#
            )),
            Some(false)
        );
        assert_eq!(
            writes(&stmt(
                "s3:PutObject",
                r#", "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}"#
            )),
            Some(true)
        );
        assert!(action_covers("*", "s3:PutObject"));
        assert!(!action_covers("s3:PutObjectAcl", "s3:PutObject"));
    }

    #[test]
    fn unknown_parts_make_decisions_unknown() {
        let unknown = EVal::unknown("var.p", None);
        let stmt = EVal::new(
            V::Map(vec![
                crate::frontend::Prop {
                    key: "Effect".into(),
                    span: Default::default(),
                    val: EVal::new(V::Str("Allow".into()), None),
                },
                crate::frontend::Prop {
                    key: "Principal".into(),
                    span: Default::default(),
                    val: unknown,
                },
            ]),
            None,
        );
        let root = EVal::new(
            V::Map(vec![crate::frontend::Prop {
                key: "Statement".into(),
                span: Default::default(),
                val: EVal::new(V::List(vec![stmt]), None),
            }]),
            None,
        );
        assert_eq!(document(&root).unwrap().is_public(), None);
        assert!(document(&EVal::new(V::Str("not json".into()), None)).is_none());
    }
}
