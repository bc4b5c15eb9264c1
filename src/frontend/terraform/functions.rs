//! Terraform's built-in functions, as far as configuration code uses them. A function
//! whose arguments are not known gives an unknown result (never an error); a call that
//! Terraform would reject gives an unknown whose reason starts with `error:` (so `try`
//! and `can` can tell the two apart).

use crate::frontend::base64;
use std::path::{Path, PathBuf};

use crate::doc::{self, Node};
use crate::frontend::{EVal, Prop, V, format_number};
use crate::source::Span;

/// Largest list `range()` and other generators may produce.
pub(crate) const MAX_ITEMS: usize = 10_000;
/// Largest string a function may produce (bytes).
pub(crate) const MAX_STRING: usize = 1 << 20;
/// Largest file `file()`/`templatefile()` read (bytes).
const MAX_FILE: u64 = 1 << 20;

/// Where `file()` may read: paths are relative to `base` (Terraform's working directory,
/// the root module) and must stay below one of `allowed`.
pub(crate) struct FsCtx {
    pub base: PathBuf,
    pub allowed: Vec<PathBuf>,
}

impl FsCtx {
    /// Reads a file below an allowed root; `Err` says why not.
    pub(crate) fn read(&self, path: &str) -> Result<String, String> {
        let p = Path::new(path);
        let full = if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.base.join(p)
        };
        let canon = std::fs::canonicalize(&full).map_err(|e| format!("cannot read {path}: {e}"))?;
        let ok = self
            .allowed
            .iter()
            .any(|a| std::fs::canonicalize(a).is_ok_and(|a| canon.starts_with(a)));
        if !ok {
            return Err(format!("{path} is outside the scanned root"));
        }
        let meta = std::fs::metadata(&canon).map_err(|e| format!("cannot read {path}: {e}"))?;
        if !meta.is_file() || meta.len() > MAX_FILE {
            return Err(format!("{path} is not a readable file of at most {MAX_FILE} bytes"));
        }
        std::fs::read_to_string(&canon).map_err(|e| format!("cannot read {path}: {e}"))
    }
    fn exists(&self, path: &str) -> Option<bool> {
        let p = Path::new(path);
        let full = if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.base.join(p)
        };
        match std::fs::canonicalize(&full) {
            Err(_) => Some(false),
            Ok(c) => {
                let ok = self
                    .allowed
                    .iter()
                    .any(|a| std::fs::canonicalize(a).is_ok_and(|a| c.starts_with(a)));
                if ok { Some(c.is_file()) } else { None }
            }
        }
    }
}

pub(crate) const ERROR: &str = "error: ";

pub(crate) fn is_error(v: &EVal) -> bool {
    v.unknown_why().is_some_and(|w| w.starts_with(ERROR))
}

pub(crate) fn error(msg: impl std::fmt::Display, span: Option<Span>) -> EVal {
    EVal::unknown(format!("{ERROR}{msg}"), span)
}

/// Whether a value is unknown anywhere inside.
pub(crate) fn has_unknown(v: &EVal) -> bool {
    match &v.v {
        V::Unknown { .. } | V::Ref(_) | V::OneOf { .. } => true,
        V::List(items) => items.iter().any(has_unknown),
        V::Map(props) => props.iter().any(|p| has_unknown(&p.val)),
        _ => false,
    }
}

/// An unknown value standing for the result of `name(args)`, keeping what the arguments
/// depend on and which resources they mention.
pub(crate) fn unknown_of(name: &str, span: Option<Span>, args: &[EVal]) -> EVal {
    let mut why = None;
    let mut refs = Vec::new();
    fn walk(v: &EVal, why: &mut Option<String>, refs: &mut Vec<crate::frontend::RefTo>) {
        match &v.v {
            V::Unknown { why: w, refs: r, .. } => {
                if why.is_none() {
                    *why = Some(w.clone());
                }
                for x in r {
                    if !refs.contains(x) {
                        refs.push(x.clone());
                    }
                }
            }
            V::Ref(r) => {
                if why.is_none() {
                    *why = Some(format!("{}.{}", r.address, r.attr));
                }
                if !refs.contains(r) {
                    refs.push(r.clone());
                }
            }
            V::List(items) => items.iter().for_each(|i| walk(i, why, refs)),
            V::Map(props) => props.iter().for_each(|p| walk(&p.val, why, refs)),
            _ => {}
        }
    }
    for a in args {
        walk(a, &mut why, &mut refs);
    }
    EVal::new(
        V::Unknown {
            why: why.unwrap_or_else(|| format!("{name}()")),
            refs,
            text: None,
        },
        span,
    )
}

fn s(v: String, span: Option<Span>) -> EVal {
    if v.len() > MAX_STRING {
        return error("string too long", span);
    }
    EVal::new(V::Str(v), span)
}
fn n(v: f64, span: Option<Span>) -> EVal {
    EVal::new(V::Num(v), span)
}
fn b(v: bool, span: Option<Span>) -> EVal {
    EVal::new(V::Bool(v), span)
}
fn list(items: Vec<EVal>, span: Option<Span>) -> EVal {
    EVal::new(V::List(items), span)
}
fn map(props: Vec<Prop>, span: Option<Span>) -> EVal {
    EVal::new(V::Map(props), span)
}
fn prop(key: String, val: EVal) -> Prop {
    Prop {
        key,
        span: val.span.unwrap_or_default(),
        val,
    }
}

/// Elements of a list or the values of a map.
fn elems(v: &EVal) -> Option<&[EVal]> {
    match &v.v {
        V::List(items) => Some(items),
        _ => None,
    }
}

