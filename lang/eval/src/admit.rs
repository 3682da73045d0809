//! Whether one event, on its own, fits the contract: its kind is one the contract knows, its actor is a party
//! with the authority for that kind, and its data has the shape the kind needs, its amounts and hours spelled as
//! spec 9.1 says and within the limits of spec 7 (cvl-check's limits.rs).
//!
//! These checks need no other event, so a log can be checked against the contract entry by entry in constant
//! memory ([`admit`]); what depends on earlier events (a supplement started twice, a renewal after a lapse, an
//! event after the termination) is the state's to check (state.rs), which calls [`admit`] first.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_check::limits::{AMOUNT_DECIMALS, HOURS_DECIMALS, MAX_AMOUNT, MAX_EVENT_HOURS};
use cvl_check::model::{Contract, End, Item, ItemKind, Obligation, Reimburse, Start};
use cvl_event::{Event, Refusal, RefusalKind, Sign};

use crate::state::{is_hourly, names, names_or};

/// What an admitted event is, with its data read.
pub(crate) enum Admitted<'c> {
    Signed,
    Terminated {
        effective: NaiveDate,
    },
    Amended {
        contract: String,
        /// The first day the amended text is in force.
        effective: NaiveDate,
    },
    Supplement {
        item: &'c Item,
        change: SupplementChange,
    },
    Hours {
        item: &'c Item,
        hours: Decimal,
        worked: NaiveDate,
        confirming: bool,
    },
    Start,
    /// The kind of `ends when` that is neither the start's kind nor an obligation's (`started`).
    End,
    Met {
        obligation: &'c Obligation,
    },
    /// An invoice's lines approved by the payer (approve.rs).
    Approved {
        invoice: String,
        sha256: String,
        lines: Vec<crate::approve::ApprovedLine<'c>>,
    },
    /// A `paid` event: a payment made by the payer (paid.rs).
    Paid(crate::PaymentMade),
    /// An `index_value` event: an index's value for a year, given by the payer (index.rs).
    IndexValue(crate::IndexValue),
    /// An `expense_approved` event: an expense of a reimbursed item, approved by a party of its `approved by`.
    Expense {
        item: &'c Item,
        reimburse: &'c Reimburse,
        amount: Decimal,
        spent: NaiveDate,
        reference: String,
    },
}

/// What a supplement event does.
pub(crate) enum SupplementChange {
    /// `own`: the event names no amount, so the supplement pays its own rate, as the text in force writes it
    /// (spec 9.13).
    Started {
        from: NaiveDate,
        amount: Decimal,
        own: bool,
    },
    Adjusted {
        from: NaiveDate,
        amount: Decimal,
        own: bool,
    },
    Renewed,
    Reviewed,
}

/// What the events are known to be bound to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Binding<'a> {
    /// The contract's SHA-256 in lowercase hex, when known: a `signed` event that names another is refused.
    pub contract_sha256: Option<&'a str>,
    /// The files the contract is made of, when known (its SHA-256 is their listing's): a `signed` event that
    /// lists other files (`data.sources`) is refused naming them.
    pub sources: &'a [cvl_log::SourceFile],
    /// Whether the events come from a signed log, where a `signed` event must name the contract's SHA-256.
    pub signed_log: bool,
}

/// Checks that `event` fits `contract` on its own.
pub fn admit(contract: &Contract, binding: Binding<'_>, event: &Event) -> Result<(), Refusal> {
    admitted(contract, binding, event).map(|_| ())
}

