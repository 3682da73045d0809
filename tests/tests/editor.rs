//! The editor support in `editor/` against the language it supports.
//!
//! The VS Code extension's files are valid JSON and point at each other; the keywords of the TextMate grammar (the
//! patterns in its repository's `keywords` entry) and of the Vim syntax file are exactly the lexer's `KEYWORDS`,
//! each listed once; every regex of the grammar compiles as Oniguruma reads it; and the grammar, interpreted by
//! `cvl_tests::textmate`, colours every well-formed CVL file of the repository as the lexer reads it: each keyword
//! with its keyword scope, each name with none, each number, date, string and comment as such. The Neovim and Helix
//! configurations start `cvl lsp`.

use std::collections::{BTreeMap, BTreeSet};

use cvl_syntax::FileId;
use cvl_syntax::lexer::{KEYWORDS, Lexeme, Token, lex};
use cvl_tests::textmate::{Grammar, Scoped, compile, scopes_at};
use cvl_tests::{corpus_files, parser_accepts, workspace_root};
use serde_json::Value;

const GRAMMAR: &str = "editor/vscode/syntaxes/cvl.tmLanguage.json";
const PACKAGE: &str = "editor/vscode/package.json";
const LANGUAGE_CONFIGURATION: &str = "editor/vscode/language-configuration.json";
const VIM_SYNTAX: &str = "editor/nvim/syntax/cvl.vim";

fn read(relative: &str) -> String {
    let path = workspace_root().join(relative);
    let text = std::fs::read_to_string(&path);
    assert!(text.is_ok(), "cannot read {}: {text:?}", path.display());
    text.unwrap_or_default()
}

fn json(relative: &str) -> Value {
    let parsed = serde_json::from_str(&read(relative));
    assert!(parsed.is_ok(), "{relative} is not valid JSON: {parsed:?}");
    parsed.unwrap_or_default()
}

#[expect(clippy::panic, reason = "a grammar that cannot be read fails the test")]
fn grammar() -> Grammar {
    Grammar::from_json(&json(GRAMMAR)).unwrap_or_else(|e| panic!("{GRAMMAR}: {e}"))
}

fn lexer_keywords() -> BTreeSet<&'static str> {
    KEYWORDS.iter().map(|(word, _)| *word).collect()
}

/// The words of a keyword regex of the form `\b(?:one|two|three)\b`, or `None` if it has another form.
fn alternation(regex: &str) -> Option<Vec<&str>> {
    let inner = regex.strip_prefix(r"\b(?:")?.strip_suffix(r")\b")?;
    let words: Vec<&str> = inner.split('|').collect();
    words
        .iter()
        .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase()))
        .then_some(words)
}

/// The keywords of the grammar's `keywords` patterns, each with the scope that colours it, in order; a word listed
/// twice appears twice.
fn grammar_keywords(grammar: &Value) -> Result<Vec<(String, String)>, String> {
    let patterns = grammar
        .pointer("/repository/keywords/patterns")
        .and_then(Value::as_array)
        .ok_or("the grammar has no `keywords` entry with patterns in its repository")?;
    let mut words = Vec::new();
    for pattern in patterns {
        let regex = pattern.get("match").and_then(Value::as_str);
        let name = pattern.get("name").and_then(Value::as_str);
        let (Some(regex), Some(name)) = (regex, name) else {
            return Err(format!(
                "a keyword pattern has no `match` or no `name`: {pattern}"
            ));
        };
        let list = alternation(regex).ok_or_else(|| {
            format!("the keyword pattern `{regex}` is not of the form `\\b(?:one|two)\\b`")
        })?;
        words.extend(list.into_iter().map(|w| (w.to_string(), name.to_string())));
    }
    Ok(words)
}

