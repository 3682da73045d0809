//! The doc comments of clauses (spec 4.14): the `//` lines directly above a clause, whose lines before the first
//! parameter line say what the clause means, and whose lines `NAME: …` (NAME one of the clause's parameters) say
//! what each parameter means, a parameter's text going on over the lines after it up to the next parameter
//! line. From them and the clause itself, [`module_doc`] makes what `cvl doc` prints and hover shows: each
//! clause's meaning, its parameters with their types and meanings, and what it makes (its items, obligations
//! and other statements as written).

use cvl_syntax::ast::{ClauseDef, StmtKind, TopItem};
use cvl_syntax::{FileId, Span};
use serde_json::{Value, json};

/// A module's documentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleDoc {
    pub name: String,
    /// The comment at the head of the file (the `//` lines before its first blank line, when no clause follows
    /// them directly), joined into one paragraph.
    pub summary: String,
    pub clauses: Vec<ClauseDoc>,
}

/// A clause's documentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClauseDoc {
    pub name: String,
    /// The title as written, without its quotes.
    pub title: Option<String>,
    /// What the clause means: its doc comment before the first parameter line, in one paragraph.
    pub meaning: String,
    pub params: Vec<ParamDoc>,
    pub makes: Vec<Made>,
    /// The clause's name in its file.
    pub span: Span,
}

/// A parameter: its name, its type as written, and what its doc line says it means (none when it has none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamDoc {
    pub name: String,
    pub ty: String,
    pub meaning: Option<String>,
}

/// What a clause puts into the contract that uses it: a declaration (`item`, `obligation`, …) with its name,
/// title and statements as written, or another statement as written (`kind` is its first word, `use` say).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Made {
    pub kind: String,
    /// Whether it is a declaration (with a block of statements) rather than a statement of its own.
    pub declaration: bool,
    pub name: Option<String>,
    pub title: Option<String>,
    pub statements: Vec<String>,
}

/// The documentation of the module `name`, whose text is `text`. A text with syntax errors is documented as far
/// as it could be read.
pub fn module_doc(name: &str, text: &str) -> ModuleDoc {
    let parsed = cvl_syntax::parse(FileId(0), text);
    let clauses = parsed
        .file
        .items
        .iter()
        .filter_map(|item| match item {
            TopItem::Clause(clause) => Some(clause_doc(text, clause)),
            _ => None,
        })
        .collect();
    ModuleDoc {
        name: name.to_string(),
        summary: head_comment(text),
        clauses,
    }
}

/// The documentation of one clause of the file whose text is `text`.
pub fn clause_doc(text: &str, clause: &ClauseDef) -> ClauseDoc {
    let lines = doc_lines(text, clause.span.start);
    let names: Vec<&str> = clause.params.iter().map(|p| p.name.name.as_str()).collect();
    let mut meaning: Vec<&str> = Vec::new();
    let mut param_text: Vec<(String, Vec<&str>)> = Vec::new();
    for line in &lines {
        let starts_param = line
            .split_once(':')
            .and_then(|(head, rest)| names.contains(&head).then_some((head, rest.trim())));
        match (starts_param, param_text.last_mut()) {
            (Some((head, rest)), _) => param_text.push((head.to_string(), vec![rest])),
            (None, Some((_, text))) => text.push(line.as_str()),
            (None, None) => meaning.push(line.as_str()),
        }
    }
    let params = clause
        .params
        .iter()
        .map(|p| ParamDoc {
            name: p.name.name.clone(),
            ty: p.ty.name.clone(),
            meaning: param_text
                .iter()
                .find(|(name, _)| *name == p.name.name)
                .map(|(_, lines)| paragraph(lines.iter().copied()))
                .filter(|m| !m.is_empty()),
        })
        .collect();
    let makes = clause
        .body
        .stmts
        .iter()
        .map(|stmt| match &stmt.kind {
            StmtKind::Decl(decl) => Made {
                kind: decl.kind.keyword().to_string(),
                declaration: true,
                name: decl.name.as_ref().map(|n| n.name.clone()),
                title: decl.title.as_ref().map(|t| written_title(text, t.span)),
                statements: decl
                    .body
                    .stmts
                    .iter()
                    .map(|s| as_written(text, s.span))
                    .collect(),
            },
            _ => {
                let written = as_written(text, stmt.span);
                Made {
                    kind: written.split(' ').next().unwrap_or_default().to_string(),
                    declaration: false,
                    name: None,
                    title: None,
                    statements: vec![written],
                }
            }
        })
        .collect();
    ClauseDoc {
        name: clause.name.name.clone(),
        title: clause.title.as_ref().map(|t| written_title(text, t.span)),
        meaning: paragraph(meaning.iter().copied()),
        params,
        makes,
        span: clause.name.span,
    }
}

/// What the clause's documentation lacks, in words: an empty meaning, a parameter without one. Empty when the
/// clause is documented as the convention asks.
pub fn undocumented(clause: &ClauseDoc) -> Vec<String> {
    let mut missing = Vec::new();
    if clause.meaning.is_empty() {
        missing.push(format!(
            "the clause `{}` has no comment saying what it means",
            clause.name
        ));
    }
    for param in clause.params.iter().filter(|p| p.meaning.is_none()) {
        missing.push(format!(
            "the parameter `{}` of the clause `{}` has no `{}: …` line saying what it means",
            param.name, clause.name, param.name
        ));
    }
    missing
}

