//! Evaluation of one root module tree, as `terraform plan` would see it, without running
//! Terraform: variables (defaults, tfvars, `--var`, `TF_VAR_*`, type conversion), locals
//! (memoized, cycle-checked), module calls (local, or remote through
//! `.terraform/modules/modules.json`), `count`/`for_each`, `dynamic` blocks, `for`
//! expressions, splats, template directives, functions and a few data sources.
//! Anything else is an unknown value that still remembers which resources it mentions.
//!
//! All work is bounded: expression depth, module depth, instances per resource, items per
//! collection, and a total evaluation budget per root module.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use hcl_edit::Span as _;
use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::structure::{Block, Body};
use hcl_edit::template::{Directive, Element, Template};

use super::functions::{self, FsCtx, MAX_ITEMS, MAX_STRING, error, has_unknown, is_error, unknown_of};
use super::{DirRefs, Inputs, ModuleDir, VarsContent, VarsFile, header_span, label, span_of};
use crate::frontend::{Diagnostic, EVal, Interpolated, Lang, Piece, Prop, RawResource, RefTo, Unit, V};
use crate::model::{Iac, Step};
use crate::source::{FileId, Span};

/// Deepest expression nesting followed before giving up.
const MAX_EVAL_DEPTH: usize = 128;
/// Deepest chain of module calls.
const MAX_MODULE_DEPTH: usize = 16;
/// Most module instances in one root module tree.
const MAX_MODULE_INSTANCES: usize = 2_000;
/// Most instances of one resource or module call.
const MAX_INSTANCES: usize = 1_000;
/// Evaluation steps allowed per root module tree (hostile configurations end, unknown).
const BUDGET: usize = 2_000_000;
/// Why a value is unknown once [`BUDGET`] is spent (also the start of the note).
const BUDGET_EXCEEDED: &str = "evaluation budget exceeded";
/// Collection items `for` expressions, directives and dynamic blocks may iterate per root
/// module tree (bounds memory as well as time).
const ITEM_BUDGET: usize = 200_000;

pub(crate) struct VarDecl<'a> {
    file: FileId,
    header: Span,
    default: Option<&'a Expression>,
    ty: Option<&'a Expression>,
    nullable: bool,
}

pub(crate) struct LocalDecl<'a> {
    file: FileId,
    span: Span,
    expr: &'a Expression,
}

pub(crate) struct ResourceDecl<'a> {
    file: FileId,
    rtype: String,
    name: String,
    block: &'a Block,
}

pub(crate) struct CallDecl<'a> {
    file: FileId,
    name: String,
    source: Option<String>,
    block: &'a Block,
}

/// Everything declared in one module directory, borrowed from its parsed files.
pub(crate) struct ModuleDecls<'a> {
    dir: PathBuf,
    vars: HashMap<String, VarDecl<'a>>,
    locals: HashMap<String, LocalDecl<'a>>,
    resources: Vec<ResourceDecl<'a>>,
    /// `TYPE.NAME` of every managed resource -> index in `resources`.
    addresses: HashMap<String, usize>,
    data: HashMap<String, ResourceDecl<'a>>,
    calls: Vec<CallDecl<'a>>,
    outputs: HashMap<String, (FileId, &'a Expression)>,
    /// Every file of the directory was parsed: an address declared in none of them is
    /// declared nowhere (see [`ModuleDir::incomplete`]).
    complete: bool,
}

fn collect<'a>(dir: &Path, md: &'a ModuleDir) -> ModuleDecls<'a> {
    let mut d = ModuleDecls {
        dir: dir.to_path_buf(),
        vars: HashMap::new(),
        locals: HashMap::new(),
        resources: Vec::new(),
        addresses: HashMap::new(),
        data: HashMap::new(),
        calls: Vec::new(),
        outputs: HashMap::new(),
        complete: !md.incomplete,
    };
    for pf in &md.files {
        for block in pf.body.blocks() {
            match block.ident.as_str() {
                "variable" => {
                    if let Some(name) = label(block, 0) {
                        let nullable = block
                            .body
                            .get_attribute("nullable")
                            .is_none_or(|a| !matches!(&a.value, Expression::Bool(b) if !*b.value()));
                        d.vars.insert(
                            name.to_string(),
                            VarDecl {
                                file: pf.file,
                                header: header_span(pf.file, block),
                                default: block.body.get_attribute("default").map(|a| &a.value),
                                ty: block.body.get_attribute("type").map(|a| &a.value),
                                nullable,
                            },
                        );
                    }
                }
                "locals" => {
                    for attr in block.body.attributes() {
                        let span = span_of(pf.file, attr.span()).unwrap_or_default();
                        d.locals.insert(
                            attr.key.as_str().to_string(),
                            LocalDecl {
                                file: pf.file,
                                span,
                                expr: &attr.value,
                            },
                        );
                    }
                }
                "resource" | "data" => {
                    if let (Some(t), Some(n)) = (label(block, 0), label(block, 1)) {
                        let decl = ResourceDecl {
                            file: pf.file,
                            rtype: t.to_string(),
                            name: n.to_string(),
                            block,
                        };
                        if block.ident.as_str() == "data" {
                            d.data.insert(format!("{t}.{n}"), decl);
                        } else {
                            d.addresses.insert(format!("{t}.{n}"), d.resources.len());
                            d.resources.push(decl);
                        }
                    }
                }
                "module" => {
                    if let Some(name) = label(block, 0) {
                        let source = block.body.get_attribute("source").and_then(|a| match &a.value {
                            Expression::String(s) => Some(s.value().to_string()),
                            _ => None,
                        });
                        d.calls.push(CallDecl {
                            file: pf.file,
                            name: name.to_string(),
                            source,
                            block,
                        });
                    }
                }
                "output" => {
                    if let (Some(name), Some(v)) = (label(block, 0), block.body.get_attribute("value")) {
                        d.outputs.insert(name.to_string(), (pf.file, &v.value));
                    }
                }
                _ => {}
            }
        }
    }
    d
}

/// How many instances a resource or module call has.
#[derive(Clone)]
enum Expansion {
    /// No `count`/`for_each`.
    Single,
    /// `count = 0`, empty `for_each`: does not exist.
    Nothing,
    Count(usize),
    /// `for_each` keys with their values.
    Each(Vec<(String, EVal)>),
    /// Unknown count/for_each: may exist; the reason.
    Unknown(String),
}

impl Expansion {
    /// `(instance suffix, bindings)` of each instance.
    fn instances(&self) -> Vec<(String, Vec<(String, EVal)>)> {
        match self {
            Expansion::Single | Expansion::Unknown(_) => vec![(String::new(), Vec::new())],
            Expansion::Nothing => Vec::new(),
            Expansion::Count(n) => (0..*n)
                .map(|i| {
                    let idx = EVal::new(V::Num(i as f64), None);
                    (format!("[{i}]"), vec![("count".to_string(), obj(vec![("index", idx)]))])
                })
                .collect(),
            Expansion::Each(items) => items
                .iter()
                .map(|(k, v)| {
                    let key = EVal::new(V::Str(k.clone()), None);
                    (
                        format!("[{}]", quote(k)),
                        vec![("each".to_string(), obj(vec![("key", key), ("value", v.clone())]))],
                    )
                })
                .collect(),
        }
    }
}

fn quote(k: &str) -> String {
    serde_json::to_string(k).unwrap_or_else(|_| format!("\"{k}\""))
}

fn obj(items: Vec<(&str, EVal)>) -> EVal {
    EVal::new(
        V::Map(
            items
                .into_iter()
                .map(|(k, v)| Prop {
                    key: k.to_string(),
                    span: v.span.unwrap_or_default(),
                    val: v,
                })
                .collect(),
        ),
        None,
    )
}

struct Caller<'a> {
    inst: usize,
    call: &'a Block,
    file: FileId,
    name: String,
    binds: Vec<(String, EVal)>,
}

struct Inst<'a> {
    decls: Rc<ModuleDecls<'a>>,
    /// `""` for the root, `module.a.` / `module.a["k"].` for children.
    prefix: String,
    /// Call names from the root (the key in `modules.json`).
    key_path: Vec<String>,
    dirs: Vec<PathBuf>,
    caller: Option<Caller<'a>>,
    vars: HashMap<String, (EVal, usize)>,
    locals: HashMap<String, (EVal, usize)>,
    outputs: HashMap<String, (EVal, usize)>,
    expansions: HashMap<String, Expansion>,
    children: HashMap<String, Option<usize>>,
    in_progress: Vec<String>,
    /// Set when the module instance exists only under an unknown condition.
    exists_if: Option<String>,
}

pub(crate) struct Ev<'a> {
    dirs: &'a DirRefs<'a>,
    decl_cache: HashMap<PathBuf, Rc<ModuleDecls<'a>>>,
    inputs: &'a Inputs,
    root_dir: PathBuf,
    /// Root variable values from tfvars, `--var`, `TF_VAR_*`.
    root_values: HashMap<String, EVal>,
    insts: Vec<Inst<'a>>,
    cur: usize,
    binds: Vec<(String, EVal)>,
    depth: usize,
    budget: usize,
    items: usize,
    notes: Vec<Diagnostic>,
    fs: FsCtx,
    /// Module calls that could not be resolved (not downloaded, missing, recursive).
    unresolved: usize,
    /// `.tf.json` files: their JSON side (templates, spans).
    json: HashMap<FileId, &'a super::json_syntax::JsonSource>,
}

/// Removes every span (values that were not written in a scanned file).
fn strip_spans(v: &mut EVal) {
    v.span = None;
    match &mut v.v {
        V::List(items) => items.iter_mut().for_each(strip_spans),
        V::Map(props) => props.iter_mut().for_each(|p| strip_spans(&mut p.val)),
        _ => {}
    }
}

fn vars_file_label(vf: &VarsFile) -> String {
    vf.name.clone()
}