/// Deep equality of known values.
pub(crate) fn same(a: &EVal, b: &EVal) -> bool {
    match (&a.v, &b.v) {
        (V::Null, V::Null) => true,
        (V::Bool(x), V::Bool(y)) => x == y,
        (V::Num(x), V::Num(y)) => x == y,
        (V::Str(x), V::Str(y)) => x == y,
        (V::List(x), V::List(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (V::Map(x), V::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|p| y.iter().any(|q| q.key == p.key && same(&p.val, &q.val)))
        }
        _ => false,
    }
}

fn distinct(items: Vec<EVal>) -> Vec<EVal> {
    let mut out: Vec<EVal> = Vec::new();
    for i in items {
        if !out.iter().any(|o| same(o, &i)) {
            out.push(i);
        }
    }
    out
}

/// Converts a known value to JSON.
pub(crate) fn to_json(v: &EVal) -> Option<serde_json::Value> {
    crate::frontend::to_json(v)
}

/// A JSON/YAML document node as a value (no spans of its own: it was not written in a `.tf` file).
pub(crate) fn from_node(node: &Node, span: Option<Span>) -> EVal {
    EVal::from_node(node, span)
}

fn text(v: &EVal) -> Option<String> {
    match &v.v {
        V::Null => None,
        _ => v.as_text(),
    }
}

fn strings(v: &EVal) -> Option<Vec<String>> {
    elems(v)?.iter().map(text).collect()
}

fn int(v: &EVal) -> Option<i64> {
    v.as_num().filter(|n| n.is_finite()).map(|n| n as i64)
}

/// Terraform's `format` verbs: %s %d %f %q %v %t %% (flags and widths are honoured for
/// the common cases).
fn format(fmt: &str, args: &[EVal]) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = fmt.chars().peekable();
    let mut next = 0usize;
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = String::new();
        while let Some(&d) = chars.peek() {
            if d.is_ascii_digit() || matches!(d, '.' | '-' | '+' | '#' | ' ') {
                spec.push(d);
                chars.next();
            } else {
                break;
            }
        }
        let verb = chars.next().ok_or("format ends with %")?;
        if verb == '%' {
            out.push('%');
            continue;
        }
        let arg = args.get(next).ok_or("not enough arguments for format")?;
        next += 1;
        let piece = match verb {
            's' | 'v' => match &arg.v {
                V::List(_) | V::Map(_) if verb == 'v' => to_json(arg).map(|j| j.to_string()).ok_or("unknown")?,
                _ => text(arg).ok_or("not a string")?,
            },
            'q' => serde_json::to_string(&text(arg).ok_or("not a string")?).map_err(|e| e.to_string())?,
            't' => arg.as_bool().ok_or("not a bool")?.to_string(),
            'd' => format!("{}", arg.as_num().ok_or("not a number")? as i64),
            'f' | 'e' | 'g' => {
                let x = arg.as_num().ok_or("not a number")?;
                let prec = match spec.split('.').nth(1) {
                    Some(p) => Some(bounded(p, "precision")?),
                    None => None,
                };
                match (verb, prec) {
                    ('e', p) => go_exponent(x, p.unwrap_or(6)),
                    (_, Some(p)) => format!("{x:.p$}"),
                    ('f', None) => format!("{x:.6}"),
                    _ => format_number(x),
                }
            }
            'x' => format!("{:x}", arg.as_num().ok_or("not a number")? as i64),
            'X' => format!("{:X}", arg.as_num().ok_or("not a number")? as i64),
            'o' => format!("{:o}", arg.as_num().ok_or("not a number")? as i64),
            'b' => format!("{:b}", arg.as_num().ok_or("not a number")? as i64),
            other => return Err(format!("unsupported format verb %{other}")),
        };
        let width = match spec.trim_start_matches(['-', '+', '#', ' ']).split('.').next() {
            Some(w) if !w.is_empty() => bounded(w, "width")?,
            _ => 0,
        };
        let len = piece.chars().count();
        if width > len {
            let pad = if spec.starts_with('0') && !spec.contains('-') {
                '0'
            } else {
                ' '
            };
            let fill: String = std::iter::repeat_n(pad, width - len).collect();
            if spec.contains('-') {
                out.push_str(&piece);
                out.push_str(&fill);
            } else {
                out.push_str(&fill);
                out.push_str(&piece);
            }
        } else {
            out.push_str(&piece);
        }
        if out.len() > MAX_STRING {
            return Err("string too long".into());
        }
    }
    Ok(out)
}

/// The order Terraform gives a set's elements: strings bytewise, numbers by value
/// (booleans and mixed or structured elements by text, as before).
pub(crate) fn set_order(items: &mut [EVal]) {
    if items.iter().all(|i| matches!(i.v, V::Num(_))) {
        items.sort_by(|a, b| {
            let (x, y) = (a.as_num().unwrap_or(0.0), b.as_num().unwrap_or(0.0));
            x.total_cmp(&y)
        });
    } else {
        items.sort_by_key(|x| x.as_text());
    }
}

/// `%e` as Go writes it: `1.234500e+03` (a sign and at least two exponent digits).
fn go_exponent(x: f64, prec: usize) -> String {
    let r = format!("{x:.prec$e}");
    match r.split_once('e') {
        Some((mantissa, exp)) => {
            let (sign, digits) = match exp.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', exp),
            };
            format!("{mantissa}e{sign}{digits:0>2}")
        }
        None => r,
    }
}

