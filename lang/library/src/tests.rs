//! The documentation convention and the templates, at the unit level; the commands are tested in `tests/`.

use crate::docs::{self, module_doc, undocumented};
use crate::templates;
use cvl_syntax::Lang;

#[test]
fn every_stdlib_clause_and_parameter_is_documented() {
    let mut missing = Vec::new();
    for (name, text) in cvl_check::loader::STDLIB {
        let module = module_doc(name, text);
        assert!(
            !module.summary.is_empty(),
            "the module `{name}` has no head comment"
        );
        assert!(
            !module.clauses.is_empty(),
            "the module `{name}` has no clauses"
        );
        for clause in &module.clauses {
            missing.extend(
                undocumented(clause)
                    .into_iter()
                    .map(|m| format!("{name}: {m}")),
            );
        }
    }
    assert!(missing.is_empty(), "undocumented:\n{}", missing.join("\n"));
}

#[test]
fn a_clause_without_comments_or_with_an_undocumented_parameter_is_reported() {
    let text = "clause a(x: party) {\n}\n\n// Means something.\n//\n// x: the first\n//   and only\nclause b(x: party, y: duration) {\n}\n";
    let module = module_doc("m", text);
    let [a, b] = module.clauses.as_slice() else {
        panic!("two clauses")
    };
    assert_eq!(
        undocumented(a),
        [
            "the clause `a` has no comment saying what it means",
            "the parameter `x` of the clause `a` has no `x: …` line saying what it means",
        ]
    );
    assert_eq!(b.meaning, "Means something.");
    assert_eq!(b.params[0].meaning.as_deref(), Some("the first and only"));
    assert_eq!(
        undocumented(b),
        ["the parameter `y` of the clause `b` has no `y: …` line saying what it means"]
    );
    // A head comment ends at a blank line; a comment directly above the first clause is not the module's.
    assert_eq!(module.summary, "");
    assert_eq!(
        module_doc("m", "// Head.\n\nclause c {\n}\n").summary,
        "Head."
    );
}

#[test]
fn a_line_that_names_no_parameter_is_prose() {
    let text = "// Pays the provider. Note: not the family.\n// rate: per hour\nclause c(rate: money) {\n}\n";
    let module = module_doc("m", text);
    assert_eq!(
        module.clauses[0].meaning,
        "Pays the provider. Note: not the family."
    );
    assert_eq!(
        module.clauses[0].params[0].meaning.as_deref(),
        Some("per hour")
    );
}

#[test]
fn a_template_is_named_as_asked_and_names_are_checked() {
    for template in templates::TEMPLATES {
        let text = templates::contract(template.kind, "my_case", "en").unwrap();
        assert!(text.contains("contract my_case \""), "{}", template.kind);
    }
    let refused_in = |kind: &str, name: &str, lang: &str, shown: Lang| {
        let r = templates::contract(kind, name, lang).unwrap_err();
        let help = r.help.map(|h| h.show(shown)).unwrap_or_default();
        format!("{} / {help}", r.message.show(shown))
    };
    let refused = |kind: &str, name: &str, lang: &str| refused_in(kind, name, lang, Lang::En);
    insta::assert_snapshot!(
        "danish",
        [
            refused_in("placment", "x", "da", Lang::Da),
            refused_in("placement", "x", "de", Lang::Da),
            refused_in("placement", "part", "da", Lang::Da),
            refused_in("placement", "kontrakt", "da", Lang::Da),
            refused_in("placement", "my case", "da", Lang::Da),
            refused_in("placement", "", "da", Lang::Da),
            refused_in("placement", "todo_case", "da", Lang::Da),
            refused_in("foster", "x", "da", Lang::Da),
            docs::lookup("carex").unwrap_err().message.show(Lang::Da),
            docs::lookup("carex")
                .unwrap_err()
                .help
                .unwrap()
                .show(Lang::Da),
            docs::clause(&docs::lookup("care").unwrap(), "report")
                .unwrap_err()
                .message
                .show(Lang::Da),
            docs::clause(&docs::lookup("care").unwrap(), "status")
                .unwrap_err()
                .help
                .unwrap()
                .show(Lang::Da),
        ]
        .join("\n")
    );
    // A keyword of the other language is a name (as in a contract's text).
    assert!(templates::contract("placement", "part", "en").is_ok());
    assert!(templates::contract("placement", "party", "da").is_ok());
    for template in templates::TEMPLATES {
        let da = templates::contract(template.kind, "min_sag", "da").unwrap();
        assert!(
            da.starts_with("// ") && da.contains("kontrakt min_sag \""),
            "{}",
            template.kind
        );
        let about = [Lang::En, Lang::Da].map(|l| template.about().show(l));
        assert!(
            about[0] != about[1] && !about[1].starts_with("templates-"),
            "{about:?}"
        );
    }
    insta::assert_snapshot!(
        [
            refused("placment", "x", "en"),
            refused("placement", "x", "de"),
            refused("placement", "party", "en"),
            refused("placement", "my case", "en"),
            refused("placement", "3rd", "en"),
            refused("placement", "", "en"),
            refused("placement", "a.b", "en"),
            refused("placement", "todo_case", "en"),
            refused("foster", "x", "en"),
        ]
        .join("\n")
    );
}

#[test]
fn unknown_modules_and_clauses_are_refused_with_what_there_is() {
    let module = docs::lookup("carex").unwrap_err();
    assert_eq!(
        module.message.show(Lang::En),
        "there is no module `carex` in the standard library"
    );
    assert_eq!(
        module.help.map(|h| h.show(Lang::En)).as_deref(),
        Some("did you mean `care`?")
    );
    let care = docs::lookup("care").unwrap();
    let clause = docs::clause(&care, "report").unwrap_err();
    assert_eq!(
        clause.message.show(Lang::En),
        "the module `care` has no clause `report`"
    );
}