/// How a list of words differs from the lexer's keywords: missing, extra and repeated words, each named.
fn keyword_differences<'a>(source: &str, words: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for word in words {
        *counts.entry(word).or_default() += 1;
    }
    let keywords = lexer_keywords();
    let mut problems = Vec::new();
    for keyword in &keywords {
        if !counts.contains_key(keyword) {
            problems.push(format!("{source} lacks the keyword `{keyword}`"));
        }
    }
    for (word, count) in &counts {
        if !keywords.contains(word) {
            problems.push(format!(
                "{source} lists `{word}`, which is not a keyword of the lexer"
            ));
        }
        if *count > 1 {
            problems.push(format!("{source} lists `{word}` {count} times"));
        }
    }
    problems
}

fn grammar_keyword_differences(grammar: &Value) -> Vec<String> {
    match grammar_keywords(grammar) {
        Ok(words) => keyword_differences(
            "the TextMate grammar",
            words.iter().map(|(w, _)| w.as_str()),
        ),
        Err(problem) => vec![problem],
    }
}

#[test]
fn the_extensions_json_files_are_valid() {
    for file in [GRAMMAR, PACKAGE, LANGUAGE_CONFIGURATION] {
        assert!(json(file).is_object(), "{file} is not a JSON object");
    }
}

#[test]
fn the_grammar_lists_every_keyword_of_the_lexer_once() {
    let problems = grammar_keyword_differences(&json(GRAMMAR));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let words = grammar_keywords(&json(GRAMMAR)).unwrap_or_default();
    assert_eq!(words.len(), KEYWORDS.len());
}

#[test]
fn a_missing_an_extra_or_a_repeated_keyword_is_named() {
    let mut doctored = json(GRAMMAR);
    let Some(first) = doctored.pointer_mut("/repository/keywords/patterns/0/match") else {
        panic!("the grammar has no keyword pattern");
    };
    // `contract` goes, `and` comes a second time, and `whereas` is no keyword at all.
    let regex = first
        .as_str()
        .unwrap_or_default()
        .replace("contract|", "and|whereas|");
    *first = Value::String(regex);
    let problems = grammar_keyword_differences(&doctored);
    assert_eq!(
        problems,
        [
            "the TextMate grammar lacks the keyword `contract`",
            "the TextMate grammar lists `and` 2 times",
            "the TextMate grammar lists `whereas`, which is not a keyword of the lexer",
        ]
    );
}

