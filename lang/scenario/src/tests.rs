//! Unit tests: the words of both languages, a file in each read to the same meaning, and events as JSON.

use crate::ast::What;
use crate::parse;
use crate::words::{Lang, WORDS, any_word, word};

#[test]
fn each_word_has_one_spelling_a_language_and_the_languages_share_only_log() {
    for (w, en, da) in WORDS {
        let first = en.split(' ').next().unwrap();
        assert_eq!(word(Lang::English, first), Some(*w));
        assert_eq!(word(Lang::Danish, da), Some(*w));
        if *w != crate::words::Word::Log {
            assert_ne!(first, *da);
            assert!(word(Lang::Danish, first).is_none(), "{first}");
            assert!(word(Lang::English, da).is_none(), "{da}");
        }
        assert!(any_word(da).is_some());
    }
}

#[test]
fn a_scenario_reads_the_same_in_english_and_danish() {
    let en = parse(
        "contract \"p.cvl\"\nscenario \"s\"\n  events \"e.jsonl\"\n  as of 2019-12-31\n  2019-11-20 ostervold status_report\n  ostervold 2019-10 pays 180,000.00\n  ostervold 2019-10 stay pays 1_000.5\n  ostervold 2019-10 withheld 90,000.00\n  ostervold 2019-11 released 90,000.00\n  firm 2019-10 is flagged \"visits\"\n  status_report due 2019-10-15 is missed\n  refused\n",
    );
    let da = parse(
        "kontrakt \"p.cvl\"\nscenarie \"s\"\n  hændelser \"e.jsonl\"\n  pr. 2019-12-31\n  2019-11-20 ostervold status_report\n  ostervold 2019-10 udbetales 180.000,00\n  ostervold 2019-10 stay udbetales 1_000,5\n  ostervold 2019-10 tilbageholdt 90.000,00\n  ostervold 2019-11 frigivet 90.000,00\n  firm 2019-10 er markeret \"visits\"\n  status_report frist 2019-10-15 er misligholdt\n  afvist\n",
    );
    assert!(en.diags.is_empty(), "{:?}", en.diags);
    assert!(da.diags.is_empty(), "{:?}", da.diags);
    let (en, da) = (en.file.unwrap(), da.file.unwrap());
    assert_eq!((en.lang, da.lang), (Lang::English, Lang::Danish));
    let meaning = |f: &crate::ast::File| -> Vec<String> {
        f.scenarios[0]
            .expects
            .iter()
            .map(|e| match &e.what {
                What::Total { amount, .. } => format!("total {amount}"),
                What::Line { item, amount, .. } => format!("{} {amount}", item.text),
                What::Withheld { amount, .. } => format!("withheld {amount}"),
                What::Released { amount, .. } => format!("released {amount}"),
                What::Flagged { words, .. } => format!("flagged {words:?}"),
                What::Status { due, status, .. } => format!("{due} {}", status.as_str()),
                What::Refused { words } => format!("refused {words:?}"),
            })
            .collect()
    };
    assert_eq!(meaning(&en), meaning(&da));
    assert_eq!(meaning(&en)[1], "stay 1000.5");
}

#[test]
fn an_event_line_is_the_event_of_spec_9_1() {
    let parsed = parse(
        "contract \"p.cvl\"\nscenario \"s\"\n  2019-11-12 municipality paid payee ostervold amount 90,000.00 date 2019-11-12 months 2019-10, 2019-11 reference \"BANK 1\"\n  2020-06-15 municipality index_value index pl year 2021 value 104.1\n  refused\n",
    );
    assert!(parsed.diags.is_empty(), "{:?}", parsed.diags);
    let file = parsed.file.unwrap();
    let events: Vec<String> = file.scenarios[0]
        .events
        .iter()
        .map(|e| {
            let event = crate::run::event(e);
            format!(
                "{} {} {} {} {}",
                event.id,
                event.at,
                event.actor,
                event.kind,
                event.data.to_value()
            )
        })
        .collect();
    assert_eq!(
        events,
        [
            r#"line-3 2019-11-12 municipality paid {"amount":"90000.00","date":"2019-11-12","months":["2019-10","2019-11"],"payee":"ostervold","reference":"BANK 1"}"#,
            r#"line-4 2020-06-15 municipality index_value {"index":"pl","value":"104.1","year":2021}"#,
        ]
    );
}
