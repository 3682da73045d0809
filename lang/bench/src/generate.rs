//! The benchmark corpus: contracts shaped like the reference case (`examples/placement/placement.cvl`), with
//! varied names, case references, amounts, dates and item counts.
//!
//! Each contract has the reference case's parts in its order: a comment header, `import care`, three parties with
//! keys, `signed by`, `starts on`, `paid monthly in arrears`, two to five monthly items (some for the first months
//! only), a supplement with a term and a review, `use care.status_report(...)`, two obligations, an hourly item
//! with a cap, and a termination. Titles carry Danish letters, as real ones do, so the lexer sees multi-byte text.
//! On average a contract is about the reference's size (2,090 bytes).
//!
//! Everything follows from a seed through [`Rng`], a SplitMix64 generator: contract `i` of seed `s` is the same
//! text on every machine, and does not depend on how many contracts are generated. Every contract checks clean;
//! the harness asserts it and a test here checks a sample.

use std::fmt::Write as _;

use chrono::{Datelike, Days, Months, NaiveDate};

/// A small deterministic pseudo-random generator (SplitMix64): enough to vary a corpus, no dependency.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next_u64() % (high.saturating_sub(low) + 1)
    }

    /// True with probability `percent` in 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// One element of `pool`, or the default for an empty pool.
    pub fn pick<T: Copy + Default>(&mut self, pool: &[T]) -> T {
        let len = u64::try_from(pool.len()).unwrap_or(u64::MAX).max(1);
        let at = usize::try_from(self.next_u64() % len).unwrap_or(0);
        pool.get(at).copied().unwrap_or_default()
    }
}

const PAYERS: &[&str] = &[
    "municipality",
    "kommune",
    "odder",
    "aarhus",
    "skanderborg",
    "horsens",
    "randers",
    "silkeborg",
    "viborg",
    "vejle",
];
const TOWNS: &[&str] = &[
    "Odder",
    "Aarhus",
    "Skanderborg",
    "Horsens",
    "Randers",
    "Silkeborg",
    "Viborg",
    "Vejle",
    "Næstved",
    "Ærø",
    "Hørsholm",
    "Tønder",
];
/// Care homes: the name a contract gives the party, and the home's own name.
const HOMES: &[(&str, &str)] = &[
    ("ostervold", "Østervold"),
    ("solhaven", "Solhaven"),
    ("lindely", "Lindely"),
    ("bakkehuset", "Bakkehuset"),
    ("fjordgaarden", "Fjordgården"),
    ("egely", "Egely"),
    ("skovbo", "Skovbo"),
    ("engly", "Engly"),
    ("aabo", "Åbo"),
];
const FIRMS: &[&str] = &[
    "firm",
    "konsulenterne",
    "samvaer",
    "familiehuset",
    "visit_team",
    "tilsyn",
];
const FIRM_TITLES: &[&str] = &[
    "Samværskonsulenterne ApS",
    "Familiehuset ApS",
    "Tilsynsgruppen I/S",
    "Kontaktpersonerne ApS",
    "Støttecentret A/S",
];
const CONTRACTS: &[&str] = &["placement", "anbringelse", "stay", "care_placement"];
const CASE_PREFIXES: &[&str] = &["ANB", "BUF", "FAM", "SOC", "BRN"];
const CHILDREN: &[&str] = &[
    "a boy of 10",
    "a girl of 12",
    "siblings of 8 and 11",
    "a boy of 15",
    "a girl of 7",
];

/// The monthly items a contract draws from: name, title, and the monthly amount's range in hundreds of DKK.
const ITEMS: &[(&str, &str, u64, u64)] = &[
    ("stay", "Stay with support", 400, 900),
    ("school", "The school part", 150, 400),
    ("taxi", "Taxi to and from school", 20, 80),
    ("therapy", "Therapy sessions", 50, 150),
    ("leisure", "Leisure activities and clubs", 10, 50),
    ("night_watch", "Night watch", 100, 250),
    (
        "psychologist",
        "Psychologist, two sessions a month",
        40,
        120,
    ),
    ("clothing", "Clothing allowance", 10, 30),
];
const SUPPLEMENTS: &[&str] = &[
    "school_support",
    "extra_support",
    "weekend_support",
    "one_to_one",
];
const VISITS: &[&str] = &["visits", "family_visits", "contact"];
const REPORTS: &[&str] = &["firm_report", "consultant_report", "visit_report"];
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The file name of contract `index` in a generated directory; names sort in index order.
pub fn file_name(index: usize) -> String {
    format!("contract-{index:05}.cvl")
}

