//! Random CVL texts for differential and robustness tests: sentences of the grammar, and mutations of them.
//!
//! [`sentence`] walks grammar.pest's rules with a seeded [`Rng`] and returns a file that the grammar accepts, as
//! a list of tokens; [`render`] joins tokens with random white space and comments, and [`mutate`] breaks a token
//! list in one small way (a token dropped, doubled, swapped or replaced), which gives texts near the edge of the
//! grammar where two parsers are most likely to disagree. Everything is deterministic in the seed, so a failing
//! case reproduces from the seed in its message.

/// A tiny deterministic generator (xorshift64*), enough to make varied inputs that reproduce.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`; 0 when `n` is 0.
    pub fn below(&mut self, n: usize) -> usize {
        let n64 = u64::try_from(n).unwrap_or(u64::MAX).max(1);
        usize::try_from(self.next_u64() % n64).unwrap_or(0)
    }

    /// True with probability `1 / n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// One of `items`, which must not be empty.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let i = self.below(items.len());
        items.get(i).copied().unwrap_or("")
    }
}

/// Names that are not keywords, including words that start like one and the words that are units elsewhere.
const NAMES: &[&str] = &[
    "ostervold",
    "municipality",
    "firm",
    "citizen",
    "østervold",
    "_private",
    "a",
    "b2",
    "party_x",
    "items",
    "input",
    "paying",
    "terms",
    "notices",
    "nota",
    "ends_at",
    "DKK",
    "EUR",
    "months",
    "hour",
    "Dkk",
    "sunday",
];

const UNITS: &[&str] = &[
    "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "DKK",
    "EUR",
];

const NUMBERS: &[&str] = &[
    "0",
    "1",
    "3",
    "12",
    "60_000",
    "5_000",
    "550.50",
    "0.25",
    "1_000_000.125",
    "7_",
];

const DATES: &[&str] = &["2019-01-15", "2019-12-31", "2020-02-29", "2024-06-01"];

const STRINGS: &[&str] = &[
    "\"ANB-2019-0042\"",
    "\"Opholdsstedet Østervold\"",
    "\"\"",
    "\"with \\\"quotes\\\" and \\\\ \\n \\t\"",
    "\"// not a comment\"",
];

/// Every token kind the mutations may put in: keywords, punctuation, and literals of every kind.
pub const SOUP: &[&str] = &[
    "adjustable",
    "after",
    "and",
    "approved",
    "arrears",
    "by",
    "cap",
    "case",
    "clause",
    "confirmed",
    "contract",
    "covers",
    "cvr",
    "ends",
    "every",
    "false",
    "first",
    "flag",
    "for",
    "grace",
    "import",
    "in",
    "item",
    "key",
    "lasting",
    "missed",
    "monthly",
    "not",
    "notice",
    "obligation",
    "on",
    "or",
    "paid",
    "party",
    "pay",
    "per",
    "reimburse",
    "review",
    "role",
    "signed",
    "starts",
    "supplement",
    "term",
    "termination",
    "the",
    "to",
    "true",
    "up",
    "use",
    "when",
    "withhold",
    "{",
    "}",
    "(",
    ")",
    ",",
    ":",
    ".",
    "+",
    "-",
    "*",
    "/",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "x",
    "DKK",
    "months",
    "fortnight",
    "5",
    "2019-01-15",
    "\"s\"",
];

/// A generator of one sentence: the tokens so far and how deep it may still go.
struct Sentence<'r> {
    rng: &'r mut Rng,
    tokens: Vec<String>,
}

/// A random file that the grammar accepts, as its tokens. Literals are valid (real dates, short numbers, known
/// escapes), so the hand-written parser must report nothing at all for it.
pub fn sentence(rng: &mut Rng) -> Vec<String> {
    let mut s = Sentence {
        rng,
        tokens: Vec::new(),
    };
    let items = s.rng.below(4);
    for _ in 0..items {
        match s.rng.below(4) {
            0 => s.import(),
            1 => s.clause_def(),
            _ => s.contract(),
        }
    }
    s.tokens
}

