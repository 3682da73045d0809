//! The checker's diagnostics on contracts, operands, payment terms, expenses, currencies, placeholders and the
//! advice on amounts, durations and dates (lang/check: contract.rs, operands.rs, terms.rs, expenses.rs,
//! currency.rs, placeholder.rs, advice.rs, words.rs) shown in Danish: each case is checked and every diagnostic
//! put in Danish with `in_language`, so that each of their Danish texts is read by a test. The cases are corpus
//! files (their English output is in the corpus snapshots) and a few contracts of their own below.

use cvl_check::loader::FsLoader;
use cvl_syntax::{Diagnostic, Lang, Source, Sources, parse_source};

/// The diagnostics of checking `text`, in Danish, one block each: where, the code, the message, then the label,
/// the secondary labels and the help.
#[expect(clippy::expect_used, reason = "a test's own source is there")]
fn danish(name: &str, text: &str) -> String {
    let mut sources = Sources::new();
    let id = sources.add(Source::new(name, text));
    let source = sources.get(id).expect("the source just added").clone();
    let parsed = parse_source(id, &source);
    let mut problems = parsed.problems.into_sorted();
    let checked = cvl_check::check(
        &mut sources,
        id,
        &parsed.file,
        &mut FsLoader::new(Vec::new()),
    );
    problems.extend(checked.problems.into_sorted());
    let mut out = String::new();
    for problem in &problems {
        out.push_str(&block(&source, &problem.in_language(Lang::Da)));
    }
    out
}

fn block(source: &Source, d: &Diagnostic) -> String {
    let at = source.line_col(d.span.start);
    let mut out = format!("{}:{}: {}: {}\n", at.line, at.column, d.code, d.message);
    if !d.label.is_empty() {
        out.push_str(&format!("  label: {}\n", d.label));
    }
    for secondary in &d.secondary {
        out.push_str(&format!("  also: {}\n", secondary.message));
    }
    if let Some(help) = &d.help {
        out.push_str(&format!("  help: {help}\n"));
    }
    out
}

/// The corpus files whose diagnostics are these files' (a few also show others', in English until they are in the
/// catalogue).
const CORPUS: &[&str] = &[
    "E0007-amount-with-three-decimals",
    "E0007-decimals-per-currency",
    "E0007-duration-not-whole",
    "E0007-factor-with-more-decimals",
    "E0014-duplicate-name",
    "E0015-unknown-party",
    "E0017-computed-duration-not-whole",
    "E0018-date-written-another-way",
    "E0018-number-without-unit",
    "E0018-pay-without-rate",
    "E0018-reimbursement-limit-not-money",
    "E0019-reimbursement-limit-per-week",
    "E0019-weekly-amount",
    "E0020-negative-payment",
    "E0021-ends-before-starts",
    "E0022-no-case",
    "E0024-adjustable-by-non-signatory",
    "E0025-reimburse-in-a-supplement",
    "E0025-statement-in-the-wrong-block",
    "E0026-statement-twice",
    "E0030-missing-pay",
    "E0030-reimbursed-without-limit-or-approver",
    "E0034-unknown-weekday",
    "E0035-unknown-role",
    "E0036-ends-when-terminated-without-termination",
    "E0036-unknown-event-kind",
    "E0040-duration-over-a-century",
    "E0040-ends-after-past-the-calendar",
    "E0040-ends-on-past-a-century",
    "E0042-amount-beyond-the-limits",
    "E0042-reimbursement-limit-beyond-the-limits",
    "E0044-cvr-not-eight-digits",
    "E0044-cvr-too-short",
    "E0044-cvr-wrong-check-digit",
    "E0045-cvr-declared-twice",
    "E0046-covers-an-empty-string",
    "E0047-covered-by-two-items",
    "E0047-covered-twice-in-an-item",
    "E0048-covers-on-a-reimbursed-item",
    "E0048-dates-on-a-reimbursed-item",
    "E0048-hours-terms-on-a-reimbursed-item",
    "E0048-limit-without-reimburse",
    "E0048-pay-and-reimburse",
    "E0049-limit-not-above-zero",
    "E0050-due-day-not-a-day",
    "E0051-interest-not-a-percentage",
    "E0056-two-currencies",
    "E0058-placeholders",
    "W0002-unused-clause",
    "W0003-cap-of-no-hours",
];

