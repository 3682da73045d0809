/**
 * @file The tree-sitter grammar of CVL, a declarative contract language.
 *
 * It follows the normative pest grammar, lang/syntax/src/grammar.pest (spec.md chapters 2 and 3), rule by rule:
 * the same files are accepted, and the same are refused (the crate's tests run both over every example, stdlib
 * file and test input). The tree is shaped for editors: declarations, statements and expressions are named nodes
 * with fields, so that highlighting, folds, indents and text objects can be written as queries.
 *
 * A file is in Danish when its first word is `kontrakt`, `klausul` or `importer` (spec 2.5), and is then read by
 * the Danish rules: the same rules as the English ones, made by the same function (`languageRules`) from the other
 * language's words, and aliased to the English rules' names, so that a Danish file has the tree of its English
 * twin (with its own words in it) and the queries serve both. Each language reserves only its own keywords: the
 * Danish rules read every name with the reserved word set `danish` (`betal` is a keyword and `pay` a name there).
 * (The set is put on each name, `reserved('danish', $.identifier)`: with whole rules wrapped in `reserved`,
 * tree-sitter 0.27 generated a parser that refused well-formed Danish files.)
 *
 * One difference from pest remains: pest refuses a Danish name `pr` right before a point (`brug pr.x`), as its
 * `!da_keyword` sees the keyword `pr.` there, while tree-sitter reads the name `pr`, the point and `x`, because
 * its lexer tries `pr.` only where the keyword may stand. No file has it; a path module named `pr` is the case.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

// The reserved words of spec 2.5: none of them can be a name anywhere.
const KEYWORDS = [
  'adjustable', 'after', 'and', 'approved', 'arrears', 'by', 'cap', 'case', 'clause', 'confirmed', 'contract',
  'covers', 'cvr', 'due', 'ends', 'every', 'false', 'first', 'flag', 'for', 'grace', 'import', 'in', 'interest',
  'item', 'key', 'lasting', 'missed', 'monthly', 'not', 'notice', 'obligation', 'on', 'once', 'or', 'paid', 'party',
  'pay', 'per', 'regulated', 'reimburse', 'review', 'role', 'signed', 'starts', 'supplement', 'term', 'termination',
  'the', 'to', 'true', 'up', 'use', 'when', 'withhold',
];

// The unit words of spec 2.6 that are not currencies. They are words only after a number or `per`; elsewhere
// they are names (the lexer makes them names wherever a unit cannot stand).
const TIME_UNITS = ['days', 'day', 'weeks', 'week', 'months', 'month', 'years', 'year', 'hours', 'hour'];

// The Danish words, from lang/syntax/src/danish.rs (the one table of them; a test checks that every word of it is
// here). The Danish keyword of each English keyword (`DANISH_KEYWORDS`).
const DANISH_KEYWORDS = {
  adjustable: 'justeres', after: 'efter', and: 'og', approved: 'godkendt', arrears: 'bagudbetaling', by: 'af',
  cap: 'loft', case: 'sag', clause: 'klausul', confirmed: 'bekræftet', contract: 'kontrakt', covers: 'dækker',
  cvr: 'cvr', due: 'forfalder', ends: 'slutter', every: 'hver', false: 'falsk', first: 'første', flag: 'marker',
  for: 'i', grace: 'henstand', import: 'importer', in: 'som', interest: 'rente', item: 'post', key: 'nøgle',
  lasting: 'varighed', missed: 'forsømt', monthly: 'månedligt', not: 'ikke', notice: 'opsigelse',
  obligation: 'forpligtelse', on: 'den', once: 'engang', or: 'eller', paid: 'betalt', party: 'part', pay: 'betal',
  per: 'pr.', regulated: 'reguleret', reimburse: 'refunder', review: 'revideres', role: 'rolle',
  signed: 'underskrevet', starts: 'starter', supplement: 'tillæg', term: 'løbetid', termination: 'ophør',
  the: 'de', to: 'til', true: 'sand', up: 'op', use: 'brug', when: 'når', withhold: 'tilbagehold',
};

// The Danish words of fixed phrases (`WORDS`): names elsewhere.
const DANISH_WORDS = {
  day: 'dag', start: 'start', each: 'hvert', year: 'år', from: 'fra', index: 'indeks', end: 'udgangen', of: 'af',
  a: 'en', month: 'måned',
};

// The Danish time units (`DANISH_UNITS`: English singular, Danish singular, Danish plural), and `kr.` (`KRONER`),
// the unit word of Danish kroner, for which `DKK` is no unit in a Danish file.
const DANISH_UNITS = [
  ['day', 'dag', 'dage'], ['week', 'uge', 'uger'], ['month', 'måned', 'måneder'], ['year', 'år', 'år'],
  ['hour', 'time', 'timer'],
];
const KRONER = 'kr.';

// The Danish keywords that are words, as the reserved word set of the Danish rules (`pr.` is no word: it is a
// token of its own, and a name cannot hold its point).
const DANISH_RESERVED = Object.values(DANISH_KEYWORDS).filter(word => /^[\p{L}_]+$/u.test(word));

/**
 * A language's words and how its rules are named: English is the grammar's own rules; Danish has each rule
 * again, named `da_…` (`_da…` when hidden) and aliased to the English name where it stands in the tree.
 * @typedef {{
 *   danish: boolean,
 *   kw: (word: string) => string,
 *   word: (word: string) => string,
 *   name: (rule: string) => string,
 *   ref: ($: GrammarSymbols<string>, rule: string) => RuleOrLiteral,
 *   id: ($: GrammarSymbols<string>) => RuleOrLiteral,
 *   reservedIndex: string,
 * }} Lang
 */

