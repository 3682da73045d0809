//! CVL's e-invoices: a UBL 2.1 `Invoice` or `CreditNote` of the Peppol BIS Billing 3.0 or OIOUBL profile, read into
//! an exact [`Document`] (spec section 12), or refused with a [`Refusal`] that names the element.
//!
//! Reading goes in bounded steps: the size is checked before the file is read and reading stops past
//! [`MAX_BYTES`]; the bytes must be UTF-8; quick-xml makes them a tree of at most [`MAX_DEPTH`] levels, and a
//! `<!DOCTYPE` is refused outright, so no entity is ever declared, expanded or fetched (`xml`); the tree is read as
//! UBL, each field from the element spec 12.2 names (`read`). Nothing here decides what to pay: verdicts are made
//! later, against a contract's evaluation.

mod limits;
mod model;
mod node;
mod read;
mod refusal;
mod render;
mod value;
mod xml;

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

pub use limits::{AMOUNT_DECIMALS, MAX_AMOUNT, MAX_LINES, MAX_NUMBER};
pub use model::{
    Amount, BaseQuantity, CurrencyMismatch, Document, DocumentKind, Identifier, Line, Period,
    Price, Profile, Quantity, Supplier, TaxCategory, TaxSubtotal, TaxTotal, Totals, Unit,
};
pub use refusal::{Position, Refusal, RefusalKind};

/// The largest file read, in bytes (10 MiB): a larger one is refused before it is read. A monthly invoice is a few
/// kilobytes; the largest real ones, with thousands of lines, stay under a few megabytes.
pub const MAX_BYTES: u64 = 10 * 1024 * 1024;

/// The deepest nesting of elements read. UBL invoices nest about ten deep (an extension's signature a little
/// more); deeper is refused before the tree grows.
pub const MAX_DEPTH: usize = 32;

/// Reads the file at `path` as an e-invoice. Its size is checked before it is read, and no more than
/// [`MAX_BYTES`] and one byte are ever read from it, whatever it is (a device, a pipe, a file still growing).
pub fn read_file(path: &Path) -> Result<Document, Refusal> {
    read_bytes(&file_bytes(path)?)
}

/// The bytes of the file at `path`, read as [`read_file`] reads them: its size checked first, and never more than
/// [`MAX_BYTES`] and one byte read. For a caller that also needs the bytes, such as their SHA-256.
pub fn file_bytes(path: &Path) -> Result<Vec<u8>, Refusal> {
    let unreadable = |e: io::Error| {
        Refusal::new(
            RefusalKind::Unreadable,
            format!("cannot read `{}`: {}", path.display(), io_words(&e)),
        )
    };
    let file = File::open(path).map_err(unreadable)?;
    let metadata = file.metadata().map_err(unreadable)?;
    if metadata.is_dir() {
        return Err(Refusal::new(
            RefusalKind::Unreadable,
            format!("cannot read `{}`: it is a directory", path.display()),
        ));
    }
    if metadata.len() > MAX_BYTES {
        return Err(too_large(metadata.len()));
    }
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if len > MAX_BYTES {
        return Err(too_large(len));
    }
    Ok(bytes)
}

/// Reads the bytes of a file as an e-invoice.
pub fn read_bytes(bytes: &[u8]) -> Result<Document, Refusal> {
    let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if len > MAX_BYTES {
        return Err(too_large(len));
    }
    let text = xml::utf8(bytes)?;
    let root = xml::parse(text)?;
    read::document(text, &root)
}

fn too_large(len: u64) -> Refusal {
    Refusal::new(
        RefusalKind::TooLarge,
        format!("the file has {len} bytes, more than the {MAX_BYTES} an invoice is read with"),
    )
    .help("an e-invoice is a few kilobytes: check that this is the invoice, or split it")
}

/// An I/O error in the house's words: lowercase, no Rust names.
fn io_words(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "it is a directory".to_string(),
        _ => {
            let words = e.to_string();
            let mut chars = words.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => words,
            }
        }
    }
}
