//! A small interpreter of TextMate grammars, enough to colour CVL with `editor/vscode/syntaxes/cvl.tmLanguage.json`
//! the way VS Code does, so that `tests/editor.rs` can hold the grammar to the lexer.
//!
//! It reads the parts of the format that the CVL grammar uses: `patterns` with `include` (`#name` from the
//! repository), `match` rules with `name` and `captures`, and `begin`/`end` rules with `name`, `beginCaptures`,
//! `endCaptures` and inner `patterns`. It tokenizes as TextMate does, line by line: from the current position it
//! tries every rule that applies (the open `begin`/`end` rule's `end` first, then its patterns, or else the
//! top-level patterns); the match that starts earliest wins, and among those the first rule. Regexes are compiled
//! by fancy-regex in its Oniguruma mode (TextMate grammars are written for Oniguruma).
//!
//! The result is a list of scoped spans (byte ranges of the whole text with their scope name); the scopes at an
//! offset, outermost first, are those of the spans around it.

use std::collections::BTreeMap;
use std::ops::Range;

use fancy_regex::{Captures, Regex, RegexBuilder};
use serde_json::Value;

/// A grammar, ready to tokenize.
pub struct Grammar {
    patterns: Vec<Rule>,
}

enum Rule {
    Match {
        regex: Regex,
        name: Option<String>,
        captures: BTreeMap<usize, String>,
    },
    Region {
        begin: Regex,
        end: Regex,
        name: Option<String>,
        begin_captures: BTreeMap<usize, String>,
        end_captures: BTreeMap<usize, String>,
        patterns: Vec<Rule>,
    },
}

/// A stretch of the text with one scope name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scoped {
    pub range: Range<usize>,
    pub scope: String,
}

/// How deep `include`s may nest before the grammar is taken to include itself for ever.
const MAX_INCLUDE_DEPTH: usize = 32;

/// Compiles a regex of the grammar as Oniguruma would read it.
pub fn compile(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .oniguruma_mode(true)
        .build()
        .map_err(|e| format!("`{pattern}` does not compile: {e}"))
}

impl Grammar {
    /// Reads a grammar from its JSON form.
    pub fn from_json(json: &Value) -> Result<Grammar, String> {
        let repository = json.get("repository").cloned().unwrap_or(Value::Null);
        let patterns = rules(json.get("patterns"), &repository, 0)?;
        Ok(Grammar { patterns })
    }

    /// The scoped spans of `text`, in the order they were found.
    pub fn tokenize(&self, text: &str) -> Vec<Scoped> {
        let mut out = Vec::new();
        // The open begin/end rules, innermost last, with where each began.
        let mut open: Vec<(&Rule, usize)> = Vec::new();
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            let content = line.strip_suffix('\n').unwrap_or(line);
            let content = content.strip_suffix('\r').unwrap_or(content);
            tokenize_line(&self.patterns, content, line_start, &mut open, &mut out);
            // A region still open at the end of the line covers the rest of it.
            let line_end = line_start + content.len();
            for (rule, start) in &mut open {
                if let Rule::Region {
                    name: Some(name), ..
                } = rule
                {
                    push(&mut out, *start..line_end, name);
                }
                *start = line_start + line.len();
            }
            line_start += line.len();
        }
        out
    }
}

/// The scopes around `offset`, outermost first.
pub fn scopes_at(spans: &[Scoped], offset: usize) -> Vec<&str> {
    let mut around: Vec<(usize, usize, &str)> = spans
        .iter()
        .enumerate()
        .filter(|(_, s)| s.range.contains(&offset))
        .map(|(order, s)| (s.range.len(), order, s.scope.as_str()))
        .collect();
    // A longer span encloses a shorter one; of two equally long, the one found first is the outer.
    around.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    around.into_iter().map(|(_, _, scope)| scope).collect()
}

fn rules(patterns: Option<&Value>, repository: &Value, depth: usize) -> Result<Vec<Rule>, String> {
    if depth > MAX_INCLUDE_DEPTH {
        return Err("includes nest too deeply (does a rule include itself?)".to_string());
    }
    let Some(list) = patterns else {
        return Ok(Vec::new());
    };
    let list = list
        .as_array()
        .ok_or_else(|| "`patterns` is not a list".to_string())?;
    let mut out = Vec::new();
    for pattern in list {
        if let Some(include) = pattern.get("include").and_then(Value::as_str) {
            let key = include
                .strip_prefix('#')
                .ok_or_else(|| format!("include `{include}` is not a `#name` of the repository"))?;
            let entry = repository
                .get(key)
                .ok_or_else(|| format!("include `{include}` names nothing in the repository"))?;
            out.extend(rules(entry.get("patterns"), repository, depth + 1)?);
        } else {
            out.push(rule(pattern, repository, depth)?);
        }
    }
    Ok(out)
}

