//! Unit tests of the layout rules, one small text each. The whole corpus, the messy examples, generated sentences
//! and `cvl fmt` are tested in `tests/tests/fmt.rs`.

use super::*;

fn fmt(text: &str) -> String {
    match try_format(FileId(0), text) {
        Ok(Outcome::Formatted(formatted)) => formatted,
        other => panic!("not formatted: {other:?}"),
    }
}

/// Asserts that `text` formats to `expected`, and that `expected` is a fixed point.
fn check(text: &str, expected: &str) {
    assert_eq!(fmt(text), expected);
    assert_eq!(fmt(expected), expected, "not idempotent");
}

#[test]
fn statements_go_one_per_line_indented_by_two_spaces() {
    check(
        "contract a{case \"x\"   party b{role payer key \"k\"}}",
        "contract a {\n  case \"x\"\n  party b {\n    role payer\n    key \"k\"\n  }\n}\n",
    );
}

#[test]
fn an_empty_block_closes_on_the_next_line() {
    check("clause c() {}", "clause c() {\n}\n");
}

#[test]
fn blank_lines_are_kept_at_most_one_and_never_next_to_a_brace() {
    check(
        "contract a {\n\n\n  case \"x\"\n\n\n\n  role r\n  role s\n\n}\n",
        "contract a {\n  case \"x\"\n\n  role r\n  role s\n}\n",
    );
}

#[test]
fn top_level_items_have_one_blank_line_between_them_but_imports_keep_theirs() {
    check(
        "import a\nimport b\n\n\nimport c\nclause x() {\n}\n// about y\nclause y() {\n}",
        "import a\nimport b\n\nimport c\n\nclause x() {\n}\n\n// about y\nclause y() {\n}\n",
    );
}

#[test]
fn trailing_comments_stay_trailing_and_own_line_comments_stay_on_their_line() {
    check(
        "contract a { // after the brace\n      // before the case\ncase \"x\"    // after the case\n  // at the end\n}",
        "contract a { // after the brace\n  // before the case\n  case \"x\" // after the case\n  // at the end\n}\n",
    );
}

#[test]
fn a_comment_inside_a_statement_continues_it_on_the_next_line() {
    check(
        "clause c() { pay // the amount\n 5 DKK per month to p }",
        "clause c() {\n  pay // the amount\n    5 DKK per month to p\n}\n",
    );
}

#[test]
fn operators_are_spaced_and_tokens_keep_their_text() {
    check(
        "clause c() { pay (60_000 DKK+1.50 DKK)per month*2/ -x to p term - -1 month cap ((3hours)) }",
        "clause c() {\n  pay (60_000 DKK + 1.50 DKK) per month * 2 / -x to p\n  term - -1 month\n  cap ((3 hours))\n}\n",
    );
}

#[test]
fn dotted_names_calls_and_party_lists_are_tight_where_they_should_be() {
    check(
        "contract a { use m . c ( x : 1 , y:\"s\\\"q\" ) use m.d() use m.e signed by p , q and r }",
        "contract a {\n  use m.c(x: 1, y: \"s\\\"q\")\n  use m.d()\n  use m.e\n  signed by p, q and r\n}\n",
    );
}

#[test]
fn a_trailing_comma_puts_each_element_on_its_own_line() {
    check(
        "clause c(a: party, b: money,) \"t\" { use m.x(a: a,) }",
        "clause c(\n  a: party,\n  b: money,\n) \"t\" {\n  use m.x(\n    a: a,\n  )\n}\n",
    );
}

#[test]
fn a_list_too_wide_for_its_line_is_broken() {
    let names: Vec<String> = (0..12).map(|i| format!("parameter_{i}: money")).collect();
    let text = format!("clause c({}) {{\n}}\n", names.join(", "));
    let broken = format!("clause c(\n  {}\n) {{\n}}\n", names.join(",\n  "));
    check(&text, &broken);
    let fits = "clause c(a: money, b: money) {\n}\n";
    check(fits, fits);
}

#[test]
fn a_comment_inside_a_list_breaks_it() {
    check(
        "contract a { use m.x(a: 1, // why\n b: 2) }",
        "contract a {\n  use m.x(\n    a: 1, // why\n    b: 2\n  )\n}\n",
    );
}

#[test]
fn line_ends_and_trailing_white_space_are_normalised() {
    check(
        "// note  \r\ncontract a {\r\n  case \"x\"\t\r\n}\r\n\r\n",
        "// note\ncontract a {\n  case \"x\"\n}\n",
    );
}

