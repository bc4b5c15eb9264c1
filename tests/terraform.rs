//! Terraform evaluation end to end: provenance (`related`), instances, notes, variable
//! inputs (`--var-file`, `--var`, `TF_VAR_*`), and hostile configurations.

use std::path::{Path, PathBuf};
use std::process::Command;

use blindspot::scan::{Options, ScanOutput, scan};

fn case(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn run(opts: Options) -> ScanOutput {
    scan(&opts).unwrap()
}

fn ct01(paths: Vec<PathBuf>) -> Options {
    Options {
        paths,
        only: vec!["CT-01".into()],
        ..Default::default()
    }
}

/// (file name, line) of a span.
fn at(out: &ScanOutput, span: blindspot::source::Span) -> (String, u32) {
    let f = out.file(span.file);
    let name = f.path.rsplit('/').next().unwrap_or_default().to_string();
    (name, f.position(span.start).line)
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn related_walks_tfvars_root_variable_and_module_argument() {
    let out = run(ct01(vec![case("testdata/rules/CT-01/tf-fail-tfvars-through-module")]));
    assert_eq!(out.findings.len(), 1, "{:?}", out.findings);
    let f = &out.findings[0];
    assert_eq!(at(&out, f.span), ("main.tf".into(), 12));
    assert!(out.file(f.span.file).path.ends_with("modules/trail/main.tf"));
    assert_eq!(f.instances, vec!["module.audit.aws_cloudtrail.main".to_string()]);
    let steps: Vec<(String, u32)> = f.related.iter().map(|s| at(&out, s.span)).collect();
    assert_eq!(
        steps,
        vec![
            ("terraform.tfvars".into(), 2),
            ("main.tf".into(), 3),
            ("main.tf".into(), 11),
            // The module call itself (issue 11 item 11).
            ("main.tf".into(), 8)
        ]
    );
    assert!(f.related[0].message.contains("terraform.tfvars"));
    assert!(f.related[2].message.contains("module \"audit\""));
    assert_eq!(f.related[3].message, "module.audit is called here");
    assert!(f.message.ends_with(" (in module.audit)"), "{}", f.message);
}

#[test]
fn for_each_instance_that_differs_gets_its_own_finding() {
    let out = run(ct01(vec![case("testdata/rules/CT-01/tf-fail-for-each-one-instance")]));
    assert_eq!(out.findings.len(), 1);
    assert_eq!(
        out.findings[0].instances,
        vec!["aws_cloudtrail.this[\"eu\"]".to_string()]
    );
    assert_eq!(out.findings[0].resource.as_deref(), Some("aws_cloudtrail.this"));
}

#[test]
fn instances_of_one_location_merge_into_one_finding() {
    let out = run(ct01(vec![case("testdata/rules/CT-01/tf-fail-count-instances-merged")]));
    assert_eq!(out.findings.len(), 1);
    assert_eq!(
        out.findings[0].instances,
        vec![
            "aws_cloudtrail.legacy[0]",
            "aws_cloudtrail.legacy[1]",
            "aws_cloudtrail.legacy[2]"
        ]
    );
    let out = run(ct01(vec![case("testdata/rules/CT-01/tf-fail-module-called-twice")]));
    assert_eq!(out.findings.len(), 1);
    assert_eq!(
        out.findings[0].instances,
        vec!["module.a.aws_cloudtrail.main", "module.b.aws_cloudtrail.main"]
    );
    // Both module calls are related locations, and the message names both modules.
    let f = &out.findings[0];
    let calls: Vec<&str> = f.related.iter().map(|s| s.message.as_str()).collect();
    assert_eq!(calls, vec!["module.a is called here", "module.b is called here"]);
    assert!(f.message.ends_with(" (in module.a, module.b)"), "{}", f.message);
}

#[test]
fn remote_modules_are_noted_once_or_read_from_modules_json() {
    let out = run(ct01(vec![case(
        "testdata/rules/CT-01/tf-pass-remote-module-not-downloaded",
    )]));
    let notes: Vec<&str> = out.notes.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(
        notes,
        vec!["module \"trail\" (cloudposse/cloudtrail/aws) is not downloaded; run terraform init to analyse it"]
    );
    assert!(out.findings.is_empty());
    let mut strict = ct01(vec![case("testdata/rules/CT-01/tf-pass-remote-module-not-downloaded")]);
    strict.strict = true;
    let out = run(strict);
    assert_eq!(out.findings.len(), 1);
    assert!(
        out.findings[0]
            .message
            .contains("(unresolved: module.trail.multi_region)"),
        "{}",
        out.findings[0].message
    );

    let out = run(ct01(vec![case(
        "testdata/rules/CT-01/tf-fail-remote-module-downloaded",
    )]));
    assert!(out.notes.is_empty(), "{:?}", out.notes);
    assert_eq!(out.findings.len(), 1);
    assert_eq!(out.findings[0].instances, vec!["module.trail.aws_cloudtrail.default"]);
    assert!(
        out.file(out.findings[0].span.file)
            .path
            .contains(".terraform/modules/trail/main.tf")
    );
}

#[test]
fn a_module_directory_only_called_is_not_a_root() {
    // Scanning the whole case: modules/trail is called, so it is not evaluated on its own
    // (which would give a second finding with an unknown `var.multi`).
    let mut opts = ct01(vec![case("testdata/rules/CT-01/tf-fail-tfvars-through-module")]);
    opts.strict = true;
    let out = run(opts);
    assert_eq!(out.findings.len(), 1, "{:?}", out.findings);
}

#[test]
fn recursive_module_is_noted_and_stops() {
    let out = run(ct01(vec![case("testdata/rules/CT-01/tf-pass-module-recursive")]));
    assert_eq!(out.notes.len(), 1, "{:?}", out.notes);
    assert!(out.notes[0].message.contains("calls itself recursively"));
}

const TRAIL: &str = r#"
variable "multi" {
  type    = bool
  default = true
}
resource "aws_cloudtrail" "t" {
  name                  = "t"
  s3_bucket_name        = "b"
  is_multi_region_trail = var.multi
}
"#;

#[test]
fn var_file_and_var_follow_terraform_precedence() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "root/main.tf", TRAIL);
    write(dir.path(), "prod.tfvars", "multi = false\n");
    write(dir.path(), "on.tfvars.json", "{\"multi\": true}\n");
    let root = dir.path().join("root");
    let mut opts = ct01(vec![root.clone()]);
    opts.var_files = vec![dir.path().join("prod.tfvars")];
    let out = run(opts.clone());
    assert_eq!(out.findings.len(), 1);
    let steps: Vec<(String, u32)> = out.findings[0].related.iter().map(|s| at(&out, s.span)).collect();
    assert_eq!(steps, vec![("prod.tfvars".into(), 1), ("main.tf".into(), 2)]);
    // A later --var-file wins.
    opts.var_files.push(dir.path().join("on.tfvars.json"));
    assert!(run(opts.clone()).findings.is_empty());
    // --var wins over var files.
    opts.vars = vec!["multi=false".into()];
    assert_eq!(run(opts).findings.len(), 1);
    // A var file of any name is read as one; a broken one is an error.
    write(dir.path(), "vars.hcl", "multi = false\n");
    write(dir.path(), "bad.hcl", "multi = = \n");
    let mut opts = ct01(vec![root.clone()]);
    opts.var_files = vec![dir.path().join("vars.hcl")];
    assert_eq!(run(opts.clone()).findings.len(), 1);
    opts.var_files = vec![dir.path().join("bad.hcl")];
    assert_eq!(run(opts).errors.len(), 1);
}

