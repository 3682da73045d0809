//! Tests of reimbursed items (spec 4.8, 9.2): an `expense_approved` event is admitted by a party of `approved by`,
//! with an amount, a date within the contract's period and a reference; the approvals of one limit period never
//! pass the limit; and a reimbursed item adds no line to any month's payment.

use super::*;

const ITEMS: &str = "  item stay { pay 60_000 DKK per month to home }
  item medicine {
    reimburse to home
    up to 10_000 DKK per year
    approved by kommune
  }
  item dentist {
    reimburse to home
    up to 3_000 DKK per month
    approved by kommune, home
  }
  item lump {
    reimburse to home
    up to 5_000 DKK
    approved by kommune
  }";

fn placement() -> Contract {
    contract("2019-01-15", &format!("  ends on 2020-01-14\n{ITEMS}"))
}

fn approval(
    at: &str,
    actor: &str,
    item: &str,
    amount: &str,
    date: &str,
    reference: &str,
) -> String {
    format!(
        r#"{at} expense_approved {actor} {{"item":"{item}","amount":{amount},"date":"{date}","reference":"{reference}"}}"#
    )
}

fn with_signatures(more: &[String]) -> Vec<String> {
    SIGNED
        .iter()
        .map(|s| s.to_string())
        .chain(more.iter().cloned())
        .collect()
}

fn decide_all(c: &Contract, lines: &[String]) -> Decision {
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    decide(c, &lines, Some("2019-12-31"))
}

fn refusal(c: &Contract, lines: &[String]) -> String {
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    refuse(c, &lines)
}

#[test]
fn approvals_within_the_limit_are_listed_and_pay_no_monthly_line() {
    let c = placement();
    let lines = with_signatures(&[
        approval(
            "2019-05-06",
            "kommune",
            "medicine",
            r#""1200.00""#,
            "2019-05-03",
            "RX-2019-05",
        ),
        approval(
            "2019-09-12",
            "kommune",
            "medicine",
            r#""8800""#,
            "2019-09-10",
            "GLASSES-2019-09",
        ),
        approval("2019-09-13", "home", "dentist", "3000", "2019-09-01", "D-1"),
    ]);
    let d = decide_all(&c, &lines);
    let listed: Vec<(String, String, String, String, String, String, String)> = d
        .expenses
        .iter()
        .map(|e| {
            (
                e.item.0.clone(),
                e.payee.0.clone(),
                e.approved_by.0.clone(),
                format!("{:.2}", e.amount),
                e.date.to_string(),
                e.reference.clone(),
                e.event.clone(),
            )
        })
        .collect();
    let row = |a: &str, b: &str, c: &str, d: &str, e: &str, f: &str, g: &str| {
        (
            a.into(),
            b.into(),
            c.into(),
            d.into(),
            e.into(),
            f.into(),
            g.into(),
        )
    };
    assert_eq!(
        listed,
        [
            row(
                "medicine",
                "home",
                "kommune",
                "1200.00",
                "2019-05-03",
                "RX-2019-05",
                "e3"
            ),
            row(
                "medicine",
                "home",
                "kommune",
                "8800.00",
                "2019-09-10",
                "GLASSES-2019-09",
                "e4"
            ),
            row(
                "dentist",
                "home",
                "home",
                "3000.00",
                "2019-09-01",
                "D-1",
                "e5"
            ),
        ]
    );
    // Only the stay is paid month by month: the months are as they are without any reimbursed item.
    let without = contract(
        "2019-01-15",
        "  ends on 2020-01-14\n  item stay { pay 60_000 DKK per month to home }",
    );
    let plain = decide(&without, &SIGNED, Some("2019-12-31"));
    assert_eq!(d.payments, plain.payments);
    assert!(
        d.payments
            .iter()
            .flat_map(|p| &p.lines)
            .all(|l| l.item.0 == "stay")
    );
}