/// Whose public keys the contracts declare.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Keys {
    /// Each party's key is its organisation's, as in a real corpus: one municipality, and the homes and firms it
    /// places with, sign many contracts each (12 municipalities, 9 homes and 5 firms: 26 keys in all).
    #[default]
    Organisations,
    /// Every party of every contract has a key of its own: the worst case for the tests each distinct key gets.
    Distinct,
}

/// `count` contracts from `seed`: contract `i` is [`contract`]`(seed, i)`.
pub fn corpus(seed: u64, count: usize) -> Vec<String> {
    corpus_with(seed, count, Keys::Organisations)
}

/// `count` contracts from `seed` with the keys `keys` says; the texts differ from [`corpus`]'s in the keys alone.
pub fn corpus_with(seed: u64, count: usize, keys: Keys) -> Vec<String> {
    (0..count)
        .map(|index| parts(seed, index).write(false, keys))
        .collect()
}

/// Contract `index` of the corpus of `seed`.
pub fn contract(seed: u64, index: usize) -> String {
    parts(seed, index).write(false, Keys::Organisations)
}

/// Contract `index` of the corpus of `seed` as the invoice benchmark uses it: with each party's CVR number
/// ([`cvr`]), which invoices name their supplier by.
pub fn contract_with_cvr(seed: u64, index: usize) -> String {
    parts(seed, index).write(true, Keys::Organisations)
}

/// The CVR number of party `party` (0 the payer, 1 the provider, 2 the firm) of contract `index`: eight digits,
/// valid by the register's modulus-11 check, distinct for every contract and party. Invented, like everything here.
pub fn cvr(index: usize, party: usize) -> String {
    const WEIGHTS: [u64; 7] = [2, 7, 6, 5, 4, 3, 2];
    let index = u64::try_from(index).unwrap_or(0) % 200_000;
    let party = u64::try_from(party).unwrap_or(0) % 3;
    let first = 2_000_000 + index * 30 + party * 10;
    for base in first..first + 10 {
        let digits = base.to_string();
        let sum: u64 = digits
            .bytes()
            .zip(WEIGHTS)
            .map(|(d, w)| u64::from(d - b'0') * w)
            .sum();
        let check = (11 - sum % 11) % 11;
        if check < 10 {
            return format!("{digits}{check}");
        }
    }
    format!("{first}0")
}

/// The hourly rate of contract `index`'s `consultant` item, in DKK.
pub fn hourly_rate(seed: u64, index: usize) -> u64 {
    parts(seed, index).hourly_rate
}

/// The parties of contract `index`: the payer, the provider and the firm, each its name and title.
pub fn parties(seed: u64, index: usize) -> [(String, String); 3] {
    let parts = parts(seed, index);
    [
        (parts.payer, parts.payer_title),
        (parts.provider, parts.provider_title),
        (parts.firm, parts.firm_title.to_string()),
    ]
}

/// The case reference of contract `index`.
pub fn case(seed: u64, index: usize) -> String {
    parts(seed, index).case
}

fn parts(seed: u64, index: usize) -> Parts {
    let index_bits = u64::try_from(index).unwrap_or(u64::MAX);
    let mut rng = Rng::new(seed ^ index_bits.wrapping_mul(0xD1B5_4A32_D192_ED03));
    rng.next_u64();
    Parts::draw(&mut rng, index)
}

/// Five years of days: the span of the evaluation benchmark's event streams.
pub const FIVE_YEARS: u64 = 1_826;

/// The file name of the events of contract `index` in a generated directory.
pub fn events_file_name(index: usize) -> String {
    format!("contract-{index:05}.jsonl")
}

