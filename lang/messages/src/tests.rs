//! The catalogues' completeness: the same files, messages and variables in both languages, every file read
//! without error, and every message the code names present.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;
use rust_decimal::Decimal;

use super::*;

/// Each message of `lang`'s catalogue, by identifier: (its file, the variables it uses).
fn messages(lang: Lang) -> BTreeMap<String, (String, BTreeSet<String>)> {
    let mut all = BTreeMap::new();
    for (file, source) in lang.files() {
        let resource = match fluent_syntax::parser::parse(*source) {
            Ok(resource) => resource,
            Err((_, errors)) => panic!("{}/{file} does not read: {errors:?}", lang.code()),
        };
        for entry in resource.body {
            match entry {
                ast::Entry::Message(message) => {
                    let id = message.id.name.to_string();
                    let mut variables = BTreeSet::new();
                    if let Some(value) = &message.value {
                        pattern_variables(value, &mut variables);
                    }
                    assert!(
                        message.value.is_some(),
                        "{}/{file}: `{id}` has no value",
                        lang.code()
                    );
                    let before = all.insert(id.clone(), (file.to_string(), variables));
                    assert!(
                        before.is_none(),
                        "{}: `{id}` is in {file} and in {}",
                        lang.code(),
                        before.map(|b| b.0).unwrap_or_default()
                    );
                }
                ast::Entry::Junk { content } => {
                    panic!(
                        "{}/{file} has text Fluent cannot read: {content}",
                        lang.code()
                    )
                }
                _ => {}
            }
        }
    }
    all
}

fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for positional in &arguments.positional {
                inline_variables(positional, out);
            }
        }
        _ => {}
    }
}

#[test]
fn both_languages_have_the_same_files() {
    let names = |lang: Lang| -> Vec<&str> { lang.files().iter().map(|(name, _)| *name).collect() };
    assert!(!names(Lang::En).is_empty());
    assert_eq!(names(Lang::En), names(Lang::Da));
}

#[test]
fn every_message_has_a_danish_text_with_the_same_variables() {
    let english = messages(Lang::En);
    let danish = messages(Lang::Da);
    let mut wrong = Vec::new();
    for (id, (file, variables)) in &english {
        match danish.get(id) {
            None => wrong.push(format!("`{id}` ({file}) has no Danish text")),
            Some((da_file, _)) if da_file != file => {
                wrong.push(format!("`{id}` is in en/{file} but da/{da_file}"))
            }
            Some((_, da_variables)) if da_variables != variables => wrong.push(format!(
                "`{id}` uses {variables:?} in English but {da_variables:?} in Danish"
            )),
            Some(_) => {}
        }
    }
    for id in danish.keys().filter(|id| !english.contains_key(*id)) {
        wrong.push(format!("`{id}` is Danish only"));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every `.rs` file under `dir`, skipping build output.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() && entry.file_name() != "target" {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The identifiers the code names: `text!("id"` and `Text::new("id"`.
fn named_in_code() -> BTreeMap<String, PathBuf> {
    let lang_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    sources(&lang_dir, &mut files);
    let mut named = BTreeMap::new();
    for file in files {
        // This file names made-up identifiers to test the fallbacks.
        if file.ends_with("messages/src/tests.rs") {
            continue;
        }
        // Comments name messages as examples.
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let code = text
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"));
        for line in code {
            for opening in ["text!(\"", "Text::new(\""] {
                for (at, _) in line.match_indices(opening) {
                    let rest = &line[at + opening.len()..];
                    if let Some(end) = rest.find('"') {
                        named.insert(rest[..end].to_string(), file.clone());
                    }
                }
            }
        }
    }
    named
}

#[test]
fn every_message_the_code_names_is_in_the_catalogues() {
    let named = named_in_code();
    assert!(!named.is_empty());
    let missing: Vec<String> = named
        .iter()
        .filter(|(id, _)| !has(Lang::En, id) || !has(Lang::Da, id))
        .map(|(id, file)| format!("`{id}` named in {}", file.display()))
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn messages_are_put_in_words_by_language_with_plurals() {
    let one = text!("syntax-problems-left-out", count = 1);
    let two = text!("syntax-problems-left-out", count = 2);
    assert_eq!(
        one.show(Lang::En),
        "and 1 more problem in this file, not shown"
    );
    assert_eq!(
        two.show(Lang::En),
        "and 2 more problems in this file, not shown"
    );
    assert_eq!(one.show(Lang::Da), "og 1 problem mere i filen, ikke vist");
    assert_eq!(two.show(Lang::Da), "og 2 problemer mere i filen, ikke vist");
}

#[test]
fn a_message_missing_from_a_catalogue_falls_back_and_never_panics() {
    assert_eq!(
        Text::new("no-such-message").show(Lang::Da),
        "no-such-message"
    );
    // A variable not given shows the identifier rather than a half-made sentence.
    assert_eq!(
        Text::new("syntax-problems-left-out").show(Lang::Da),
        "syntax-problems-left-out"
    );
}

#[test]
fn amounts_are_written_in_each_languages_notation() {
    let amount = Decimal::new(6_000_000, 2);
    assert_eq!(money(Lang::Da, amount, "DKK"), "60.000,00 kr.");
    assert_eq!(money(Lang::En, amount, "DKK"), "60,000.00 DKK");
    assert_eq!(
        money(Lang::Da, Decimal::new(-100_050, 2), "EUR"),
        "-1.000,50 EUR"
    );
    assert_eq!(money(Lang::En, Decimal::new(5, 1), "DKK"), "0.50 DKK");
    assert_eq!(group(Lang::Da, "1234567.5"), "1.234.567,5");
    assert_eq!(group(Lang::En, "123"), "123");
    assert_eq!(group(Lang::Da, "n/a"), "n/a");
}

#[test]
fn languages_are_named_by_their_codes() {
    assert_eq!(Lang::from_code("DA"), Some(Lang::Da));
    assert_eq!(Lang::from_code("en"), Some(Lang::En));
    assert_eq!(Lang::from_code("de"), None);
}
