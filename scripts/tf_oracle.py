"""Shared helpers for running the real Terraform CLI offline against the provider mirror.

Nothing here touches the network: providers come only from the filesystem mirror
(`/opt/tf-plugins`, or $BLINDSPOT_TF_MIRROR), the version checkpoint is disabled, module
sources other than local paths are never installed (roots using them are skipped before
`terraform init`), and data sources that would call AWS are refused the same way.
"""

import os
import re
import shutil
import subprocess
import tempfile

TERRAFORM = os.environ.get("BLINDSPOT_TERRAFORM", "terraform")
MIRROR = os.environ.get("BLINDSPOT_TF_MIRROR", "/opt/tf-plugins")

# Data sources the AWS provider answers without calling AWS.
OFFLINE_DATA = {
    "aws_iam_policy_document",
    "aws_partition",
    "aws_region",
    "aws_arn",
    "aws_default_tags",
}

PROVIDER_SETTINGS = """  region                      = "us-east-1"
  access_key                  = "mock"
  secret_key                  = "mock"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
"""


def available():
    """`None` when terraform and the mirror are usable, else why not."""
    if shutil.which(TERRAFORM) is None:
        return f"{TERRAFORM} not found on PATH"
    if not os.path.isdir(os.path.join(MIRROR, "registry.terraform.io", "hashicorp", "aws")):
        return f"no AWS provider mirror under {MIRROR}"
    return None


