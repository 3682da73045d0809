//! Tests of the ledger (spec 9.2, 9.7, 9.9): `invoice_approved` events admitted or refused, what is approved per
//! payee and month against what is decided, the warnings of approvals no decision backs, and what holds a month
//! back, naming the obligation's occurrence and the event that released it.

use super::*;
use crate::Month;

const SHA: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/// An `invoice_approved` line by `actor` on `date` with `lines` (the JSON of the array).
fn approval(date: &str, actor: &str, invoice: &str, lines: &str) -> String {
    format!(
        r#"{date} invoice_approved {actor} {{"invoice":"{invoice}","sha256":"{SHA}","lines":{lines}}}"#
    )
}

fn line(id: &str, item: &str, month: &str, amount: &str) -> String {
    format!(r#"{{"line":"{id}","item":"{item}","month":"{month}","amount":"{amount}"}}"#)
}

fn approved(d: &Decision, month: &str) -> String {
    d.payments
        .iter()
        .find(|p| p.period.to_string() == month)
        .map(|p| format!("{:.2}", p.approved))
        .unwrap_or_default()
}

const BODY: &str = "  item stay { pay 30_000 DKK per month to home }
  item taxi { pay 5_000 DKK per month to home for the first 3 months }
  obligation report { by home every 3 months grace 14 days when missed withhold }";

#[test]
fn approvals_are_listed_in_log_order_and_summed_per_payee_and_month() {
    let c = contract("2019-01-01", BODY);
    let a1 = approval(
        "2019-02-05",
        "kommune",
        "OV-1",
        &format!(
            "[{},{}]",
            line("1", "stay", "2019-01", "30000.00"),
            line("2", "taxi", "2019-01", "5000")
        ),
    );
    let a2 = approval(
        "2019-03-05",
        "kommune",
        "OV-2",
        &format!("[{}]", line("1", "stay", "2019-02", "30000.00")),
    );
    // A credit note reduces what was approved for January.
    let a3 = approval(
        "2019-03-06",
        "kommune",
        "CN-1",
        &format!("[{}]", line("1", "taxi", "2019-01", "-1000.50")),
    );
    let lines = [SIGNED[0], SIGNED[1], &a1, &a2, &a3];
    let d = decide(&c, &lines, Some("2019-03-31"));
    let listed: Vec<(String, String, String, String, String, String)> = d
        .approvals
        .iter()
        .map(|a| {
            (
                a.invoice.clone(),
                a.event.clone(),
                a.line.clone(),
                a.item.0.clone(),
                a.month.to_string(),
                a.amount.to_string(),
            )
        })
        .collect();
    let row = |a: &str, b: &str, c: &str, d: &str, e: &str, f: &str| {
        (
            a.to_string(),
            b.to_string(),
            c.to_string(),
            d.to_string(),
            e.to_string(),
            f.to_string(),
        )
    };
    assert_eq!(
        listed,
        [
            row("OV-1", "e3", "1", "stay", "2019-01", "30000.00"),
            row("OV-1", "e3", "2", "taxi", "2019-01", "5000"),
            row("OV-2", "e4", "1", "stay", "2019-02", "30000.00"),
            row("CN-1", "e5", "1", "taxi", "2019-01", "-1000.50"),
        ]
    );
    assert_eq!(d.approvals[0].payee.0, "home");
    assert_eq!(d.approvals[0].sha256, SHA);
    assert_eq!(d.approvals[0].date.to_string(), "2019-02-05");
    assert_eq!(approved(&d, "2019-01"), "33999.50");
    assert_eq!(approved(&d, "2019-02"), "30000.00");
    assert_eq!(approved(&d, "2019-03"), "0.00");
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    // What is approved changes no total.
    let without = decide(&c, &lines[..2], Some("2019-03-31"));
    assert_eq!(totals(&d, "home"), totals(&without, "home"));
}

#[test]
fn approvals_no_decision_backs_are_warned_of_never_dropped() {
    let c = contract("2019-01-01", BODY);
    let over = approval(
        "2019-02-05",
        "kommune",
        "OV-1",
        &format!(
            "[{},{}]",
            line("1", "stay", "2019-01", "30000.00"),
            line("2", "taxi", "2019-01", "5000.01")
        ),
    );
    let ahead = approval(
        "2019-02-06",
        "kommune",
        "OV-9",
        &format!("[{}]", line("1", "stay", "2019-09", "30000.00")),
    );
    let credit = approval(
        "2019-02-07",
        "kommune",
        "CN-2",
        &format!("[{}]", line("1", "taxi", "2019-02", "-1.00")),
    );
    let d = decide(
        &c,
        &[SIGNED[0], SIGNED[1], &over, &ahead, &credit],
        Some("2019-02-28"),
    );
    assert_eq!(approved(&d, "2019-01"), "35000.01");
    assert_eq!(
        d.warnings,
        [
            "35,000.01 approved to `home` for 2019-01 (invoice `OV-1`, event `e3`, and 1 more line), more than the 35,000.00 the month decides: 0.01 approved without a decision behind it".to_string(),
            "-1.00 approved to `home` for 2019-02 (invoice `CN-2`, event `e5`): more was credited than approved".to_string(),
            "30,000.00 approved to `home` for 2019-09 (invoice `OV-9`, event `e4`), but no payment is decided for that month: all of it is approved without a decision behind it".to_string(),
        ]
    );
}

#[test]
fn a_held_month_names_its_obligation_and_the_event_that_released_it() {
    let c = contract("2019-01-01", BODY);
    let mut lines = SIGNED.to_vec();
    lines.push("2019-06-03 report home");
    let held = approval(
        "2019-05-03",
        "kommune",
        "OV-4",
        &format!("[{}]", line("1", "stay", "2019-04", "30000.00")),
    );
    lines.insert(2, &held);
    // Due 2019-04-01, grace to 2019-04-15: April and May are held until the report of 2019-06-03.
    let d = decide(&c, &lines, Some("2019-05-31"));
    let april = d
        .payments
        .iter()
        .find(|p| p.period.to_string() == "2019-04")
        .unwrap();
    assert_eq!(april.held.len(), 1);
    let hold = &april.held[0];
    assert_eq!(
        (
            hold.obligation.0.as_str(),
            hold.party.0.as_str(),
            hold.due.to_string(),
            hold.grace_end.to_string(),
            hold.released_in,
            hold.released_by.as_deref()
        ),
        (
            "report",
            "home",
            "2019-04-01".to_string(),
            "2019-04-15".to_string(),
            None,
            None
        )
    );
    assert_eq!(hold.clause, c.obligations[0].span);
    // The contract's own `when missed withhold` imposes it, through no `use`; nothing has released it yet.
    assert_eq!(hold.consequence, c.obligations[0].consequence_span);
    assert!(hold.consequence.is_some());
    assert!(hold.uses.is_empty());
    assert_eq!(hold.release, None);
    // Approved while held: more than the month decides.
    assert_eq!(
        d.warnings,
        [
            "30,000.00 approved to `home` for 2019-04 (invoice `OV-4`, event `e3`), more than the 0.00 the month decides (its lines less what is withheld): 30,000.00 approved without a decision behind it"
        ]
    );
    // Once released, the month decides its lines again, and names the release.
    let d = decide(&c, &lines, Some("2019-06-30"));
    let month = |m: &str| {
        d.payments
            .iter()
            .find(|p| p.period.to_string() == m)
            .unwrap()
    };
    for m in ["2019-04", "2019-05"] {
        let hold = &month(m).held[0];
        assert_eq!(
            hold.released_in,
            Some(Month {
                year: 2019,
                month: 6
            }),
            "{m}"
        );
        assert_eq!(hold.released_by.as_deref(), Some("e4"), "{m}");
        let meeting = crate::Meeting {
            event: "e4".to_string(),
            date: "2019-06-03".parse().unwrap(),
            actor: cvl_check::model::PartyId("home".to_string()),
        };
        assert_eq!(hold.release.as_ref(), Some(&meeting), "{m}");
    }
    assert_eq!(month("2019-06").released_by, ["e4"]);
    assert_eq!(
        month("2019-06").released_meetings,
        month("2019-04").held[0]
            .release
            .iter()
            .cloned()
            .collect::<Vec<_>>()
    );
    assert!(month("2019-06").held.is_empty());
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

#[test]
fn a_month_held_by_many_occurrences_names_the_latest() {
    let c = contract(
        "2019-01-01",
        "  item stay { pay 30_000 DKK per month to home }
  obligation visit { by home every 1 month when missed withhold }",
    );
    let d = decide(&c, &SIGNED, Some("2019-06-30"));
    let june = d.payments.last().unwrap();
    assert_eq!(june.period.to_string(), "2019-06");
    let dues: Vec<String> = june.held.iter().map(|h| h.due.to_string()).collect();
    assert_eq!(dues, ["2019-06-01"]);
}

#[test]
fn approvals_that_do_not_fit_are_refused_naming_the_line() {
    let c = contract("2019-01-15", &format!("{BODY}\n  ends on 2019-12-31"));
    let ok = line("1", "stay", "2019-03", "100.00");
    let with = |data: &str| format!("2019-04-01 invoice_approved kommune {data}");
    let lines = |lines: &str| {
        with(&format!(
            r#"{{"invoice":"OV-1","sha256":"{SHA}","lines":{lines}}}"#
        ))
    };
    let cases: Vec<(String, &str)> = vec![
        (
            approval("2019-04-01", "home", "OV-1", &format!("[{ok}]")),
            "line 3 (event `e3`): `home` cannot approve an invoice: only a party whose role is `payer` may: `kommune`",
        ),
        (
            with(&format!(
                r#"{{"invoice":"","sha256":"{SHA}","lines":[{ok}]}}"#
            )),
            "line 3 (event `e3`): `data.invoice` is empty: it is the invoice's number",
        ),
        (
            with(&format!(
                r#"{{"invoice":"{}","sha256":"{SHA}","lines":[{ok}]}}"#,
                "x".repeat(201)
            )),
            "line 3 (event `e3`): `data.invoice` is 201 characters long, more than 200, the most an invoice's number may have (spec section 7)",
        ),
        (
            with(&format!(
                r#"{{"invoice":7,"sha256":"{SHA}","lines":[{ok}]}}"#
            )),
            "line 3 (event `e3`): `data.invoice` must be a string",
        ),
        (
            with(&format!(
                r#"{{"invoice":"OV-1","sha256":"{}","lines":[{ok}]}}"#,
                SHA.to_uppercase()
            )),
            "line 3 (event `e3`): `data.sha256` is `0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF`, which is not a SHA-256 in lowercase hex",
        ),
        (
            with(&format!(
                r#"{{"invoice":"OV-1","sha256":"{SHA}","lines":[{ok}],"total":"1"}}"#
            )),
            "line 3 (event `e3`): unknown field `data.total`: an `invoice_approved` event has `invoice`, `sha256`, `lines`",
        ),
        (
            with(&format!(r#"{{"invoice":"OV-1","sha256":"{SHA}"}}"#)),
            "line 3 (event `e3`): `data.lines` is missing",
        ),
        (
            lines("{}"),
            "line 3 (event `e3`): `data.lines` must be an array of the lines approved",
        ),
        (
            lines("[]"),
            "line 3 (event `e3`): `data.lines` is empty: an approval approves at least one line",
        ),
        (
            lines(&format!("[{ok},7]")),
            "line 3 (event `e3`): `data.lines[1]` must be an object with `line`, `item`, `month` and `amount`",
        ),
        (
            lines(r#"[{"line":"1","item":"stay","month":"2019-03","amount":"1","vat":"0"}]"#),
            "line 3 (event `e3`): unknown field `data.lines[0].vat`: a line of an `invoice_approved` event has `line`, `item`, `month`, `amount`",
        ),
        (
            lines(r#"[{"item":"stay","month":"2019-03","amount":"1"}]"#),
            "line 3 (event `e3`): `data.lines[0].line` is missing",
        ),
        (
            lines(&format!("[{}]", line("", "stay", "2019-03", "1"))),
            "line 3 (event `e3`): `data.lines[0].line` is empty: it is the invoice line's id",
        ),
        (
            lines(&format!("[{ok},{}]", line("2", "medicine", "2019-03", "1"))),
            "line 3 (event `e3`): `data.lines[1].item` is `medicine`, which is not an item or supplement of this contract",
        ),
        (
            lines(&format!("[{}]", line("1", "stay", "2019-3", "1"))),
            "line 3 (event `e3`): `data.lines[0].month` is `2019-3`, which is not a month (`2019-03`)",
        ),
        (
            lines(&format!("[{}]", line("1", "stay", "2019-13", "1"))),
            "line 3 (event `e3`): `data.lines[0].month` is `2019-13`, which is not a month (`2019-03`)",
        ),
        (
            lines(&format!("[{}]", line("1", "stay", "0000-12", "1"))),
            "line 3 (event `e3`): `data.lines[0].month` is `0000-12`, which is not a month (`2019-03`)",
        ),
        (
            lines(&format!("[{}]", line("1", "stay", "2018-12", "1"))),
            "line 3 (event `e3`): `data.lines[0].month` is `2018-12`, before the contract's start on 2019-01-15",
        ),
        (
            lines(&format!("[{}]", line("1", "stay", "2020-01", "1"))),
            "line 3 (event `e3`): `data.lines[0].month` is `2020-01`, after the contract's end on 2019-12-31",
        ),
        (
            lines(&format!("[{}]", line("1", "stay", "2019-03", "0.00"))),
            "line 3 (event `e3`): `data.lines[0].amount` is `0.00`: an approved amount is not zero (a credit note's is negative)",
        ),
        (
            lines(r#"[{"line":"1","item":"stay","month":"2019-03","amount":0}]"#),
            "line 3 (event `e3`): `data.lines[0].amount` is `0`: an approved amount is not zero (a credit note's is negative)",
        ),
        (
            lines(&format!("[{}]", line("1", "stay", "2019-03", "1.005"))),
            "line 3 (event `e3`): `data.lines[0].amount` is `1.005`, which has more than 2 decimals: it is refused, not rounded",
        ),
        (
            lines(&format!("[{}]", line("1", "stay", "2019-03", "1e3"))),
            "line 3 (event `e3`): `data.lines[0].amount` is `1e3`, which is not a decimal number: write digits with at most one point between digits, such as \"2.5\" or \"5000.00\"",
        ),
        (
            lines(r#"[{"line":"1","item":"stay","month":"2019-03","amount":2.5}]"#),
            "line 3 (event `e3`): `data.lines[0].amount` is `2.5`: a JSON number here must be a whole number written in digits only, such as `4` (at most 1,000,000,000,000); write a decimal as a string, such as \"2.5\"",
        ),
        (
            lines(&format!(
                "[{}]",
                line("1", "stay", "2019-03", "1000000000000.01")
            )),
            "line 3 (event `e3`): `data.lines[0].amount` is `1000000000000.01`, more than 1,000,000,000,000, the most an event may state here (spec section 7)",
        ),
        (
            lines(&format!(
                "[{}]",
                line("1", "stay", "2019-03", "-1000000000000.01")
            )),
            "line 3 (event `e3`): `data.lines[0].amount` is `-1000000000000.01`, less than -1,000,000,000,000, the least an event may state here (spec section 7)",
        ),
        (
            lines(&format!("[{}]", vec![ok.as_str(); 10_001].join(","))),
            "line 3 (event `e3`): `data.lines` has 10,001 lines, more than 10,000, the most one approval may hold (spec section 7)",
        ),
    ];
    for (event, expected) in cases {
        assert_eq!(refuse(&c, &[SIGNED[0], SIGNED[1], &event]), expected);
    }
    // At the limits: 10,000 lines, amounts of ±10^12, 200 characters of number, the first and the last month.
    let mut most: Vec<String> = vec![line("1", "stay", "2019-01", "1000000000000.00"); 9_998];
    most.push(line("2", "stay", "2019-12", "-1000000000000"));
    most.push(line("3", "taxi", "2019-02", "-0.01"));
    let event = with(&format!(
        r#"{{"invoice":"{}","sha256":"{SHA}","lines":[{}]}}"#,
        "x".repeat(200),
        most.join(",")
    ));
    let d = decide(&c, &[SIGNED[0], SIGNED[1], &event], Some("2019-12-31"));
    assert_eq!(d.approvals.len(), 10_000);
}

#[test]
fn the_months_an_approval_names_are_bounded_by_what_the_events_fix() {
    let c = checked(
        "contract c {
  case \"T-1\"
  party kommune { role payer key \"ed25519:AxiotVCLTRFo8Z11ewELoFkGa9ySVw2ilQO/w2dIIB4=\" }
  party home { role provider key \"ed25519:WM/CGf94Y3JJ9BHySBlUNpcKatyx4+4tLFdc58wBPjU=\" }
  signed by kommune and home
  starts when started
  paid monthly
  item stay { pay 30_000 DKK per month to home }
  termination { signed by kommune and home }
}"
        .to_string(),
    );
    let one = |month: &str| {
        approval(
            "2019-03-01",
            "kommune",
            "OV-1",
            &format!("[{}]", line("1", "stay", month, "1")),
        )
    };
    let early = one("2019-03");
    assert_eq!(
        refuse(&c, &[SIGNED[0], SIGNED[1], &early]),
        "line 3 (event `e3`): `data.lines[0].month` is `2019-03`, but the contract has not started: it starts when `started` happens"
    );
    let before = one("2019-01");
    assert_eq!(
        refuse(
            &c,
            &[SIGNED[0], SIGNED[1], "2019-02-10 started home", &before]
        ),
        "line 4 (event `e4`): `data.lines[0].month` is `2019-01`, before the contract's start on 2019-02-10"
    );
    let after = one("2019-04");
    let ended = [
        SIGNED[0],
        SIGNED[1],
        "2019-02-10 started home",
        r#"2019-02-20 terminated kommune {"effective":"2019-03-31"}"#,
        r#"2019-02-21 terminated home {"effective":"2019-03-31"}"#,
        &after,
    ];
    assert_eq!(
        refuse(&c, &ended),
        "line 6 (event `e6`): `data.lines[0].month` is `2019-04`, after the termination's effective end on 2019-03-31"
    );
    let c = contract(
        "2019-01-01",
        "  item stay { pay 30_000 DKK per month to home }",
    );
    let no_payer = checked(
        "contract c {
  case \"T-1\"
  party a { role provider key \"ed25519:AxiotVCLTRFo8Z11ewELoFkGa9ySVw2ilQO/w2dIIB4=\" }
  signed by a
  starts on 2019-01-01
  paid monthly
  item stay { pay 30_000 DKK per month to a }
}"
        .to_string(),
    );
    let by_a = approval(
        "2019-03-01",
        "a",
        "OV-1",
        &format!("[{}]", line("1", "stay", "2019-01", "1")),
    );
    assert_eq!(
        refuse(&no_payer, &["2018-12-20 signed a", &by_a]),
        "line 2 (event `e2`): `a` cannot approve an invoice: this contract has no party whose role is `payer`"
    );
    // Within the bounds, a month before the signature or not yet decided is admitted, and warned of.
    let d = decide(
        &c,
        &[SIGNED[0], SIGNED[1], &one("2019-05")],
        Some("2019-03-31"),
    );
    assert_eq!(d.approvals.len(), 1);
    assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
}
