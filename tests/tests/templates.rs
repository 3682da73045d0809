//! `cvl new` and `cvl doc`, end to end (spec 8.11, 8.12, 5.11): each template, written fresh, checks with exactly
//! its placeholders (E0058) and nothing else; filled in, it checks clean and is evaluated; the documentation of
//! every stdlib module is printed as text and JSON; and every refusal says why.

use std::fs;
use std::path::Path;

use cvl_tests::run_cvl as run;

const KINDS: &[&str] = &["placement", "foster-family", "mentor", "consultant"];

/// `cvl ARGS` as one text for a snapshot, with the scratch directory written `DIR`.
fn shown(args: &[&str], dir: &Path) -> String {
    let (code, out, err) = run(args);
    let text = format!(
        "$ cvl {}\nexit: {code}\n--- stdout\n{out}--- stderr\n{err}",
        args.join(" ")
    );
    text.replace(dir.to_string_lossy().as_ref(), "DIR")
}

/// What the test writes in each placeholder: every placeholder of every template must be here, so that a new one
/// is filled in (and seen in review) when it is added.
fn value_of(written: &str) -> Option<&'static str> {
    Some(match written {
        "todo_first_day_of_the_placement"
        | "todo_first_day_of_the_support"
        | "todo_first_day_of_the_assignment" => "2019-01-15",
        "todo_monthly_price_of_the_stay" => "60_000 DKK",
        "todo_monthly_price_of_the_school_transport" => "5_000 DKK",
        "todo_months_of_school_transport" => "3 months",
        "todo_monthly_fee" => "18_000 DKK",
        "todo_yearly_rise_in_percent" => "2.5",
        "todo_day_of_the_first_rise" => "2020-01-01",
        "todo_monthly_expense_allowance" => "5_200 DKK",
        "todo_start_up_payment" => "20_000 DKK",
        "todo_months_of_support" | "todo_months_of_the_assignment" => "6 months",
        "todo_price_per_hour" => "450 DKK",
        "todo_most_hours_paid_in_a_month" => "10 hours",
        "\"TODO: the case number\"" => "\"ANB-2019-0042\"",
        "\"TODO: the municipality's CVR number, 8 digits\"" => "\"29189587\"",
        "\"TODO: the care home's CVR number, 8 digits\"" => "\"31259614\"",
        "\"TODO: the mentor firm's CVR number, 8 digits\""
        | "\"TODO: the consultancy's CVR number, 8 digits\"" => "\"40176667\"",
        key if key.contains("cvl key gen visit_consultant")
            || key.starts_with("\"TODO: the citizen's public key") =>
        {
            "\"ed25519:p0ZhB/ytaLZXETFJqUFQuieBefpGT3g0sNqyjnrbfDE=\""
        }
        key if key.starts_with("\"TODO: the municipality's public key")
            || key.starts_with("\"TODO: the job centre's public key") =>
        {
            "\"ed25519:1FRU7BuMD1jopQm4Q6873sslRqtuci8Hq8ss86Sm6Qk=\""
        }
        key if key.starts_with("\"TODO: the care home's public key")
            || key.starts_with("\"TODO: the family's public key")
            || key.starts_with("\"TODO: the mentor firm's public key")
            || key.starts_with("\"TODO: the consultant's public key") =>
        {
            "\"ed25519:jicycT2F6O/7CFRjLT+trtbi4dFrvHRDJYVaJZ6oA/s=\""
        }
        text if text.starts_with("\"TODO:") => "\"A title or a name\"",
        _ => return None,
    })
}

/// `text` with each placeholder replaced by [`value_of`] it, and the placeholders that have no value.
fn fill(text: &str) -> (String, Vec<String>) {
    let placeholders = cvl_check::placeholder::find(cvl_syntax::FileId(0), text);
    let mut filled = String::new();
    let mut at = 0;
    let mut unknown = Vec::new();
    for p in &placeholders {
        filled.push_str(&text[at..p.span.start as usize]);
        match value_of(&p.written) {
            Some(value) => filled.push_str(value),
            None => unknown.push(p.written.clone()),
        }
        at = p.span.end as usize;
    }
    filled.push_str(&text[at..]);
    (filled, unknown)
}

