//! `ends when KIND` (spec 4.6, 9.3): the contract's last day in force is the date of the first event of that kind,
//! as `starts when KIND` makes the event's date its first; `ends when terminated` ends it by its termination.

use super::*;

/// A contract written in full around `start` and `end`, with a report obligation and a termination clause.
fn ending(start: &str, end: &str) -> Contract {
    let text = format!(
        "contract c {{
  case \"T-1\"
  party kommune {{ role payer key \"ed25519:AxiotVCLTRFo8Z11ewELoFkGa9ySVw2ilQO/w2dIIB4=\" }}
  party home {{ role provider key \"ed25519:WM/CGf94Y3JJ9BHySBlUNpcKatyx4+4tLFdc58wBPjU=\" }}
  signed by kommune and home
  {start}
  {end}
  paid monthly in arrears
  item stay {{ pay 31_000 DKK per month to home }}
  obligation handover {{ by home every 12 months }}
  termination {{ signed by kommune and home }}
}}"
    );
    checked(text)
}

#[test]
fn the_contract_ends_on_the_day_of_the_first_event_of_the_kind_that_day_included() {
    let c = ending("starts on 2019-01-01", "ends when handover");
    let lines = [
        SIGNED[0],
        SIGNED[1],
        "2019-03-10 handover home",
        "2019-05-01 handover home",
    ];
    let d = decide(&c, &lines, None);
    // March pays 10 days of 31 (the 10th included), and nothing after March is decided.
    assert_eq!(
        totals(&d, "home"),
        pairs(&[
            ("2019-01", "31000.00"),
            ("2019-02", "31000.00"),
            ("2019-03", "10000.00")
        ])
    );
    assert_eq!(d.until, "2019-03-10".parse().ok());
    assert!(d.payments.iter().all(|p| !p.provisional));
    // Decided as of a later date, it ends there all the same.
    let d = decide(&c, &lines, Some("2019-12-31"));
    assert_eq!(d.payments.len(), 3);
}

#[test]
fn until_the_event_arrives_the_contract_runs_on() {
    let c = ending("starts on 2019-01-01", "ends when handover");
    let lines = [SIGNED[0], SIGNED[1], "2019-03-10 handover home"];
    let d = decide(&c, &lines, Some("2019-02-28"));
    assert_eq!(d.payments.len(), 2);
    // Provisional: the contract has no known end before the event.
    let d = decide(&c, &lines[..2], Some("2019-03-15"));
    assert_eq!(totals(&d, "home").last().unwrap().1, "15000.00");
    assert!(d.payments.last().unwrap().provisional);
}

#[test]
fn an_event_kind_that_only_ends_the_contract_is_admitted_once() {
    let c = ending("starts on 2019-01-01", "ends when started");
    let lines = [SIGNED[0], SIGNED[1], "2019-02-14 started kommune"];
    let d = decide(&c, &lines, None);
    assert_eq!(
        totals(&d, "home"),
        pairs(&[("2019-01", "31000.00"), ("2019-02", "15500.00")])
    );
    let mut twice = lines.to_vec();
    twice.push("2019-02-20 started home");
    assert_eq!(
        refuse(&c, &twice),
        "line 4 (event `e4`): the contract has already ended, by event `e3` on 2019-02-14"
    );
    let mut data = lines.to_vec();
    data[2] = r#"2019-02-14 started kommune {"day":"2019-02-14"}"#;
    assert_eq!(
        refuse(&c, &data),
        "line 3 (event `e3`): unknown field `data.day`: a `started` event has no data"
    );
}

#[test]
fn starts_when_and_ends_when_mirror_each_other() {
    let c = ending("starts when started", "ends when handover");
    let lines = [
        SIGNED[0],
        SIGNED[1],
        "2019-01-20 started kommune",
        "2019-02-09 handover home",
    ];
    let d = decide(&c, &lines, None);
    // From the 20th of January (12 days of 31) through the 9th of February (9 days of 28).
    assert_eq!(
        totals(&d, "home"),
        pairs(&[("2019-01", "12000.00"), ("2019-02", "9964.29")])
    );
}

#[test]
fn ends_when_terminated_ends_on_the_effective_day_of_a_termination_signed_by_all() {
    let c = ending("starts on 2019-01-01", "ends when terminated");
    let mut lines = vec![
        SIGNED[0],
        SIGNED[1],
        r#"2019-02-01 terminated kommune {"effective":"2019-03-15"}"#,
    ];
    // Signed by one: pending, nothing ends.
    let d = decide(&c, &lines, Some("2019-04-30"));
    assert_eq!(d.payments.len(), 4);
    lines.push(r#"2019-02-02 terminated home {"effective":"2019-03-15"}"#);
    let d = decide(&c, &lines, Some("2019-04-30"));
    assert_eq!(
        totals(&d, "home").last().unwrap(),
        &("2019-03".to_string(), "15000.00".to_string())
    );
}