pub(crate) fn admitted<'c>(
    contract: &'c Contract,
    binding: Binding<'_>,
    event: &Event,
) -> Result<Admitted<'c>, Refusal> {
    crate::personal::refuse_personal_numbers(event)?;
    let Some(actor) = contract.parties.iter().find(|p| p.id.0 == event.actor) else {
        return Err(event.refusal(
            RefusalKind::NotAParty,
            format!("`{}` is not a party of the contract", event.actor),
        ));
    };
    let actor = &actor.id;
    let date = event.at.date;
    match event.kind.as_str() {
        "signed" => {
            event.only(&["contract", "sources"])?;
            if !contract.signatories.contains(actor) {
                return Err(event.refusal(
                    RefusalKind::NoAuthority,
                    format!(
                        "`{}` does not sign this contract: its signatories are {}",
                        event.actor,
                        names(&contract.signatories)
                    ),
                ));
            }
            crate::bound::signed_sources(event, binding)?;
            if event.data.contains_key("contract") {
                let named = event.text("contract")?;
                if let Some(hash) = binding.contract_sha256
                    && named != hash
                {
                    return Err(event.refusal(RefusalKind::Binding, format!(
                        "signs the contract with SHA-256 `{named}`, but this contract's is `{hash}`"
                    )));
                }
            } else if binding.signed_log {
                return Err(event.refusal(RefusalKind::Binding,
                    "`data.contract` is missing: a signature in a log names the SHA-256 of the contract it signs",
                ));
            }
            Ok(Admitted::Signed)
        }
        "amended" => {
            event.only(&["contract", "effective"])?;
            if !contract.signatories.contains(actor) {
                return Err(event.refusal(
                    RefusalKind::NoAuthority,
                    format!(
                        "`{}` cannot sign an amendment: the contract's signatories are {}",
                        event.actor,
                        names(&contract.signatories)
                    ),
                ));
            }
            let hash = event.text("contract")?;
            if hash.len() != 64 || !hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
                return Err(event.refusal(
                    RefusalKind::DataShape,
                    format!("`data.contract` is `{hash}`, which is not a SHA-256 in lowercase hex"),
                ));
            }
            let effective = event.date("effective")?;
            Ok(Admitted::Amended {
                contract: hash.to_string(),
                effective,
            })
        }
        "terminated" => {
            event.only(&["effective"])?;
            let Some(termination) = &contract.termination else {
                return Err(event.refusal(
                    RefusalKind::UnknownKind,
                    "the contract has no termination clause",
                ));
            };
            if !termination.signatories.contains(actor) {
                return Err(event.refusal(
                    RefusalKind::NoAuthority,
                    if termination.alone {
                        format!(
                            "`{}` cannot terminate the contract: it may be terminated by {} alone",
                            event.actor,
                            names_or(&termination.signatories)
                        )
                    } else {
                        format!(
                            "`{}` cannot sign the termination: it is signed by {}",
                            event.actor,
                            names(&termination.signatories)
                        )
                    },
                ));
            }
            let effective = event.date("effective")?;
            if effective < date {
                return Err(event.refusal(
                    RefusalKind::DataShape,
                    format!("the effective end {effective} is before the termination is signed"),
                ));
            }
            if let Some(earliest) = notice_allows(termination, date) {
                let to_month_end = if termination.notice_to_month_end {
                    " to the end of a month"
                } else {
                    ""
                };
                let notice = notice_words(termination);
                // A notice that would run past the calendar is said in words, never as a day CVL cannot hold.
                let refused = match earliest {
                    Some(earliest) if effective < earliest => Some(format!(
                        "the contract can end on {earliest} at the earliest"
                    )),
                    Some(_) => None,
                    None => Some(format!(
                        "the notice would run past {}, the last day CVL can hold",
                        cvl_check::horizon::LAST_DAY
                    )),
                };
                if let Some(why) = refused {
                    return Err(event.refusal(
                        RefusalKind::DataShape,
                        format!(
                            "the effective end {effective} comes before the notice allows: signed on {date}, with {notice}{to_month_end}, {why}"
                        ),
                    ));
                }
            }
            Ok(Admitted::Terminated { effective })
        }
        "supplement_started"
        | "supplement_adjusted"
        | "supplement_renewed"
        | "supplement_reviewed" => supplement(contract, event, actor),
        "hours" | "hours_confirmed" => hours(contract, event, actor, date),
        "invoice_approved" => crate::approve::approved(contract, event, actor),
        "paid" => crate::paid::paid(contract, event, actor),
        "index_value" if !crate::index::indexes(contract).is_empty() => {
            crate::index::index_value(contract, event, actor)
        }
        "expense_approved" => expense(contract, event, actor, date),
        kind if matches!(&contract.start, Some(Start::When(k)) if k == kind) => {
            event.only(&[])?;
            Ok(Admitted::Start)
        }
        kind if ends_when(contract, kind)
            && !contract.obligations.iter().any(|o| o.id.0 == kind) =>
        {
            event.only(&[])?;
            Ok(Admitted::End)
        }
        kind => {
            let Some(obligation) = contract.obligations.iter().find(|o| o.id.0 == kind) else {
                return Err(event.refusal(
                    RefusalKind::UnknownKind,
                    format!("unknown kind `{kind}`: {}", kinds(contract)),
                ));
            };
            if !obligation.by.contains(actor) {
                return Err(event.refusal(
                    RefusalKind::NoAuthority,
                    format!(
                        "`{}` cannot meet `{kind}`: it binds {}",
                        event.actor,
                        names(&obligation.by)
                    ),
                ));
            }
            event.only(&[])?;
            Ok(Admitted::Met { obligation })
        }
    }
}