/// Every regex in a grammar (the values of `match`, `begin` and `end`, at any depth), with where it is.
fn regexes(value: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                let here = format!("{at}/{key}");
                match (key.as_str(), inner.as_str()) {
                    ("match" | "begin" | "end", Some(regex)) => out.push((here, regex.to_string())),
                    _ => regexes(inner, &here, out),
                }
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                regexes(inner, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_regex_of_the_grammar_compiles_as_oniguruma_reads_it() {
    let mut found = Vec::new();
    regexes(&json(GRAMMAR), "", &mut found);
    assert!(found.len() >= 20, "only {} regexes found", found.len());
    let broken: Vec<String> = found
        .iter()
        .filter_map(|(at, regex)| compile(regex).err().map(|e| format!("{at}: {e}")))
        .collect();
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    assert!(
        compile("(unclosed").is_err(),
        "the check must reject a broken regex"
    );
}

/// The scope a lexeme must have among its scopes, or `None` for a name, which must have no keyword scope.
fn expected_scope(token: Token, keyword_scopes: &BTreeMap<String, String>) -> Option<String> {
    let scope = match token {
        Token::Comment => "comment.line.double-slash.cvl",
        Token::Date => "constant.numeric.date.cvl",
        Token::Number => "constant.numeric.decimal.cvl",
        Token::String | Token::UnterminatedString => "string.quoted.double.cvl",
        Token::Ident | Token::Eof => return None,
        Token::LBrace => "punctuation.section.block.begin.cvl",
        Token::RBrace => "punctuation.section.block.end.cvl",
        Token::LParen => "punctuation.section.parens.begin.cvl",
        Token::RParen => "punctuation.section.parens.end.cvl",
        Token::Comma => "punctuation.separator.comma.cvl",
        Token::Colon => "punctuation.separator.colon.cvl",
        Token::Dot => "punctuation.accessor.cvl",
        Token::Plus | Token::Minus | Token::Star | Token::Slash => {
            "keyword.operator.arithmetic.cvl"
        }
        Token::EqEq | Token::NotEq | Token::Lt | Token::LtEq | Token::Gt | Token::GtEq => {
            "keyword.operator.comparison.cvl"
        }
        keyword => {
            let word = keyword.keyword_text().unwrap_or_default();
            return keyword_scopes.get(word).cloned();
        }
    };
    Some(scope.to_string())
}

/// Where the grammar's colouring of `text` differs from the lexer's reading of it, one line per lexeme.
fn colouring_differences(
    grammar: &Grammar,
    keyword_scopes: &BTreeMap<String, String>,
    name: &str,
    text: &str,
) -> Vec<String> {
    let spans: Vec<Scoped> = grammar.tokenize(text);
    let all_keyword_scopes: BTreeSet<&str> = keyword_scopes.values().map(String::as_str).collect();
    let mut problems = Vec::new();
    let lexemes: Vec<Lexeme> = lex(FileId(0), text);
    for lexeme in lexemes {
        let Some(token) = lexeme.token else { continue };
        let range = lexeme.span.start as usize..lexeme.span.end as usize;
        if range.is_empty() {
            continue;
        }
        let word = text.get(range.clone()).unwrap_or_default();
        let first = scopes_at(&spans, range.start);
        let last = scopes_at(&spans, range.end - 1);
        let place = format!(
            "{name}:{}: `{word}`",
            text[..range.start].matches('\n').count() + 1
        );
        let problem = match expected_scope(token, keyword_scopes) {
            Some(scope) if !first.contains(&scope.as_str()) || !last.contains(&scope.as_str()) => {
                Some(format!(
                    "{place} is {}, coloured {first:?}, not `{scope}`",
                    token.describe()
                ))
            }
            None if token == Token::Ident
                && (first.is_empty() || first.iter().any(|s| all_keyword_scopes.contains(s))) =>
            {
                Some(format!("{place} is a name, coloured {first:?}"))
            }
            _ => None,
        };
        problems.extend(problem);
    }
    problems
}

fn keyword_scopes() -> BTreeMap<String, String> {
    grammar_keywords(&json(GRAMMAR))
        .unwrap_or_default()
        .into_iter()
        .collect()
}

#[test]
fn the_grammar_colours_every_well_formed_file_as_the_lexer_reads_it() {
    let grammar = grammar();
    let scopes = keyword_scopes();
    let root = workspace_root();
    let mut checked = Vec::new();
    let mut problems = Vec::new();
    for dir in ["examples", "stdlib", "tests"] {
        for path in corpus_files(root.join(dir)) {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            // The editor grammars do not know Danish yet (issue 16 leaves them to a later task): Danish files
            // are coloured as English.
            if !parser_accepts(&text)
                || cvl_syntax::lexer::lex_in(FileId(0), &text).0
                    == cvl_syntax::danish::Language::Danish
            {
                continue;
            }
            let name = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            problems.extend(colouring_differences(&grammar, &scopes, &name, &text));
            checked.push(name);
        }
    }
    assert!(
        checked
            .iter()
            .any(|n| n == "examples/placement/placement.cvl"),
        "the reference case was not checked: {checked:?}"
    );
    assert!(
        checked.len() >= 50,
        "only {} files were checked",
        checked.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_colouring_that_misreads_a_keyword_is_reported() {
    // A grammar that knows only `pay` as a keyword colours `to` as a name, and says nothing of `5_000`.
    let tiny: Value = serde_json::json!({
        "scopeName": "source.cvl",
        "patterns": [
            { "name": "keyword.other.cvl", "match": "\\b(?:pay)\\b" },
            { "name": "variable.other.cvl", "match": "\\w+" }
        ]
    });
    let grammar = Grammar::from_json(&tiny).unwrap_or_else(|e| panic!("{e}"));
    let scopes = keyword_scopes();
    let problems = colouring_differences(
        &grammar,
        &scopes,
        "x.cvl",
        "pay 5_000 DKK per month to firm",
    );
    assert_eq!(
        problems,
        [
            r#"x.cvl:1: `5_000` is a number, coloured ["variable.other.cvl"], not `constant.numeric.decimal.cvl`"#,
            r#"x.cvl:1: `per` is `per`, coloured ["variable.other.cvl"], not `keyword.operator.word.cvl`"#,
            r#"x.cvl:1: `to` is `to`, coloured ["variable.other.cvl"], not `keyword.other.cvl`"#,
        ]
    );
}

/// The innermost scope of each word of `text`, as `word=scope`.
fn innermost(grammar: &Grammar, text: &str) -> Vec<String> {
    let spans = grammar.tokenize(text);
    let mut out = Vec::new();
    let mut offset = 0;
    for word in text.split_whitespace() {
        let start = offset + text[offset..].find(word).unwrap_or_default();
        offset = start + word.len();
        let scopes = scopes_at(&spans, start);
        let scope = scopes
            .last()
            .copied()
            .unwrap_or("-")
            .trim_end_matches(".cvl");
        out.push(format!("{word}={scope}"));
    }
    out
}

#[test]
fn the_reference_case_is_coloured_by_kind() {
    let grammar = grammar();
    let text = "item taxi \"Taxi\" {\n  pay 5_000 DKK per month to ostervold\n  for the first 3 months\n  \
                starts on 2019-01-15 // moved in\n}\nuse care.status_report(provider: ostervold)\n\
                clause c(weekday: weekday, p: party) {}";
    assert_eq!(
        innermost(&grammar, text),
        [
            "item=storage.type",
            "taxi=entity.name.type",
            "\"Taxi\"=punctuation.definition.string.begin",
            "{=punctuation.section.block.begin",
            "pay=keyword.other",
            "5_000=constant.numeric.decimal",
            "DKK=keyword.other.unit.currency",
            "per=keyword.operator.word",
            "month=keyword.other.unit.time",
            "to=keyword.other",
            "ostervold=variable.other",
            "for=keyword.control",
            "the=keyword.control",
            "first=keyword.control",
            "3=constant.numeric.decimal",
            "months=keyword.other.unit.time",
            "starts=keyword.control",
            "on=keyword.control",
            "2019-01-15=constant.numeric.date",
            "//=punctuation.definition.comment",
            "moved=comment.line.double-slash",
            "in=comment.line.double-slash",
            "}=punctuation.section.block.end",
            "use=keyword.control.import",
            "care.status_report(provider:=entity.name.namespace",
            "ostervold)=variable.other",
            "clause=storage.type",
            "c(weekday:=entity.name.function",
            "weekday,=support.type",
            "p:=variable.parameter",
            "party)=storage.type",
            "{}=punctuation.section.block.begin",
        ]
    );
}

#[test]
fn the_extension_declares_the_language_the_grammar_and_the_server_setting() {
    let package = json(PACKAGE);
    let get = |pointer: &str| package.pointer(pointer).cloned().unwrap_or(Value::Null);
    assert_eq!(get("/name"), "cvl");
    assert_eq!(get("/contributes/languages/0/id"), "cvl");
    assert_eq!(
        get("/contributes/languages/0/extensions"),
        serde_json::json!([".cvl"])
    );
    assert_eq!(get("/contributes/grammars/0/language"), "cvl");
    assert_eq!(get("/contributes/grammars/0/scopeName"), "source.cvl");
    assert_eq!(
        json(GRAMMAR).get("scopeName").cloned(),
        Some(Value::from("source.cvl"))
    );
    assert_eq!(
        get("/contributes/configuration/properties/cvl.path/default"),
        "cvl"
    );
    assert!(
        get("/activationEvents")
            .as_array()
            .is_some_and(|a| a.contains(&Value::from("onLanguage:cvl"))),
        "the extension must start on a CVL file"
    );
    assert!(get("/dependencies/vscode-languageclient").is_string());
    for pointer in [
        "/contributes/languages/0/configuration",
        "/contributes/grammars/0/path",
        "/main",
    ] {
        let relative = get(pointer);
        let relative = relative
            .as_str()
            .unwrap_or_default()
            .trim_start_matches("./");
        let path = workspace_root().join("editor/vscode").join(relative);
        assert!(
            path.is_file(),
            "{pointer} names {relative}, which is not a file of editor/vscode"
        );
    }
    let configuration = json(LANGUAGE_CONFIGURATION);
    assert_eq!(
        configuration.pointer("/comments/lineComment"),
        Some(&Value::from("//"))
    );
    let brackets = configuration
        .get("brackets")
        .cloned()
        .unwrap_or(Value::Null);
    assert!(
        brackets
            .as_array()
            .is_some_and(|b| b.contains(&serde_json::json!(["{", "}"])))
    );
    assert!(
        brackets
            .as_array()
            .is_some_and(|b| b.contains(&serde_json::json!(["(", ")"])))
    );
}

#[test]
fn the_extension_starts_cvl_lsp_with_the_configured_program() {
    let extension = read("editor/vscode/extension.js");
    assert!(extension.contains("require('vscode-languageclient/node')"));
    assert!(extension.contains("getConfiguration('cvl').get('path')"));
    assert!(extension.contains("args: ['lsp']"));
    // Naming the stdio transport makes vscode-languageclient add `--stdio` to the arguments.
    assert!(
        !extension.contains("TransportKind"),
        "the client must not pass `--stdio` to `cvl lsp`"
    );
}

/// The words of the `syntax keyword GROUP word…` lines of a Vim syntax file.
fn vim_keywords(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|line| line.strip_prefix("syntax keyword "))
        .flat_map(|rest| rest.split_whitespace().skip(1))
        .collect()
}

#[test]
fn the_vim_syntax_file_lists_every_keyword_of_the_lexer_once() {
    let text = read(VIM_SYNTAX);
    let problems = keyword_differences(VIM_SYNTAX, vim_keywords(&text));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let doctored = text.replace(" withhold ", " ");
    assert_eq!(
        keyword_differences(VIM_SYNTAX, vim_keywords(&doctored)),
        [format!("{VIM_SYNTAX} lacks the keyword `withhold`")]
    );
}

#[test]
fn neovim_detects_cvl_files_and_starts_cvl_lsp() {
    let detect = read("editor/nvim/ftdetect/cvl.lua");
    assert!(detect.contains(r#"extension = { cvl = "cvl" }"#));
    assert!(detect.contains(r#"pattern = "*.cvl""#));
    let plugin = read("editor/nvim/ftplugin/cvl.lua");
    assert!(plugin.contains(r#"vim.bo.commentstring = "// %s""#));
    assert!(plugin.contains(r#"{ "cvl", "lsp" }"#));
    assert!(plugin.contains("vim.lsp.start(config"));
    assert!(plugin.contains(r#"name = "cvl""#));
}

#[test]
fn helix_declares_the_language_and_cvl_lsp() {
    let text = read("editor/helix/languages.toml");
    let config: toml::Table =
        toml::from_str(&text).unwrap_or_else(|e| panic!("languages.toml: {e}"));
    let languages = config.get("language").and_then(toml::Value::as_array);
    let Some([cvl]) = languages.map(Vec::as_slice) else {
        panic!("languages.toml must declare one language: {languages:?}");
    };
    let field = |key: &str| cvl.get(key).cloned();
    assert_eq!(field("name"), Some("cvl".into()));
    assert_eq!(field("scope"), Some("source.cvl".into()));
    assert_eq!(field("comment-token"), Some("//".into()));
    assert_eq!(
        field("file-types"),
        Some(toml::Value::Array(vec!["cvl".into()]))
    );
    assert_eq!(
        field("language-servers"),
        Some(toml::Value::Array(vec!["cvl".into()]))
    );
    let server = config.get("language-server").and_then(|s| s.get("cvl"));
    assert_eq!(
        server.and_then(|s| s.get("command")).cloned(),
        Some("cvl".into())
    );
    assert_eq!(
        server.and_then(|s| s.get("args")).cloned(),
        Some(toml::Value::Array(vec!["lsp".into()]))
    );
}
