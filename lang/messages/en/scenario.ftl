# `cvl test`: the scenario files' diagnostics (lang/scenario: lex.rs, parse.rs, amount.rs, names.rs, lib.rs) and
# the report (report.rs, run.rs). Words of the scenario syntax (`pays`, `due`, …) come spelled in the file's
# language; amounts come written in its notation.

# S0001, S0002: characters and strings.
scenario-not-an-escape = `\{ $escape }` is not an escape in a string
scenario-escape-help = write `\"` for a quote and `\\` for a backslash
scenario-string-not-closed = the string is not closed before the end of the line
scenario-string-not-closed-help = end it with `"`
scenario-unexpected-character = unexpected character `{ $character }`
scenario-unexpected-character-help = a line of a scenario is words, names, dates, amounts and strings in quotes; `//` starts a comment

# S0003: dates and months.
scenario-not-a-day = `{ $text }` is not a day in the calendar
scenario-not-a-date = `{ $text }` is not a date
scenario-date-help = write a date as `YYYY-MM-DD`: `{ $example }`
scenario-not-a-month = `{ $text }` is not a month
scenario-month-help = write a month as `YYYY-MM`: `2019-10`

# S0004: amounts.
scenario-expected-amount = expected an amount, found `{ $found }`
scenario-amount-in-figures = write the amount in figures: `{ $zero }`
scenario-too-many-decimals = `{ $text }` has more than 2 decimals
scenario-too-many-decimals-help = an amount is in whole øre: at most 2 decimals
scenario-not-an-amount = `{ $text }` is not an amount as a file in { $lang } writes one
scenario-amount-other-notation = in { $lang } write `{ $written }`: `{ $group }` between groups of three digits, `{ $decimal }` before the decimals
scenario-amount-help = write digits, with `{ $group }` or `_` between groups of three and `{ $decimal }` before the decimals: `{ $example }`

# S0005: a line not understood.
scenario-line-ends = the line ends where { $what } belongs
scenario-quoted = `{ $word }`
scenario-in-quotes = { $what } in quotes
scenario-expected-found = expected `{ $expected }`, found `{ $found }`
scenario-as-of-help = write `as of DATE`
scenario-name-blank = a scenario's name is blank
scenario-name-blank-help = name it by what it shows: `"the October report is late"`
scenario-missing-after-name = a month (`{ $name } 2019-10 { $pays } …`) or `{ $due }`
scenario-missing-after-month = `{ $pays }`, `{ $withheld }`, `{ $released }`, `{ $is } { $flagged }` or an item
scenario-not-understood = `{ $text }` is not understood here
scenario-after-month-help = after a payee's month write `{ $pays } AMOUNT`, `{ $withheld } AMOUNT`, `{ $released } AMOUNT`, `{ $is } { $flagged }`, or an item and `{ $pays } AMOUNT`
scenario-not-understood-help = a line is an event (`2019-11-20 PARTY KIND`), what must follow (`PAYEE 2019-10 { $pays } AMOUNT`, `OBLIGATION { $due } 2019-10-15 { $is } { $missed }`), or `{ $scenario }`, `{ $events }`, `{ $asof }`, `{ $refused }`
scenario-not-a-status = `{ $text }` is not a status of an obligation
scenario-statuses = write `{ $met }`, `{ $late }`, `{ $missed }` or `{ $pending }`
scenario-expected-words = expected words in quotes, found `{ $found }`
scenario-expected-words-help = put the words the message must contain in quotes: `"not a party"`
scenario-expected-quoted = expected { $what } in quotes, found `{ $found }`
scenario-write-in-quotes = write it in quotes: `"{ $found }"`
scenario-expected = expected { $what }, found `{ $found }`
scenario-more-than-line = `{ $text }` is more than the line says
scenario-more-than-line-help = write one statement a line; `//` starts a comment
scenario-field-twice = the field `{ $field }` is given twice
scenario-field-twice-help = give each field of an event once
scenario-event-help = an event is written `DATE PARTY KIND`, then each field's name and value
scenario-value-of = the value of `{ $field }`
scenario-expected-value = expected the value of `{ $field }`, found `,`
# What a line lacks or has in the wrong place.
scenario-what-contract-file = the contract's file
scenario-what-scenario-name = the scenario's name
scenario-what-file-name = the file's name
scenario-what-as-of = the date decided as of
scenario-what-due = the due date
scenario-what-actor = the party that acts
scenario-what-kind = the event's kind
scenario-what-field = a field's name
scenario-what-status = a status
scenario-what-amount = an amount

# S0006: a word of the other language.
scenario-other-language = `{ $text }` is { $other }, but this file is in { $lang }
scenario-other-language-help = write `{ $word }`: a file is in the language of its first word (`{ $first }`)
scenario-english = English
scenario-danish = Danish