fn supplement<'c>(
    contract: &'c Contract,
    event: &Event,
    actor: &cvl_check::model::PartyId,
) -> Result<Admitted<'c>, Refusal> {
    let reviewing = event.kind == "supplement_reviewed";
    let fields: &[&str] = match event.kind.as_str() {
        "supplement_started" | "supplement_adjusted" => &["supplement", "amount", "from"],
        _ => &["supplement"],
    };
    event.only(fields)?;
    let name = event.text("supplement")?;
    let Some(item) = contract
        .items
        .iter()
        .find(|i| i.kind == ItemKind::Supplement && i.id.0 == name)
    else {
        return Err(event.refusal(
            RefusalKind::DataShape,
            format!("`{name}` is not a supplement of this contract"),
        ));
    };
    let allowed = if reviewing {
        &item.review_by
    } else {
        &item.adjustable_by
    };
    if !allowed.contains(actor) {
        return Err(event.refusal(
            RefusalKind::NoAuthority,
            format!(
                "`{}` may not {} `{name}`: only {} may",
                event.actor,
                if reviewing { "review" } else { "adjust" },
                names(allowed)
            ),
        ));
    }
    if !reviewing && item.term.is_none() {
        return Err(event.refusal(RefusalKind::Supplement, format!("`{name}` has no term")));
    }
    let default_amount = item.rate.as_ref().map(|r| r.amount);
    let own = !event.data.contains_key("amount");
    let change = match event.kind.as_str() {
        "supplement_started" => SupplementChange::Started {
            from: event.date("from")?,
            amount: amount_or(event, default_amount)?,
            own,
        },
        "supplement_adjusted" => SupplementChange::Adjusted {
            from: event.date("from")?,
            amount: amount_or(event, default_amount)?,
            own,
        },
        "supplement_renewed" => SupplementChange::Renewed,
        _ => SupplementChange::Reviewed,
    };
    Ok(Admitted::Supplement { item, change })
}

fn hours<'c>(
    contract: &'c Contract,
    event: &Event,
    actor: &cvl_check::model::PartyId,
    date: NaiveDate,
) -> Result<Admitted<'c>, Refusal> {
    let [item, hours, worked] = event.fields(["item", "hours", "date"])?;
    let name = event.text_at(item, &"data.item")?;
    let Some(item) = contract
        .items
        .iter()
        .find(|i| i.id.0 == name && is_hourly(i))
    else {
        return Err(event.refusal(
            RefusalKind::DataShape,
            format!("`{name}` is not an item paid by the hour"),
        ));
    };
    let confirming = event.kind == "hours_confirmed";
    if confirming && !item.confirmed_by.contains(actor) {
        return Err(event.refusal(
            RefusalKind::NoAuthority,
            format!(
                "`{}` cannot confirm hours of `{name}`: {}",
                event.actor,
                if item.confirmed_by.is_empty() {
                    "its hours need no confirmation".to_string()
                } else {
                    format!("they are confirmed by {}", names(&item.confirmed_by))
                }
            ),
        ));
    }
    if !confirming && item.payee.as_ref() != Some(actor) {
        return Err(event.refusal(RefusalKind::NoAuthority, format!(
            "`{}` cannot report hours of `{name}`: they are reported by the party paid for them",
            event.actor
        )));
    }
    let hours = event.decimal_at(
        hours,
        &"data.hours",
        HOURS_DECIMALS,
        MAX_EVENT_HOURS,
        Sign::NotNegative,
    )?;
    let worked = match worked {
        Some(_) => event.date_at(worked, &"data.date")?,
        None => date,
    };
    if worked > date {
        return Err(event.refusal(
            RefusalKind::DataShape,
            format!("the hours are dated {worked}, after the event itself"),
        ));
    }
    Ok(Admitted::Hours {
        item,
        hours,
        worked,
        confirming,
    })
}

/// The longest reference an approved expense may carry, in characters.
pub const MAX_REFERENCE: usize = 200;

