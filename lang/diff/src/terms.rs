//! Each declaration of a contract as named facets in words: what `cvl diff` compares (spec 8.10).
//!
//! A contract is read as a list of [`Declaration`]s, each of a kind (party, item, supplement, obligation, clause,
//! dates and the contract's own terms), a name, and its facets: a field and its value in words, in the order the
//! language writes them. Comparing two contracts is then one generic walk over declarations and facets (lib.rs),
//! so a new term of the language is one more facet here.

use cvl_check::model::{
    Contract, Duration, End, Item, ItemKind, MoneyRate, Obligation, Party, PartyId, RegulatedBy,
    Regulation, Role, Start,
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

fn own(c: &Contract) -> Declaration {
    let mut f = Vec::new();
    push(&mut f, "title", c.title.as_ref().map(|t| quoted(t)));
    push(&mut f, "case", c.case_ref.as_ref().map(|t| quoted(t)));
    push(&mut f, "signed by", list(&c.signatories));
    push(
        &mut f,
        "starts",
        c.start.as_ref().map(|s| match s {
            Start::On(date) => format!("on {date}"),
            Start::When(kind) => format!("when `{kind}`"),
        }),
    );
    push(
        &mut f,
        "ends",
        c.end.as_ref().map(|e| match e {
            End::On(date) => format!("on {date}"),
            End::After(d) => format!("after {}", duration(d)),
            End::When(kind) => format!("when `{kind}`"),
        }),
    );
    push(
        &mut f,
        "paid",
        Some(
            if c.in_arrears {
                "monthly in arrears"
            } else {
                "monthly"
            }
            .to_string(),
        ),
    );
    push(&mut f, "due on day", c.due_day.map(|d| d.to_string()));
    push(
        &mut f,
        "interest",
        c.interest
            .as_ref()
            .map(|i| format!("{} % per year", i.percent.normalize())),
    );
    if let Some(t) = &c.termination {
        if t.alone {
            // By one party alone (spec 4.12): any one of them, so joined by `or`.
            let alone = list(&t.signatories).map(|l| l.replace(" and ", " or ") + " alone");
            push(&mut f, "termination by", alone);
        } else {
            push(&mut f, "termination signed by", list(&t.signatories));
        }
        push(&mut f, "notice", t.notice.as_ref().map(duration));
    }
    Declaration {
        kind: Kind::Contract,
        name: c.name.clone(),
        facets: f,
    }
}

fn party(p: &Party) -> Declaration {
    let mut f = Vec::new();
    push(&mut f, "title", p.title.as_ref().map(|t| quoted(t)));
    push(&mut f, "role", p.role.map(role));
    push(&mut f, "cvr", p.cvr.clone());
    push(&mut f, "key", p.key.clone());
    Declaration {
        kind: Kind::Party,
        name: p.id.0.clone(),
        facets: f,
    }
}

fn item(i: &Item) -> Declaration {
    let mut f = Vec::new();
    push(&mut f, "title", i.title.as_ref().map(|t| quoted(t)));
    push(&mut f, "pay", i.rate.as_ref().map(rate));
    push(&mut f, "to", i.payee.as_ref().map(|p| p.0.clone()));
    if let Some(r) = &i.reimburse {
        let limit = Value::Money {
            amount: r.limit,
            currency: r.currency.clone(),
        };
        push(
            &mut f,
            "up to",
            Some(match r.per {
                Some(per) => format!("{limit} per {}", per.word()),
                None => limit.to_string(),
            }),
        );
        push(&mut f, "approved by", list(&r.approved_by));
    }
    push(&mut f, "starts on", i.starts.map(|d| d.to_string()));
    push(&mut f, "ends on", i.ends.map(|d| d.to_string()));
    push(&mut f, "for the first", i.first.as_ref().map(duration));
    push(&mut f, "regulated", i.regulation.as_ref().map(regulation));
    push(
        &mut f,
        "cap",
        i.cap.map(|c| format!("{} per month", Value::Hours(c))),
    );
    push(&mut f, "confirmed by", list(&i.confirmed_by));
    push(&mut f, "adjustable by", list(&i.adjustable_by));
    push(&mut f, "term", i.term.as_ref().map(duration));
    push(&mut f, "review by", list(&i.review_by));
    if !i.covers.is_empty() {
        let covers: Vec<String> = i.covers.iter().map(|c| quoted(&c.text)).collect();
        f.push(("covers", covers.join(", ")));
    }
    Declaration {
        kind: match i.kind {
            ItemKind::Item => Kind::Item,
            ItemKind::Supplement => Kind::Supplement,
        },
        name: i.id.0.clone(),
        facets: f,
    }
}

fn obligation(o: &Obligation) -> Declaration {
    let mut f = Vec::new();
    push(&mut f, "title", o.title.as_ref().map(|t| quoted(t)));
    push(&mut f, "by", list(&o.by));
    push(&mut f, "every", o.every.as_ref().map(duration));
    push(&mut f, "on", o.on.map(|d| d.name().to_string()));
    push(
        &mut f,
        "lasting",
        o.lasting.map(|h| Value::Hours(h).to_string()),
    );
    push(&mut f, "grace", o.grace.as_ref().map(duration));
    push(
        &mut f,
        "when missed",
        o.consequence.map(|c| {
            match c {
                Consequence::Withhold => "withhold",
                Consequence::Flag => "flag",
            }
            .to_string()
        }),
    );
    Declaration {
        kind: Kind::Obligation,
        name: o.id.0.clone(),
        facets: f,
    }
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