/// `urlencode`: Go's `url.QueryEscape` (space as `+`, unreserved bytes kept).
fn query_escape(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The largest width or precision `format` accepts. Terraform refuses absurd ones too;
/// Rust's formatter panics beyond 65,535.
pub(crate) const MAX_FORMAT_WIDTH: usize = 1_000;

/// A width or precision of a format verb, at most [`MAX_FORMAT_WIDTH`].
fn bounded(digits: &str, what: &str) -> Result<usize, String> {
    if digits.is_empty() {
        return Ok(0);
    }
    match digits.parse::<usize>() {
        Ok(n) if n <= MAX_FORMAT_WIDTH => Ok(n),
        _ => Err(format!("{what} {digits} is larger than {MAX_FORMAT_WIDTH}")),
    }
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(text.trim()).ok()
}

/// MD5, for `md5()`.
fn md5(data: &[u8]) -> [u8; 16] {
    use md5::Digest as _;
    md5::Md5::digest(data).into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn cidrsubnet(prefix: &str, newbits: i64, netnum: i64) -> Result<String, String> {
    let (ip, len) = prefix.split_once('/').ok_or("invalid CIDR")?;
    let len: i64 = len.parse().map_err(|_| "invalid CIDR prefix")?;
    let octets: Vec<u8> = ip
        .split('.')
        .map(|o| o.parse::<u8>())
        .collect::<Result<_, _>>()
        .map_err(|_| "only IPv4 is supported")?;
    if octets.len() != 4 {
        return Err("only IPv4 is supported".into());
    }
    let new_len = len.checked_add(newbits).ok_or("prefix extension does not fit")?;
    if !(0..=32).contains(&len)
        || newbits < 0
        || new_len > 32
        || netnum < 0
        || (newbits < 63 && netnum >= 1i64 << newbits)
    {
        return Err("prefix extension does not fit".into());
    }
    let base = u32::from_be_bytes([octets[0], octets[1], octets[2], octets[3]]);
    let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
    let net = (base & mask)
        | if new_len == 0 {
            0
        } else {
            (netnum as u32) << (32 - new_len)
        };
    let o = net.to_be_bytes();
    Ok(format!("{}.{}.{}.{}/{}", o[0], o[1], o[2], o[3], new_len))
}

/// An IPv4 prefix: network address (host bits cleared) and prefix length.
fn ipv4_prefix(prefix: &str) -> Result<(u32, u32), String> {
    let (ip, len) = prefix.split_once('/').ok_or("invalid CIDR")?;
    let len: u32 = len.parse().map_err(|_| "invalid CIDR prefix")?;
    let ip: std::net::Ipv4Addr = ip.parse().map_err(|_| "only IPv4 is supported")?;
    if len > 32 {
        return Err("invalid CIDR prefix".into());
    }
    let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
    Ok((u32::from(ip) & mask, len))
}

/// `cidrhost`: host number `num` of the prefix (negative counts from the end).
fn cidrhost(prefix: &str, num: i64) -> Result<String, String> {
    let (net, len) = ipv4_prefix(prefix)?;
    let size = 1i64 << (32 - len);
    let index = if num < 0 { size + num } else { num };
    if !(0..size).contains(&index) {
        return Err(format!("prefix of {len} bits has no host number {num}"));
    }
    Ok(std::net::Ipv4Addr::from(net + index as u32).to_string())
}

/// `cidrsubnets`: consecutive subnets, each aligned to its own size, as Terraform allocates.
fn cidrsubnets(prefix: &str, newbits: &[i64]) -> Result<Vec<String>, String> {
    let (net, len) = ipv4_prefix(prefix)?;
    let end = net as u64 + (1u64 << (32 - len));
    let mut cur = net as u64;
    let mut out = Vec::new();
    for &nb in newbits {
        let new_len = len as i64 + nb;
        if nb < 1 || new_len > 32 {
            return Err("prefix extension does not fit".into());
        }
        let size = 1u64 << (32 - new_len);
        cur = cur.div_ceil(size) * size;
        if cur + size > end {
            return Err("not enough remaining address space".into());
        }
        out.push(format!("{}/{new_len}", std::net::Ipv4Addr::from(cur as u32)));
        cur += size;
    }
    Ok(out)
}

/// The captures of one regex match as Terraform returns them.
fn captures(re: &regex::Regex, caps: &regex::Captures, span: Option<Span>) -> EVal {
    let names: Vec<Option<&str>> = re.capture_names().collect();
    if names.len() == 1 {
        return s(caps.get(0).map(|m| m.as_str().to_string()).unwrap_or_default(), span);
    }
    if names.iter().skip(1).any(Option::is_some) {
        let props = names
            .iter()
            .enumerate()
            .skip(1)
            .filter_map(|(i, nm)| {
                let nm = (*nm)?;
                let v = caps
                    .get(i)
                    .map(|m| s(m.as_str().to_string(), span))
                    .unwrap_or(EVal::new(V::Null, span));
                Some(prop(nm.to_string(), v))
            })
            .collect();
        return map(props, span);
    }
    list(
        (1..names.len())
            .map(|i| {
                caps.get(i)
                    .map(|m| s(m.as_str().to_string(), span))
                    .unwrap_or(EVal::new(V::Null, span))
            })
            .collect(),
        span,
    )
}

/// Flattens nested lists (bounded).
fn flatten_into(v: &EVal, out: &mut Vec<EVal>) -> bool {
    match &v.v {
        V::List(items) => {
            for i in items {
                if out.len() > MAX_ITEMS || !flatten_into(i, out) {
                    return false;
                }
            }
            true
        }
        V::Unknown { .. } => false,
        _ => {
            out.push(v.clone());
            true
        }
    }
}

/// Calls a function on evaluated arguments. `try`, `can` and `templatefile` are handled by
/// the evaluator (they need unevaluated arguments or the evaluator itself).
pub(crate) fn call(name: &str, args: &[EVal], span: Option<Span>, fs: &FsCtx) -> EVal {
    let unknown = || unknown_of(name, span, args);
    let arity = |min: usize, max: usize| args.len() >= min && args.len() <= max;
    let a = |i: usize| &args[i];
    // Functions that look at structure only, and tolerate unknown elements.
    match name {
        "length" if arity(1, 1) => {
            return match &a(0).v {
                V::List(items) => n(items.len() as f64, span),
                V::Map(props) => n(props.len() as f64, span),
                V::Str(t) => n(t.chars().count() as f64, span),
                _ => unknown(),
            };
        }
        "concat" => {
            let mut out = Vec::new();
            for x in args {
                match elems(x) {
                    Some(items) => out.extend(items.iter().cloned()),
                    None => return unknown(),
                }
            }
            return list(out, span);
        }
        "merge" => {
            let mut out: Vec<Prop> = Vec::new();
            for x in args {
                match &x.v {
                    V::Null => {}
                    V::Map(props) => {
                        for p in props {
                            out.retain(|o| o.key != p.key);
                            out.push(p.clone());
                        }
                    }
                    _ => return unknown(),
                }
            }
            return map(out, span);
        }
        "keys" if arity(1, 1) => {
            return match &a(0).v {
                V::Map(props) => {
                    let mut k: Vec<String> = props.iter().map(|p| p.key.clone()).collect();
                    k.sort();
                    list(k.into_iter().map(|k| s(k, span)).collect(), span)
                }
                _ => unknown(),
            };
        }
        "values" if arity(1, 1) => {
            return match &a(0).v {
                V::Map(props) => {
                    let mut ps: Vec<&Prop> = props.iter().collect();
                    ps.sort_by(|x, y| x.key.cmp(&y.key));
                    list(ps.into_iter().map(|p| p.val.clone()).collect(), span)
                }
                _ => unknown(),
            };
        }
        "lookup" if arity(2, 3) => {
            let (V::Map(props), Some(k)) = (&a(0).v, text(a(1))) else {
                return unknown();
            };
            return match props.iter().find(|p| p.key == k) {
                Some(p) => p.val.clone(),
                None if args.len() == 3 => a(2).clone(),
                None => error(format!("lookup: no key {k:?}"), span),
            };
        }
        "element" if arity(2, 2) => {
            let (Some(items), Some(i)) = (elems(a(0)), int(a(1))) else {
                return unknown();
            };
            if items.is_empty() {
                return error("element: empty list", span);
            }
            return items[i.rem_euclid(items.len() as i64) as usize].clone();
        }
        "one" if arity(1, 1) => {
            let Some(items) = elems(a(0)) else { return unknown() };
            return match items.len() {
                0 => EVal::new(V::Null, span),
                1 => items[0].clone(),
                _ => error("one: more than one element", span),
            };
        }
        // True as soon as a known element equals the (known) value; otherwise it needs
        // every element.
        "contains" if arity(2, 2) && !has_unknown(a(1)) => {
            if let Some(items) = elems(a(0))
                && items.iter().any(|x| !has_unknown(x) && same(x, a(1)))
            {
                return b(true, span);
            }
        }
        "coalesce" => {
            for x in args {
                match &x.v {
                    V::Null => continue,
                    V::Str(t) if t.is_empty() => continue,
                    V::Unknown { .. } | V::Ref(_) => return unknown(),
                    _ => return x.clone(),
                }
            }
            return error("coalesce: no non-null argument", span);
        }
        "coalescelist" => {
            for x in args {
                match &x.v {
                    V::List(items) if items.is_empty() => continue,
                    V::List(_) => return x.clone(),
                    _ => return unknown(),
                }
            }
            return error("coalescelist: no non-empty list", span);
        }
        "tolist" | "toset" if arity(1, 1) => {
            return match &a(0).v {
                V::List(items) if name == "toset" => {
                    if items.iter().any(has_unknown) {
                        return unknown();
                    }
                    let mut d = distinct(items.clone());
                    set_order(&mut d);
                    list(d, span)
                }
                V::List(_) => a(0).clone(),
                V::Null => a(0).clone(),
                _ => unknown(),
            };
        }
        "tomap" if arity(1, 1) => {
            return match &a(0).v {
                V::Map(_) | V::Null => a(0).clone(),
                _ => unknown(),
            };
        }
        "flatten" if arity(1, 1) => {
            let mut out = Vec::new();
            if !flatten_into(a(0), &mut out) || out.len() > MAX_ITEMS {
                return unknown();
            }
            return list(out, span);
        }
        "zipmap" if arity(2, 2) => {
            let (Some(k), Some(v)) = (strings(a(0)), elems(a(1))) else {
                return unknown();
            };
            if k.len() != v.len() {
                return error("zipmap: lists differ in length", span);
            }
            return map(k.into_iter().zip(v).map(|(k, v)| prop(k, v.clone())).collect(), span);
        }
        "jsonencode" if arity(1, 1) => {
            return match to_json(a(0)) {
                Some(j) => s(j.to_string(), span),
                // A document with unknown leaves (a policy whose Resource is an ARN not
                // known yet) stays a document: readers of its known parts (bucket policy
                // statements, event patterns) still see them; as text it is unknown.
                None if matches!(a(0).v, V::Map(_) | V::List(_)) => EVal { span, ..a(0).clone() },
                None => unknown(),
            };
        }
        _ => {}
    }
    // The rest need fully known arguments.
    if args.iter().any(has_unknown) {
        return unknown();
    }
    let t = |i: usize| args.get(i).and_then(text);
    macro_rules! need {
        ($e:expr) => {
            match $e {
                Some(v) => v,
                None => return error(format!("invalid arguments to {name}()"), span),
            }
        };
    }
    match name {
        "format" if !args.is_empty() => match format(&need!(t(0)), &args[1..]) {
            Ok(x) => s(x, span),
            Err(e) => error(format!("format: {e}"), span),
        },
        "formatlist" if !args.is_empty() => {
            let fmt = need!(t(0));
            let mut len = None;
            for x in &args[1..] {
                if let Some(items) = elems(x) {
                    if len.is_some_and(|l| l != items.len()) {
                        return error("formatlist: lists differ in length", span);
                    }
                    len = Some(items.len());
                }
            }
            let len = len.unwrap_or(1).min(MAX_ITEMS);
            let mut out = Vec::new();
            for i in 0..len {
                let row: Vec<EVal> = args[1..]
                    .iter()
                    .map(|x| match elems(x) {
                        Some(items) => items[i].clone(),
                        None => x.clone(),
                    })
                    .collect();
                match format(&fmt, &row) {
                    Ok(x) => out.push(s(x, span)),
                    Err(e) => return error(format!("formatlist: {e}"), span),
                }
            }
            list(out, span)
        }
        "join" if args.len() >= 2 => {
            let sep = need!(t(0));
            let mut parts = Vec::new();
            for x in &args[1..] {
                parts.extend(need!(strings(x)));
            }
            s(parts.join(&sep), span)
        }
        "split" if arity(2, 2) => {
            let (sep, x) = (need!(t(0)), need!(t(1)));
            if x.is_empty() {
                return list(Vec::new(), span);
            }
            let parts: Vec<EVal> = if sep.is_empty() {
                x.chars().map(|c| s(c.to_string(), span)).collect()
            } else {
                x.split(sep.as_str()).map(|p| s(p.to_string(), span)).collect()
            };
            list(parts, span)
        }
        "replace" if arity(3, 3) => {
            let (x, from, to) = (need!(t(0)), need!(t(1)), need!(t(2)));
            if from.len() > 2 && from.starts_with('/') && from.ends_with('/') {
                match regex::Regex::new(&from[1..from.len() - 1]) {
                    Ok(re) => {
                        let to = regex_replacement(&to);
                        s(re.replace_all(&x, to.as_str()).into_owned(), span)
                    }
                    Err(e) => error(format!("replace: {e}"), span),
                }
            } else if from.is_empty() {
                s(x, span)
            } else {
                s(x.replace(&from, &to), span)
            }
        }
        "lower" if arity(1, 1) => s(need!(t(0)).to_lowercase(), span),
        "upper" if arity(1, 1) => s(need!(t(0)).to_uppercase(), span),
        "title" if arity(1, 1) => {
            let mut out = String::new();
            let mut start = true;
            for c in need!(t(0)).chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.push(c);
                }
                start = !c.is_alphanumeric();
            }
            s(out, span)
        }
        "trimprefix" if arity(2, 2) => {
            let (x, p) = (need!(t(0)), need!(t(1)));
            s(x.strip_prefix(p.as_str()).unwrap_or(&x).to_string(), span)
        }
        "trimsuffix" if arity(2, 2) => {
            let (x, p) = (need!(t(0)), need!(t(1)));
            s(x.strip_suffix(p.as_str()).unwrap_or(&x).to_string(), span)
        }
        "trimspace" if arity(1, 1) => s(need!(t(0)).trim().to_string(), span),
        "trim" if arity(2, 2) => {
            let (x, cs) = (need!(t(0)), need!(t(1)));
            s(x.trim_matches(|c| cs.contains(c)).to_string(), span)
        }
        "chomp" if arity(1, 1) => s(need!(t(0)).trim_end_matches(['\n', '\r']).to_string(), span),
        "substr" if arity(3, 3) => {
            let x = need!(t(0));
            let (off, len) = (need!(int(a(1))), need!(int(a(2))));
            let chars: Vec<char> = x.chars().collect();
            let total = chars.len() as i64;
            let off = if off < 0 { (total + off).max(0) } else { off.min(total) };
            let end = if len < 0 { total } else { (off + len).min(total) };
            s(chars[off as usize..end.max(off) as usize].iter().collect(), span)
        }
        "startswith" if arity(2, 2) => b(need!(t(0)).starts_with(&need!(t(1))), span),
        "endswith" if arity(2, 2) => b(need!(t(0)).ends_with(&need!(t(1))), span),
        "strcontains" if arity(2, 2) => b(need!(t(0)).contains(&need!(t(1))), span),
        "contains" if arity(2, 2) => b(need!(elems(a(0))).iter().any(|x| same(x, a(1))), span),
        "compact" if arity(1, 1) => list(
            need!(elems(a(0)))
                .iter()
                .filter(|x| !matches!(&x.v, V::Null) && !matches!(&x.v, V::Str(t) if t.is_empty()))
                .cloned()
                .collect(),
            span,
        ),
        "distinct" if arity(1, 1) => list(distinct(need!(elems(a(0))).to_vec()), span),
        "reverse" if arity(1, 1) => list(need!(elems(a(0))).iter().rev().cloned().collect(), span),
        "sort" if arity(1, 1) => {
            let mut x = need!(strings(a(0)));
            x.sort();
            list(x.into_iter().map(|x| s(x, span)).collect(), span)
        }
        "slice" if arity(3, 3) => {
            let items = need!(elems(a(0)));
            let (from, to) = (need!(int(a(1))), need!(int(a(2))));
            if from < 0 || to < from || to as usize > items.len() {
                return error("slice: index out of range", span);
            }
            list(items[from as usize..to as usize].to_vec(), span)
        }
        "index" if arity(2, 2) => match need!(elems(a(0))).iter().position(|x| same(x, a(1))) {
            Some(i) => n(i as f64, span),
            None => error("index: item not found", span),
        },
        "setunion" => {
            let mut out = Vec::new();
            for x in args {
                out.extend(need!(elems(x)).iter().cloned());
            }
            list(distinct(out), span)
        }
        "setintersection" if !args.is_empty() => {
            let first = need!(elems(a(0))).to_vec();
            let mut out = distinct(first);
            for x in &args[1..] {
                let other = need!(elems(x));
                out.retain(|i| other.iter().any(|o| same(o, i)));
            }
            list(out, span)
        }
        "setsubtract" if arity(2, 2) => {
            let other = need!(elems(a(1)));
            list(
                distinct(need!(elems(a(0))).to_vec())
                    .into_iter()
                    .filter(|i| !other.iter().any(|o| same(o, i)))
                    .collect(),
                span,
            )
        }
        "tostring" if arity(1, 1) => match &a(0).v {
            V::Null => a(0).clone(),
            V::Str(_) | V::Num(_) | V::Bool(_) => s(need!(t(0)), span),
            _ => error("tostring: not a primitive", span),
        },
        "tonumber" if arity(1, 1) => match &a(0).v {
            V::Null => a(0).clone(),
            _ => n(need!(a(0).as_num()), span),
        },
        "tobool" if arity(1, 1) => match &a(0).v {
            V::Null => a(0).clone(),
            _ => b(need!(a(0).as_bool()), span),
        },
        "jsondecode" if arity(1, 1) => match doc::json::parse(&need!(t(0))) {
            Ok(node) => from_node(&node, span),
            Err(e) => error(format!("jsondecode: {}", e.message), span),
        },
        "yamldecode" if arity(1, 1) => match doc::yaml::parse(&need!(t(0))) {
            Ok(node) => from_node(&node, span),
            Err(e) => error(format!("yamldecode: {}", e.message), span),
        },
        "file" if arity(1, 1) => match fs.read(&need!(t(0))) {
            Ok(x) => s(x, span),
            Err(e) => EVal::unknown(format!("file(): {e}"), span),
        },
        "fileexists" if arity(1, 1) => match fs.exists(&need!(t(0))) {
            Some(x) => b(x, span),
            None => EVal::unknown("fileexists(): outside the scanned root", span),
        },
        "abs" if arity(1, 1) => n(need!(a(0).as_num()).abs(), span),
        "ceil" if arity(1, 1) => n(need!(a(0).as_num()).ceil(), span),
        "floor" if arity(1, 1) => n(need!(a(0).as_num()).floor(), span),
        "signum" if arity(1, 1) => n(need!(a(0).as_num()).signum(), span),
        "pow" if arity(2, 2) => n(need!(a(0).as_num()).powf(need!(a(1).as_num())), span),
        "parseint" if arity(2, 2) => {
            let base = need!(int(a(1)));
            if !(2..=36).contains(&base) {
                return error("parseint: bad base", span);
            }
            match i64::from_str_radix(&need!(t(0)), base as u32) {
                Ok(x) => n(x as f64, span),
                Err(e) => error(format!("parseint: {e}"), span),
            }
        }
        "min" | "max" if !args.is_empty() => {
            let nums: Vec<f64> = need!(args.iter().map(EVal::as_num).collect::<Option<Vec<_>>>());
            let r = if name == "min" {
                nums.into_iter().fold(f64::INFINITY, f64::min)
            } else {
                nums.into_iter().fold(f64::NEG_INFINITY, f64::max)
            };
            n(r, span)
        }
        "range" if arity(1, 3) => {
            let nums: Vec<f64> = need!(args.iter().map(EVal::as_num).collect::<Option<Vec<_>>>());
            let (start, end, step) = match nums.as_slice() {
                [e] => (0.0, *e, 1.0),
                [st, e] => (*st, *e, if e >= st { 1.0 } else { -1.0 }),
                [st, e, sp] => (*st, *e, *sp),
                _ => return unknown(),
            };
            if step == 0.0 || !step.is_finite() || !start.is_finite() || !end.is_finite() {
                return error("range: invalid step", span);
            }
            let count = ((end - start) / step).ceil();
            if count > MAX_ITEMS as f64 {
                return EVal::unknown(format!("range() of more than {MAX_ITEMS} items"), span);
            }
            let count = count.max(0.0) as usize;
            list((0..count).map(|i| n(start + step * i as f64, span)).collect(), span)
        }
        "sha256" if arity(1, 1) => {
            use sha2::Digest;
            s(hex(&sha2::Sha256::digest(need!(t(0)).as_bytes())), span)
        }
        "sha1" | "sha512" | "uuid" | "timestamp" | "bcrypt" | "uuidv5" => unknown(),
        "alltrue" | "anytrue" if arity(1, 1) => {
            let items = need!(elems(a(0)));
            let bools: Vec<bool> = need!(items.iter().map(EVal::as_bool).collect::<Option<Vec<_>>>());
            b(
                if name == "alltrue" {
                    bools.iter().all(|x| *x)
                } else {
                    bools.iter().any(|x| *x)
                },
                span,
            )
        }
        "sum" if arity(1, 1) => {
            let items = need!(elems(a(0)));
            if items.is_empty() {
                return error("sum: empty list", span);
            }
            let nums: Vec<f64> = need!(items.iter().map(EVal::as_num).collect::<Option<Vec<_>>>());
            n(nums.iter().sum(), span)
        }
        "log" if arity(2, 2) => n(need!(a(0).as_num()).ln() / need!(a(1).as_num()).ln(), span),
        "chunklist" if arity(2, 2) => {
            let items = need!(elems(a(0)));
            let size = need!(int(a(1)));
            if size < 0 {
                return error("chunklist: negative size", span);
            }
            if size == 0 {
                return list(vec![list(items.to_vec(), span)], span);
            }
            list(
                items.chunks(size as usize).map(|c| list(c.to_vec(), span)).collect(),
                span,
            )
        }
        "transpose" if arity(1, 1) => {
            let V::Map(props) = &a(0).v else {
                return error("transpose: not a map", span);
            };
            let mut out: std::collections::BTreeMap<String, Vec<EVal>> = std::collections::BTreeMap::new();
            let mut sorted: Vec<&Prop> = props.iter().collect();
            sorted.sort_by(|x, y| x.key.cmp(&y.key));
            for p in sorted {
                for v in need!(elems(&p.val)) {
                    out.entry(need!(text(v))).or_default().push(s(p.key.clone(), span));
                }
            }
            map(out.into_iter().map(|(k, v)| prop(k, list(v, span))).collect(), span)
        }
        // Terraform reverses grapheme clusters: only plain ASCII is certain here.
        "strrev" if arity(1, 1) => {
            let x = need!(t(0));
            if !x.is_ascii() {
                return unknown();
            }
            s(x.chars().rev().collect(), span)
        }
        "indent" if arity(2, 2) => {
            let pad = " ".repeat(need!(int(a(0))).clamp(0, 1_000) as usize);
            s(need!(t(1)).replace('\n', &format!("\n{pad}")), span)
        }
        "urlencode" if arity(1, 1) => s(query_escape(&need!(t(0))), span),
        "md5" if arity(1, 1) => s(hex(&md5(need!(t(0)).as_bytes())), span),
        "base64encode" if arity(1, 1) => s(base64(need!(t(0)).as_bytes()), span),
        "base64decode" if arity(1, 1) => match base64_decode(&need!(t(0))).and_then(|v| String::from_utf8(v).ok()) {
            Some(x) => s(x, span),
            None => error("base64decode: invalid input", span),
        },
        "cidrsubnet" if arity(3, 3) => match cidrsubnet(&need!(t(0)), need!(int(a(1))), need!(int(a(2)))) {
            Ok(x) => s(x, span),
            Err(e) => error(format!("cidrsubnet: {e}"), span),
        },
        "cidrhost" if arity(2, 2) => match cidrhost(&need!(t(0)), need!(int(a(1)))) {
            Ok(x) => s(x, span),
            Err(e) => error(format!("cidrhost: {e}"), span),
        },
        "cidrnetmask" if arity(1, 1) => match ipv4_prefix(&need!(t(0))) {
            Ok((_, len)) => s(
                std::net::Ipv4Addr::from(if len == 0 { 0 } else { u32::MAX << (32 - len) }).to_string(),
                span,
            ),
            Err(e) => error(format!("cidrnetmask: {e}"), span),
        },
        "cidrsubnets" if !args.is_empty() => {
            let bits: Vec<i64> = need!(args[1..].iter().map(int).collect::<Option<Vec<_>>>());
            match cidrsubnets(&need!(t(0)), &bits) {
                Ok(v) => list(v.into_iter().map(|x| s(x, span)).collect(), span),
                Err(e) => error(format!("cidrsubnets: {e}"), span),
            }
        }
        "regex" | "regexall" if arity(2, 2) => {
            let re = match regex::RegexBuilder::new(&need!(t(0))).size_limit(1 << 20).build() {
                Ok(re) => re,
                Err(e) => return error(format!("{name}: {e}"), span),
            };
            let x = need!(t(1));
            if name == "regex" {
                match re.captures(&x) {
                    Some(c) => captures(&re, &c, span),
                    None => error("regex: no match", span),
                }
            } else {
                list(
                    re.captures_iter(&x)
                        .take(MAX_ITEMS)
                        .map(|c| captures(&re, &c, span))
                        .collect(),
                    span,
                )
            }
        }
        _ => unknown(),
    }
}