impl Sentence<'_> {
    fn push(&mut self, token: &str) {
        self.tokens.push(token.to_string());
    }

    fn name(&mut self) {
        let name = self.rng.pick(NAMES);
        self.push(name);
    }

    fn title(&mut self) {
        if self.rng.one_in(2) {
            let s = self.rng.pick(STRINGS);
            self.push(s);
        }
    }

    fn path(&mut self) {
        self.name();
        for _ in 0..self.rng.below(3) {
            self.push(".");
            self.name();
        }
    }

    fn import(&mut self) {
        self.push("import");
        if self.rng.one_in(3) {
            self.push("\"local/terms.cvl\"");
        } else {
            self.path();
        }
    }

    fn contract(&mut self) {
        self.push("contract");
        self.name();
        self.title();
        self.block(2);
    }

    fn clause_def(&mut self) {
        self.push("clause");
        self.name();
        self.push("(");
        let params = self.rng.below(4);
        for i in 0..params {
            if i > 0 {
                self.push(",");
            }
            self.name();
            self.push(":");
            if self.rng.one_in(2) {
                self.push("party");
            } else {
                self.name();
            }
        }
        if params > 0 && self.rng.one_in(3) {
            self.push(",");
        }
        self.push(")");
        self.title();
        self.block(2);
    }

    fn block(&mut self, depth: u32) {
        self.push("{");
        for _ in 0..self.rng.below(5) {
            self.stmt(depth);
        }
        self.push("}");
    }

    fn parties(&mut self) {
        self.name();
        for _ in 0..self.rng.below(3) {
            let sep = self.rng.pick(&[",", "and"]);
            self.push(sep);
            self.name();
        }
    }

    fn stmt(&mut self, depth: u32) {
        let choice = self.rng.below(if depth == 0 { 22 } else { 27 });
        match choice {
            0 => {
                self.push("case");
                let s = self.rng.pick(STRINGS);
                self.push(s);
            }
            1 => {
                self.push("role");
                self.name();
            }
            2 => {
                self.push("key");
                self.push("\"ed25519:abc=\"");
            }
            3 => {
                self.push("signed");
                self.push("by");
                self.parties();
            }
            4 => {
                self.push("starts");
                self.moment(false);
            }
            5 => {
                self.push("ends");
                self.moment(true);
            }
            6 => {
                self.push("pay");
                self.expr(3);
                self.push("to");
                self.name();
            }
            7 => {
                self.push("for");
                self.push("the");
                self.push("first");
                self.expr(3);
            }
            8..=11 => {
                let keyword = self
                    .rng
                    .pick(&["adjustable", "review", "confirmed", "signed"]);
                self.push(keyword);
                self.push("by");
                self.parties();
            }
            12 => {
                self.push("by");
                self.parties();
            }
            13 => {
                self.push("every");
                self.expr(3);
                if self.rng.one_in(2) {
                    self.push("on");
                    self.name();
                }
            }
            14 => {
                let keyword = self
                    .rng
                    .pick(&["term", "lasting", "grace", "cap", "notice"]);
                self.push(keyword);
                self.expr(4);
            }
            15 => {
                self.push("when");
                self.push("missed");
                let consequence = self.rng.pick(&["withhold", "flag"]);
                self.push(consequence);
            }
            16 => {
                self.push("paid");
                self.push("monthly");
                if self.rng.one_in(2) {
                    self.push("in");
                    self.push("arrears");
                }
            }
            17..=21 => self.use_stmt(),
            _ => {
                let kind =
                    self.rng
                        .pick(&["party", "item", "supplement", "obligation", "termination"]);
                self.push(kind);
                if kind != "termination" {
                    self.name();
                }
                self.title();
                self.block(depth - 1);
            }
        }
    }

    fn moment(&mut self, ends: bool) {
        match self.rng.below(if ends { 3 } else { 2 }) {
            0 => {
                self.push("on");
                self.expr(3);
            }
            1 => {
                self.push("when");
                self.name();
            }
            _ => {
                self.push("after");
                self.expr(3);
            }
        }
    }

    fn use_stmt(&mut self) {
        self.push("use");
        self.path();
        if self.rng.one_in(3) {
            return;
        }
        self.push("(");
        let args = self.rng.below(4);
        for i in 0..args {
            if i > 0 {
                self.push(",");
            }
            self.name();
            self.push(":");
            self.expr(3);
        }
        if args > 0 && self.rng.one_in(3) {
            self.push(",");
        }
        self.push(")");
    }

    /// `or_expr`, with `depth` levels of parentheses left.
    fn expr(&mut self, depth: u32) {
        self.separated(depth, "or", Self::and_expr);
    }

    fn and_expr(&mut self, depth: u32) {
        self.separated(depth, "and", Self::not_expr);
    }

    fn separated(&mut self, depth: u32, op: &str, operand: fn(&mut Self, u32)) {
        operand(self, depth);
        while self.rng.one_in(4) {
            self.push(op);
            operand(self, depth);
        }
    }

    fn not_expr(&mut self, depth: u32) {
        if self.rng.one_in(6) {
            self.push("not");
            self.not_expr(depth);
        } else {
            self.sum(depth);
            if self.rng.one_in(5) {
                let op = self.rng.pick(&["==", "!=", "<=", ">=", "<", ">"]);
                self.push(op);
                self.sum(depth);
            }
        }
    }

    fn sum(&mut self, depth: u32) {
        self.product(depth);
        while self.rng.one_in(4) {
            let op = self.rng.pick(&["+", "-"]);
            self.push(op);
            self.product(depth);
        }
    }

    fn product(&mut self, depth: u32) {
        self.unary(depth);
        while self.rng.one_in(3) {
            if self.rng.one_in(2) {
                self.push("per");
                let unit = self.rng.pick(UNITS);
                self.push(unit);
            } else {
                let op = self.rng.pick(&["*", "/"]);
                self.push(op);
                self.unary(depth);
            }
        }
    }

    fn unary(&mut self, depth: u32) {
        if self.rng.one_in(8) {
            self.push("-");
            self.unary(depth);
        } else {
            self.primary(depth);
        }
    }

    fn primary(&mut self, depth: u32) {
        match self.rng.below(if depth == 0 { 9 } else { 10 }) {
            0 => {
                let date = self.rng.pick(DATES);
                self.push(date);
            }
            1..=3 => {
                let number = self.rng.pick(NUMBERS);
                self.push(number);
                if self.rng.one_in(2) {
                    let unit = self.rng.pick(UNITS);
                    self.push(unit);
                }
            }
            4 => {
                let s = self.rng.pick(STRINGS);
                self.push(s);
            }
            5 => {
                let b = self.rng.pick(&["true", "false"]);
                self.push(b);
            }
            6..=8 => self.name(),
            _ => {
                self.push("(");
                self.expr(depth - 1);
                self.push(")");
            }
        }
    }
}