fn expense<'c>(
    contract: &'c Contract,
    event: &Event,
    actor: &cvl_check::model::PartyId,
    date: NaiveDate,
) -> Result<Admitted<'c>, Refusal> {
    event.only(&["item", "amount", "date", "reference"])?;
    let name = event.text("item")?;
    let Some((item, reimburse)) = contract
        .items
        .iter()
        .find(|i| i.id.0 == name)
        .and_then(|i| i.reimburse.as_ref().map(|r| (i, r)))
    else {
        return Err(event.refusal(
            RefusalKind::DataShape,
            format!("`{name}` is not a reimbursed item of this contract"),
        ));
    };
    if !reimburse.approved_by.contains(actor) {
        return Err(event.refusal(
            RefusalKind::NoAuthority,
            format!(
                "`{}` cannot approve expenses of `{name}`: they are approved by {}",
                event.actor,
                names(&reimburse.approved_by)
            ),
        ));
    }
    let amount = event.decimal("amount", AMOUNT_DECIMALS, MAX_AMOUNT)?;
    if amount.is_zero() {
        return Err(event.refusal(
            RefusalKind::DataShape,
            "`data.amount` is zero: an approved expense is more than 0",
        ));
    }
    let spent = event.date("date")?;
    if spent > date {
        return Err(event.refusal(
            RefusalKind::DataShape,
            format!("the expense is dated {spent}, after the event itself"),
        ));
    }
    let reference = event.text("reference")?;
    if reference.trim().is_empty() {
        return Err(event.refusal(
            RefusalKind::DataShape,
            "`data.reference` is empty: give the reference of the approval or the receipt",
        ));
    }
    if reference.chars().count() > MAX_REFERENCE {
        return Err(event.refusal(
            RefusalKind::Limit,
            format!("`data.reference` is longer than {MAX_REFERENCE} characters"),
        ));
    }
    Ok(Admitted::Expense {
        item,
        reimburse,
        amount,
        spent,
        reference: reference.to_string(),
    })
}

fn amount_or(event: &Event, default: Option<Decimal>) -> Result<Decimal, Refusal> {
    if event.data.contains_key("amount") {
        event.decimal("amount", AMOUNT_DECIMALS, MAX_AMOUNT)
    } else {
        default.ok_or_else(|| event.refusal(RefusalKind::DataShape, "`data.amount` is missing"))
    }
}

/// The event kinds a contract knows, for a refusal's reason.
fn kinds(contract: &Contract) -> String {
    let mut kinds: Vec<String> = [
        "signed",
        "amended",
        "terminated",
        "invoice_approved",
        "paid",
    ]
    .iter()
    .map(|k| format!("`{k}`"))
    .collect();
    if let Some(Start::When(k)) = &contract.start {
        kinds.push(format!("`{k}`"));
    }
    if let Some(End::When(k)) = &contract.end
        && !kinds.iter().any(|known| known.trim_matches('`') == k)
        && !contract.obligations.iter().any(|o| &o.id.0 == k)
    {
        kinds.push(format!("`{k}`"));
    }
    if contract
        .items
        .iter()
        .any(|i| i.kind == ItemKind::Supplement)
    {
        kinds.extend(
            [
                "supplement_started",
                "supplement_adjusted",
                "supplement_renewed",
                "supplement_reviewed",
            ]
            .iter()
            .map(|k| format!("`{k}`")),
        );
    }
    if contract.items.iter().any(is_hourly) {
        kinds.extend(["`hours`".to_string(), "`hours_confirmed`".to_string()]);
    }
    if contract.items.iter().any(|i| i.reimburse.is_some()) {
        kinds.push("`expense_approved`".to_string());
    }
    if !crate::index::indexes(contract).is_empty() {
        kinds.push("`index_value`".to_string());
    }
    kinds.extend(contract.obligations.iter().map(|o| format!("`{}`", o.id.0)));
    format!("this contract knows {}", kinds.join(", "))
}

/// Whether the contract ends when an event of `kind` happens (`ends when KIND`, spec 4.6).
pub(crate) fn ends_when(contract: &Contract, kind: &str) -> bool {
    matches!(&contract.end, Some(End::When(k)) if k == kind)
}

/// The earliest effective end a termination signed on `date` may give under its notice (spec 4.11): `date` plus
/// the notice period, and with `to the end of a month` the last day of the month that falls in; none without a
/// notice; `Some(None)` when that day would be past 9999-12-31, the last day CVL can hold (spec 4.11): no effective
/// end is late enough then.
fn notice_allows(
    termination: &cvl_check::model::Termination,
    date: NaiveDate,
) -> Option<Option<NaiveDate>> {
    let notice = termination.notice?;
    let end = cvl_check::value::add_duration(date, notice.amount, notice.calendar)
        .map(|end| {
            if termination.notice_to_month_end {
                crate::calendar::Month::of(end).last_day()
            } else {
                end
            }
        })
        .filter(|end| cvl_check::horizon::in_calendar(*end));
    Some(end)
}

/// The notice period in words, as English says it: `1 month's notice`, `2 months' notice`, `14 days' notice`.
fn notice_words(termination: &cvl_check::model::Termination) -> String {
    termination.notice.map_or_else(String::new, |n| {
        cvl_check::value::notice_words(n.amount, n.calendar)
    })
}
