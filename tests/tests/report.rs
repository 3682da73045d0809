//! `cvl report` end to end on the reference case (examples/placement and its signed log): the HTML in snapshots,
//! byte-identical on every run, every string from an event escaped, every refusal of the command line with its
//! message, the section "Paid and outstanding" fed through its input (cvl_report::Paid), and the page rendered by
//! a real browser (Debian's Chromium, headless) to PNG and PDF: the PDF's text holds the figures and the picture is
//! not blank. `.ci/run` installs Chromium and poppler-utils when they are missing; without them the browser test
//! fails and says how to install them.

use std::path::{Path, PathBuf};

use cvl_tests::{run_bounded, run_cvl, scratch_dir};

const CONTRACT: &str = "../examples/placement/placement.cvl";
const LOG: &str = "../examples/placement/log.jsonl";
const EVENTS: &str = "../examples/placement/events.jsonl";
const INVOICES: &str = "../examples/placement/invoices";

/// Runs `cvl report` with `args` and `-o DIR/report.html`; the exit code, the transcript (the scratch path shown
/// as `<scratch>`) and the page, if one was written.
fn report(name: &str, args: &[&str]) -> (i32, String, Option<String>) {
    let dir = scratch_dir("report", name);
    let output = dir.join("report.html");
    let output_text = output.display().to_string();
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.extend(["-o", output_text.as_str()]);
    let (code, out, err) = run_cvl(&all);
    let shown = format!("exit: {code}\n--- stdout\n{out}--- stderr\n{err}");
    let scratch = dir.display().to_string();
    let page = std::fs::read_to_string(&output)
        .ok()
        .map(|p| p.replace(&scratch, "<scratch>"));
    (code, shown.replace(&scratch, "<scratch>"), page)
}

#[expect(
    clippy::unwrap_used,
    reason = "a report that is not written fails the test"
)]
fn page(name: &str, args: &[&str]) -> String {
    let (code, shown, page) = report(name, args);
    assert_eq!(code, 0, "{shown}");
    page.unwrap()
}

#[test]
fn reference_case_in_english() {
    let html = page("en", &[CONTRACT, "--log", LOG, "--date", "2020-02-01"]);
    assert!(html.contains("52,096.78 DKK"));
    assert!(!html.contains("No payments are recorded"));
    insta::assert_snapshot!("report_en", html);
}

/// The dispute over October 2019 in one file: what was due (90,000.00), why it was held (the status report due
/// 2019-10-15, grace to 2019-10-29), when and by which signed event it was released (rep-3, in November), what was
/// paid and when (November's 180,000.00 in two parts, the released 90,000.00 on 2020-02-14, 45 days after it fell
/// due on 2019-12-31), and the interest still owed on that: 90,000.00 × 45 days × 8.05 % / 365 = 893.22.
#[test]
fn the_october_dispute_answers_what_was_paid_and_what_is_owed() {
    let html = page(
        "october-dispute",
        &[
            CONTRACT,
            "--log",
            LOG,
            "--until",
            "2020-03-31",
            "--rates",
            "../examples/rates/nationalbanken.toml",
            "--date",
            "2020-04-01",
        ],
    );
    for figure in [
        "90,000.00 DKK",
        "2019-10-29",
        "rep-3",
        "2020-02-14",
        "pay-25",
        "45 days late: 893.22",
        "893.22 DKK",
    ] {
        assert!(html.contains(figure), "the report lacks `{figure}`");
    }
}

#[test]
fn october_in_danish_with_the_invoices() {
    let html = page(
        "da",
        &[
            CONTRACT,
            "--log",
            LOG,
            "--lang",
            "da",
            "--date",
            "2020-02-01",
            "--payee",
            "ostervold",
            "--from",
            "2019-09",
            "--to",
            "2019-11",
            "--invoices",
            INVOICES,
        ],
    );
    assert!(html.contains("Tilbageholdt: 90.000,00 kr."));
    assert!(html.contains("180.000,00 kr."));
    assert!(
        !html.contains("2019-08 ·"),
        "months outside --from/--to are left out"
    );
    insta::assert_snapshot!("report_da_october", html);
}

#[test]
fn unsigned_events_cite_no_hash() {
    let html = page(
        "events",
        &[
            CONTRACT,
            "--events",
            EVENTS,
            "--date",
            "2020-02-01",
            "--from",
            "2019-10",
            "--to",
            "2019-10",
        ],
    );
    assert!(html.contains("nothing is verified: the events are an unsigned file"));
    assert!(html.contains("none: unsigned file"));
    insta::assert_snapshot!("report_events_october", html);
}

