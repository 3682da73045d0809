//! Tests of the reconciliation and the interest, each figure worked out by hand in a comment.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_check::model::Contract;
use cvl_check::{LoadError, Loader, Request};
use cvl_event::Event;
use cvl_syntax::{FileId, Source, Sources, parse_source};

use crate::{Basis, Rates, interest, reconcile};

struct NoImports;

impl Loader for NoImports {
    fn load(&mut self, _: &mut Sources, _: FileId, _: Request<'_>) -> Result<FileId, LoadError> {
        Err(LoadError::NotFound { searched: vec![] })
    }
}

fn contract(terms: &str) -> Contract {
    let text = format!(
        "contract c {{
  case \"T-1\"
  party kommune {{ role payer key \"ed25519:AxiotVCLTRFo8Z11ewELoFkGa9ySVw2ilQO/w2dIIB4=\" }}
  party home {{ role provider key \"ed25519:WM/CGf94Y3JJ9BHySBlUNpcKatyx4+4tLFdc58wBPjU=\" }}
  signed by kommune and home
  starts on 2019-01-01
  ends on 2019-03-31
  {terms}
  item stay {{ pay 10_000 DKK per month to home }}
}}"
    );
    let mut sources = Sources::new();
    let id = sources.add(Source::new("c.cvl", text));
    let parsed = parse_source(id, sources.get(id).unwrap());
    let checked = cvl_check::check(&mut sources, id, &parsed.file, &mut NoImports);
    assert!(
        checked.problems.iter().all(|d| !d.is_error()),
        "{:?}",
        checked.problems
    );
    checked.contracts.into_iter().next().unwrap()
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn d(text: &str) -> Decimal {
    Decimal::from_str_exact(text).unwrap()
}

fn decide(contract: &Contract, paid: &[(&str, &str, &str)], until: &str) -> cvl_eval::Decision {
    let mut lines = vec![
        r#"{"id":"s1","at":"2018-12-01","kind":"signed","actor":"kommune","data":{}}"#.to_string(),
        r#"{"id":"s2","at":"2018-12-01","kind":"signed","actor":"home","data":{}}"#.to_string(),
    ];
    for (i, (when, amount, months)) in paid.iter().enumerate() {
        // `AT/DATE`: an event at AT recording a payment made on DATE; `DATE` alone: both.
        let (at, on) = when.split_once('/').unwrap_or((when, when));
        lines.push(format!(
            r#"{{"id":"p{}","at":"{at}","kind":"paid","actor":"kommune","data":{{"payee":"home","amount":"{amount}","date":"{on}","months":{months},"reference":"R{}"}}}}"#,
            i + 1,
            i + 1
        ));
    }
    let events = lines
        .iter()
        .enumerate()
        .map(|(i, l)| Event::parse(i + 1, l));
    cvl_eval::evaluate(contract, events, Some(date(until))).unwrap()
}

#[test]
fn without_a_due_day_a_month_falls_due_on_the_last_day_of_the_next() {
    let c = contract("paid monthly in arrears");
    assert_eq!(
        cvl_eval::due_date(&c, cvl_eval::Month::parse("2019-01").unwrap()),
        date("2019-02-28")
    );
    let c = contract("paid monthly in arrears, due on day 31");
    // Day 31 of February is its last day.
    assert_eq!(
        cvl_eval::due_date(&c, cvl_eval::Month::parse("2019-01").unwrap()),
        date("2019-02-28")
    );
    let c = contract("paid monthly in arrears, due on day 10");
    assert_eq!(
        cvl_eval::due_date(&c, cvl_eval::Month::parse("2019-12").unwrap()),
        date("2020-01-10")
    );
}

#[test]
fn a_payment_is_spread_over_its_months_in_order_and_the_rest_is_overpaid() {
    let c = contract("paid monthly in arrears, due on day 10\n  interest 10 % per year");
    // 25,000.00 for January and February (10,000.00 each): 10,000 + 10,000, 5,000 overpaid against February.
    let decision = decide(
        &c,
        &[("2019-02-05", "25000.00", r#"["2019-01","2019-02"]"#)],
        "2019-03-31",
    );
    let r = reconcile(&c, &decision, date("2019-03-31"), Basis::Contract(d("10"))).unwrap();
    let home = &r.payees[0];
    let months: Vec<(String, Decimal, Decimal, Decimal)> = home
        .months
        .iter()
        .map(|m| (m.month.to_string(), m.paid, m.outstanding, m.overpaid))
        .collect();
    assert_eq!(
        months,
        vec![
            ("2019-01".to_string(), d("10000"), d("0"), d("0")),
            ("2019-02".to_string(), d("15000"), d("0"), d("5000")),
            ("2019-03".to_string(), d("0"), d("0"), d("0")),
        ]
    );
    // March falls due on 2019-04-10, after the date decided as of: not yet due, not owed, no interest.
    assert_eq!(home.interest, Some(d("0")));
    assert_eq!(home.outstanding, d("0"));
    assert_eq!(home.not_yet_due, d("10000"));
    assert!(home.tranches.is_empty());
    let upcoming: Vec<(String, Decimal, NaiveDate)> = home
        .upcoming
        .iter()
        .map(|t| (t.month.to_string(), t.amount, t.due))
        .collect();
    assert_eq!(
        upcoming,
        vec![("2019-03".to_string(), d("10000"), date("2019-04-10"))]
    );
    assert_eq!(
        (home.decided, home.paid, home.overpaid),
        (d("30000"), d("25000"), d("5000"))
    );
}

#[test]
fn what_is_unpaid_is_owed_from_its_due_day_and_not_yet_due_before_it() {
    let c = contract("paid monthly in arrears, due on day 10\n  interest 10 % per year");
    // As of 2019-03-10, February's due day: January (due 2019-02-10) is owed, 28 days: 10,000 × 28 × 10 / 36,500 =
    // 76.7123… = 76.71; February is owed from today, 0 days; March (due 2019-04-10) is not yet due.
    let decision = decide(&c, &[], "2019-03-31");
    let r = reconcile(&c, &decision, date("2019-03-10"), Basis::Contract(d("10"))).unwrap();
    let home = &r.payees[0];
    let months: Vec<(Decimal, Decimal, Option<Decimal>)> = home
        .months
        .iter()
        .map(|m| (m.outstanding, m.not_yet_due, m.interest))
        .collect();
    assert_eq!(
        months,
        vec![
            (d("10000"), d("0"), Some(d("76.71"))),
            (d("10000"), d("0"), Some(d("0.00"))),
            (d("0"), d("10000"), Some(d("0"))),
        ]
    );
    let march = &home.months[2].parts[0];
    assert!(march.not_yet_due && march.interest.is_none() && march.paid_on.is_none());
    assert_eq!(
        (home.outstanding, home.not_yet_due),
        (d("20000"), d("10000"))
    );
    assert_eq!(home.tranches.len(), 2);
    assert_eq!(home.upcoming.len(), 1);
    assert_eq!(home.upcoming[0].interest, None);
}

#[test]
fn payments_are_spread_by_the_day_paid_not_the_order_of_the_log() {
    let c = contract("paid monthly in arrears, due on day 10\n  interest 10 % per year");
    // The log records first a payment of 2019-03-20 for January and February, then (entered late) one of
    // 2019-02-05 for January. Spread by date: 2019-02-05 pays January on time (10,000.00, no interest); 2019-03-20
    // pays February, 10 days late (Mar 11 to Mar 20): 10,000 × 10 × 10 / 36,500 = 27.3972… = 27.40. In the log's
    // order, January would have been counted paid 38 days late and the on-time payment overpaid.
    let decision = decide(
        &c,
        &[
            ("2019-03-20", "10000.00", r#"["2019-01","2019-02"]"#),
            ("2019-03-21/2019-02-05", "10000.00", r#"["2019-01"]"#),
        ],
        "2019-03-31",
    );
    let r = reconcile(&c, &decision, date("2019-03-31"), Basis::Contract(d("10"))).unwrap();
    let home = &r.payees[0];
    let jan = &home.months[0];
    assert_eq!(jan.parts.len(), 1);
    assert_eq!(jan.parts[0].paid_on, Some(date("2019-02-05")));
    assert_eq!((jan.parts[0].days, jan.interest), (0, Some(d("0.00"))));
    let feb = &home.months[1];
    assert_eq!(feb.parts[0].paid_on, Some(date("2019-03-20")));
    assert_eq!((feb.parts[0].days, feb.interest), (10, Some(d("27.40"))));
    assert_eq!(home.overpaid, d("0"));
}

#[test]
fn the_interest_acts_rate_is_never_below_zero() {
    let rates = Rates::parse(
        "source = \"test\"\n[[rate]]\nfrom = 2019-01-01\npercent = \"-9\"\n[[rate]]\nfrom = 2019-07-01\npercent = \"-7\"\n",
    )
    .unwrap();
    // Due 2019-06-20, counted to 2019-07-10: 10 days in June at -9 + 8 = -1 %, floored to 0; 10 in July at
    // -7 + 8 = 1 %: 36,500 × (10 × 0 + 10 × 1) / 36,500 = 10.00, never less.
    let (days, owed) = interest(
        d("36500"),
        date("2019-06-20"),
        date("2019-07-10"),
        Basis::InterestAct(&rates),
    )
    .unwrap();
    assert_eq!((days, owed), (20, Some(d("10.00"))));
    // The reconciliation names the half-year whose rate was floored.
    let c = contract("paid monthly in arrears, due on day 10");
    let decision = decide(&c, &[], "2019-03-31");
    let r = reconcile(
        &c,
        &decision,
        date("2019-03-31"),
        Basis::InterestAct(&rates),
    )
    .unwrap();
    assert_eq!(r.floored, vec![date("2019-01-01")]);
    assert_eq!(r.payees[0].interest, Some(d("0")));
}

#[test]
fn nothing_is_counted_past_the_reach() {
    let c = contract("paid monthly in arrears, due on day 10\n  interest 10 % per year");
    let decision = decide(&c, &[], "2019-03-31");
    // The contract starts 2019-01-01: its reach is 2118-12-31. Asked as of 2200-01-01, interest is counted to the
    // reach, and `as_of` gives that bound to every caller.
    let reach = date("2118-12-31");
    assert_eq!(decision.reach, Some(reach));
    assert_eq!(
        crate::as_of(&decision, Some(date("2200-01-01"))),
        Some(reach)
    );
    assert_eq!(crate::as_of(&decision, None), Some(date("2019-03-31")));
    let far = reconcile(&c, &decision, date("2200-01-01"), Basis::Contract(d("10"))).unwrap();
    let bound = reconcile(&c, &decision, reach, Basis::Contract(d("10"))).unwrap();
    assert_eq!(far, bound);
    assert_eq!(far.as_of, reach);
}

#[test]
fn a_partial_payment_stops_interest_on_what_it_paid() {
    let c = contract("paid monthly in arrears, due on day 10\n  interest 10 % per year");
    // January is due 2019-02-10. 4,000.00 paid on 2019-03-02: 20 days late (Feb 11 to Mar 2); 4,000 × 20 × 10 /
    // 36,500 = 21.9178… = 21.92. The other 6,000.00 is owed through 2019-03-31: 49 days; 6,000 × 49 × 10 / 36,500 =
    // 80.5479… = 80.55. February's 10,000.00, due 2019-03-10, is owed 21 days: 10,000 × 21 × 10 / 36,500 =
    // 57.5342… = 57.53.
    let decision = decide(
        &c,
        &[("2019-03-02", "4000.00", r#"["2019-01"]"#)],
        "2019-03-31",
    );
    let r = reconcile(&c, &decision, date("2019-03-31"), Basis::Contract(d("10"))).unwrap();
    let jan = &r.payees[0].months[0];
    let parts: Vec<(u32, Option<Decimal>)> =
        jan.parts.iter().map(|p| (p.days, p.interest)).collect();
    assert_eq!(parts, vec![(20, Some(d("21.92"))), (49, Some(d("80.55")))]);
    assert_eq!(jan.interest, Some(d("102.47")));
    assert_eq!(r.payees[0].months[1].interest, Some(d("57.53")));
    assert_eq!(r.payees[0].interest, Some(d("160.00")));
}

#[test]
fn interest_act_rates_change_on_1_july() {
    let rates = Rates::parse(
        "source = \"test\"\n[[rate]]\nfrom = 2019-01-01\npercent = \"1\"\n[[rate]]\nfrom = 2019-07-01\npercent = \"2\"\n",
    )
    .unwrap();
    // Due 2019-06-20, counted to 2019-07-10: 10 days in June at 1 + 8 = 9 %, 10 in July at 2 + 8 = 10 %;
    // 36,500 × (10 × 9 + 10 × 10) / 36,500 = 190.00.
    let (days, owed) = interest(
        d("36500"),
        date("2019-06-20"),
        date("2019-07-10"),
        Basis::InterestAct(&rates),
    )
    .unwrap();
    assert_eq!((days, owed), (20, Some(d("190.00"))));
    // A day of a half-year the file has no rate for is refused.
    let missing = interest(
        d("1"),
        date("2019-12-20"),
        date("2020-01-02"),
        Basis::InterestAct(&rates),
    );
    assert_eq!(missing.unwrap_err().half_year, date("2020-01-01"));
}

#[test]
fn a_rates_file_is_read_as_toml_reads_it() {
    let rate = "[[rate]]\nfrom = 2019-01-01\npercent = \"0.05\"\n";
    // Each is TOML for the same rate: a byte-order mark, escapes in strings, a literal string, comments after a
    // value, more decimals than needed, a sign, blank lines and indentation.
    let accepted = [
        format!("\u{feff}source = \"x\"\n{rate}"),
        format!("source = \"the \\\"udlånsrente\\\" \\u00e6\"\n{rate}"),
        format!("source = 'C:\\rates'\n{rate}"),
        "source = \"x\" # where from\n[[rate]] # the first\nfrom = 2019-01-01 # a date\npercent = \"0.05\" # a rate\n"
            .to_string(),
        "source = \"x\"\n[[rate]]\nfrom = 2019-01-01\npercent = \"0.0500000\"\n".to_string(),
        "source = \"x\"\n[[rate]]\nfrom = 2019-01-01\npercent = \"+0.05\"\n".to_string(),
        "\n\n  source = \"x\"\r\n\n  [[rate]]\r\n  from = 2019-01-01\r\n  percent = \"0.05\"\r\n".to_string(),
        "source = \"x\"\nrate = [{ from = 2019-01-01, percent = \"0.05\" }]\n".to_string(),
    ];
    for text in &accepted {
        let rates = Rates::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(
            rates.rates,
            vec![(date("2019-01-01"), d("0.05"))],
            "{text:?}"
        );
    }
    assert_eq!(
        Rates::parse(&accepted[1]).unwrap().source,
        "the \"udlånsrente\" æ"
    );
    // Each refused names its line and says why.
    let refused = [
        (
            "source = \"x\"\n[[rate]]\nfrom = 2019-01-01\npercent = \"1.00001\"\n",
            4,
            "at most 4 decimals",
        ),
        (
            "source = \"x\"\n[[rate]]\nfrom = 2019-01-01\npercent = 0.05\n",
            4,
            "in double quotes",
        ),
        (
            "source = \"x\"\n[[rate]]\nfrom = 2019-01-01\npercent = \"1e-2\"\n",
            4,
            "`\"1e-2\"`",
        ),
        (
            "source = \"x\"\n[[rate]]\nfrom = \"2019-01-01\"\npercent = \"1\"\n",
            3,
            "not a date",
        ),
        (
            "source = \"x\"\n[[rate]]\nfrom = 2019-01-01T00:00:00\npercent = \"1\"\n",
            3,
            "not a date",
        ),
        (
            "source = \"x\"\n[[rate]]\nfrom = 2019-01-01\nfrom = 2019-07-01\n",
            4,
            "this is not TOML",
        ),
        ("source = \"x\n[[rate]]\n", 1, "this is not TOML"),
        (
            "source = \"x\"\n[rate]\nfrom = 2019-01-01\npercent = \"1\"\n",
            2,
            "`[[rate]]` tables",
        ),
        (
            "source = \"x\"\n[[rate]]\nfrom = 2019-01-01\npercent = \"1\"\nsource = \"y\"\n",
            5,
            "before the first",
        ),
        (
            "source = \"x\"\n[[rate]]\nfrom = 2019-01-01\npercent = \"1\"\n[[rate]]\nfrom = 2019-07-01\n",
            5,
            "needs both",
        ),
        (
            "source = \"\"\n[[rate]]\nfrom = 2019-01-01\npercent = \"1\"\n",
            1,
            "non-empty",
        ),
        ("from = 2019-01-01\n", 1, "belongs in a `[[rate]]`"),
        ("source = \"x\"\nrates = 1\n", 2, "unknown key `rates`"),
        ("source = \"x\"\n", 0, "no `[[rate]]`"),
        ("\u{feff}", 0, "where its figures come from"),
    ];
    for (text, line, says) in refused {
        let e = Rates::parse(text).expect_err(text);
        assert_eq!(e.line, line, "{text:?}: {e}");
        assert!(e.reason.contains(says), "{text:?}: {e}");
    }
}
