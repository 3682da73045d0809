//! A cursor on the element tree that knows its path (`Invoice/cac:InvoiceLine[3]/cbc:LineExtensionAmount`) and
//! its place in the file, so that every refusal names the element it concerns. An element that UBL writes once is
//! refused when written twice; a value is its text with surrounding white space removed, and an empty value counts
//! as a missing one.

use crate::refusal::{Position, Refusal, RefusalKind};
use crate::value::Problem;
use crate::xml::{Element, Ns};

pub(crate) struct Node<'a> {
    pub element: &'a Element,
    source: &'a str,
    path: String,
}

fn prefixed(ns: Ns, name: &str) -> String {
    match ns {
        Ns::Cac => format!("cac:{name}"),
        Ns::Cbc => format!("cbc:{name}"),
        _ => name.to_string(),
    }
}

impl<'a> Node<'a> {
    pub fn root(element: &'a Element, source: &'a str, path: &str) -> Node<'a> {
        Node {
            element,
            source,
            path: path.to_string(),
        }
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn position(&self) -> Position {
        Position::of_offset(self.source, self.element.offset)
    }

    /// A refusal of this element.
    pub fn refuse(&self, kind: RefusalKind, message: impl Into<String>) -> Refusal {
        Refusal::new(kind, message).at(&self.path, Some(self.position()))
    }

    /// A refusal of this element's value, with its words and help.
    pub fn refuse_value(&self, (message, help): Problem) -> Refusal {
        self.refuse(RefusalKind::BadValue, message).help(help)
    }

    fn matching(&self, ns: Ns, name: &str) -> impl Iterator<Item = &'a Element> {
        let element = self.element;
        element
            .children
            .iter()
            .filter(move |child| child.ns == ns && &*child.name == name)
    }

    /// The child written at most once, or a refusal of the second.
    pub fn child(&self, ns: Ns, name: &str) -> Result<Option<Node<'a>>, Refusal> {
        let mut found = self.matching(ns, name);
        let first = found.next();
        if let Some(second) = found.next() {
            let path = format!("{}/{}", self.path, prefixed(ns, name));
            let again = Position::of_offset(self.source, second.offset);
            return Err(Refusal::new(
                RefusalKind::Repeated,
                format!(
                    "the element is written again at line {}, column {}: it is written once",
                    again.line, again.column
                ),
            )
            .at(
                &path,
                first.map(|f| Position::of_offset(self.source, f.offset)),
            ));
        }
        Ok(first.map(|element| Node {
            element,
            source: self.source,
            path: format!("{}/{}", self.path, prefixed(ns, name)),
        }))
    }

    /// The child written exactly once, or a refusal that names it and says what it is for.
    pub fn require(&self, ns: Ns, name: &str, what: &str) -> Result<Node<'a>, Refusal> {
        self.child(ns, name)?.ok_or_else(|| {
            let path = format!("{}/{}", self.path, prefixed(ns, name));
            Refusal::new(
                RefusalKind::Missing,
                format!("the element is missing: {what}"),
            )
            .at(&path, None)
        })
    }

    /// Every child of this name, in document order, each path with its number among them (from 1).
    pub fn children(&self, ns: Ns, name: &str) -> Vec<Node<'a>> {
        self.matching(ns, name)
            .enumerate()
            .map(|(i, element)| Node {
                element,
                source: self.source,
                path: format!("{}/{}[{}]", self.path, prefixed(ns, name), i + 1),
            })
            .collect()
    }

    /// The element's text without surrounding white space, or a refusal if there is none.
    pub fn text(&self, what: &str) -> Result<&'a str, Refusal> {
        let text = self.element.text.trim();
        if text.is_empty() {
            return Err(self.refuse(
                RefusalKind::Missing,
                format!("the element is empty: {what}"),
            ));
        }
        Ok(text)
    }

    /// An attribute's value without surrounding white space; an empty one counts as missing.
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        self.element
            .attr(name)
            .map(str::trim)
            .filter(|value| !value.is_empty())
    }

    /// An attribute that must be written, or a refusal naming it.
    pub fn require_attr(&self, name: &str, what: &str) -> Result<&'a str, Refusal> {
        self.attr(name).ok_or_else(|| {
            self.refuse(
                RefusalKind::Missing,
                format!("the attribute `{name}` is missing: {what}"),
            )
        })
    }
}
