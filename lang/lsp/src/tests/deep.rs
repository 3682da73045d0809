//! Depth and length that the user controls, through the editor: a document of megabytes of non-ASCII text, a
//! chain of 2,000 clause uses and the deepest nesting the parser admits are opened, and every request is answered
//! on them, on a thread with an ordinary 2 MiB stack (a stack overflow would abort the test process).

use lsp_types::Position;

use super::{engine, uri};

/// Opens `text` and asks each request at each of `positions`, on a 2 MiB stack; returns the diagnostics' codes.
fn answered(text: String, positions: Vec<Position>) -> Vec<String> {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let mut engine = engine();
            let published = engine.open(uri("a.cvl"), 1, text);
            for position in positions {
                engine.hover(&uri("a.cvl"), position).unwrap();
                engine.definition(&uri("a.cvl"), position).unwrap();
                engine.completion(&uri("a.cvl"), position).unwrap();
            }
            engine.symbols(&uri("a.cvl")).unwrap();
            engine.format(&uri("a.cvl")).unwrap();
            published
                .into_iter()
                .flat_map(|p| p.diagnostics)
                .filter_map(|d| match d.code {
                    Some(lsp_types::NumberOrString::String(code)) => Some(code),
                    _ => None,
                })
                .collect()
        })
        .unwrap()
        .join()
        .expect("the engine panicked")
}

fn at(line: u32, character: u32) -> Position {
    Position { line, character }
}

#[test]
fn megabytes_of_non_ascii_text_are_opened() {
    for ch in ["é", "ø", "€"] {
        let run = ch.repeat(4_000_000 / ch.len());
        answered(format!("// {run}\n"), vec![at(0, 5)]);
        answered(format!("contract x \"{run}\" {{\n}}\n"), vec![at(0, 15)]);
        answered(run.clone(), vec![at(0, 3)]);
    }
}

#[test]
fn a_chain_of_two_thousand_clause_uses_is_answered() {
    let mut text = String::new();
    for i in 0..2_000 {
        text.push_str(&format!("clause c{i}() {{\n  use c{}()\n}}\n", i + 1));
    }
    text.push_str("clause c2000() {\n}\n");
    let codes = answered(text, vec![at(1, 7), at(1_000, 7), at(5_999, 7)]);
    assert!(codes.iter().any(|c| c == "E0039"), "{codes:?}");
}

#[test]
fn the_deepest_nesting_is_answered() {
    let depth = 120;
    let text = format!(
        "clause c(p: party) {{\n  item i {{\n    pay {}1 DKK{} per month to p\n  }}\n}}\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    answered(
        text,
        vec![
            at(2, 8),
            at(2, 8 + depth as u32),
            at(2, 10 + 2 * depth as u32),
        ],
    );
}
