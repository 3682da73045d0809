//! Each declaration of a contract as named facets in words: what `cvl diff` compares (spec 8.10).
//!
//! A contract is read as a list of [`Declaration`]s, each of a kind (party, item, supplement, obligation, clause,
//! dates and the contract's own terms), a name, and its facets: a field and its value in words, in the order the
//! language writes them. Comparing two contracts is then one generic walk over declarations and facets (lib.rs),
//! so a new term of the language is one more facet here.

use cvl_check::model::{
    Contract, Covered, Duration, End, Interest, Item, ItemKind, MoneyRate, Obligation, OnceOn,
    OneOff, Party, PartyId, RegulatedBy, Regulation, Reimburse, Role, Start, Termination,
};
use cvl_check::value::Value;
use cvl_syntax::ast::Consequence;

/// What kind of declaration a change is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Contract,
    Party,
    Item,
    Supplement,
    Obligation,
    Clause,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Contract => "contract",
            Kind::Party => "party",
            Kind::Item => "item",
            Kind::Supplement => "supplement",
            Kind::Obligation => "obligation",
            Kind::Clause => "clause",
        }
    }
}

/// One declaration, as named facets in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration {
    pub kind: Kind,
    pub name: String,
    /// `(field, value)`, in the order the language writes them. The field `pay` is an item's rate: a change of it
    /// reads without the field's name (`stay: 60,000.00 → 62,000.00 DKK per month`).
    pub facets: Vec<(&'static str, String)>,
}

/// Every declaration of `contract`: its own terms and dates first, then its parties, items and supplements,
/// obligations, and the clauses it uses.
pub fn declarations(contract: &Contract) -> Vec<Declaration> {
    let mut all = vec![own(contract)];
    all.extend(contract.parties.iter().map(party));
    all.extend(contract.items.iter().map(item));
    all.extend(contract.obligations.iter().map(obligation));
    let mut clauses: Vec<String> = Vec::new();
    for o in &contract.obligations {
        if let Some(site) = o.uses.first()
            && !clauses.contains(&site.clause)
        {
            clauses.push(site.clause.clone());
        }
    }
    all.extend(clauses.into_iter().map(|name| Declaration {
        kind: Kind::Clause,
        name,
        facets: vec![("use", "used".to_string())],
    }));
    all
}