impl<'a> Ev<'a> {
    pub(crate) fn new(dirs: &'a DirRefs<'a>, root: &Path, inputs: &'a Inputs) -> Option<Self> {
        let md: &'a ModuleDir = dirs.get(root)?;
        let decls = Rc::new(collect(root, md));
        let mut ev = Ev {
            dirs,
            decl_cache: HashMap::new(),
            inputs,
            root_dir: root.to_path_buf(),
            root_values: HashMap::new(),
            insts: Vec::new(),
            cur: 0,
            binds: Vec::new(),
            depth: 0,
            budget: BUDGET,
            items: ITEM_BUDGET,
            notes: Vec::new(),
            fs: FsCtx {
                base: root.to_path_buf(),
                allowed: inputs.allowed.clone(),
            },
            unresolved: 0,
            json: dirs
                .values()
                .flat_map(|m: &&'a ModuleDir| &m.files)
                .filter_map(|f| f.json.as_deref().map(|j| (f.file, j)))
                .collect(),
        };
        ev.decl_cache.insert(root.to_path_buf(), decls.clone());
        ev.insts.push(Inst {
            decls,
            prefix: String::new(),
            key_path: Vec::new(),
            dirs: vec![root.to_path_buf()],
            caller: None,
            vars: HashMap::new(),
            locals: HashMap::new(),
            outputs: HashMap::new(),
            expansions: HashMap::new(),
            children: HashMap::new(),
            in_progress: Vec::new(),
            exists_if: None,
        });
        ev.load_root_values(md);
        Some(ev)
    }

    /// Terraform's precedence: environment, terraform.tfvars, terraform.tfvars.json,
    /// *.auto.tfvars(.json) in name order, then -var-file and -var.
    fn load_root_values(&mut self, md: &'a ModuleDir) {
        for (name, value) in &self.inputs.env {
            let v = self.cli_value(name, value);
            self.root_values.insert(name.clone(), v);
        }
        let inputs = self.inputs;
        for vf in md.auto_vars.iter().chain(&inputs.var_files) {
            let label = vars_file_label(vf);
            match &vf.content {
                VarsContent::Hcl(body) => {
                    for attr in body.attributes() {
                        let mut v = self.eval(vf.file, &attr.value);
                        if let Some(s) = span_of(vf.file, attr.span()) {
                            v.prov.insert(
                                0,
                                Step {
                                    span: s,
                                    message: format!("value set here ({label})"),
                                    kind: crate::model::StepKind::VarsValue,
                                },
                            );
                        }
                        self.root_values.insert(attr.key.as_str().to_string(), v);
                    }
                }
                VarsContent::Json(node) => {
                    for e in node.entries() {
                        let span = Span::new(vf.file, e.key_span.start as usize, e.value.span.end as usize);
                        let mut v = functions::from_node(&e.value, Some(span));
                        v.prov.push(Step {
                            span,
                            message: format!("value set here ({label})"),
                            kind: crate::model::StepKind::VarsValue,
                        });
                        self.root_values.insert(e.key.clone(), v);
                    }
                }
            }
        }
        for (name, value) in &self.inputs.vars {
            let v = self.cli_value(name, value);
            self.root_values.insert(name.clone(), v);
        }
    }

    /// A `--var`/`TF_VAR_` value: a string for string (or untyped) variables, else HCL.
    fn cli_value(&mut self, name: &str, value: &str) -> EVal {
        let stringy = match self.insts[0].decls.vars.get(name).and_then(|d| d.ty) {
            None => true,
            Some(Expression::Variable(v)) => v.as_str() == "string",
            Some(_) => false,
        };
        if stringy {
            return EVal::new(V::Str(value.to_string()), None);
        }
        match hcl_edit::parser::parse_expr(value) {
            Ok(expr) => {
                let mut v = self.eval(FileId::default(), &expr);
                strip_spans(&mut v);
                v.prov.clear();
                v
            }
            Err(_) => EVal::new(V::Str(value.to_string()), None),
        }
    }

    fn decls_for(&mut self, dir: &Path) -> Option<Rc<ModuleDecls<'a>>> {
        if let Some(d) = self.decl_cache.get(dir) {
            return Some(d.clone());
        }
        let md: &'a ModuleDir = self.dirs.get(dir)?;
        let d = Rc::new(collect(dir, md));
        self.decl_cache.insert(dir.to_path_buf(), d.clone());
        Some(d)
    }

