//! Tests of each evaluation rule on its own, on small contracts written for the rule.

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

use cvl_check::model::Contract;
use cvl_check::{LoadError, Loader, Request};
use cvl_event::{Event, Refusal};
use cvl_syntax::{FileId, Source, Sources, parse_source};

use crate::{Decision, Status, evaluate};

struct NoImports;

impl Loader for NoImports {
    fn load(&mut self, _: &mut Sources, _: FileId, _: Request<'_>) -> Result<FileId, LoadError> {
        Err(LoadError::NotFound { searched: vec![] })
    }
}

/// A checked contract around `body`: a payer and a provider who both sign, starting on `start`.
fn contract(start: &str, body: &str) -> Contract {
    let text = format!(
        "contract c {{
  case \"T-1\"
  party kommune {{ role payer key \"ed25519:AxiotVCLTRFo8Z11ewELoFkGa9ySVw2ilQO/w2dIIB4=\" }}
  party home {{ role provider key \"ed25519:WM/CGf94Y3JJ9BHySBlUNpcKatyx4+4tLFdc58wBPjU=\" }}
  signed by kommune and home
  starts on {start}
  paid monthly in arrears
{body}
}}"
    );
    checked(text)
}

/// The one contract of `text`, which must check without errors.
fn checked(text: String) -> Contract {
    let mut sources = Sources::new();
    let id = sources.add(Source::new("c.cvl", text));
    let parsed = parse_source(id, sources.get(id).unwrap());
    let checked = cvl_check::check(&mut sources, id, &parsed.file, &mut NoImports);
    let problems: Vec<_> = checked.problems.iter().filter(|d| d.is_error()).collect();
    assert!(problems.is_empty(), "{problems:?}");
    checked.contracts.into_iter().next().unwrap()
}

/// Events from compact lines: `date kind actor {data}`; ids are e1, e2, …
fn events(lines: &[&str]) -> Vec<Result<Event, Refusal>> {
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let mut parts = line.splitn(4, ' ');
            let (at, kind, actor) = (
                parts.next().unwrap(),
                parts.next().unwrap(),
                parts.next().unwrap(),
            );
            let data = parts.next().unwrap_or("{}");
            let json = format!(
                r#"{{"id":"e{}","at":"{at}","kind":"{kind}","actor":"{actor}","data":{data}}}"#,
                i + 1
            );
            Event::parse(i + 1, &json)
        })
        .collect()
}

const SIGNED: [&str; 2] = ["2018-12-20 signed kommune", "2018-12-20 signed home"];

fn decide(contract: &Contract, lines: &[&str], until: Option<&str>) -> Decision {
    let until = until.map(|u| u.parse::<NaiveDate>().unwrap());
    evaluate(contract, events(lines), until).unwrap()
}

fn refuse(contract: &Contract, lines: &[&str]) -> String {
    evaluate(contract, events(lines), None)
        .unwrap_err()
        .to_string()
}

