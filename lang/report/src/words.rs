//! The report's words in Danish and English, and its figures in each language's notation: amounts as
//! `52.096,78 kr.` in Danish and `52,096.78 DKK` in English, dates always ISO (`2019-10-15`).

use rust_decimal::Decimal;

/// The language of a report's labels and figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    Da,
    #[default]
    En,
}

/// One label in both languages.
pub(crate) struct Word {
    pub da: &'static str,
    pub en: &'static str,
}

impl Lang {
    /// `da` or `en`, as `--lang` takes it and `<html lang>` says it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    pub(crate) fn w(self, word: &Word) -> &'static str {
        match self {
            Lang::Da => word.da,
            Lang::En => word.en,
        }
    }

    /// An amount in `currency` (`DKK`), rounded to the øre: `52.096,78 kr.` in Danish, `52,096.78 DKK` in
    /// English; another currency keeps its code (`1.000,00 EUR`). The notation is the message catalogue's
    /// (`cvl_messages::money`), which the `cvl eval` table writes too.
    pub fn money(self, value: Decimal, currency: &str) -> String {
        let lang = match self {
            Lang::Da => cvl_messages::Lang::Da,
            Lang::En => cvl_messages::Lang::En,
        };
        cvl_messages::money(lang, cvl_eval::round_money(value), currency)
    }
}

impl Lang {
    /// A plain number (a rate, hours) in the language's notation, as many decimals as it has: `8,05` in Danish.
    pub fn number(self, value: Decimal) -> String {
        let plain = value.to_string();
        match self {
            Lang::Da => plain.replace('.', ","),
            Lang::En => plain,
        }
    }

    /// The basis of an amount as evaluation writes it (`60,000.00 DKK/month × 17/31 days`, `450.00 DKK/hour × 12
    /// hours (14 hours reported, 12 hours confirmed)`), in the language: in Danish its words from [`BASIS_WORDS`]
    /// and its figures in Danish notation (`60.000,00 kr./måned × 17/31 dage`). In English it is as written.
    pub fn basis(self, text: &str) -> String {
        if self == Lang::En {
            return text.to_string();
        }
        let mut words = text.to_string();
        for (en, da) in BASIS_WORDS {
            words = words.replace(en, da);
        }
        self.figures(&words)
    }

