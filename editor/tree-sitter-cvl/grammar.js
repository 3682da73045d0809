/**
 * @file The tree-sitter grammar of CVL, a declarative contract language.
 *
 * It follows the normative pest grammar, lang/syntax/src/grammar.pest (spec.md chapters 2 and 3), rule by rule:
 * the same files are accepted, and the same are refused (the crate's tests run both over every example, stdlib
 * file and test input). The tree is shaped for editors: declarations, statements and expressions are named nodes
 * with fields, so that highlighting, folds, indents and text objects can be written as queries.
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
 * A declaration: a keyword, a name, an optional title and a block.
 * @param {string} keyword
 * @returns {(($: GrammarSymbols<string>) => SeqRule)}
 */
function declaration(keyword) {
  return $ => seq(keyword, field('name', $.identifier), optional(field('title', $.string)), field('body', $.block));
}

module.exports = grammar({
  name: 'cvl',

  // Spaces, tabs, `\n`, `\r\n` and the byte-order mark (spec 2.2); a lone carriage return is no white space.
  extras: $ => [/[ \t\n\uFEFF]/, /\r\n/, $.comment],

  word: $ => $.identifier,

  reserved: {
    global: _ => KEYWORDS,
    // The name after `regulated by index` is no keyword, and not `each` either (pest's `!each_word`).
    index_name: _ => [...KEYWORDS, 'each'],
  },

  supertypes: $ => [$._statement],

  rules: {
    source_file: $ => repeat(choice($.import, $.contract, $.clause_definition)),

    // -------------------------------------------------------------------------------------------------------
    // Files

    import: $ => seq('import', field('target', choice($.string, $.path))),

    contract: declaration('contract'),

    clause_definition: $ => seq(
      'clause',
      field('name', $.identifier),
      field('parameters', $.parameters),
      optional(field('title', $.string)),
      field('body', $.block),
    ),

    parameters: $ => commaList($.parameter),

    parameter: $ => seq(field('name', $.identifier), ':', field('type', $.type_name)),

    type_name: $ => choice('party', $.identifier),

    // `care.status_report`: the names before the last are modules (files of the standard library).
    path: $ => seq(repeat(seq(field('module', $.identifier), '.')), field('name', $.identifier)),

    // -------------------------------------------------------------------------------------------------------
    // Blocks and statements

    block: $ => seq('{', repeat($._statement), '}'),

    _statement: $ => choice(
      $.party,
      $.item,
      $.supplement,
      $.obligation,
      $.termination,
      $.case_statement,
      $.role_statement,
      $.key_statement,
      $.signed_statement,
      $.starts_statement,
      $.ends_statement,
      $.pay_statement,
      $.for_statement,
      $.adjustable_statement,
      $.term_statement,
      $.review_statement,
      $.by_statement,
      $.every_statement,
      $.lasting_statement,
      $.grace_statement,
      $.when_statement,
      $.cap_statement,
      $.confirmed_statement,
      $.notice_statement,
      $.paid_statement,
      $.use_statement,
      $.cvr_statement,
      $.covers_statement,
      $.reimburse_statement,
      $.up_to_statement,
      $.approved_statement,
      $.interest_statement,
      $.once_statement,
      $.regulated_statement,
    ),

    party: declaration('party'),
    item: declaration('item'),
    supplement: declaration('supplement'),
    obligation: declaration('obligation'),
    termination: $ => seq('termination', optional(field('title', $.string)), field('body', $.block)),

    case_statement: $ => seq('case', field('reference', $.string)),
    role_statement: $ => seq('role', field('role', $.identifier)),
    key_statement: $ => seq('key', field('key', $.string)),
    signed_statement: $ => seq('signed', 'by', $.parties),
    starts_statement: $ => seq(
      'starts',
      choice(seq('on', field('date', $._expression)), seq('when', field('event', $.identifier))),
    ),
    ends_statement: $ => seq(
      'ends',
      choice(
        seq('on', field('date', $._expression)),
        seq('after', field('duration', $._expression)),
        seq('when', field('event', $.identifier)),
      ),
    ),
    pay_statement: $ => seq('pay', field('amount', $._expression), 'to', field('payee', $.identifier)),
    for_statement: $ => seq('for', 'the', 'first', field('duration', $._expression)),
    adjustable_statement: $ => seq('adjustable', 'by', $.parties),
    term_statement: $ => seq('term', field('duration', $._expression)),
    review_statement: $ => seq('review', 'by', $.parties),
    by_statement: $ => seq('by', sepBy1(field('party', $.identifier), choice(',', 'and', 'or'))),
    every_statement: $ => seq(
      'every',
      field('interval', $._expression),
      optional(seq('on', field('day', $.identifier))),
    ),
    lasting_statement: $ => seq('lasting', field('duration', $._expression)),
    grace_statement: $ => seq('grace', field('duration', $._expression)),
    when_statement: $ => seq('when', 'missed', field('consequence', $.consequence)),
    consequence: $ => choice(
      seq('withhold', optional(sepBy1(field('held', $.identifier), choice(',', 'and')))),
      'flag',
    ),
    cap_statement: $ => seq('cap', field('limit', $._expression)),
    confirmed_statement: $ => seq('confirmed', 'by', $.parties),
    notice_statement: $ => seq(
      'notice',
      field('period', $._expression),
      optional(field('end_of_month', $.end_of_month)),
    ),
    // `to the end of a month`: `end`, `of`, `a` and `month` are words here, not keywords.
    end_of_month: _ => seq('to', 'the', 'end', 'of', 'a', 'month'),
    paid_statement: $ => seq(
      'paid',
      'monthly',
      optional(seq('in', 'arrears')),
      optional(seq(',', 'due', 'on', 'day', field('due_day', $._expression))),
    ),
    interest_statement: $ => seq('interest', field('rate', $._expression), '%', 'per', field('unit', $.unit)),
    // `start` is a word here, not a keyword: it may name a party elsewhere.
    once_statement: $ => seq('once', 'on', field('date', choice(alias('start', $.start), $._expression))),
    // `index` is a word here, not a keyword, as are `each`, `year` and `from`; before `%` it is a name, so a rate
    // may start with it (`_index_or`).
    regulated_statement: $ => seq(
      'regulated',
      'by',
      choice(
        seq('index', field('index', reserved('index_name', $.identifier))),
        seq(field('rate', choice($._expression, $._index_or)), '%'),
      ),
      'each',
      'year',
      'from',
      field('from', $._expression),
    ),
    use_statement: $ => seq('use', field('clause', $.path), optional(field('arguments', $.arguments))),
    cvr_statement: $ => seq('cvr', field('number', $.string)),
    covers_statement: $ => seq('covers', sepBy1(field('covered', $.string), ',')),
    reimburse_statement: $ => seq('reimburse', 'to', field('payee', $.identifier)),
    up_to_statement: $ => seq('up', 'to', field('limit', $._expression)),
    approved_statement: $ => seq('approved', 'by', $.parties),

    arguments: $ => commaList($.argument),
    argument: $ => seq(field('name', $.identifier), ':', field('value', $._expression)),
    parties: $ => sepBy1(field('party', $.identifier), choice(',', 'and')),

    // -------------------------------------------------------------------------------------------------------
    // Expressions, loosest first, as in the pest grammar: each level is a hidden rule that is either an
    // operation of that level or the next tighter level, so the tree has no precedence conflicts to resolve.
    // A comparison takes one operator at most (`a < b < c` is refused, E0011).

    _expression: $ => $._or,

    _or: $ => choice(alias($._or_operation, $.binary_expression), $._and),
    _or_operation: $ => seq(field('left', $._or), field('operator', 'or'), field('right', $._and)),

    _and: $ => choice(alias($._and_operation, $.binary_expression), $._not),
    _and_operation: $ => seq(field('left', $._and), field('operator', 'and'), field('right', $._not)),

    _not: $ => choice($.not_expression, $._comparison),
    not_expression: $ => seq(field('operator', 'not'), field('operand', $._not)),

    _comparison: $ => choice($.comparison_expression, $._sum),
    comparison_expression: $ => seq(
      field('left', $._sum),
      field('operator', choice('==', '!=', '<=', '>=', '<', '>')),
      field('right', $._sum),
    ),

    _sum: $ => choice(alias($._sum_operation, $.binary_expression), $._product),
    _sum_operation: $ => seq(field('left', $._sum), field('operator', choice('+', '-')), field('right', $._product)),

    _product: $ => choice(alias($._product_operation, $.binary_expression), $.rate_expression, $._unary),
    _product_operation: $ => seq(
      field('left', $._product),
      field('operator', choice('*', '/')),
      field('right', $._unary),
    ),
    // `5_000 DKK per month`: `per` makes a rate of the quantity before it.
    rate_expression: $ => seq(field('quantity', $._product), 'per', field('unit', $.unit)),

    _unary: $ => choice($.unary_expression, $._primary),
    unary_expression: $ => seq(field('operator', '-'), field('operand', $._unary)),

    _primary: $ => choice(
      $.parenthesized_expression,
      $.date,
      $.quantity,
      $.string,
      $.boolean,
      $.identifier,
    ),
    parenthesized_expression: $ => seq('(', $._expression, ')'),

    // `regulated by index % each year from …`: where the word `index` may start the index form, the lexer reads
    // it as that word, so a rate that starts with the name `index` is these levels, whose first operand is it.
    _index_or: $ => choice(alias($._index_or_operation, $.binary_expression), $._index_and),
    _index_or_operation: $ => seq(field('left', $._index_or), field('operator', 'or'), field('right', $._and)),
    _index_and: $ => choice(alias($._index_and_operation, $.binary_expression), $._index_comparison),
    _index_and_operation: $ => seq(field('left', $._index_and), field('operator', 'and'), field('right', $._not)),
    _index_comparison: $ => choice(alias($._index_comparison_operation, $.comparison_expression), $._index_sum),
    _index_comparison_operation: $ => seq(
      field('left', $._index_sum),
      field('operator', choice('==', '!=', '<=', '>=', '<', '>')),
      field('right', $._sum),
    ),
    _index_sum: $ => choice(alias($._index_sum_operation, $.binary_expression), $._index_product),
    _index_sum_operation: $ => seq(
      field('left', $._index_sum),
      field('operator', choice('+', '-')),
      field('right', $._product),
    ),
    _index_product: $ => choice(
      alias($._index_product_operation, $.binary_expression),
      alias($._index_rate, $.rate_expression),
      alias('index', $.identifier),
    ),
    _index_product_operation: $ => seq(
      field('left', $._index_product),
      field('operator', choice('*', '/')),
      field('right', $._unary),
    ),
    _index_rate: $ => seq(field('quantity', $._index_product), 'per', field('unit', $.unit)),
    quantity: $ => seq(field('number', $.number), optional(field('unit', $.unit))),
    boolean: _ => choice('true', 'false'),

    // A unit word (spec 2.6): a time unit, or a currency as three upper-case ASCII letters.
    unit: $ => choice(...TIME_UNITS, $.currency),
    currency: _ => token(prec(1, /[A-Z][A-Z][A-Z]/)),

    // -------------------------------------------------------------------------------------------------------
    // Tokens (spec 2.3 to 2.9). The characters of spec 2.1 (a lone carriage return, U+0085, U+2028, U+2029 and
    // the direction marks) end a comment and stand in no token, so a file that holds one has an ERROR node.

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