/// Each month's total for `payee`, as `("YYYY-MM", "amount")`.
fn totals(decision: &Decision, payee: &str) -> Vec<(String, String)> {
    decision
        .payments
        .iter()
        .filter(|p| p.payee.0 == payee)
        .map(|p| (p.period.to_string(), format!("{:.2}", p.total)))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn a_monthly_amount_is_prorated_by_calendar_days() {
    let c = contract(
        "2019-01-15",
        "  item stay { pay 60_000 DKK per month to home }",
    );
    let d = decide(&c, &SIGNED, Some("2019-02-28"));
    assert_eq!(
        totals(&d, "home"),
        pairs(&[("2019-01", "32903.23"), ("2019-02", "60000.00")])
    );
    assert_eq!(
        d.payments[0].lines[0].basis,
        "60,000.00 DKK/month × 17/31 days"
    );
}

#[test]
fn a_daily_rate_is_paid_per_active_day() {
    let c = contract("2019-02-20", "  item day { pay 500 DKK per day to home }");
    let d = decide(&c, &SIGNED, Some("2019-03-31"));
    assert_eq!(
        totals(&d, "home"),
        pairs(&[("2019-02", "4500.00"), ("2019-03", "15500.00")])
    );
}

#[test]
fn the_first_months_end_at_the_clamped_month_end() {
    // From 31 January, the first month runs to 27 February (the day before 28 February) in 2019.
    let c = contract(
        "2019-01-31",
        "  item taxi { pay 2_800 DKK per month to home for the first 1 month }",
    );
    let d = decide(&c, &SIGNED, Some("2019-03-31"));
    assert_eq!(
        totals(&d, "home"),
        pairs(&[("2019-01", "90.32"), ("2019-02", "2700.00")])
    );
}

#[test]
fn a_leap_year_february_has_29_days() {
    let c = contract(
        "2020-02-15",
        "  item stay { pay 29_000 DKK per month to home }",
    );
    let d = decide(
        &c,
        &["2020-01-10 signed kommune", "2020-01-10 signed home"],
        Some("2020-02-29"),
    );
    assert_eq!(totals(&d, "home"), pairs(&[("2020-02", "15000.00")]));
}

#[test]
fn nothing_is_due_before_every_signatory_has_signed() {
    let c = contract(
        "2019-01-01",
        "  item stay { pay 31_000 DKK per month to home }",
    );
    let d = decide(&c, &["2019-01-01 signed kommune"], Some("2019-01-31"));
    assert!(d.payments.is_empty());
    assert_eq!(d.warnings, vec!["not yet signed by `home`: nothing is due"]);
    // Signed on the 11th: paid from the 11th, not from the start.
    let d = decide(
        &c,
        &["2019-01-01 signed kommune", "2019-01-11 signed home"],
        Some("2019-01-31"),
    );
    assert_eq!(totals(&d, "home"), pairs(&[("2019-01", "21000.00")]));
}

const SUPPLEMENT: &str = "  supplement extra { pay 3_000 DKK per month to home adjustable by kommune term 3 months review by kommune }";

#[test]
fn an_adjustment_splits_the_month_and_prorates_each_part() {
    let c = contract("2019-01-01", SUPPLEMENT);
    let mut lines = SIGNED.to_vec();
    lines.push(
        r#"2019-02-01 supplement_started kommune {"supplement":"extra","from":"2019-02-01"}"#,
    );
    lines.push(r#"2019-03-10 supplement_adjusted kommune {"supplement":"extra","amount":"6200","from":"2019-03-11"}"#);
    let d = decide(&c, &lines, Some("2019-03-31"));
    let march = d
        .payments
        .iter()
        .find(|p| p.period.to_string() == "2019-03")
        .unwrap();
    let parts: Vec<String> = march
        .lines
        .iter()
        .map(|l| format!("{:.2} {}", l.amount, l.basis))
        .collect();
    assert_eq!(
        parts,
        [
            "967.74 3,000.00 DKK/month × 10/31 days",
            "4200.00 6,200.00 DKK/month × 21/31 days"
        ]
    );
}

#[test]
fn a_supplement_lapses_at_the_end_of_its_term_unless_renewed_before() {
    let c = contract("2019-01-01", SUPPLEMENT);
    let started =
        r#"2019-02-01 supplement_started kommune {"supplement":"extra","from":"2019-02-01"}"#;
    let mut lapsing = SIGNED.to_vec();
    lapsing.push(started);
    let d = decide(&c, &lapsing, Some("2019-06-30"));
    let months: Vec<String> = d.payments.iter().map(|p| p.period.to_string()).collect();
    assert_eq!(months, ["2019-02", "2019-03", "2019-04"]);

    let mut renewed = lapsing.clone();
    renewed.push(r#"2019-04-20 supplement_renewed kommune {"supplement":"extra"}"#);
    let d = decide(&c, &renewed, Some("2019-08-31"));
    let months: Vec<String> = d.payments.iter().map(|p| p.period.to_string()).collect();
    assert_eq!(
        months,
        [
            "2019-02", "2019-03", "2019-04", "2019-05", "2019-06", "2019-07"
        ]
    );

    let mut late = lapsing;
    late.push(r#"2019-05-02 supplement_renewed kommune {"supplement":"extra"}"#);
    assert_eq!(
        refuse(&c, &late),
        "line 4 (event `e4`): `extra` lapsed on 2019-04-30: renew it before its term ends, or start it again"
    );
}

#[test]
fn only_an_adjusting_party_may_start_a_supplement() {
    let c = contract("2019-01-01", SUPPLEMENT);
    let mut lines = SIGNED.to_vec();
    lines.push(r#"2019-02-01 supplement_started home {"supplement":"extra","from":"2019-02-01"}"#);
    assert_eq!(
        refuse(&c, &lines),
        "line 3 (event `e3`): `home` may not adjust `extra`: only `kommune` may"
    );
}

const REPORT: &str = "  item stay { pay 30_000 DKK per month to home }
  obligation report { by home every 3 months grace 14 days when missed withhold }";

#[test]
fn a_missed_obligation_withholds_until_met_then_releases() {
    let c = contract("2019-01-01", REPORT);
    let mut lines = SIGNED.to_vec();
    lines.push("2019-06-03 report home");
    let d = decide(&c, &lines, Some("2019-06-30"));
    // Due 2019-04-01, grace to 2019-04-15: April and May are held; the report arrives in June.
    assert_eq!(
        totals(&d, "home"),
        pairs(&[
            ("2019-01", "30000.00"),
            ("2019-02", "30000.00"),
            ("2019-03", "30000.00"),
            ("2019-04", "0.00"),
            ("2019-05", "0.00"),
            ("2019-06", "90000.00"),
        ])
    );
    let june = d
        .payments
        .iter()
        .find(|p| p.period.to_string() == "2019-06")
        .unwrap();
    assert_eq!(june.released, Decimal::from(60_000));
    assert_eq!(june.released_from.len(), 2);
    assert_eq!(d.obligations.len(), 1);
    assert_eq!(d.obligations[0].status, Status::Missed);
    // The next report, due 2019-07-01, is pending until its grace runs out on 2019-07-15, then missed.
    let d = decide(&c, &lines, Some("2019-07-10"));
    assert_eq!(d.obligations[1].status, Status::Pending);
    let d = decide(&c, &lines, Some("2019-07-31"));
    assert_eq!(d.obligations[1].status, Status::Missed);
    assert_eq!(totals(&d, "home").last().unwrap().1, "0.00");
}

#[test]
fn met_late_and_pending() {
    let c = contract("2019-01-01", REPORT);
    let mut lines = SIGNED.to_vec();
    lines.push("2019-03-30 report home");
    lines.push("2019-07-10 report home");
    let d = decide(&c, &lines, Some("2019-10-05"));
    let statuses: Vec<Status> = d.obligations.iter().map(|o| o.status).collect();
    assert_eq!(statuses, [Status::Met, Status::Late, Status::Pending]);
    assert!(d.payments.iter().all(|p| p.withheld.is_zero()));
}

#[test]
fn a_flag_pays_but_marks_the_month() {
    let c = contract(
        "2019-01-01",
        "  item stay { pay 30_000 DKK per month to home }
  obligation visit { by home every 1 month when missed flag }",
    );
    let d = decide(&c, &SIGNED, Some("2019-02-28"));
    let feb = d
        .payments
        .iter()
        .find(|p| p.period.to_string() == "2019-02")
        .unwrap();
    assert_eq!(feb.total, Decimal::from(30_000));
    assert_eq!(feb.flags, ["`visit` due 2019-02-01 was missed"]);
}

#[test]
fn termination_ends_every_item_on_its_effective_day() {
    let c = contract(
        "2019-01-01",
        "  item stay { pay 31_000 DKK per month to home }
  termination { signed by kommune and home }",
    );
    let mut lines = SIGNED.to_vec();
    lines.push(r#"2019-03-01 terminated kommune {"effective":"2019-03-10"}"#);
    lines.push(r#"2019-03-02 terminated home {"effective":"2019-03-10"}"#);
    let d = decide(&c, &lines, None);
    assert_eq!(
        totals(&d, "home"),
        pairs(&[
            ("2019-01", "31000.00"),
            ("2019-02", "31000.00"),
            ("2019-03", "10000.00")
        ])
    );
    // A termination half signed ends nothing.
    let half = decide(&c, &lines[..3], Some("2019-03-31"));
    assert_eq!(totals(&half, "home").last().unwrap().1, "31000.00");
    // An event after the effective end is refused.
    let mut later = lines.clone();
    later.push(r#"2019-03-11 terminated kommune {"effective":"2019-03-10"}"#);
    assert_eq!(
        refuse(&c, &later),
        "line 5 (event `e5`): dated after 2019-03-10, when the contract ended by the termination on line 4"
    );
}

#[test]
fn hours_are_paid_as_confirmed_up_to_the_cap() {
    let c = contract(
        "2019-01-01",
        "  item mentor { pay 450 DKK per hour to home confirmed by kommune cap 10 hours per month }",
    );
    let mut lines = SIGNED.to_vec();
    lines.push(r#"2019-01-20 hours home {"item":"mentor","hours":"50"}"#);
    lines.push(r#"2019-01-31 hours_confirmed kommune {"item":"mentor","hours":5}"#);
    let d = decide(&c, &lines, Some("2019-01-31"));
    assert_eq!(totals(&d, "home"), pairs(&[("2019-01", "2250.00")]));
    lines.push(r#"2019-01-31 hours_confirmed kommune {"item":"mentor","hours":45}"#);
    let d = decide(&c, &lines, Some("2019-01-31"));
    assert_eq!(totals(&d, "home"), pairs(&[("2019-01", "4500.00")]));
}

#[test]
fn events_that_do_not_fit_are_refused_with_their_line() {
    let c = contract("2019-01-01", REPORT);
    let cases: [(&[&str], &str); 5] = [
        (
            &["2019-01-10 signed kommune", "2019-01-10 invoice home"],
            "line 2 (event `e2`): unknown kind `invoice`: this contract knows `signed`, `amended`, `terminated`, `invoice_approved`, `paid`, `report`",
        ),
        (
            &["2019-01-10 signed mayor"],
            "line 1 (event `e1`): `mayor` is not a party of the contract",
        ),
        (
            &["2019-01-10 signed kommune", "2019-01-09 signed home"],
            "line 2 (event `e2`): dated 2019-01-09, before the event on line 1 (2019-01-10): events must be in the order they happened",
        ),
        (
            &[r#"2019-01-10 signed kommune {"when":"now"}"#],
            "line 1 (event `e1`): unknown field `data.when`: a `signed` event has `contract`, `sources`",
        ),
        (
            &["2019-01-10 report kommune"],
            "line 1 (event `e1`): `kommune` cannot meet `report`: it binds `home`",
        ),
    ];
    for (lines, expected) in cases {
        assert_eq!(refuse(&c, lines), expected);
    }
}

#[test]
fn a_decision_beyond_the_decimal_type_is_refused_as_a_decision_naming_no_event() {
    // A rate regulated by 100 % a year passes the amount limit in 2043: the signatures are not at fault.
    let c = contract(
        "2019-01-01",
        "  item fee { pay 31_000 DKK per month to home regulated by 100 % each year from 2019-06-01 }",
    );
    let mut fold = crate::Fold::new(&c, crate::Binding::default(), "2060-12-31".parse().ok());
    for event in events(&["2019-01-10 signed kommune", "2019-01-11 signed home"]) {
        fold.apply(&event.unwrap()).unwrap();
    }
    let refusal = fold.decide().unwrap_err();
    assert!(refusal.is_decision());
    assert_eq!(
        (refusal.kind, refusal.id.as_deref(), refusal.line, refusal.to_string()),
        (
            cvl_event::RefusalKind::Overflow,
            None,
            0,
            "the regulated rate of `fee` from 2043-06-01 would be more than CVL can hold exactly (spec section 7)"
                .to_string()
        )
    );
}

#[test]
fn the_same_inputs_give_the_same_decision() {
    let c = contract("2019-01-15", REPORT);
    let lines = [SIGNED[0], SIGNED[1], "2019-04-10 report home"];
    assert_eq!(
        decide(&c, &lines, Some("2019-12-31")),
        decide(&c, &lines, Some("2019-12-31"))
    );
}

proptest! {
    /// Evaluation never panics on any sequence of well-formed events, whatever it decides or refuses: with tame
    /// amounts and hours, and with any 64-bit number at any scale, beyond the limits too (the properties of what
    /// it decides within them are in properties.rs).
    #[test]
    fn evaluation_never_panics(steps in proptest::collection::vec((0usize..9, 0u32..400, 0usize..2, prop_oneof![3 => 0i64..20_000, 1 => any::<i64>()], 0u32..4), 0..40)) {
        let c = contract(
            "2019-01-15",
            &format!("{REPORT}\n{SUPPLEMENT}\n  item mentor {{ pay 450 DKK per hour to home confirmed by kommune cap 10 hours per month }}\n  termination {{ signed by kommune and home }}"),
        );
        let start = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
        let mut day = 0u32;
        let mut lines = Vec::new();
        for (kind, step, who, amount, scale) in steps {
            let decimal = Decimal::new(amount, scale);
            day += step % 40;
            let at = start + chrono::Days::new(u64::from(day));
            let actor = ["kommune", "home"][who];
            let data = match kind {
                3 | 4 => format!(r#"{{"supplement":"extra","amount":"{decimal}","from":"{at}"}}"#),
                5 => r#"{"supplement":"extra"}"#.to_string(),
                6 | 7 if scale == 0 => format!(r#"{{"item":"mentor","hours":{}}}"#, amount % 30),
                6 | 7 => format!(r#"{{"item":"mentor","hours":"{decimal}"}}"#),
                8 => format!(r#"{{"effective":"{}"}}"#, at + chrono::Days::new(u64::from(step % 20))),
                _ => "{}".to_string(),
            };
            let kind = ["signed", "signed", "report", "supplement_started", "supplement_adjusted", "supplement_renewed", "hours", "hours_confirmed", "terminated"][kind];
            lines.push(format!("{at} {kind} {actor} {data}"));
        }
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let _ = evaluate(&c, events(&refs), None);
    }
}

#[test]
fn acts_are_done_on_the_last_signature_and_pending_until_then() {
    let c = contract(
        "2019-01-01",
        "  item stay { pay 31_000 DKK per month to home }
  termination { signed by kommune and home }",
    );
    let mut lines = SIGNED.to_vec();
    lines.push(r#"2019-03-01 terminated kommune {"effective":"2019-03-10"}"#);
    let half = decide(&c, &lines, Some("2019-03-31"));
    let [signing, termination] = half.acts.as_slice() else {
        panic!("{:?}", half.acts)
    };
    assert_eq!(
        (signing.kind, signing.done),
        (crate::ActKind::Signing, Some("2018-12-20".parse().unwrap()))
    );
    assert_eq!(
        (
            termination.kind,
            termination.done,
            termination.missing.len()
        ),
        (crate::ActKind::Termination, None, 1)
    );
    assert!(half.warnings.iter().any(|w| w
        == "the termination (effective 2019-03-10) is not yet signed by `home`: until it is, it has no effect"));
    lines.push(r#"2019-03-02 terminated home {"effective":"2019-03-10"}"#);
    let done = decide(&c, &lines, None);
    assert_eq!(done.acts[1].done, Some("2019-03-02".parse().unwrap()));
    assert_eq!(
        done.acts[1].subject.as_deref(),
        Some("effective 2019-03-10")
    );
}

#[test]
fn an_amendment_takes_every_signatory_and_is_named_by_its_hash() {
    let c = contract(
        "2019-01-01",
        "  item stay { pay 31_000 DKK per month to home }",
    );
    let text = format!("{:064x}", 7);
    let amend = |date: &str, party: &str, hash: &str| {
        format!(r#"{date} amended {party} {{"contract":"{hash}","effective":"2019-03-01"}}"#)
    };
    let first = amend("2019-02-01", "kommune", &text);
    let second = amend("2019-02-03", "home", &text);
    let mut lines: Vec<&str> = SIGNED.to_vec();
    lines.push(&first);
    let pending = decide(&c, &lines, Some("2019-02-28"));
    assert_eq!(pending.acts[1].done, None);
    assert!(pending.warnings[0].starts_with("an amendment (to the text with SHA-256 `0000"));
    // Done, its text must be given (tests/amend.rs decides with it): without it, nothing is decided.
    lines.push(&second);
    assert_eq!(
        refuse(&c, &lines),
        format!(
            "line 4 (event `e4`): the amendment effective 2019-03-01 is signed by all, but no text given has its SHA-256 `{text}`"
        )
    );
    // The same party twice, and a hash that is not one, are refused.
    let again = amend("2019-02-04", "kommune", &text);
    let lines = [SIGNED[0], SIGNED[1], &first, &again];
    assert_eq!(
        refuse(&c, &lines),
        "line 4 (event `e4`): `kommune` already signed this amendment, by event `e3`"
    );
    let bad = amend("2019-02-01", "home", "abc");
    assert_eq!(
        refuse(&c, &[SIGNED[0], SIGNED[1], &bad]),
        "line 3 (event `e3`): `data.contract` is `abc`, which is not a SHA-256 in lowercase hex"
    );
}

#[test]
fn a_signature_names_the_contract_it_signs_when_it_is_bound() {
    let c = contract(
        "2019-01-01",
        "  item stay { pay 31_000 DKK per month to home }",
    );
    let hash = format!("{:064x}", 1);
    let binding = crate::Binding {
        contract_sha256: Some(&hash),
        sources: &[],
        signed_log: true,
    };
    let bound = |lines: &[&str]| {
        crate::evaluate_bound(&c, binding, events(lines), None)
            .map(|_| ())
            .map_err(|r| r.to_string())
    };
    assert_eq!(
        bound(&SIGNED),
        Err("line 1 (event `e1`): `data.contract` is missing: a signature in a log names the SHA-256 of the contract it signs".to_string())
    );
    let other = format!(r#"2018-12-20 signed kommune {{"contract":"{:064x}"}}"#, 2);
    assert_eq!(
        bound(&[&other]),
        Err(format!(
            "line 1 (event `e1`): signs the contract with SHA-256 `{:064x}`, but this contract's is `{hash}`",
            2
        ))
    );
    let right = format!(r#"2018-12-20 signed kommune {{"contract":"{hash}"}}"#);
    assert_eq!(bound(&[&right]), Ok(()));
    // Admitting an event on its own needs no earlier event: authority is known from the contract alone.
    let adjust =
        events(&[r#"2019-02-01 supplement_started home {"supplement":"x","from":"2019-02-01"}"#]);
    let event = adjust.into_iter().next().unwrap().unwrap();
    assert_eq!(
        crate::admit(&c, binding, &event).unwrap_err().reason,
        "`x` is not a supplement of this contract"
    );
}

#[test]
fn an_event_after_the_date_decided_as_of_is_not_counted_but_must_fit() {
    let c = contract(
        "2019-01-01",
        "  item stay { pay 31_000 DKK per month to home }",
    );
    let mut lines = SIGNED.to_vec();
    lines.push("2019-06-01 signed nobody");
    let until = Some("2019-03-31".parse().unwrap());
    assert_eq!(
        evaluate(&c, events(&lines), until).unwrap_err().to_string(),
        "line 3 (event `e3`): `nobody` is not a party of the contract"
    );
    lines.pop();
    lines.push("2019-06-01 signed home");
    // Signing twice depends on what came before: after the date decided as of, it is not checked.
    assert_eq!(
        evaluate(&c, events(&lines), until).unwrap().payments.len(),
        3
    );
}

#[test]
fn events_after_the_date_decided_as_of_must_still_be_in_date_order() {
    let c = contract(
        "2019-01-01",
        "  item stay { pay 31_000 DKK per month to home }",
    );
    let mut lines = SIGNED.to_vec();
    lines.push(r#"2019-06-01 amended kommune {"contract":"0000000000000000000000000000000000000000000000000000000000000000","effective":"2019-07-01"}"#);
    lines.push(r#"2019-05-01 amended home {"contract":"0000000000000000000000000000000000000000000000000000000000000000","effective":"2019-07-01"}"#);
    let until = Some("2019-03-31".parse().unwrap());
    assert_eq!(
        evaluate(&c, events(&lines), until).unwrap_err().to_string(),
        "line 4 (event `e4`): dated 2019-05-01, before the event on line 3 (2019-06-01): events must be in the order they happened"
    );
    // Also the first event after the cut-off is compared with the last one before it.
    let mut lines = SIGNED.to_vec();
    lines.push("2019-03-01 amended kommune {\"contract\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"effective\":\"2019-07-01\"}");
    lines.push("2018-12-01 amended home {\"contract\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"effective\":\"2019-07-01\"}");
    let until = Some("2018-12-31".parse().unwrap());
    assert_eq!(
        evaluate(&c, events(&lines), until).unwrap_err().to_string(),
        "line 4 (event `e4`): dated 2018-12-01, before the event on line 3 (2019-03-01): events must be in the order they happened"
    );
}

#[test]
fn a_supplement_started_again_pays_no_day_twice() {
    let c = contract("2019-01-01", SUPPLEMENT);
    let mut lines = SIGNED.to_vec();
    lines.push(
        r#"2019-02-01 supplement_started kommune {"supplement":"extra","from":"2019-02-01"}"#,
    );
    // Lapsed on 2019-04-30; a start from a day of the lapsed term would pay it twice.
    lines.push(
        r#"2019-06-01 supplement_started kommune {"supplement":"extra","from":"2019-03-01"}"#,
    );
    assert_eq!(
        refuse(&c, &lines),
        "line 4 (event `e4`): `extra` was paid through 2019-04-30, the last day of its lapsed term, so a new start from 2019-03-01 would pay those days twice: start it from 2019-05-01 or later"
    );
    // From the day after the lapsed term's last day: each day once, May included.
    lines.pop();
    lines.push(
        r#"2019-06-01 supplement_started kommune {"supplement":"extra","from":"2019-05-01"}"#,
    );
    let d = decide(&c, &lines, Some("2019-08-31"));
    assert_eq!(
        totals(&d, "home"),
        pairs(&[
            ("2019-02", "3000.00"),
            ("2019-03", "3000.00"),
            ("2019-04", "3000.00"),
            ("2019-05", "3000.00"),
            ("2019-06", "3000.00"),
            ("2019-07", "3000.00"),
        ])
    );
}

const HOURLY: &str =
    "  item mentor { pay 450 DKK per hour to home confirmed by kommune cap 10 hours per month }";

#[test]
fn hours_and_amounts_are_exact_decimals_within_the_limits() {
    let c = contract("2019-01-01", &format!("{HOURLY}\n{SUPPLEMENT}"));
    let with = |line: &str| {
        let mut lines = SIGNED.to_vec();
        lines.push(line);
        refuse(&c, &lines)
    };
    assert_eq!(
        with(r#"2019-02-01 hours home {"item":"mentor","hours":"2e26"}"#),
        "line 3 (event `e3`): `data.hours` is `2e26`, which is not a decimal number: write digits with at most one point between digits, such as \"2.5\" or \"5000.00\""
    );
    assert_eq!(
        with(r#"2019-02-01 hours home {"item":"mentor","hours":"10000.01"}"#),
        "line 3 (event `e3`): `data.hours` is `10000.01`, more than 10,000, the most an event may state here (spec section 7)"
    );
    assert_eq!(
        with(
            r#"2019-02-01 supplement_started kommune {"supplement":"extra","amount":"79228162514264337593543950335","from":"2019-02-01"}"#
        ),
        "line 3 (event `e3`): `data.amount` is `79228162514264337593543950335`, more than 1,000,000,000,000, the most an event may state here (spec section 7)"
    );
    assert_eq!(
        with(
            r#"2019-02-01 supplement_started kommune {"supplement":"extra","amount":"5000.005","from":"2019-02-01"}"#
        ),
        "line 3 (event `e3`): `data.amount` is `5000.005`, which has more than 2 decimals: it is refused, not rounded"
    );
}

#[test]
fn a_months_hours_past_the_limit_refuse_the_event_that_passes_it() {
    let c = contract("2019-01-01", HOURLY);
    let mut lines = SIGNED.to_vec();
    let reported: Vec<String> = (0..100)
        .map(|i| {
            format!(
                r#"2019-02-{:02} hours home {{"item":"mentor","hours":10000}}"#,
                1 + i / 10
            )
        })
        .collect();
    lines.extend(reported.iter().map(String::as_str));
    lines.push(r#"2019-02-20 hours_confirmed kommune {"item":"mentor","hours":"10000","date":"2019-02-01"}"#);
    // Exactly the limit: paid up to the cap.
    let d = decide(&c, &lines, Some("2019-02-28"));
    assert_eq!(totals(&d, "home"), pairs(&[("2019-02", "4500.00")]));
    lines.push(r#"2019-02-21 hours home {"item":"mentor","hours":"0.01","date":"2019-02-03"}"#);
    assert_eq!(
        refuse(&c, &lines),
        "line 104 (event `e104`): with this event the hours of `mentor` reported for 2019-02 come to more than 1,000,000 hours, the most one month of an item may count (spec section 7)"
    );
    // Another month, and confirmed hours, count on their own.
    lines.pop();
    lines.push(r#"2019-03-01 hours home {"item":"mentor","hours":"0.01"}"#);
    assert!(evaluate(&c, events(&lines), None).is_ok());
}

#[test]
fn the_largest_rates_for_the_most_hours_are_paid_exactly() {
    // The largest amount the checker accepts, per hour and per day, for the most the events may bring.
    let c = contract(
        "2019-01-01",
        "  item mentor { pay 1_000_000_000_000 DKK per hour to home }
  item stay { pay 1_000_000_000_000 DKK per day to home }
  item month { pay 1_000_000_000_000 DKK per month to home }",
    );
    let mut lines = SIGNED.to_vec();
    let reported: Vec<String> = (0..100)
        .map(|i| {
            format!(
                r#"2019-01-{:02} hours home {{"item":"mentor","hours":"10000.00"}}"#,
                1 + i / 10
            )
        })
        .collect();
    lines.extend(reported.iter().map(String::as_str));
    let d = decide(&c, &lines, Some("2019-01-31"));
    // 10^12 × 1,000,000 + 10^12 × 31 + 10^12: 10^18 + 3.2 × 10^13.
    assert_eq!(
        totals(&d, "home"),
        pairs(&[("2019-01", "1000032000000000000.00")])
    );
}

mod across;
mod amend;
mod amend_terms;
mod citing;
mod currency;
mod ends_when;
mod expenses;
mod hourly;
mod index;
mod ledger;
mod properties;
mod rounding;
mod terms;
mod time;