#[test]
fn tf_var_environment_variables_are_read() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", TRAIL);
    let out = Command::new(env!("CARGO_BIN_EXE_blindspot"))
        .args(["scan", "--rule", "CT-01", "--format", "json"])
        .arg(dir.path())
        .env("TF_VAR_multi", "false")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 1, "{v}");
    // --var on the command line wins over the environment.
    let out = Command::new(env!("CARGO_BIN_EXE_blindspot"))
        .args(["scan", "--rule", "CT-01", "--format", "json", "--var", "multi=true"])
        .arg(dir.path())
        .env("TF_VAR_multi", "false")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{v}");
}

#[test]
fn hostile_configurations_end_quickly() {
    let dir = tempfile::tempdir().unwrap();
    // Exponential locals, huge ranges, deep module chains, self-referencing locals,
    // string doubling.
    let mut tf = String::from("locals {\n  l0 = \"ab\"\n");
    for i in 1..60 {
        tf.push_str(&format!("  l{i} = \"${{local.l{}}}${{local.l{}}}\"\n", i - 1, i - 1));
    }
    tf.push_str("  big = range(100000000)\n  loop = local.loop\n  a = local.b\n  b = local.a\n");
    tf.push_str("  many = [for i in range(10000) : [for j in range(10000) : j]]\n}\n");
    tf.push_str(
        "resource \"aws_cloudtrail\" \"t\" {\n  count = 100000000\n  name = local.l59\n  s3_bucket_name = local.many\n  is_multi_region_trail = local.a\n}\n",
    );
    tf.push_str("module \"m\" {\n  source = \"./m\"\n}\n");
    write(dir.path(), "main.tf", &tf);
    write(
        dir.path(),
        "m/main.tf",
        "module \"n\" {\n  source = \"../m2\"\n}\nmodule \"self\" {\n  source = \"./\"\n}\n",
    );
    write(dir.path(), "m2/main.tf", "module \"back\" {\n  source = \"../m\"\n}\n");
    let start = std::time::Instant::now();
    let out = run(ct01(vec![dir.path().to_path_buf()]));
    assert!(start.elapsed().as_secs() < 60, "took {:?}", start.elapsed());
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert!(out.resources <= 1000);
}

