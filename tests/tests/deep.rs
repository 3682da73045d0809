//! Depth that the user controls: no structure in a file, or in the files it imports, makes `cvl check`, `cvl fmt`
//! or `cvl eval` recurse deeper than a fixed bound, and no run of characters makes the lexer recurse at all.
//!
//! Each case runs the whole command ([`cvl_cli::run`]) on a thread with an ordinary 2 MiB stack, in whatever
//! profile the tests are built (debug by default, where frames are largest): a stack overflow aborts the test
//! process, so a pass shows that the input fits. The cases are the ones the red team found (a chain of 2,000
//! clause uses, a line of 20,000 `é`) and the rest of their class: clauses nested at and past the limit of 64, a
//! chain of 3,000 imports with and without a cycle, clauses that use each other across 3,000 files, and the deepest
//! nesting the parser admits inside a clause at the deepest level of uses.

/// The helpers (in a test module, where the lints let a failed step panic).
#[cfg(test)]
mod harness {
    use std::path::{Path, PathBuf};

    /// A contract with two parties that uses the clause `c1`, in a file that defines the clauses in `clauses`.
    pub(crate) fn contract(clauses: &str, uses: &str) -> String {
        format!(
            "{clauses}\ncontract deep \"Deep\" {{\n  case \"ANB-2019-0042\"\n  party a \"A\" {{\n    role payer\n    key \
             \"ed25519:AxiotVCLTRFo8Z11ewELoFkGa9ySVw2ilQO/w2dIIB4=\"\n  }}\n  party b \"B\" {{\n    role provider\n    \
             key \"ed25519:WM/CGf94Y3JJ9BHySBlUNpcKatyx4+4tLFdc58wBPjU=\"\n  }}\n  signed by a and b\n  starts on \
             2019-01-15\n  {uses}\n}}\n"
        )
    }

    /// A chain of clauses `c1` … `cN`, each using the next; the last states the terms of payment and pays `b` an
    /// amount written in `amount`.
    pub(crate) fn chain(n: usize, amount: &str) -> String {
        let mut text = String::new();
        for i in 1..n {
            text.push_str(&format!(
                "clause c{i}(p: party) {{\n  use c{}(p: p)\n}}\n",
                i + 1
            ));
        }
        text.push_str(&format!(
            "clause c{n}(p: party) {{\n  paid monthly in arrears\n  item stay {{\n    pay {amount} per month to p\n  \
             }}\n}}\n"
        ));
        text
    }

