//! The book: for each item, payee and month, what the contract decides and what has been approved against it.
use cvl_check::model::Contract;
use cvl_eval::Decision;

/// What is decided and approved, by item, payee and month.
#[derive(Clone, Debug, Default)]
pub struct Book {}

impl Book {
    pub fn new(_contract: &Contract, _decision: &Decision) -> Book {
        Book {}
    }
}
