//! `blindspot debug eval PATH`: prints what the front ends evaluated, resource by resource
//! and instance by instance, as JSON. It is the evaluator's side of the differential test
//! against `terraform plan` (`scripts/differential.py`), and a debugging aid.
//!
//! Every resource type is evaluated (not only the ones the rules read). Values are plain
//! JSON where known; what is not known is an object with one `$`-key:
//! `{"$unknown": why}`, `{"$ref": "aws_s3_bucket.b.arn"}` (a computed attribute of another
//! resource), `{"$oneof": [..], "why": ..}` (one of several values; `null` in the list is
//! an absent alternative).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Value as J, json};

use crate::doc;
use crate::frontend::{EVal, Prop, Unit, V, cloudformation, terraform};
use crate::source::{FileId, FileKind, SourceFile, Span, classify};

/// Files read so far, indexed by [`FileId`].
#[derive(Default)]
struct Files {
    files: Vec<SourceFile>,
    errors: Vec<String>,
}

impl Files {
    fn read(&mut self, path: &Path) -> Option<(FileId, std::sync::Arc<str>)> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let id = FileId(self.files.len() as u32);
                let text: std::sync::Arc<str> = text.into();
                self.files
                    .push(SourceFile::new(crate::discover::display_path(path), text.clone()));
                Some((id, text))
            }
            Err(e) => {
                self.errors.push(format!("{}: cannot read: {e}", path.display()));
                None
            }
        }
    }

    fn at(&self, span: Span) -> String {
        match self.files.get(span.file.0 as usize) {
            Some(f) => {
                let p = f.position(span.start);
                format!("{}:{}:{}", f.path, p.line, p.column)
            }
            None => String::new(),
        }
    }

    fn note(&mut self, d: &crate::frontend::Diagnostic) {
        let where_ = match d.offset {
            Some(o) => self.at(Span::new(d.file, o as usize, o as usize)),
            None => self
                .files
                .get(d.file.0 as usize)
                .map(|f| f.path.clone())
                .unwrap_or_default(),
        };
        self.errors.push(format!("{where_}: {}", d.message));
    }
}