#[test]
fn the_limit_counts_per_calendar_year_month_or_the_whole_contract() {
    let c = placement();
    // 10,000 in 2019 and again in 2020: a new calendar year.
    let yearly = with_signatures(&[
        approval(
            "2019-12-30",
            "kommune",
            "medicine",
            r#""10000.00""#,
            "2019-12-30",
            "A",
        ),
        approval(
            "2020-01-10",
            "kommune",
            "medicine",
            r#""1.00""#,
            "2020-01-02",
            "B",
        ),
    ]);
    let lines: Vec<&str> = yearly.iter().map(String::as_str).collect();
    assert_eq!(
        evaluate(&c, events(&lines), None).unwrap().expenses.len(),
        2
    );
    // 3,000 a month: a second approval in September passes it, one in October does not.
    let monthly = with_signatures(&[
        approval(
            "2019-09-30",
            "kommune",
            "dentist",
            r#""2000""#,
            "2019-09-02",
            "A",
        ),
        approval(
            "2019-10-01",
            "kommune",
            "dentist",
            r#""3000""#,
            "2019-10-01",
            "B",
        ),
        approval(
            "2019-10-02",
            "kommune",
            "dentist",
            r#""1000.01""#,
            "2019-09-30",
            "C",
        ),
    ]);
    assert_eq!(
        refusal(&c, &monthly),
        "line 5 (event `e5`): approving 1,000.01 DKK for `dentist` would bring its approved expenses for 2019-09 to 3,000.01 DKK, past its limit of 3,000.00 DKK per month: 2,000.00 DKK is approved already, so at most 1,000.00 DKK more can be"
    );
    // Without `per`, over the whole contract, across years.
    let whole = with_signatures(&[
        approval(
            "2019-03-01",
            "kommune",
            "lump",
            r#""4000""#,
            "2019-03-01",
            "A",
        ),
        approval(
            "2020-01-10",
            "kommune",
            "lump",
            r#""1500""#,
            "2020-01-10",
            "B",
        ),
    ]);
    assert_eq!(
        refusal(&c, &whole),
        "line 4 (event `e4`): approving 1,500.00 DKK for `lump` would bring its approved expenses for the whole contract to 5,500.00 DKK, past its limit of 5,000.00 DKK: 4,000.00 DKK is approved already, so at most 1,000.00 DKK more can be"
    );
}

#[test]
fn an_approval_past_the_yearly_limit_is_refused_naming_both_amounts() {
    let c = placement();
    let lines = with_signatures(&[
        approval(
            "2019-05-06",
            "kommune",
            "medicine",
            r#""1200.00""#,
            "2019-05-03",
            "RX-2019-05",
        ),
        approval(
            "2019-09-12",
            "kommune",
            "medicine",
            r#""9000.00""#,
            "2019-09-10",
            "GLASSES-2019-09",
        ),
    ]);
    insta::assert_snapshot!(refusal(&c, &lines), @"line 4 (event `e4`): approving 9,000.00 DKK for `medicine` would bring its approved expenses for 2019 to 10,200.00 DKK, past its limit of 10,000.00 DKK per year: 1,200.00 DKK is approved already, so at most 8,800.00 DKK more can be");
}

