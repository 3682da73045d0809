//! What a line cites: the events behind its amount, each once, so that the ids a state keeps grow linearly with
//! the events (spec 9).

use super::*;

#[test]
fn an_adjusted_amount_cites_the_start_and_its_own_adjustment_not_every_earlier_one() {
    let c = contract("2019-01-01", SUPPLEMENT);
    let mut lines = SIGNED.to_vec();
    lines.push(
        r#"2019-02-01 supplement_started kommune {"supplement":"extra","from":"2019-02-01"}"#,
    );
    for day in 2..=20 {
        lines.push(Box::leak(
            format!(r#"2019-02-{day:02} supplement_adjusted kommune {{"supplement":"extra","amount":"{day}000","from":"2019-03-{day:02}"}}"#)
                .into_boxed_str(),
        ));
    }
    lines.push(r#"2019-03-25 supplement_renewed kommune {"supplement":"extra"}"#);
    let d = decide(&c, &lines, Some("2019-05-31"));
    let march = &d.payments[1];
    let cited: Vec<String> = march.lines.iter().map(|l| l.events.join(" ")).collect();
    assert_eq!(cited.first().unwrap(), "e3");
    assert_eq!(cited[1], "e3 e4");
    assert_eq!(cited.last().unwrap(), "e3 e22");
    let ids: usize = march.lines.iter().map(|l| l.events.len()).sum();
    assert!(ids <= 2 * 21 + 1, "{ids} ids cited");
    // The renewal adds the days from 2019-05-01: May cites it, March and April do not.
    let cited = |month: usize| d.payments[month].lines[0].events.join(" ");
    assert_eq!(cited(2), "e3 e22");
    assert_eq!(cited(3), "e3 e22 e23");
}

#[test]
fn a_state_made_only_to_admit_keeps_no_ids_of_starts_adjustments_or_renewals() {
    let c = contract("2019-01-01", SUPPLEMENT);
    let lines = [
        SIGNED[0],
        SIGNED[1],
        r#"2019-02-01 supplement_started kommune {"supplement":"extra","from":"2019-02-01"}"#,
        r#"2019-02-10 supplement_adjusted kommune {"supplement":"extra","amount":"4000","from":"2019-03-01"}"#,
        r#"2019-03-25 supplement_renewed kommune {"supplement":"extra"}"#,
        r#"2019-04-02 supplement_adjusted kommune {"supplement":"extra","amount":"4500","from":"2019-05-01"}"#,
        r#"2019-06-25 supplement_renewed kommune {"supplement":"extra"}"#,
    ];
    let mut fold = crate::Fold::admitting(&c, crate::Binding::default());
    for event in events(&lines) {
        fold.apply(&event.unwrap()).unwrap();
    }
    let supplement = fold.state.supplements.values().next().unwrap();
    // Its current segment and term only, citing nothing.
    assert_eq!(supplement.segments.len(), 1);
    assert!(supplement.segments[0].events.is_empty());
    assert!(supplement.segments[0].renewed.is_empty());
    assert_eq!(supplement.ends, NaiveDate::from_ymd_opt(2019, 11, 1));
    // A state for deciding keeps each segment with what it cites: the renewals whose terms hold its days go with
    // them, so March and April (of the first term) cite no renewal, and May on cites the renewal in force.
    let mut fold = crate::Fold::new(&c, crate::Binding::default(), None);
    for event in events(&lines) {
        fold.apply(&event.unwrap()).unwrap();
    }
    let supplement = fold.state.supplements.values().next().unwrap();
    let cited: Vec<(Vec<String>, usize)> = supplement
        .segments
        .iter()
        .map(|s| (s.events.clone(), s.renewed.len()))
        .collect();
    assert_eq!(
        cited,
        [
            (vec!["e3".to_string()], 0),
            (vec!["e3".to_string(), "e4".to_string()], 0),
            (vec!["e3".to_string(), "e6".to_string()], 2),
        ]
    );
}

#[test]
fn a_month_cites_the_renewal_in_force_for_it_not_every_renewal_so_far() {
    // A term of 3 months from 2019-02-01, renewed a week before each term ends, for ten years: forty renewals.
    let c = contract("2019-01-01", SUPPLEMENT);
    let mut lines: Vec<&'static str> = SIGNED.to_vec();
    lines.push(
        r#"2019-02-01 supplement_started kommune {"supplement":"extra","from":"2019-02-01"}"#,
    );
    let mut ends = NaiveDate::from_ymd_opt(2019, 5, 1).unwrap();
    for _ in 0..40 {
        let at = ends - chrono::Days::new(7);
        lines.push(Box::leak(
            format!(r#"{at} supplement_renewed kommune {{"supplement":"extra"}}"#).into_boxed_str(),
        ));
        ends = ends.checked_add_months(chrono::Months::new(3)).unwrap();
    }
    let d = decide(&c, &lines, Some("2029-01-31"));
    let cited = |period: &str| {
        let p = d
            .payments
            .iter()
            .find(|p| p.period.to_string() == period)
            .unwrap();
        p.lines[0].events.join(" ")
    };
    // The first term's months cite the start; each later month the start and the renewal whose term holds it.
    assert_eq!(cited("2019-04"), "e3");
    assert_eq!(cited("2019-05"), "e3 e4");
    assert_eq!(cited("2019-07"), "e3 e4");
    assert_eq!(cited("2019-08"), "e3 e5");
    assert_eq!(cited("2028-12"), "e3 e42");
    let most = d
        .payments
        .iter()
        .flat_map(|p| &p.lines)
        .map(|l| l.events.len())
        .max();
    assert_eq!(most, Some(2));
}

#[test]
fn a_month_split_by_a_renewal_cites_both_terms_and_an_adjustment_after_a_renewal_cites_it() {
    // A term of 3 months from 2019-02-15: the renewal's term starts on 2019-05-15, mid-month.
    let c = contract("2019-01-01", SUPPLEMENT);
    let lines = [
        SIGNED[0],
        SIGNED[1],
        r#"2019-02-15 supplement_started kommune {"supplement":"extra","from":"2019-02-15"}"#,
        r#"2019-05-01 supplement_renewed kommune {"supplement":"extra"}"#,
        r#"2019-08-01 supplement_renewed kommune {"supplement":"extra"}"#,
        r#"2019-09-01 supplement_adjusted kommune {"supplement":"extra","amount":"4000","from":"2019-09-01"}"#,
    ];
    let d = decide(&c, &lines, Some("2019-12-31"));
    let cited = |period: &str| {
        let p = d
            .payments
            .iter()
            .find(|p| p.period.to_string() == period)
            .unwrap();
        p.lines
            .iter()
            .map(|l| l.events.join(" "))
            .collect::<Vec<_>>()
    };
    assert_eq!(cited("2019-05"), ["e3 e4"]);
    // August holds the last days of the first renewal's term and the first of the second's.
    assert_eq!(cited("2019-08"), ["e3 e4 e5"]);
    // The adjusted amount's days are of the second renewal's term.
    assert_eq!(cited("2019-09"), ["e3 e6 e5"]);
}