#[test]
fn byte_identical_on_every_run() {
    let args = [
        CONTRACT,
        "--log",
        LOG,
        "--date",
        "2020-02-01",
        "--lang",
        "da",
    ];
    let first = page("same-1", &args);
    let second = page("same-2", &args);
    assert_eq!(first, second);
}

#[test]
fn strings_from_events_are_escaped() {
    let dir = scratch_dir("report", "hostile");
    let events = std::fs::read_to_string(PathBuf::from(EVENTS)).unwrap();
    let hostile = events.replace(
        "\"id\":\"rep-3\"",
        "\"id\":\"<script>alert(1)</script>\\\"'&\\u001b[2K\\u202e\"",
    );
    assert_ne!(hostile, events);
    let path = dir.join("events.jsonl");
    std::fs::write(&path, hostile).unwrap();
    let path = path.display().to_string();
    let html = page(
        "hostile-run",
        &[CONTRACT, "--events", &path, "--date", "2020-02-01"],
    );
    assert!(!html.contains("<script"));
    assert!(
        html.contains(r"&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;\u{1b}[2K\u{202e}")
    );
    assert!(!html.contains('\u{1b}') && !html.contains('\u{202e}'));
}

#[test]
fn refusals_of_the_command_line() {
    let cases: [(&str, &[&str]); 6] = [
        (
            "from-after-to",
            &[
                CONTRACT, "--log", LOG, "--from", "2019-11", "--to", "2019-10",
            ],
        ),
        (
            "unknown-payee",
            &[CONTRACT, "--log", LOG, "--payee", "municipality"],
        ),
        (
            "not-a-month",
            &[
                CONTRACT, "--log", LOG, "--from", "2019-13", "--to", "2019-14",
            ],
        ),
        (
            "from-without-to",
            &[CONTRACT, "--log", LOG, "--from", "2019-10"],
        ),
        ("unknown-lang", &[CONTRACT, "--log", LOG, "--lang", "de"]),
        ("no-events", &[CONTRACT]),
    ];
    let mut all = String::new();
    for (name, args) in cases {
        let (code, shown, page) = report(name, args);
        assert_ne!(code, 0, "{name}");
        assert!(page.is_none(), "{name}: nothing is written");
        all.push_str(&format!("=== {name}\n{shown}\n"));
    }
    insta::assert_snapshot!("report_refusals", all);
}