    /// A fresh directory of its own for one test.
    pub(crate) fn directory(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("cvl-deep-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    pub(crate) fn write(dir: &Path, name: &str, text: &str) -> String {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }

    /// Runs `cvl ARGS` on a thread with a 2 MiB stack; returns its exit code and its stdout and stderr together.
    pub(crate) fn cvl(args: &[&str]) -> (i32, String) {
        let args: Vec<String> = args.iter().map(|a| (*a).to_string()).collect();
        std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || {
                let mut out = Vec::new();
                let mut err = Vec::new();
                let argv = std::iter::once("cvl".to_string()).chain(args);
                let code = cvl_cli::run(argv, &mut out, &mut err);
                out.extend_from_slice(&err);
                (code, String::from_utf8_lossy(&out).into_owned())
            })
            .unwrap()
            .join()
            .expect("cvl panicked")
    }
}

use harness::*;

#[test]
fn a_chain_of_two_thousand_clause_uses_is_refused_once() {
    let dir = directory("uses2000");
    let file = write(
        &dir,
        "c.cvl",
        &contract(&chain(2_000, "1 DKK"), "use c1(p: b)"),
    );
    let (code, out) = cvl(&["check", &file]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("nest more than 64 deep"), "{out}");
    let reported = out.matches("[E0039]").count();
    assert!(reported == 1, "{reported} reports:\n{out}");
    let (code, out) = cvl(&["fmt", "--check", &file]);
    assert!(code == 0 || code == 1, "{out}");
    let (code, out) = cvl(&["check", "--format", "json", &file]);
    assert_eq!(code, 1, "{out}");
}

#[test]
fn clauses_nested_64_deep_are_checked_and_evaluated_and_65_are_refused() {
    let dir = directory("uses64");
    // The deepest expression the parser admits, in the clause at the deepest level.
    let amount = format!("{}1_000 DKK{}", "(".repeat(100), ")".repeat(100));
    let file = write(
        &dir,
        "c.cvl",
        &contract(&chain(64, &amount), "use c1(p: b)"),
    );
    let (code, out) = cvl(&["check", &file]);
    assert_eq!(code, 0, "{out}");
    let events = write(
        &dir,
        "events.jsonl",
        "{\"id\":\"s1\",\"at\":\"2019-01-10\",\"kind\":\"signed\",\"actor\":\"a\",\"data\":{}}\n\
         {\"id\":\"s2\",\"at\":\"2019-01-10\",\"kind\":\"signed\",\"actor\":\"b\",\"data\":{}}\n",
    );
    let (code, out) = cvl(&["eval", &file, "--events", &events, "--until", "2019-03-31"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1,000.00"), "{out}");
    let (code, out) = cvl(&["fmt", "--check", &file]);
    assert!(code == 0 || code == 1, "{out}");

    let file = write(
        &dir,
        "d.cvl",
        &contract(&chain(65, "1 DKK"), "use c1(p: b)"),
    );
    let (code, out) = cvl(&["check", &file]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(out.matches("[E0039]").count(), 1, "{out}");
    assert!(out.contains("nest more than 64 deep"), "{out}");
}

#[test]
fn a_chain_of_three_thousand_imports_is_read_without_recursion() {
    const N: usize = 3_000;
    let dir = directory("imports");
    for i in 0..N {
        let import = if i + 1 < N {
            format!("import \"m{}.cvl\"\n", i + 1)
        } else {
            String::new()
        };
        write(
            &dir,
            &format!("m{i}.cvl"),
            &format!("{import}clause c{i}() {{\n}}\n"),
        );
    }
    let file = write(
        &dir,
        "c.cvl",
        &contract(
            "import \"m0.cvl\"\n",
            "paid monthly in arrears\n  item stay {\n    pay 1 DKK per month to b\n  }\n  use m0.c0()",
        ),
    );
    let (code, out) = cvl(&["check", &file]);
    assert_eq!(code, 0, "{out}");

    // The last file imports the first: a cycle 3,000 files long, found as any other.
    write(
        &dir,
        &format!("m{}.cvl", N - 1),
        &format!("import \"m0.cvl\"\nclause c{}() {{\n}}\n", N - 1),
    );
    let (code, out) = cvl(&["check", &file]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("E0028") || out.contains("E0029"), "{out}");
    let (code, out) = cvl(&[
        "check",
        &dir.join(format!("m{}.cvl", N - 1)).to_string_lossy(),
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("circular import"), "{out}");
}

#[test]
fn clauses_that_use_each_other_across_three_thousand_files_are_refused() {
    const N: usize = 3_000;
    let dir = directory("crossfile");
    for i in 0..N {
        let text = if i + 1 < N {
            format!(
                "import \"m{next}.cvl\"\nclause c{i}() {{\n  use m{next}.c{next}()\n}}\n",
                next = i + 1
            )
        } else {
            format!("clause c{i}() {{\n  paid monthly in arrears\n}}\n")
        };
        write(&dir, &format!("m{i}.cvl"), &text);
    }
    let file = write(
        &dir,
        "c.cvl",
        &contract("import \"m0.cvl\"\n", "use m0.c0()"),
    );
    let (code, out) = cvl(&["check", &file]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("E0039") || out.contains("E0029"), "{out}");
}

#[test]
fn a_line_of_twenty_thousand_non_ascii_characters_is_answered() {
    let dir = directory("lexer");
    for (name, text) in [
        ("comment", format!("// {}\n", "é".repeat(20_000))),
        (
            "string",
            format!("contract x \"{}\" {{\n}}\n", "ø".repeat(20_000)),
        ),
        ("bare", "€".repeat(20_000)),
        ("name", format!("contract {} {{\n}}\n", "é".repeat(20_000))),
    ] {
        let file = write(&dir, &format!("{name}.cvl"), &text);
        let (code, out) = cvl(&["check", &file]);
        assert!(code == 0 || code == 1, "{name}: {out}");
        let (code, out) = cvl(&["fmt", "--check", &file]);
        assert!(code == 0 || code == 1, "{name}: {out}");
    }
}
