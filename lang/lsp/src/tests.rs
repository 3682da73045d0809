//! Engine tests: each request on marker fixtures, where `$0` in a fixture's text marks the cursor; answers are
//! snapshot as JSON.

use std::path::PathBuf;

use cvl_syntax::{Source, Sources};
use lsp_types::{CompletionItem, HoverContents, Position, Url};

use crate::convert;
use crate::engine::{Config, Engine, Error};

const PLACEMENT: &str = include_str!("../../../examples/placement/placement.cvl");

fn uri(name: &str) -> Url {
    Url::parse(&format!("file:///fixture/{name}")).unwrap()
}

fn stdlib_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../stdlib")
        .canonicalize()
        .unwrap()
}

fn engine() -> Engine {
    Engine::new(Config {
        libs: Vec::new(),
        stdlib_dir: Some(stdlib_dir()),
        lang: None,
    })
}

/// The text without its `$0` marker, and the marker's position.
fn fixture(text: &str) -> (String, Position) {
    let at = text.find("$0").expect("a `$0` marker");
    let clean = text.replacen("$0", "", 1);
    let source = Source::new("f.cvl", clean.clone());
    (clean, convert::position(&source, at as u32))
}

/// Opens `text` (with a `$0` marker where `marker` is the first occurrence of a word) as `a.cvl`.
fn open_at(text: &str, marker: &str) -> (Engine, Position) {
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("`{marker}` in the fixture"));
    let (text, position) = fixture(&format!("{}$0{}", &text[..at], &text[at..]));
    let mut engine = engine();
    engine.open(uri("a.cvl"), 1, text);
    (engine, position)
}

fn hover_text(engine: &Engine, position: Position) -> String {
    let hover = engine.hover(&uri("a.cvl"), position).unwrap().unwrap();
    match hover.contents {
        HoverContents::Markup(m) => m.value,
        other => panic!("{other:?}"),
    }
}

#[test]
fn diagnostics_are_cvl_checks_with_the_same_codes_messages_and_spans() {
    let text = PLACEMENT.replace("to firm", "to frim");
    let mut engine = engine();
    let published = engine.open(uri("a.cvl"), 3, text.clone());
    assert_eq!(published.len(), 1);
    let published = &published[0];
    assert_eq!(published.version, Some(3));

    // What `cvl check` reports for the same text, converted by hand.
    let mut sources = Sources::new();
    let root = sources.add(Source::new("/fixture/a.cvl", text));
    let parsed = cvl_syntax::parse_source(root, sources.get(root).unwrap());
    let mut loader = cvl_check::loader::FsLoader::new(Vec::new());
    let checked = cvl_check::check(&mut sources, root, &parsed.file, &mut loader);
    let expected = checked.problems.into_sorted();
    assert!(!expected.is_empty());
    let source = sources.get(root).unwrap();
    let got: Vec<_> = published
        .diagnostics
        .iter()
        .map(|d| (d.code.clone(), d.message.clone(), d.range))
        .collect();
    let want: Vec<_> = expected
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message = format!("{message}\nhelp: {help}");
            }
            (
                Some(lsp_types::NumberOrString::String(
                    d.code.as_str().to_string(),
                )),
                message,
                convert::range(source, d.span),
            )
        })
        .collect();
    assert_eq!(got, want);
    insta::assert_json_snapshot!(published);
}

/// A Danish document's diagnostics are published in Danish, an English one's in English; the initialization
/// option `lang` puts every document's in the language it names.
#[test]
fn each_document_s_diagnostics_are_in_its_language_unless_the_client_chose_one() {
    let danish = "kontrakt k \"K\" {\n  starter den 2019-02-30\n  sag \"ANB\n}\n";
    let english = "contract k \"K\" {\n  starts on 2019-02-30\n}\n";
    let messages = |engine: &mut Engine, name: &str, text: &str| -> Vec<String> {
        engine.open(uri(name), 1, text.to_string())[0]
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect()
    };
    let mut engine = engine();
    let shown = messages(&mut engine, "da.cvl", danish);
    insta::assert_snapshot!("danish_document_diagnostics", shown.join("\n---\n"));
    assert_eq!(
        messages(&mut engine, "en.cvl", english),
        ["`2019-02-30` is not a date in the calendar\nhelp: that month has 28 days"]
    );
    let mut chosen = Engine::new(Config {
        libs: Vec::new(),
        stdlib_dir: Some(stdlib_dir()),
        lang: Some(cvl_syntax::Lang::Da),
    });
    assert_eq!(
        messages(&mut chosen, "en.cvl", english),
        ["`2019-02-30` er ikke en dato i kalenderen\nhjælp: den måned har 28 dage"]
    );
}

