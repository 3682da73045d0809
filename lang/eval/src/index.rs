//! Index values: an `index_value` event, sent by the payer, gives the value of an index a rate is regulated by
//! (`regulated by index pl each year from 2020-01-01`, spec 4.8) for one year, with where the figure is published
//! (spec 9.2). This file reads and checks its data ([`index_value`], from admit.rs), keeps the values by index and
//! year ([`IndexValues`], in the state, where a second value for the same index and year is refused), and answers
//! the value of an index for a year for the rule that chains the rates (cvl-check's `Regulation::raise`).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde_json::Value;

use cvl_check::model::{Contract, PartyId, RegulatedBy};
use cvl_event::{Event, Refusal, RefusalKind};

use crate::admit::{Admitted, MAX_REFERENCE};

/// The most decimals an index value may have.
pub const INDEX_DECIMALS: u32 = 4;

/// The most an index value may be: 10^6.
pub const MAX_INDEX_VALUE: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// The value of an index for a year, as an `index_value` event gives it (spec 9.2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexValue {
    pub index: String,
    /// A year 1 to 9999.
    pub year: i32,
    /// More than 0, at most 10^6, at most 4 decimals.
    pub value: Decimal,
    /// Where the figure is published.
    pub source: String,
    /// The id of the `index_value` event.
    pub event: String,
}

/// The values given so far, by index and year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IndexValues(BTreeMap<String, BTreeMap<i32, IndexValue>>);

impl IndexValues {
    /// The value of `index` for `year`, with its event, if given.
    pub fn get(&self, index: &str, year: i32) -> Option<&IndexValue> {
        self.0.get(index).and_then(|years| years.get(&year))
    }

    /// The value alone, as the rule that chains the rates asks it.
    pub fn value(&self, index: &str, year: i32) -> Option<Decimal> {
        self.get(index, year).map(|v| v.value)
    }

    /// Every value given, by index and year.
    pub fn all(&self) -> impl Iterator<Item = &IndexValue> {
        self.0.values().flat_map(BTreeMap::values)
    }

    /// Keeps `value`, or refuses `event` when its index already has a value for its year, naming the event that
    /// gave it: a value once given is corrected by an amendment, not by a second event.
    pub(crate) fn insert(&mut self, event: &Event, value: IndexValue) -> Result<(), Refusal> {
        let years = self.0.entry(value.index.clone()).or_default();
        if let Some(earlier) = years.get(&value.year) {
            return Err(event.refusal(
                RefusalKind::Repeated,
                format!(
                    "index `{}` already has a value for {}, {} by event `{}`: a value once given is not replaced; correct it by an amendment",
                    value.index, value.year, earlier.value, earlier.event
                ),
            ));
        }
        years.insert(value.year, value);
        Ok(())
    }
}

/// The names of the indexes the items of `contract` are regulated by, each once, in the order of the items.
pub(crate) fn indexes(contract: &Contract) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for item in &contract.items {
        if let Some(RegulatedBy::Index(name)) = item.regulation.as_ref().map(|r| &r.by)
            && !names.contains(&name.as_str())
        {
            names.push(name);
        }
    }
    names
}

/// Reads an `index_value` event by `actor`, which must be a party whose role is `payer`: `index`, an index an
/// item of the contract is regulated by; `year`, a whole JSON number 1 to 9999; `value`, a decimal as spec 9.1
/// spells it, more than 0, at most 10^6 with at most 4 decimals; `source`, where the figure is published, not
/// blank and at most 200 characters.
pub(crate) fn index_value<'c>(
    contract: &'c Contract,
    event: &Event,
    actor: &PartyId,
) -> Result<Admitted<'c>, Refusal> {
    crate::approve::payer_only(contract, event, actor, "give an index's value")?;
    event.only(&["index", "year", "value", "source"])?;
    let index = event.text("index")?;
    let known = indexes(contract);
    if !known.contains(&index) {
        let named: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
        return Err(event.refusal(
            RefusalKind::DataShape,
            format!(
                "`data.index` is `{index}`, which no item of this contract is regulated by: it is regulated by {}",
                named.join(", ")
            ),
        ));
    }
    let year = match event.data.value("year").as_deref() {
        Some(Value::Number(n)) => n.as_i64().filter(|y| (1..=9999).contains(y)),
        Some(_) => None,
        None => return Err(event.refusal(RefusalKind::DataShape, "`data.year` is missing")),
    };
    let Some(year) = year.and_then(|y| i32::try_from(y).ok()) else {
        let written = event
            .data
            .get("year")
            .map(|year| year.to_string())
            .unwrap_or_default();
        return Err(event.refusal(
            RefusalKind::DataShape,
            format!("`data.year` is `{written}`, which is not a year: write it as a whole number from 1 to 9999, such as 2020"),
        ));
    };
    let value = event.decimal("value", INDEX_DECIMALS, MAX_INDEX_VALUE)?;
    if value.is_zero() {
        return Err(event.refusal(
            RefusalKind::DataShape,
            "`data.value` is zero: an index's value is more than 0",
        ));
    }
    let source = event.text("source")?;
    if source.trim().is_empty() {
        return Err(event.refusal(
            RefusalKind::DataShape,
            "`data.source` is empty: say where the figure is published, such as \"Finansministeriet, PL-indeks 2020, juni 2019\"",
        ));
    }
    if source.chars().count() > MAX_REFERENCE {
        return Err(event.refusal(
            RefusalKind::Limit,
            format!("`data.source` is longer than {MAX_REFERENCE} characters"),
        ));
    }
    Ok(Admitted::IndexValue(IndexValue {
        index: index.to_string(),
        year,
        value,
        source: source.to_string(),
        event: event.id.clone(),
    }))
}
