# The lexer's and the parser's diagnostics (lang/syntax), and those every file may get.

syntax-problems-left-out = and { $count } more { $count ->
    [one] problem
   *[other] problems
  } in this file, not shown
syntax-problems-left-out-first = the first not shown is here
syntax-problems-left-out-help = at most { $max } problems are shown for one file: fix these and check again

# E0009
syntax-not-utf8 = the file is not valid UTF-8
syntax-not-utf8-label = this byte is not UTF-8
syntax-not-utf8-help = save the file with the UTF-8 encoding

# W0001
syntax-declares-nothing = this file declares no contract and no clause
syntax-declares-nothing-help = write a { $lang ->
    [da] `kontrakt` or a `klausul`
   *[en] `contract` or a `clause`
  }, or remove the file

# E0004: something else than what the grammar expects; `what` is one of the syntax-want-… below and `found` one
# of the lexer-token-… or the token as written.
syntax-expected-found = expected { $what }, found { $found }
syntax-expected = expected { $what }
syntax-reserved-word-help = `{ $word }` is a reserved word: choose another name
syntax-want-word = `{ $word }`
syntax-want-percent-each-year = `%` and { $lang ->
    [da] `hvert år fra`
   *[en] `each year from`
  } a date
syntax-want-percent-per-year = `%` and { $lang ->
    [da] `pr. år`
   *[en] `per year`
  }
syntax-want-clause-parameters = `(` and the clause's parameters
syntax-want-colon-argument = `:` and the argument
syntax-want-colon-type = `:` and the parameter's type
syntax-want-arrears = { $lang ->
    [da] `bagudbetaling`
   *[en] `arrears`
  }
syntax-want-by-parties = { $lang ->
    [da] `af`
   *[en] `by`
  } and the parties
syntax-want-by-percentage = { $lang ->
    [da] `af`
   *[en] `by`
  } and the percentage a year
syntax-want-top-item = { $lang ->
    [da] `kontrakt`, `klausul` or `importer`
   *[en] `contract`, `clause` or `import`
  }
syntax-want-day-of-month = { $lang ->
    [da] `dag`
   *[en] `day`
  } and the day of the month
syntax-want-due-on-day = { $lang ->
    [da] `forfalder den dag`
   *[en] `due on day`
  } and the day of the month
syntax-want-on-day = { $lang ->
    [da] `den dag`
   *[en] `on day`
  } and the day of the month
syntax-want-first-duration = { $lang ->
    [da] `første`
   *[en] `first`
  } and a duration
syntax-want-missed = { $lang ->
    [da] `forsømt`
   *[en] `missed`
  }
syntax-want-monthly = { $lang ->
    [da] `månedligt`
   *[en] `monthly`
  }
syntax-want-end-rule = { $lang ->
    [da] `den` and a date, `efter` and a duration, or `når` and an event
   *[en] `on` and a date, `after` and a duration, or `when` and an event
  }
syntax-want-moment = { $lang ->
    [da] `den` and a date, or `når` and an event
   *[en] `on` and a date, or `when` and an event
  }
syntax-want-once-on = { $lang ->
    [da] `den`
   *[en] `on`
  } and the day it is paid
syntax-want-per-year = { $lang ->
    [da] `pr. år`
   *[en] `per year`
  }
syntax-want-end-of-month = { $lang ->
    [da] `udgangen af en måned`
   *[en] `the end of a month`
  }
syntax-want-the-first-duration = { $lang ->
    [da] `de første`
   *[en] `the first`
  } and a duration
syntax-want-to-most-reimbursed = { $lang ->
    [da] `til`
   *[en] `to`
  } and the most that is reimbursed
syntax-want-to-payee = { $lang ->
    [da] `til`
   *[en] `to`
  } and the party that is paid
syntax-want-to-reimbursed = { $lang ->
    [da] `til`
   *[en] `to`
  } and the party that is reimbursed
syntax-want-withhold-or-flag = { $lang ->
    [da] `tilbagehold` or `marker`
   *[en] `withhold` or `flag`
  }
syntax-want-open-brace = `{"{"}`
syntax-want-module-or-file = a module name or a file name
syntax-want-name-after-dot = a name after `.`
syntax-want-name-clause = a name for the clause
syntax-want-name-contract = a name for the contract
syntax-want-name-item = a name for the item
syntax-want-name-obligation = a name for the obligation
syntax-want-name-party = a name for the party
syntax-want-name-supplement = a name for the supplement
syntax-want-parameter-name = a parameter name
syntax-want-party = a party
syntax-want-role = a role
syntax-want-statement = a statement
syntax-want-statement-or-close = a statement or `{"}"}`
syntax-want-string = a string
syntax-want-type = a type
syntax-want-unit-after-per = a unit after { $lang ->
    [da] `pr.`
   *[en] `per`
  }