class Env:
    """A CLI configuration using only the mirror, and a shared plugin cache."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="blindspot-tf-")
        cfg = os.path.join(self.dir, "cli.tfrc")
        with open(cfg, "w") as f:
            f.write(
                "provider_installation {\n  filesystem_mirror {\n"
                f'    path    = "{MIRROR}"\n'
                '    include = ["registry.terraform.io/*/*"]\n  }\n}\n'
            )
        cache = os.path.join(self.dir, "plugin-cache")
        os.makedirs(cache)
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("AWS_") and not k.startswith("TF_")
        }
        self.env.update(
            TF_CLI_CONFIG_FILE=cfg,
            TF_PLUGIN_CACHE_DIR=cache,
            TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE="1",
            CHECKPOINT_DISABLE="1",
            TF_IN_AUTOMATION="1",
            TF_INPUT="0",
            AWS_EC2_METADATA_DISABLED="true",
        )

    def run(self, args, cwd, timeout=900):
        p = subprocess.run(
            [TERRAFORM] + args,
            cwd=cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        return p.returncode, p.stdout, p.stderr

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def tf_files(d):
    try:
        names = sorted(os.listdir(d))
    except OSError:
        return []
    return [
        os.path.join(d, n)
        for n in names
        if (n.endswith(".tf") or n.endswith(".tf.json")) and os.path.isfile(os.path.join(d, n))
    ]


def read(p):
    try:
        with open(p, encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError):
        return ""


MODULE_RE = re.compile(r'^\s*module\s+"([^"]+)"\s*\{', re.M)
SOURCE_RE = re.compile(r'^\s*source\s*=\s*"([^"]*)"', re.M)
DATA_RE = re.compile(r'^\s*data\s+"([^"]+)"\s+"[^"]+"', re.M)
DATA_BLOCK_RE = re.compile(r'^[ \t]*data\s+"([^"]+)"\s+"([^"]+)"\s*\{', re.M)
PROVIDER_RE = re.compile(r'^\s*provider\s+"([^"]+)"\s*\{', re.M)
REQUIRED_PROVIDER_RE = re.compile(r'source\s*=\s*"(?:registry\.terraform\.io/)?([\w-]+/[\w-]+)"')


def module_sources(d):
    """`source` of every module call in directory `d` (HCL files, by pattern)."""
    out = []
    for f in tf_files(d):
        text = read(f)
        if f.endswith(".json"):
            out += re.findall(r'"source"\s*:\s*"([^"]*)"', text)
            continue
        for m in MODULE_RE.finditer(text):
            s = SOURCE_RE.search(text, m.end())
            if s:
                out.append(s.group(1))
    return out


def is_local(source):
    return source.startswith("./") or source.startswith("../") or source in (".", "..")


# Directories of `owner__repo` checkouts standing in for registry and GitHub module
# sources (`--local-modules`): `terraform-aws-modules/kms/aws` ->
# `terraform-aws-modules__terraform-aws-kms`, `git::https://github.com/o/r.git?ref=x` ->
# `o__r`, a `//subdir` kept.
LOCAL_MODULES = []


def local_stand_in(source):
    """The local directory standing in for a remote module source, or None."""
    src = source.split("?")[0]
    sub = ""
    body = src.split("::", 1)[-1]
    if "//" in body.replace("://", ""):
        head, _, sub = body.replace("://", "\0").partition("//")
        body = head.replace("\0", "://")
    body = re.sub(r"^(https?://)?(www\.)?github\.com/", "gh:", body)
    body = body[:-4] if body.endswith(".git") else body
    if body.startswith("gh:"):
        parts = body[3:].split("/")
        names = [f"{parts[0]}__{parts[1]}"] if len(parts) >= 2 else []
    else:
        parts = body.split("/")
        names = [f"{parts[0]}__terraform-{parts[2]}-{parts[1]}"] if len(parts) == 3 else []
    for top in LOCAL_MODULES:
        for n in names:
            d = os.path.normpath(os.path.join(top, n, sub))
            if os.path.isdir(d) and tf_files(d):
                return d
    return None


def resolve(d, source):
    """The directory a module source in directory `d` names, or None."""
    if is_local(source):
        return os.path.normpath(os.path.join(d, source))
    return local_stand_in(source)


def closure(root):
    """The directories of `root` and every module it calls by a local source, or the
    reason it cannot be planned offline."""
    root = os.path.normpath(root)
    seen, stack = [root], [root]
    while stack:
        d = stack.pop()
        for s in module_sources(d):
            t = resolve(d, s)
            if t is None:
                return None, "remote module source"
            if not os.path.isdir(t):
                return None, "missing local module"
            if t not in seen:
                seen.append(t)
                stack.append(t)
    return seen, None


# Data sources that would call AWS, replaced (with `--stub-data`) in the copies both tools
# read by a local value of the same shape: `data.T.N` -> `local.bs_stub_T_N`. Both sides
# then evaluate the same configuration; the data sources themselves are not compared.
STUB_DATA = {
    "aws_caller_identity": '{ account_id = "123456789012", arn = "arn:aws:iam::123456789012:user/mock", '
    'id = "123456789012", user_id = "AIDAMOCK" }',
    "aws_availability_zones": '{ names = ["us-east-1a", "us-east-1b", "us-east-1c"], '
    'zone_ids = ["use1-az1", "use1-az2", "use1-az4"], id = "us-east-1" }',
    "aws_elb_service_account": '{ arn = "arn:aws:iam::127311923021:root", id = "127311923021" }',
    "aws_canonical_user_id": '{ id = "0123456789abcdef", display_name = "mock" }',
}
STUBS = {"on": False}


def stub_data(out):
    """Replaces the stubbable data sources of the copied module directory `out`."""
    names = []
    for f in tf_files(out):
        if f.endswith(".json"):
            continue
        text = read(f)
        for m in reversed(list(DATA_BLOCK_RE.finditer(text))):
            t, n = m.group(1), m.group(2)
            if t not in STUB_DATA:
                continue
            body = block_body(text, m.end())
            if re.search(r"^\s*(count|for_each)\s*=", body, re.M):
                continue
            text = text[: m.start()] + f"locals {{\n  bs_stub_{t}_{n} = {STUB_DATA[t]}\n}}\n" + text[m.end() + len(body) :]
            names.append((t, n))
        with open(f, "w") as fh:
            fh.write(text)
    if names:
        for f in tf_files(out):
            if f.endswith(".json"):
                continue
            text = read(f)
            for t, n in names:
                text = re.sub(rf"\bdata\.{t}\.{n}\b", f"local.bs_stub_{t}_{n}", text)
            with open(f, "w") as fh:
                fh.write(text)


RELAX = {"on": False}


def relax_provider_versions(out):
    """Drops the version constraints of `required_providers` in the copied directory `out`
    (the mirror has one AWS provider version; modules asking for another are planned with
    it, and fail on their own if they need what it lacks)."""
    for f in tf_files(out):
        if f.endswith(".json"):
            continue
        text = read(f)
        for m in reversed(list(re.finditer(r"required_providers\s*\{", text))):
            body = block_body(text, m.end())
            new = re.sub(r'^(\s*)version\s*=\s*"[^"]*"\s*,?\s*$\n?', "", body, flags=re.M)
            text = text[: m.end()] + new + text[m.end() + len(body) :]
        text = re.sub(r'^(\s*required_version\s*=\s*)"[^"]*"', r'\1">= 0.12"', text, flags=re.M)
        with open(f, "w") as fh:
            fh.write(text)


# Resources whose planning makes the provider call AWS (it validates them remotely).
CALLS_AWS_AT_PLAN = {"aws_sfn_state_machine"}
RESOURCE_RE = re.compile(r'^\s*resource\s+"([^"]+)"\s+"[^"]+"', re.M)


def offline_problem(dirs):
    """Why these module directories cannot be planned offline, or `None`."""
    for d in dirs:
        for f in tf_files(d):
            text = read(f)
            for t in RESOURCE_RE.findall(text):
                if t in CALLS_AWS_AT_PLAN:
                    return f"resource {t} (the provider calls AWS to plan it)"
            for t in DATA_RE.findall(text):
                if t not in OFFLINE_DATA and not (STUBS["on"] and t in STUB_DATA):
                    return f"data source {t}"
            if f.endswith(".json") and '"data"' in text:
                return "data source in .tf.json"
            for p in REQUIRED_PROVIDER_RE.findall(text):
                if p != "hashicorp/aws":
                    return f"provider {p}"
            for p in PROVIDER_RE.findall(text):
                if p != "aws":
                    return f"provider {p}"
    return None


def aws_provider_aliases(d):
    """Aliases of the `provider "aws"` blocks of directory `d` (`""` = no alias)."""
    out = []
    for f in tf_files(d):
        if f.endswith(".json"):
            continue
        text = read(f)
        for m in PROVIDER_RE.finditer(text):
            if m.group(1) != "aws":
                continue
            # The block's body: up to the matching closing brace.
            depth, i = 1, m.end()
            while i < len(text) and depth:
                depth += {"{": 1, "}": -1}.get(text[i], 0)
                i += 1
            a = re.search(r'^\s*alias\s*=\s*"([^"]+)"', text[m.end() : i], re.M)
            out.append(a.group(1) if a else "")
    return out


def block_body(text, start):
    """The text of a block body whose opening brace ends at `start`."""
    depth, i = 1, start
    while i < len(text) and depth:
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        i += 1
    return text[start:i]


VARIABLE_RE = re.compile(r'^\s*variable\s+"([^"]+)"\s*\{', re.M)


def required_variables(d):
    """Variables of module directory `d` declared without a default."""
    out = []
    for f in tf_files(d):
        text = read(f)
        if f.endswith(".json"):
            try:
                import json

                doc = json.loads(text)
            except ValueError:
                continue
            vs = doc.get("variable", {}) if isinstance(doc, dict) else {}
            items = vs.items() if isinstance(vs, dict) else []
            out += [k for k, v in items if not (isinstance(v, dict) and "default" in v)]
            continue
        for m in VARIABLE_RE.finditer(text):
            if not re.search(r"^\s*default\s*=", block_body(text, m.end()), re.M):
                out.append(m.group(1))
    return out


def rewrite_remote_sources(d, out, dest, base):
    """In the copy `out` of directory `d`, points remote module sources with a local stand-in
    at the stand-in's copy, and drops their `version` constraint."""
    for f in tf_files(out):
        if f.endswith(".json"):
            continue
        text = read(f)
        changed = False
        for m in reversed(list(MODULE_RE.finditer(text))):
            body_start = m.end()
            body = block_body(text, body_start)
            sm = SOURCE_RE.search(body)
            if not sm or is_local(sm.group(1)):
                continue
            t = local_stand_in(sm.group(1))
            if t is None:
                continue
            rel = os.path.relpath(os.path.join(dest, os.path.relpath(t, base)), out).replace(os.sep, "/")
            rel = rel if rel.startswith(".") else "./" + rel
            new = body[: sm.start(1)] + rel + body[sm.end(1) :]
            new = re.sub(r'^\s*version\s*=\s*"[^"]*"\s*$\n?', "", new, flags=re.M)
            text = text[:body_start] + new + text[body_start + len(body) :]
            changed = True
        if changed:
            with open(f, "w") as fh:
                fh.write(text)


