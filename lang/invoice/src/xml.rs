//! The XML layer: UTF-8 text made into a small tree of elements by quick-xml, within bounds, before anything is
//! read from it as UBL.
//!
//! quick-xml is a pull parser that never reads a DTD, never expands an entity other than the five predefined ones
//! and character references, and never fetches anything. On top of it this layer refuses, as spec 12.4 says: a
//! document type declaration of any kind (so no entity can be declared, let alone expanded, and no external one
//! named), an encoding other than UTF-8, a reference to an undeclared entity, nesting deeper than
//! [`MAX_DEPTH`](crate::MAX_DEPTH), an undeclared namespace prefix, and anything quick-xml finds not well-formed,
//! with its line and column. The tree keeps, per element, its namespace, local name, unprefixed attributes, text
//! and byte offset; comments and processing instructions are dropped. It is built with an explicit stack, never by
//! recursion, so that no input can exhaust the call stack.

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use crate::MAX_DEPTH;
use crate::refusal::{Position, Refusal, RefusalKind};

pub(crate) const NS_INVOICE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
pub(crate) const NS_CREDIT_NOTE: &str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
pub(crate) const NS_CAC: &str =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
pub(crate) const NS_CBC: &str =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

/// The namespaces the reader tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ns {
    Invoice,
    CreditNote,
    Cac,
    Cbc,
    /// Any other namespace.
    Other,
    /// No namespace.
    None,
}

impl Ns {
    fn of(uri: &str) -> Ns {
        match uri {
            NS_INVOICE => Ns::Invoice,
            NS_CREDIT_NOTE => Ns::CreditNote,
            NS_CAC => Ns::Cac,
            NS_CBC => Ns::Cbc,
            _ => Ns::Other,
        }
    }
}

/// One element of the tree.
#[derive(Debug)]
pub(crate) struct Element {
    pub ns: Ns,
    /// The namespace's URI as written, for a refusal of the root.
    pub uri: Box<str>,
    pub name: Box<str>,
    /// The attributes without a prefix (`currencyID`, `unitCode`, `schemeID`), names and values.
    pub attrs: Vec<(Box<str>, String)>,
    /// The element's own text and CDATA, references resolved, line ends normalised.
    pub text: String,
    pub children: Vec<Element>,
    /// The byte offset of its `<` in the text.
    pub offset: usize,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(key, _)| &**key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Reads the bytes of a file as UTF-8: a byte order mark is dropped; UTF-16 and invalid UTF-8 are refused.
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str, Refusal> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Refusal::new(
            RefusalKind::Encoding,
            "the file is UTF-16: only UTF-8 is read",
        )
        .help("save the invoice as UTF-8"));
    }
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let text = std::str::from_utf8(valid).unwrap_or_default();
        Refusal::new(RefusalKind::Encoding, "the file is not UTF-8")
            .position(Position::of_offset(text, text.len()))
            .help("save the invoice as UTF-8")
    })
}

/// Makes the tree of a document, or refuses it.
pub(crate) fn parse(text: &str) -> Result<Element, Refusal> {
    let mut reader = NsReader::from_str(text);
    let at = |offset: u64| Position::of_offset(text, usize::try_from(offset).unwrap_or(usize::MAX));
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let before = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| malformed(&e).position(at(reader.error_position())))?;
        match event {
            Event::Start(start) | Event::Empty(start) if root.is_some() && stack.is_empty() => {
                let name = start.name().as_ref().to_string();
                return Err(Refusal::new(
                    RefusalKind::Malformed,
                    format!("a second root element `{name}`: a document has one"),
                )
                .position(at(before)));
            }
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(too_deep().position(at(before)));
                }
                stack.push(element(&reader, &start, before, &at)?);
            }
            Event::Empty(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(too_deep().position(at(before)));
                }
                let element = element(&reader, &start, before, &at)?;
                close(element, &mut stack, &mut root);
            }
            Event::End(_) => {
                if let Some(element) = stack.pop() {
                    close(element, &mut stack, &mut root);
                }
            }
            Event::Text(content) => push_text(&mut stack, &content.xml10_content(), before, &at)?,
            Event::CData(content) => push_text(&mut stack, &content.xml10_content(), before, &at)?,
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => {
                        let name = reference.xml10_content();
                        match resolve_predefined_entity(&name) {
                            Some(text) => text.to_string(),
                            None => return Err(undeclared_entity(&name).position(at(before))),
                        }
                    }
                    Err(e) => return Err(malformed(&e).position(at(before))),
                };
                push_text(&mut stack, &resolved, before, &at)?;
            }
            Event::DocType(_) => {
                return Err(Refusal::new(
                    RefusalKind::Doctype,
                    "the file has a document type declaration (`<!DOCTYPE`): no DTD is read, so that no entity is ever declared, expanded or fetched",
                )
                .position(at(before))
                .help("an e-invoice has no `<!DOCTYPE`: remove it"));
            }
            Event::Decl(decl) => {
                if let Some(Ok(encoding)) = decl.encoding()
                    && !encoding.eq_ignore_ascii_case("utf-8")
                {
                    return Err(Refusal::new(
                        RefusalKind::Encoding,
                        format!("the file declares the encoding `{encoding}`: only UTF-8 is read"),
                    )
                    .position(at(before))
                    .help("save the invoice as UTF-8"));
                }
            }
            Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = stack.last() {
        return Err(Refusal::new(
            RefusalKind::Malformed,
            format!("the file ends before the element `{}` is closed", open.name),
        )
        .position(at(u64::try_from(text.len()).unwrap_or(u64::MAX))));
    }
    root.ok_or_else(|| Refusal::new(RefusalKind::Malformed, "the file has no root element"))
}