# S0007: a statement missing or repeated.
scenario-starts-with-contract = a scenario file starts by naming its contract
scenario-begin-with-contract = begin with `{ $contract } "FILE.cvl"`
scenario-begin-with-either = begin with `contract "FILE.cvl"` (in Danish, `kontrakt "FILE.cvl"`)
scenario-contract-twice = the file names its contract twice
scenario-contract-twice-help = a scenario file tests one contract: `{ $contract }`
scenario-contract-after = the contract is named after a scenario
scenario-contract-after-help = name the contract on the file's first line
scenario-name-twice = a scenario named `{ $name }` is on line { $line } already
scenario-name-twice-help = give each scenario of a file its own name
scenario-two-bases = the scenario starts from two files of events
scenario-two-bases-help = a scenario starts from one events file or one log at most
scenario-base-late = the file of events is named after the scenario's own events
scenario-base-late-help = name the file the scenario starts from before its events
scenario-as-of-twice = the scenario says twice what it is decided as of
scenario-no-scenario = this line belongs to a scenario, but no scenario has begun
scenario-no-scenario-help = begin one with `{ $scenario } "NAME"`
scenario-no-contract = the file names no contract

# S0008: a scenario without expectations.
scenario-says-nothing = the scenario `{ $name }` says nothing that must follow
scenario-says-nothing-help = add what must follow, such as `PAYEE 2019-10 { $pays } { $zero }`

# S0009, S0010, S0011: names, months and events against the contract.
scenario-not-of-contract = `{ $name }` is not { $kind ->
        [payee] a payee
        [obligation] an obligation
        [item-or-supplement] an item or supplement
       *[item] an item
    } of the contract
scenario-contract-has-none = the contract has no { $kind ->
        [payee] a payee
        [obligation] an obligation
        [item-or-supplement] an item or supplement
       *[item] an item
    }
scenario-contract-has = the contract has { $names }
scenario-its-review = `{ $item }` (its review)
scenario-and = { $first } and { $last }
scenario-none = none
scenario-no-item-pays = no item of the contract pays `{ $payee }`
scenario-contract-pays = the contract pays { $names }
scenario-does-not-pay = `{ $item }` does not pay `{ $payee }`
scenario-paid-by = `{ $payee }` is paid by { $names }
scenario-outside = { $month } is outside the contract, which runs { $period }
scenario-from-to = from { $first } to { $last }
scenario-from = from { $first }
scenario-until = until { $last }
scenario-outside-help = name a month of the contract's period
scenario-before-start = `{ $due }` is before the contract starts on { $start }
scenario-before-start-help = nothing falls due before the contract starts
scenario-event-does-not-fit = the event does not fit the contract: { $reason }
scenario-event-does-not-fit-help = if the scenario shows that such an event is refused, say so: `{ $refused } "WORDS"`

# S0012: the contract or the events cannot be used.
scenario-cannot-use = { $reason }
scenario-cannot-use-help = a scenario runs against a contract that checks without errors, named relative to the scenario's file

# The report: each file, its scenarios and failures, and the summary.
scenario-has-problems = `{ $file }` has problems: its scenarios were not run
scenario-holds = holds
scenario-fails = FAILS
scenario-at-line = (line { $line })
scenario-line = line { $line }: { $text }
scenario-expected-label = expected
scenario-actual-label = actual
scenario-basis-label = basis
scenario-title = scenario { $name }
scenario-summary = { $scenarios } { $scenarios ->
        [one] scenario
       *[other] scenarios
    } in { $files } { $files ->
        [one] file
       *[other] files
    }: { $hold } { $hold ->
        [one] holds
       *[other] hold
    }, { $fail } { $fail ->
        [one] fails
       *[other] fail
    }
scenario-not-run = , { $broken } { $broken ->
        [one] file
       *[other] files
    } not run

# What was decided, set against what was expected.
scenario-none-refused = the events are decided: none is refused
scenario-nothing-decided = nothing was decided: { $reason }
scenario-not-flagged = not flagged
scenario-flagged = flagged: { $flags }
scenario-meets-it = the event that meets it: { $event } dated { $date }, signed by { $actor }
scenario-none-met-it = no event has met it
scenario-never-due = no occurrence of `{ $obligation }` has fallen due
scenario-falls-due = `{ $obligation }` falls due on { $dates }
scenario-not-due-then = nothing of `{ $obligation }` falls due on { $due }
scenario-nothing-paid = nothing is paid to `{ $payee }` for { $month }
scenario-held-back = withheld  { $amount }  held back: `{ $obligation }` due { $due } was missed, its grace ended { $grace }  [{ $clause }]
scenario-released = released  { $amount }  from { $months }, now the obligation is met: { $meetings }
scenario-meeting = { $event } dated { $date }, signed by { $actor }
scenario-provisional = provisional: the rest of the month is not decided yet
scenario-event-refused-line = the event on line { $line } is refused: { $reason }
scenario-event-refused = `{ $name }` is refused: { $reason }
scenario-cannot-decide = the decision cannot be made: { $reason }
scenario-comma = { $first }, { $next }
scenario-words = { $words }