def copy_closure(dirs, dest, add_default=True):
    """Copies the `.tf`, `.tf.json`, variable and template files of each directory below
    `dest`, keeping their relative layout; adds the offline provider settings. Returns the
    root's copy."""
    base = os.path.commonpath(dirs)
    for d in dirs:
        out = os.path.join(dest, os.path.relpath(d, base))
        os.makedirs(out, exist_ok=True)
        for n in sorted(os.listdir(d)):
            src = os.path.join(d, n)
            if os.path.isfile(src):
                shutil.copy(src, os.path.join(out, n))
            elif os.path.isdir(src) and not n.startswith("."):
                # Files read by file()/templatefile() may live in subdirectories.
                has_tf = bool(tf_files(src))
                if not has_tf and not os.path.exists(os.path.join(out, n)):
                    shutil.copytree(src, os.path.join(out, n), symlinks=True, ignore_dangling_symlinks=True)
        rewrite_remote_sources(d, out, dest, base)
        if STUBS["on"]:
            stub_data(out)
        if RELAX["on"]:
            relax_provider_versions(out)
        aliases = aws_provider_aliases(d)
        blocks = "".join(
            "provider \"aws\" {\n" + (f'  alias = "{a}"\n' if a else "") + PROVIDER_SETTINGS + "}\n"
            for a in aliases
        )
        if blocks:
            with open(os.path.join(out, "zz_blindspot_override.tf"), "w") as f:
                f.write(blocks)
    root = os.path.join(dest, os.path.relpath(dirs[0], base))
    if add_default and "" not in aws_provider_aliases(dirs[0]):
        with open(os.path.join(root, "zz_blindspot_provider.tf"), "w") as f:
            f.write('provider "aws" {\n' + PROVIDER_SETTINGS + "}\n")
    return root


def find_roots(top):
    """Directories below `top` holding Terraform files that no other directory below
    `top` calls by a local module source."""
    dirs = []
    for d, subdirs, files in os.walk(top):
        subdirs[:] = sorted(s for s in subdirs if not s.startswith("."))
        if any(f.endswith(".tf") or f.endswith(".tf.json") for f in files):
            dirs.append(os.path.normpath(d))
    called = set()
    for d in dirs:
        for s in module_sources(d):
            if is_local(s):
                t = os.path.normpath(os.path.join(d, s))
                if t != d:
                    called.add(t)
    return [d for d in dirs if d not in called]