    pub(crate) fn take_notes(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.notes)
    }

    /// A located note on a reference to something the module does not declare.
    fn note_undeclared(&mut self, what: &str, span: Option<Span>) {
        if let Some(s) = span {
            let message = format!("reference to undeclared {what}: terraform validate rejects this configuration");
            self.note(s.file, Some(s.start), message);
        }
    }

    fn note(&mut self, file: FileId, offset: Option<u32>, message: String) {
        let d = Diagnostic { file, offset, message };
        if !self.notes.contains(&d) {
            self.notes.push(d);
        }
    }

    // ----- the module tree -----------------------------------------------------------

    /// Evaluates the root module tree into one unit (module-qualified addresses).
    pub(crate) fn run(mut self, wanted: &dyn Fn(&str) -> bool) -> (Unit, super::EvalStats) {
        let mut unit = Unit::default();
        self.emit(0, wanted, &mut unit);
        unit.notes = self.take_notes();
        if !self.json.is_empty() {
            // Spans into the HCL rendering of a `.tf.json` file mean nothing in the file.
            let json = &self.json;
            for r in &mut unit.resources {
                strip_json_steps(&mut r.props, &|f| json.contains_key(&f));
            }
            for n in &mut unit.notes {
                if json.contains_key(&n.file) {
                    n.offset = None;
                }
            }
        }
        let stats = super::EvalStats {
            module_instances: self.insts.len() - 1,
            unresolved_calls: self.unresolved,
        };
        (unit, stats)
    }

    fn emit(&mut self, inst: usize, wanted: &dyn Fn(&str) -> bool, unit: &mut Unit) {
        let decls = self.insts[inst].decls.clone();
        for res in &decls.resources {
            if !wanted(&res.rtype) {
                continue;
            }
            let local = format!("{}.{}", res.rtype, res.name);
            let saved = self.enter(inst, Vec::new());
            let exp = self.expansion(&local, res.file, res.block);
            let header = header_span(res.file, res.block);
            let provider = res
                .block
                .body
                .get_attribute("provider")
                .map(|a| a.value.to_string().trim().to_string());
            let calls = self.module_calls(inst);
            for (suffix, binds) in exp.instances() {
                self.binds = binds;
                let mut props = self.body_props(res.file, &res.block.body);
                let full = format!("{}{local}{suffix}", self.insts[inst].prefix);
                let mut header = header;
                if let Some(src) = self.json.get(&res.file) {
                    super::json_syntax::locate(
                        src,
                        res.file,
                        "resource",
                        &res.rtype,
                        &res.name,
                        &mut header,
                        &mut props,
                    );
                }
                unit.resources.push(RawResource {
                    address: local.clone(),
                    resource_type: res.rtype.clone(),
                    iac: Iac::Terraform,
                    lang: Lang::Terraform,
                    header,
                    props,
                    instances: if full == local { Vec::new() } else { vec![full] },
                    instance: crate::model::Instance {
                        module: self.insts[inst].prefix.clone(),
                        key: suffix.clone(),
                        provider: provider.clone(),
                    },
                    context: None,
                    exists_if: match &exp {
                        Expansion::Unknown(why) => Some(why.clone()),
                        _ => self.insts[inst].exists_if.clone(),
                    },
                    module_calls: calls.clone(),
                });
            }
            self.leave(saved);
        }
        for call in &decls.calls {
            let saved = self.enter(inst, Vec::new());
            let exp = self.expansion(&format!("module.{}", call.name), call.file, call.block);
            self.leave(saved);
            for (suffix, binds) in exp.instances() {
                if let Some(child) = self.child(inst, call, &suffix, binds) {
                    // A module whose count/for_each is unknown may not exist: neither may its resources.
                    if let (Expansion::Unknown(why), None) = (&exp, &self.insts[child].exists_if) {
                        self.insts[child].exists_if = Some(format!("module.{} {why}", call.name));
                    }
                    self.emit(child, wanted, unit);
                }
            }
        }
    }

    /// The `module` blocks that lead to module instance `inst`, innermost first, each
    /// named by its module path without instance keys (so that the findings of several
    /// instances of one resource still merge).
    fn module_calls(&self, mut inst: usize) -> Vec<crate::model::Step> {
        let mut out = Vec::new();
        while let Some(c) = &self.insts[inst].caller {
            out.push(crate::model::Step {
                span: header_span(c.file, c.call),
                message: format!("{} is called here", module_path(&self.insts[inst].prefix)),
                kind: crate::model::StepKind::ModuleCall,
            });
            inst = c.inst;
        }
        out
    }

    /// Switches to another module instance and scope; returns what to restore.
    fn enter(&mut self, inst: usize, binds: Vec<(String, EVal)>) -> (usize, Vec<(String, EVal)>) {
        let old = (self.cur, std::mem::replace(&mut self.binds, binds));
        self.cur = inst;
        old
    }

    fn leave(&mut self, saved: (usize, Vec<(String, EVal)>)) {
        self.cur = saved.0;
        self.binds = saved.1;
    }

    /// The expansion of a resource or module call of the current instance (memoized).
    /// `file` is the block's file (passed in: finding it by pointer was a scan of every
    /// declaration, quadratic over a module with many resources).
    fn expansion(&mut self, key: &str, file: FileId, block: &'a Block) -> Expansion {
        if let Some(e) = self.insts[self.cur].expansions.get(key) {
            return e.clone();
        }
        let exp = if let Some(count) = block.body.get_attribute("count") {
            let n = self.eval(file, &count.value);
            match n.as_num() {
                Some(x) if x < 1.0 => Expansion::Nothing,
                Some(x) => Expansion::Count((x as usize).min(MAX_INSTANCES)),
                None => Expansion::Unknown(format!("count = {}", why_of(&n, "a number"))),
            }
        } else if let Some(each) = block.body.get_attribute("for_each") {
            let v = self.eval(file, &each.value);
            match &v.v {
                V::Map(props) if props.is_empty() => Expansion::Nothing,
                V::List(items) if items.is_empty() => Expansion::Nothing,
                V::Map(props) => Expansion::Each(
                    props
                        .iter()
                        .take(MAX_INSTANCES)
                        .map(|p| (p.key.clone(), p.val.clone()))
                        .collect(),
                ),
                V::List(items) => match items.iter().map(|i| i.as_text()).collect::<Option<Vec<_>>>() {
                    Some(keys) => {
                        let mut keys = keys;
                        keys.sort();
                        keys.dedup();
                        Expansion::Each(
                            keys.into_iter()
                                .take(MAX_INSTANCES)
                                .map(|k| (k.clone(), EVal::new(V::Str(k), None)))
                                .collect(),
                        )
                    }
                    None => Expansion::Unknown(format!("for_each = {}", why_of(&v, "a map or a set of strings"))),
                },
                _ => Expansion::Unknown(format!("for_each = {}", why_of(&v, "a map or a set of strings"))),
            }
        } else {
            Expansion::Single
        };
        self.insts[self.cur].expansions.insert(key.to_string(), exp.clone());
        exp
    }

    /// The child instance of module call `call` in `parent` (created on first use).
    fn child(&mut self, parent: usize, call: &CallDecl<'a>, suffix: &str, binds: Vec<(String, EVal)>) -> Option<usize> {
        let key = format!("{}{suffix}", call.name);
        if let Some(c) = self.insts[parent].children.get(&key) {
            return *c;
        }
        self.insts[parent].children.insert(key.clone(), None);
        let header = header_span(call.file, call.block);
        let source = call.source.clone().unwrap_or_default();
        let (p_key_path, p_dir, p_dirs, p_prefix, p_exists_if) = {
            let p = &self.insts[parent];
            (
                p.key_path.clone(),
                p.decls.dir.clone(),
                p.dirs.clone(),
                p.prefix.clone(),
                p.exists_if.clone(),
            )
        };
        let mut key_path = p_key_path;
        key_path.push(call.name.clone());
        let dir = if super::is_local_source(&source) {
            Some(super::normalize(&p_dir.join(&source)))
        } else {
            self.dirs
                .get(&self.root_dir)
                .and_then(|m| m.remote.get(&key_path.join(".")).cloned())
        };
        let Some(dir) = dir else {
            self.note(
                call.file,
                Some(header.start),
                format!(
                    "module \"{}\" ({source}) is not downloaded; run terraform init to analyse it",
                    call.name
                ),
            );
            self.unresolved += 1;
            return None;
        };
        if p_dirs.contains(&dir) {
            let chain: Vec<String> = p_dirs.iter().chain([&dir]).map(|d| d.display().to_string()).collect();
            self.note(
                call.file,
                Some(header.start),
                format!(
                    "module \"{}\" calls itself recursively ({}); not expanded",
                    call.name,
                    chain.join(" -> ")
                ),
            );
            self.unresolved += 1;
            return None;
        }
        if p_dirs.len() > MAX_MODULE_DEPTH || self.insts.len() >= MAX_MODULE_INSTANCES {
            self.note(
                call.file,
                Some(header.start),
                format!(
                    "module \"{}\" is nested too deeply or instantiated too often; not expanded",
                    call.name
                ),
            );
            self.unresolved += 1;
            return None;
        }
        let Some(decls) = self.decls_for(&dir) else {
            self.note(
                call.file,
                Some(header.start),
                format!(
                    "module \"{}\" ({source}) has no Terraform files at {}",
                    call.name,
                    dir.display()
                ),
            );
            self.unresolved += 1;
            return None;
        };
        let prefix = format!("{p_prefix}module.{}{suffix}.", call.name);
        let mut dirs = p_dirs;
        dirs.push(dir);
        self.insts.push(Inst {
            decls,
            prefix,
            key_path,
            dirs,
            caller: Some(Caller {
                inst: parent,
                call: call.block,
                file: call.file,
                name: call.name.clone(),
                binds,
            }),
            vars: HashMap::new(),
            locals: HashMap::new(),
            outputs: HashMap::new(),
            expansions: HashMap::new(),
            children: HashMap::new(),
            in_progress: Vec::new(),
            exists_if: p_exists_if,
        });
        let id = self.insts.len() - 1;
        self.insts[parent].children.insert(key, Some(id));
        Some(id)
    }

    // ----- expressions ---------------------------------------------------------------

    pub(crate) fn eval(&mut self, file: FileId, expr: &Expression) -> EVal {
        let span = span_of(file, expr.span());
        if self.depth >= MAX_EVAL_DEPTH {
            return EVal::unknown("expression nested too deeply", span);
        }
        if !self.charge(1, span) {
            return EVal::unknown(BUDGET_EXCEEDED, span);
        }
        self.depth += 1;
        let v = self.eval_inner(file, expr, span);
        self.depth -= 1;
        v
    }

    fn eval_inner(&mut self, file: FileId, expr: &Expression, span: Option<Span>) -> EVal {
        match expr {
            Expression::Null(_) => EVal::new(V::Null, span),
            Expression::Bool(b) => EVal::new(V::Bool(*b.value()), span),
            Expression::Number(n) => match n.value().as_f64() {
                Some(f) => EVal::new(V::Num(f), span),
                None => EVal::unknown("number out of range", span),
            },
            Expression::String(s) => EVal::new(V::Str(s.value().clone()), span),
            Expression::Array(items) => {
                let items = items.iter().take(MAX_ITEMS).map(|e| self.eval(file, e)).collect();
                EVal::new(V::List(items), span)
            }
            Expression::Object(obj) => {
                let mut props: Vec<Prop> = Vec::new();
                for (key, value) in obj.iter() {
                    let k = match key {
                        ObjectKey::Ident(id) => Some(id.as_str().to_string()),
                        ObjectKey::Expression(Expression::Variable(v)) => Some(v.as_str().to_string()),
                        ObjectKey::Expression(e) => self.eval(file, e).as_text(),
                    };
                    let val = self.eval(file, value.expr());
                    let Some(k) = k else {
                        return unknown_of("object key", span, &[val]);
                    };
                    let pspan = match (key.span(), value.expr().span()) {
                        (Some(a), Some(b)) => span_of(file, Some(a.start..b.end)),
                        _ => span,
                    };
                    props.retain(|p| p.key != k);
                    props.push(Prop {
                        key: k,
                        span: pspan.unwrap_or_default(),
                        val,
                    });
                }
                EVal::new(V::Map(props), span)
            }
            Expression::StringTemplate(t) => self.template(file, t, span),
            // The parser already strips `<<-` indentation.
            Expression::HeredocTemplate(h) => self.template(file, &h.template, span),
            Expression::Parenthesis(p) => self.eval(file, p.inner()),
            Expression::Variable(v) => match self.lookup_bind(v.as_str(), span) {
                Some(b) => EVal { span, ..b },
                None => EVal::unknown(v.as_str().to_string(), span),
            },
            Expression::Traversal(t) => self.traversal(file, &t.expr, &t.operators, span),
            Expression::Conditional(c) => {
                let cond = self.eval(file, &c.cond_expr);
                match cond.as_bool() {
                    Some(true) => self.eval(file, &c.true_expr),
                    Some(false) => self.eval(file, &c.false_expr),
                    None => {
                        let t = self.eval(file, &c.true_expr);
                        let f = self.eval(file, &c.false_expr);
                        // Branches that agree (both fully known and equal) decide the result
                        // whatever the condition.
                        if !has_unknown(&t) && !has_unknown(&f) && functions::same(&t, &f) {
                            let mut v = t;
                            v.span = span;
                            v.prov.extend(cond.prov);
                            return v;
                        }
                        unknown_of("condition", span, &[cond, t, f])
                    }
                }
            }
            Expression::FuncCall(call) => self.func_call(file, call, span),
            Expression::UnaryOp(op) => {
                let v = self.eval(file, &op.expr);
                let out = match op.operator.value() {
                    UnaryOperator::Not => v.as_bool().map(|b| V::Bool(!b)),
                    UnaryOperator::Neg => v.as_num().map(|n| V::Num(-n)),
                };
                match out {
                    Some(o) => EVal {
                        v: o,
                        span,
                        prov: v.prov,
                    },
                    None => unknown_of("operand", span, &[v]),
                }
            }
            Expression::BinaryOp(op) => {
                let l = self.eval(file, &op.lhs_expr);
                // `false && x` / `true || x` still need x in Terraform, but the result is known.
                let r = self.eval(file, &op.rhs_expr);
                match binary(*op.operator.value(), &l, &r) {
                    Some(v) => {
                        let mut prov = l.prov;
                        prov.extend(r.prov);
                        EVal { v, span, prov }
                    }
                    None => unknown_of("operation", span, &[l, r]),
                }
            }
            Expression::ForExpr(f) => self.for_expr(file, f, span),
        }
    }

    /// A memoized value; copying it is charged to the budget by its size, so reading a
    /// huge value many times ends (unknown) instead of exhausting memory.
    fn memo(&mut self, inst: usize, kind: Memo, name: &str, span: Option<Span>) -> Option<EVal> {
        let i = &self.insts[inst];
        let map = match kind {
            Memo::Var => &i.vars,
            Memo::Local => &i.locals,
            Memo::Output => &i.outputs,
        };
        let n = map.get(name)?.1;
        if !self.charge(n, span) {
            return Some(EVal::unknown(BUDGET_EXCEEDED, span));
        }
        let i = &self.insts[inst];
        let map = match kind {
            Memo::Var => &i.vars,
            Memo::Local => &i.locals,
            Memo::Output => &i.outputs,
        };
        let (v, _) = map.get(name)?;
        Some(EVal { span, ..v.clone() })
    }

    /// Charges `n` steps to the evaluation budget. When it runs out: false, and the first
    /// time a note located at `span` says that the values left are unknown.
    fn charge(&mut self, n: usize, span: Option<Span>) -> bool {
        if n < self.budget {
            self.budget -= n;
            return true;
        }
        if self.budget > 0 {
            self.budget = 0;
            let message = format!(
                "{BUDGET_EXCEEDED}: evaluating this module tree takes more than {BUDGET} steps \
                 (copies of large values count by size); the values left are unknown"
            );
            self.note(span.map(|s| s.file).unwrap_or_default(), span.map(|s| s.start), message);
        }
        false
    }

    /// A loop or template variable. It may hold a large value and be read many times
    /// (`[for i in range(10000) : b]`), so each copy is charged to the budget by size.
    fn lookup_bind(&mut self, name: &str, span: Option<Span>) -> Option<EVal> {
        let i = self.binds.iter().rposition(|(n, _)| n == name)?;
        if !self.charge(size(&self.binds[i].1), span) {
            return Some(EVal::unknown(BUDGET_EXCEEDED, span));
        }
        Some(self.binds[i].1.clone())
    }

    fn func_call(&mut self, file: FileId, call: &hcl_edit::expr::FuncCall, span: Option<Span>) -> EVal {
        let name = call.name.name.as_str();
        if !call.name.namespace.is_empty() {
            return EVal::unknown(format!("provider function {name}()"), span);
        }
        match name {
            "__tfjson" => {
                let idx = call.args.iter().next().and_then(|a| match a {
                    Expression::Number(n) => n.value().as_u64(),
                    _ => None,
                });
                let Some(tpl) = idx.and_then(|i| self.json.get(&file).and_then(|j| j.templates.get(i as usize))) else {
                    return EVal::unknown("Terraform JSON string", span);
                };
                let mut elems = tpl.iter();
                return match (elems.next(), elems.next()) {
                    (Some(Element::Interpolation(i)), None) => {
                        let mut v = self.eval(file, &i.expr);
                        v.span = span;
                        v
                    }
                    _ => self.template(file, tpl, span),
                };
            }
            "try" => {
                let mut last = None;
                for a in call.args.iter() {
                    let v = self.eval(file, a);
                    if is_error(&v) {
                        last = Some(v);
                        continue;
                    }
                    return v;
                }
                return last.unwrap_or_else(|| error("try: no argument succeeded", span));
            }
            "can" => {
                let Some(a) = call.args.iter().next() else {
                    return error("can: no argument", span);
                };
                let v = self.eval(file, a);
                return if is_error(&v) {
                    EVal::new(V::Bool(false), span)
                } else if has_unknown(&v) {
                    unknown_of("can", span, &[v])
                } else {
                    EVal::new(V::Bool(true), span)
                };
            }
            "templatefile" => {
                let args: Vec<EVal> = call.args.iter().map(|a| self.eval(file, a)).collect();
                return self.templatefile(&args, span);
            }
            _ => {}
        }
        let mut args: Vec<EVal> = call.args.iter().map(|a| self.eval(file, a)).collect();
        if call.args.expand_final() {
            match args.pop().map(|l| l.v) {
                Some(V::List(items)) => args.extend(items),
                _ => return EVal::unknown(format!("{name}(...)"), span),
            }
        }
        let mut v = functions::call(name, &args, span, &self.fs);
        if !self.charge(size(&v), span) {
            return EVal::unknown(BUDGET_EXCEEDED, span);
        }
        if !v.is_unknown() {
            for a in &args {
                v.prov.extend(a.prov.iter().cloned());
            }
        }
        v
    }

    fn templatefile(&mut self, args: &[EVal], span: Option<Span>) -> EVal {
        if args.len() != 2 || args.iter().any(|a| a.is_unknown()) {
            return unknown_of("templatefile", span, args);
        }
        let Some(path) = args[0].as_text() else {
            return error("templatefile: bad path", span);
        };
        let text = match self.fs.read(&path) {
            Ok(t) => t,
            Err(e) => return EVal::unknown(format!("templatefile(): {e}"), span),
        };
        let Ok(tpl) = hcl_edit::parser::parse_template(&text) else {
            return error("templatefile: template syntax", span);
        };
        let V::Map(vars) = &args[1].v else {
            return unknown_of("templatefile", span, args);
        };
        let saved = self.binds.len();
        let mut binds: Vec<(String, EVal)> = vars.iter().map(|p| (p.key.clone(), p.val.clone())).collect();
        // Template variables only: no each/count from the caller.
        let outer = std::mem::take(&mut self.binds);
        self.binds.append(&mut binds);
        let mut v = self.template(FileId::default(), &tpl, span);
        self.binds = outer;
        self.binds.truncate(saved);
        v.span = span;
        v.prov.clear();
        if let V::Str(_) = v.v {
            v
        } else {
            let why = why_of(&v, "a string");
            EVal::unknown(why, span)
        }
    }

    fn for_expr(&mut self, file: FileId, f: &hcl_edit::expr::ForExpr, span: Option<Span>) -> EVal {
        let coll = self.eval(file, &f.intro.collection_expr);
        let items = match (&coll.v, key_values(&coll)) {
            (_, Some(items)) => items,
            (V::Null, None) => return error("for: null collection", span),
            _ => return unknown_of("for", span, &[coll]),
        };
        if items.len() > MAX_ITEMS || items.len() > self.items {
            return EVal::unknown(format!("for expression over too many items ({})", items.len()), span);
        }
        self.items -= items.len();
        let kname = f.intro.key_var.as_ref().map(|k| k.as_str().to_string());
        let vname = f.intro.value_var.as_str().to_string();
        let mut list = Vec::new();
        let mut props: Vec<Prop> = Vec::new();
        for (k, v) in items {
            let mark = self.binds.len();
            if let Some(kn) = &kname {
                self.binds.push((kn.clone(), k));
            }
            self.binds.push((vname.clone(), v));
            let keep = match &f.cond {
                Some(c) => {
                    let cv = self.eval(file, &c.expr);
                    match cv.as_bool() {
                        Some(b) => b,
                        None => {
                            self.binds.truncate(mark);
                            return unknown_of("for condition", span, &[cv]);
                        }
                    }
                }
                None => true,
            };
            if keep {
                let val = self.eval(file, &f.value_expr);
                match &f.key_expr {
                    None => list.push(val),
                    Some(ke) => {
                        let kv = self.eval(file, ke);
                        let Some(key) = kv.as_text() else {
                            self.binds.truncate(mark);
                            return unknown_of("for key", span, &[kv]);
                        };
                        if f.grouping {
                            match props.iter_mut().find(|p| p.key == key) {
                                Some(Prop {
                                    val: EVal { v: V::List(g), .. },
                                    ..
                                }) => g.push(val),
                                _ => props.push(Prop {
                                    key,
                                    span: span.unwrap_or_default(),
                                    val: EVal::new(V::List(vec![val]), span),
                                }),
                            }
                        } else {
                            props.retain(|p| p.key != key);
                            props.push(Prop {
                                key,
                                span: span.unwrap_or_default(),
                                val,
                            });
                        }
                    }
                }
            }
            self.binds.truncate(mark);
        }
        let mut out = if f.key_expr.is_some() {
            props.sort_by(|a, b| a.key.cmp(&b.key));
            EVal::new(V::Map(props), span)
        } else {
            EVal::new(V::List(list), span)
        };
        out.prov = coll.prov;
        out
    }

    fn template(&mut self, file: FileId, t: &Template, span: Option<Span>) -> EVal {
        let mut out = String::new();
        let mut parts = Vec::new();
        let mut known = true;
        let mut pieces = Some(Vec::new());
        self.template_into(file, t, &mut out, &mut parts, &mut known, &mut pieces);
        if known && out.len() <= MAX_STRING {
            let mut prov = Vec::new();
            for p in parts {
                prov.extend(p.prov);
            }
            EVal {
                v: V::Str(out),
                span,
                prov,
            }
        } else if known {
            EVal::unknown("string too long", span)
        } else {
            let mut v = unknown_of("template", span, &parts);
            // Known text and whole references only: keep what it is made of.
            if let (V::Unknown { text, .. }, Some(pieces)) = (&mut v.v, pieces) {
                *text = Some(Box::new(Interpolated(pieces)));
            }
            v
        }
    }

    /// Evaluates a template's elements into `out` (the known text) and `parts` (the
    /// interpolated values). `pieces` follows the text as known text and whole references,
    /// and is `None` once anything else is unknown.
    fn template_into(
        &mut self,
        file: FileId,
        t: &Template,
        out: &mut String,
        parts: &mut Vec<EVal>,
        known: &mut bool,
        pieces: &mut Option<Vec<Piece>>,
    ) {
        let text = |pieces: &mut Option<Vec<Piece>>, s: &str| {
            if let Some(p) = pieces {
                match p.last_mut() {
                    Some(Piece::Text(t)) => t.push_str(s),
                    _ => p.push(Piece::Text(s.to_string())),
                }
            }
        };
        for el in t.iter() {
            if out.len() > MAX_STRING {
                *known = false;
                *pieces = None;
                parts.push(EVal::unknown("string too long", None));
                return;
            }
            match el {
                Element::Literal(s) => {
                    out.push_str(s.value());
                    text(pieces, s.value());
                }
                Element::Interpolation(i) => {
                    let v = self.eval(file, &i.expr);
                    match v.as_text() {
                        Some(s) if !matches!(v.v, V::Null) => {
                            out.push_str(&s);
                            text(pieces, &s);
                        }
                        _ => {
                            *known = false;
                            match (&v.v, pieces.as_mut()) {
                                (V::Ref(r), Some(p)) => p.push(Piece::Ref(r.clone())),
                                _ => *pieces = None,
                            }
                        }
                    }
                    parts.push(v);
                }
                Element::Directive(dir) => match &**dir {
                    Directive::If(d) => {
                        let c = self.eval(file, &d.if_expr.cond_expr);
                        match c.as_bool() {
                            Some(true) => self.template_into(file, &d.if_expr.template, out, parts, known, pieces),
                            Some(false) => {
                                if let Some(e) = &d.else_expr {
                                    self.template_into(file, &e.template, out, parts, known, pieces)
                                }
                            }
                            None => {
                                *known = false;
                                *pieces = None;
                                parts.push(c);
                            }
                        }
                    }
                    Directive::For(d) => {
                        let fe = &d.for_expr;
                        let coll = self.eval(file, &fe.collection_expr);
                        let items = match key_values(&coll) {
                            Some(items) => items,
                            None => {
                                *known = false;
                                *pieces = None;
                                parts.push(coll);
                                continue;
                            }
                        };
                        for (k, v) in items.into_iter().take(MAX_ITEMS) {
                            let mark = self.binds.len();
                            if let Some(kn) = &fe.key_var {
                                self.binds.push((kn.as_str().to_string(), k));
                            }
                            self.binds.push((fe.value_var.as_str().to_string(), v));
                            self.template_into(file, &fe.template, out, parts, known, pieces);
                            self.binds.truncate(mark);
                            if out.len() > MAX_STRING {
                                break;
                            }
                        }
                    }
                },
            }
        }
    }

    fn traversal(
        &mut self,
        file: FileId,
        root: &Expression,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        span: Option<Span>,
    ) -> EVal {
        let Expression::Variable(root_name) = root else {
            let base = self.eval(file, root);
            return self.apply_ops(file, base, ops, span);
        };
        let root_name = root_name.as_str();
        if let Some(b) = self.lookup_bind(root_name, span) {
            return self.apply_ops(file, b, ops, span);
        }
        let attr = |i: usize| match ops.get(i).map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(a)) => Some(a.as_str().to_string()),
            _ => None,
        };
        match root_name {
            "var" => match attr(0) {
                Some(name) => {
                    let v = self.variable(&name, span);
                    self.apply_ops(file, v, &ops[1..], span)
                }
                None => EVal::unknown("var", span),
            },
            "local" => match attr(0) {
                Some(name) => {
                    let v = self.local(&name, span);
                    self.apply_ops(file, v, &ops[1..], span)
                }
                None => EVal::unknown("local", span),
            },
            "data" => self.data_ref(file, ops, span),
            "module" => self.module_ref(file, ops, span),
            "path" => {
                let v = match attr(0).as_deref() {
                    Some("module") => {
                        let dir = &self.insts[self.cur].decls.dir;
                        let rel = relative(&self.root_dir, dir);
                        EVal::new(V::Str(rel), span)
                    }
                    Some("root") | Some("cwd") => EVal::new(V::Str(".".into()), span),
                    _ => EVal::unknown("path", span),
                };
                self.apply_ops(file, v, ops.get(1..).unwrap_or(&[]), span)
            }
            "terraform" => match attr(0).as_deref() {
                Some("workspace") => EVal::new(V::Str("default".into()), span),
                _ => EVal::unknown("terraform", span),
            },
            "count" | "each" | "self" => EVal::unknown(format!("{root_name}.{}", attr(0).unwrap_or_default()), span),
            rtype => self.resource_ref(file, rtype, ops, span),
        }
    }

    fn resource_ref(
        &mut self,
        file: FileId,
        rtype: &str,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        span: Option<Span>,
    ) -> EVal {
        let Some(TraversalOperator::GetAttr(name)) = ops.first().map(|o| o.value()) else {
            return EVal::unknown(rtype.to_string(), span);
        };
        let local = format!("{rtype}.{}", name.as_str());
        let decls = self.insts[self.cur].decls.clone();
        let Some(&idx) = decls.addresses.get(&local) else {
            // `ephemeral.T.N` and `action.T.N` are other blocks than resources.
            if decls.complete && !matches!(rtype, "ephemeral" | "action" | "list") {
                self.note_undeclared(&format!("resource {local}"), span);
                return error(format!("{}{local}", crate::frontend::UNDECLARED), span);
            }
            return error(format!("{local} is not declared in this module"), span);
        };
        let (block, block_file) = (decls.resources[idx].block, decls.resources[idx].file);
        let prefix = self.insts[self.cur].prefix.clone();
        let saved = self.enter(self.cur, Vec::new());
        let exp = self.expansion(&local, block_file, block);
        self.leave(saved);
        let instance_ref = |suffix: &str| {
            EVal::new(
                V::Ref(RefTo {
                    address: format!("{prefix}{local}{suffix}"),
                    attr: "id".into(),
                }),
                span,
            )
        };
        let rest = &ops[1..];
        // An attribute set in configuration is readable (`aws_s3_bucket.logs.bucket`) when
        // it is known; computed ones (`id`, `arn`) stay references to the instance.
        if let Some(v) = self.config_attr(file, &local, idx, &exp, rest, span) {
            return v;
        }
        match exp {
            Expansion::Single | Expansion::Unknown(_) => {
                // Skip an index on an unknown expansion (`x[0]`, `x[*]`): it links to the resource.
                let rest = match (&exp, rest.first().map(|o| o.value())) {
                    (Expansion::Unknown(_), Some(TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_))) => {
                        &rest[1..]
                    }
                    (
                        Expansion::Unknown(_),
                        Some(TraversalOperator::FullSplat(_) | TraversalOperator::AttrSplat(_)),
                    ) => &rest[1..],
                    _ => rest,
                };
                let base = instance_ref("");
                self.apply_ops(file, base, rest, span)
            }
            Expansion::Nothing => match rest.first().map(|o| o.value()) {
                Some(TraversalOperator::FullSplat(_) | TraversalOperator::AttrSplat(_)) => {
                    EVal::new(V::List(Vec::new()), span)
                }
                _ => error(format!("{local} has no instances"), span),
            },
            Expansion::Count(n) => {
                let base = EVal::new(V::List((0..n).map(|i| instance_ref(&format!("[{i}]"))).collect()), span);
                self.apply_ops(file, base, rest, span)
            }
            Expansion::Each(items) => {
                let base = EVal::new(
                    V::Map(
                        items
                            .iter()
                            .map(|(k, _)| Prop {
                                key: k.clone(),
                                span: span.unwrap_or_default(),
                                val: instance_ref(&format!("[{}]", quote(k))),
                            })
                            .collect(),
                    ),
                    span,
                );
                self.apply_ops(file, base, rest, span)
            }
        }
    }

    fn config_attr(
        &mut self,
        file: FileId,
        local: &str,
        idx: usize,
        exp: &Expansion,
        rest: &[hcl_edit::Decorated<TraversalOperator>],
        span: Option<Span>,
    ) -> Option<EVal> {
        let (binds, suffix, attr, after) = match (exp, rest.first().map(|o| o.value())) {
            (Expansion::Single, Some(TraversalOperator::GetAttr(a))) => (Vec::new(), String::new(), a, &rest[1..]),
            (Expansion::Count(_) | Expansion::Each(_), Some(TraversalOperator::Index(e))) => {
                let Some(TraversalOperator::GetAttr(a)) = rest.get(1).map(|o| o.value()) else {
                    return None;
                };
                let k = self.eval(file, e);
                let suffix = match (exp, &k.v) {
                    (Expansion::Count(_), V::Num(n)) => format!("[{}]", *n as i64),
                    (Expansion::Each(_), _) => format!("[{}]", quote(&k.as_text()?)),
                    _ => return None,
                };
                let (_, binds) = exp.instances().into_iter().find(|(s, _)| *s == suffix)?;
                (binds, suffix, a, &rest[2..])
            }
            _ => return None,
        };
        let attr = attr.as_str();
        if matches!(attr, "id" | "arn") {
            return None;
        }
        let decls = self.insts[self.cur].decls.clone();
        let res = &decls.resources[idx];
        let key = format!("resource {local}{suffix}.{attr}");
        if self.insts[self.cur].in_progress.contains(&key) {
            return None;
        }
        let v = match res.block.body.get_attribute(attr) {
            Some(a) => {
                self.insts[self.cur].in_progress.push(key);
                let saved = self.enter(self.cur, binds);
                let v = self.eval(res.file, &a.value);
                self.leave(saved);
                v
            }
            None => {
                // Nested blocks (`metric_transformation[0].name`): a list of their attributes.
                let blocks: Vec<_> = res.block.body.blocks().filter(|b| b.ident.as_str() == attr).collect();
                if blocks.is_empty() {
                    return None;
                }
                self.insts[self.cur].in_progress.push(key);
                let saved = self.enter(self.cur, binds);
                let mut items = Vec::new();
                for b in blocks {
                    let props = b
                        .body
                        .attributes()
                        .map(|a| Prop {
                            key: a.key.as_str().to_string(),
                            span: span.unwrap_or_default(),
                            val: self.eval(res.file, &a.value),
                        })
                        .collect();
                    items.push(EVal::new(V::Map(props), span));
                }
                self.leave(saved);
                EVal::new(V::List(items), span)
            }
        };
        self.insts[self.cur].in_progress.pop();
        fn unknown_inside(v: &EVal) -> bool {
            match &v.v {
                V::Unknown { .. } => true,
                V::List(items) => items.iter().any(unknown_inside),
                V::Map(props) => props.iter().any(|p| unknown_inside(&p.val)),
                _ => false,
            }
        }
        // `null` in configuration leaves the attribute to the provider, which may compute
        // it (`name` of a log group given only `name_prefix`): not knowable here.
        if unknown_inside(&v) || matches!(v.v, V::Null) {
            return None;
        }
        Some(self.apply_ops(file, v, after, span))
    }

    fn data_ref(&mut self, file: FileId, ops: &[hcl_edit::Decorated<TraversalOperator>], span: Option<Span>) -> EVal {
        let attr = |i: usize| match ops.get(i).map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(a)) => Some(a.as_str().to_string()),
            _ => None,
        };
        let (Some(t), Some(n)) = (attr(0), attr(1)) else {
            return EVal::unknown("data source", span);
        };
        let decls = self.insts[self.cur].decls.clone();
        if decls.complete && !decls.data.contains_key(&format!("{t}.{n}")) {
            // Noted only: the value of a data source is unknown whether or not it exists.
            self.note_undeclared(&format!("data source data.{t}.{n}"), span);
        }
        // Skip an instance index on the data source.
        let mut rest = &ops[2..];
        if matches!(
            rest.first().map(|o| o.value()),
            Some(TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_))
        ) {
            rest = &rest[1..];
        }
        let field = match rest.first().map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(a)) => a.as_str().to_string(),
            _ => return EVal::unknown(format!("data.{t}.{n}"), span),
        };
        let what = format!("data.{t}.{n}.{field}");
        let v = match (t.as_str(), field.as_str()) {
            ("aws_partition", "partition" | "id") => EVal::new(V::Str("aws".into()), span),
            ("aws_partition", "dns_suffix") => EVal::new(V::Str("amazonaws.com".into()), span),
            ("aws_iam_policy_document", "json" | "minified_json") => {
                let decls = self.insts[self.cur].decls.clone();
                match decls.data.get(&format!("{t}.{n}")) {
                    Some(d) => {
                        let saved = self.enter(self.cur, Vec::new());
                        let v = self.policy_document(d.file, &d.block.body, span);
                        self.leave(saved);
                        v
                    }
                    None => error(format!("data.{t}.{n} is not declared in this module"), span),
                }
            }
            _ => EVal::unknown(what, span),
        };
        self.apply_ops(file, v, &rest[1..], span)
    }

    /// `aws_iam_policy_document` rendered as the provider renders it (single-item lists
    /// become strings). Unknown resource ARNs are written as `${address.attr}` placeholders,
    /// so statements stay readable; anything else unknown makes the document unknown.
    fn policy_document(&mut self, file: FileId, body: &'a Body, span: Option<Span>) -> EVal {
        use serde_json::{Map, Value as J};
        for k in [
            "source_policy_documents",
            "override_policy_documents",
            "source_json",
            "override_json",
        ] {
            if let Some(a) = body.get_attribute(k) {
                // An empty document or list adds nothing (`override_json = var.custom_json`
                // with default `""`); any other one is merged by the provider, which is
                // not modelled: the document is unknown.
                let v = self.eval(file, &a.value);
                let empty = match &v.v {
                    V::Null => true,
                    V::Str(t) => t.trim().is_empty(),
                    V::List(items) => items
                        .iter()
                        .all(|i| matches!(&i.v, V::Null) || i.as_text().is_some_and(|t| t.trim().is_empty())),
                    _ => false,
                };
                if !empty {
                    return EVal::unknown(format!("aws_iam_policy_document {k}"), span);
                }
            }
        }
        let props = self.body_props(file, body);
        let view = |props: &[Prop], k: &str| props.iter().find(|p| p.key == k).map(|p| p.val.clone());
        let mut unknowns = Vec::new();
        let strs = |v: Option<EVal>, placeholders: bool, unknowns: &mut Vec<EVal>| -> Option<J> {
            let v = v?;
            let items: Vec<EVal> = match &v.v {
                V::List(items) => items.clone(),
                V::Null => return None,
                _ => vec![v.clone()],
            };
            let mut out = Vec::new();
            for i in items {
                match (i.as_text(), &i.v) {
                    (Some(t), _) => out.push(J::String(t)),
                    (None, V::Ref(r)) if placeholders => out.push(J::String(format!("${{{}.{}}}", r.address, r.attr))),
                    (None, V::Unknown { refs, .. }) if placeholders && !refs.is_empty() => {
                        out.push(J::String(format!("${{{}.{}}}", refs[0].address, refs[0].attr)))
                    }
                    _ => unknowns.push(i.clone()),
                }
            }
            Some(if out.len() == 1 {
                out.pop().unwrap_or(J::Null)
            } else {
                J::Array(out)
            })
        };
        let mut doc = Map::new();
        let version = view(&props, "version")
            .and_then(|v| v.as_text())
            .unwrap_or("2012-10-17".into());
        doc.insert("Version".into(), J::String(version));
        let mut statements = Vec::new();
        if let Some(V::List(stmts)) = view(&props, "statement").map(|v| v.v) {
            for st in stmts {
                let V::Map(sp) = &st.v else {
                    unknowns.push(st.clone());
                    continue;
                };
                let mut s = Map::new();
                if let Some(sid) = view(sp, "sid").and_then(|v| v.as_text()) {
                    s.insert("Sid".into(), J::String(sid));
                }
                let effect = view(sp, "effect").map(|e| (e.as_text(), e));
                match effect {
                    None => {
                        s.insert("Effect".into(), J::String("Allow".into()));
                    }
                    Some((Some(t), _)) => {
                        s.insert("Effect".into(), J::String(t));
                    }
                    Some((None, e)) => unknowns.push(e),
                }
                for (k, key) in [("actions", "Action"), ("not_actions", "NotAction")] {
                    if let Some(j) = strs(view(sp, k), false, &mut unknowns) {
                        s.insert(key.into(), j);
                    }
                }
                for (k, key) in [("resources", "Resource"), ("not_resources", "NotResource")] {
                    if let Some(j) = strs(view(sp, k), true, &mut unknowns) {
                        s.insert(key.into(), j);
                    }
                }
                for (k, key) in [("principals", "Principal"), ("not_principals", "NotPrincipal")] {
                    let Some(V::List(ps)) = view(sp, k).map(|v| v.v) else {
                        continue;
                    };
                    let mut m = Map::new();
                    let mut star = false;
                    for p in ps {
                        let V::Map(pp) = &p.v else { continue };
                        let ty = view(pp, "type").and_then(|v| v.as_text());
                        let ids = strs(view(pp, "identifiers"), true, &mut unknowns);
                        match (ty, ids) {
                            (Some(t), Some(ids)) if t == "*" => star = star || ids == J::String("*".into()),
                            (Some(t), Some(ids)) => {
                                m.insert(t, ids);
                            }
                            _ => unknowns.push(p.clone()),
                        }
                    }
                    s.insert(key.into(), if star { J::String("*".into()) } else { J::Object(m) });
                }
                if let Some(V::List(cs)) = view(sp, "condition").map(|v| v.v) {
                    let mut m: Map<String, J> = Map::new();
                    for c in cs {
                        let V::Map(cp) = &c.v else { continue };
                        let test = view(cp, "test").and_then(|v| v.as_text());
                        let var = view(cp, "variable").and_then(|v| v.as_text());
                        let vals = strs(view(cp, "values"), false, &mut unknowns);
                        match (test, var, vals) {
                            (Some(t), Some(var), Some(vals)) => {
                                if let J::Object(inner) = m.entry(t).or_insert_with(|| J::Object(Map::new())) {
                                    inner.insert(var, vals);
                                }
                            }
                            _ => unknowns.push(c.clone()),
                        }
                    }
                    s.insert("Condition".into(), J::Object(m));
                }
                statements.push(J::Object(s));
            }
        }
        if !unknowns.is_empty() {
            return unknown_of("aws_iam_policy_document", span, &unknowns);
        }
        doc.insert("Statement".into(), J::Array(statements));
        let mut doc = J::Object(doc);
        crate::doc::json::sort_keys(&mut doc);
        EVal::new(V::Str(doc.to_string()), span)
    }

    fn module_ref(&mut self, file: FileId, ops: &[hcl_edit::Decorated<TraversalOperator>], span: Option<Span>) -> EVal {
        let Some(TraversalOperator::GetAttr(name)) = ops.first().map(|o| o.value()) else {
            return EVal::unknown("module", span);
        };
        let name = name.as_str().to_string();
        let decls = self.insts[self.cur].decls.clone();
        let Some(call) = decls.calls.iter().find(|c| c.name == name) else {
            if decls.complete {
                self.note_undeclared(&format!("module call module.{name}"), span);
            }
            return error(format!("module.{name} is not declared in this module"), span);
        };
        let parent = self.cur;
        let saved = self.enter(parent, Vec::new());
        let exp = self.expansion(&format!("module.{name}"), call.file, call.block);
        self.leave(saved);
        let mut rest = &ops[1..];
        let instances = exp.instances();
        let chosen: Option<(String, Vec<(String, EVal)>)> = match &exp {
            Expansion::Single | Expansion::Unknown(_) => {
                if matches!(exp, Expansion::Unknown(_))
                    && matches!(
                        rest.first().map(|o| o.value()),
                        Some(TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_))
                    )
                {
                    rest = &rest[1..];
                }
                instances.into_iter().next()
            }
            Expansion::Nothing => return error(format!("module.{name} has no instances"), span),
            Expansion::Count(_) | Expansion::Each(_) => match rest.first().map(|o| o.value()) {
                Some(TraversalOperator::Index(e)) => {
                    let k = self.eval(file, e);
                    rest = &rest[1..];
                    let suffix = match (&exp, &k.v) {
                        (Expansion::Count(_), V::Num(n)) => format!("[{}]", *n as i64),
                        (Expansion::Each(_), _) => match k.as_text() {
                            Some(t) => format!("[{}]", quote(&t)),
                            None => return unknown_of("module instance", span, &[k]),
                        },
                        _ => return unknown_of("module instance", span, &[k]),
                    };
                    match instances.into_iter().find(|(s, _)| *s == suffix) {
                        Some(i) => Some(i),
                        None => return error(format!("module.{name}{suffix} does not exist"), span),
                    }
                }
                Some(TraversalOperator::LegacyIndex(i)) => {
                    let suffix = format!("[{}]", i.value());
                    rest = &rest[1..];
                    instances.into_iter().find(|(s, _)| *s == suffix)
                }
                _ => {
                    // The whole collection of instances: objects of all their outputs.
                    let mut objs = Vec::new();
                    for (suffix, binds) in instances {
                        let o = self.module_object(parent, call, &suffix, binds, span);
                        objs.push((suffix, o));
                    }
                    let base = match exp {
                        Expansion::Count(_) => EVal::new(V::List(objs.into_iter().map(|(_, o)| o).collect()), span),
                        _ => EVal::new(
                            V::Map(
                                objs.into_iter()
                                    .map(|(s, o)| Prop {
                                        key: serde_json::from_str::<String>(&s[1..s.len() - 1]).unwrap_or(s),
                                        span: span.unwrap_or_default(),
                                        val: o,
                                    })
                                    .collect(),
                            ),
                            span,
                        ),
                    };
                    return self.apply_ops(file, base, rest, span);
                }
            },
        };
        let Some((suffix, binds)) = chosen else {
            return EVal::unknown(format!("module.{name}"), span);
        };
        match rest.first().map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(out)) => {
                let out = out.as_str().to_string();
                let v = match self.child(parent, call, &suffix, binds) {
                    Some(child) => self.output(child, &out, span),
                    None => EVal::unknown(format!("module.{name}.{out}"), span),
                };
                self.apply_ops(file, v, &rest[1..], span)
            }
            _ => {
                let o = self.module_object(parent, call, &suffix, binds, span);
                self.apply_ops(file, o, rest, span)
            }
        }
    }

    fn module_object(
        &mut self,
        parent: usize,
        call: &CallDecl<'a>,
        suffix: &str,
        binds: Vec<(String, EVal)>,
        span: Option<Span>,
    ) -> EVal {
        let Some(child) = self.child(parent, call, suffix, binds) else {
            return EVal::unknown(format!("module.{}", call.name), span);
        };
        let mut names: Vec<String> = self.insts[child].decls.outputs.keys().cloned().collect();
        names.sort();
        let props = names
            .into_iter()
            .map(|n| {
                let v = self.output(child, &n, span);
                Prop {
                    key: n,
                    span: span.unwrap_or_default(),
                    val: v,
                }
            })
            .collect();
        EVal::new(V::Map(props), span)
    }

    fn output(&mut self, inst: usize, name: &str, span: Option<Span>) -> EVal {
        if let Some(v) = self.memo(inst, Memo::Output, name, span) {
            return v;
        }
        let key = format!("output.{name}");
        if self.insts[inst].in_progress.contains(&key) {
            return error(format!("output {name} depends on itself"), span);
        }
        let Some(&(file, expr)) = self.insts[inst].decls.outputs.get(name) else {
            return error(format!("module has no output {name}"), span);
        };
        self.insts[inst].in_progress.push(key);
        let saved = self.enter(inst, Vec::new());
        let v = self.eval(file, expr);
        self.leave(saved);
        self.insts[inst].in_progress.pop();
        self.insts[inst].outputs.insert(name.to_string(), (v.clone(), size(&v)));
        EVal { span, ..v }
    }

    fn apply_ops(
        &mut self,
        file: FileId,
        mut v: EVal,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        span: Option<Span>,
    ) -> EVal {
        for (i, op) in ops.iter().enumerate() {
            let prov = std::mem::take(&mut v.prov);
            let next = match (op.value(), &v.v) {
                (_, V::Unknown { .. }) => return EVal { span, prov, ..v },
                (TraversalOperator::FullSplat(_) | TraversalOperator::AttrSplat(_), _) => {
                    let items = match &v.v {
                        V::List(items) => items.clone(),
                        V::Null => Vec::new(),
                        _ => vec![v.clone()],
                    };
                    let rest = &ops[i + 1..];
                    let out: Vec<EVal> = items
                        .into_iter()
                        .map(|it| self.apply_ops(file, it, rest, span))
                        .collect();
                    return EVal {
                        v: V::List(out),
                        span,
                        prov,
                    };
                }
                (TraversalOperator::GetAttr(a), V::Ref(r)) => Some(EVal::new(
                    V::Ref(RefTo {
                        address: r.address.clone(),
                        attr: a.as_str().to_string(),
                    }),
                    span,
                )),
                (TraversalOperator::GetAttr(a), V::Map(props)) => {
                    props.iter().find(|p| p.key == a.as_str()).map(|p| p.val.clone())
                }
                (TraversalOperator::Index(e), _) => {
                    let idx = self.eval(file, e);
                    match (&v.v, &idx.v) {
                        (_, V::Unknown { .. }) => return unknown_of("index", span, &[idx, v]),
                        (V::List(items), _) => idx
                            .as_num()
                            .and_then(|n| if n < 0.0 { None } else { items.get(n as usize).cloned() }),
                        (V::Map(props), _) => idx
                            .as_text()
                            .and_then(|k| props.iter().find(|p| p.key == k).map(|p| p.val.clone())),
                        _ => None,
                    }
                }
                (TraversalOperator::LegacyIndex(i), V::List(items)) => items.get(*i.value() as usize).cloned(),
                _ => None,
            };
            match next {
                Some(mut n) => {
                    let mut all = prov;
                    all.append(&mut n.prov);
                    n.prov = all;
                    v = n;
                }
                None => {
                    return EVal {
                        prov,
                        ..error("no such index or attribute", span)
                    };
                }
            }
        }
        // The value is used here; where it was written is in its provenance.
        v.span = span;
        v
    }

    fn variable(&mut self, name: &str, span: Option<Span>) -> EVal {
        if let Some(v) = self.memo(self.cur, Memo::Var, name, span) {
            return v;
        }
        let decls = self.insts[self.cur].decls.clone();
        let Some(decl) = decls.vars.get(name) else {
            return error(format!("var.{name} is not declared"), span);
        };
        let key = format!("var.{name}");
        if self.insts[self.cur].in_progress.contains(&key) {
            return EVal::unknown(format!("var.{name} (cycle)"), span);
        }
        self.insts[self.cur].in_progress.push(key);
        let inst = self.cur;
        let mut given: Option<EVal> = None;
        match &self.insts[inst].caller {
            None => {
                if let Some(v) = self.root_values.get(name) {
                    let mut v = v.clone();
                    if !v.prov.is_empty() {
                        v.prov.push(Step {
                            span: decl.header,
                            message: format!("variable \"{name}\" declared here"),
                            kind: crate::model::StepKind::Declaration,
                        });
                    }
                    given = Some(v);
                }
            }
            Some(c) => {
                if let Some(arg) = c.call.body.get_attribute(name) {
                    let (pinst, cfile, binds, cname) = (c.inst, c.file, c.binds.clone(), c.name.clone());
                    let saved = self.enter(pinst, binds);
                    let mut v = self.eval(cfile, &arg.value);
                    self.leave(saved);
                    if let Some(s) = span_of(cfile, arg.span()) {
                        v.prov.push(Step {
                            span: s,
                            message: format!("passed here as argument \"{name}\" of module \"{cname}\""),
                            kind: crate::model::StepKind::ModuleArgument,
                        });
                    }
                    given = Some(v);
                }
            }
        }
        if matches!(given.as_ref().map(|v| &v.v), Some(V::Null)) && !decl.nullable {
            given = None;
        }
        let mut v = match given {
            Some(v) => v,
            None => match decl.default {
                Some(default) => {
                    let mut v = self.eval(decl.file, default);
                    if let Some(s) = v.span {
                        v.prov.insert(
                            0,
                            Step {
                                span: s,
                                message: format!("value set here (default of variable \"{name}\")"),
                                kind: crate::model::StepKind::VariableDefault,
                            },
                        );
                    }
                    v
                }
                None => EVal::unknown(format!("var.{name}"), span),
            },
        };
        if let Some(ty) = decl.ty {
            v = self.convert(decl.file, v, ty);
        }
        self.insts[inst].in_progress.pop();
        self.insts[inst].vars.insert(name.to_string(), (v.clone(), size(&v)));
        EVal { span, ..v }
    }

    /// Converts a value to a variable's type constraint (primitives, collections, objects
    /// with `optional(type, default)` attributes).
    fn convert(&mut self, file: FileId, v: EVal, ty: &'a Expression) -> EVal {
        if v.is_unknown() || matches!(v.v, V::Null) {
            return v;
        }
        match ty {
            Expression::Variable(t) => {
                let out = match (t.as_str(), &v.v) {
                    ("string", V::Num(_) | V::Bool(_)) => v.as_text().map(V::Str),
                    ("number", V::Str(_)) => v.as_num().map(V::Num),
                    ("bool", V::Str(_)) => v.as_bool().map(V::Bool),
                    _ => None,
                };
                match out {
                    Some(o) => EVal { v: o, ..v },
                    None => v,
                }
            }
            Expression::FuncCall(call) => {
                let args: Vec<&'a Expression> = call.args.iter().collect();
                let EVal { v: inner, span, prov } = v;
                let inner = match (call.name.name.as_str(), inner, args.first()) {
                    ("list" | "set", V::List(items), Some(t)) => {
                        let mut items: Vec<EVal> = items.into_iter().map(|i| self.convert(file, i, t)).collect();
                        if call.name.name.as_str() == "set" {
                            let mut out: Vec<EVal> = Vec::new();
                            for i in items.drain(..) {
                                if !out.iter().any(|o| functions::same(o, &i)) {
                                    out.push(i);
                                }
                            }
                            functions::set_order(&mut out);
                            items = out;
                        }
                        V::List(items)
                    }
                    ("map", V::Map(props), Some(t)) => V::Map(
                        props
                            .into_iter()
                            .map(|p| Prop {
                                val: self.convert(file, p.val, t),
                                ..p
                            })
                            .collect(),
                    ),
                    ("tuple", V::List(items), Some(Expression::Array(types))) => V::List(
                        items
                            .into_iter()
                            .enumerate()
                            .map(|(i, it)| match types.iter().nth(i) {
                                Some(t) => self.convert(file, it, t),
                                None => it,
                            })
                            .collect(),
                    ),
                    ("object", V::Map(mut props), Some(Expression::Object(attrs))) => {
                        for (key, value) in attrs.iter() {
                            let k = match key {
                                ObjectKey::Ident(id) => id.as_str().to_string(),
                                ObjectKey::Expression(Expression::Variable(v)) => v.as_str().to_string(),
                                ObjectKey::Expression(Expression::String(s)) => s.value().to_string(),
                                _ => continue,
                            };
                            let t = value.expr();
                            let (t, default) = match t {
                                Expression::FuncCall(c) if c.name.name.as_str() == "optional" => {
                                    let mut a = c.args.iter();
                                    (a.next().unwrap_or(t), Some(a.next()))
                                }
                                _ => (t, None),
                            };
                            match props.iter().position(|p| p.key == k) {
                                Some(i) if !matches!(props[i].val.v, V::Null) => {
                                    let p = props.remove(i);
                                    let val = self.convert(file, p.val, t);
                                    props.insert(i, Prop { val, ..p });
                                }
                                found => {
                                    let Some(default) = default else { continue };
                                    let d = match default {
                                        Some(d) => {
                                            let d = self.eval(file, d);
                                            self.convert(file, d, t)
                                        }
                                        None => EVal::new(V::Null, None),
                                    };
                                    match found {
                                        Some(i) => props[i].val = d,
                                        None => props.push(Prop {
                                            key: k,
                                            span: span.unwrap_or_default(),
                                            val: d,
                                        }),
                                    }
                                }
                            }
                        }
                        V::Map(props)
                    }
                    (_, other, _) => other,
                };
                EVal { v: inner, span, prov }
            }
            _ => v,
        }
    }

    fn local(&mut self, name: &str, span: Option<Span>) -> EVal {
        let inst = self.cur;
        if let Some(v) = self.memo(inst, Memo::Local, name, span) {
            return v;
        }
        let decls = self.insts[inst].decls.clone();
        let Some(LocalDecl {
            file,
            span: lspan,
            expr,
        }) = decls.locals.get(name)
        else {
            return error(format!("local.{name} is not declared"), span);
        };
        let key = format!("local.{name}");
        if self.insts[inst].in_progress.contains(&key) {
            let chain = self.insts[inst].in_progress.join(" -> ");
            self.note(
                *file,
                Some(lspan.start),
                format!("local.{name} refers to itself (cycle: {chain} -> local.{name})"),
            );
            return EVal::unknown(format!("local.{name} (cycle)"), span);
        }
        self.insts[inst].in_progress.push(key);
        // Locals see no each/count of the resource that reads them.
        let saved = self.enter(inst, Vec::new());
        let mut v = self.eval(*file, expr);
        self.leave(saved);
        self.insts[inst].in_progress.pop();
        v.prov.insert(
            0,
            Step {
                span: *lspan,
                message: format!("value set here (local.{name})"),
                kind: crate::model::StepKind::Local,
            },
        );
        self.insts[inst].locals.insert(name.to_string(), (v.clone(), size(&v)));
        EVal { span, ..v }
    }

    // ----- resource bodies -----------------------------------------------------------

    /// Attributes and nested blocks of a body as properties. Repeated blocks of one type
    /// become one list property (spanning the first block), as Terraform's schema sees them;
    /// `dynamic` blocks expand into the same list.
    fn body_props(&mut self, file: FileId, body: &'a Body) -> Vec<Prop> {
        let mut props: Vec<Prop> = Vec::new();
        for attr in body.attributes() {
            let key = attr.key.as_str();
            if META_ARGUMENTS.contains(&key) {
                continue;
            }
            let span = span_of(file, attr.span()).unwrap_or_default();
            let val = self.eval(file, &attr.value);
            props.push(Prop {
                key: key.to_string(),
                span,
                val,
            });
        }
        for block in body.blocks() {
            let ident = block.ident.as_str();
            if META_ARGUMENTS.contains(&ident) {
                continue;
            }
            let span = span_of(file, block.span()).unwrap_or_default();
            let (key, items) = if ident == "dynamic" {
                let Some(name) = label(block, 0) else { continue };
                (name.to_string(), self.dynamic(file, name, block, span))
            } else {
                let inner = self.body_props(file, &block.body);
                (ident.to_string(), vec![EVal::new(V::Map(inner), Some(span))])
            };
            match props.iter_mut().find(|p| p.key == key) {
                Some(Prop {
                    val: EVal { v: V::List(list), .. },
                    ..
                }) => list.extend(items),
                Some(_) => {}
                None => props.push(Prop {
                    key,
                    span,
                    val: EVal::new(V::List(items), Some(span)),
                }),
            }
        }
        props
    }

    fn dynamic(&mut self, file: FileId, name: &str, block: &'a Block, span: Span) -> Vec<EVal> {
        let Some(each) = block.body.get_attribute("for_each") else {
            return vec![EVal::unknown(
                format!("dynamic \"{name}\" block without for_each"),
                Some(span),
            )];
        };
        let Some(content) = block.body.get_blocks("content").next() else {
            return Vec::new();
        };
        let iter = match block.body.get_attribute("iterator").map(|a| &a.value) {
            Some(Expression::Variable(v)) => v.as_str().to_string(),
            _ => name.to_string(),
        };
        let coll = self.eval(file, &each.value);
        let items: Vec<(EVal, EVal)> = match &coll.v {
            V::List(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    // Sets use the value as key; lists the index. Both read as each value.
                    let k = if v.as_text().is_some() {
                        v.clone()
                    } else {
                        EVal::new(V::Num(i as f64), None)
                    };
                    (k, v.clone())
                })
                .collect(),
            V::Map(_) => key_values(&coll).unwrap_or_default(),
            _ => {
                let why = why_of(&coll, "a list, set or map");
                let what = match &coll.v {
                    V::Unknown { .. } | V::OneOf { .. } | V::Ref(_) => "unknown",
                    _ => "unusable",
                };
                // Keep the resources the collection mentions, but say which block is unknown.
                let mut unknown = unknown_of("dynamic", Some(span), std::slice::from_ref(&coll));
                if let V::Unknown { why: w, .. } = &mut unknown.v {
                    *w = format!("dynamic \"{name}\" block with {what} for_each ({why})");
                }
                return vec![EVal {
                    prov: coll.prov.clone(),
                    ..unknown
                }];
            }
        };
        let mut out = Vec::new();
        for (k, v) in items.into_iter().take(MAX_ITEMS) {
            let mark = self.binds.len();
            self.binds.push((iter.clone(), obj(vec![("key", k), ("value", v)])));
            let inner = self.body_props(file, &content.body);
            self.binds.truncate(mark);
            let mut item = EVal::new(V::Map(inner), Some(span));
            item.prov = coll.prov.clone();
            out.push(item);
        }
        out
    }
}

