//! `docs/rules/` is generated from `policies/` and checked in; this test fails when the
//! two drift. Regenerate with `BLINDSPOT_UPDATE_DOCS=1 cargo test --test docs`.

use std::path::Path;

use blindspot::rules::RULES;

fn generated() -> Vec<(String, String)> {
    let mut pages = Vec::new();
    let mut index = String::from(
        "# blindspot rules\n\nGenerated from `policies/` (do not edit by hand; run \
         `BLINDSPOT_UPDATE_DOCS=1 cargo test --test docs`).\n\n| id | name | severity | title |\n|---|---|---|---|\n",
    );
    for rule in RULES {
        let p = rule.policy();
        index += &format!(
            "| [{}]({}.md) | `{}` | {} | {} |\n",
            p.id,
            p.id,
            p.name,
            p.severity.as_str(),
            p.title
        );
        pages.push((format!("{}.md", p.id), p.markdown()));
    }
    pages.push(("README.md".to_string(), index));
    pages
}

#[test]
fn rule_docs_are_generated_from_policies() {
    let dir = Path::new("docs/rules");
    let update = std::env::var_os("BLINDSPOT_UPDATE_DOCS").is_some();
    let pages = generated();
    if update {
        std::fs::create_dir_all(dir).unwrap();
    }
    let mut stale = Vec::new();
    for (name, text) in &pages {
        let path = dir.join(name);
        if update {
            std::fs::write(&path, text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        if !pages.iter().any(|(n, _)| *n == name) {
            stale.push(format!("docs/rules/{name} (no such rule)"));
        }
    }
    assert!(
        stale.is_empty(),
        "rule docs drifted from policies/: {stale:?}; run BLINDSPOT_UPDATE_DOCS=1 cargo test --test docs"
    );
}

#[test]
fn readme_lists_every_rule() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    for rule in RULES {
        let p = rule.policy();
        let row = format!(
            "| [{}](docs/rules/{}.md) | `{}` | {} |",
            p.id,
            p.id,
            p.name,
            p.severity.as_str()
        );
        assert!(
            readme.contains(&row),
            "README.md rule table lacks or misstates {}",
            p.id
        );
    }
}
