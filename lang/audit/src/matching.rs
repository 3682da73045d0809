//! Matching a document to the contract.
use cvl_check::model::Contract;
use cvl_invoice::Document;

use crate::{Book, Outcome};

pub(crate) fn check(_contract: &Contract, _book: &mut Book, _sha256: &str, document: &Document) -> Outcome {
    Outcome::Refused(cvl_invoice::Refusal::new(cvl_invoice::RefusalKind::Missing, document.number.clone()))
}
