//! Parameter values from outside the template: `--cfn-param Name=Value` and parameter
//! files in the two formats users already have:
//!
//! - `aws cloudformation` JSON: `[{"ParameterKey": "K", "ParameterValue": "V"}, ...]`
//!   (`UsePreviousValue: true` means "whatever is deployed": unknown);
//! - CodePipeline template configuration: `{"Parameters": {"K": "V"}}`.
//!
//! Values from a file carry a provenance step pointing at where they are set.

use super::eval::span;
use crate::doc::{Kind, Node};
use crate::frontend::{EVal, V};
use crate::model::Step;
use crate::source::FileId;

/// A located problem in a parameter file (byte offset, message).
pub type ParamError = (Option<u32>, String);

/// Reads a parameter file (JSON, or YAML for the CodePipeline format written as YAML).
pub fn parse_file(file: FileId, text: &str, yaml: bool) -> Result<Vec<(String, EVal)>, ParamError> {
    let parsed = if yaml {
        crate::doc::yaml::parse(text)
    } else {
        crate::doc::json::parse(text)
    };
    let root = parsed.map_err(|e| (Some(e.offset as u32), e.message))?;
    let bad = |n: &Node, what: &str| -> ParamError {
        (
            Some(n.span.start),
            format!(
                "{what}; expected [{{\"ParameterKey\": ..., \"ParameterValue\": ...}}] or {{\"Parameters\": {{...}}}}"
            ),
        )
    };
    let mut out = Vec::new();
    match &root.kind {
        Kind::Seq(items) => {
            for item in items {
                let Some(key) = item.get("ParameterKey").and_then(Node::as_str) else {
                    return Err(bad(item, "an entry has no ParameterKey"));
                };
                if item.get("UsePreviousValue").and_then(Node::as_bool) == Some(true) {
                    out.push((
                        key.to_string(),
                        EVal::unknown(format!("parameter {key} (previous value)"), None),
                    ));
                    continue;
                }
                let Some(value) = item.get("ParameterValue") else {
                    return Err(bad(item, &format!("parameter {key} has no ParameterValue")));
                };
                out.push((
                    key.to_string(),
                    value_of(file, key, value).ok_or_else(|| bad(value, "a value is not text"))?,
                ));
            }
        }
        Kind::Map(_) => {
            let Some(params) = root.get("Parameters").filter(|p| p.is_map()) else {
                return Err(bad(&root, "no \"Parameters\" object"));
            };
            for e in params.entries() {
                out.push((
                    e.key.clone(),
                    value_of(file, &e.key, &e.value).ok_or_else(|| bad(&e.value, "a value is not text"))?,
                ));
            }
        }
        _ => return Err(bad(&root, "not a parameter file")),
    }
    Ok(out)
}

fn value_of(file: FileId, key: &str, n: &Node) -> Option<EVal> {
    let text = match &n.kind {
        Kind::Str(s) | Kind::Number(s) => s.clone(),
        Kind::Bool(b) => b.to_string(),
        // A list value is a comma-delimited list to CloudFormation.
        Kind::Seq(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()?
            .join(","),
        _ => return None,
    };
    Some(EVal {
        v: V::Str(text),
        span: None,
        prov: vec![Step {
            span: span(file, n.span),
            message: format!("value set here (parameter {key})"),
            kind: crate::model::StepKind::ParameterValue,
        }],
    })
}

/// `Name=Value` from the command line.
pub fn parse_assignment(s: &str) -> Result<(String, EVal), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), EVal::new(V::Str(v.to_string()), None))),
        _ => Err(format!("--cfn-param expects NAME=VALUE, got \"{s}\"")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_formats() {
        let a = parse_file(
            FileId(3),
            "[\n {\"ParameterKey\": \"Multi\", \"ParameterValue\": \"true\"},\n {\"ParameterKey\": \"Old\", \"UsePreviousValue\": true}\n]",
            false,
        )
        .unwrap();
        assert_eq!(a[0].0, "Multi");
        assert_eq!(a[0].1.as_text().as_deref(), Some("true"));
        assert_eq!(a[0].1.prov[0].span.file, FileId(3));
        assert!(a[1].1.is_unknown());
        let b = parse_file(
            FileId(0),
            "{\"Parameters\": {\"A\": \"x\", \"N\": 3, \"L\": [\"p\", \"q\"]}}",
            false,
        )
        .unwrap();
        let texts: Vec<_> = b.iter().map(|(k, v)| (k.as_str(), v.as_text().unwrap())).collect();
        assert_eq!(
            texts,
            [("A", "x".to_string()), ("N", "3".to_string()), ("L", "p,q".to_string())]
        );
        assert!(parse_file(FileId(0), "{\"A\": 1}", false).is_err());
        assert!(parse_file(FileId(0), "[{\"ParameterValue\": 1}]", false).is_err());
        assert!(parse_file(FileId(0), "[", false).is_err());
        assert!(parse_file(FileId(0), "Parameters:\n  A: x\n", true).is_ok());
    }

    #[test]
    fn assignments() {
        let (k, v) = parse_assignment("Env=prod=1").unwrap();
        assert_eq!((k.as_str(), v.as_text().as_deref()), ("Env", Some("prod=1")));
        assert!(parse_assignment("novalue").is_err());
        assert!(parse_assignment("=x").is_err());
    }
}
