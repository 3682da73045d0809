//! Unit tests of the parser's tree and recovery; diagnostics' rendered text is snapshot-tested in tests/.

use rust_decimal::Decimal;

use super::*;
use crate::ast::{BinaryOp, ExprKind, Unit};

fn parse_ok(text: &str) -> File {
    let parsed = parse(FileId(0), text);
    assert!(
        parsed.problems.is_empty(),
        "unexpected problems: {:?}",
        parsed.problems
    );
    parsed.file
}

fn codes(text: &str) -> Vec<Code> {
    parse(FileId(0), text)
        .problems
        .into_sorted()
        .iter()
        .map(|d| d.code)
        .collect()
}

fn first_stmt(file: &File) -> &StmtKind {
    match file.items.first() {
        Some(TopItem::Contract(c)) => &c.body.stmts.first().unwrap().kind,
        other => panic!("expected a contract, got {other:?}"),
    }
}

#[test]
fn a_pay_statement_is_a_rate_to_a_party() {
    let file = parse_ok("contract c { pay 60_000 DKK per month to ostervold }");
    let StmtKind::Pay { amount, payee } = first_stmt(&file) else {
        panic!("not a pay statement");
    };
    assert_eq!(payee.name, "ostervold");
    let ExprKind::Per(inner, unit) = &amount.kind else {
        panic!("not a rate: {amount:?}");
    };
    assert_eq!(unit.unit, Unit::Month);
    assert_eq!(
        inner.kind,
        ExprKind::Quantity {
            value: Decimal::from(60_000),
            unit: Some(crate::ast::UnitWord {
                unit: Unit::Currency("DKK".into()),
                plural: false,
                span: Span::new(FileId(0), 24, 27),
            }),
        }
    );
}

#[test]
fn precedence_follows_the_grammar() {
    let file = parse_ok("contract c { term 1 + 2 * 3 per month }");
    let StmtKind::Term(expr) = first_stmt(&file) else {
        panic!("not a term");
    };
    // 1 + ((2 * 3) per month)
    let ExprKind::Binary(BinaryOp::Add, _, rhs) = &expr.kind else {
        panic!("{expr:?}");
    };
    assert!(matches!(rhs.kind, ExprKind::Per(..)));

    let file = parse_ok("contract c { term not a < b and c or d }");
    let StmtKind::Term(expr) = first_stmt(&file) else {
        panic!("not a term");
    };
    let ExprKind::Binary(BinaryOp::Or, lhs, _) = &expr.kind else {
        panic!("{expr:?}");
    };
    let ExprKind::Binary(BinaryOp::And, not, _) = &lhs.kind else {
        panic!("{lhs:?}");
    };
    assert!(matches!(
        not.kind,
        ExprKind::Unary(crate::ast::UnaryOp::Not, _)
    ));
}

#[test]
fn comments_are_kept_in_order() {
    let text = "// a\ncontract c { // b\n}\n// c";
    let parsed = parse(FileId(0), text);
    let comments: Vec<&str> = parsed.comments.iter().map(|s| &text[s.range()]).collect();
    assert_eq!(comments, vec!["// a", "// b", "// c"]);
}

#[test]
fn every_statement_of_the_reference_case_parses() {
    let file = parse_ok(include_str!("../../../../examples/placement/placement.cvl"));
    assert_eq!(file.items.len(), 2);
}

#[test]
fn recovery_reports_independent_errors_in_one_run() {
    let text =
        "contract c {\n  pay 5 DKK per month ostervold\n  role 7\n  grace 14 days\n  case @\n}";
    assert_eq!(
        codes(text),
        vec![Code::E0004, Code::E0004, Code::E0001, Code::E0004]
    );
    // The intact statement between the broken ones is still in the tree.
    let parsed = parse(FileId(0), text);
    let Some(TopItem::Contract(contract)) = parsed.file.items.first() else {
        panic!("no contract");
    };
    assert!(
        contract
            .body
            .stmts
            .iter()
            .any(|s| matches!(s.kind, StmtKind::Grace(_)))
    );
}