    /// `text` with each amount (`1,234.50 DKK`) and each grouped or decimal number (`1,234.5`) in the language's
    /// notation.
    fn figures(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
            let (before, from) = rest.split_at(start);
            out.push_str(before);
            let end = from
                .char_indices()
                .find(|(i, c)| {
                    !(c.is_ascii_digit()
                        || ((*c == ',' || *c == '.')
                            && from
                                .get(i + 1..)
                                .is_some_and(|r| r.starts_with(|d: char| d.is_ascii_digit()))))
                })
                .map_or(from.len(), |(i, _)| i);
            let (figure, after) = from.split_at(end);
            let code: String = after.chars().skip(1).take(3).collect();
            let is_code = after.starts_with(' ')
                && code.len() == 3
                && code.chars().all(|c| c.is_ascii_uppercase())
                && !after.chars().nth(4).is_some_and(|c| c.is_alphanumeric());
            let value = Decimal::from_str_exact(&figure.replace(',', "")).ok();
            match value {
                Some(value) if is_code => {
                    out.push_str(&self.money(value, &code));
                    rest = after.get(4..).unwrap_or("");
                }
                // A grouped number (`1,234.5` hours): the separators swapped for Danish.
                Some(_) if self == Lang::Da => {
                    out.extend(figure.chars().map(|c| match c {
                        ',' => '.',
                        '.' => ',',
                        c => c,
                    }));
                    rest = after;
                }
                _ => {
                    out.push_str(figure);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// The words of evaluation's bases (cvl-eval's lines, `Basis`'s words and its regulation notes) and their Danish,
/// longest first where one holds another; the report and the `cvl eval` table write a basis in Danish with them.
pub(crate) const BASIS_WORDS: &[(&str, &str)] = &[
    (
        "outside the contract's period",
        "uden for kontraktens periode",
    ),
    ("outside the item's period", "uden for postens periode"),
    ("regulated by index", "reguleret efter indeks"),
    ("regulated ", "reguleret "),
    (" % a year from ", " % om året fra "),
    (" once on ", " én gang den "),
    (", not paid", ", ikke betalt"),
    (" from ", " fra "),
    ("/month", "/måned"),
    ("/hour", "/time"),
    ("/day", "/dag"),
    (" days", " dage"),
    (" day", " dag"),
    (" hours", " timer"),
    (" hour", " time"),
    ("reported", "indberettet"),
    ("confirmed", "bekræftet"),
    ("cap ", "loft "),
];

macro_rules! words {
    ($($name:ident: $da:literal, $en:literal;)*) => {
        $(pub(crate) const $name: Word = Word { da: $da, en: $en };)*
    };
}

words! {
    TITLE: "Rapport over kontraktens afgørelser", "Report of the contract's decisions";
    REPORT_DATE: "Rapportens dato", "Date of the report";
    CONTRACT: "Kontrakt", "Contract";
    CASE: "Sag", "Case";
    FILES: "Filer", "Files";
    FILE: "Fil", "File";
    ROLE: "Rolle", "Role";
    ROLE_CONTRACT: "kontrakt", "contract";
    ROLE_MODULE: "modul", "module";
    ROLE_FILE: "fil", "file";
    ROLE_LOG: "signeret log", "signed log";
    ROLE_EVENTS: "usignerede hændelser", "unsigned events";
    CONTRACT_SHA: "Kontraktens SHA-256 (tekst og alle importerede filer)", "The contract's SHA-256 (its text and every imported file)";
    HEAD: "Loggens hoved (SHA-256 af sidste indgang)", "The log's head (SHA-256 of its last entry)";
    VERIFIED: "Verifikation", "Verification";
    VERIFIED_LOG: "loggen er verificeret: kæde, datoer, nøgler og signaturer for", "the log is verified: chain, dates, keys and signatures of";
    ENTRIES: "indgange", "entries";
    NOT_VERIFIED: "intet er verificeret: hændelserne er en usigneret fil", "nothing is verified: the events are an unsigned file";
    VERSION: "Version af cvl", "Version of cvl";
    COMMAND: "Kommando der genskaber rapporten", "The command that reproduces this report";
    DECIDED_AS_OF: "Afgjort pr.", "Decided as of";
    SELECTION: "Udvalg", "Selection";
    ALL_PAYEES: "alle modtagere", "all payees";
    ALL_MONTHS: "alle måneder", "all months";
    PAYEE: "Modtager", "Payee";
    MONTHS: "Måneder", "Months";
    TIMELINE: "Tidslinje", "Timeline";
    IN_FORCE: "I kraft", "In force";
    SUMMARY: "Oversigt pr. måned", "Month by month: summary";
    MONTH: "Måned", "Month";
    DECIDED: "Afgjort", "Decided";
    WITHHELD: "Tilbageholdt", "Withheld";
    RELEASED: "Frigivet", "Released";
    TOTAL: "I alt", "Total";
    APPROVED: "Godkendt på faktura", "Approved on invoices";
    DETAIL: "Måned for måned", "Month by month";
    ITEM: "Post", "Item";
    AMOUNT: "Beløb", "Amount";
    BASIS: "Grundlag", "Basis";
    CLAUSE: "Klausul", "Clause";
    EVENTS: "Hændelser", "Events";
    EVENT: "Hændelse", "Event";
    DATE: "Dato", "Date";
    SIGNER: "Underskriver", "Signer";
    ACTOR: "Afsender (usigneret)", "Sender (unsigned)";
    ENTRY_HASH: "Indgangens SHA-256", "Entry's SHA-256";
    NO_HASH: "ingen: usigneret fil", "none: unsigned file";
    HELD_BY: "Tilbageholdt fordi", "Held back because";
    MISSED: "blev ikke opfyldt", "was missed";
    DUE: "forfald", "due";
    GRACE_END: "frist udløb", "grace ended";
    RELEASED_IN: "frigivet i", "released in";
    RELEASED_BY: "ved", "by";
    NOT_RELEASED: "endnu ikke frigivet", "not released yet";
    RELEASED_FROM: "Frigivet fra", "Released from";
    FLAGGED: "Markeret", "Flagged";
    PROVISIONAL: "foreløbig: afgjort pr. datoen, resten af måneden er ikke afgjort endnu", "provisional: decided as of the date, the rest of the month is not decided yet";
    UNPAID_OUTSIDE_CONTRACT: "uden for kontraktens periode", "outside the contract's period";
    UNPAID_OUTSIDE_ITEM: "uden for postens periode", "outside the item's period";
    UNPAID_NOT_CONFIRMED: "ikke bekræftet", "not confirmed";
    UNPAID_OVER_CAP: "over loftet", "over the cap";
    UNPAID_HOURS: "timer der ikke betales", "hours not paid";
    PAID_TITLE: "Betalt og udestående", "Paid and outstanding";
    NO_PAYMENTS: "Ingen betalinger er registreret: loggen rummer ingen betalingshændelser, så rapporten kan ikke sige, hvad der er betalt, eller hvad der stadig skyldes.", "No payments are recorded: the log holds no payment events, so this report cannot say what was paid or what is still owed.";
    PAID: "Betalt", "Paid";
    OUTSTANDING: "Udestående", "Outstanding";
    FALLS_DUE: "Forfaldsdato", "Falls due";
    INTEREST: "Rente", "Interest";
    PAYMENTS_MADE: "Betalinger", "Payments made";
    PAYER: "Betaler", "Payer";
    REFERENCE: "Reference", "Reference";
    OBLIGATIONS: "Forpligtelser", "Obligations";
    PARTY: "Part", "Party";
    STATUS: "Status", "Status";
    MET_ON: "Opfyldt den", "Met on";
    ST_MET: "opfyldt", "met";
    ST_LATE: "for sent, inden for fristen", "late, within grace";
    ST_MISSED: "ikke opfyldt", "missed";
    ST_PENDING: "afventer", "pending";
    ACTS: "Handlinger og underskrifter", "Acts and signatures";
    ACT_SIGNING: "underskrift af kontrakten", "signing of the contract";
    ACT_TERMINATION: "opsigelse", "termination";
    ACT_AMENDMENT: "ændring", "amendment";
    DONE: "gennemført", "done";
    PENDING: "afventer", "pending";
    SIGNED: "Underskrevet", "Signed";
    MISSING: "Mangler", "Missing";
    INVOICES: "Fakturaer og afgørelser", "Invoices and verdicts";
    NO_INVOICES: "Ingen fakturaer er givet til rapporten.", "No invoices were given to the report.";
    INVOICE: "Faktura", "Invoice";
    ISSUED: "Udstedt", "Issued";
    CLAIMED: "Krævet", "Claimed";
    LINE: "Linje", "Line";
    VERDICT: "Afgørelse", "Verdict";
    REASONS: "Begrundelse", "Reasons";
    REFUSED: "afvist", "refused";
    RECORDED: "Allerede godkendt i loggen", "Approved in the log already";
    EXPENSES: "Godkendte udlæg", "Expenses approved";
    WARNINGS: "Advarsler", "Warnings";
    LEGEND_MET: "opfyldt", "met";
    LEGEND_LATE: "for sent", "late";
    LEGEND_MISSED: "ikke opfyldt", "missed";
    LEGEND_HELD: "tilbageholdt", "withheld";
    LEGEND_RELEASED: "frigivet", "released";
    LEGEND_ACT: "underskrift", "signature";
    LEGEND_PAID: "betaling", "payment";
    LEGEND_GRACE: "frist", "grace";
    ROW_ACTS: "Underskrifter", "Signatures";
    ROW_PAID: "Betalinger", "Payments";
    ADJUSTED: "reguleret", "adjusted";
    RENEWED: "fornyet", "renewed";
    PARTIES: "Parter", "Parties";
    KEY: "Offentlig nøgle", "Public key";
    NOT_YET_DUE: "Ikke forfaldent endnu", "Not yet due";
    NOT_YET_DUE_LOWER: "ikke forfaldent endnu", "not yet due";
    FALLS_DUE_ON: "forfalder", "falls due on";
    OVERPAID: "Overbetalt", "Overpaid";
    OVERPAID_SHORT: "overbetalt", "overpaid";
    PAID_ON: "betalt den", "paid on";
    OWED_SINCE: "skyldes siden", "owed since";
    ON_TIME: "rettidigt", "on time";
    NO_DAYS_LATE: "forfaldent i dag, ingen rente endnu", "fallen due today, no interest yet";
    DAY_LATE: "dag for sent", "day late";
    NO_RATE: "ingen rentesats kendes", "no rate is known";
    DAYS_LATE: "dage for sent", "days late";
    PAYEE_TOTALS: "I alt pr. modtager", "Totals per payee";
    TRANCHES: "Kravet i rater: hvad der skyldes, hver fra sin forfaldsdato", "The tranches: what is owed, each from its due date";
    UPCOMING: "Ikke forfaldent endnu: hvad der forfalder senere", "Not yet due: what falls due later";
    RATE_CONTRACT: "kontraktens egen rente på", "the contract's own rate of";
    A_YEAR: "om året", "a year";
    RATE_ACT: "rentelovens: referencerenten plus 8 procentpoint om året, aldrig under 0", "the Interest Act's: the reference rate plus 8 percentage points a year, never below 0";
    RATE_NONE: "ingen rentesats kendes: giv --rates FIL for rentelovens", "no rate is known: give --rates FILE for the Interest Act's";
    COUNTED_TO: "Renten er opgjort pr.", "Interest is counted to";
    FLOORED_IN: "Referencerenten plus 8 procentpoint er under 0 i halvåret fra", "The reference rate plus 8 percentage points is below 0 in the half-year from";
    FLOORED_IN_MANY: "Referencerenten plus 8 procentpoint er under 0 i halvårene fra", "The reference rate plus 8 percentage points is below 0 in the half-years from";
    FLOORED: "renten er 0 %, aldrig negativ: rentelovens rente godtgør fordringshaveren og giver aldrig skyldneren rente", "the rate there is 0 %, never negative: the Interest Act's rate compensates the creditor and never credits a late payer";
    NOT_IN_FORCE: "Kontrakten er ikke i kraft i den valgte periode.", "The contract is not in force in the chosen period.";
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn amounts_in_each_notation() {
        assert_eq!(Lang::Da.money(d("52096.78"), "DKK"), "52.096,78 kr.");
        assert_eq!(Lang::En.money(d("52096.78"), "DKK"), "52,096.78 DKK");
        assert_eq!(Lang::Da.money(d("0"), "DKK"), "0,00 kr.");
        assert_eq!(Lang::En.money(d("-1234567.5"), "EUR"), "-1,234,567.50 EUR");
        assert_eq!(Lang::Da.money(d("999.999"), "DKK"), "1.000,00 kr.");
        assert_eq!(Lang::En.money(d("100"), "DKK"), "100.00 DKK");
    }

    #[test]
    fn bases_in_danish() {
        let cases = [
            (
                "60,000.00 DKK/month × 17/31 days",
                "60.000,00 kr./måned × 17/31 dage",
            ),
            ("60,000.00 DKK/month", "60.000,00 kr./måned"),
            (
                "10,000.00 DKK once on 2019-03-01, not paid",
                "10.000,00 kr. én gang den 2019-03-01, ikke betalt",
            ),
            (
                "5,000.00 DKK/month (regulated 2 % a year from 2020-01-01)",
                "5.000,00 kr./måned (reguleret 2 % om året fra 2020-01-01)",
            ),
            (
                "5,000.00 DKK/month (regulated by index `pl`: 104.2 / 101.0 from 2020-01-01)",
                "5.000,00 kr./måned (reguleret efter indeks `pl`: 104,2 / 101,0 fra 2020-01-01)",
            ),
            ("1,500.00 DKK/day × 1 day", "1.500,00 kr./dag × 1 dag"),
            (
                "450.00 EUR/hour × 1,234.5 hours (1,240 hours reported, 2 hours outside the contract's period, 1 hour outside the item's period, 1,234.5 hours confirmed, cap 1,300 hours/month)",
                "450,00 EUR/time × 1.234,5 timer (1.240 timer indberettet, 2 timer uden for kontraktens periode, 1 time uden for postens periode, 1.234,5 timer bekræftet, loft 1.300 timer/måned)",
            ),
        ];
        for (en, da) in cases {
            assert_eq!(Lang::Da.basis(en), da);
            assert_eq!(Lang::En.basis(en), en);
        }
        assert_eq!(Lang::Da.number(d("8.05")), "8,05");
    }
}