fn too_deep() -> Refusal {
    Refusal::new(
        RefusalKind::TooDeep,
        format!("elements are nested more than {MAX_DEPTH} deep"),
    )
    .help("no UBL invoice nests that deep: the file is not an invoice")
}

/// Adds a closed element to its parent, or makes it the root.
fn close(element: Element, stack: &mut [Element], root: &mut Option<Element>) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None => *root = Some(element),
    }
}

fn push_text(
    stack: &mut [Element],
    text: &str,
    before: u64,
    at: &impl Fn(u64) -> Position,
) -> Result<(), Refusal> {
    match stack.last_mut() {
        Some(open) => {
            open.text.push_str(text);
            Ok(())
        }
        None if text.trim().is_empty() => Ok(()),
        None => Err(Refusal::new(
            RefusalKind::Malformed,
            "text outside the root element: a document is one element",
        )
        .position(at(before))),
    }
}

fn element<R>(
    reader: &NsReader<R>,
    start: &BytesStart<'_>,
    before: u64,
    at: &impl Fn(u64) -> Position,
) -> Result<Element, Refusal> {
    let (resolved, local) = reader.resolver().resolve_element(start.name());
    let (ns, uri) = match resolved {
        ResolveResult::Bound(uri) => (Ns::of(uri.as_ref()), Box::from(uri.as_ref())),
        ResolveResult::Unbound => (Ns::None, Box::from("")),
        ResolveResult::Unknown(prefix) => {
            return Err(Refusal::new(
                RefusalKind::Malformed,
                format!("the namespace prefix `{prefix}` is not declared"),
            )
            .position(at(before)));
        }
    };
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| malformed(&e.into()).position(at(before)))?;
        if attr.key.as_namespace_binding().is_some() || attr.key.prefix().is_some() {
            continue;
        }
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| malformed(&e).position(at(before)))?;
        let key = Box::from(attr.key.as_ref());
        attrs.push((key, value.into_owned()));
    }
    Ok(Element {
        ns,
        uri,
        name: Box::from(local.as_ref()),
        attrs,
        text: String::new(),
        children: Vec::new(),
        offset: usize::try_from(before).unwrap_or(usize::MAX),
    })
}

fn undeclared_entity(name: &str) -> Refusal {
    Refusal::new(
        RefusalKind::Malformed,
        format!("the entity `&{name};` is not declared"),
    )
    .help("only `&lt;`, `&gt;`, `&amp;`, `&apos;`, `&quot;` and character references such as `&#229;` are read")
}

/// quick-xml's error in the house's words: what is not well-formed, without its internal offsets.
fn malformed(error: &quick_xml::Error) -> Refusal {
    use quick_xml::errors::{IllFormedError, SyntaxError};
    use quick_xml::escape::EscapeError;
    use quick_xml::events::attributes::AttrError;
    let words = match error {
        quick_xml::Error::Syntax(syntax) => match syntax {
            SyntaxError::InvalidBangMarkup => {
                "`<!` starts no comment, CDATA section or declaration".to_string()
            }
            SyntaxError::UnclosedPI => "a processing instruction is not closed".to_string(),
            SyntaxError::UnclosedXmlDecl => "the XML declaration is not closed".to_string(),
            SyntaxError::UnclosedComment => "a comment is not closed".to_string(),
            SyntaxError::UnclosedDoctype => "a document type declaration is not closed".to_string(),
            SyntaxError::UnclosedCData => "a CDATA section is not closed".to_string(),
            SyntaxError::UnclosedTag => "a tag is not closed: its `>` is missing".to_string(),
            other => other.to_string(),
        },
        quick_xml::Error::IllFormed(ill) => match ill {
            IllFormedError::MismatchedEndTag { expected, found } => {
                format!("the element `{expected}` is closed by `</{found}>`")
            }
            IllFormedError::UnmatchedEndTag(name) => format!("`</{name}>` closes no open element"),
            IllFormedError::MissingEndTag(name) => format!("the element `{name}` is not closed"),
            other => other.to_string(),
        },
        quick_xml::Error::InvalidAttr(attr) => match attr {
            AttrError::Duplicated(..) => "an attribute is written twice in one tag".to_string(),
            AttrError::UnquotedValue(_) | AttrError::ExpectedQuote(..) => {
                "an attribute's value is not in quotes".to_string()
            }
            AttrError::ExpectedEq(_) | AttrError::ExpectedValue(_) => {
                "an attribute has no `=` and value".to_string()
            }
        },
        quick_xml::Error::Escape(escape) => match escape {
            EscapeError::UnrecognizedEntity(_, name) => return undeclared_entity(name),
            EscapeError::UnterminatedEntity(_) => {
                return Refusal::new(
                    RefusalKind::Malformed,
                    "the file is not well-formed XML: an `&` starts no reference",
                )
                .help("write `&amp;` for `&`");
            }
            EscapeError::InvalidCharRef(e) => {
                format!("a character reference names no character: {e}")
            }
            other => other.to_string(),
        },
        other => other.to_string(),
    };
    Refusal::new(
        RefusalKind::Malformed,
        format!("the file is not well-formed XML: {words}"),
    )
}