/// The events of contract `index` of the corpus of `seed`, as a JSONL file: `days` days from the contract's start,
/// every event one the contract accepts. Both signatories sign on the first day; the supplement starts ten days in
/// and is renewed a week before each term ends; the status reports and the firm's reports come a few days after
/// each due date, the visits on their weekday every so many weeks; and every day the firm reports one to three
/// hours of the hourly item (sometimes twice) and the payer confirms them, so that hours make up the bulk, about
/// 2.2 events a day. Like the contract, the same text on every machine.
pub fn events(seed: u64, index: usize, days: u64) -> String {
    let index_bits = u64::try_from(index).unwrap_or(u64::MAX);
    let mut rng = Rng::new(seed ^ index_bits.wrapping_mul(0x8CB9_2BA7_2F3D_8DD7) ^ 0xE7E7);
    rng.next_u64();
    parts(seed, index).events(&mut rng, days, None)
}

/// Contract `index` of the corpus with changes: [`contract`], with each monthly item regulated (spec 4.8) when
/// `regulated`.
pub(crate) fn contract_changed(seed: u64, index: usize, regulated: bool) -> String {
    let mut parts = parts(seed, index);
    parts.regulated = regulated;
    parts.write(false, Keys::Organisations)
}

/// The amended text of [`contract_changed`]: the consultant's hourly rate 10 % higher and the first monthly
/// item's amount 5 % higher, parties and case kept (spec 9.13).
pub(crate) fn contract_amended(seed: u64, index: usize, regulated: bool) -> String {
    let mut parts = parts(seed, index);
    parts.regulated = regulated;
    parts.hourly_rate += parts.hourly_rate / 10;
    if let Some(first) = parts.items.first_mut() {
        first.2 = first.2 / 100 * 105;
    }
    parts.write(false, Keys::Organisations)
}

/// The day the amendment of contract `index` is signed by both signatories (700 days after the start), and the
/// day it takes effect (the first of the next month).
pub(crate) fn amendment_days(seed: u64, index: usize) -> Option<(NaiveDate, NaiveDate)> {
    let start = parts(seed, index).starts.parse::<NaiveDate>().ok()?;
    let signed = plus_days(start, 700);
    let effective = plus_months(signed.with_day(1)?, 1);
    Some((signed, effective))
}

/// [`events`], with the amendment to the text of SHA-256 `sha256` signed by both signatories on its day
/// ([`amendment_days`]), when one is given.
pub(crate) fn events_changed(seed: u64, index: usize, days: u64, sha256: Option<&str>) -> String {
    let index_bits = u64::try_from(index).unwrap_or(u64::MAX);
    let mut rng = Rng::new(seed ^ index_bits.wrapping_mul(0x8CB9_2BA7_2F3D_8DD7) ^ 0xE7E7);
    rng.next_u64();
    let amendment = sha256.zip(amendment_days(seed, index));
    parts(seed, index).events(&mut rng, days, amendment)
}

/// Writes events as JSONL lines, numbering their ids.
struct EventLines {
    out: String,
    count: usize,
}

impl EventLines {
    fn push(&mut self, at: NaiveDate, kind: &str, actor: &str, data: &str) {
        self.count += 1;
        let _ = writeln!(
            self.out,
            "{{\"id\":\"e{}\",\"at\":\"{at}\",\"kind\":\"{kind}\",\"actor\":\"{actor}\",\"data\":{{{data}}}}}",
            self.count
        );
    }
}

/// `date` plus `months` calendar months, as the evaluator counts them.
fn plus_months(date: NaiveDate, months: u64) -> NaiveDate {
    u32::try_from(months)
        .ok()
        .and_then(|m| date.checked_add_months(Months::new(m)))
        .unwrap_or(NaiveDate::MAX)
}

fn plus_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

