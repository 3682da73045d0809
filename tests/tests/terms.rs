//! The terms of issue 13 end to end (`cvl eval` on a foster-family contract that uses them): one-off payments,
//! scoped consequences, yearly regulation, notice and reviews; and the refusals of events that do not fit them.
//!
//! Tests run with `tests/` as the working directory.

use cvl_tests::shown;

const FOSTER: &str = "eval eval/terms/foster.cvl --events eval/terms/foster.jsonl";

#[test]
fn a_one_off_payment_is_paid_once_in_the_month_of_its_day() {
    insta::assert_snapshot!(
        "foster_one_off",
        shown(&format!("{FOSTER} --until 2019-03-31"))
    );
}

#[test]
fn a_missed_report_holds_the_fee_and_pays_the_allowance() {
    // Due 2019-07-15, grace to 2019-07-29, met 2019-09-10: the fee of July and August is held, their allowance
    // paid, and September releases the fee.
    insta::assert_snapshot!(
        "foster_scoped_hold",
        shown(&format!("{FOSTER} --until 2019-09-30"))
    );
}

#[test]
fn a_regulated_fee_rises_on_its_day_and_a_month_it_splits_pays_two_lines() {
    // 20,000.00 until 2020-01-14, 20,500.00 from 2020-01-15: January 2020 pays 14/31 and 17/31.
    insta::assert_snapshot!(
        "foster_regulated",
        shown(&format!("{FOSTER} --until 2020-02-29"))
    );
}

#[test]
fn a_regulated_rate_past_the_amount_limit_decides_nothing() {
    insta::assert_snapshot!(
        "regulated_past_the_limit",
        shown(
            "eval eval/terms/regulated-past-the-limit.cvl --events eval/terms/signed.jsonl --until 2019-12-31"
        )
    );
}

#[test]
fn a_termination_before_its_notice_allows_decides_nothing_and_names_the_earliest_end() {
    // Signed on 2019-05-20 with a month's notice to the end of a month: 2019-06-30 at the earliest.
    insta::assert_snapshot!(
        "terminated_before_the_notice",
        shown("eval eval/terms/foster.cvl --events eval/terms/terminated-before-the-notice.jsonl")
    );
}

#[test]
fn a_supplements_review_is_an_obligation_of_its_reviewer_flagged_when_missed() {
    // `extra` runs from 2019-02-01 for 3 months, renewed on 2019-04-20: its review due 2019-04-30 is done late, on
    // 2019-06-10, so May is flagged; the one due 2019-07-31 is met by no event.
    insta::assert_snapshot!(
        "reviews",
        shown("eval eval/contract.cvl --events eval/terms/reviews.jsonl --until 2019-08-31")
    );
}

#[test]
fn a_review_by_a_party_that_does_not_review_is_refused() {
    insta::assert_snapshot!(
        "review_not_by_the_reviewer",
        shown("eval eval/contract.cvl --events eval/terms/review-not-by-the-reviewer.jsonl")
    );
}

#[test]
fn a_termination_by_either_party_is_done_by_one_of_them_alone_from_its_date() {
    // `by municipality or family`: the family's termination alone, signed on 2019-05-20 with a month's notice to
    // the end of a month, ends the contract on 2019-06-30, the earliest end that notice allows.
    insta::assert_snapshot!(
        "terminated_alone",
        shown("eval eval/terms/foster-either.cvl --events eval/terms/terminated-alone.jsonl")
    );
}

#[test]
fn a_termination_by_one_party_alone_is_refused_from_another() {
    // `by municipality`: the family may not terminate.
    insta::assert_snapshot!(
        "terminated_alone_by_another",
        shown("eval eval/terms/foster-municipality.cvl --events eval/terms/terminated-alone.jsonl")
    );
}

#[test]
fn a_second_termination_after_one_party_terminated_alone_is_refused() {
    insta::assert_snapshot!(
        "terminated_alone_twice",
        shown("eval eval/terms/foster-either.cvl --events eval/terms/terminated-alone-twice.jsonl")
    );
}

#[test]
fn a_termination_by_one_party_alone_keeps_its_notice() {
    // Signed on 2019-05-20 with a month's notice to the end of a month: 2019-06-30 at the earliest, as when all sign.
    insta::assert_snapshot!(
        "terminated_alone_before_the_notice",
        shown(
            "eval eval/terms/foster-either.cvl --events eval/terms/terminated-alone-before-the-notice.jsonl"
        )
    );
}

#[test]
fn a_notice_past_the_last_day_cvl_can_hold_is_said_in_words() {
    // Signed 9999-01-01 with a month's notice; terminated on 9999-12-15: a month later is past 9999-12-31.
    insta::assert_snapshot!(
        "notice_past_the_calendar",
        shown(
            "eval eval/terms/notice-past-the-calendar.cvl --events eval/terms/notice-past-the-calendar.jsonl"
        )
    );
}