syntax-want-weekday = a weekday
syntax-want-expression = an expression
syntax-want-item = an item
syntax-want-withheld-item = an item that is withheld
syntax-want-cvr = the CVR number as a string
syntax-want-case = the case reference as a string
syntax-want-index-name = the index's name
syntax-want-event-kind = the kind of event
syntax-want-clause-name = the name of a clause
syntax-want-parameter-of-clause = the name of a parameter
syntax-want-payee = the party that is paid
syntax-want-reimbursed = the party that is reimbursed
syntax-want-key = the public key as a string
syntax-want-covered = what the price covers, as a string

# The tokens as an E0004 names what it found.
lexer-token-comment = a comment
lexer-token-date = a date
lexer-token-number = a number
lexer-token-string = a string
lexer-token-name = a name
lexer-token-end = the end of the file
lexer-token-as-written = { $token }

# E0057: a word of the other language than the file's (`other` and `lang` are `en` or `da`).
syntax-other-language = `{ $word }` is { $other ->
    [da] a Danish
   *[en] an English
  } word, but this file is in { $lang ->
    [da] Danish
   *[en] English
  }
syntax-other-language-label = { $other ->
    [da] Danish
   *[en] English
  } word
syntax-other-language-help = write `{ $meant }`: a file is in one language, and its first word `{ $first }` makes it { $lang ->
    [da] Danish
   *[en] English
  }

# E0008
syntax-too-deep = nested more than { $max } levels deep
syntax-too-deep-label = too deep here
syntax-too-deep-help = split the expression or the block into smaller parts

# E0005
syntax-unclosed = unclosed `{ $open }`
syntax-unclosed-label = this `{ $open }` is never closed
syntax-unclosed-expected = expected `{ $close }` before { $found }

# E0001
syntax-this-character = this character
syntax-unexpected-characters = { $count } unexpected characters, the first { $first }
syntax-unexpected-characters-label = no token starts with these characters
syntax-unexpected-character = unexpected character { $found }
syntax-unexpected-character-label = no token starts with this character
syntax-unexpected-equals-help = to compare, write `==`
syntax-unexpected-bang-help = to negate, write { $lang ->
    [da] `ikke`
   *[en] `not`
  }; to compare, write `!=`
syntax-unexpected-quote-help = strings are written in double quotes: `"…"`
syntax-line-break = unexpected line break { $code }
syntax-line-break-label = an editor starts a new line here
syntax-line-break-help = a line ends with \n (or \r\n): remove it
syntax-direction-mark = unexpected direction mark { $code }
syntax-direction-mark-label = this character changes the order in which text is shown
syntax-direction-mark-help = invisible direction marks can make text read in another order than cvl reads it: remove it

# E0004 in the terms of payment (parser/terms.rs)
syntax-due-help = write the day of the following month a month falls due on: { $lang ->
    [da] `betalt månedligt som bagudbetaling, forfalder den dag 10`
   *[en] `paid monthly in arrears, due on day 10`
  }
syntax-interest-not-rate = `{ $written }` is not written as a rate of interest
syntax-interest-not-rate-label = a rate of interest is written { $lang ->
    [da] `P % pr. år`
   *[en] `P % per year`
  }
syntax-interest-not-rate-help = write the rate a year as a percentage: { $lang ->
    [da] `rente 10 % pr. år`
   *[en] `interest 10 % per year`
  }
syntax-interest-help = a rate of interest is a percentage a year: { $lang ->
    [da] `rente 10 % pr. år`
   *[en] `interest 10 % per year`
  }
syntax-once-help = say the day it is paid on: { $lang ->
    [da] `engang den start` or `engang den 2019-03-01`
   *[en] `once on start` or `once on 2019-03-01`
  }
syntax-regulated-help = a yearly regulation is written { $lang ->
    [da] `reguleret af 2.5 % hvert år fra 2020-01-01`
   *[en] `regulated by 2.5 % each year from 2020-01-01`
  }
syntax-regulated-index-help = a regulation by an index is written { $lang ->
    [da] `reguleret af indeks pl hvert år fra 2020-01-01`
   *[en] `regulated by index pl each year from 2020-01-01`
  }