/// Joins tokens into a text with random white space between them, and now and then a comment.
pub fn render(rng: &mut Rng, tokens: &[String]) -> String {
    let mut text = String::new();
    for token in tokens {
        text.push_str(token);
        let gap = match rng.below(12) {
            0 => "\n",
            1 => "\n  ",
            2 => " // a comment\n",
            3 => "\t",
            _ => " ",
        };
        text.push_str(gap);
    }
    text
}

/// Breaks `tokens` in one small way: drops, doubles or swaps tokens, or puts a token from the grammar's
/// vocabulary in the place of one or between two.
pub fn mutate(rng: &mut Rng, tokens: &mut Vec<String>) {
    if tokens.is_empty() {
        tokens.push(rng.pick(SOUP).to_string());
        return;
    }
    let at = rng.below(tokens.len());
    match rng.below(5) {
        0 => {
            tokens.remove(at);
        }
        1 => {
            let token = tokens.get(at).cloned().unwrap_or_default();
            tokens.insert(at, token);
        }
        2 => {
            if at + 1 < tokens.len() {
                tokens.swap(at, at + 1);
            }
        }
        3 => {
            if let Some(token) = tokens.get_mut(at) {
                *token = rng.pick(SOUP).to_string();
            }
        }
        _ => tokens.insert(at, rng.pick(SOUP).to_string()),
    }
}