impl Parts {
    /// The events of `days` days; `amendment` (the amended text's SHA-256, the day both sign it and the day it takes
    /// effect) adds the two `amended` events on their day.
    fn events(
        &self,
        rng: &mut Rng,
        days: u64,
        amendment: Option<(&str, (NaiveDate, NaiveDate))>,
    ) -> String {
        let Ok(start) = self.starts.parse::<NaiveDate>() else {
            return String::new();
        };
        let capacity = usize::try_from(days).unwrap_or(0) * 240;
        let mut lines = EventLines {
            out: String::with_capacity(capacity),
            count: 0,
        };
        let (payer, provider, firm) = (&self.payer, &self.provider, &self.firm);
        let visit_day = WEEKDAYS
            .iter()
            .position(|d| *d == self.visit_day)
            .and_then(|d| u32::try_from(d).ok())
            .unwrap_or(0);
        let supplement_from = plus_days(start, 10);
        let mut term_end = plus_months(supplement_from, self.supplement_term);
        let mut renewal = term_end
            .checked_sub_days(Days::new(7))
            .unwrap_or(NaiveDate::MAX);
        let mut status_k = 1;
        let mut status_at = plus_days(plus_months(start, self.report_interval), rng.between(0, 5));
        let mut report_k = 1;
        let mut report_at = plus_days(plus_months(start, self.report_months), rng.between(0, 5));
        for offset in 0..days {
            let day = plus_days(start, offset);
            if offset == 0 {
                lines.push(day, "signed", payer, "");
                lines.push(day, "signed", provider, "");
            }
            if let Some((sha256, (signed, effective))) = amendment
                && day == signed
            {
                let data = format!("\"contract\":\"{sha256}\",\"effective\":\"{effective}\"");
                lines.push(day, "amended", payer, &data);
                lines.push(day, "amended", provider, &data);
            }
            if day == supplement_from {
                let data = format!(
                    "\"supplement\":\"{}\",\"amount\":\"{}.00\",\"from\":\"{day}\"",
                    self.supplement, self.supplement_amount
                );
                lines.push(day, "supplement_started", payer, &data);
            }
            if day == renewal {
                let data = format!("\"supplement\":\"{}\"", self.supplement);
                lines.push(day, "supplement_renewed", payer, &data);
                term_end = plus_months(term_end, self.supplement_term);
                renewal = term_end
                    .checked_sub_days(Days::new(7))
                    .unwrap_or(NaiveDate::MAX);
            }
            if day == status_at {
                lines.push(day, "status_report", provider, "");
                status_k += 1;
                status_at = plus_days(
                    plus_months(start, self.report_interval * status_k),
                    rng.between(0, 5),
                );
            }
            if day == report_at {
                lines.push(day, self.report, firm, "");
                report_k += 1;
                report_at = plus_days(
                    plus_months(start, self.report_months * report_k),
                    rng.between(0, 5),
                );
            }
            if day.weekday().num_days_from_monday() == visit_day
                && (offset / 7) % self.visit_weeks == 0
            {
                lines.push(day, self.visits, firm, "");
            }
            let mut hours = 0;
            for _ in 0..if rng.chance(8) { 2 } else { 1 } {
                let worked = rng.between(1, 3);
                hours += worked;
                let data = format!("\"item\":\"consultant\",\"hours\":{worked},\"date\":\"{day}\"");
                lines.push(day, "hours", firm, &data);
            }
            let data = format!("\"item\":\"consultant\",\"hours\":{hours},\"date\":\"{day}\"");
            lines.push(day, "hours_confirmed", payer, &data);
        }
        lines.out
    }
}

/// Everything drawn for one contract, then written out as text.
#[derive(Clone)]
struct Parts {
    index: usize,
    name: String,
    case: String,
    child: &'static str,
    payer: String,
    payer_title: String,
    provider: String,
    provider_title: String,
    firm: String,
    firm_title: &'static str,
    /// Seeds drawn for this contract alone: the payer's, the provider's and the firm's keys under
    /// [`Keys::Distinct`] (by default each party's key is its organisation's, [`Parts::keys`]).
    own_keys: [[u8; 32]; 3],
    starts: String,
    /// Name, title, monthly amount, and the months it runs for when it runs for the first months only.
    items: Vec<(&'static str, &'static str, u64, Option<u64>)>,
    supplement: &'static str,
    supplement_hours: u64,
    supplement_amount: u64,
    supplement_term: u64,
    report_interval: u64,
    report_delay: u64,
    visits: &'static str,
    visit_weeks: u64,
    visit_day: &'static str,
    visit_hours: u64,
    report: &'static str,
    report_months: u64,
    report_grace: u64,
    hourly_rate: u64,
    hour_cap: u64,
    /// Whether each monthly item rises by 2.5 % a year from the first 1 January after the start (the corpus with
    /// changes, changes.rs).
    regulated: bool,
}