#[test]
fn secondary_labels_become_related_information() {
    let text = PLACEMENT.replace("item school \"", "item stay \"");
    let mut engine = engine();
    let published = engine.open(uri("a.cvl"), 1, text);
    let twice = published[0]
        .diagnostics
        .iter()
        .find(|d| d.message.contains("defined twice"))
        .unwrap();
    let related = twice.related_information.as_ref().unwrap();
    assert_eq!(related[0].message, "first defined here");
    assert_eq!(related[0].location.uri, uri("a.cvl"));
    insta::assert_json_snapshot!(twice);
}

#[test]
fn a_file_with_syntax_errors_shows_only_those_and_still_answers() {
    let text = PLACEMENT
        .replace("  case \"ANB-2019-0042\"", "  case case")
        .replace("    role payer", "    role payer payer 17");
    let mut engine = engine();
    let published = engine.open(uri("a.cvl"), 1, text.clone());
    let codes: Vec<_> = published[0]
        .diagnostics
        .iter()
        .map(|d| d.code.clone())
        .collect();
    assert!(!codes.is_empty());
    let check_codes = ["E0013", "E0014", "E0015", "E0036"];
    assert!(
        codes.iter().all(|c| match c {
            Some(lsp_types::NumberOrString::String(c)) => !check_codes.contains(&c.as_str()),
            _ => false,
        }),
        "{codes:?}"
    );
    // Hover on an intact item further down still works.
    let (engine, position) = open_at(&text, "taxi \"");
    assert!(hover_text(&engine, position).contains("5,000.00 DKK per month to ostervold"));
    // And the outline still has the contract's items.
    let symbols = engine.symbols(&uri("a.cvl")).unwrap();
    let names: Vec<&str> = symbols[1]
        .children
        .iter()
        .flatten()
        .map(|s| s.name.as_str())
        .collect();
    assert!(
        names.contains(&"taxi") && names.contains(&"ostervold"),
        "{names:?}"
    );
}

