#!/usr/bin/env bash
# Scaffolds a rule: scripts/new-rule.sh ID AREA NAME
#   e.g. scripts/new-rule.sh S3-11 s3 replication-disabled
# Writes src/rules/AREA/<id>_<name>.rs, its `pub mod` line, its RULES entry (after the
# last rule of AREA), policies/ID.toml (to fill in) and the six fixture cells under
# testdata/rules/ID/ (pass cells say `expect: none`; fail cells are left for you to write:
# `cargo test --test fixtures` stays red until they expect the rule), then regenerates
# docs/rules/ (the rule table in README.md is written by hand; accept the new
# tests/snapshots/rule_messages__rule_messages_ID.snap once the fail cells are written,
# e.g. INSTA_UPDATE=always cargo test --test rule_messages). Run from anywhere inside
# the repository.
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: $0 ID AREA NAME   (e.g. S3-11 s3 replication-disabled)" >&2
  exit 2
fi
id=$1 area=$2 name=$3
cd "$(git rev-parse --show-toplevel)"
[[ $id =~ ^[A-Z0-9]+-[0-9]+$ ]] || { echo "ID must look like S3-11" >&2; exit 2; }
[[ $name =~ ^[a-z0-9]+(-[a-z0-9]+)*$ ]] || { echo "NAME must be kebab-case" >&2; exit 2; }
[ -f "src/rules/$area/mod.rs" ] || { echo "no area src/rules/$area" >&2; exit 2; }
[ ! -e "policies/$id.toml" ] || { echo "policies/$id.toml exists" >&2; exit 2; }
ident=$(echo "${id}_${name}" | tr 'A-Z-' 'a-z_')
file="src/rules/$area/$ident.rs"

cat > "$file" <<EOF
//! $id: TODO one line on the bad pattern.

use crate::finding::{Sink, Verdict};
use crate::model::Value;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "$id",
    policy_source: include_str!("../../../policies/$id.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    // TODO: read the model, decide a Verdict, report against the deciding value with
    // out.check(id, &s.field, fails, || message) or out.verdict(..). The finding's field
    // (and fingerprint) comes from the value, so a struct not yet read by any rule needs its
    // stamp_fields! line in src/adapt/fields.rs.
    let _ = (cx, out, Verdict::Pass, Value::<()>::absent());
}
EOF

# `pub mod` after the area's last one.
python3 - "$area" "$ident" "$id" <<'PY'
import re, sys
area, ident, rid = sys.argv[1:]
p = f"src/rules/{area}/mod.rs"
s = open(p).read()
mods = list(re.finditer(r"^pub mod \w+;\n", s, re.M))
at = mods[-1].end() if mods else len(s)
s = s[:at] + f"pub mod {ident};\n" + s[at:]
open(p, "w").write(s)
p = "src/rules/mod.rs"
s = open(p).read()
entries = list(re.finditer(rf"^    &{area}::\w+::RULE,\n", s, re.M))
if not entries:
    entries = list(re.finditer(r"^    &\w+::\w+::RULE,\n", s, re.M))
at = entries[-1].end()
s = s[:at] + f"    &{area}::{ident}::RULE,\n" + s[at:]
open(p, "w").write(s)
PY

cat > "policies/$id.toml" <<EOF
id = "$id"
name = "$name"
severity = "medium"
scope = "resource"
title = "TODO: what is wrong, in one line"
help = "TODO: the fix, for Terraform and CloudFormation."
rationale = '''
TODO: why it matters for security logging.
'''
references = []
links = []

[remediation]
terraform = '''
\`\`\`hcl
# TODO
\`\`\`
'''
cloudformation = '''
\`\`\`yaml
# TODO
\`\`\`
'''
EOF

dir="testdata/rules/$id"
for cell in tf-fail tf-pass cfn-yaml-fail cfn-yaml-pass cfn-json-fail cfn-json-pass; do
  mkdir -p "$dir/$cell"
done
for lang in tf:main.tf cfn-yaml:template.yaml; do
  prefix=${lang%%:*} f=${lang#*:}
  printf '# expect: none\n' > "$dir/$prefix-pass/$f"
  # shellcheck disable=SC2016 # the backticks are literal text in the fixture
  printf '# TODO: a resource that fails %s, with `# expect: %s` on the deciding line\n' "$id" "$id" > "$dir/$prefix-fail/$f"
done
printf '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {}\n}\n' > "$dir/cfn-json-pass/template.json"
printf 'none\n' > "$dir/cfn-json-pass/template.json.expect"
printf '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {}\n}\n' > "$dir/cfn-json-fail/template.json"
printf '# TODO: "%s LINE" lines\n' "$id" > "$dir/cfn-json-fail/template.json.expect"

# BLINDSPOT_SCAFFOLD_SKIP_DOCS=1: the scaffolder's own test (tests/scaffold.rs) runs it in a
# scratch repository where the docs cannot be built.
if [ -z "${BLINDSPOT_SCAFFOLD_SKIP_DOCS:-}" ]; then
  BLINDSPOT_UPDATE_DOCS=1 cargo test --quiet --test docs >/dev/null || true
fi
echo "scaffolded $id: $file, policies/$id.toml, $dir/ (fill the TODOs; fail cells first; add its row to the rule table in README.md)"