const META_ARGUMENTS: &[&str] = &[
    "count",
    "for_each",
    "provider",
    "depends_on",
    "lifecycle",
    "provisioner",
    "connection",
];

fn strip_json_steps(props: &mut [Prop], is_json: &dyn Fn(FileId) -> bool) {
    fn val(v: &mut EVal, is_json: &dyn Fn(FileId) -> bool) {
        v.prov.retain(|s| !is_json(s.span.file));
        match &mut v.v {
            V::List(items) => items.iter_mut().for_each(|i| val(i, is_json)),
            V::Map(props) => strip_json_steps(props, is_json),
            _ => {}
        }
    }
    for p in props {
        val(&mut p.val, is_json);
    }
}

#[derive(Clone, Copy)]
enum Memo {
    Var,
    Local,
    Output,
}

/// Number of nodes in a value (plus its string bytes / 64).
fn size(v: &EVal) -> usize {
    1 + v.prov.len()
        + match &v.v {
            V::Str(s) => s.len() / 64,
            V::List(items) => items.iter().map(size).sum(),
            V::Map(props) => props.iter().map(|p| size(&p.val)).sum(),
            _ => 0,
        }
}

/// Why `v` is not what the caller needed (`expected`, e.g. `a number`): its unknown reason,
/// the reason of an unknown item in it, or what it is instead (`a list, expected a number`).
fn why_of(v: &EVal, expected: &str) -> String {
    match &v.v {
        V::Unknown { why, .. } | V::OneOf { why, .. } => why.clone(),
        V::Ref(r) => format!("{}.{}", r.address, r.attr),
        V::List(items) => match items
            .iter()
            .find(|i| matches!(i.v, V::Unknown { .. } | V::OneOf { .. } | V::Ref(_)))
        {
            Some(i) => why_of(i, expected),
            None => format!("a list of values that are not all strings, expected {expected}"),
        },
        other => format!("{}, expected {expected}", crate::frontend::kind_of(other)),
    }
}

