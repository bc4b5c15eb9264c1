//! `blindspot lsp` as a client sees it: the binary is spawned and spoken to in JSON-RPC
//! over its stdin/stdout (initialize, didOpen, didChange, publishDiagnostics, hover,
//! codeAction, shutdown/exit).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    /// Messages read while waiting for something else.
    backlog: Vec<Value>,
}

impl Client {
    fn start(cwd: &Path, capabilities: Value) -> (Client, Value) {
        Client::start_with(cwd, capabilities, 20)
    }

    fn start_with(cwd: &Path, capabilities: Value, debounce: u64) -> (Client, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_blindspot"))
            .arg("lsp")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; len.expect("Content-Length")];
                if stdout.read_exact(&mut body).is_err() {
                    return;
                }
                if tx.send(serde_json::from_slice::<Value>(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut c = Client {
            child,
            stdin,
            rx,
            next_id: 0,
            backlog: Vec::new(),
        };
        let init = c.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "capabilities": capabilities,
                // Short debounce: the tests wait for diagnostics, not for typing to pause.
                "initializationOptions": {"debounceMs": debounce},
            }),
        );
        c.notify("initialized", json!({}));
        (c, init)
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let resp = self.wait(|m| m["id"] == json!(id) && m.get("method").is_none());
        assert!(resp.get("error").is_none(), "{method}: {resp}");
        resp["result"].clone()
    }

    /// The first message (already read or to come) that `pred` accepts.
    fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let m = self
                .rx
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no such message; seen: {:#?}", self.backlog));
            if pred(&m) {
                return m;
            }
            self.backlog.push(m);
        }
    }

    /// The diagnostics published for `uri` at buffer `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == json!(version)
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn shutdown(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r, Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "exit status {status}");
                return;
            }
            assert!(Instant::now() < deadline, "server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Applies LSP text edits (UTF-16 positions) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let (line, ch) = (
            p["line"].as_u64().unwrap() as usize,
            p["character"].as_u64().unwrap() as usize,
        );
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        let mut at = start;
        for c in text[start..].chars() {
            if units >= ch {
                break;
            }
            units += c.len_utf16();
            at += c.len_utf8();
        }
        at
    };
    let mut edits: Vec<&Value> = edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(offset(&e["range"]["start"])));
    let mut out = text.to_string();
    for e in edits {
        let (s, t) = (offset(&e["range"]["start"]), offset(&e["range"]["end"]));
        out.replace_range(s..t, e["newText"].as_str().unwrap());
    }
    out
}

const CLEAN_TRAIL: &str = "variable \"multi\" {\n  default = false\n}\n\nresource \"aws_cloudtrail\" \"t\" {\n  name                  = \"t\"\n  s3_bucket_name        = \"b\"\n  is_multi_region_trail = true\n}\n";
/// The unsaved buffer: the trail now takes its region setting from the variable.
const EDITED_TRAIL: &str = "variable \"multi\" {\n  default = false\n}\n\nresource \"aws_cloudtrail\" \"t\" {\n  name                  = \"t\"\n  s3_bucket_name        = \"b\"\n  is_multi_region_trail = var.multi\n}\n";

fn range(v: &Value) -> (u64, u64, u64, u64) {
    let p = |k: &str, f: &str| v[k][f].as_u64().unwrap();
    (
        p("start", "line"),
        p("start", "character"),
        p("end", "line"),
        p("end", "character"),
    )
}