#[test]
fn a_fresh_template_checks_with_exactly_its_placeholders() {
    let dir = cvl_tests::scratch_dir("templates", "fresh");
    let out = dir.to_str().unwrap();
    let mut all = Vec::new();
    for kind in KINDS {
        let name = format!("case_{}", kind.replace('-', "_"));
        all.push(shown(&["new", kind, &name, "-o", out], &dir));
        let file = dir.join(format!("{name}.cvl"));
        all.push(shown(
            &["check", "--format", "github", file.to_str().unwrap()],
            &dir,
        ));
        let (_, listed, _) = run(&["check", "--format", "github", file.to_str().unwrap()]);
        assert!(
            listed.lines().all(|l| l.contains("title=E0058::")),
            "{kind}: a fresh template has a diagnostic other than its placeholders:\n{listed}"
        );
    }
    insta::assert_snapshot!(all.join("\n"));
    // The human rendering of one, with its label and help lines.
    let file = dir.join("case_placement.cvl");
    let (code, human, _) = run(&["check", "--color", "never", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("placement_human", human.replace(out, "DIR"));
}

#[test]
fn a_template_filled_in_checks_clean_and_is_evaluated() {
    let dir = cvl_tests::scratch_dir("templates", "filled");
    let out = dir.to_str().unwrap();
    let mut all = Vec::new();
    for kind in KINDS {
        let name = format!("case_{}", kind.replace('-', "_"));
        let (code, _, err) = run(&["new", kind, &name, "-o", out]);
        assert_eq!(code, 0, "{err}");
        let file = dir.join(format!("{name}.cvl"));
        let (filled, unknown) = fill(&fs::read_to_string(&file).unwrap());
        assert!(
            unknown.is_empty(),
            "{kind}: the test has no value for {unknown:?}"
        );
        fs::write(&file, &filled).unwrap();
        let (code, listed, _) = run(&[
            "check",
            "--deny-warnings",
            "--format",
            "github",
            file.to_str().unwrap(),
        ]);
        assert_eq!(
            (code, listed.as_str()),
            (0, ""),
            "{kind} filled in:\n{filled}"
        );
        // Both signatories sign before the start.
        let signatories: Vec<&str> = filled
            .lines()
            .find_map(|l| l.trim().strip_prefix("signed by "))
            .unwrap()
            .split(" and ")
            .collect();
        let events: String = signatories
            .iter()
            .enumerate()
            .map(|(i, who)| {
                format!(r#"{{"id":"sig-{i}","at":"2019-01-10","kind":"signed","actor":"{who}","data":{{}}}}"#) + "\n"
            })
            .collect();
        let events_file = dir.join(format!("{name}.jsonl"));
        fs::write(&events_file, events).unwrap();
        all.push(shown(
            &[
                "eval",
                file.to_str().unwrap(),
                "--events",
                events_file.to_str().unwrap(),
                "--until",
                "2019-03-31",
            ],
            &dir,
        ));
    }
    insta::assert_snapshot!(all.join("\n"));
}

#[test]
fn cvl_new_refuses_with_reasons() {
    let dir = cvl_tests::scratch_dir("templates", "refused");
    let out = dir.to_str().unwrap();
    let mut all = Vec::new();
    for args in [
        &["new", "placement", "twice", "-o", out][..],
        &["new", "placement", "twice", "-o", out],
        &["new", "placment", "x", "-o", out],
        &["new", "placement", "x", "--lang", "de", "-o", out],
        &["new", "placment", "x", "--lang", "da", "-o", out],
        &["new", "placement", "twice", "--lang", "da", "-o", out],
        &["new", "placement", "part", "--lang", "da", "-o", out],
        &["new", "placement", "party", "-o", out],
        &["new", "placement", "my-case", "-o", out],
        &["new", "placement", "todo_case", "-o", out],
    ] {
        all.push(shown(args, &dir));
    }
    insta::assert_snapshot!(all.join("\n"));
    assert!(!dir.join("x.cvl").exists() && !dir.join("party.cvl").exists());
}

#[test]
fn cvl_doc_shows_every_module_and_refuses_what_is_not_there() {
    let dir = Path::new("/nonexistent");
    let mut all = Vec::new();
    for (module, _) in cvl_check::loader::STDLIB {
        all.push(shown(&["doc", module], dir));
    }
    for args in [
        &["doc", "foster", "fee_and_report", "--format", "json"][..],
        &["doc", "care", "status_report"],
        &["doc", "carre"],
        &["doc", "care", "status"],
        &["doc", "care", "nothing_like_it"],
    ] {
        all.push(shown(args, dir));
    }
    insta::assert_snapshot!(all.join("\n"));
}

/// The tokens of `text` as written, comments left out and each string written `"…"`: the terms of a contract
/// without the words a person reads (comments, titles and the texts of placeholders), which a translation keeps.
fn terms(text: &str) -> Vec<String> {
    cvl_syntax::lexer::lex(cvl_syntax::FileId(0), text)
        .iter()
        .filter(|l| l.token != Some(cvl_syntax::lexer::Token::Comment))
        .map(|l| match l.token {
            Some(cvl_syntax::lexer::Token::String) => "\"…\"".to_string(),
            _ => text[l.span.start as usize..l.span.end as usize].to_string(),
        })
        .collect()
}

/// `danish` with each placeholder replaced by the value the English template's placeholder in the same place
/// gets: the two templates have the same placeholders in the same order (the Danish ones' texts in Danish).
fn fill_as_english(danish: &str, english: &str) -> String {
    let da = cvl_check::placeholder::find(cvl_syntax::FileId(0), danish);
    let en = cvl_check::placeholder::find(cvl_syntax::FileId(0), english);
    assert_eq!(da.len(), en.len(), "the templates have other placeholders");
    let mut filled = String::new();
    let mut at = 0;
    for (d, e) in da.iter().zip(&en) {
        assert_eq!(
            d.written.starts_with('"'),
            e.written.starts_with('"'),
            "{} against {}",
            d.written,
            e.written
        );
        if !d.written.starts_with('"') {
            assert_eq!(d.written, e.written, "a placeholder's name differs");
        }
        filled.push_str(&danish[at..d.span.start as usize]);
        // The Danish file writes its amounts and durations with Danish words.
        // Every English placeholder has a value (the test of the English templates holds it).
        let value = value_of(&e.written).unwrap_or_default();
        let value = value
            .replace(" DKK", " kr.")
            .replace(" months", " måneder")
            .replace(" hours", " timer");
        filled.push_str(&value);
        at = d.span.end as usize;
    }
    filled.push_str(&danish[at..]);
    filled
}

#[test]
fn a_danish_template_checks_with_its_placeholders_and_filled_in_is_the_english_one() {
    let dir = cvl_tests::scratch_dir("templates", "danish");
    let out = dir.to_str().unwrap();
    let mut all = Vec::new();
    for kind in KINDS {
        let name = format!("sag_{}", kind.replace('-', "_"));
        all.push(shown(
            &["new", kind, &name, "--lang", "da", "-o", out],
            &dir,
        ));
        let file = dir.join(format!("{name}.cvl"));
        let (_, listed, _) = run(&["check", "--format", "github", file.to_str().unwrap()]);
        assert!(
            !listed.is_empty() && listed.lines().all(|l| l.contains("title=E0058::")),
            "{kind}: a fresh Danish template has a diagnostic other than its placeholders:\n{listed}"
        );
        // The same placeholders as the English template, in the same order, all flagged.
        let danish = fs::read_to_string(&file).unwrap();
        let english_dir = dir.join("en");
        let (code, _, err) = run(&["new", kind, &name, "-o", english_dir.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        let english = fs::read_to_string(english_dir.join(format!("{name}.cvl"))).unwrap();
        assert_eq!(
            listed.lines().count(),
            cvl_check::placeholder::find(cvl_syntax::FileId(0), &english).len(),
            "{kind}: other placeholders flagged than the English template has"
        );
        // Filled in as the English one is, it checks clean.
        let filled = fill_as_english(&danish, &english);
        fs::write(&file, &filled).unwrap();
        let (code, listed, _) = run(&[
            "check",
            "--deny-warnings",
            "--format",
            "github",
            file.to_str().unwrap(),
        ]);
        assert_eq!(
            (code, listed.as_str()),
            (0, ""),
            "{kind} filled in:\n{filled}"
        );
        // In English, it has the English template's terms: only comments and the texts of strings differ.
        let (english_filled, _) = fill(&english);
        let translated = cvl_fmt::translate(
            cvl_syntax::FileId(0),
            &filled,
            cvl_syntax::danish::Language::English,
        )
        .unwrap();
        assert_eq!(terms(&translated), terms(&english_filled), "{kind}");
        assert_ne!(terms(&filled), terms(&english_filled), "{kind}: not Danish");
    }
    insta::assert_snapshot!(all.join("\n"));
    // One fresh Danish template as `cvl check` shows it.
    let (_, written, _) = run(&["new", "mentor", "ny_sag", "--lang", "da", "-o", out]);
    assert!(written.starts_with("skrev "), "{written}");
    let file = dir.join("ny_sag.cvl");
    let (code, human, _) = run(&["check", "--color", "never", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("mentor_danish_human", human.replace(out, "DIR"));
}