#[test]
fn an_unclosed_block_points_at_its_brace() {
    let parsed = parse(FileId(0), "contract a {\n  case \"x\"\ncontract b { }");
    let problems = parsed.problems.into_sorted();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, Code::E0005);
    assert_eq!(problems[0].span, Span::new(FileId(0), 11, 12));
    assert_eq!(parsed.file.items.len(), 2);
}

#[test]
fn literals_are_valued_and_checked() {
    assert_eq!(
        codes("contract c { starts on 2019-02-30 }"),
        vec![Code::E0006]
    );
    assert_eq!(codes("contract c { starts on 2020-02-29 }"), vec![]);
    assert_eq!(
        codes("contract c { term 99999999999999999999999999999999 days }"),
        vec![Code::E0007]
    );
    assert_eq!(codes("contract c { case \"a\\qb\" }"), vec![Code::E0003]);
    assert_eq!(
        codes("contract c { case \"ab }"),
        vec![Code::E0005, Code::E0002]
    );
    assert_eq!(codes("contract c { term 5 DKKK }"), vec![Code::E0012]);
    assert_eq!(codes("contract c { term a < b < c }"), vec![Code::E0011]);
}

#[test]
fn strings_resolve_their_escapes() {
    let file = parse_ok(r#"contract c { case "a\"b\\c\td" }"#);
    let StmtKind::Case(s) = first_stmt(&file) else {
        panic!("not a case");
    };
    assert_eq!(s.value, "a\"b\\c\td");
}

#[test]
fn deep_nesting_is_one_diagnostic_not_a_crash() {
    let text = format!(
        "contract c {{ term {}1{} }}",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let result = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || codes(&text))
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(result, vec![Code::E0008]);
}

#[test]
fn a_keyword_as_a_name_says_it_is_reserved() {
    let parsed = parse(FileId(0), "contract c { item term { } }");
    let problems = parsed.problems.into_sorted();
    assert_eq!(
        problems[0].message,
        "expected a name for the item, found `term`"
    );
    assert_eq!(
        problems[0].help.as_deref(),
        Some("`term` is a reserved word: choose another name")
    );
}

#[test]
fn parse_source_adds_the_text_rules() {
    let source = Source::new("t.cvl", "// 010203-1234\ncontract c { case \"x\" }");
    let codes: Vec<Code> = parse_source(FileId(0), &source)
        .problems
        .into_sorted()
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(codes, vec![Code::E0010]);

    let empty = Source::new("e.cvl", "// nothing here\n");
    let problems = parse_source(FileId(0), &empty).problems.into_sorted();
    assert_eq!(
        problems.iter().map(|d| d.code).collect::<Vec<_>>(),
        vec![Code::W0001]
    );

    let bad = Source::from_bytes("b.cvl", b"contract \xff".to_vec());
    let problems = parse_source(FileId(0), &bad).problems.into_sorted();
    assert_eq!(
        problems.iter().map(|d| d.code).collect::<Vec<_>>(),
        vec![Code::E0009]
    );
}

#[test]
fn a_regulation_by_an_index_names_it_and_index_before_a_percent_sign_is_a_percentage() {
    let file = parse_ok("contract c { regulated by index pl each year from 2020-01-01 }");
    let StmtKind::Regulated {
        by: crate::ast::RegulatedBy::Index(name),
        ..
    } = first_stmt(&file)
    else {
        panic!("not a regulation by an index");
    };
    assert_eq!(name.name, "pl");
    // `index %`: a percentage named `index` (a clause's parameter, say).
    let file = parse_ok("contract c { regulated by index % each year from 2020-01-01 }");
    let StmtKind::Regulated {
        by: crate::ast::RegulatedBy::Percent(percent),
        ..
    } = first_stmt(&file)
    else {
        panic!("not a regulation by a percentage");
    };
    assert!(
        matches!(&percent.kind, ExprKind::Name(p) if p == "index"),
        "{percent:?}"
    );
    for malformed in [
        "regulated by index each year from 2020-01-01",
        "regulated by index \"pl\" each year from 2020-01-01",
        "regulated by index pl from 2020-01-01",
        "regulated by index pl nl each year from 2020-01-01",
    ] {
        assert_eq!(
            codes(&format!("contract c {{ {malformed} }}")),
            [Code::E0004],
            "{malformed}"
        );
    }
}