#[test]
fn terraform_module_with_unsaved_buffer_hover_suppress_and_shutdown() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let module = root.join("infra");
    std::fs::create_dir_all(&module).unwrap();
    let main = module.join("main.tf");
    std::fs::write(&main, CLEAN_TRAIL).unwrap();
    // Another file of the module, not open: it is scanned with the buffer (references
    // across files resolve) and its findings are published too.
    std::fs::write(
        module.join("logs.tf"),
        "resource \"aws_cloudwatch_log_group\" \"trail\" {\n  name = \"trail\"\n}\n",
    )
    .unwrap();
    let (mut c, init) = Client::start(&root, json!({}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["serverInfo"]["name"], "blindspot");
    let main_uri = uri(&main);

    // The buffer differs from the disk: diagnostics follow the buffer.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": main_uri, "languageId": "terraform", "version": 1, "text": EDITED_TRAIL}}),
    );
    let diags = c.diagnostics(&main_uri, 1);
    let ct01: Vec<&Value> = diags.iter().filter(|d| d["code"] == "CT-01").collect();
    assert_eq!(ct01.len(), 1, "{diags:#?}");
    let d = ct01[0];
    // The attribute `is_multi_region_trail = var.multi`, line 8 (0-based 7), columns 2..35.
    assert_eq!(range(&d["range"]), (7, 2, 7, 35), "{d:#}");
    assert_eq!(d["source"], "blindspot");
    assert_eq!(d["severity"], 1, "CT-01 is high: an error");
    assert!(
        d["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("/docs/rules/CT-01.md"),
        "{d:#}"
    );
    // Provenance: the variable default that decided the finding.
    let related = d["relatedInformation"].as_array().expect("related information");
    assert!(
        related
            .iter()
            .any(|r| r["location"]["uri"] == main_uri && range(&r["location"]["range"]).0 == 1),
        "{related:#?}"
    );

    // Hover on the flagged range: the rule's explanation.
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": main_uri}, "position": {"line": 7, "character": 30}}),
    );
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(
        hover["contents"]["value"].as_str().unwrap().starts_with("# CT-01 "),
        "{hover:#}"
    );
    assert_eq!(range(&hover["range"]), (7, 2, 7, 35));
    let nothing = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": main_uri}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(nothing, Value::Null);

    // Code action: suppress with a reason; applying it yields the expected text.
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": main_uri},
            "range": d["range"],
            "context": {"diagnostics": [d]},
        }),
    );
    let suppress = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Suppress CT-01"))
        .unwrap_or_else(|| panic!("{actions:#}"));
    assert_eq!(suppress["kind"], "quickfix");
    let edits = suppress["edit"]["changes"][&main_uri].as_array().unwrap();
    let suppressed = apply(EDITED_TRAIL, edits);
    assert_eq!(
        suppressed,
        EDITED_TRAIL.replace(
            "  is_multi_region_trail = var.multi\n",
            "  # blindspot:ignore CT-01 TODO explain why this is acceptable\n  is_multi_region_trail = var.multi\n"
        )
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": main_uri, "version": 2}, "contentChanges": [{"text": suppressed}]}),
    );
    let diags = c.diagnostics(&main_uri, 2);
    assert!(diags.iter().all(|d| d["code"] != "CT-01"), "{diags:#?}");
    c.shutdown();
}

#[test]
fn cloudformation_template_positions_in_utf8_and_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let path = root.join("trail.yaml");
    // `é` is 2 UTF-8 bytes and 1 UTF-16 unit, `😀` 4 bytes and 2 units, before the value.
    let text = "Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties: {S3BucketName: \"é😀\", IsLogging: true, IsMultiRegionTrail: false}\n";
    std::fs::write(&path, text).unwrap();
    let line = text.lines().nth(3).unwrap();
    // The finding covers `IsMultiRegionTrail: false`.
    let byte = line.find("IsMultiRegionTrail").unwrap() as u64;
    let end = line.len() as u64 - 1;
    let units = line[..byte as usize].encode_utf16().count() as u64;
    assert_eq!(byte - units, 3);
    for (caps, enc, col, shift) in [
        (json!({}), "utf-16", units, 3),
        (
            json!({"general": {"positionEncodings": ["utf-16", "utf-8"]}}),
            "utf-8",
            byte,
            0,
        ),
        (
            json!({"general": {"positionEncodings": ["utf-32", "utf-16"]}}),
            "utf-32",
            units - 1,
            4,
        ),
    ] {
        let (mut c, init) = Client::start(&root, caps);
        assert_eq!(init["capabilities"]["positionEncoding"], enc);
        let u = uri(&path);
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": u, "languageId": "yaml", "version": 7, "text": text}}),
        );
        let diags = c.diagnostics(&u, 7);
        let d = diags
            .iter()
            .find(|d| d["code"] == "CT-01")
            .unwrap_or_else(|| panic!("{diags:#?}"));
        assert_eq!(range(&d["range"]), (3, col, 3, end - shift), "{enc}");
        // The resource itself is block style: a `Metadata` entry can be added to it.
        let actions = c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": d["range"], "context": {"diagnostics": [d]}}),
        );
        assert!(
            actions
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["title"].as_str().unwrap().starts_with("Suppress CT-01")),
            "{actions:#}"
        );
        c.shutdown();
    }
}