#[test]
fn hover_on_an_item_summarises_it_for_a_negotiator() {
    let (engine, position) = open_at(PLACEMENT, "taxi \"");
    insta::assert_snapshot!(hover_text(&engine, position), @r"
    **item** `taxi`: Taxi to and from school

    5,000.00 DKK per month to ostervold, first 3 months from the start, paid monthly in arrears
    ");
}

#[test]
fn hover_on_a_price_shows_its_value_and_the_item() {
    let (engine, position) = open_at(PLACEMENT, "60_000");
    insta::assert_snapshot!(hover_text(&engine, position), @r#"
    **60,000.00 DKK**, money (DKK)

    **item** `stay`: Stay with support: 60,000.00 DKK per month to ostervold, covers "board and lodging", "pocket money", "clothing", paid monthly in arrears
    "#);
}

#[test]
fn hover_on_parties_supplements_obligations_and_clauses() {
    let mut texts = Vec::new();
    for marker in [
        "ostervold \"",
        "school_support",
        "firm_report",
        "status_report(",
        "placement \"",
        "2019-01-15",
    ] {
        let (engine, position) = open_at(PLACEMENT, marker);
        texts.push(format!("{marker}\n{}", hover_text(&engine, position)));
    }
    insta::assert_snapshot!(texts.join("\n\n---\n\n"));
}

#[test]
fn hover_on_a_use_of_a_party_is_the_party() {
    let at = PLACEMENT.find("to firm").unwrap() + 3;
    let (engine, position) = open_at(PLACEMENT, &PLACEMENT[at..at + 12]);
    assert!(hover_text(&engine, position).starts_with("**party** `firm`"));
}

#[test]
fn definition_finds_parties_in_the_file_and_clauses_in_the_stdlib() {
    let at = PLACEMENT.find("to firm").unwrap() + 3;
    let (engine, position) = open_at(PLACEMENT, &PLACEMENT[at..at + 12]);
    let location = engine.definition(&uri("a.cvl"), position).unwrap().unwrap();
    assert_eq!(location.uri, uri("a.cvl"));
    let def = PLACEMENT.find("party firm").unwrap() + "party ".len();
    let source = Source::new("a.cvl", PLACEMENT);
    assert_eq!(location.range.start, convert::position(&source, def as u32));

    let (engine, position) = open_at(PLACEMENT, "status_report(");
    let location = engine.definition(&uri("a.cvl"), position).unwrap().unwrap();
    let care = Url::from_file_path(stdlib_dir().join("care.cvl")).unwrap();
    assert_eq!(location.uri, care);
    let text = include_str!("../../../stdlib/care.cvl");
    let def = text.find("clause status_report").unwrap() + "clause ".len();
    let source = Source::new("care.cvl", text);
    assert_eq!(location.range.start, convert::position(&source, def as u32));
}

#[test]
fn definition_and_hover_reach_an_open_file_that_is_imported() {
    let terms = "// Local terms.\nclause weekly(provider: party) \"Weekly report\" {\n  obligation weekly { by provider every 1 week when missed flag }\n}\n";
    let contract = PLACEMENT
        .replace("import care", "import care\nimport \"terms.cvl\"")
        .replace(
            "  termination {",
            "  use terms.weekly(provider: ostervold)\n\n  termination {",
        );
    let mut engine = engine();
    // Opened first, the importing file cannot find it on disk; opening it analyses the importer again.
    let first = engine.open(uri("a.cvl"), 1, contract.clone());
    assert!(
        first[0]
            .diagnostics
            .iter()
            .any(|d| d.message.contains("terms.cvl"))
    );
    let published = engine.open(uri("terms.cvl"), 1, terms.to_string());
    assert_eq!(published.len(), 2);
    assert_eq!(published[1].uri, uri("a.cvl"));
    assert!(published[1].diagnostics.is_empty(), "{:?}", published[1]);

    let at = contract.find("weekly(provider: ostervold)").unwrap() as u32;
    let source = Source::new("a.cvl", contract.clone());
    let position = convert::position(&source, at);
    let location = engine.definition(&uri("a.cvl"), position).unwrap().unwrap();
    assert_eq!(location.uri, uri("terms.cvl"));
    assert_eq!(location.range.start, Position::new(1, 7));
    let hover = engine.hover(&uri("a.cvl"), position).unwrap().unwrap();
    let HoverContents::Markup(hover) = hover.contents else {
        panic!("markup")
    };
    insta::assert_snapshot!(hover.value, @r#"
    ```cvl
    clause weekly(provider: party) "Weekly report"
    ```

    Local terms.
    - `provider`: party
    "#);

    // Closing the imported file clears its diagnostics and sends the importer back to the disk.
    let closed = engine.close(&uri("terms.cvl"));
    assert_eq!(closed[0].uri, uri("terms.cvl"));
    assert!(closed[0].diagnostics.is_empty());
    assert!(
        closed[1]
            .diagnostics
            .iter()
            .any(|d| d.message.contains("terms.cvl"))
    );
}

fn labels(items: &[CompletionItem]) -> Vec<&str> {
    items.iter().map(|i| i.label.as_str()).collect()
}

#[test]
fn completion_after_to_offers_the_parties() {
    let (text, position) = fixture(&PLACEMENT.replace("to firm\n", "to $0\n"));
    let mut engine = engine();
    engine.open(uri("a.cvl"), 1, text);
    let items = engine.completion(&uri("a.cvl"), position).unwrap();
    assert_eq!(labels(&items), ["firm", "municipality", "ostervold"]);
    insta::assert_json_snapshot!(items);
}

#[test]
fn completion_after_when_offers_the_event_kinds() {
    let text = PLACEMENT.replace(
        "  paid monthly in arrears",
        "  ends when $0\n  paid monthly in arrears",
    );
    let (text, position) = fixture(&text);
    let mut engine = engine();
    engine.open(uri("a.cvl"), 1, text);
    let items = engine.completion(&uri("a.cvl"), position).unwrap();
    assert_eq!(
        labels(&items),
        [
            "firm_report",
            "started",
            "status_report",
            "terminated",
            "visits"
        ]
    );
}

#[test]
fn completion_after_use_offers_this_files_and_the_imported_clauses() {
    let text = format!(
        "{}\nclause mine() {{ }}\n",
        PLACEMENT.replace("  use care.status_report", "  use $0care.status_report")
    );
    let (text, position) = fixture(&text);
    let mut engine = engine();
    engine.open(uri("a.cvl"), 1, text);
    let items = engine.completion(&uri("a.cvl"), position).unwrap();
    assert_eq!(
        labels(&items),
        [
            "care.school_transport",
            "care.status_report",
            "care.supervised_visits",
            "mine"
        ]
    );
}

#[test]
fn completion_elsewhere_offers_keywords_and_every_name() {
    let text = PLACEMENT.replace("  termination {", "  $0\n  termination {");
    let (text, position) = fixture(&text);
    let mut engine = engine();
    engine.open(uri("a.cvl"), 1, text);
    let items = engine.completion(&uri("a.cvl"), position).unwrap();
    let labels = labels(&items);
    for expected in [
        "supplement",
        "obligation",
        "ostervold",
        "taxi",
        "care.status_report",
        "started",
    ] {
        assert!(labels.contains(&expected), "{expected} in {labels:?}");
    }
    let keywords = items
        .iter()
        .filter(|i| i.kind == Some(lsp_types::CompletionItemKind::KEYWORD))
        .count();
    assert_eq!(keywords, cvl_syntax::lexer::KEYWORDS.len());
}

#[test]
fn completion_in_a_danish_file_offers_the_danish_keywords() {
    let text = "kontrakt x {\n  $0\n}\n";
    let (text, position) = fixture(text);
    let mut engine = engine();
    engine.open(uri("a.cvl"), 1, text);
    let items = engine.completion(&uri("a.cvl"), position).unwrap();
    let labels = labels(&items);
    for expected in ["betal", "post", "forpligtelse", "pr."] {
        assert!(labels.contains(&expected), "{expected} in {labels:?}");
    }
    assert!(!labels.contains(&"pay"), "{labels:?}");
}

#[test]
fn the_outline_is_contracts_with_their_terms() {
    let mut engine = engine();
    engine.open(uri("a.cvl"), 1, PLACEMENT.to_string());
    let symbols = engine.symbols(&uri("a.cvl")).unwrap();
    let mut lines = Vec::new();
    outline(&symbols, 0, &mut lines);
    insta::assert_snapshot!(lines.join("\n"));
}

/// One line per symbol: indentation for depth, name, kind, detail, and the name's line and column (from 1).
fn outline(symbols: &[lsp_types::DocumentSymbol], depth: usize, lines: &mut Vec<String>) {
    for s in symbols {
        let at = s.selection_range.start;
        assert!(s.range.start <= at && s.selection_range.end <= s.range.end);
        lines.push(format!(
            "{}{} ({:?}) {} @{}:{}",
            "  ".repeat(depth),
            s.name,
            s.kind,
            s.detail.as_deref().unwrap_or(""),
            at.line + 1,
            at.character + 1
        ));
        outline(s.children.as_deref().unwrap_or(&[]), depth + 1, lines);
    }
}

#[test]
fn the_outline_of_a_clause_has_its_parameters() {
    let mut engine = engine();
    engine.open(
        uri("care.cvl"),
        1,
        include_str!("../../../stdlib/care.cvl").to_string(),
    );
    let symbols = engine.symbols(&uri("care.cvl")).unwrap();
    let outline: Vec<String> = symbols
        .iter()
        .map(|s| {
            let children: Vec<&str> = s
                .children
                .iter()
                .flatten()
                .map(|c| c.name.as_str())
                .collect();
            format!("{}({})", s.name, children.join(", "))
        })
        .collect();
    assert_eq!(
        outline,
        [
            "status_report(provider, interval, allowed_delay, status_report)",
            "supervised_visits(consultant, interval, weekday, length, supervised_visits)",
            "school_transport(provider, monthly_price, period, school_transport)"
        ]
    );
    // A clause's detail is its keyword and title, a parameter's its type.
    assert_eq!(symbols[0].detail.as_deref(), Some("clause: Status report"));
    let first = &symbols[0].children.as_ref().unwrap()[0];
    assert_eq!(first.detail.as_deref(), Some("party"));
}

#[test]
fn unknown_documents_are_an_error_and_bad_positions_are_clamped() {
    let mut engine = engine();
    let nowhere = uri("nowhere.cvl");
    let far = Position::new(9_999, 9_999);
    assert_eq!(
        engine.hover(&nowhere, far),
        Err(Error::UnknownDocument(nowhere.clone()))
    );
    assert_eq!(
        Error::UnknownDocument(nowhere.clone()).to_string(),
        "the document `file:///fixture/nowhere.cvl` is not open"
    );
    assert!(engine.definition(&nowhere, far).is_err());
    assert!(engine.completion(&nowhere, far).is_err());
    assert!(engine.symbols(&nowhere).is_err());
    assert!(engine.close(&nowhere).is_empty());

    engine.open(uri("a.cvl"), 1, PLACEMENT.to_string());
    assert_eq!(engine.hover(&uri("a.cvl"), far), Ok(None));
    assert_eq!(engine.definition(&uri("a.cvl"), far), Ok(None));
    assert!(!engine.completion(&uri("a.cvl"), far).unwrap().is_empty());
}

/// Whether `range` lies in a document that ends at `end`, start before end.
fn well_formed(range: lsp_types::Range, end: Position) -> bool {
    let key = |p: Position| (p.line, p.character);
    key(range.start) <= key(range.end) && key(range.end) <= key(end)
}

/// Whether every symbol's ranges are well formed in the document, its name is not empty, and its selection lies
/// in its range; children too.
fn symbols_well_formed(symbols: &[lsp_types::DocumentSymbol], end: Position) -> bool {
    let key = |p: Position| (p.line, p.character);
    symbols.iter().all(|s| {
        !s.name.is_empty()
            && well_formed(s.range, end)
            && well_formed(s.selection_range, end)
            && key(s.range.start) <= key(s.selection_range.start)
            && key(s.selection_range.end) <= key(s.range.end)
            && symbols_well_formed(s.children.as_deref().unwrap_or_default(), end)
    })
}

#[test]
fn every_position_of_a_broken_file_is_answered() {
    // Cut the reference case at many points: every answer at every position of what is left is well formed (its
    // ranges in the document, around the position asked about; a definition's range on a name), and a party's
    // name, once the cut has passed it, is hovered as that party.
    let mut engine = engine();
    // Each party's name, where it is declared, and the end of its block.
    let parties: Vec<(&str, usize, usize)> = ["municipality", "ostervold", "firm"]
        .into_iter()
        .map(|name| {
            let at = PLACEMENT.find(&format!("party {name} ")).unwrap() + "party ".len();
            (name, at, at + PLACEMENT[at..].find('}').unwrap())
        })
        .collect();
    let key = |p: Position| (p.line, p.character);
    let mut hovered_parties = 0;
    for cut in (0..PLACEMENT.len()).step_by(97) {
        let text: String = PLACEMENT.chars().take(cut).collect();
        engine.open(uri("a.cvl"), 1, text.clone());
        let source = Source::new("a.cvl", text.clone());
        let end = convert::position(&source, text.len() as u32);
        let mut offsets: Vec<usize> = text.char_indices().step_by(13).map(|(o, _)| o).collect();
        for (_, at, block_end) in &parties {
            if *block_end < text.len() {
                offsets.push(at + 1);
            }
        }
        for offset in offsets {
            let position = convert::position(&source, offset as u32);
            let at = format!("cut {cut}, offset {offset}");
            if let Some(hover) = engine.hover(&uri("a.cvl"), position).unwrap() {
                let HoverContents::Markup(markup) = &hover.contents else {
                    panic!("{at}: {:?}", hover.contents);
                };
                assert!(!markup.value.trim().is_empty(), "{at}: an empty hover");
                if let Some(range) = hover.range {
                    assert!(well_formed(range, end), "{at}: {range:?}");
                    assert!(
                        key(range.start) <= key(position) && key(position) <= key(range.end),
                        "{at}: the hover's range {range:?} is not where it was asked"
                    );
                }
            }
            if let Some((name, _, _)) = parties
                .iter()
                .find(|(_, a, block_end)| a + 1 == offset && *block_end < text.len())
            {
                let hover = engine.hover(&uri("a.cvl"), position).unwrap();
                let text = match hover.map(|h| h.contents) {
                    Some(HoverContents::Markup(m)) => m.value,
                    other => panic!("{at}: no hover on party `{name}`: {other:?}"),
                };
                assert!(
                    text.starts_with(&format!("**party** `{name}`")),
                    "{at}: {text}"
                );
                hovered_parties += 1;
            }
            if let Some(location) = engine.definition(&uri("a.cvl"), position).unwrap() {
                if location.uri == uri("a.cvl") {
                    assert!(well_formed(location.range, end), "{at}: {location:?}");
                    let from = convert::offset(&source, location.range.start) as usize;
                    let to = convert::offset(&source, location.range.end) as usize;
                    let named = &text[from..to];
                    assert!(
                        !named.is_empty() && named.chars().all(|c| c.is_alphanumeric() || c == '_'),
                        "{at}: the definition is `{named}`, not a name"
                    );
                } else {
                    assert!(location.uri.path().ends_with(".cvl"), "{at}: {location:?}");
                }
            }
            for item in engine.completion(&uri("a.cvl"), position).unwrap() {
                assert!(!item.label.is_empty(), "{at}: a completion without a label");
                if let Some(lsp_types::CompletionTextEdit::Edit(edit)) = &item.text_edit {
                    assert!(well_formed(edit.range, end), "{at}: {edit:?}");
                }
            }
        }
        let symbols = engine.symbols(&uri("a.cvl")).unwrap();
        assert!(symbols_well_formed(&symbols, end), "cut {cut}: {symbols:?}");
    }
    assert!(hovered_parties >= 3 * 10, "{hovered_parties} party hovers");
}

#[test]
fn formatting_is_one_edit_of_the_whole_text_and_none_on_syntax_errors() {
    let mut engine = engine();
    let messy = "contract c   \"C\" {\n      case \"ANB-1\"\n}\n";
    engine.open(uri("a.cvl"), 1, messy.to_string());
    let edits = engine.format(&uri("a.cvl")).unwrap().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0].range.start, Position::new(0, 0));
    assert_eq!(edits[0].range.end, Position::new(3, 0));
    assert_eq!(
        edits[0].new_text,
        cvl_fmt::format(cvl_syntax::FileId(0), messy).unwrap()
    );
    insta::assert_snapshot!(edits[0].new_text, @r#"
    contract c "C" {
      case "ANB-1"
    }
    "#);

    // Already in the layout: no edit.
    engine.change(uri("a.cvl"), 2, edits[0].new_text.clone());
    assert_eq!(engine.format(&uri("a.cvl")).unwrap(), Some(Vec::new()));

    // A syntax error: nothing is formatted.
    engine.change(uri("a.cvl"), 3, "contract c {\n  case case\n".to_string());
    assert_eq!(engine.format(&uri("a.cvl")).unwrap(), None);
    assert!(engine.format(&uri("nowhere.cvl")).is_err());
}

mod completion;
mod danish;
mod dates;
mod deep;
mod documents;
mod expenses;
mod names;
mod terms;

/// A scenario document beside the placement example: its URI, in the example's directory.
fn scenario_uri() -> Url {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/placement")
        .canonicalize()
        .unwrap();
    Url::from_file_path(dir.join("editor-test.scenario")).unwrap()
}

#[test]
fn a_scenario_file_gets_cvl_test_s_diagnostics_and_no_other_answers() {
    let mut engine = engine();
    let uri = scenario_uri();
    let text = "contract \"placement.cvl\"\nscenario \"names\"\n  østervold 2019-10 pays 0.00\n  status_reprt due 2019-10-15 is missed\n  ostervold 2018-12 pays 1.000,00\n  2019-04-10 the_school status_report\n";
    let published = engine.open(uri.clone(), 1, text.to_string());
    assert_eq!(published.len(), 1);
    let shown: Vec<String> = published[0]
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{}-{}:{} {:?} {}",
                d.range.start.line,
                d.range.start.character,
                d.range.end.line,
                d.range.end.character,
                d.code,
                d.message
            )
        })
        .collect();
    insta::assert_snapshot!(shown.join("\n"));
    let position = Position::new(2, 3);
    assert_eq!(engine.hover(&uri, position), Ok(None));
    assert_eq!(engine.completion(&uri, position), Ok(Vec::new()));
    assert_eq!(engine.symbols(&uri), Ok(Vec::new()));
    assert_eq!(engine.format(&uri), Ok(None));
    // A change is checked again; a clean text publishes nothing.
    let clean = "contract \"placement.cvl\"\nscenario \"ok\"\n  ostervold 2019-10 pays 0.00\n";
    let published = engine.change(uri.clone(), 2, clean.to_string());
    assert_eq!(published.len(), 1);
    assert!(published[0].diagnostics.is_empty(), "{published:?}");
    let closed = engine.close(&uri);
    assert!(closed[0].diagnostics.is_empty());
}