fn is_tf(p: &Path) -> bool {
    classify(p, &[]).is_terraform()
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Loads one module directory's `.tf` / `.tf.json` files (and, for the root, its
/// automatically loaded variable files).
fn load_module(dir: &Path, root: bool, files: &mut Files) -> terraform::ModuleDir {
    let mut md = terraform::ModuleDir {
        called_only: !root,
        ..Default::default()
    };
    for p in sorted_entries(dir) {
        let is_vars = root && terraform::is_auto_vars(&p);
        if !is_tf(&p) && !is_vars {
            continue;
        }
        let Some((id, text)) = files.read(&p) else { continue };
        let parsed = if is_vars {
            terraform::parse_vars(id, &p, &text).map(|v| md.auto_vars.push(v))
        } else if classify(&p, &[]) == FileKind::TerraformJson {
            terraform::json_syntax::parse(id, &text).map(|f| md.files.push(f))
        } else {
            terraform::parse(id, &text).map(|f| md.files.push(f))
        };
        if let Err(d) = parsed {
            files.note(&d);
        }
    }
    md.sort_vars();
    if root {
        md.remote = terraform::read_modules_json(dir);
    }
    md
}

/// Evaluates the root module in `dir` with every module it calls (local sources and
/// downloaded modules listed in `.terraform/modules/modules.json`).
fn terraform_root(dir: &Path, files: &mut Files) -> Unit {
    let root = terraform::normalize(dir);
    let mut dirs: BTreeMap<PathBuf, terraform::ModuleDir> = BTreeMap::new();
    dirs.insert(root.clone(), load_module(&root, true, files));
    let mut queue = vec![root.clone()];
    while let Some(d) = queue.pop() {
        let md = &dirs[&d];
        let mut targets: Vec<PathBuf> = md.remote.values().cloned().collect();
        for (_, source) in terraform::module_calls(&md.files) {
            if terraform::is_local_source(&source) {
                targets.push(terraform::normalize(&d.join(&source)));
            }
        }
        for t in targets {
            if dirs.len() >= 1_000 || dirs.contains_key(&t) || !t.is_dir() {
                continue;
            }
            let md = load_module(&t, false, files);
            dirs.insert(t.clone(), md);
            queue.push(t);
        }
    }
    let inputs = terraform::Inputs {
        allowed: vec![root.clone()],
        ..Default::default()
    };
    terraform::evaluate_root(&dirs, &root, &inputs, &|_: &str| true)
}

/// A value as JSON, unknown parts marked (see the module documentation).
pub fn value_json(v: &EVal) -> J {
    match &v.v {
        V::Null => J::Null,
        V::Bool(b) => J::Bool(*b),
        V::Num(n) => crate::frontend::to_json(v).unwrap_or_else(|| json!({ "$unknown": format!("number {n}") })),
        V::Str(s) => J::String(s.clone()),
        V::List(items) => J::Array(items.iter().map(value_json).collect()),
        V::Map(props) => J::Object(props_json(props)),
        V::Ref(r) => json!({ "$ref": format!("{}.{}", r.address, r.attr) }),
        V::Unknown { why, .. } => json!({ "$unknown": why }),
        V::OneOf { why, alts } => json!({
            "$oneof": alts.iter().map(|a| a.as_ref().map(value_json).unwrap_or(J::Null)).collect::<Vec<_>>(),
            "why": why,
        }),
    }
}

fn props_json(props: &[Prop]) -> serde_json::Map<String, J> {
    props.iter().map(|p| (p.key.clone(), value_json(&p.val))).collect()
}

fn resources_json(unit: &Unit, files: &Files, cfn: bool) -> Vec<J> {
    unit.resources
        .iter()
        .map(|r| {
            let instance = r.instances.first().cloned().unwrap_or_else(|| r.address.clone());
            let spans: serde_json::Map<String, J> = r
                .props
                .iter()
                .map(|p| (p.key.clone(), J::String(files.at(p.span))))
                .collect();
            let mut o = serde_json::Map::new();
            if cfn {
                o.insert("logical_id".into(), J::String(r.address.clone()));
            } else {
                o.insert("address".into(), J::String(instance));
                o.insert("resource".into(), J::String(r.address.clone()));
            }
            o.insert("type".into(), J::String(r.resource_type.clone()));
            o.insert("at".into(), J::String(files.at(r.header)));
            if let Some(e) = &r.exists_if {
                o.insert("exists_if".into(), J::String(e.clone()));
            }
            o.insert(
                if cfn { "properties" } else { "attributes" }.into(),
                J::Object(props_json(&r.props)),
            );
            o.insert("spans".into(), J::Object(spans));
            J::Object(o)
        })
        .collect()
}

/// The evaluation dump of `path`: a directory is a Terraform root module (its `.tf` files)
/// and holds CloudFormation templates (its other files that are templates); a file is a
/// template, or a `.tf` file whose directory is the root module.
pub fn dump(path: &Path) -> Result<J, String> {
    let mut files = Files::default();
    let (tf_dir, candidates) = if path.is_dir() {
        let entries = sorted_entries(path);
        let has_tf = entries.iter().any(|p| is_tf(p));
        (has_tf.then(|| path.to_path_buf()), entries)
    } else if path.is_file() {
        if is_tf(path) {
            (Some(path.parent().unwrap_or(Path::new(".")).to_path_buf()), Vec::new())
        } else {
            (None, vec![path.to_path_buf()])
        }
    } else {
        return Err(format!("{}: no such file or directory", path.display()));
    };
    let mut out = serde_json::Map::new();
    if let Some(dir) = tf_dir {
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        let unit = terraform_root(&dir, &mut files);
        for n in &unit.notes {
            files.note(n);
        }
        out.insert(
            "terraform".into(),
            json!({
                "root": crate::discover::display_path(&dir),
                "resources": resources_json(&unit, &files, false),
            }),
        );
    }
    let mut templates = Vec::new();
    for p in candidates {
        if !classify(&p, &[]).is_document() {
            continue;
        }
        let Some((id, text)) = files.read(&p) else { continue };
        let parsed = if classify(&p, text.as_bytes()).is_json() {
            doc::json::parse(&text)
        } else {
            doc::yaml::parse(&text)
        };
        match parsed {
            Ok(root) if cloudformation::is_template(&root) => templates.push((id, p, root)),
            Ok(_) => {}
            Err(e) => files.errors.push(format!("{}: {}", p.display(), e.message)),
        }
    }
    if !templates.is_empty() {
        let mut list = Vec::new();
        for (id, p, root) in &templates {
            let unit = cloudformation::evaluate_template(*id, root, &cloudformation::Overrides::new(), &|_: &str| true);
            for n in &unit.notes {
                files.note(n);
            }
            list.push(json!({
                "file": crate::discover::display_path(p),
                "resources": resources_json(&unit, &files, true),
            }));
        }
        out.insert("cloudformation".into(), J::Array(list));
    }
    out.insert("notes".into(), json!(files.errors));
    Ok(J::Object(out))
}

/// Runs `debug eval`: prints the dump of each path; exit code 2 when a path is missing.
pub fn run(paths: &[PathBuf]) -> (String, i32) {
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let mut dumps = Vec::new();
    let mut code = 0;
    for p in &paths {
        match dump(p) {
            Ok(d) => dumps.push(d),
            Err(e) => {
                eprintln!("error: {e}");
                code = 2;
            }
        }
    }
    let v = if dumps.len() == 1 {
        dumps.remove(0)
    } else {
        J::Array(dumps)
    };
    (serde_json::to_string_pretty(&v).unwrap_or_default() + "\n", code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dumps_instances_values_and_unknowns() {
        let dir = std::env::temp_dir().join(format!("blindspot-debug-eval-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("main.tf"),
            "variable \"v\" {}\nresource \"aws_sqs_queue\" \"q\" {\n  count = 2\n  name  = \"q-${count.index}\"\n  policy = var.v\n  tags = { a = aws_s3_bucket.b.arn }\n}\nresource \"aws_s3_bucket\" \"b\" {}\n",
        )
        .unwrap();
        let d = dump(&dir).unwrap();
        let rs = d["terraform"]["resources"].as_array().unwrap();
        assert_eq!(rs.len(), 3);
        assert_eq!(rs[0]["address"], "aws_sqs_queue.q[0]");
        assert_eq!(rs[1]["attributes"]["name"], "q-1");
        assert_eq!(rs[1]["attributes"]["policy"]["$unknown"], "var.v");
        assert_eq!(rs[1]["attributes"]["tags"]["a"]["$ref"], "aws_s3_bucket.b.arn");
        assert!(rs[1]["spans"]["name"].as_str().unwrap().ends_with("main.tf:4:3"));
        assert_eq!(rs[2]["address"], "aws_s3_bucket.b");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