#[test]
fn plan_json_findings_name_the_instance_and_point_at_the_resource_object() {
    let out = run(ct01(vec![case("testdata/rules/CT-01/plan-fail")]));
    assert!(out.notes.is_empty(), "{:?}", out.notes);
    assert_eq!(out.findings.len(), 1);
    let f = &out.findings[0];
    assert_eq!(at(&out, f.span), ("plan.json".into(), 95));
    assert_eq!(f.resource.as_deref(), Some("aws_cloudtrail.this"));
    assert_eq!(f.iac, Some("terraform-plan"));
    assert_eq!(f.instances, vec!["module.audit.aws_cloudtrail.this[0]"]);
    // The root trail links to its bucket by literal name; the module's is unknown after apply.
    let trails = &out.model.trails;
    assert_eq!(trails.len(), 2);
    assert!(
        trails
            .iter()
            .any(|t| t.bucket.get().is_some_and(|l| l.target.is_some()))
    );
    assert!(trails.iter().any(|t| t.bucket.is_unknown()));
}

/// Operations whose result is known although some leaves are not (issue 11 item 3): the
/// values `terraform plan` computes for `terraform_data.known_despite_unknown_leaves` in
/// testdata/eval/expressions (checked by scripts/differential.py), plus a conditional whose
/// branches agree, which the plan leaves unknown but which can only apply as that value.
#[test]
fn operations_with_unknown_leaves_are_known_where_terraform_knows_them() {
    let (text, _) = blindspot::debug_eval::run(&[PathBuf::from("testdata/eval/expressions")]);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let input = v["terraform"]["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["address"] == "terraform_data.known_despite_unknown_leaves")
        .and_then(|r| r["attributes"]["input"].as_object().cloned())
        .unwrap_or_else(|| panic!("probe not evaluated: {text}"));
    let expect = serde_json::json!({
        "not_null": true,
        "is_null": false,
        "other_attributes": false,
        "other_length": false,
        "tuple_known_first": false,
        "contains_known": true,
        "length_object": 2,
        "keys_object": ["arn", "name"],
        "lookup_known": "x",
        "coalesce_first": "first",
        "wrapped": ["x"],
    });
    for (k, want) in expect.as_object().unwrap() {
        assert_eq!(&input[k], want, "{k}");
    }
    // Undecided as in the plan: the first tuple element compares unknown; object
    // attributes compare in no fixed order.
    for k in ["tuple_unknown_first", "object_undecided"] {
        assert!(input[k].get("$unknown").is_some(), "{k}: {}", input[k]);
    }
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        "resource \"aws_cloudwatch_log_group\" \"g\" {\n  name = \"g\"\n}\n\nresource \"terraform_data\" \"b\" {\n  input = aws_cloudwatch_log_group.g.arn != \"\" ? \"same\" : \"same\"\n}\n",
    );
    let (text, _) = blindspot::debug_eval::run(&[dir.path().to_path_buf()]);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let b = v["terraform"]["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["address"] == "terraform_data.b")
        .unwrap();
    assert_eq!(b["attributes"]["input"], "same", "{text}");
}

/// Issue 11 item 4: a reference to an undeclared resource is a located note, and the link
/// is known to point at nothing, so VPC-01 fires on the VPC no flow log covers. Dangling
/// data sources and module calls are noted and stay unknown.
#[test]
fn dangling_references_are_noted_and_link_to_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n\n\
         resource \"aws_flow_log\" \"f\" {\n  vpc_id          = aws_vpc.example.id\n  traffic_type    = \"ALL\"\n  \
         log_destination = data.aws_s3_bucket.nope.arn\n  log_destination_type = \"s3\"\n}\n\n\
         resource \"aws_flow_log\" \"g\" {\n  vpc_id          = module.net.vpc_id\n  traffic_type    = \"ALL\"\n  \
         log_destination = \"arn:aws:s3:::logs\"\n  log_destination_type = \"s3\"\n}\n\n\
         resource \"aws_s3_bucket\" \"b\" {\n  bucket = ephemeral.aws_secretsmanager_secret_version.s.secret_string\n}\n",
    );
    let out = run(Options {
        paths: vec![dir.path().to_path_buf()],
        only: vec!["VPC-01".into()],
        strict: true,
        ..Default::default()
    });
    let mut notes: Vec<(String, u32, &str)> = out
        .notes
        .iter()
        .map(|n| {
            let f = out.file(n.file);
            let line = f.position(n.offset.unwrap_or(0)).line;
            (f.path.rsplit('/').next().unwrap().to_string(), line, n.message.as_str())
        })
        .collect();
    notes.sort();
    assert_eq!(
        notes,
        vec![
            (
                "main.tf".to_string(),
                6,
                "reference to undeclared resource aws_vpc.example: terraform validate rejects this configuration"
            ),
            (
                "main.tf".to_string(),
                8,
                "reference to undeclared data source data.aws_s3_bucket.nope: terraform validate rejects this configuration"
            ),
            (
                "main.tf".to_string(),
                13,
                "reference to undeclared module call module.net: terraform validate rejects this configuration"
            ),
        ],
        "{:?}",
        out.notes
    );
    // aws_flow_log.f covers nothing; aws_flow_log.g's target is unknown (a module output
    // of an undeclared call), so under --strict VPC-01 is unresolved, not a plain finding.
    let vpc01: Vec<(&str, bool)> = out
        .findings
        .iter()
        .map(|f| (f.rule_id, f.message.contains("unresolved")))
        .collect();
    assert_eq!(vpc01, vec![("VPC-01", true)], "{:?}", out.findings);

    // Without the unknown flow log the VPC has no flow log, known.
    let text = std::fs::read_to_string(dir.path().join("main.tf")).unwrap();
    let cut = text.find("resource \"aws_flow_log\" \"g\"").unwrap();
    let end = text.find("resource \"aws_s3_bucket\"").unwrap();
    std::fs::write(dir.path().join("main.tf"), format!("{}{}", &text[..cut], &text[end..])).unwrap();
    let out = run(Options {
        paths: vec![dir.path().to_path_buf()],
        only: vec!["VPC-01".into()],
        ..Default::default()
    });
    let found: Vec<(&str, String)> = out.findings.iter().map(|f| (f.rule_id, f.message.clone())).collect();
    assert_eq!(
        found,
        vec![(
            "VPC-01",
            "VPC aws_vpc.main has no flow log: its network traffic is not recorded. Attach the flow log to the VPC: \
             Security Hub EC2.6 checks VPC-level flow logs."
                .to_string()
        )]
    );
}