/// Terraform's `$1` in replacements is Go's; the regex crate wants `${1}`.
fn regex_replacement(to: &str) -> String {
    let mut out = String::new();
    let mut chars = to.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(|d| d.is_ascii_digit()) {
            let mut num = String::new();
            while let Some(&d) = chars.peek() {
                if d.is_ascii_digit() {
                    num.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            out.push_str(&format!("${{{num}}}"));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(x: &str) -> EVal {
        EVal::new(V::Str(x.into()), None)
    }
    fn nu(x: f64) -> EVal {
        EVal::new(V::Num(x), None)
    }
    fn li(items: Vec<EVal>) -> EVal {
        EVal::new(V::List(items), None)
    }
    fn mp(items: &[(&str, EVal)]) -> EVal {
        EVal::new(
            V::Map(items.iter().map(|(k, v)| prop(k.to_string(), v.clone())).collect()),
            None,
        )
    }
    fn unk() -> EVal {
        EVal::unknown("var.x", None)
    }
    fn fs() -> FsCtx {
        FsCtx {
            base: PathBuf::from("testdata/eval"),
            allowed: vec![PathBuf::from("testdata/eval")],
        }
    }
    fn c(name: &str, args: Vec<EVal>) -> EVal {
        call(name, &args, None, &fs())
    }
    fn text_of(v: EVal) -> String {
        to_json(&v)
            .map(|j| j.to_string())
            .unwrap_or_else(|| format!("unknown({:?})", v.unknown_why()))
    }
    fn t(name: &str, args: Vec<EVal>) -> String {
        text_of(c(name, args))
    }

    /// Values `terraform plan` computed for testdata/eval/functions (the differential probe).
    #[test]
    fn functions_terraform_computes() {
        assert_eq!(
            t("format", vec![st("%e|%.2e|%e"), nu(1234.5), nu(0.000123), nu(-5.0)]),
            r#""1.234500e+03|1.23e-04|-5.000000e+00""#
        );
        let bools = |v: Vec<EVal>| li(v);
        assert_eq!(
            t("alltrue", vec![bools(vec![EVal::new(V::Bool(true), None), st("true")])]),
            "true"
        );
        assert_eq!(t("alltrue", vec![li(vec![])]), "true");
        assert_eq!(
            t("anytrue", vec![bools(vec![EVal::new(V::Bool(false), None)])]),
            "false"
        );
        assert_eq!(t("sum", vec![li(vec![nu(1.0), nu(2.5)])]), "3.5");
        assert_eq!(t("log", vec![nu(8.0), nu(2.0)]), "3");
        assert_eq!(
            t("chunklist", vec![li(vec![nu(1.0), nu(2.0), nu(3.0)]), nu(2.0)]),
            "[[1,2],[3]]"
        );
        let m = EVal::new(
            V::Map(vec![
                prop("b".into(), li(vec![st("2")])),
                prop("a".into(), li(vec![st("1"), st("2")])),
            ]),
            None,
        );
        assert_eq!(t("transpose", vec![m]), r#"{"1":["a"],"2":["a","b"]}"#);
        assert_eq!(t("strrev", vec![st("abc")]), r#""cba""#);
        assert!(c("strrev", vec![st("é")]).is_unknown());
        assert_eq!(t("indent", vec![nu(2.0), st("a\nb")]), r#""a\n  b""#);
        assert_eq!(t("urlencode", vec![st("a b&c/d~")]), r#""a+b%26c%2Fd~""#);
        assert_eq!(t("cidrhost", vec![st("10.0.1.0/24"), nu(5.0)]), r#""10.0.1.5""#);
        assert_eq!(t("cidrhost", vec![st("10.0.1.0/24"), nu(-1.0)]), r#""10.0.1.255""#);
        assert!(c("cidrhost", vec![st("10.0.1.0/30"), nu(4.0)]).unknown_why().is_some());
        assert_eq!(t("cidrnetmask", vec![st("10.0.0.0/12")]), r#""255.240.0.0""#);
        assert_eq!(
            t(
                "cidrsubnets",
                vec![st("10.0.0.0/16"), nu(4.0), nu(4.0), nu(8.0), nu(4.0)]
            ),
            r#"["10.0.0.0/20","10.0.16.0/20","10.0.32.0/24","10.0.48.0/20"]"#
        );
    }

    /// Issue 19 item 1: `format("%.65536f", 1)` panicked inside Rust's formatter.
    #[test]
    fn absurd_format_width_or_precision_is_an_error() {
        for f in [
            "%.65536f",
            "%.1001e",
            "%70000s",
            "%99999999999999999999999d",
            "%1001.2f",
        ] {
            let v = c("format", vec![st(f), nu(1.0)]);
            assert!(is_error(&v), "{f}: {v:?}");
            let v = c("formatlist", vec![st(f), li(vec![nu(1.0), nu(2.0)])]);
            assert!(is_error(&v), "{f}: {v:?}");
        }
        assert_eq!(
            t("format", vec![st("%.3f|%6d|%-4s|"), nu(1.0), nu(7.0), st("a")]),
            r#""1.000|     7|a   |""#
        );
        assert_eq!(t("format", vec![st("%.1000f"), nu(1.0)]).len(), 1004);
    }

    #[test]
    fn strings() {
        assert_eq!(
            t(
                "format",
                vec![
                    st("%s-%d-%05.1f-%q-%t-%%"),
                    st("a"),
                    nu(3.0),
                    nu(2.25),
                    st("q"),
                    EVal::new(V::Bool(true), None)
                ]
            ),
            r#""a-3-002.2-\"q\"-true-%""#
        );
        assert_eq!(
            t("formatlist", vec![st("%s=%s"), li(vec![st("a"), st("b")]), st("x")]),
            r#"["a=x","b=x"]"#
        );
        assert_eq!(t("join", vec![st(","), li(vec![st("a"), st("b")])]), r#""a,b""#);
        assert_eq!(t("split", vec![st(","), st("a,b")]), r#"["a","b"]"#);
        assert_eq!(t("replace", vec![st("a-b-c"), st("-"), st("_")]), r#""a_b_c""#);
        assert_eq!(
            t("replace", vec![st("a1b22"), st("/([0-9]+)/"), st("<$1>")]),
            r#""a<1>b<22>""#
        );
        assert_eq!(t("lower", vec![st("AbC")]), r#""abc""#);
        assert_eq!(t("upper", vec![st("AbC")]), r#""ABC""#);
        assert_eq!(t("trimprefix", vec![st("arn:x"), st("arn:")]), r#""x""#);
        assert_eq!(t("trimsuffix", vec![st("x.tf"), st(".tf")]), r#""x""#);
        assert_eq!(t("trimspace", vec![st("  x \n")]), r#""x""#);
        assert_eq!(t("substr", vec![st("hello"), nu(1.0), nu(3.0)]), r#""ell""#);
        assert_eq!(t("substr", vec![st("hello"), nu(-3.0), nu(-1.0)]), r#""llo""#);
        assert_eq!(t("startswith", vec![st("hello"), st("he")]), "true");
        assert_eq!(t("endswith", vec![st("hello"), st("he")]), "false");
        assert_eq!(t("tostring", vec![nu(5.0)]), r#""5""#);
        assert_eq!(t("tonumber", vec![st("5")]), "5");
        assert_eq!(t("tobool", vec![st("true")]), "true");
        assert_eq!(t("base64encode", vec![st("hello")]), r#""aGVsbG8=""#);
        assert_eq!(
            t("sha256", vec![st("")]),
            r#""e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""#
        );
        assert_eq!(t("md5", vec![st("")]), r#""d41d8cd98f00b204e9800998ecf8427e""#);
        assert_eq!(t("md5", vec![st("hello")]), r#""5d41402abc4b2a76b9719d911017c592""#);
        assert_eq!(t("regex", vec![st("[a-z]+"), st("123abc")]), r#""abc""#);
        assert_eq!(t("regex", vec![st("(\\d+)-(\\d+)"), st("1-2")]), r#"["1","2"]"#);
        assert_eq!(t("regex", vec![st("(?P<a>\\d+)"), st("x7")]), r#"{"a":"7"}"#);
        assert_eq!(t("regexall", vec![st("\\d"), st("a1b2")]), r#"["1","2"]"#);
        assert!(is_error(&c("regex", vec![st("z"), st("a")])));
    }

    #[test]
    fn collections() {
        let l = li(vec![st("a"), st("b"), st("a")]);
        assert_eq!(t("concat", vec![li(vec![st("a")]), li(vec![st("b")])]), r#"["a","b"]"#);
        assert_eq!(
            t(
                "merge",
                vec![mp(&[("a", nu(1.0))]), mp(&[("a", nu(2.0)), ("b", nu(3.0))])]
            ),
            r#"{"a":2,"b":3}"#
        );
        assert_eq!(t("lookup", vec![mp(&[("a", nu(1.0))]), st("b"), nu(0.0)]), "0");
        assert_eq!(t("lookup", vec![mp(&[("a", nu(1.0))]), st("a")]), "1");
        assert_eq!(t("element", vec![l.clone(), nu(4.0)]), r#""b""#);
        assert_eq!(t("length", vec![l.clone()]), "3");
        assert_eq!(t("length", vec![li(vec![unk()])]), "1");
        assert_eq!(t("keys", vec![mp(&[("b", nu(1.0)), ("a", nu(2.0))])]), r#"["a","b"]"#);
        assert_eq!(t("values", vec![mp(&[("b", nu(1.0)), ("a", nu(2.0))])]), "[2,1]");
        assert_eq!(t("contains", vec![l.clone(), st("b")]), "true");
        assert_eq!(t("coalesce", vec![EVal::new(V::Null, None), st(""), st("x")]), r#""x""#);
        assert_eq!(t("coalescelist", vec![li(vec![]), li(vec![st("x")])]), r#"["x"]"#);
        assert_eq!(
            t("compact", vec![li(vec![st(""), st("x"), EVal::new(V::Null, None)])]),
            r#"["x"]"#
        );
        assert_eq!(t("distinct", vec![l.clone()]), r#"["a","b"]"#);
        assert_eq!(
            t("flatten", vec![li(vec![li(vec![st("a"), li(vec![st("b")])]), st("c")])]),
            r#"["a","b","c"]"#
        );
        assert_eq!(t("toset", vec![li(vec![st("b"), st("a"), st("b")])]), r#"["a","b"]"#);
        assert_eq!(t("toset", vec![li(vec![nu(10.0), nu(9.0)])]), "[9,10]");
        assert_eq!(t("tolist", vec![l.clone()]), r#"["a","b","a"]"#);
        assert_eq!(t("tomap", vec![mp(&[("a", nu(1.0))])]), r#"{"a":1}"#);
        assert_eq!(t("zipmap", vec![li(vec![st("a")]), li(vec![nu(1.0)])]), r#"{"a":1}"#);
        assert_eq!(t("one", vec![li(vec![st("a")])]), r#""a""#);
        assert_eq!(t("one", vec![li(vec![])]), "null");
        assert_eq!(t("abs", vec![nu(-2.0)]), "2");
        assert_eq!(t("min", vec![nu(3.0), nu(1.0)]), "1");
        assert_eq!(t("max", vec![nu(3.0), nu(1.0)]), "3");
        assert_eq!(t("range", vec![nu(3.0)]), "[0,1,2]");
        assert_eq!(t("range", vec![nu(1.0), nu(7.0), nu(3.0)]), "[1,4]");
        assert!(c("range", vec![nu(1e12)]).is_unknown());
        assert_eq!(
            t("cidrsubnet", vec![st("10.0.0.0/16"), nu(8.0), nu(2.0)]),
            r#""10.0.2.0/24""#
        );
        assert_eq!(
            t("jsonencode", vec![mp(&[("a", li(vec![nu(1.0), st("x")]))])]),
            r#""{\"a\":[1,\"x\"]}""#
        );
        assert_eq!(t("jsondecode", vec![st(r#"{"a":[1,true]}"#)]), r#"{"a":[1,true]}"#);
        assert_eq!(t("yamldecode", vec![st("a: [1, x]\n")]), r#"{"a":[1,"x"]}"#);
    }

    #[test]
    fn hostile_arguments_are_errors_not_panics() {
        assert!(is_error(&c("cidrsubnet", vec![st("10.0.0.0/16"), nu(1e300), nu(2.0)])));
        assert!(is_error(&c("cidrsubnet", vec![st("10.0.0.0/-5"), nu(1.0), nu(-2.0)])));
        assert_eq!(t("substr", vec![st("h\u{e9}"), nu(5.0), nu(-1.0)]), "\"\"");
        // A width too large to build is an error (Terraform would pad to it, so "1" was wrong).
        assert!(is_error(&c("format", vec![st("%999999999d"), nu(1.0)])));
        assert!(is_error(&c("element", vec![li(vec![]), nu(1.0)])));
        assert!(c("range", vec![nu(0.0), nu(1.0), nu(0.0)]).is_unknown());
    }

    #[test]
    fn unknown_arguments_give_unknown_results() {
        for name in [
            "format",
            "join",
            "lower",
            "lookup",
            "concat",
            "merge",
            "jsonencode",
            "sha256",
            "cidrsubnet",
        ] {
            let v = c(name, vec![unk(), unk(), unk()]);
            assert_eq!(v.unknown_why(), Some("var.x"), "{name}");
        }
        assert!(c("nosuchfunction", vec![st("a")]).is_unknown());
    }

    #[test]
    fn files_stay_below_the_root() {
        assert_eq!(t("file", vec![st("hello.txt")]), r#""hello\n""#);
        assert_eq!(t("fileexists", vec![st("hello.txt")]), "true");
        assert_eq!(t("fileexists", vec![st("nope.txt")]), "false");
        assert!(c("file", vec![st("../../Cargo.toml")]).is_unknown());
        assert!(c("file", vec![st("/etc/passwd")]).is_unknown());
    }
}
