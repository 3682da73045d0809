//! What CVL shows people in Danish outside the diagnostics (issue 16): the `cvl eval` table of a Danish contract,
//! or of any contract with `--lang da` (its words from the catalogue, its amounts as `60.000,00`, dates ISO), and
//! `cvl explain --lang da`. The English outputs are held by their own snapshots (eval.rs, cli.rs).

use cvl_tests::run_words;

/// `cvl eval` of the Danish reference case, in Danish because the contract is.
#[test]
fn a_danish_contract_is_evaluated_in_danish() {
    let (code, out, err) = run_words(
        "eval ../examples/da/placement/placement.cvl --events ../examples/placement/events.jsonl",
    );
    assert_eq!((code, err.as_str()), (0, ""));
    insta::assert_snapshot!("eval_da_placement", out);
}

/// `--lang da` of the English reference case: the same figures in Danish notation; `--lang en` of the Danish
/// case is the English table.
#[test]
fn lang_chooses_the_tables_language() {
    let (code, da, err) = run_words(
        "eval ../examples/placement/placement.cvl --events ../examples/placement/events.jsonl --lang da",
    );
    assert_eq!((code, err.as_str()), (0, ""));
    insta::assert_snapshot!("eval_lang_da_of_english", da);
    let (code, en, err) = run_words(
        "eval ../examples/placement/placement.cvl --events ../examples/placement/events.jsonl --lang en",
    );
    let (_, default, _) = run_words(
        "eval ../examples/placement/placement.cvl --events ../examples/placement/events.jsonl",
    );
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(en, default);
    // JSON is for programs, the same in every language.
    let (_, json_da, _) = run_words(
        "eval ../examples/da/placement/placement.cvl --events ../examples/placement/events.jsonl --format json",
    );
    assert!(
        json_da.contains("60,000.00 DKK/month × 17/31 days"),
        "{json_da}"
    );
}

/// A held, released and reconciled month in Danish: holds, releases and what is paid and owed.
#[test]
fn holds_and_payments_in_danish() {
    let (code, out, err) = run_words(
        "eval ../examples/da/dispute/dispute.cvl --events ../examples/dispute/events.jsonl --lang da",
    );
    assert_eq!((code, err.as_str()), (0, ""));
    insta::assert_snapshot!("eval_da_dispute", out);
    let (code, out, err) = run_words(
        "eval explain/contract.cvl --events explain/events.jsonl --lib explain/lib --until 2019-06-30 --lang da",
    );
    assert_eq!((code, err.as_str()), (0, ""));
    insta::assert_snapshot!("eval_da_holds", out);
}

#[test]
fn explain_in_danish() {
    let (code, out, err) = run_words("explain E0004 --lang da");
    assert_eq!((code, err.as_str()), (0, ""));
    insta::assert_snapshot!("explain_da_e0004", out);
    let (code, out, err) = run_words("explain --lang da");
    assert_eq!((code, err.as_str()), (0, ""));
    insta::assert_snapshot!("explain_da_list", out);
}

/// The corrected example of every Danish explanation (the last `cvl` block of `explain/da/CODE.md`) is Danish CVL
/// in the canonical layout, as `cvl fmt --to da` writes it.
#[test]
fn the_danish_explanations_examples_are_danish_cvl() {
    let dir = cvl_tests::workspace_root().join("lang/syntax/explain/da");
    let mut problems = Vec::new();
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let Some(example) = text
            .split("```cvl")
            .skip(1)
            .filter_map(|block| block.split_once('\n').map(|(_, rest)| rest))
            .filter_map(|rest| rest.split_once("```").map(|(code, _)| code))
            .last()
        else {
            problems.push(format!("{}: no example", path.display()));
            continue;
        };
        seen += 1;
        let translated = cvl_fmt::translate(
            cvl_syntax::FileId(0),
            example,
            cvl_syntax::danish::Language::Danish,
        );
        if translated.as_deref() != Ok(example) {
            problems.push(format!(
                "{}: its example is not `cvl fmt --to da` of itself",
                path.display()
            ));
        }
    }
    assert!(seen >= 60, "{seen}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