#[test]
fn closing_a_buffer_rescans_the_file_on_disk_and_parse_errors_are_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let main = root.join("main.tf");
    std::fs::write(&main, CLEAN_TRAIL).unwrap();
    let (mut c, _) = Client::start(&root, json!({}));
    let u = uri(&main);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "terraform", "version": 1, "text": "resource \"aws_cloudtrail\" \"t\" {\n  name = \n"}}),
    );
    let diags = c.diagnostics(&u, 1);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["severity"], 1);
    assert!(diags[0].get("code").is_none());
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": u}}));
    // The file on disk parses: the error is gone (no version: the file is not open).
    let m = c.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == u
            && m["params"].get("version").is_none()
    });
    let diags = m["params"]["diagnostics"].as_array().unwrap();
    assert!(diags.iter().all(|d| d["code"].is_string()), "{diags:#?}");
    c.shutdown();
}

const UNTRAILED: &str = "resource \"aws_cloudtrail\" \"t\" {\n  name                  = \"t\"\n  s3_bucket_name        = \"b\"\n  is_multi_region_trail = false\n}\n";

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .filter_map(|d| d["code"].as_str().map(String::from))
        .collect()
}

/// The nearest `.blindspot.yml` above the file applies in the editor as in CI; an invalid
/// one is a diagnostic on the config file (and a message) and the defaults apply; the
/// config is read again when the client reports it changed.
#[test]
fn config_file_applies_and_its_errors_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let module = root.join("infra");
    std::fs::create_dir(&module).unwrap();
    let config = root.join(".blindspot.yml");
    std::fs::write(&config, "skip: [CT-01]\nseverity:\n  CT-02: low\n").unwrap();
    let main = module.join("main.tf");
    std::fs::write(&main, UNTRAILED).unwrap();
    let (mut c, _) = Client::start(&root, json!({}));
    let u = uri(&main);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "terraform", "version": 1, "text": UNTRAILED}}),
    );
    let diags = c.diagnostics(&u, 1);
    let found = codes(&diags);
    assert!(!found.contains(&"CT-01".to_string()), "{found:?}");
    let ct02 = diags.iter().find(|d| d["code"] == "CT-02").expect("CT-02");
    // Low severity is an LSP hint or information, not a warning or error.
    assert!(ct02["severity"].as_u64().unwrap() >= 3, "{ct02:#}");

    // An invalid config: reported on the config file, and the defaults apply (CT-01 back).
    std::fs::write(&config, "skip: [CT-01]\nnot_a_key: true\n").unwrap();
    let cu = uri(&config);
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": cu, "type": 2}]}),
    );
    let m = c.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == cu);
    let cd = m["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(cd.len(), 1, "{cd:#?}");
    assert_eq!(cd[0]["severity"], 1);
    assert_eq!(cd[0]["range"]["start"]["line"], 1, "{cd:#?}");
    assert!(cd[0]["message"].as_str().unwrap().contains("not_a_key"), "{cd:#?}");
    let shown = c.wait(|m| m["method"] == "window/showMessage");
    assert!(
        shown["params"]["message"].as_str().unwrap().contains("defaults"),
        "{shown:#}"
    );
    let found = codes(&c.diagnostics(&u, 1));
    assert!(found.contains(&"CT-01".to_string()), "{found:?}");

    // Fixed again (noticed by its modification time on the next check): the config
    // diagnostic is cleared and the config applies.
    std::fs::write(&config, "skip: [CT-01, CT-02]\n").unwrap();
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 2}, "contentChanges": [{"text": UNTRAILED}]}),
    );
    let m = c.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == cu);
    assert_eq!(m["params"]["diagnostics"], json!([]));
    let found = codes(&c.diagnostics(&u, 2));
    assert!(
        !found.contains(&"CT-01".to_string()) && !found.contains(&"CT-02".to_string()),
        "{found:?}"
    );
    c.shutdown();
}

