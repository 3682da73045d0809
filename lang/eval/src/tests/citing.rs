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
