//! Hover and completion details in a Danish document (issue 16): the words from the catalogue in Danish, the
//! amounts in Danish notation (`60.000,00 kr. pr. måned`), durations in Danish units, dates ISO. An English
//! document's hover is held by the other tests.

use super::{engine, fixture, hover_text, uri};
use lsp_types::Position;

use crate::engine::Engine;

const PLACEMENT_DA: &str = include_str!("../../../../examples/da/placement/placement.cvl");

/// Opens the Danish reference case at the first occurrence of `marker`.
fn open_da(marker: &str) -> (Engine, Position) {
    let at = PLACEMENT_DA
        .find(marker)
        .unwrap_or_else(|| panic!("`{marker}` in the fixture"));
    let (text, position) = fixture(&format!("{}$0{}", &PLACEMENT_DA[..at], &PLACEMENT_DA[at..]));
    let mut engine = engine();
    engine.open(uri("a.cvl"), 1, text);
    (engine, position)
}

#[test]
fn hover_in_a_danish_document_is_in_danish() {
    let mut texts = Vec::new();
    for marker in [
        "stay \"",
        "60_000",
        "taxi \"",
        "medicine \"",
        "school_support \"",
        "ostervold \"",
        "visits \"",
        "firm_report \"",
        "placement \"",
        "3 måneder, allowed",
        "14 dage)",
        "status_report(",
        "consultant \"",
    ] {
        let (engine, position) = open_da(marker);
        texts.push(format!("{marker}\n{}", hover_text(&engine, position)));
    }
    insta::assert_snapshot!(texts.join("\n\n---\n\n"));
}

#[test]
fn completion_details_in_a_danish_document_are_in_danish() {
    let text = PLACEMENT_DA.replacen(
        "  brug care.status_report",
        "  $0\n  brug care.status_report",
        1,
    );
    let (text, position) = fixture(&text);
    let mut engine = engine();
    engine.open(uri("a.cvl"), 1, text);
    let items = engine.completion(&uri("a.cvl"), position).unwrap();
    let mut details: Vec<String> = items
        .iter()
        .filter(|i| {
            [
                "betal",
                "ostervold",
                "stay",
                "school_support",
                "visits",
                "started",
                "care.status_report",
            ]
            .contains(&i.label.as_str())
        })
        .map(|i| format!("{}: {}", i.label, i.detail.as_deref().unwrap_or("")))
        .collect();
    details.sort();
    insta::assert_snapshot!(details.join("\n"));
}