impl Parts {
    fn draw(rng: &mut Rng, index: usize) -> Parts {
        let name = format!("{}_{index}", rng.pick(CONTRACTS));
        let case = format!(
            "{}-{}-{:04}",
            rng.pick(CASE_PREFIXES),
            rng.between(2015, 2025),
            rng.between(1, 9999)
        );
        let payer = rng.pick(PAYERS);
        let payer = suffixed(rng, payer);
        let payer_title = format!("{} Kommune, Børn og Unge", rng.pick(TOWNS));
        let (home, home_title) = rng.pick(HOMES);
        let provider = suffixed(rng, home);
        let provider_title = format!("Opholdsstedet {home_title}");
        let firm = rng.pick(FIRMS);
        let firm = suffixed(rng, firm);
        let own_keys = [key_seed(rng), key_seed(rng), key_seed(rng)];
        let starts = format!(
            "{}-{:02}-{:02}",
            rng.between(2015, 2025),
            rng.between(1, 12),
            rng.between(1, 28)
        );
        let count = usize::try_from(rng.between(2, 5)).unwrap_or(2);
        let first = usize::try_from(rng.between(0, 7)).unwrap_or(0);
        let items = (0..count)
            .filter_map(|k| ITEMS.get((first + k) % ITEMS.len()))
            .map(|&(name, title, low, high)| {
                let amount = rng.between(low, high) * 100;
                let months = rng.chance(30).then(|| rng.between(2, 12));
                (name, title, amount, months)
            })
            .collect();
        Parts {
            index,
            name,
            case,
            child: rng.pick(CHILDREN),
            payer,
            payer_title,
            provider,
            provider_title,
            firm,
            firm_title: rng.pick(FIRM_TITLES),
            own_keys,
            starts,
            items,
            supplement: rng.pick(SUPPLEMENTS),
            supplement_hours: rng.between(2, 10),
            supplement_amount: rng.between(20, 100) * 100,
            supplement_term: rng.between(2, 6),
            report_interval: rng.between(1, 6),
            report_delay: rng.between(7, 30),
            visits: rng.pick(VISITS),
            visit_weeks: rng.between(1, 4),
            visit_day: rng.pick(WEEKDAYS),
            visit_hours: rng.between(2, 6),
            report: rng.pick(REPORTS),
            report_months: rng.between(1, 6),
            report_grace: rng.between(7, 21),
            hourly_rate: rng.between(40, 90) * 10,
            hour_cap: rng.between(5, 20),
            regulated: false,
        }
    }

    /// The seeds of the payer's, the provider's and the firm's keys.
    fn keys(&self, keys: Keys) -> [[u8; 32]; 3] {
        match keys {
            Keys::Organisations => [
                self.payer_title.as_str(),
                self.provider_title.as_str(),
                self.firm_title,
            ]
            .map(organisation_key),
            Keys::Distinct => self.own_keys,
        }
    }

