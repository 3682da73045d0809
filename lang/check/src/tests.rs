//! Unit tests of the checker's rules, one rule each; the rendered messages are snapshot-tested in tests/.

use cvl_syntax::{Code, Source, Sources, parse_source};

use crate::loader::FsLoader;
use crate::model::{ItemKind, PartyId, Start, Weekday};
use crate::types::{Calendar, Per, Type};
use crate::value::Value;
use crate::{Checked, check};

fn run(text: &str) -> Checked {
    let mut sources = Sources::new();
    let id = sources.add(Source::new("t.cvl", text));
    let parsed = parse_source(id, sources.get(id).unwrap());
    assert!(
        !parsed.problems.has_errors(),
        "syntax: {:?}",
        parsed.problems
    );
    check(
        &mut sources,
        id,
        &parsed.file,
        &mut FsLoader::new(Vec::new()),
    )
}

fn codes(text: &str) -> Vec<Code> {
    run(text)
        .problems
        .into_sorted()
        .iter()
        .map(|d| d.code)
        .collect()
}

/// A complete contract around `body`: two parties that sign, a case, a start and a schedule.
fn contract(body: &str) -> String {
    format!(
        "contract c {{
  case \"ANB-1\"
  party kommune {{ role payer key \"ed25519:AxiotVCLTRFo8Z11ewELoFkGa9ySVw2ilQO/w2dIIB4=\" }}
  party home {{ role provider key \"ed25519:WM/CGf94Y3JJ9BHySBlUNpcKatyx4+4tLFdc58wBPjU=\" }}
  signed by kommune and home
  starts on 2019-01-15
  paid monthly in arrears
{body}
}}"
    )
}

#[test]
fn the_reference_case_checks_clean_and_builds_its_model() {
    let checked = run(include_str!("../../../examples/placement/placement.cvl"));
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    let contract = &checked.contracts[0];
    assert_eq!(contract.case_ref.as_deref(), Some("ANB-2019-0042"));
    assert_eq!(
        contract.start,
        Some(Start::On(
            chrono::NaiveDate::from_ymd_opt(2019, 1, 15).unwrap()
        ))
    );
    let taxi = contract.items.iter().find(|i| i.id.0 == "taxi").unwrap();
    assert_eq!(
        taxi.rate.as_ref().unwrap().amount,
        rust_decimal::Decimal::from(5_000)
    );
    assert_eq!(taxi.first.unwrap().calendar, Calendar::Months);
    let supplement = contract
        .items
        .iter()
        .find(|i| i.kind == ItemKind::Supplement)
        .unwrap();
    assert_eq!(
        supplement.adjustable_by,
        vec![PartyId("municipality".into())]
    );
    // The status report comes from the stdlib clause, with the arguments bound.
    let report = contract
        .obligations
        .iter()
        .find(|o| o.id.0 == "status_report")
        .unwrap();
    assert_eq!(report.by, vec![PartyId("ostervold".into())]);
    assert_eq!(
        report.grace.unwrap().amount,
        rust_decimal::Decimal::from(14)
    );
    let visits = contract
        .obligations
        .iter()
        .find(|o| o.id.0 == "visits")
        .unwrap();
    assert_eq!(visits.on, Some(Weekday::Sunday));
    assert_eq!(
        visits.every.unwrap().amount,
        rust_decimal::Decimal::from(14)
    );
}

#[test]
fn the_mentor_case_checks_clean() {
    let checked = run(include_str!("../../../examples/mentor/mentor.cvl"));
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    let item = &checked.contracts[0].items[0];
    assert_eq!(item.rate.as_ref().unwrap().per, Per::Hour);
    assert_eq!(item.cap, Some(rust_decimal::Decimal::from(10)));
}

#[test]
fn hover_knows_the_type_and_value_of_an_amount() {
    let text = contract("  item stay { pay 60_000 DKK per month to home }");
    let checked = run(&text);
    let offset = u32::try_from(text.find("60_000").unwrap()).unwrap();
    let info = checked.info.type_at(offset).unwrap();
    // The innermost expression at the number is the amount itself.
    assert_eq!(info.ty, Type::Money("DKK".into()));
    let per = u32::try_from(text.find("per month").unwrap()).unwrap();
    let rate = checked.info.type_at(per).unwrap();
    assert_eq!(
        rate.value.as_ref().unwrap().to_string(),
        "60,000.00 DKK per month"
    );
}

#[test]
fn go_to_definition_finds_the_party() {
    let text = contract("  item stay { pay 1 DKK per month to home }");
    let checked = run(&text);
    let use_at = u32::try_from(text.rfind("home").unwrap()).unwrap();
    let target = checked.info.definition_at(use_at).unwrap();
    assert_eq!(&text[target.range()], "home");
    assert_eq!(target.start as usize, text.find("home").unwrap());
}

#[test]
fn operators_name_both_types() {
    let checked = run(&contract(
        "  item a { pay (5 DKK + 4 hours) per month to home }",
    ));
    let problems = checked.problems.into_sorted();
    assert_eq!(problems[0].code, Code::E0016);
    assert_eq!(problems[0].message, "cannot add money (DKK) and hours");
    assert_eq!(problems[0].secondary.len(), 2);
    // The comparison is refused once; the statement does not complain again about its type.
    assert_eq!(
        codes(&contract("  ends on 2019-01-15 + 3 months < 3 months")),
        vec![Code::E0016]
    );
    assert_eq!(codes(&contract("  ends on 3 months")), vec![Code::E0018]);
}

#[test]
fn a_date_compared_with_a_duration_is_refused() {
    let text = contract(
        "  item a { pay 1 DKK per month to home starts on 2019-02-01 }\n  ends on 2019-03-01\n",
    );
    assert_eq!(codes(&text), vec![]);
    let checked = run(&contract(
        "  item a { pay 1 DKK per month to home }\n  ends on (2019-03-01 < 3 months)\n",
    ));
    let messages: Vec<String> = checked
        .problems
        .into_sorted()
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        messages,
        vec!["cannot compare a date with a duration in months"]
    );
}

#[test]
fn months_are_not_days() {
    assert_eq!(
        codes(&contract(
            "  item a { pay 1 DKK per month to home for the first 3 months + 2 days }"
        )),
        vec![Code::E0016]
    );
    // A monthly rate over a number of days has no meaning without a conversion.
    assert_eq!(
        codes(&contract(
            "  item a { pay 1 DKK per month * 30 days / 1 month to home }"
        )),
        vec![Code::E0016]
    );
}

#[test]
fn a_weekly_amount_needs_a_stated_conversion() {
    assert_eq!(
        codes(&contract("  item a { pay 1_000 DKK per week to home }")),
        vec![Code::E0019]
    );
    let stated = run(&contract(
        "  item a { pay 1_000 DKK per week * 52 weeks / 12 months to home }",
    ));
    assert!(stated.problems.is_empty(), "{:?}", stated.problems);
    let rate = stated.contracts[0].items[0].rate.clone().unwrap();
    assert_eq!(rate.per, Per::Month);
    assert_eq!(
        rate.amount.round_dp(2),
        rust_decimal::Decimal::new(433_333, 2)
    );
}

#[test]
fn names_resolve_with_a_suggestion() {
    let checked = run(&contract("  item a { pay 1 DKK per month to hom }"));
    let problem = &checked.problems.into_sorted()[0];
    assert_eq!(problem.code, Code::E0015);
    assert_eq!(problem.help.as_deref(), Some("did you mean `home`?"));
}

#[test]
fn domain_rules() {
    // A duplicate name, across kinds.
    assert_eq!(
        codes(&contract("  item home { pay 1 DKK per month to home }")),
        vec![Code::E0014]
    );
    // A supplement adjusted by a party who does not sign.
    let text = contract(
        "  party firm { role consultant key \"ed25519:KF+pKh/3MZ1rKCNsH1l95z5hC4iacPmlJKZXLGvPTY0=\" }
  supplement s { pay 1 DKK per month to home adjustable by firm term 3 months review by kommune }",
    );
    assert_eq!(codes(&text), vec![Code::E0024]);
    // A period that ends before it begins.
    assert_eq!(
        codes(&contract(
            "  item a { pay 1 DKK per month to home starts on 2019-05-01 ends on 2019-04-01 }"
        )),
        vec![Code::E0021]
    );
    // A negative payment.
    assert_eq!(
        codes(&contract("  item a { pay -1 DKK per month to home }")),
        vec![Code::E0020]
    );
    // An obligation with no interval (and no consequence, which is a lint).
    assert_eq!(
        codes(&contract("  obligation o { by home }")),
        vec![Code::E0023, Code::W0004]
    );
    // No case reference.
    let no_case = contract("").replace("case \"ANB-1\"", "");
    assert_eq!(codes(&no_case), vec![Code::E0022]);
}

#[test]
fn statements_stand_in_their_place_once() {
    assert_eq!(
        codes(&contract(
            "  item a { pay 1 DKK per month to home grace 3 days }"
        )),
        vec![Code::E0025]
    );
    assert_eq!(
        codes(&contract(
            "  item a { pay 1 DKK per month to home pay 2 DKK per month to home }"
        )),
        vec![Code::E0026]
    );
    assert_eq!(
        codes(&contract("  item a { for the first 3 months }")),
        vec![Code::E0030]
    );
}

#[test]
fn an_item_that_starts_after_the_contract_s_length_is_never_active() {
    let ends_after = |starts: &str| {
        codes(&contract(&format!(
            "  ends after 3 months\n  item a {{ pay 1 DKK per month to home starts on {starts} }}"
        )))
    };
    // The contract runs 2019-01-15 through 2019-04-14.
    assert_eq!(ends_after("2019-04-15"), vec![Code::W0003]);
    assert_eq!(ends_after("2019-04-14"), vec![]);
}

#[test]
fn a_weekday_is_a_weekday_where_one_is_expected_even_if_a_party_shares_its_name() {
    let text = contract(
        "  party sunday { role provider key \"ed25519:KF+pKh/3MZ1rKCNsH1l95z5hC4iacPmlJKZXLGvPTY0=\" }
  obligation visits { by sunday every 2 weeks on sunday when missed flag }",
    );
    assert_eq!(codes(&text), vec![]);
}

#[test]
fn lints() {
    assert_eq!(
        codes(&contract(
            "  item a { pay 1 DKK per month to home for the first 0 months }"
        )),
        vec![Code::W0003]
    );
    assert_eq!(
        codes(&contract(
            "  supplement s { pay 1 DKK per month to home adjustable by kommune term 3 months }"
        )),
        vec![Code::W0005]
    );
    let unused = format!(
        "clause spare(p: party) {{ item x {{ pay 1 DKK per month to p }} }}\n{}",
        contract("")
    );
    assert_eq!(codes(&unused), vec![Code::W0002]);
}

#[test]
fn clauses_take_typed_arguments() {
    let base = "import care\n";
    let ok = format!(
        "{base}{}",
        contract(
            "  use care.status_report(provider: home, interval: 3 months, allowed_delay: 14 days)"
        )
    );
    assert_eq!(codes(&ok), vec![]);
    let missing = format!(
        "{base}{}",
        contract("  use care.status_report(provider: home, interval: 3 months)")
    );
    assert_eq!(codes(&missing), vec![Code::E0032]);
    let wrong = format!(
        "{base}{}",
        contract(
            "  use care.status_report(provider: 5 DKK, interval: 3 months, allowed_delay: 14 days)"
        )
    );
    assert_eq!(codes(&wrong), vec![Code::E0018]);
    assert_eq!(
        codes(&contract("  use care.status_report()")),
        vec![Code::E0031]
    );
    assert_eq!(
        codes(&format!("import nothing\n{}", contract(""))),
        vec![Code::E0027]
    );
}

#[test]
fn a_clause_that_uses_itself_is_refused() {
    let text = format!(
        "clause loop(p: party) {{ use loop(p: p) }}\n{}",
        contract("  use loop(p: home)")
    );
    assert!(codes(&text).contains(&Code::E0028));
}

#[test]
fn weekdays_are_names_a_clause_can_take() {
    let text = format!(
        "import care\n{}",
        contract(
            "  use care.supervised_visits(consultant: home, interval: 2 weeks, weekday: sunday, length: 4 hours)"
        )
    );
    let checked = run(&text);
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    assert_eq!(
        checked.contracts[0].obligations[0].on,
        Some(Weekday::Sunday)
    );
    assert_eq!(
        codes(&contract(
            "  obligation o { by home every 2 weeks on sundy when missed flag }"
        )),
        vec![Code::E0034]
    );
}

#[test]
fn constant_values_are_exact() {
    let checked = run(&contract("  ends on 2019-01-31 + 1 month"));
    assert_eq!(
        checked.contracts[0].end,
        Some(crate::model::End::On(
            chrono::NaiveDate::from_ymd_opt(2019, 2, 28).unwrap()
        ))
    );
    let v = Value::Money {
        amount: rust_decimal::Decimal::new(1, 1),
        currency: "DKK".into(),
    };
    assert_eq!(v.to_string(), "0.10 DKK");
}

#[test]
fn names_in_a_file_and_in_a_clause_are_given_once() {
    let twice = format!(
        "clause a(p: party) {{ item x {{ pay 1 DKK per month to p }} }}\nclause a(p: party) {{ }}\n{}",
        contract("  use a(p: home)")
    );
    assert!(codes(&twice).contains(&Code::E0014));
    let param = format!(
        "clause b(p: party, p: party) {{ item x {{ pay 1 DKK per month to p }} }}\n{}",
        contract("  use b(p: home)")
    );
    assert!(codes(&param).contains(&Code::E0014));
}

#[test]
fn a_party_is_declared_in_the_contract_not_in_a_clause() {
    let text = format!(
        "clause c() {{ party extra {{ role provider key \"ed25519:KF+pKh/3MZ1rKCNsH1l95z5hC4iacPmlJKZXLGvPTY0=\" }} }}\n{}",
        contract("  use c()")
    );
    assert!(codes(&text).contains(&Code::E0025));
}

#[test]
fn a_negative_cap_or_length_is_refused() {
    assert_eq!(
        codes(&contract(
            "  item a { pay 1 DKK per hour to home cap -10 hours per month }"
        )),
        vec![Code::E0020]
    );
    assert_eq!(
        codes(&contract(
            "  obligation o { by home every 1 month lasting -4 hours when missed flag }"
        )),
        vec![Code::E0020]
    );
}

#[test]
fn a_failed_import_is_reported_once() {
    let text = format!("import nothing\n{}", contract("  use nothing.x()"));
    assert_eq!(codes(&text), vec![Code::E0027]);
}

#[test]
fn a_duration_is_a_whole_number_of_days_or_months_as_written_and_as_computed() {
    let cases: &[(&str, &[Code])] = &[
        ("  ends after 1.0 months", &[]),
        ("  ends after 1 year / 2", &[]),
        ("  ends after 0.5 years", &[Code::E0007]),
        ("  ends after 0.001 days", &[Code::E0007]),
        ("  ends after 1 month * 1.5", &[Code::E0017]),
        ("  ends after 1 month / 3 * 3", &[Code::E0017]),
        (
            "  obligation o { by home every 1 week / 7 when missed flag }",
            &[],
        ),
        (
            "  obligation o { by home every 3 weeks / 2 when missed flag }",
            &[Code::E0017],
        ),
        (
            "  item a { pay 1 DKK per month to home starts on 2019-01-15 + 1 month / 2 }",
            &[Code::E0017],
        ),
        // A duration literal is whole wherever it stands, also where it only prices a payment.
        (
            "  item a { pay 6_000 DKK per month * 1.5 months / 1 month to home }",
            &[Code::E0007],
        ),
        (
            "  item a { pay 6_000 DKK per month * 3 months / 2 months to home }",
            &[],
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(codes(&contract(body)), *expected, "{body}");
    }
}

#[test]
fn a_number_multiplied_into_an_amount_has_at_most_the_currency_s_decimals() {
    let pay = |amount: &str| {
        codes(&contract(&format!(
            "  item a {{ pay {amount} per month to home }}"
        )))
    };
    assert_eq!(pay("22.500 * 1 DKK"), vec![Code::E0007]);
    assert_eq!(pay("1 DKK * 22.500"), vec![Code::E0007]);
    assert_eq!(pay("0.125 * 1_000 DKK"), vec![Code::E0007]);
    // Reported once, by the product that makes it money.
    assert_eq!(pay("(22.500 * 1 DKK) * 2"), vec![Code::E0007]);
    assert_eq!(pay("2 * (3 * 1.255) * 1 DKK"), vec![Code::E0007]);
    assert_eq!(pay("22.50 * 1 DKK"), vec![]);
    assert_eq!(pay("22.500 * 1 KWD"), vec![]);
    assert_eq!(pay("100 DKK / 3"), vec![]);
    assert_eq!(pay("1_000 DKK / 0.125"), vec![]);
    assert_eq!(
        codes(&contract(
            "  item a { pay 1_000 DKK per week * 52 weeks / 12 months to home }"
        )),
        vec![]
    );
    let help = run(&contract(
        "  item a { pay 1 DKK * 22.500 per month to home }",
    ))
    .problems
    .into_sorted()
    .into_iter()
    .filter_map(|d| d.help)
    .collect::<Vec<_>>();
    assert_eq!(
        help,
        [
            "`.` is the decimal point: write `22_500` if it groups thousands here, or `22.50` for the decimal amount"
        ]
    );
}

#[test]
fn a_contract_s_dates_are_from_0001_to_9999() {
    let dated = |start: &str, end: &str| {
        codes(&contract(&format!("  ends on {end}")).replace("2019-01-15", start))
    };
    assert_eq!(dated("9999-01-01", "9999-12-31"), vec![]);
    assert_eq!(dated("0001-01-01", "0001-12-31"), vec![]);
    assert_eq!(dated("9999-01-01", "9999-12-31 + 1 day"), vec![Code::E0017]);
    assert_eq!(dated("0001-01-01 - 1 day", "0001-12-31"), vec![Code::E0017]);
    assert_eq!(dated("0000-12-31", "0001-12-31"), vec![Code::E0017]);
    assert_eq!(
        dated("2019-01-01 - 99999 years", "2019-12-31"),
        vec![Code::E0017]
    );
    // An intermediate step outside the calendar has no value either.
    assert_eq!(
        dated("9999-01-01", "9999-12-31 + 1 day - 1 day"),
        vec![Code::E0017]
    );
    let lasting = |start: &str, length: &str| {
        codes(&contract(&format!("  ends after {length}")).replace("2019-01-15", start))
    };
    assert_eq!(lasting("9999-06-01", "7 months"), vec![]);
    assert_eq!(lasting("9999-06-01", "8 months"), vec![Code::E0040]);
    assert_eq!(lasting("9999-12-31", "1 day"), vec![]);
    assert_eq!(lasting("9999-12-31", "2 days"), vec![Code::E0040]);
}

#[test]
fn a_contract_that_ends_after_nothing_is_never_in_force() {
    let ends = |length: &str| {
        codes(&contract(&format!(
            "  ends after {length}\n  item a {{ pay 1 DKK per month to home }}"
        )))
    };
    assert_eq!(ends("0 days"), vec![Code::W0003]);
    assert_eq!(ends("0 months"), vec![Code::W0003]);
    assert_eq!(ends("1 day"), vec![]);
}

#[test]
fn help_lines_name_the_contract_s_own_parties() {
    let helps = |body: &str| -> Vec<String> {
        run(&contract(body))
            .problems
            .into_sorted()
            .into_iter()
            .filter_map(|d| d.help)
            .collect()
    };
    assert_eq!(
        helps("  supplement s { pay 1 DKK per month to home adjustable by kommune term 3 months }"),
        ["name who reviews it at the end of each term: `review by kommune`"]
    );
    assert_eq!(
        helps("  obligation o { every 1 month when missed flag }"),
        ["name the party that must meet it: `by home`"]
    );
    assert_eq!(
        helps("  termination { notice 1 month }"),
        [
            "name who must sign a termination, `signed by kommune and home`, or who may make it alone: `by kommune or home`"
        ]
    );
    // In a clause checked on its own, its `party` parameters are the names it has.
    let clause = run(
        "clause c(who: party) { supplement s { pay 1 DKK per month to who adjustable by who term 3 months } }",
    );
    let help: Vec<String> = clause
        .problems
        .into_sorted()
        .into_iter()
        .filter_map(|d| d.help)
        .collect();
    assert_eq!(
        help,
        ["name who reviews it at the end of each term: `review by who`"]
    );
}

/// Many parties and as many unknown party names (red-team 2, item 4): a "did you mean" is worked out only for the
/// diagnostics that can still be shown, so the names compared stay bounded by the cap, not by the file.
#[test]
fn the_work_for_suggestions_is_bounded_by_the_diagnostics_shown() {
    use std::fmt::Write as _;
    let n = 20_000;
    // The first unknown name is one edit from a party: its help is shown. The parties come last, so that the
    // unknown names are the first problems (a party without a key is one too).
    let mut body = String::from("  item early { pay 1 DKK per month to p0000 }\n");
    for i in 0..n {
        let _ = writeln!(body, "  item i{i:05} {{ pay 1 DKK per month to q{i:05} }}");
    }
    for i in 0..n {
        let _ = writeln!(body, "  party p{i:05} \"x\" {{ role provider }}");
    }
    crate::names::COMPARISONS.with(|c| c.set(0));
    let checked = run(&contract(&body));
    let compared = crate::names::COMPARISONS.with(std::cell::Cell::get);
    let shown = checked.problems.into_sorted();
    assert_eq!(shown.len(), cvl_syntax::diagnostic::MAX_PER_FILE + 1);
    assert_eq!(shown.last().map(|d| d.code), Some(Code::E0043));
    // The E0015s shown are the first unknown names, the first with its suggestion.
    let e0015: Vec<_> = shown.iter().filter(|d| d.code == Code::E0015).collect();
    assert_eq!(e0015.len(), cvl_syntax::diagnostic::MAX_PER_FILE);
    assert_eq!(
        e0015.first().and_then(|d| d.help.as_deref()),
        Some("did you mean `p00000`?")
    );
    // At most twice the cap are worked out (before the first trim), each against at most MAX_CANDIDATES names.
    assert!(
        compared <= 2 * cvl_syntax::diagnostic::MAX_PER_FILE * crate::names::MAX_CANDIDATES,
        "{compared} names compared"
    );
}

#[test]
fn a_regulated_rate_in_force_is_raised_once_for_each_rise_on_or_before_the_day() {
    let regulation = crate::model::Regulation {
        by: crate::model::RegulatedBy::Percent("2.5".parse().unwrap()),
        from: "2020-02-29".parse().unwrap(),
        span: cvl_syntax::Span::new(cvl_syntax::FileId(0), 0, 0),
    };
    let base: rust_decimal::Decimal = "1000.33".parse().unwrap();
    let on = |d: &str| {
        regulation
            .rate_on(base, d.parse().unwrap(), &|_, _| None)
            .unwrap()
            .to_string()
    };
    assert_eq!(on("2020-02-28"), "1000.33");
    assert_eq!(on("2020-02-29"), "1025.34");
    // From 29 February, a year without one rises on 28 February (spec 4.16).
    assert_eq!(on("2021-02-27"), "1025.34");
    assert_eq!(on("2021-02-28"), "1050.97");
}

#[test]
fn a_rate_regulated_by_an_index_is_chained_by_the_values_and_stays_where_one_is_missing() {
    use crate::model::{NotRaised, RegulatedBy, Regulation};
    let regulation = Regulation {
        by: RegulatedBy::Index("pl".to_string()),
        from: "2020-01-01".parse().unwrap(),
        span: cvl_syntax::Span::new(cvl_syntax::FileId(0), 0, 0),
    };
    let dec = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
    // pl: 2019 100.0, 2020 102.3, 2021 104.1, no 2022, 2023 110.
    let values = |index: &str, year: i32| {
        let value = match (index, year) {
            ("pl", 2019) => "100.0",
            ("pl", 2020) => "102.3",
            ("pl", 2021) => "104.1",
            ("pl", 2023) => "110",
            _ => return None,
        };
        Some(dec(value))
    };
    let base = dec("20000");
    let on = |d: &str| {
        regulation
            .rate_on(base, d.parse().unwrap(), &values)
            .unwrap()
            .to_string()
    };
    assert_eq!(on("2019-12-31"), "20000");
    // 20,000 × 102.3 / 100.0 = 20,460.00.
    assert_eq!(on("2020-01-01"), "20460");
    // 20,460 × 104.1 / 102.3 = 20,820.00 exactly (20,460 / 102.3 = 200).
    assert_eq!(on("2021-06-30"), "20820");
    // No value for 2022: the 2021 rate stays, and 2023's rise (110 / the missing 2022) does not apply either.
    assert_eq!(on("2022-01-01"), "20820");
    assert_eq!(on("2023-01-01"), "20820");
    assert_eq!(
        regulation.raise(dec("20820.00"), "2022-01-01".parse().unwrap(), &values),
        Err(NotRaised::Missing(vec![2022]))
    );
    assert_eq!(
        regulation.raise(dec("1"), "2025-01-01".parse().unwrap(), &values),
        Err(NotRaised::Missing(vec![2024, 2025]))
    );
}

#[test]
fn a_termination_by_one_party_or_either_lets_each_named_party_terminate_alone() {
    for (by, parties) in [
        ("by kommune", vec!["kommune"]),
        ("by kommune or home", vec!["kommune", "home"]),
        ("by kommune, home", vec!["kommune", "home"]),
    ] {
        let checked = run(&contract(&format!(
            "  termination {{ {by} notice 1 month }}"
        )));
        assert!(
            !checked.problems.has_errors(),
            "{by}: {:?}",
            checked.problems
        );
        let termination = checked.contracts[0].termination.clone().unwrap();
        assert!(termination.alone, "{by}");
        let names: Vec<&str> = termination
            .signatories
            .iter()
            .map(|p| p.0.as_str())
            .collect();
        assert_eq!(names, parties, "{by}");
    }
    let signed = run(&contract("  termination { signed by kommune and home }"));
    assert!(!signed.contracts[0].termination.clone().unwrap().alone);
}

#[test]
fn parties_joined_the_wrong_way_are_e0055() {
    // A termination's `by` with `and`; `signed by` and `by` both; an obligation's `by` with `or`.
    assert_eq!(
        codes(&contract("  termination { by kommune and home }")),
        vec![Code::E0055]
    );
    assert_eq!(
        codes(&contract("  termination { signed by kommune by home }")),
        vec![Code::E0055]
    );
    assert_eq!(
        codes(&contract(
            "  item fee { pay 1 DKK per month to home }\n  obligation r { by home or kommune every 1 months when missed withhold fee }"
        )),
        vec![Code::E0055]
    );
}
