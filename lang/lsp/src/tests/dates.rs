//! Hover on a duration: the days it means for the contract at hand, from the evaluator's own calendar, or what
//! they depend on (spec 11.4).

use super::PLACEMENT;
use super::names::hover_at;

/// The line hover adds about the days (its last paragraph).
fn days(marked: &str) -> String {
    let hover = hover_at(marked);
    hover.rsplit("\n\n").next().unwrap_or_default().to_string()
}

#[test]
fn durations_in_the_reference_case_show_their_days() {
    let text = PLACEMENT.replace(
        "  paid monthly in arrears",
        "  ends after 2 years\n  paid monthly in arrears",
    );
    let shown = [
        days(&text.replace("for the first 3 months", "for the first 3 mon$0ths")),
        days(&text.replace("every 2 weeks", "every 2 $0weeks")),
        days(&text.replace(
            "every 3 months\n    grace 14 days\n    when missed flag",
            "every 3$0 months\n    grace 14 days\n    when missed flag",
        )),
        days(&text.replace(
            "grace 14 days\n    when missed flag",
            "grace 1$04 days\n    when missed flag",
        )),
        days(&text.replace("interval: 3 months", "interval: 3 mo$0nths")),
        days(&text.replace("allowed_delay: 14 days", "allowed_delay: 14 $0days")),
        days(&text.replace("ends after 2 years", "ends after 2 ye$0ars")),
        days(&text.replace("lasting 4 hours", "lasting 4 h$0ours")),
        days(&text.replace("term 3 months", "term 3 mo$0nths")),
    ];
    insta::assert_debug_snapshot!(shown, @r#"
    [
        "the first 3 months: 2019-01-15 to 2019-04-14",
        "every 2 weeks on sunday: due 2019-02-03, 2019-02-17, 2019-03-03, …",
        "every 3 months: due 2019-04-15, 2019-07-15, 2019-10-15, …",
        "grace 14 days: the first, due 2019-04-15, is missed when not met by 2019-04-29",
        "every 3 months: due 2019-04-15, 2019-07-15, 2019-10-15, …",
        "grace 14 days: the first, due 2019-04-15, is missed when not met by 2019-04-29",
        "ends after 2 years: the last day in force is 2021-01-14",
        "lasting 4 hours: each time, on each due day",
        "term 3 months: 3 months at a time from the day a `supplement_started` event gives, so the dates are not known from the text",
    ]
    "#);
}

#[test]
fn a_start_on_an_event_says_what_the_days_depend_on() {
    let text = PLACEMENT.replace("starts on 2019-01-15", "starts when started");
    let shown = [
        days(&text.replace("for the first 3 months", "for the first 3 mon$0ths")),
        days(&text.replace("interval: 3 months", "interval: 3 mo$0nths")),
    ];
    insta::assert_debug_snapshot!(shown, @r#"
    [
        "the first 3 months: counted from the contract's start, which is when `started` happens, so the dates are not known from the text",
        "every 3 months: counted from the contract's start, which is when `started` happens, so the dates are not known from the text",
    ]
    "#);
}

#[test]
fn an_item_with_its_own_start_counts_from_it_and_due_days_stop_at_the_end() {
    let text = PLACEMENT
        .replace(
            "    for the first 3 months",
            "    starts on 2019-03-01\n    for the first 3 months",
        )
        .replace(
            "  paid monthly in arrears",
            "  ends on 2019-08-31\n  paid monthly in arrears",
        );
    let shown = [
        days(&text.replace("for the first 3 months", "for the first 3 mon$0ths")),
        days(&text.replace("interval: 3 months", "interval: 3 mo$0nths")),
    ];
    insta::assert_debug_snapshot!(shown, @r#"
    [
        "the first 3 months: 2019-03-01 to 2019-05-31",
        "every 3 months: due 2019-04-15, 2019-07-15",
    ]
    "#);
}

#[test]
fn a_termination_notice_says_it_depends_on_the_termination() {
    let text = PLACEMENT.replace(
        "  termination {\n    signed by municipality and ostervold\n  }",
        "  termination {\n    signed by municipality and ostervold\n    notice 1 month to the end of a month\n  }",
    );
    insta::assert_snapshot!(days(&text.replace("notice 1 month", "notice 1 mo$0nth")), @r#"
    notice 1 month: the contract ends no sooner than 1 month after the day the termination is given, at the end of a month, so the dates depend on the `terminated` event
    "#);
}