    fn write(&self, with_cvr: bool, keys: Keys) -> String {
        let Parts {
            index,
            name,
            case,
            child,
            payer,
            payer_title,
            provider,
            provider_title,
            firm,
            firm_title,
            own_keys: _,
            starts,
            items,
            supplement,
            supplement_hours,
            supplement_amount,
            supplement_term,
            report_interval,
            report_delay,
            visits,
            visit_weeks,
            visit_day,
            visit_hours,
            report,
            report_months,
            report_grace,
            hourly_rate,
            hour_cap,
            regulated,
        } = self;
        let [payer_key, provider_key, firm_key] = self.keys(keys).map(public_key);
        let [payer_cvr, provider_cvr, firm_cvr] = [0, 1, 2].map(|party| {
            if with_cvr {
                format!("\n    cvr \"{}\"", cvr(*index, party))
            } else {
                String::new()
            }
        });
        let mut out = String::with_capacity(2_400);
        // `write!` to a String cannot fail; the results are ignored for that reason.
        let _ = write!(
            out,
            "// Benchmark contract {index}: {child} is placed with {provider_title}.\n\
             //\n\
             // Generated for the benchmark in the shape of the reference case: the names, dates, amounts and keys are\n\
             // invented, and the consultant's hourly rate is drawn at random like everything else.\n\
             \n\
             import care\n\
             \n\
             contract {name} \"Placement of case {case} at {provider_title}\" {{\n  \
               case \"{case}\"\n\
             \n  \
               party {payer} \"{payer_title}\" {{\n    \
                 role payer{payer_cvr}\n    \
                 key \"ed25519:{payer_key}\"\n  \
               }}\n\
             \n  \
               party {provider} \"{provider_title}\" {{\n    \
                 role provider{provider_cvr}\n    \
                 key \"ed25519:{provider_key}\"\n  \
               }}\n\
             \n  \
               party {firm} \"{firm_title}\" {{\n    \
                 role provider{firm_cvr}\n    \
                 key \"ed25519:{firm_key}\"\n  \
               }}\n\
             \n  \
               signed by {payer} and {provider}\n  \
               starts on {starts}\n  \
               paid monthly in arrears\n"
        );
        for (item, title, amount, months) in items {
            let _ = write!(
                out,
                "\n  item {item} \"{title}\" {{\n    pay {} DKK per month to {provider}\n",
                grouped(*amount)
            );
            if let Some(months) = months {
                let _ = writeln!(out, "    for the first {months} months");
            }
            if *regulated {
                let year = starts
                    .get(..4)
                    .and_then(|y| y.parse::<u32>().ok())
                    .unwrap_or(2020)
                    + 1;
                let _ = writeln!(out, "    regulated by 2.5 % each year from {year}-01-01");
            }
            out.push_str("  }\n");
        }
        let _ = write!(
            out,
            "\n  // Agreed after the placement started: {supplement_hours} hours a week of extra support.\n  \
               supplement {supplement} \"Extra support, {supplement_hours} hours a week\" {{\n    \
                 pay {} DKK per month to {provider}\n    \
                 adjustable by {payer}\n    \
                 term {supplement_term} months\n    \
                 review by {payer}\n  \
               }}\n\
             \n  \
               use care.status_report(provider: {provider}, interval: {report_interval} months, \
                 allowed_delay: {report_delay} days)\n\
             \n  \
               obligation {visits} \"Supervised contact with the family\" {{\n    \
                 by {firm}\n    \
                 every {} on {visit_day}\n    \
                 lasting {visit_hours} hours\n    \
                 when missed flag\n  \
               }}\n\
             \n  \
               obligation {report} \"Report from the visit consultant\" {{\n    \
                 by {firm}\n    \
                 every {report_months} months\n    \
                 grace {report_grace} days\n    \
                 when missed flag\n  \
               }}\n\
             \n  \
               // Invented figure: {hourly_rate} DKK an hour, for at most {hour_cap} hours a month.\n  \
               item consultant \"Visit consultant, per hour delivered\" {{\n    \
                 pay {hourly_rate} DKK per hour to {firm}\n    \
                 confirmed by {payer}\n    \
                 cap {hour_cap} hours per month\n  \
               }}\n\
             \n  \
               termination {{\n    \
                 signed by {payer} and {provider}\n  \
               }}\n\
             }}\n",
            grouped(*supplement_amount),
            count(*visit_weeks, "week"),
        );
        out
    }
}

/// `base`, sometimes with a number after it.
fn suffixed(rng: &mut Rng, base: &str) -> String {
    if rng.chance(40) {
        format!("{base}_{}", rng.between(1, 99))
    } else {
        base.to_string()
    }
}