/** @type {Lang} */
const ENGLISH = {
  danish: false,
  kw: word => word,
  word: word => word,
  name: rule => rule,
  ref: ($, rule) => $[rule],
  id: $ => $.identifier,
  reservedIndex: 'index_name',
};

/** @type {Lang} */
const DANISH = {
  danish: true,
  kw: word => DANISH_KEYWORDS[word],
  word: word => DANISH_WORDS[word],
  name: rule => (rule.startsWith('_') ? `_da${rule}` : `da_${rule}`),
  ref: ($, rule) => (rule.startsWith('_') ? $[`_da${rule}`] : alias($[`da_${rule}`], $[rule])),
  // A name is a word that is none of the Danish keywords (the English ones are names here).
  id: $ => reserved('danish', $.identifier),
  reservedIndex: 'danish_index_name',
};

/**
 * One or more `rule`, separated by `sep`.
 * @param {RuleOrLiteral} rule
 * @param {RuleOrLiteral} sep
 * @returns {SeqRule}
 */
function sepBy1(rule, sep) {
  return seq(rule, repeat(seq(sep, rule)));
}

/**
 * A parenthesised list of `rule`, separated by commas, with an optional trailing comma.
 * @param {RuleOrLiteral} rule
 * @returns {SeqRule}
 */
function commaList(rule) {
  return seq('(', optional(seq(sepBy1(rule, ','), optional(','))), ')');
}

/**
 * The rules of files, statements and expressions in language `L`, by their names in `L` (spec 3; in Danish, the
 * `da_…` rules of grammar.pest). Each rule reads its names with `L`'s reserved word set (`L.id`).
 * @param {Lang} L
 * @returns {Record<string, ($: GrammarSymbols<string>) => RuleOrLiteral>}
 */
