//! The example invoices of examples/placement/invoices/ and examples/mentor/: every file reads cleanly, and one
//! table lists each file's number, kind, profile, lines (item, unit, quantity, amount) and payable amount, so that
//! a change to any example shows in one snapshot.

#![cfg(test)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use cvl_invoice::{DocumentKind, read_file};
use rust_decimal::Decimal;

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// Every `.xml` file under examples/placement/invoices/, sorted by name, then the mentor's invoice.
fn example_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(examples().join("placement/invoices"))
        .expect("the placement's invoices")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    files.push(examples().join("mentor/invoice.xml"));
    files
}

#[test]
fn every_example_invoice_reads_cleanly() {
    let files = example_files();
    assert_eq!(files.len(), 18, "17 placement invoices and the mentor's");
    let mut table = String::new();
    for path in files {
        let name = path
            .strip_prefix(examples())
            .expect("under examples/")
            .display()
            .to_string();
        let doc = read_file(&path).unwrap_or_else(|refusal| panic!("{name}: {refusal}"));
        assert_eq!(doc.currency, "DKK", "{name}");
        assert!(doc.currency_mismatches.is_empty(), "{name}");
        let sum: Decimal = doc.lines.iter().map(|l| l.amount.value).sum();
        assert_eq!(sum, doc.totals.line_extension.value, "{name}: line total");
        assert_eq!(sum, doc.totals.payable.value, "{name}: payable");
        let cvr = if name.starts_with("mentor") {
            "40176667"
        } else {
            "31259614"
        };
        assert_eq!(doc.supplier.cvr_numbers(), vec![cvr.to_string()], "{name}");
        let reference = doc
            .buyer_reference
            .as_ref()
            .or(doc.order_reference.as_ref());
        assert!(reference.is_some(), "{name}: a case reference");
        if doc.kind == DocumentKind::CreditNote {
            assert!(
                !doc.billing_references.is_empty(),
                "{name}: the invoice it credits"
            );
        }
        let _ = writeln!(
            table,
            "{name}  {}  {} ({})  ref {}  payable {}",
            doc.number,
            doc.kind.root(),
            doc.profile.name(),
            reference.map_or("-", String::as_str),
            doc.totals.payable.value,
        );
        for line in &doc.lines {
            let period = line.period.or(doc.period).map_or("-".to_string(), |p| {
                format!(
                    "{}..{}",
                    p.start.map_or("?".to_string(), |d| d.to_string()),
                    p.end.map_or("?".to_string(), |d| d.to_string())
                )
            });
            let _ = writeln!(
                table,
                "  {}  {:<15} {} {:<4} {:>9}  {period}",
                line.id,
                line.sellers_item_id.as_deref().unwrap_or("-"),
                line.quantity.unit_code,
                line.quantity.value,
                line.amount.value,
            );
        }
    }
    insta::assert_snapshot!(table);
}
