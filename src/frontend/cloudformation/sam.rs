//! SAM (`Transform: AWS::Serverless-2016-10-31`): the resources SAM generates that
//! matter for logging and monitoring, named as SAM names them. Mapped:
//!
//! - `AWS::Serverless::Function` / `AWS::Serverless::StateMachine` event sources of type
//!   `EventBridgeRule` / `CloudWatchEvent` -> `AWS::Events::Rule` `<Id><Event>` with
//!   `EventPattern` (from `Pattern`), `State` (from `State`, or `Enabled: false`),
//!   `EventBusName`, `Name`, and a target (the function or state machine);
//! - event sources of type `CloudWatchLogs` -> `AWS::Logs::SubscriptionFilter`
//!   `<Id><Event>` (`LogGroupName`, `FilterPattern`);
//! - `AWS::Serverless::Application` with a local `Location` -> a nested stack (handled
//!   with `AWS::CloudFormation::Stack`, see the module above).
//!
//! `AWS::Serverless::Api` / `AWS::Serverless::HttpApi` keep their type (with a `Globals`
//! access-log setting merged in; see the module above). Every other SAM resource
//! (functions themselves, tables, layers, connectors...) creates nothing the rules read
//! today and is skipped without error. Other `Globals` are not merged.

use crate::frontend::{EVal, Lang, Prop, RawResource, RefTo, Unit, V};
use crate::model::Iac;
use crate::source::Span;

#[allow(clippy::too_many_arguments)]
pub(super) fn expand(
    id: &str,
    rtype: &str,
    props: &[Prop],
    exists_if: &Option<String>,
    context: &Option<String>,
    wanted: &dyn Fn(&str) -> bool,
    unit: &mut Unit,
) {
    if rtype != "AWS::Serverless::Function" && rtype != "AWS::Serverless::StateMachine" {
        return;
    }
    let Some(V::Map(events)) = props.iter().find(|p| p.key == "Events").map(|p| &p.val.v) else {
        return;
    };
    for event in events {
        let kind = event.val.get("Type").and_then(|t| t.val.as_text()).unwrap_or_default();
        let eprops: &[Prop] = match event.val.get("Properties").map(|p| &p.val.v) {
            Some(V::Map(p)) => p,
            _ => &[],
        };
        let get = |k: &str| eprops.iter().find(|p| p.key == k);
        let (resource_type, out) = match kind.as_str() {
            "EventBridgeRule" | "CloudWatchEvent" => {
                let mut out = Vec::new();
                if let Some(p) = get("Pattern") {
                    out.push(renamed(p, "EventPattern"));
                }
                if let Some(p) = get("State") {
                    out.push(p.clone());
                } else if let Some(p) = get("Enabled") {
                    let state = match p.val.as_bool() {
                        Some(true) => EVal::new(V::Str("ENABLED".into()), p.val.span),
                        Some(false) => EVal::new(V::Str("DISABLED".into()), p.val.span),
                        None => EVal::unknown("Enabled", p.val.span),
                    };
                    out.push(Prop {
                        key: "State".into(),
                        span: p.span,
                        val: state,
                    });
                }
                for k in ["EventBusName"] {
                    if let Some(p) = get(k) {
                        out.push(p.clone());
                    }
                }
                if let Some(p) = get("RuleName") {
                    out.push(renamed(p, "Name"));
                }
                let target = EVal::new(
                    V::Map(vec![
                        Prop {
                            key: "Arn".into(),
                            span: event.span,
                            val: EVal::new(
                                V::Ref(RefTo {
                                    address: id.to_string(),
                                    attr: "Arn".into(),
                                }),
                                Some(event.span),
                            ),
                        },
                        Prop {
                            key: "Id".into(),
                            span: event.span,
                            val: EVal::new(V::Str(format!("{id}{}", event.key)), Some(event.span)),
                        },
                    ]),
                    Some(event.span),
                );
                out.push(Prop {
                    key: "Targets".into(),
                    span: event.span,
                    val: EVal::new(V::List(vec![target]), Some(event.span)),
                });
                ("AWS::Events::Rule", out)
            }
            "CloudWatchLogs" => {
                let out = ["LogGroupName", "FilterPattern"]
                    .iter()
                    .filter_map(|k| get(k).cloned())
                    .collect();
                ("AWS::Logs::SubscriptionFilter", out)
            }
            _ => continue,
        };
        if !wanted(resource_type) {
            continue;
        }
        unit.resources.push(RawResource {
            address: format!("{id}{}", event.key),
            resource_type: resource_type.to_string(),
            iac: Iac::CloudFormation,
            lang: Lang::CloudFormation,
            header: Span {
                end: event
                    .span
                    .start
                    .saturating_add(event.key.len() as u32)
                    .min(event.span.end),
                ..event.span
            },
            props: out,
            instances: Vec::new(),
            instance: Default::default(),
            context: Some(match context {
                Some(c) => format!("{c} (generated by SAM from {id}, event {})", event.key),
                None => format!("generated by SAM from {id}, event {}", event.key),
            }),
            exists_if: exists_if.clone(),
            module_calls: Vec::new(),
        });
    }
}

fn renamed(p: &Prop, key: &str) -> Prop {
    Prop {
        key: key.to_string(),
        span: p.span,
        val: p.val.clone(),
    }
}
