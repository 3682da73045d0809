//! Engine tests of the documents' life and edges: changes to documents that are not open, untitled documents,
//! line endings in formatting, a cursor just after a name, and the transport's own messages.

use lsp_types::{Position, Url};

use super::{PLACEMENT, engine, fixture, hover_text, uri};

#[test]
fn a_change_to_a_document_that_was_never_opened_is_ignored() {
    let mut engine = engine();
    let never = uri("never.cvl");
    assert!(
        engine
            .change(never.clone(), 3, "contract x {\n}\n".to_string())
            .is_empty()
    );
    assert!(engine.hover(&never, Position::new(0, 10)).is_err());
    assert!(engine.symbols(&never).is_err());
}

#[test]
fn an_untitled_document_imports_no_files() {
    let mut engine = engine();
    let untitled = Url::parse("untitled:Untitled-1").unwrap();
    // `Cargo.toml` exists in the server's working directory (the crate's directory while testing): it must not
    // be read as if the untitled document were there.
    let published = engine.open(
        untitled.clone(),
        1,
        "import \"Cargo.toml\"\n\ncontract c {\n}\n".to_string(),
    );
    let diagnostic = published[0]
        .diagnostics
        .iter()
        .find(|d| d.message.contains("Cargo.toml"))
        .unwrap();
    // A path that names no `.cvl` file is refused before anything is looked for (spec 4.1).
    insta::assert_snapshot!(diagnostic.message, @r#"
    cannot import `Cargo.toml`: an imported file's name ends in `.cvl`
    help: import a file beside the contract or below it (`import "terms/local.cvl"`), or put shared clauses in a module and import it by name from a `--lib` directory
    "#);
    // An allowed path is looked for nowhere, since the document has no directory.
    let published = engine.change(
        untitled.clone(),
        2,
        "import \"terms.cvl\"\n\ncontract c {\n}\n".to_string(),
    );
    let diagnostic = published[0]
        .diagnostics
        .iter()
        .find(|d| d.message.contains("terms.cvl"))
        .unwrap();
    insta::assert_snapshot!(diagnostic.message, @r"
    cannot find the module `terms.cvl`
    help: looked in no directory, since the document is not saved to a file
    ");
    // Modules still come from the stdlib.
    let published = engine.change(untitled, 3, PLACEMENT.to_string());
    assert_eq!(published[0].diagnostics, Vec::new());
}

#[test]
fn a_crlf_document_in_the_layout_needs_no_edit_and_an_edit_keeps_crlf() {
    let mut engine = engine();
    let formatted = "contract c \"C\" {\n  case \"ANB-1\"\n}\n";
    engine.open(uri("a.cvl"), 1, formatted.replace('\n', "\r\n"));
    assert_eq!(engine.format(&uri("a.cvl")).unwrap(), Some(Vec::new()));

    let messy = "contract c   \"C\" {\r\n      case \"ANB-1\"\r\n}\r\n";
    engine.change(uri("a.cvl"), 2, messy.to_string());
    let edits = engine.format(&uri("a.cvl")).unwrap().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0].new_text, formatted.replace('\n', "\r\n"));

    // A document with LF line endings gets LF.
    engine.change(uri("a.cvl"), 3, messy.replace("\r\n", "\n"));
    let edits = engine.format(&uri("a.cvl")).unwrap().unwrap();
    assert_eq!(edits[0].new_text, formatted);
}

#[test]
fn hover_and_definition_just_after_a_name_are_the_names() {
    let (text, position) = fixture(&PLACEMENT.replace(
        "pay 60_000 DKK per month to ostervold\n",
        "pay 60_000 DKK per month to ostervold$0\n",
    ));
    let mut engine = engine();
    engine.open(uri("a.cvl"), 1, text.clone());
    let hover = hover_text(&engine, position);
    assert!(hover.starts_with("**party** `ostervold`"), "{hover}");
    let definition = engine.definition(&uri("a.cvl"), position).unwrap().unwrap();
    let declared = text.find("party ostervold").unwrap() + "party ".len();
    let source = cvl_syntax::Source::new("a.cvl", text.clone());
    assert_eq!(
        definition.range.start,
        crate::convert::position(&source, declared as u32)
    );
    // After a space, nothing is there.
    let after_space = Position::new(position.line, position.character + 1);
    let (spaced, _) = fixture(&PLACEMENT.replace(
        "pay 60_000 DKK per month to ostervold\n",
        "pay 60_000 DKK per month to ostervold $0\n",
    ));
    engine.change(uri("a.cvl"), 2, spaced);
    assert_eq!(engine.hover(&uri("a.cvl"), after_space), Ok(None));
    assert_eq!(engine.definition(&uri("a.cvl"), after_space), Ok(None));
}

#[test]
fn a_broken_message_from_the_editor_is_reported_in_words() {
    use crate::transport::{Broken, read_frame};
    let read = |bytes: &[u8]| read_frame(&mut &bytes[..]).unwrap_err().to_string();
    let messages = [
        read(b"Content-Length: 20\r\n\r\n{\"jsonrpc\""),
        read(b"Content-Type: x\r\n\r\n{}"),
        Broken::Io(std::io::Error::from(std::io::ErrorKind::BrokenPipe)).to_string(),
    ];
    insta::assert_debug_snapshot!(messages, @r#"
    [
        "the editor closed the connection in the middle of a message",
        "the editor sent a malformed header: there is no `Content-Length`",
        "the connection to the editor failed: broken pipe",
    ]
    "#);
}

#[test]
fn the_stdlib_copy_is_in_the_users_cache_or_nowhere() {
    use crate::server::stdlib_cache_in;
    let version = format!("stdlib-{}", env!("CARGO_PKG_VERSION"));
    assert_eq!(
        stdlib_cache_in(Some("/x/cache".into()), Some("/home/u".into())),
        Some(std::path::PathBuf::from("/x/cache/cvl").join(&version))
    );
    assert_eq!(
        stdlib_cache_in(Some("".into()), Some("/home/u".into())),
        Some(std::path::PathBuf::from("/home/u/.cache/cvl").join(&version))
    );
    assert_eq!(stdlib_cache_in(None, None), None);
    assert_eq!(stdlib_cache_in(None, Some("".into())), None);
}