#[test]
fn approvals_that_do_not_fit_are_refused_with_the_reason() {
    let c = placement();
    let cases = [
        // The wrong actor: the provider is reimbursed, the municipality approves.
        approval(
            "2019-05-06",
            "home",
            "medicine",
            r#""100""#,
            "2019-05-03",
            "R",
        ),
        // Not a party at all.
        approval(
            "2019-05-06",
            "someone",
            "medicine",
            r#""100""#,
            "2019-05-03",
            "R",
        ),
        // Not an item, and an item that is not reimbursed.
        approval(
            "2019-05-06",
            "kommune",
            "glasses",
            r#""100""#,
            "2019-05-03",
            "R",
        ),
        approval(
            "2019-05-06",
            "kommune",
            "stay",
            r#""100""#,
            "2019-05-03",
            "R",
        ),
        // Amounts: too many decimals, negative, zero, not a decimal, a fraction as a JSON number, past spec 7.
        approval(
            "2019-05-06",
            "kommune",
            "medicine",
            r#""100.005""#,
            "2019-05-03",
            "R",
        ),
        approval(
            "2019-05-06",
            "kommune",
            "medicine",
            r#""-100""#,
            "2019-05-03",
            "R",
        ),
        approval(
            "2019-05-06",
            "kommune",
            "medicine",
            r#""0.00""#,
            "2019-05-03",
            "R",
        ),
        approval(
            "2019-05-06",
            "kommune",
            "medicine",
            r#""1e3""#,
            "2019-05-03",
            "R",
        ),
        approval(
            "2019-05-06",
            "kommune",
            "medicine",
            "100.5",
            "2019-05-03",
            "R",
        ),
        approval(
            "2019-05-06",
            "kommune",
            "medicine",
            r#""1000000000000.01""#,
            "2019-05-03",
            "R",
        ),
        // Dates: not a date, after the event, before the contract starts, after its last day.
        approval(
            "2019-05-06",
            "kommune",
            "medicine",
            r#""100""#,
            "2019-02-30",
            "R",
        ),
        approval(
            "2019-05-06",
            "kommune",
            "medicine",
            r#""100""#,
            "2019-05-07",
            "R",
        ),
        approval(
            "2019-05-06",
            "kommune",
            "medicine",
            r#""100""#,
            "2019-01-14",
            "R",
        ),
        approval(
            "2020-02-01",
            "kommune",
            "medicine",
            r#""100""#,
            "2020-01-15",
            "R",
        ),
        // References: blank, and longer than 200 characters.
        approval(
            "2019-05-06",
            "kommune",
            "medicine",
            r#""100""#,
            "2019-05-03",
            " ",
        ),
        approval(
            "2019-05-06",
            "kommune",
            "medicine",
            r#""100""#,
            "2019-05-03",
            &"x".repeat(201),
        ),
    ];
    let mut refusals = Vec::new();
    for case in cases {
        refusals.push(refusal(&c, &with_signatures(&[case])));
    }
    for (fields, reason) in [
        (
            r#"{"item":"medicine","amount":"100","date":"2019-05-03"}"#,
            "missing reference",
        ),
        (
            r#"{"item":"medicine","amount":"100","date":"2019-05-03","reference":"R","note":1}"#,
            "unknown field",
        ),
    ] {
        let mut lines: Vec<String> = SIGNED.iter().map(|s| s.to_string()).collect();
        lines.push(format!("2019-05-06 expense_approved kommune {fields}"));
        refusals.push(format!("{reason}: {}", refusal(&c, &lines)));
    }
    insta::assert_snapshot!(refusals.join("\n"));
}

#[test]
fn a_reference_of_200_characters_is_admitted_and_the_limit_exactly_too() {
    let c = placement();
    let lines = with_signatures(&[approval(
        "2019-05-06",
        "kommune",
        "medicine",
        r#""10000""#,
        "2019-05-03",
        &"é".repeat(200),
    )]);
    assert_eq!(decide_all(&c, &lines).expenses.len(), 1);
}

#[test]
fn an_expense_after_the_termination_or_before_a_start_on_an_event_is_refused() {
    let c = contract(
        "2019-01-15",
        &format!("  termination {{ signed by kommune and home }}\n{ITEMS}"),
    );
    let lines = with_signatures(&[
        r#"2019-03-01 terminated kommune {"effective":"2019-03-31"}"#.to_string(),
        r#"2019-03-01 terminated home {"effective":"2019-03-31"}"#.to_string(),
        approval(
            "2019-03-31",
            "kommune",
            "medicine",
            r#""100""#,
            "2019-03-31",
            "R",
        ),
    ]);
    assert_eq!(decide_all(&c, &lines).expenses.len(), 1);
    let c = checked(format!(
        "contract c {{
  case \"T-1\"
  party kommune {{ role payer key \"ed25519:AxiotVCLTRFo8Z11ewELoFkGa9ySVw2ilQO/w2dIIB4=\" }}
  party home {{ role provider key \"ed25519:WM/CGf94Y3JJ9BHySBlUNpcKatyx4+4tLFdc58wBPjU=\" }}
  signed by kommune and home
  starts when started
  paid monthly in arrears
{ITEMS}
}}"
    ));
    let lines = with_signatures(&[approval(
        "2019-03-01",
        "kommune",
        "medicine",
        r#""100""#,
        "2019-03-01",
        "R",
    )]);
    assert_eq!(
        refusal(&c, &lines),
        "line 3 (event `e3`): the contract has not started, so no expense of `medicine` can be approved yet"
    );
}
