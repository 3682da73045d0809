//! Work on every core, the same bytes as on one: `cvl check DIR` with `--jobs 1` and with more threads prints
//! exactly the same on a corpus with problems in several files, one of them a file that others import (its own
//! mistake reported once, at the file, and E0029 where each contract imports it), a module from a `--lib`
//! directory, and a clean file.

use cvl_tests::run_cvl;

const CORPUS: &str = "cli/jobs";

#[test]
fn check_prints_the_same_bytes_on_one_thread_and_on_many() {
    for format in ["human", "json", "github"] {
        let args = |jobs: &str| {
            vec![
                "check".to_string(),
                "--format".to_string(),
                format.to_string(),
                "--jobs".to_string(),
                jobs.to_string(),
                CORPUS.to_string(),
                "cli/with-lib.cvl".to_string(),
                "--lib".to_string(),
                "cli/lib".to_string(),
            ]
        };
        let run = |jobs: &str| {
            let args = args(jobs);
            run_cvl(&args.iter().map(String::as_str).collect::<Vec<_>>())
        };
        let one = run("1");
        assert_eq!(one.0, 1, "{format}: {}", one.2);
        for jobs in ["2", "3", "8", "64"] {
            assert_eq!(run(jobs), one, "{format} with --jobs {jobs}");
        }
        // Without `--jobs`, one thread per core: still the same.
        let mut default = args("1");
        default.drain(3..5);
        let default = run_cvl(&default.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(default, one, "{format} with the default jobs");
    }
}

#[test]
fn check_on_many_threads_reports_a_shared_file_once() {
    let (code, out, err) = run_cvl(&["check", "--jobs", "4", CORPUS]);
    insta::assert_snapshot!(
        "check_jobs_corpus",
        format!("$ cvl check --jobs 4 {CORPUS}\nexit: {code}\n--- stdout\n{out}--- stderr\n{err}")
    );
}

#[test]
fn check_refuses_no_jobs() {
    let (code, out, err) = run_cvl(&["check", "--jobs", "0", CORPUS]);
    insta::assert_snapshot!(
        "check_jobs_zero",
        format!("$ cvl check --jobs 0 {CORPUS}\nexit: {code}\n--- stdout\n{out}--- stderr\n{err}")
    );
}
