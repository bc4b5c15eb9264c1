//! `docs/equivalents.md`: every rule's peer checks (Checkov, tfsec, Trivy, cfn_nag, KICS),
//! generated from the `[equivalents]` tables of `policies/` and checked for drift. These
//! ids are also what `--rule`/`--skip`, `explain` and peer suppressions accept.

use blindspot::rules::RULES;

fn generated() -> String {
    let mut s = String::from(
        "# Peer checks\n\n<!-- Generated from policies/*.toml by tests/equivalents.rs; run \
         BLINDSPOT_UPDATE_DOCS=1 cargo test --test equivalents to refresh. -->\n\n\
         The checks of other scanners that cover the same gap as a blindspot rule. Their ids work in\n\
         `--rule`, `--skip`, `rules:`/`skip:` and `blindspot explain`, and their suppression comments\n\
         (`#checkov:skip=`, `#tfsec:ignore:`, `#trivy:ignore:`, cfn_nag and Checkov `Metadata`) are\n\
         honoured for the equivalent rule. A rule without a row has no equivalent we know of.\n\n\
         | rule | Checkov | tfsec | Trivy | cfn_nag | KICS |\n|---|---|---|---|---|---|\n",
    );
    for r in RULES {
        let p = r.policy();
        let e = &p.equivalents;
        let lists = [&e.checkov, &e.tfsec, &e.trivy, &e.cfn_nag, &e.kics];
        if lists.iter().all(|l| l.is_empty()) {
            continue;
        }
        let cells: Vec<String> = lists
            .iter()
            .map(|l| l.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", "))
            .collect();
        s += &format!(
            "| [{}](rules/{}.md) `{}` | {} |\n",
            p.id,
            p.id,
            p.name,
            cells.join(" | ")
        );
    }
    s += "\n## Peer checks that judge more than their rule\n\n\
          Some peer checks judge more resources than the blindspot rule they map to (every bucket\n\
          rather than the buckets that hold logs), or judge another resource. A suppression of one\n\
          of them that matches no blindspot finding may still be needed by its own tool, so\n\
          [SUP-02](rules/SUP-02.md) never reports it, even with `--unused-peer-suppressions`. From\n\
          `[equivalents.broader]` in each policy.\n\n\
          | rule | peer checks | what they judge |\n|---|---|---|\n";
    for r in RULES {
        let p = r.policy();
        let Some(b) = &p.equivalents.broader else { continue };
        let ids = match &b.ids {
            Some(ids) => ids.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", "),
            None => "all".to_string(),
        };
        s += &format!("| [{}](rules/{}.md) | {} | {} |\n", p.id, p.id, ids, b.why);
    }
    s
}

#[test]
fn equivalents_doc_is_generated_from_policies() {
    let path = "docs/equivalents.md";
    let text = generated();
    if std::env::var_os("BLINDSPOT_UPDATE_DOCS").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(path).unwrap_or_default(),
        text,
        "docs/equivalents.md drifted from policies/; run BLINDSPOT_UPDATE_DOCS=1 cargo test --test equivalents"
    );
}

#[test]
fn every_peer_id_selects_its_rule() {
    for r in RULES {
        let e = &r.policy().equivalents;
        for id in e
            .checkov
            .iter()
            .chain(&e.tfsec)
            .chain(&e.trivy)
            .chain(&e.cfn_nag)
            .chain(&e.kics)
        {
            let ids = blindspot::select::expand(std::slice::from_ref(id)).unwrap();
            assert!(ids.contains(&r.id.to_string()), "{id} does not select {}", r.id);
        }
    }
}

#[test]
fn broader_peer_ids_are_peer_ids_of_their_rule() {
    for r in RULES {
        let e = &r.policy().equivalents;
        let Some(ids) = e.broader.as_ref().and_then(|b| b.ids.as_ref()) else {
            continue;
        };
        for id in ids {
            assert!(
                [&e.checkov, &e.tfsec, &e.trivy, &e.cfn_nag]
                    .iter()
                    .any(|l| l.iter().any(|i| i.eq_ignore_ascii_case(id))),
                "{}: [equivalents.broader] names {id}, which is not one of its peer checks",
                r.id
            );
        }
    }
}