/// Re-check latency as a client sees it: from sending `didChange` to receiving the
/// diagnostics of that version, for the largest Terraform modules of the corpus
/// (`$BLINDSPOT_CORPUS`, default `../shared/corpus`). Not a test: run with
/// `cargo test --release --test lsp -- --ignored --nocapture recheck_latency`.
#[test]
#[ignore = "benchmark over the real-world corpus"]
fn recheck_latency() {
    let corpus = std::env::var_os("BLINDSPOT_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    if !corpus.is_dir() {
        println!(
            "recheck_latency skipped: {} not found (set BLINDSPOT_CORPUS)",
            corpus.display()
        );
        return;
    }
    let corpus = corpus.canonicalize().unwrap();
    for module in [
        "terraform-aws-modules__terraform-aws-vpc",
        "nozaq__terraform-aws-secure-baseline",
        "terraform-aws-modules__terraform-aws-eks",
    ] {
        let main = corpus.join(module).join("main.tf");
        let Ok(text) = std::fs::read_to_string(&main) else {
            println!("{module}: no main.tf, skipped");
            continue;
        };
        let cwd = tempfile::tempdir().unwrap();
        // No debounce: the figure is the re-check itself.
        let (mut c, _) = Client::start_with(cwd.path(), json!({}), 0);
        let u = uri(&main);
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": u, "languageId": "terraform", "version": 1, "text": text}}),
        );
        let first = c.diagnostics(&u, 1).len();
        let mut times = Vec::new();
        for v in 2..=21 {
            let edited = format!("{text}\n# edit {v}\n");
            let start = Instant::now();
            c.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": u, "version": v}, "contentChanges": [{"text": edited}]}),
            );
            c.diagnostics(&u, v);
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{module}: {first} diagnostics in main.tf; re-check after an edit: min {:.1} ms, median {:.1} ms, max {:.1} ms ({} edits)",
            times[0],
            times[times.len() / 2],
            times[times.len() - 1],
            times.len()
        );
        c.shutdown();
    }
}

/// A real editor: Neovim headless (tests/nvim/smoke.lua) opens a file, attaches the
/// server and reads the diagnostics. Skipped when `nvim` is not installed
/// (scripts/install-test-tools.sh installs it from the Debian packages).
#[test]
fn neovim_smoke() {
    if Command::new("nvim").arg("--version").output().is_err() {
        println!("neovim_smoke skipped: nvim not found (scripts/install-test-tools.sh installs it)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("main.tf");
    std::fs::write(
        &main,
        "resource \"aws_cloudtrail\" \"t\" {\n  name                  = \"t\"\n  s3_bucket_name        = \"b\"\n  is_multi_region_trail = false\n}\n",
    )
    .unwrap();
    let out = dir.path().join("diagnostics.txt");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nvim/smoke.lua");
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(dir.path())
        .env("SMOKE_FILE", &main)
        .env("SMOKE_OUT", &out)
        .env("BLINDSPOT_BIN", env!("CARGO_BIN_EXE_blindspot"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + TIMEOUT;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim did not finish");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let got = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(
        got.lines().any(|l| l.starts_with("3:2:CT-01:")),
        "diagnostics seen by Neovim:\n{got}"
    );
}

/// An unsaved tfvars buffer decides a finding in another file of the module: the
/// diagnostic is published for that file (not open: no version) and points at the tfvars.
#[test]
fn tfvars_buffer_decides_a_finding_in_another_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let main = root.join("main.tf");
    let vars = root.join("terraform.tfvars");
    std::fs::write(
        &main,
        "variable \"multi\" {}\n\nresource \"aws_cloudtrail\" \"t\" {\n  name                  = \"t\"\n  s3_bucket_name        = \"b\"\n  is_multi_region_trail = var.multi\n}\n",
    )
    .unwrap();
    std::fs::write(&vars, "multi = true\n").unwrap();
    let (mut c, _) = Client::start(&root, json!({}));
    let (main_uri, vars_uri) = (uri(&main), uri(&vars));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": vars_uri, "languageId": "terraform-vars", "version": 1, "text": "multi = false\n"}}),
    );
    assert_eq!(c.diagnostics(&vars_uri, 1), Vec::<Value>::new());
    let m = c.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == main_uri);
    assert!(m["params"].get("version").is_none(), "{m:#}");
    let diags = m["params"]["diagnostics"].as_array().unwrap();
    let d = diags
        .iter()
        .find(|d| d["code"] == "CT-01")
        .unwrap_or_else(|| panic!("{diags:#?}"));
    let related = d["relatedInformation"].as_array().unwrap();
    assert!(
        related
            .iter()
            .any(|r| r["location"]["uri"] == vars_uri && range(&r["location"]["range"]) == (0, 0, 0, 13)),
        "{related:#?}"
    );
    c.shutdown();
}