#[test]
fn the_corpus_in_danish() {
    let mut all = String::new();
    for name in CORPUS {
        let path = format!("corpus/check/{name}.cvl");
        let text = std::fs::read_to_string(&path).expect("a corpus file");
        all.push_str(&format!("=== {name}\n{}", danish(&path, &text)));
    }
    insta::assert_snapshot!(all);
}

/// Cases the corpus does not show, each a contract of its own.
const CASES: &[(&str, &str)] = &[
    (
        "two contracts and two clauses of one name",
        "clause c() { }\nclause c() { }\ncontract k { }\ncontract k { }\n",
    ),
    (
        "a party in a clause, a duration in weeks and years, a negative cap, parties that are not",
        "clause c(p: party) {
  party q { }
}
contract k {
  case \"A\"
  party a { role payer }
  party b { role provider }
  signed by a and b
  starts on 2019-01-15
  ends after 0.5 years
  paid monthly in arrears
  item i {
    pay 100 DKK per hour to b
    cap -1 hours per month
    confirmed by i
  }
  item j {
    pay 10 DKK per month to nobody
    for the first 1.5 months
  }
  obligation o { by a every 2.5 weeks }
  obligation p { by a every 1 month / 2 }
  obligation q { by a every -1 months }
  obligation r { by a every 30 }
  item y { pay 1.2345 EUR per month to b }
  item z { pay 100.5 JPY per month to b  }
  item w { pay 1.2345 KWD per month to b }
  item v { pay 100.0 JPY per month to b }
  item u { pay 10 DKK per week to b }
  item t { pay 10 DKK per year to b }
  item s { pay 1 DKK per month * 1.2345 hours to b }
  item x { pay -5 DKK per month to b }
}
",
    ),
    (
        "a date written year first, a term of 3.5 days, an item never active, a one-off outside",
        "contract k {
  case \"A\"
  party a { role payer }
  party b { role provider }
  signed by a and b
  starts on 2019-01-15
  ends on 2019-12-31
  paid monthly in arrears, due on day 1.5
  item i { pay 10 DKK per month to b starts on 2024-3-1 }
  item j { pay 10 DKK per month to b starts on 2020-06-01 }
  item k2 { pay 10 DKK to b once on 2018-12-01 }
  obligation o { by a every 3.5 days }
  obligation p { by a every 1.5 hours }
}
",
    ),
    (
        "rates of interest, due days, covers in white space, a cvr written with its prefix",
        "contract k {
  case \"A\"
  party a { role payer cvr \"DK 1234 5678\" }
  party b { role provider }
  signed by a and b
  starts on 2019-01-15
  paid monthly in arrears, due on day 40
  interest 10 % per month
  item i { pay 10 DKK per month to b covers \"  \" }
}
contract l {
  case \"B\"
  party a { role payer }
  party b { role provider }
  signed by a and b
  starts on 2019-01-15
  paid monthly in arrears, due on day 2019-01-01
  interest 100.5 % per year
}
contract m {
  case \"C\"
  party a { role payer }
  party b { role provider }
  signed by a and b
  starts on 2019-01-15
  paid monthly in arrears
  interest 2019-01-01 per year
}
contract n {
  case \"D\"
  party a { role payer }
  party b { role provider }
  signed by a and b
  starts on 2019-01-15
  paid monthly in arrears
  interest 1.123456 % per year
  item i { reimburse to b up to 10 DKK per month approved by a }
  item j { reimburse to b up to 10 DKK per day approved by a }
  item k2 { reimburse to b up to 10 hours approved by a }
}
",
    ),
    (
        "an end that never comes, an unknown weekday, a negative rate, a name that is not a party",
        "clause c(n: date) {
  item x { pay 1 DKK per month to n }
}
contract k {
  case \"A\"
  party a { role payer }
  party b { role provider }
  signed by a and b
  starts when qqqqqqqqq
  ends after 0 days
  paid monthly in arrears
  interest -1 % per year
  use c(n: 2019-01-01)
  obligation o { by a every 1 weeks on qqqqqqqqq when missed flag }
}
contract l {
  case \"B\"
  party a { role payer }
  party b { role provider }
  signed by a and b
  starts on 2019-01-15
  ends after 1.05 years
  paid monthly in arrears
}
",
    ),
    (
        "a placeholder without words",
        "contract todo_ {
  case \"TODO:\"
}
",
    ),
];

#[test]
fn cases_of_their_own_in_danish() {
    let mut all = String::new();
    for (name, text) in CASES {
        all.push_str(&format!("=== {name}\n{}", danish("case.cvl", text)));
    }
    insta::assert_snapshot!(all);
}
