//! Hover and definition tests on names: obligations named as event kinds, parameters, and declarations inside a
//! clause definition.

use lsp_types::Position;

use super::{PLACEMENT, engine, fixture, hover_text, uri};

/// Opens `text` (with its `$0` marker) and returns hover's text and definition's range start there.
fn hover_and_definition(text: &str) -> (String, Option<(String, Position)>) {
    let (text, position) = fixture(text);
    let mut engine = engine();
    engine.open(uri("a.cvl"), 1, text);
    let definition = engine
        .definition(&uri("a.cvl"), position)
        .unwrap()
        .map(|l| {
            let file = l.uri.path().rsplit('/').next().unwrap().to_string();
            (file, l.range.start)
        });
    (hover_text(&engine, position), definition)
}

#[test]
fn an_obligation_named_by_ends_when_is_the_obligation() {
    let (hover, definition) = hover_and_definition(&PLACEMENT.replace(
        "  paid monthly in arrears",
        "  paid monthly in arrears\n  ends when firm_$0report",
    ));
    assert!(hover.starts_with("**obligation** `firm_report`"), "{hover}");
    let text = PLACEMENT.replace(
        "  paid monthly in arrears",
        "  paid monthly in arrears\n  ends when firm_report",
    );
    let declared = text.find("obligation firm_report").unwrap() + "obligation ".len();
    let source = cvl_syntax::Source::new("a.cvl", text.clone());
    assert_eq!(
        definition,
        Some((
            "a.cvl".to_string(),
            crate::convert::position(&source, declared as u32)
        ))
    );

    // One that a `use` of a stdlib clause brings in: its declaration in the stdlib.
    let (hover, definition) = hover_and_definition(&PLACEMENT.replace(
        "  paid monthly in arrears",
        "  paid monthly in arrears\n  ends when status$0_report",
    ));
    insta::assert_snapshot!(hover, @r"
    **obligation** `status_report`: Status report

    by ostervold, every 3 months, 14 days grace, when missed, payments are withheld until it is met
    ");
    let (file, at) = definition.unwrap();
    assert_eq!(file, "care.cvl");
    let care = include_str!("../../../../stdlib/care.cvl");
    let line = care.lines().nth(at.line as usize).unwrap();
    assert!(line.contains("obligation status_report"), "{line}");
}