function languageRules(L) {
  const k = L.kw;
  const w = L.word;
  /** @type {Record<string, ($: GrammarSymbols<string>) => RuleOrLiteral>} */
  const rules = {
    // -------------------------------------------------------------------------------------------------------
    // Files

    import: $ => seq(k('import'), field('target', choice($.string, L.ref($, 'path')))),

    contract: $ => declaration($, L, 'contract'),

    clause_definition: $ => seq(
      k('clause'),
      field('name', L.id($)),
      field('parameters', L.ref($, 'parameters')),
      optional(field('title', $.string)),
      field('body', L.ref($, 'block')),
    ),

    parameters: $ => commaList(L.ref($, 'parameter')),

    parameter: $ => seq(field('name', L.id($)), ':', field('type', L.ref($, 'type_name'))),

    type_name: $ => choice(k('party'), L.id($)),

    // `care.status_report`: the names before the last are modules (files of the standard library).
    path: $ => seq(repeat(seq(field('module', L.id($)), '.')), field('name', L.id($))),

    // -------------------------------------------------------------------------------------------------------
    // Blocks and statements

    block: $ => seq('{', repeat(L.ref($, '_statement')), '}'),

    _statement: $ => choice(...[
      'party', 'item', 'supplement', 'obligation', 'termination', 'case_statement', 'role_statement',
      'key_statement', 'signed_statement', 'starts_statement', 'ends_statement', 'pay_statement', 'for_statement',
      'adjustable_statement', 'term_statement', 'review_statement', 'by_statement', 'every_statement',
      'lasting_statement', 'grace_statement', 'when_statement', 'cap_statement', 'confirmed_statement',
      'notice_statement', 'paid_statement', 'use_statement', 'cvr_statement', 'covers_statement',
      'reimburse_statement', 'up_to_statement', 'approved_statement', 'interest_statement', 'once_statement',
      'regulated_statement',
    ].map(rule => L.ref($, rule))),

    party: $ => declaration($, L, 'party'),
    item: $ => declaration($, L, 'item'),
    supplement: $ => declaration($, L, 'supplement'),
    obligation: $ => declaration($, L, 'obligation'),
    termination: $ => seq(k('termination'), optional(field('title', $.string)), field('body', L.ref($, 'block'))),

    case_statement: $ => seq(k('case'), field('reference', $.string)),
    role_statement: $ => seq(k('role'), field('role', L.id($))),
    key_statement: $ => seq(k('key'), field('key', $.string)),
    signed_statement: $ => seq(k('signed'), k('by'), L.ref($, 'parties')),
    starts_statement: $ => seq(
      k('starts'),
      choice(seq(k('on'), field('date', L.ref($, '_expression'))), seq(k('when'), field('event', L.id($)))),
    ),
    ends_statement: $ => seq(
      k('ends'),
      choice(
        seq(k('on'), field('date', L.ref($, '_expression'))),
        seq(k('after'), field('duration', L.ref($, '_expression'))),
        seq(k('when'), field('event', L.id($))),
      ),
    ),
    pay_statement: $ => seq(k('pay'), field('amount', L.ref($, '_expression')), k('to'), field('payee', L.id($))),
    for_statement: $ => seq(k('for'), k('the'), k('first'), field('duration', L.ref($, '_expression'))),
    adjustable_statement: $ => seq(k('adjustable'), k('by'), L.ref($, 'parties')),
    term_statement: $ => seq(k('term'), field('duration', L.ref($, '_expression'))),
    review_statement: $ => seq(k('review'), k('by'), L.ref($, 'parties')),
    by_statement: $ => seq(k('by'), sepBy1(field('party', L.id($)), choice(',', k('and'), k('or')))),
    // Danish writes the interval as an ordinal too, `hver 3. måned`: only here, and only as the whole interval.
    every_statement: $ => seq(
      k('every'),
      field('interval', L.danish ? choice(alias($.da_ordinal, $.quantity), L.ref($, '_expression')) : L.ref($, '_expression')),
      optional(seq(k('on'), field('day', L.id($)))),
    ),
    lasting_statement: $ => seq(k('lasting'), field('duration', L.ref($, '_expression'))),
    grace_statement: $ => seq(k('grace'), field('duration', L.ref($, '_expression'))),
    when_statement: $ => seq(k('when'), k('missed'), field('consequence', L.ref($, 'consequence'))),
    consequence: $ => choice(
      seq(k('withhold'), optional(sepBy1(field('held', L.id($)), choice(',', k('and'))))),
      k('flag'),
    ),
    cap_statement: $ => seq(k('cap'), field('limit', L.ref($, '_expression'))),
    confirmed_statement: $ => seq(k('confirmed'), k('by'), L.ref($, 'parties')),
    notice_statement: $ => seq(
      k('notice'),
      field('period', L.ref($, '_expression')),
      optional(field('end_of_month', L.ref($, 'end_of_month'))),
    ),
    // `to the end of a month`: `end`, `of`, `a` and `month` are words here, not keywords. Danish has no word for
    // `the` there: `til udgangen af en måned`.
    end_of_month: _ => L.danish
      ? seq(k('to'), w('end'), w('of'), w('a'), w('month'))
      : seq(k('to'), k('the'), w('end'), w('of'), w('a'), w('month')),
    paid_statement: $ => seq(
      k('paid'),
      k('monthly'),
      optional(seq(k('in'), k('arrears'))),
      optional(seq(',', k('due'), k('on'), w('day'), field('due_day', L.ref($, '_expression')))),
    ),
    interest_statement: $ => seq(
      k('interest'),
      field('rate', L.ref($, '_expression')),
      '%',
      k('per'),
      field('unit', L.ref($, 'unit')),
    ),
    // `start` is a word here, not a keyword: it may name a party elsewhere.
    once_statement: $ => seq(
      k('once'),
      k('on'),
      field('date', choice(alias(w('start'), $.start), L.ref($, '_expression'))),
    ),
    // `index` is a word here, not a keyword, as are `each`, `year` and `from`; before `%` it is a name, so a rate
    // may start with it (`_index_or`).
    regulated_statement: $ => seq(
      k('regulated'),
      k('by'),
      choice(
        seq(w('index'), field('index', reserved(L.reservedIndex, $.identifier))),
        seq(field('rate', choice(L.ref($, '_expression'), L.ref($, '_index_or'))), '%'),
      ),
      w('each'),
      w('year'),
      w('from'),
      field('from', L.ref($, '_expression')),
    ),
    use_statement: $ => seq(
      k('use'),
      field('clause', L.ref($, 'path')),
      optional(field('arguments', L.ref($, 'arguments'))),
    ),
    cvr_statement: $ => seq(k('cvr'), field('number', $.string)),
    covers_statement: $ => seq(k('covers'), sepBy1(field('covered', $.string), ',')),
    reimburse_statement: $ => seq(k('reimburse'), k('to'), field('payee', L.id($))),
    up_to_statement: $ => seq(k('up'), k('to'), field('limit', L.ref($, '_expression'))),
    approved_statement: $ => seq(k('approved'), k('by'), L.ref($, 'parties')),

    arguments: $ => commaList(L.ref($, 'argument')),
    argument: $ => seq(field('name', L.id($)), ':', field('value', L.ref($, '_expression'))),
    parties: $ => sepBy1(field('party', L.id($)), choice(',', k('and'))),

    // -------------------------------------------------------------------------------------------------------
    // Expressions, loosest first, as in the pest grammar: each level is a hidden rule that is either an
    // operation of that level or the next tighter level, so the tree has no precedence conflicts to resolve.
    // A comparison takes one operator at most (`a < b < c` is refused, E0011).

    _expression: $ => L.ref($, '_or'),

    _or: $ => choice(alias(L.ref($, '_or_operation'), $.binary_expression), L.ref($, '_and')),
    _or_operation: $ => seq(
      field('left', L.ref($, '_or')),
      field('operator', k('or')),
      field('right', L.ref($, '_and')),
    ),

    _and: $ => choice(alias(L.ref($, '_and_operation'), $.binary_expression), L.ref($, '_not')),
    _and_operation: $ => seq(
      field('left', L.ref($, '_and')),
      field('operator', k('and')),
      field('right', L.ref($, '_not')),
    ),

    _not: $ => choice(L.ref($, 'not_expression'), L.ref($, '_comparison')),
    not_expression: $ => seq(field('operator', k('not')), field('operand', L.ref($, '_not'))),

    _comparison: $ => choice(L.ref($, 'comparison_expression'), L.ref($, '_sum')),
    comparison_expression: $ => seq(
      field('left', L.ref($, '_sum')),
      field('operator', choice('==', '!=', '<=', '>=', '<', '>')),
      field('right', L.ref($, '_sum')),
    ),

    _sum: $ => choice(alias(L.ref($, '_sum_operation'), $.binary_expression), L.ref($, '_product')),
    _sum_operation: $ => seq(
      field('left', L.ref($, '_sum')),
      field('operator', choice('+', '-')),
      field('right', L.ref($, '_product')),
    ),

    _product: $ => choice(
      alias(L.ref($, '_product_operation'), $.binary_expression),
      L.ref($, 'rate_expression'),
      L.ref($, '_unary'),
    ),
    _product_operation: $ => seq(
      field('left', L.ref($, '_product')),
      field('operator', choice('*', '/')),
      field('right', L.ref($, '_unary')),
    ),
    // `5_000 DKK per month`: `per` makes a rate of the quantity before it.
    rate_expression: $ => seq(field('quantity', L.ref($, '_product')), k('per'), field('unit', L.ref($, 'unit'))),

    _unary: $ => choice(L.ref($, 'unary_expression'), L.ref($, '_primary')),
    unary_expression: $ => seq(field('operator', '-'), field('operand', L.ref($, '_unary'))),

    _primary: $ => choice(
      L.ref($, 'parenthesized_expression'),
      $.date,
      L.ref($, 'quantity'),
      $.string,
      L.ref($, 'boolean'),
      L.id($),
    ),
    parenthesized_expression: $ => seq('(', L.ref($, '_expression'), ')'),

    // `regulated by index % each year from …`: where the word `index` may start the index form, the lexer reads
    // it as that word, so a rate that starts with the name `index` is these levels, whose first operand is it.
    _index_or: $ => choice(alias(L.ref($, '_index_or_operation'), $.binary_expression), L.ref($, '_index_and')),
    _index_or_operation: $ => seq(
      field('left', L.ref($, '_index_or')),
      field('operator', k('or')),
      field('right', L.ref($, '_and')),
    ),
    _index_and: $ => choice(
      alias(L.ref($, '_index_and_operation'), $.binary_expression),
      L.ref($, '_index_comparison'),
    ),
    _index_and_operation: $ => seq(
      field('left', L.ref($, '_index_and')),
      field('operator', k('and')),
      field('right', L.ref($, '_not')),
    ),
    _index_comparison: $ => choice(
      alias(L.ref($, '_index_comparison_operation'), $.comparison_expression),
      L.ref($, '_index_sum'),
    ),
    _index_comparison_operation: $ => seq(
      field('left', L.ref($, '_index_sum')),
      field('operator', choice('==', '!=', '<=', '>=', '<', '>')),
      field('right', L.ref($, '_sum')),
    ),
    _index_sum: $ => choice(alias(L.ref($, '_index_sum_operation'), $.binary_expression), L.ref($, '_index_product')),
    _index_sum_operation: $ => seq(
      field('left', L.ref($, '_index_sum')),
      field('operator', choice('+', '-')),
      field('right', L.ref($, '_product')),
    ),
    _index_product: $ => choice(
      alias(L.ref($, '_index_product_operation'), $.binary_expression),
      alias(L.ref($, '_index_rate'), $.rate_expression),
      alias(w('index'), $.identifier),
    ),
    _index_product_operation: $ => seq(
      field('left', L.ref($, '_index_product')),
      field('operator', choice('*', '/')),
      field('right', L.ref($, '_unary')),
    ),
    _index_rate: $ => seq(field('quantity', L.ref($, '_index_product')), k('per'), field('unit', L.ref($, 'unit'))),
    quantity: $ => seq(field('number', $.number), optional(field('unit', L.ref($, 'unit')))),
    boolean: _ => choice(k('true'), k('false')),

    // A unit word (spec 2.6): a time unit, or a currency as three upper-case ASCII letters. In Danish: the Danish
    // time units, `kr.` for Danish kroner, and any other currency (`DKK` is no unit there: `kr.` is).
    unit: $ => (L.danish
      ? choice(KRONER, ...DANISH_UNITS.flatMap(([, one, many]) => [one, many]), alias($.danish_currency, $.currency))
      : choice(...TIME_UNITS, $.currency)),
  };
  if (L.danish) {
    // `hver 3. måned`: a whole number with its point, and a time unit. The tree is a quantity's.
    rules.ordinal = $ => seq(
      field('number', alias($.ordinal_number, $.number)),
      field('unit', alias(choice(...DANISH_UNITS.flatMap(([, one, many]) => [one, many])), $.unit)),
    );
  }
  /** @type {Record<string, ($: GrammarSymbols<string>) => RuleOrLiteral>} */
  const named = {};
  for (const [name, rule] of Object.entries(rules)) {
    named[L.name(name)] = rule;
  }
  return named;
}

