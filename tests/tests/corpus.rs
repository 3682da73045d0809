//! The corpus: one input file is one test.
//!
//! Every `corpus/**/*.cvl` file starts with a header line that says what to run, `// run: cvl check` followed
//! by any flags (`// run: cvl check --format json`, `// run: cvl check --lib corpus/check/lib`); the harness
//! appends the file's own path, relative to the `tests/` directory that the tests run in, and calls
//! [`cvl_cli::run`] with buffers for stdout and stderr. A file that is empty (and so has no room for a header)
//! runs plain `cvl check`. The exit code and both streams are snapshot with insta after the input itself, so that
//! a reviewer reads the source and what `cvl` said about it side by side. Colours are off, since the writers are
//! not a terminal.
//!
//! The folders:
//!
//! - `corpus/ok`: valid contracts and clause libraries that, together, use every statement and expression form
//!   (each where it belongs); `cvl check` finds nothing in them.
//! - `corpus/syntax`: what the parser and the text rules report.
//! - `corpus/check`: what the checker reports. A file named after a code (`E0016-money-plus-hours.cvl`) shows
//!   that code and no other.
//!
//! A file that another imports (a module in a `lib/` folder, one half of a circular import) is a test too: its
//! header checks it on its own, so that its snapshot shows what it says by itself.
//!
//! To add a case, add a file and run `cargo insta test -p cvl-tests --test corpus --review`.

use std::path::Path;

const HEADER: &str = "// run: ";

/// The command line that a corpus file asks for, with the file's relative path appended.
#[expect(
    clippy::panic,
    reason = "a corpus file without a header is a broken test"
)]
fn command_line(relative_path: &str, text: &str) -> Vec<String> {
    let Some(first_line) = text.lines().next() else {
        return vec!["cvl".into(), "check".into(), relative_path.into()];
    };
    let Some(command) = first_line.strip_prefix(HEADER) else {
        panic!("{relative_path}: the first line must be `{HEADER}cvl …`, found {first_line:?}");
    };
    let mut args: Vec<String> = command.split_whitespace().map(String::from).collect();
    assert_eq!(
        args.first().map(String::as_str),
        Some("cvl"),
        "{relative_path}: the header must run `cvl`"
    );
    args.push(relative_path.into());
    args
}

/// What one run of `cvl` did: its exit code, stdout and stderr.
struct Outcome {
    code: i32,
    out: String,
    err: String,
}

fn execute(args: &[String]) -> Outcome {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = cvl_cli::run(args, &mut out, &mut err);
    Outcome {
        code,
        out: String::from_utf8_lossy(&out).into_owned(),
        err: String::from_utf8_lossy(&err).into_owned(),
    }
}

/// Runs the command and renders the test: the input, the exit code, then stdout and stderr.
fn run(args: &[String], text: &str) -> String {
    let Outcome { code, out, err } = execute(args);
    let mut input = text.to_string();
    if !input.is_empty() && !input.ends_with('\n') {
        input.push('\n');
    }
    format!("--- input\n{input}--- exit: {code}\n--- stdout\n{out}--- stderr\n{err}")
}