/// A reference into a file that is not read (a parse error, an excluded file) may be
/// declared there: no note, and the link stays unknown.
#[test]
fn references_in_a_partly_read_module_are_not_dangling() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n\n\
         resource \"aws_flow_log\" \"f\" {\n  vpc_id       = aws_vpc.other.id\n  traffic_type = \"ALL\"\n  \
         log_destination = \"arn:aws:s3:::logs\"\n  log_destination_type = \"s3\"\n}\n",
    );
    write(
        dir.path(),
        "other.tf",
        "resource \"aws_vpc\" \"other\" {\n  cidr_block = \"10.1.0.0/16\"\n}\n",
    );
    let scan_with = |exclude: Vec<String>| {
        run(Options {
            paths: vec![dir.path().to_path_buf()],
            only: vec!["VPC-01".into()],
            exclude,
            ..Default::default()
        })
    };
    // Excluded: not read, so not dangling; the flow log's target is unknown and VPC-01 is
    // silent on aws_vpc.main.
    let out = scan_with(vec!["**/other.tf".into()]);
    assert!(out.notes.is_empty(), "{:?}", out.notes);
    assert!(out.findings.is_empty(), "{:?}", out.findings);
    // Unparsable: an error for the file, and no dangling note.
    write(
        dir.path(),
        "other.tf",
        "resource \"aws_vpc\" \"other\" {\n  cidr_block = \n",
    );
    let out = scan_with(Vec::new());
    assert_eq!(out.errors.len(), 1, "{:?}", out.errors);
    assert!(out.notes.is_empty(), "{:?}", out.notes);
    assert!(out.findings.is_empty(), "{:?}", out.findings);
}