/**
 * A declaration in language `L`: a keyword, a name, an optional title and a block.
 * @param {GrammarSymbols<string>} $
 * @param {Lang} L
 * @param {string} keyword
 * @returns {SeqRule}
 */
function declaration($, L, keyword) {
  return seq(
    L.kw(keyword),
    field('name', L.id($)),
    optional(field('title', $.string)),
    field('body', L.ref($, 'block')),
  );
}

module.exports = grammar({
  name: 'cvl',

  // Spaces, tabs, `\n`, `\r\n` and the byte-order mark (spec 2.2); a lone carriage return is no white space.
  extras: $ => [/[ \t\n\uFEFF]/, /\r\n/, $.comment],

  word: $ => $.identifier,

  // The first set is the default one, the English rules'.
  reserved: {
    global: _ => KEYWORDS,
    // The name after `regulated by index` is no keyword, and not `each` either (pest's `!each_word`).
    index_name: _ => [...KEYWORDS, 'each'],
    danish: _ => DANISH_RESERVED,
    danish_index_name: _ => [...DANISH_RESERVED, DANISH_WORDS.each],
  },

  supertypes: $ => [$._statement],

  rules: {
    // A file's first word decides its language (spec 2.5): `kontrakt`, `klausul` or `importer` make it Danish.
    source_file: $ => optional(choice(
      repeat1(choice($.import, $.contract, $.clause_definition)),
      repeat1(choice(...['import', 'contract', 'clause_definition'].map(rule => DANISH.ref($, rule)))),
    )),

    ...languageRules(ENGLISH),
    ...languageRules(DANISH),

    // -------------------------------------------------------------------------------------------------------
    // Tokens (spec 2.3 to 2.9). The characters of spec 2.1 (a lone carriage return, U+0085, U+2028, U+2029 and
    // the direction marks) end a comment and stand in no token, so a file that holds one has an ERROR node.

    currency: _ => token(prec(1, /[A-Z][A-Z][A-Z]/)),
    // A currency in a Danish file: any three upper-case ASCII letters but `DKK`.
    danish_currency: _ => token(prec(1, /[A-CE-Z][A-Z][A-Z]|D[A-JL-Z][A-Z]|DK[A-JL-Z]/)),
    ordinal_number: _ => token(/[0-9][0-9_]*\./),

    comment: _ => token(seq('//', /[^\n\r\u0085\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]*/)),

    date: _ => token(/[0-9]{4}-[0-9]{2}-[0-9]{2}/),
    number: _ => token(/[0-9][0-9_]*(\.[0-9]+)?/),
    string: _ => token(seq(
      '"',
      repeat(choice(
        /[^"\\\n\r\u0085\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/,
        /\\["\\nt]/,
      )),
      '"',
    )),
    identifier: _ => /[_\p{XID_Start}][\p{XID_Continue}]*/,
  },
});