fn push(facets: &mut Vec<(&'static str, String)>, field: &'static str, value: Option<String>) {
    if let Some(value) = value {
        facets.push((field, value));
    }
}

// Each model struct below is destructured whole, with no `..`: a field added to the checked contract does not
// compile here until it is compared (or named as not a term, as spans are), so `cvl diff` never misses a term.

fn own(c: &Contract) -> Declaration {
    let Contract {
        name,
        title,
        case_ref,
        parties: _,     // each its own declaration
        items: _,       // each its own declaration
        obligations: _, // each its own declaration
        signatories,
        start,
        end,
        in_arrears,
        due_day,
        interest,
        termination,
        span: _,
    } = c;
    let mut f = Vec::new();
    push(&mut f, "name", Some(name.clone()));
    push(&mut f, "title", title.as_ref().map(|t| quoted(t)));
    push(&mut f, "case", case_ref.as_ref().map(|t| quoted(t)));
    push(&mut f, "signed by", list(signatories));
    push(
        &mut f,
        "starts",
        start.as_ref().map(|s| match s {
            Start::On(date) => format!("on {date}"),
            Start::When(kind) => format!("when `{kind}`"),
        }),
    );
    push(
        &mut f,
        "ends",
        end.as_ref().map(|e| match e {
            End::On(date) => format!("on {date}"),
            End::After(d) => format!("after {}", duration(d)),
            End::When(kind) => format!("when `{kind}`"),
        }),
    );
    push(
        &mut f,
        "paid",
        Some(
            if *in_arrears {
                "monthly in arrears"
            } else {
                "monthly"
            }
            .to_string(),
        ),
    );
    push(&mut f, "due on day", due_day.map(|d| d.to_string()));
    push(
        &mut f,
        "interest",
        interest.as_ref().map(|i| {
            let Interest { percent, span: _ } = i;
            format!("{} % per year", percent.normalize())
        }),
    );
    if let Some(t) = termination {
        let Termination {
            signatories,
            alone,
            notice,
            notice_to_month_end,
            span: _,
        } = t;
        // By one party alone (spec 4.12): any one of them, so joined by `or`; else every one signs.
        let by = list(signatories).map(|l| {
            if *alone {
                format!("by {}", l.replace(" and ", " or "))
            } else {
                format!("signed by {l}")
            }
        });
        push(&mut f, "termination", by);
        push(
            &mut f,
            "notice",
            notice.as_ref().map(|n| {
                let to_end = if *notice_to_month_end {
                    " to the end of a month"
                } else {
                    ""
                };
                format!("{}{to_end}", duration(n))
            }),
        );
    }
    Declaration {
        kind: Kind::Contract,
        name: name.clone(),
        facets: f,
    }
}

fn party(p: &Party) -> Declaration {
    let Party {
        id,
        title,
        role: party_role,
        key,
        key_span: _,
        cvr,
        cvr_span: _,
        span: _,
    } = p;
    let mut f = Vec::new();
    push(&mut f, "title", title.as_ref().map(|t| quoted(t)));
    push(&mut f, "role", party_role.map(role));
    push(&mut f, "cvr", cvr.clone());
    push(&mut f, "key", key.clone());
    Declaration {
        kind: Kind::Party,
        name: id.0.clone(),
        facets: f,
    }
}

fn item(i: &Item) -> Declaration {
    let Item {
        id,
        kind,
        title,
        payee,
        rate: pay,
        pay_span: _,
        first,
        starts,
        ends,
        cap,
        confirmed_by,
        adjustable_by,
        term,
        review_by,
        covers,
        reimburse,
        once,
        regulation: regulated,
        span: _,
    } = i;
    let mut f = Vec::new();
    push(&mut f, "title", title.as_ref().map(|t| quoted(t)));
    push(&mut f, "pay", pay.as_ref().map(rate));
    if let Some(o) = once {
        let OneOff {
            amount,
            currency,
            on,
            span: _,
        } = o;
        push(&mut f, "pay", Some(money(*amount, currency)));
        push(
            &mut f,
            "once on",
            Some(match on {
                OnceOn::Start => "start".to_string(),
                OnceOn::Date(day) => day.to_string(),
            }),
        );
    }
    push(&mut f, "to", payee.as_ref().map(|p| p.0.clone()));
    if let Some(r) = reimburse {
        let Reimburse {
            limit,
            currency,
            per,
            approved_by,
            span: _,
        } = r;
        let limit = money(*limit, currency);
        push(
            &mut f,
            "up to",
            Some(match per {
                Some(per) => format!("{limit} per {}", per.word()),
                None => limit,
            }),
        );
        push(&mut f, "approved by", list(approved_by));
    }
    push(&mut f, "starts on", starts.map(|d| d.to_string()));
    push(&mut f, "ends on", ends.map(|d| d.to_string()));
    push(&mut f, "for the first", first.as_ref().map(duration));
    // A regulation by a percentage or by an index: one facet, worded by `regulation` (one arm per kind).
    push(&mut f, "regulated", regulated.as_ref().map(regulation));
    push(
        &mut f,
        "cap",
        cap.map(|c| format!("{} per month", Value::Hours(c))),
    );
    push(&mut f, "confirmed by", list(confirmed_by));
    push(&mut f, "adjustable by", list(adjustable_by));
    push(&mut f, "term", term.as_ref().map(duration));
    push(&mut f, "review by", list(review_by));
    if !covers.is_empty() {
        let covers: Vec<String> = covers
            .iter()
            .map(|c| {
                let Covered { text, span: _ } = c;
                quoted(text)
            })
            .collect();
        f.push(("covers", covers.join(", ")));
    }
    Declaration {
        kind: match kind {
            ItemKind::Item => Kind::Item,
            ItemKind::Supplement => Kind::Supplement,
        },
        name: id.0.clone(),
        facets: f,
    }
}

fn obligation(o: &Obligation) -> Declaration {
    let Obligation {
        id,
        title,
        by,
        every,
        on,
        lasting,
        grace,
        consequence,
        consequence_span: _,
        withholds,
        uses: _, // the clauses used: their own declarations (`declarations`)
        span: _,
    } = o;
    let mut f = Vec::new();
    push(&mut f, "title", title.as_ref().map(|t| quoted(t)));
    push(&mut f, "by", list(by));
    push(&mut f, "every", every.as_ref().map(duration));
    push(&mut f, "on", on.map(|d| d.name().to_string()));
    push(
        &mut f,
        "lasting",
        lasting.map(|h| Value::Hours(h).to_string()),
    );
    push(&mut f, "grace", grace.as_ref().map(duration));
    // The consequence with its scope: `withhold fee, allowance`, `withhold` (every payment to the bound party).
    push(
        &mut f,
        "when missed",
        consequence.map(|c| match c {
            Consequence::Withhold if withholds.is_empty() => "withhold".to_string(),
            Consequence::Withhold => {
                let names: Vec<&str> = withholds.iter().map(|w| w.0.as_str()).collect();
                format!("withhold {}", names.join(", "))
            }
            Consequence::Flag => "flag".to_string(),
        }),
    );
    Declaration {
        kind: Kind::Obligation,
        name: id.0.clone(),
        facets: f,
    }
}

/// `10,000.00 DKK`.
fn money(amount: rust_decimal::Decimal, currency: &str) -> String {
    Value::Money {
        amount,
        currency: currency.to_string(),
    }
    .to_string()
}

/// `60,000.00 DKK per month`.
pub(crate) fn rate(r: &MoneyRate) -> String {
    Value::Rate {
        of: Box::new(Value::Money {
            amount: r.amount,
            currency: r.currency.clone(),
        }),
        per: r.per,
    }
    .to_string()
}

/// `by 2.5 % each year from 2020-01-01`, `by index `pl` each year from 2020-01-01`.
fn regulation(r: &Regulation) -> String {
    let by = match &r.by {
        RegulatedBy::Percent(percent) => format!("{} %", percent.normalize()),
        RegulatedBy::Index(index) => format!("index `{index}`"),
    };
    format!("by {by} each year from {}", r.from)
}

fn duration(d: &Duration) -> String {
    Value::Duration {
        amount: d.amount,
        calendar: d.calendar,
    }
    .to_string()
}

fn role(r: Role) -> String {
    Role::ALL
        .iter()
        .find(|(_, x)| *x == r)
        .map_or_else(String::new, |(name, _)| (*name).to_string())
}

fn list(parties: &[PartyId]) -> Option<String> {
    (!parties.is_empty()).then(|| {
        parties
            .iter()
            .map(|p| p.0.as_str())
            .collect::<Vec<_>>()
            .join(" and ")
    })
}

fn quoted(text: &str) -> String {
    format!("\"{text}\"")
}