#[test]
fn empty_and_comment_only_files() {
    check("", "");
    check("  \n\n", "");
    check("\n\n// only\n\n\n// a comment", "// only\n\n// a comment\n");
}

#[test]
fn a_file_with_errors_is_refused_with_its_problems() {
    let problems = try_format(FileId(0), "contract a { pay 5 DKK }").unwrap_err();
    assert!(problems.has_errors());
    assert!(format(FileId(0), "contract { }").is_err());
    assert!(format(FileId(0), "contract a { starts on 2019-02-30 }").is_err());
    assert!(format(FileId(0), "// 010203-1234\ncontract a {\n}\n").is_err());
}

#[test]
fn same_tokens_sees_every_change_but_white_space() {
    assert!(same_tokens(
        "pay 60_000 DKK // x  ",
        "pay\n  60_000   DKK // x"
    ));
    assert!(!same_tokens("60_000", "60000"));
    assert!(!same_tokens("a // x", "a // y"));
    assert!(!same_tokens("(a)", "a"));
    assert!(!same_tokens("a,)", "a)"));
}

#[test]
fn every_prefix_of_a_contract_is_formatted_or_refused_without_panicking() {
    let text = "// head\nimport care\ncontract a \"t\" { // x\n  case \"c\"\n  party p { role payer }\n  \
                item i { pay (5 DKK + 1 DKK) per month to p for the first 3 months }\n  \
                use care.status_report(provider: p, interval: 3 months, allowed_delay: 14 days,)\n}\n";
    for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
        let prefix = &text[..end];
        if let Ok(formatted) = format(FileId(0), prefix) {
            assert!(same_tokens(prefix, &formatted), "{prefix:?}");
            assert_eq!(fmt(&formatted), formatted, "{prefix:?}");
        }
    }
}

#[test]
fn cvr_covers_and_a_reimbursement_are_laid_out_as_other_statements() {
    check(
        "contract a{party p{role provider cvr\n\"31259614\" key \"k\"} item i{pay 5 DKK per month to p covers \"a\" ,\"b\",\n \"c\"} item m{reimburse to p up to 10_000 DKK per year approved by a, b and c}}",
        "contract a {\n  party p {\n    role provider\n    cvr \"31259614\"\n    key \"k\"\n  }\n  item i {\n    pay 5 DKK per month to p\n    covers \"a\", \"b\", \"c\"\n  }\n  item m {\n    reimburse to p\n    up to 10_000 DKK per year\n    approved by a, b and c\n  }\n}\n",
    );
}

#[test]
fn a_one_off_payment_is_laid_out_as_other_statements() {
    check(
        "contract a{item s{pay 15_000 DKK to p once   on\nstart} item b{pay 2 DKK to p once on 2019-03-01}}",
        "contract a {\n  item s {\n    pay 15_000 DKK to p\n    once on start\n  }\n  item b {\n    pay 2 DKK to p\n    once on 2019-03-01\n  }\n}\n",
    );
}

#[test]
fn the_items_a_withhold_holds_keep_their_separators() {
    check(
        "contract a{obligation r{by p every 3 months when missed withhold fee ,allowance and\nstart_up}}",
        "contract a {\n  obligation r {\n    by p\n    every 3 months\n    when missed withhold fee, allowance and start_up\n  }\n}\n",
    );
}

#[test]
fn a_regulation_is_laid_out_on_one_line() {
    check(
        "contract a{item f{pay 5 DKK per month to p regulated  by 2.5%each year\nfrom 2020-01-01}}",
        "contract a {\n  item f {\n    pay 5 DKK per month to p\n    regulated by 2.5 % each year from 2020-01-01\n  }\n}\n",
    );
}

#[test]
fn a_regulation_by_an_index_is_laid_out_on_one_line() {
    check(
        "contract a{item f{pay 5 DKK per month to p regulated  by\nindex   pl each year\nfrom 2020-01-01}}",
        "contract a {\n  item f {\n    pay 5 DKK per month to p\n    regulated by index pl each year from 2020-01-01\n  }\n}\n",
    );
}

#[test]
fn a_notice_to_the_end_of_a_month_is_laid_out_on_one_line() {
    check(
        "contract a{termination{signed by p notice 1 month  to the\nend of a month}}",
        "contract a {\n  termination {\n    signed by p\n    notice 1 month to the end of a month\n  }\n}\n",
    );
}