/// `path.module` as Terraform gives it: relative to the root module (`.` for the root).
fn relative(root: &Path, dir: &Path) -> String {
    if root == dir {
        return ".".into();
    }
    let r: Vec<_> = root.components().collect();
    let d: Vec<_> = dir.components().collect();
    let common = r.iter().zip(&d).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = std::iter::repeat_n("..".to_string(), r.len() - common).collect();
    parts.extend(d[common..].iter().map(|c| c.as_os_str().to_string_lossy().to_string()));
    parts.join("/")
}

fn binary(op: BinaryOperator, l: &EVal, r: &EVal) -> Option<V> {
    use BinaryOperator::*;
    Some(match op {
        And => match (l.as_bool(), r.as_bool()) {
            (Some(false), _) | (_, Some(false)) => V::Bool(false),
            (Some(true), Some(true)) => V::Bool(true),
            _ => return None,
        },
        Or => match (l.as_bool(), r.as_bool()) {
            (Some(true), _) | (_, Some(true)) => V::Bool(true),
            (Some(false), Some(false)) => V::Bool(false),
            _ => return None,
        },
        Eq | NotEq => {
            let same = equal(l, r)?;
            V::Bool(if op == Eq { same } else { !same })
        }
        Less => V::Bool(l.as_num()? < r.as_num()?),
        LessEq => V::Bool(l.as_num()? <= r.as_num()?),
        Greater => V::Bool(l.as_num()? > r.as_num()?),
        GreaterEq => V::Bool(l.as_num()? >= r.as_num()?),
        Plus => V::Num(decimal(l.as_num()? + r.as_num()?)),
        Minus => V::Num(decimal(l.as_num()? - r.as_num()?)),
        Mul => V::Num(decimal(l.as_num()? * r.as_num()?)),
        Div => V::Num(l.as_num()? / r.as_num()?),
        Mod => V::Num(l.as_num()? % r.as_num()?),
    })
}