fn rule(pattern: &Value, repository: &Value, depth: usize) -> Result<Rule, String> {
    let name = pattern
        .get("name")
        .and_then(Value::as_str)
        .map(String::from);
    let text = |key: &str| pattern.get(key).and_then(Value::as_str);
    if let Some(regex) = text("match") {
        return Ok(Rule::Match {
            regex: compile(regex)?,
            name,
            captures: captures(pattern.get("captures"))?,
        });
    }
    match (text("begin"), text("end")) {
        (Some(begin), Some(end)) => Ok(Rule::Region {
            begin: compile(begin)?,
            end: compile(end)?,
            name,
            begin_captures: captures(pattern.get("beginCaptures"))?,
            end_captures: captures(pattern.get("endCaptures"))?,
            patterns: rules(pattern.get("patterns"), repository, depth + 1)?,
        }),
        _ => Err(format!(
            "a rule has neither `match` nor `begin` and `end`: {pattern}"
        )),
    }
}

fn captures(value: Option<&Value>) -> Result<BTreeMap<usize, String>, String> {
    let mut out = BTreeMap::new();
    let Some(object) = value.and_then(Value::as_object) else {
        return Ok(out);
    };
    for (group, capture) in object {
        let group: usize = group
            .parse()
            .map_err(|_| format!("capture `{group}` is not a group number"))?;
        if let Some(name) = capture.get("name").and_then(Value::as_str) {
            out.insert(group, name.to_string());
        }
    }
    Ok(out)
}

/// What won at one position: the rule (or the open region's end) and its match.
enum Found<'g, 't> {
    Rule(&'g Rule, Captures<'t, str>),
    End(Captures<'t, str>),
}

fn tokenize_line<'g>(
    top: &'g [Rule],
    line: &str,
    offset: usize,
    open: &mut Vec<(&'g Rule, usize)>,
    out: &mut Vec<Scoped>,
) {
    let mut pos = 0;
    while pos <= line.len() {
        let (patterns, end) = match open.last() {
            Some((Rule::Region { patterns, end, .. }, _)) => (patterns.as_slice(), Some(end)),
            _ => (top, None),
        };
        let mut best: Option<(usize, Found)> = None;
        if let Some(Ok(Some(caps))) = end.map(|end| end.captures_from_pos(line, pos)) {
            best = caps
                .get(0)
                .map(|m| m.start())
                .map(|start| (start, Found::End(caps)));
        }
        for rule in patterns {
            let regex = match rule {
                Rule::Match { regex, .. } => regex,
                Rule::Region { begin, .. } => begin,
            };
            let Ok(Some(caps)) = regex.captures_from_pos(line, pos) else {
                continue;
            };
            let Some(start) = caps.get(0).map(|m| m.start()) else {
                continue;
            };
            if best.as_ref().is_none_or(|(at, _)| start < *at) {
                best = Some((start, Found::Rule(rule, caps)));
            }
        }
        let Some((_, found)) = best else {
            return;
        };
        let whole = match &found {
            Found::Rule(_, caps) | Found::End(caps) => caps.get(0).map(|m| m.range()),
        };
        let Some(whole) = whole else {
            return;
        };
        let at = |r: Range<usize>| r.start + offset..r.end + offset;
        match found {
            Found::End(caps) => {
                if let Some((
                    Rule::Region {
                        name, end_captures, ..
                    },
                    start,
                )) = open.pop()
                {
                    if let Some(name) = name {
                        push(out, start..whole.end + offset, name);
                    }
                    scope_captures(out, &caps, end_captures, offset);
                }
            }
            Found::Rule(Rule::Match { name, captures, .. }, caps) => {
                if let Some(name) = name {
                    push(out, at(whole.clone()), name);
                }
                scope_captures(out, &caps, captures, offset);
            }
            Found::Rule(rule @ Rule::Region { begin_captures, .. }, caps) => {
                open.push((rule, whole.start + offset));
                scope_captures(out, &caps, begin_captures, offset);
            }
        }
        // An empty match moves on by one character, as TextMate does, so that the loop ends.
        pos = if whole.end > pos {
            whole.end
        } else {
            match line.get(pos..).and_then(|rest| rest.chars().next()) {
                Some(c) => pos + c.len_utf8(),
                None => return,
            }
        };
    }
}

fn scope_captures(
    out: &mut Vec<Scoped>,
    caps: &Captures<'_, str>,
    names: &BTreeMap<usize, String>,
    offset: usize,
) {
    for (group, name) in names {
        if let Some(m) = caps.get(*group) {
            push(out, m.start() + offset..m.end() + offset, name);
        }
    }
}

fn push(out: &mut Vec<Scoped>, range: Range<usize>, scope: &str) {
    if !range.is_empty() {
        out.push(Scoped {
            range,
            scope: scope.to_string(),
        });
    }
}