/// The scan evaluates a directory no text calls as a root as soon as it is parsed (issue 18
/// item 4); a module source the text scan cannot read (an escape) must not change the
/// result: the directory is a module of its caller, not a root of its own.
#[test]
fn escaped_module_source_gives_the_same_units_as_a_plain_one() {
    let scan_with = |source: &str, tag: &str| {
        let dir = std::env::temp_dir().join(format!("blindspot-escaped-source-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        write(
            &dir,
            "root/main.tf",
            &format!("module \"c\" {{\n  source = \"{source}\"\n  name   = \"x\"\n}}\n"),
        );
        write(
            &dir,
            "child/main.tf",
            "variable \"name\" {}\nresource \"aws_cloudtrail\" \"t\" {\n  name           = var.name\n  s3_bucket_name = \"b\"\n}\n",
        );
        let out = run(Options {
            paths: vec![dir.clone()],
            ..Default::default()
        });
        let _ = std::fs::remove_dir_all(&dir);
        let roots: Vec<String> = out
            .tf_roots
            .iter()
            .map(|r| r.0.rsplit('/').next().unwrap_or_default().to_string())
            .collect();
        let findings: Vec<(String, String, Vec<String>)> = out
            .findings
            .iter()
            .map(|f| (f.rule_id.to_string(), f.message.clone(), f.instances.clone()))
            .collect();
        (roots, out.resources, findings)
    };
    let plain = scan_with("../child", "plain");
    assert_eq!(plain.0, vec!["root".to_string()]);
    assert!(!plain.2.is_empty());
    assert_eq!(scan_with("\\u002e./child", "escaped"), plain);
}