/// `module.a["k"].module.b.` -> `module.a.module.b`: a module instance prefix without its
/// instance keys.
pub(crate) fn module_path(prefix: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in prefix.trim_end_matches('.').chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// `l == r` as Terraform (cty's `Equals`) decides it: known when both are fully known, and
/// also when a known part already decides although other leaves are unknown: an object or
/// tuple with unknown leaves is known not to be `null`, tuples of different lengths and
/// objects with different attributes differ, and tuple elements are compared in order (the
/// first unknown comparison makes the result unknown, a difference before it makes it
/// false). Objects whose attributes compare unknown stay unknown (cty walks them in no
/// fixed order). `None` when the answer depends on an unknown leaf. Checked against
/// `terraform plan` (issue 11 item 3).
fn equal(l: &EVal, r: &EVal) -> Option<bool> {
    if !has_unknown(l) && !has_unknown(r) {
        return Some(functions::same(l, r));
    }
    let opaque = |v: &EVal| matches!(v.v, V::Unknown { .. } | V::Ref(_) | V::OneOf { .. });
    if opaque(l) || opaque(r) {
        return None;
    }
    match (&l.v, &r.v) {
        (V::Null, _) | (_, V::Null) => Some(false),
        (V::List(a), V::List(b)) => {
            if a.len() != b.len() {
                return Some(false);
            }
            for (x, y) in a.iter().zip(b) {
                if !equal(x, y)? {
                    return Some(false);
                }
            }
            Some(true)
        }
        (V::Map(a), V::Map(b)) => {
            if a.len() != b.len() || a.iter().any(|p| !b.iter().any(|q| q.key == p.key)) {
                return Some(false);
            }
            let mut result = true;
            for p in a {
                let q = b.iter().find(|q| q.key == p.key)?;
                result &= equal(&p.val, &q.val)?;
            }
            Some(result)
        }
        // A collection and a primitive, or a tuple and an object, never equal.
        _ => Some(false),
    }
}

/// The (key, value) pairs a `for` walks: list indexes or map keys. `None` for anything else.
fn key_values(coll: &EVal) -> Option<Vec<(EVal, EVal)>> {
    match &coll.v {
        V::List(items) => Some(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| (EVal::new(V::Num(i as f64), None), v.clone()))
                .collect(),
        ),
        // Terraform walks maps and objects in lexicographic key order.
        V::Map(props) => {
            let mut sorted: Vec<&Prop> = props.iter().collect();
            sorted.sort_by(|a, b| a.key.cmp(&b.key));
            Some(
                sorted
                    .into_iter()
                    .map(|p| (EVal::new(V::Str(p.key.clone()), None), p.val.clone()))
                    .collect(),
            )
        }
        _ => None,
    }
}

/// `+`, `-`, `*` of decimal numbers: Terraform computes them exactly (arbitrary
/// precision), so `0.1 + 0.2` is `0.3`. A binary floating-point result that is a short
/// decimal once rounded to 15 significant digits is that decimal.
fn decimal(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    let rounded: f64 = format!("{x:.14e}").parse().unwrap_or(x);
    let digits = |v: f64| {
        format!("{v:e}")
            .split('e')
            .next()
            .map(|m| m.chars().filter(char::is_ascii_digit).count())
            .unwrap_or(17)
    };
    if digits(rounded) <= 12 { rounded } else { x }
}