/// The seed of a real ed25519 key pair, so that the contract checks and the log benchmark can sign for its
/// parties. Seeds whose public key has a run of more than three digits are drawn again, so that no key can look
/// like a personal identification number to the scan that refuses them.
fn key_seed(rng: &mut Rng) -> [u8; 32] {
    loop {
        let mut seed = [0u8; 32];
        for chunk in seed.chunks_mut(8) {
            chunk.copy_from_slice(&rng.next_u64().to_le_bytes());
        }
        let longest_digits = public_key(seed)
            .split(|c: char| !c.is_ascii_digit())
            .map(str::len)
            .max()
            .unwrap_or(0);
        if longest_digits <= 3 {
            return seed;
        }
    }
}

/// The seed of the key of the organisation whose title is `title`: the same title gives the same key in every
/// contract (drawn, as [`key_seed`] draws, from a generator seeded by the title's FNV-1a hash).
fn organisation_key(title: &str) -> [u8; 32] {
    let hash = title.bytes().fold(0xCBF2_9CE4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01B3)
    });
    key_seed(&mut Rng::new(hash))
}

/// The base64 text (after `ed25519:`) of the public key of `seed`.
fn public_key(seed: [u8; 32]) -> String {
    let text = cvl_log::SecretKey::from_seed(seed).public().text();
    text.trim_start_matches("ed25519:").to_string()
}

/// The parties of contract `index` of the corpus of `seed` that sign entries of its log, with their secret keys:
/// the payer, the provider and the firm, in that order.
pub fn signers(seed: u64, index: usize) -> [(String, cvl_log::SecretKey); 3] {
    let parts = parts(seed, index);
    let [payer, provider, firm] = parts
        .keys(Keys::Organisations)
        .map(cvl_log::SecretKey::from_seed);
    [
        (parts.payer, payer),
        (parts.provider, provider),
        (parts.firm, firm),
    ]
}

/// `1 week`, `2 weeks`.
fn count(n: u64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// An amount as a contract writes it: `60_000`, `5_500`, `550`.
fn grouped(amount: u64) -> String {
    if amount >= 1_000 {
        format!("{}_{:03}", amount / 1_000, amount % 1_000)
    } else {
        amount.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_corpus_is_the_same_for_the_same_seed_and_varies_between_contracts() {
        assert_eq!(corpus(7, 5), corpus(7, 5));
        assert_eq!(contract(7, 3), corpus(7, 10)[3]);
        assert_ne!(contract(7, 3), contract(7, 4));
        assert_ne!(contract(7, 3), contract(8, 3));
    }

    #[test]
    fn organisations_keep_one_key_and_distinct_keys_differ_only_in_keys() {
        let key_lines = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|line| line.trim_start().starts_with("key "))
                .map(str::to_string)
                .collect()
        };
        let shared = corpus(7, 60);
        let own = corpus_with(7, 60, Keys::Distinct);
        let mut by_title = std::collections::BTreeMap::new();
        for text in &shared {
            let titles = text
                .lines()
                .filter(|line| line.trim_start().starts_with("party "))
                .map(str::to_string);
            for (title, key) in titles.zip(key_lines(text)) {
                let title = title.split('"').nth(1).unwrap_or_default().to_string();
                assert_eq!(by_title.entry(title).or_insert_with(|| key.clone()), &key);
            }
        }
        assert!(by_title.len() <= 26, "{} organisations", by_title.len());
        let distinct: std::collections::BTreeSet<String> =
            own.iter().flat_map(|text| key_lines(text)).collect();
        assert_eq!(distinct.len(), 3 * 60);
        for (a, b) in shared.iter().zip(&own) {
            let strip = |text: &str| -> Vec<String> {
                text.lines()
                    .filter(|line| !line.trim_start().starts_with("key "))
                    .map(str::to_string)
                    .collect()
            };
            assert_eq!(strip(a), strip(b));
        }
    }

    #[test]
    fn amounts_are_grouped_by_thousands() {
        assert_eq!(grouped(60_000), "60_000");
        assert_eq!(grouped(5_500), "5_500");
        assert_eq!(grouped(12_050), "12_050");
        assert_eq!(grouped(550), "550");
    }
}