syntax-notice-help = a notice that runs to a month's end is written { $lang ->
    [da] `opsigelse 1 måned til udgangen af en måned`
   *[en] `notice 1 month to the end of a month`
  }

# E0004 and E0011 in expressions (parser/expr.rs)
syntax-not-a-word = `{ $written }` is not a word of CVL
syntax-per-label = a rate is written with `per`
syntax-per-label-danish = a rate is written with `pr.`
syntax-per-help = did you mean `per`? write `… DKK per month`
syntax-per-help-danish = did you mean `pr.`? write `… kr. pr. måned`
syntax-chained-comparison = comparisons cannot be chained
syntax-chained-comparison-label = a second comparison
syntax-chained-comparison-first = this is already a comparison
syntax-chained-comparison-help = join the comparisons with { $lang ->
    [da] `og`: `a < b og b < c`
   *[en] `and`: `a < b and b < c`
  }
syntax-not-help = put the { $lang ->
    [da] `ikke …`
   *[en] `not …`
  } in parentheses

# E0004: numbers and dates written another way (parser/expr.rs, misread.rs)
syntax-not-written-as-date = `{ $written }` is not written as a date
syntax-date-label = a date is written `YYYY-MM-DD`
syntax-comma-in-number = `,` is not part of a number
syntax-point-in-number = `.` is the decimal point, written once and with digits on both sides
syntax-not-a-number = `{ $written }` is not a number
syntax-date-written-help = write `{ $date }`: a date is written year first, `YYYY-MM-DD`
syntax-date-how-help = a date is written `YYYY-MM-DD`, such as `2024-03-01`: a four-digit year, then the month and the day
syntax-number-how-help = a number is written with digits, `_` between groups of thousands and `.` before the decimals: `22_500.50`
syntax-number-trailing-point-help = a decimal point has digits on both sides: write `{ $number }`
syntax-number-marks-help = write `{ $number }`: `_` groups thousands and `.` is the decimal point
syntax-number-comma-help = write `{ $thousands }` if `,` groups thousands, or `{ $decimal }` if it is a decimal comma: in CVL `_` groups thousands and `.` is the decimal point
syntax-number-decimal-comma-help = the decimal point is `.`: write `{ $number }`
syntax-number-thousands-help = write `{ $number }`: thousands are grouped with `_`, and `.` is the decimal point

# E0007
syntax-too-many-digits = `{ $written }` has more digits than a number can hold
syntax-too-many-digits-label = too many digits
syntax-too-many-digits-help = a number has at most { $max } digits, counting those after the decimal point

# E0006
syntax-not-in-calendar = `{ $written }` is not a date in the calendar
syntax-not-in-calendar-label = no such day
syntax-month-range-help = a month is from 01 to 12
syntax-month-days-help = that month has { $days } days
syntax-date-form-help = write the date as `YYYY-MM-DD`

# E0002
syntax-unterminated-string = unterminated string
syntax-unterminated-string-label = this string is not closed before the end of the line
syntax-unterminated-string-help = close the string with `"`; a string cannot span lines

# E0003
syntax-bad-escape = `{ $written }` is not an escape in a string
syntax-bad-escape-label = unknown escape
syntax-bad-escape-help = the escapes are `\"`, `\\`, `\n` and `\t`

# E0012
syntax-not-a-unit = `{ $word }` is not a unit
syntax-not-a-unit-label = unknown unit
syntax-unit-meant-help = did you mean `{ $meant }`?
syntax-currency-meant-help = did you mean `{ $meant }`? a currency is written as its three-letter code in capitals
syntax-unit-meant-english-help = did you mean `{ $meant }`? units are written in English
syntax-month-as-unit-help = a date is written `YYYY-MM-DD`, such as `2024-03-01`
syntax-units-help = { $lang ->
    [da] the units are `dag`, `uge`, `måned`, `år`, `time` (or their plurals), `kr.` and a currency code such as `EUR`
   *[en] the units are `day`, `week`, `month`, `year`, `hour` (or their plurals) and a currency code such as `DKK`
  }

# E0010
syntax-cpr = a personal identification number must not appear in a contract
syntax-cpr-label = this looks like a CPR number
syntax-cpr-help = name the case by its pseudonymous reference ({ $lang ->
    [da] `sag "…"`
   *[en] `case "…"`
  }) and leave the CPR number out