#[test]
fn no_output_file_is_refused() {
    let (code, out, err) = run_cvl(&["report", CONTRACT, "--log", LOG]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("report_no_output", format!("{out}--- stderr\n{err}"));
}

#[test]
fn paid_and_outstanding_from_its_input() {
    use chrono::NaiveDate;
    use cvl_check::model::PartyId;
    use cvl_eval::Month;
    use cvl_report::{EventsFile, Lang, Paid, PaymentMade, ReportInput};
    use rust_decimal::Decimal;

    let mut err = Vec::new();
    let loaded =
        cvl_cli::contract::load(Path::new(CONTRACT), &[], false, "nothing", &mut err).unwrap();
    let events = std::fs::read(EVENTS).unwrap();
    let decision = cvl_eval::evaluate(
        &loaded.contract,
        cvl_event::Reader::new(events.as_slice()),
        None,
    )
    .unwrap();
    let october = Month::parse("2019-10").unwrap();
    let ostervold = PartyId("ostervold".to_string());
    let date = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap();
    // October decided 90,000.00 (say), 50,000.00 paid on 2019-12-02, 40,000.00 owed since 2019-11-30; and, as of
    // 2019-12-31, December not yet due: the reconciliation as cvl-dispute makes it, at the contract's own 8.05 %.
    let reconciliation = cvl_dispute::reconcile(
        &loaded.contract,
        &decision,
        date("2019-12-31"),
        cvl_dispute::Basis::Contract(Decimal::new(805, 2)),
    )
    .unwrap();
    let paid = Paid {
        payments: vec![PaymentMade {
            event: "pay-1".to_string(),
            payer: PartyId("municipality".to_string()),
            payee: ostervold.clone(),
            date: date("2019-12-02"),
            amount: Decimal::new(5_000_000, 2),
            reference: "FIK 71 <123>".to_string(),
            months: vec![october],
        }],
        reconciliation: Some(reconciliation),
    };
    let input = |paid| ReportInput {
        date: date("2020-02-01"),
        version: "0.1.0",
        command: "cvl report …",
        contract_file: &loaded.name,
        contract_sha256: loaded.sha256_hex(),
        files: &loaded.files,
        events: EventsFile {
            file: EVENTS,
            sha256: "-",
            verified: None,
        },
        contract: &loaded.contract,
        sources: &loaded.sources,
        texts: &[],
        decision: &decision,
        entries: &[],
        audit: None,
        payee: Some(&ostervold),
        months: Some((october, Month::parse("2019-12").unwrap())),
        paid,
    };
    let empty = Paid::default();
    let none = cvl_report::render(&input(&empty), Lang::Da);
    assert!(none.contains("Ingen betalinger er registreret"));
    let html = cvl_report::render(&input(&paid), Lang::Da);
    let start = html.find("<section id=\"paid\">").unwrap();
    let end = start + html[start..].find("</section>").unwrap();
    insta::assert_snapshot!("report_paid_section", &html[start..end]);
    assert!(
        html.contains("<circle class=\"pay\""),
        "the payment is on the timeline"
    );
}

const INSTALL: &str = "the report's browser test needs Chromium and poppler-utils (pdftotext): run `bash .ci/run`, \
     which installs them, or `apt-get install -y --no-install-recommends chromium poppler-utils` as root";

/// Chromium, headless, with nothing fetched and a profile of its own in `dir`.
fn chromium(dir: &Path, output: &str, page: &Path) -> Vec<String> {
    vec![
        "--headless".into(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--no-pdf-header-footer".into(),
        format!("--user-data-dir={}", dir.join("profile").display()),
        output.into(),
        "--window-size=1200,2000".into(),
        format!("file://{}", page.display()),
    ]
}

#[test]
fn renders_in_a_real_browser() {
    let dir = scratch_dir("report", "browser");
    let page = dir.join("report.html");
    let page_text = page.display().to_string();
    let (code, out, err) = run_cvl(&[
        "report",
        CONTRACT,
        "--log",
        LOG,
        "--lang",
        "da",
        "--until",
        "2020-03-31",
        "--rates",
        "../examples/rates/nationalbanken.toml",
        "--date",
        "2020-04-01",
        "--invoices",
        INVOICES,
        "-o",
        &page_text,
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let page = page.canonicalize().unwrap();

    let png = dir.join("report.png");
    let (ok, said) = run_bounded(
        "chromium",
        &chromium(&dir, &format!("--screenshot={}", png.display()), &page),
    );
    assert!(ok && png.exists(), "{INSTALL}\n{said}");
    let pdf = dir.join("report.pdf");
    let (ok, said) = run_bounded(
        "chromium",
        &chromium(&dir, &format!("--print-to-pdf={}", pdf.display()), &page),
    );
    assert!(ok && pdf.exists(), "{INSTALL}\n{said}");

    let (ok, text) = run_bounded("pdftotext", &[pdf.display().to_string(), "-".into()]);
    assert!(ok, "{INSTALL}\n{text}");
    for figure in [
        "52.096,78 kr.",
        "Tilbageholdt: 90.000,00 kr.",
        "status_report",
        "frist udløb 2019-10-29",
        "frigivet i 2019-11 ved rep-3",
        "180.000,00 kr.",
        "893,22 kr.",
    ] {
        assert!(text.contains(figure), "the PDF lacks `{figure}`");
    }

    let decoder = png::Decoder::new(std::fs::File::open(&png).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buffer).unwrap();
    let channels = frame.color_type.samples();
    let pixels = &buffer[..frame.buffer_size()];
    let (mut inked, mut red, mut total) = (0usize, 0usize, 0usize);
    for pixel in pixels.chunks(channels) {
        let (r, g, b) = (
            pixel[0],
            pixel[1.min(channels - 1)],
            pixel[2.min(channels - 1)],
        );
        total += 1;
        if r < 230 || g < 230 || b < 230 {
            inked += 1;
        }
        if r > 150 && g < 90 && b < 90 {
            red += 1;
        }
    }
    assert!(total > 1_000_000, "the screenshot is {total} pixels");
    assert!(
        inked * 100 > total * 3,
        "only {inked} of {total} pixels are not white"
    );
    assert!(
        red > 100,
        "the timeline's missed occurrence and withheld month are drawn in red"
    );
}

/// The lawsuit's example (examples/dispute): the section "Paid and outstanding" is filled from the log's `paid`
/// events and the reconciliation, with each tranche, the day it fell due and the Interest Act's interest on it
/// (the figures checked by hand in tests/tests/dispute.rs), and the payments made.
#[test]
fn the_lawsuit_s_tranches_and_interest_are_in_the_report() {
    let page = page(
        "dispute",
        &[
            "../examples/dispute/dispute.cvl",
            "--events",
            "../examples/dispute/events.jsonl",
            "--until",
            "2020-06-30",
            "--rates",
            "../examples/rates/nationalbanken.toml",
            "--date",
            "2020-07-01",
        ],
    );
    for figure in [
        "544,635.00 DKK",
        "43,240.00 DKK",
        "36,135.00 DKK",
        "2019-11-10",
        "27,987.52 DKK",
        "1,935.91 DKK",
        "1,370.75 DKK",
        "--rates ../examples/rates/nationalbanken.toml",
    ] {
        assert!(page.contains(figure), "the report lacks `{figure}`");
    }
    assert!(!page.contains("No payments are recorded"));
    // The payee's totals, the tranches with their sum, and the parts paid on time, each listed.
    let start = page.find("<section id=\"paid\">").unwrap();
    let end = start + page[start..].find("</section>").unwrap();
    insta::assert_snapshot!("report_lawsuit_paid", &page[start..end]);
    for figure in [
        "<td class=\"n\">1,800,000.00 DKK</td><td class=\"n\">1,175,990.00 DKK</td><td class=\"n total\">624,010.00 DKK</td>",
        "<td class=\"n total\">624,010.00 DKK</td><td></td><td class=\"n\">31,294.18 DKK</td>",
        "55,365.00 DKK paid on 2019-11-08 by pay-1, on time",
        "544,635.00 DKK owed since 2019-11-10, 233 days late: 27,987.52 DKK",
        "The tranches",
    ] {
        assert!(
            page[start..end].contains(figure),
            "the section lacks `{figure}`"
        );
    }
}

/// In Danish every word of the report's figures is Danish: the bases of the amounts (evaluation writes them in
/// English) and the interest's basis; and what is not yet due is kept apart from what is owed.
#[test]
fn the_lawsuit_in_danish_before_december_falls_due() {
    let page = page(
        "dispute-da",
        &[
            "../examples/dispute/dispute.cvl",
            "--events",
            "../examples/dispute/events.jsonl",
            "--until",
            "2019-12-31",
            "--rates",
            "../examples/rates/nationalbanken.toml",
            "--date",
            "2020-01-01",
            "--lang",
            "da",
        ],
    );
    for said in [
        "600.000,00 kr./måned",
        "Kravet i rater",
        "Ikke forfaldent endnu: hvad der forfalder senere",
        "600.000,00 kr. ikke forfaldent endnu, forfalder 2020-01-10",
        "rentelovens: referencerenten plus 8 procentpoint om året, aldrig under 0",
        "dage for sent",
        "rettidigt",
    ] {
        assert!(page.contains(said), "the Danish report lacks `{said}`");
    }
    for english in [
        "/month",
        " days",
        "paid on",
        "Interest Act",
        "owed since",
        "not yet due",
        "DKK/",
    ] {
        assert!(
            !page.contains(english),
            "the Danish report says `{english}`"
        );
    }
}

/// `-o` never names an amended text the report is made from (`--version`), and never puts a file in place of
/// what is not one (a pipe here; a device such as `/dev/null` alike).
#[test]
fn the_report_is_never_written_over_an_amended_text_or_a_pipe() {
    let dir = scratch_dir("report", "over-version");
    let version = dir.join("amended.cvl");
    std::fs::copy("../examples/placement/amended-2019-09.cvl", &version).unwrap();
    let before = std::fs::read(&version).unwrap();
    let fifo = dir.join("pipe.html");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let version_arg = version.display().to_string();
    let mut shown = String::new();
    for output in [&version, &fifo] {
        let output = output.display().to_string();
        let (code, _, err) = run_cvl(&[
            "report",
            CONTRACT,
            "--events",
            "../examples/amendment/events.jsonl",
            "--version",
            &version_arg,
            "-o",
            &output,
        ]);
        assert_eq!(code, 2, "{err}");
        shown.push_str(&err.replace(&dir.display().to_string(), "<scratch>"));
    }
    assert_eq!(std::fs::read(&version).unwrap(), before);
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    insta::assert_snapshot!(shown);
}

/// `-o` never names what the report is made from: the log, the contract, or a link to one of them.
#[test]
fn the_report_is_never_written_over_its_inputs() {
    let dir = scratch_dir("report", "over-inputs");
    let log = dir.join("log.jsonl");
    std::fs::copy(LOG, &log).unwrap();
    let before = std::fs::read(&log).unwrap();
    let link = dir.join("link.html");
    std::os::unix::fs::symlink(&log, &link).unwrap();
    let log_arg = log.display().to_string();
    for output in [
        log_arg.clone(),
        link.display().to_string(),
        CONTRACT.to_string(),
    ] {
        let (code, _, err) = run_cvl(&["report", CONTRACT, "--log", &log_arg, "-o", &output]);
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains("which the report is made from: nothing was written"),
            "{err}"
        );
    }
    assert_eq!(std::fs::read(&log).unwrap(), before);
    assert!(
        std::fs::read_to_string(CONTRACT)
            .unwrap()
            .contains("contract placement")
    );
}