/// The `//` lines directly above the line at byte `start`, in order, without their slashes and the one space
/// after them: the run of lines that hold only a comment, with no blank line between them and the clause.
pub fn doc_lines(text: &str, start: u32) -> Vec<String> {
    let before = text.get(..start as usize).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut lines: Vec<String> = Vec::new();
    for line in text.get(..line_start).unwrap_or_default().lines().rev() {
        match line.trim().strip_prefix("//") {
            Some(comment) => lines.push(
                comment
                    .strip_prefix(' ')
                    .unwrap_or(comment)
                    .trim_end()
                    .to_string(),
            ),
            None => break,
        }
    }
    lines.reverse();
    lines
}

/// The comment the file starts with, when a blank line ends it (otherwise it is the first clause's).
fn head_comment(text: &str) -> String {
    let mut lines = Vec::new();
    for line in text.lines() {
        match line.trim().strip_prefix("//") {
            Some(comment) => lines.push(comment.trim()),
            None if line.trim().is_empty() && !lines.is_empty() => return paragraph(lines),
            None => return String::new(),
        }
    }
    String::new()
}

/// Lines joined into one paragraph: trimmed, empty ones dropped, separated by one space.
fn paragraph<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    lines
        .into_iter()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A statement as written, its white space (line breaks and indentation included) made single spaces.
fn as_written(text: &str, span: Span) -> String {
    let written = text
        .get(span.start as usize..span.end as usize)
        .unwrap_or_default();
    written.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A title as written, without its quotes (escapes kept, so that what is shown is what the file says).
fn written_title(text: &str, span: Span) -> String {
    let written = as_written(text, span);
    written
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .map_or(written.clone(), str::to_string)
}

/// `cvl doc`'s text: the module's summary, then each clause with its meaning, parameters and what it makes.
pub fn render_text(module: &ModuleDoc, clauses: &[&ClauseDoc]) -> String {
    let mut out = format!("module {}", module.name);
    if !module.summary.is_empty() {
        out.push_str(": ");
        out.push_str(&module.summary);
    }
    out.push('\n');
    for clause in clauses {
        out.push('\n');
        out.push_str(&render_clause(clause));
    }
    out
}

/// One clause as `cvl doc` prints it.
pub fn render_clause(clause: &ClauseDoc) -> String {
    let mut out = format!("clause {}", clause.name);
    if let Some(title) = &clause.title {
        out.push_str(&format!(" \"{title}\""));
    }
    out.push('\n');
    if !clause.meaning.is_empty() {
        out.push_str(&format!("  {}\n", clause.meaning));
    }
    if !clause.params.is_empty() {
        out.push_str("  parameters:\n");
        for param in &clause.params {
            let meaning = param.meaning.as_deref().unwrap_or("(not documented)");
            out.push_str(&format!("    {}: {} - {meaning}\n", param.name, param.ty));
        }
    }
    if !clause.makes.is_empty() {
        out.push_str("  makes:\n");
        for made in &clause.makes {
            if !made.declaration {
                out.push_str(&format!("    {}\n", made.statements.join("; ")));
                continue;
            }
            out.push_str(&format!("    {}", made.kind));
            if let Some(name) = &made.name {
                out.push_str(&format!(" {name}"));
            }
            if let Some(title) = &made.title {
                out.push_str(&format!(" \"{title}\""));
            }
            out.push_str(&format!(": {}\n", made.statements.join("; ")));
        }
    }
    out
}

/// `cvl doc --format json`: one object for the module, with the clauses asked for.
pub fn render_json(module: &ModuleDoc, clauses: &[&ClauseDoc]) -> Value {
    json!({
        "module": module.name,
        "summary": module.summary,
        "clauses": clauses.iter().map(|c| clause_json(c)).collect::<Vec<_>>(),
    })
}

fn clause_json(clause: &ClauseDoc) -> Value {
    json!({
        "name": clause.name,
        "title": clause.title,
        "meaning": clause.meaning,
        "parameters": clause.params.iter().map(|p| json!({
            "name": p.name,
            "type": p.ty,
            "meaning": p.meaning,
        })).collect::<Vec<_>>(),
        "makes": clause.makes.iter().map(|m| json!({
            "kind": m.kind,
            "name": m.name,
            "title": m.title,
            "statements": m.statements,
        })).collect::<Vec<_>>(),
    })
}

/// The bundled module `name`'s documentation, or the refusal `cvl doc` prints: an unknown module or clause,
/// with the modules or clauses there are.
pub fn lookup(name: &str) -> Result<ModuleDoc, Refusal> {
    cvl_check::loader::STDLIB
        .iter()
        .find(|(module, _)| *module == name)
        .map(|(module, text)| module_doc(module, text))
        .ok_or_else(|| Refusal {
            message: cvl_syntax::text!("templates-doc-no-module", name = name),
            help: cvl_check::names::suggestion_text(
                name,
                cvl_syntax::text!("templates-doc-modules"),
                cvl_check::loader::STDLIB.iter().map(|(m, _)| *m),
            ),
        })
}

/// The clause `name` of `module`, or the refusal that names the module's clauses.
pub fn clause<'a>(module: &'a ModuleDoc, name: &str) -> Result<&'a ClauseDoc, Refusal> {
    module
        .clauses
        .iter()
        .find(|c| c.name == name)
        .ok_or_else(|| Refusal {
            message: cvl_syntax::text!(
                "templates-doc-no-clause",
                module = &module.name,
                name = name
            ),
            help: cvl_check::names::suggestion_text(
                name,
                cvl_syntax::text!("templates-doc-clauses", module = &module.name),
                module.clauses.iter().map(|c| c.name.as_str()),
            ),
        })
}

/// Why a request for documentation or a template is refused: a message and a help line, in the message style of
/// spec 8.2, from the catalogue (`templates.ftl`), put in words in the language they are shown in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub message: cvl_syntax::Text,
    pub help: Option<cvl_syntax::Text>,
}