/// Runs a corpus file as its header says, from its path relative to `tests/`.
#[expect(
    clippy::expect_used,
    reason = "a corpus file that cannot be read is a broken test"
)]
fn run_file(path: &Path) -> Outcome {
    let tests_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let relative = path
        .strip_prefix(tests_dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let text =
        String::from_utf8_lossy(&std::fs::read(path).expect("read a corpus file")).into_owned();
    execute(&command_line(&relative, &text))
}

/// The codes an output shows, in any of the three formats: `[E0016]`, `"code": "E0016"`, `title=E0016`.
fn codes_shown(output: &str) -> std::collections::BTreeSet<cvl_syntax::Code> {
    cvl_syntax::Code::ALL
        .iter()
        .copied()
        .filter(|code| {
            [
                format!("[{code}]"),
                format!("\"{code}\""),
                format!("title={code}:"),
            ]
            .iter()
            .any(|form| output.contains(form.as_str()))
        })
        .collect()
}

#[test]
fn corpus() {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The CLI resolves the relative paths the harness passes from the working directory.
    assert_eq!(
        std::env::current_dir().ok().as_deref(),
        Some(manifest_dir),
        "the corpus runs from the tests/ directory"
    );
    let mut count = 0;
    insta::glob!("../corpus", "**/*.cvl", |path| {
        count += 1;
        let relative = path
            .strip_prefix(manifest_dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(path).expect("read a corpus file");
        let text = String::from_utf8_lossy(&bytes);
        let args = command_line(&relative, &text);
        let output = run(&args, &text);
        insta::with_settings!({
            description => args.join(" "),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(output);
        });
    });
    assert!(count >= 30, "the corpus has only {count} files");
}

/// Every rejected corpus file (corpus/syntax, corpus/check) run again with `--lang da` after `cvl check`: its
/// diagnostics, their labels and help lines, and the summary in Danish, beside the English snapshot of the same
/// file (`corpus__corpus_in_danish@…`, which shows what was said and not the input again).
#[test]
fn corpus_in_danish() {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut count = 0;
    insta::glob!("../corpus", "**/*.cvl", |path| {
        let relative = path
            .strip_prefix(manifest_dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        if relative.starts_with("corpus/ok/") {
            return;
        }
        count += 1;
        let bytes = std::fs::read(path).expect("read a corpus file");
        let text = String::from_utf8_lossy(&bytes);
        let mut args = command_line(&relative, &text);
        args.splice(2..2, ["--lang".to_string(), "da".to_string()]);
        let Outcome { code, out, err } = execute(&args);
        let output = format!("--- exit: {code}\n--- stdout\n{out}--- stderr\n{err}");
        insta::with_settings!({
            description => args.join(" "),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(output);
        });
    });
    assert!(count >= 30, "the rejected corpus has only {count} files");
}

#[test]
fn every_non_empty_corpus_file_has_a_header() {
    let files = cvl_tests::corpus_files(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"));
    assert!(!files.is_empty());
    for path in files {
        let bytes = std::fs::read(&path).expect("read a corpus file");
        if !bytes.is_empty() {
            assert!(
                bytes.starts_with(b"// run: cvl "),
                "{} has no `// run: cvl …` header",
                path.display()
            );
        }
    }
}

#[test]
fn the_header_becomes_the_command_line() {
    assert_eq!(
        command_line(
            "corpus/a.cvl",
            "// run: cvl check --format json\ncontract c { }"
        ),
        ["cvl", "check", "--format", "json", "corpus/a.cvl"]
    );
    assert_eq!(
        command_line("corpus/empty.cvl", ""),
        ["cvl", "check", "corpus/empty.cvl"]
    );
}

/// The syntactic forms that the files in `corpus/ok` use, by name. The matches are exhaustive, so that a new
/// statement or expression form fails to compile here until it has a name, and then fails the coverage test
/// until an `ok` file uses it.
mod forms {
    use std::collections::BTreeSet;

    use cvl_syntax::ast::{
        Block, Consequence, DeclKind, EndRule, Expr, ExprKind, File, ImportTarget, Moment, OnceDay,
        RegulatedBy, StmtKind, TopItem, UnaryOp,
    };

    #[derive(Default)]
    pub struct Forms(pub BTreeSet<String>);

    impl Forms {
        pub fn add(&mut self, name: impl Into<String>) {
            self.0.insert(name.into());
        }

        pub fn file(&mut self, file: &File) {
            for item in &file.items {
                match item {
                    TopItem::Import(import) => match &import.target {
                        ImportTarget::Module(path) if path.segments.len() > 1 => {
                            self.add("import a.b")
                        }
                        ImportTarget::Module(_) => self.add("import a"),
                        ImportTarget::File(_) => self.add("import \"file\""),
                    },
                    TopItem::Contract(contract) => {
                        self.add(if contract.title.is_some() {
                            "contract with title"
                        } else {
                            "contract"
                        });
                        self.block(&contract.body);
                    }
                    TopItem::Clause(clause) => {
                        self.add(if clause.params.is_empty() {
                            "clause()"
                        } else {
                            "clause(params)"
                        });
                        if clause.params.iter().any(|p| p.ty.name == "party") {
                            self.add("param: party");
                        }
                        self.block(&clause.body);
                    }
                }
            }
        }

        fn block(&mut self, block: &Block) {
            for stmt in &block.stmts {
                match &stmt.kind {
                    StmtKind::Decl(decl) => {
                        self.add(match decl.kind {
                            DeclKind::Party => "party",
                            DeclKind::Item => "item",
                            DeclKind::Supplement => "supplement",
                            DeclKind::Obligation => "obligation",
                            DeclKind::Termination => "termination",
                        });
                        self.block(&decl.body);
                    }
                    StmtKind::Case(_) => self.add("case"),
                    StmtKind::Role(_) => self.add("role"),
                    StmtKind::Key(_) => self.add("key"),
                    StmtKind::SignedBy(parties) => self.parties("signed by", parties.len()),
                    StmtKind::Starts(Moment::On(e)) => self.stmt_expr("starts on", e),
                    StmtKind::Starts(Moment::When(_)) => self.add("starts when"),
                    StmtKind::Ends(EndRule::On(e)) => self.stmt_expr("ends on", e),
                    StmtKind::Ends(EndRule::After(e)) => self.stmt_expr("ends after", e),
                    StmtKind::Ends(EndRule::When(_)) => self.add("ends when"),
                    StmtKind::Pay { amount, .. } => self.stmt_expr("pay", amount),
                    StmtKind::ForFirst(e) => self.stmt_expr("for the first", e),
                    StmtKind::AdjustableBy(parties) => self.parties("adjustable by", parties.len()),
                    StmtKind::Term(e) => self.stmt_expr("term", e),
                    StmtKind::ReviewBy(parties) => self.parties("review by", parties.len()),
                    StmtKind::By { parties, .. } => self.parties("by", parties.len()),
                    StmtKind::Every { interval, on } => {
                        self.stmt_expr("every", interval);
                        if on.is_some() {
                            self.add("every … on");
                        }
                    }
                    StmtKind::Lasting(e) => self.stmt_expr("lasting", e),
                    StmtKind::Grace(e) => self.stmt_expr("grace", e),
                    StmtKind::WhenMissed {
                        consequence: Consequence::Withhold,
                        items,
                    } => {
                        self.add("when missed withhold");
                        if !items.is_empty() {
                            self.parties("when missed withhold ITEM", items.len());
                        }
                    }
                    StmtKind::WhenMissed {
                        consequence: Consequence::Flag,
                        ..
                    } => self.add("when missed flag"),
                    StmtKind::Cap(e) => self.stmt_expr("cap", e),
                    StmtKind::ConfirmedBy(parties) => self.parties("confirmed by", parties.len()),
                    StmtKind::Notice { length, month_end } => {
                        self.stmt_expr("notice", length);
                        if *month_end {
                            self.add("notice to the end of a month");
                        }
                    }
                    StmtKind::Cvr(_) => self.add("cvr"),
                    StmtKind::Covers(covered) => self.parties("covers", covered.len()),
                    StmtKind::Reimburse { .. } => self.add("reimburse to"),
                    StmtKind::UpTo(e) => self.stmt_expr("up to", e),
                    StmtKind::ApprovedBy(parties) => self.parties("approved by", parties.len()),
                    StmtKind::PaidMonthly {
                        in_arrears,
                        due_day,
                    } => {
                        self.add(if *in_arrears {
                            "paid monthly in arrears"
                        } else {
                            "paid monthly"
                        });
                        if let Some(day) = due_day {
                            self.stmt_expr("due on day", day);
                        }
                    }
                    StmtKind::Interest { percent, .. } => self.stmt_expr("interest", percent),
                    StmtKind::Once(OnceDay::Start(_)) => self.add("once on start"),
                    StmtKind::Regulated {
                        by: RegulatedBy::Percent(percent),
                        from,
                    } => {
                        self.stmt_expr("regulated by", percent);
                        self.expr(from);
                    }
                    StmtKind::Regulated {
                        by: RegulatedBy::Index(_),
                        from,
                    } => {
                        self.add("regulated by index");
                        self.expr(from);
                    }
                    StmtKind::Once(OnceDay::On(e)) => self.stmt_expr("once on", e),
                    StmtKind::Use { args, .. } => {
                        self.add(if args.is_empty() { "use" } else { "use(args)" });
                        for arg in args {
                            self.expr(&arg.value);
                        }
                    }
                }
            }
        }

        fn parties(&mut self, statement: &str, count: usize) {
            self.add(statement);
            if count > 1 {
                self.add(format!("{statement} several"));
            }
        }

        fn stmt_expr(&mut self, statement: &str, expr: &Expr) {
            self.add(statement);
            self.expr(expr);
        }

        fn expr(&mut self, expr: &Expr) {
            match &expr.kind {
                ExprKind::Quantity { unit: None, .. } => self.add("number"),
                ExprKind::Quantity {
                    unit: Some(unit), ..
                } => {
                    self.add(
                        format!("number {}", unit.unit.word(unit.plural))
                            .replace(|c: char| c.is_ascii_uppercase(), "X"),
                    );
                }
                ExprKind::Date(_) => self.add("date"),
                ExprKind::Str(_) => self.add("string"),
                ExprKind::Bool(b) => self.add(b.to_string()),
                ExprKind::Name(_) => self.add("name"),
                ExprKind::Unary(op, inner) => {
                    self.add(match op {
                        UnaryOp::Neg => "-x",
                        UnaryOp::Not => "not x",
                    });
                    self.expr(inner);
                }
                ExprKind::Binary(op, lhs, rhs) => {
                    self.add(format!("x {} y", op.symbol()));
                    self.expr(lhs);
                    self.expr(rhs);
                }
                ExprKind::Per(inner, unit) => {
                    self.add(
                        format!("per {}", unit.unit.word(false))
                            .replace(|c: char| c.is_ascii_uppercase(), "X"),
                    );
                    self.expr(inner);
                }
                ExprKind::Error => self.add("an error"),
            }
        }
    }
}

/// The forms that the files in `folder` of the corpus use; a file with syntax errors counts for nothing.
#[expect(
    clippy::expect_used,
    reason = "a corpus file that cannot be read is a broken test"
)]
fn forms_in(folder: &str) -> forms::Forms {
    use cvl_syntax::FileId;

    let mut forms = forms::Forms::default();
    let files = cvl_tests::corpus_files(Path::new(env!("CARGO_MANIFEST_DIR")).join(folder));
    for path in files {
        let text = std::fs::read_to_string(&path).expect("read a corpus file");
        let parsed = cvl_syntax::parse(FileId(0), &text);
        if parsed.problems.has_errors() {
            continue;
        }
        forms.file(&parsed.file);
    }
    forms
}

/// Forms the grammar accepts but no valid contract can use: a rate is per a unit of time, so `per EUR` is always
/// E0016. The check corpus shows each of them instead.
const NEVER_VALID: &[&str] = &["per XXX"];

#[test]
fn the_ok_corpus_uses_every_statement_and_expression_form() {
    use cvl_syntax::FileId;

    let mut forms = forms::Forms::default();
    let files = cvl_tests::corpus_files(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/ok"));
    for path in files {
        let text = std::fs::read_to_string(&path).expect("read an ok file");
        let parsed = cvl_syntax::parse(FileId(0), &text);
        assert!(
            parsed.problems.is_empty(),
            "{}: {:?}",
            path.display(),
            parsed.problems
        );
        forms.file(&parsed.file);
    }
    let check = forms_in("corpus/check");
    for form in NEVER_VALID {
        assert!(
            !forms.0.contains(*form),
            "corpus/ok uses {form}, which no valid contract can"
        );
        assert!(
            check.0.contains(*form),
            "no file in corpus/check shows {form}"
        );
        forms.add(*form);
    }
    let mut missing = Vec::new();
    let expected = [
        "import a",
        "import a.b",
        "import \"file\"",
        "contract",
        "contract with title",
        "clause()",
        "clause(params)",
        "param: party",
        "party",
        "item",
        "supplement",
        "obligation",
        "termination",
        "case",
        "role",
        "key",
        "signed by",
        "signed by several",
        "starts on",
        "starts when",
        "ends on",
        "ends after",
        "ends when",
        "pay",
        "for the first",
        "adjustable by",
        "term",
        "review by",
        "review by several",
        "by",
        "by several",
        "every",
        "every … on",
        "lasting",
        "grace",
        "when missed withhold",
        "when missed flag",
        "when missed withhold ITEM",
        "when missed withhold ITEM several",
        "cap",
        "confirmed by",
        "confirmed by several",
        "notice",
        "notice to the end of a month",
        "cvr",
        "covers",
        "covers several",
        "reimburse to",
        "up to",
        "approved by",
        "once on start",
        "regulated by",
        "regulated by index",
        "once on",
        "paid monthly",
        "paid monthly in arrears",
        "use",
        "use(args)",
        "number",
        "number day",
        "number days",
        "number week",
        "number weeks",
        "number month",
        "number months",
        "number year",
        "number years",
        "number hour",
        "number hours",
        "number XXX",
        "date",
        "string",
        "true",
        "false",
        "name",
        "-x",
        "not x",
        "x or y",
        "x and y",
        "x == y",
        "x != y",
        "x < y",
        "x <= y",
        "x > y",
        "x >= y",
        "x + y",
        "x - y",
        "x * y",
        "x / y",
        "per day",
        "per week",
        "per month",
        "per year",
        "per hour",
        "per XXX",
    ];
    for form in expected {
        if !forms.0.contains(form) {
            missing.push(form);
        }
    }
    assert!(missing.is_empty(), "no file in corpus/ok uses: {missing:?}");
    assert!(!forms.0.contains("an error"));
}

#[test]
fn every_diagnostic_code_has_a_corpus_snapshot_that_shows_it() {
    let snapshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut shown = String::new();
    for entry in std::fs::read_dir(&snapshots).expect("read the snapshots") {
        let path = entry.expect("a snapshot entry").path();
        // Accepted snapshots only: a pending `.snap.new` does not count.
        let is_corpus = path.file_name().is_some_and(|n| {
            let name = n.to_string_lossy();
            name.starts_with("corpus__") && name.ends_with(".snap")
        });
        if is_corpus {
            shown.push_str(&std::fs::read_to_string(&path).expect("read a snapshot"));
        }
    }
    let missing: Vec<_> = cvl_syntax::Code::ALL
        .iter()
        .filter(|code| !shown.contains(&format!("[{code}] ")))
        .collect();
    assert!(
        missing.is_empty(),
        "no corpus snapshot shows {missing:?}: add an input to corpus/syntax or corpus/check"
    );
}

#[test]
fn every_ok_file_checks_clean() {
    let files = cvl_tests::corpus_files(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/ok"));
    assert!(files.len() >= 5, "corpus/ok has only {} files", files.len());
    let mut dirty = Vec::new();
    for path in files {
        let outcome = run_file(&path);
        // A Danish file's summary is in Danish (`ingen problemer`).
        let clean = outcome.out.ends_with("no problems\n")
            || outcome.out.ends_with("ingen problemer\n")
            || outcome.out == "[]\n";
        if outcome.code != 0 || !clean || !outcome.err.is_empty() {
            dirty.push(format!(
                "{}:\n{}{}",
                path.display(),
                outcome.out,
                outcome.err
            ));
        }
    }
    assert!(
        dirty.is_empty(),
        "corpus/ok files must have no problems:\n{}",
        dirty.join("\n")
    );
}

/// A corpus file named after a code (`E0016-money-plus-hours.cvl`) shows that code and no other, so that the
/// name says what the snapshot is about. Files with other names (several errors, a module, a format) are free.
#[test]
fn a_file_named_after_a_code_shows_that_code_alone() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut wrong = Vec::new();
    let mut named = 0;
    for path in cvl_tests::corpus_files(&corpus) {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(code) = stem
            .split('-')
            .next()
            .and_then(cvl_syntax::Code::parse)
            .filter(|code| stem.starts_with(code.as_str()))
        else {
            continue;
        };
        named += 1;
        let outcome = run_file(&path);
        let shown = codes_shown(&outcome.out);
        if shown.len() != 1 || !shown.contains(&code) {
            wrong.push(format!("{}: shows {shown:?}", path.display()));
        }
    }
    assert!(
        named >= 40,
        "only {named} corpus files are named after a code"
    );
    assert!(
        wrong.is_empty(),
        "files that do not show exactly the code they are named after:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn codes_are_found_in_every_format() {
    use cvl_syntax::Code;
    let found = |text: &str| codes_shown(text).into_iter().collect::<Vec<_>>();
    assert_eq!(found("[E0016] Error: cannot add"), [Code::E0016]);
    assert_eq!(found(r#"[{"code": "E0004", "help": null}]"#), [Code::E0004]);
    assert_eq!(
        found("::warning file=a.cvl,line=1,col=1,endLine=1,endColumn=2,title=W0001::x"),
        [Code::W0001]
    );
    assert_eq!(found("see `cvl explain E0016` for more"), []);
}

#[test]
fn every_corpus_snapshot_still_has_its_input() {
    let tests_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = tests_dir.parent().unwrap_or(tests_dir);
    let mut orphans = Vec::new();
    for entry in std::fs::read_dir(tests_dir.join("tests/snapshots")).expect("read the snapshots") {
        let path = entry.expect("a snapshot entry").path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if !name.starts_with("corpus__corpus@") && !name.starts_with("corpus__corpus_in_danish@") {
            continue;
        }
        let snapshot = std::fs::read_to_string(&path).expect("read a snapshot");
        let input = snapshot
            .lines()
            .find_map(|line| line.strip_prefix("input_file: "))
            .map(|input| workspace.join(input));
        if !input.is_some_and(|input| input.exists()) {
            orphans.push(name.into_owned());
        }
    }
    assert!(
        orphans.is_empty(),
        "snapshots whose corpus file is gone (delete them): {orphans:?}"
    );
}
