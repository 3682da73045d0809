# The language server's hover and completion details (lang/lsp: hover.rs, complete.rs, words.rs). In English the
# values keep the checker's words (`60,000.00 DKK per month`); the words below for values and types are the
# Danish ones' English twins.

# Values and types (words.rs).
lsp-per = { $unit }
lsp-quantity = { $amount } { $count ->
        [one] { $unit }
       *[other] { $unit }s
    }
lsp-rate = { $amount } per { $per }
lsp-bool = { $value }
lsp-type = { $name ->
        [days] a duration in days
        [months] a duration in months
        [date] a date
        [hours] hours
        [count] a number
        [bool] true or false
        [text] text
        [party] a party
        [weekday] a weekday
       *[other] unknown
    }
lsp-type-money = money ({ $currency })
lsp-type-currency = { $currency }
lsp-type-rate = { $of } per { $per }
lsp-type-meaning = { $kind ->
        [bool] true or false
        [count] a number
        [date] a date
        [days] a duration in days
        [duration] a duration in days or months
        [hours] hours
        [money] money in DKK
        [party] a party
        [rate] money in DKK per any unit of time
        [text] text
       *[weekday] a weekday
    }

# Hover (hover.rs).
lsp-hover-value = **{ $value }**, { $kind }
lsp-contract = **contract** `{ $name }`{ $title }
lsp-party = **party** `{ $name }`{ $title }
lsp-item = **{ $kind }** `{ $name }`{ $title }
lsp-obligation = **obligation** `{ $name }`{ $title }
lsp-parameter-meaning = **parameter** `{ $name }`: `{ $kind }` ({ $meaning })
lsp-parameter-type = **parameter** `{ $name }`: `{ $kind }`
lsp-parameter = **parameter** `{ $name }`: { $detail }
lsp-in-clause = in the clause `{ $clause }`: each `use` gives its parameters their values
lsp-from-stdlib = from the standard library's `{ $module }`
lsp-and = and
lsp-or = or
lsp-reimbursed-whole = approved expenses reimbursed up to { $limit } over the whole contract
lsp-reimbursed-per = approved expenses reimbursed up to { $limit } per calendar { $per }
lsp-no-price = no price
lsp-pay-to = { $pay } to { $payee }
lsp-once-start = once, on its first day in force
lsp-once-on = once, on { $date }
lsp-regulated-percent = regulated by { $percent } % each year from { $from }
lsp-regulated-then = { $rule } ({ $rate } from then)
lsp-regulated-index = regulated by index `{ $index }` each year from { $from } (the rate before × the value for the year / the value for the year before, as the payer's `index_value` events give them)
lsp-first = first { $duration } from the start
lsp-from = from { $date }
lsp-until = until { $date }
lsp-cap = at most { $hours } per month
lsp-confirmed-by = hours confirmed by { $parties }
lsp-approved-by = approved by { $parties }
lsp-covers = covers { $things }
lsp-starts-when-agreed = starts when agreed
lsp-runs = runs { $duration } at a time
lsp-adjustable-by = adjustable by { $parties }
lsp-reviewed-by = reviewed by { $parties }
lsp-in-arrears = paid monthly in arrears
lsp-role = the { $role }
lsp-cvr = CVR { $cvr }
lsp-signs = signs the contract
lsp-paid-for = is paid for { $items }
lsp-a-party = a party to the contract
lsp-by = by { $parties }
lsp-every = every { $duration }
lsp-every-on = every { $duration } on { $day }
lsp-lasting = lasting { $hours }
lsp-grace = { $duration } grace
lsp-withheld = when missed, payments are withheld until it is met
lsp-withheld-items = when missed, the payments of { $items } are withheld until it is met, the others paid
lsp-flagged = when missed, it is flagged
lsp-case = case { $case }
lsp-starts-on = starts on { $date }
lsp-starts-when = starts when `{ $kind }` happens
lsp-ends-on = ends on { $date }
lsp-ends-after = ends after { $duration }
lsp-ends-when = ends when `{ $kind }` happens
lsp-due-day = each month falls due on day { $day } of the following month
lsp-interest = interest on late payment { $percent } % a year
lsp-terminated-alone = terminated by { $parties } alone
lsp-terminated-signed = terminated when signed by { $parties }
lsp-notice = {" "}with { $notice }{ $month_end ->
        [1] {" "}to the end of a month
       *[other] {""}
    }
lsp-parties = { $count } { $count ->
        [one] party
       *[other] parties
    }
lsp-payment-terms = { $count } { $count ->
        [one] payment term
       *[other] payment terms
    }
lsp-obligations = { $count } { $count ->
        [one] obligation
       *[other] obligations
    }

# Completion items' details (complete.rs).
lsp-complete-keyword = keyword
lsp-complete-role = role
lsp-complete-weekday = weekday
lsp-complete-parameter = parameter: { $kind }
lsp-complete-declaration = { $kind }{ $title }
lsp-complete-event = event kind
lsp-complete-event-met = event kind: `{ $name }` was met
lsp-complete-clause = clause{ $title }

# The dates a duration means, under hover on it (dates.rs); `written` is the duration as the document writes it.
lsp-dates-lasting = lasting { $written }: each time, on each due day
lsp-dates-start-when = { $what }: counted from the contract's start, which is when `{ $event }` happens, so the dates are not known from the text
lsp-dates-start-unknown = { $what }: counted from the contract's start, which the text does not give
lsp-dates-first = the first { $written }
lsp-dates-first-days = { $what }: { $from } to { $to }
lsp-dates-grace = grace { $written }
lsp-dates-every = every { $written }
lsp-dates-every-on = every { $written } on { $day }
lsp-dates-nothing-due = { $what }: nothing falls due while the contract is in force
lsp-dates-grace-end = { $what }: the first, due { $first }, is missed when not met by { $end }
lsp-dates-due = { $what }: due { $days }
lsp-dates-ends-after = ends after { $written }
lsp-dates-last-day = { $what }: the last day in force is { $last }
lsp-dates-term = term { $written }: { $written } at a time from the day a `supplement_started` event gives, so the dates are not known from the text
lsp-dates-notice = notice { $written }: the contract ends no sooner than { $written } after the day the termination is given{ $month_end ->
        [1] , at the end of a month
       *[other] {""}
    }, so the dates depend on the `terminated` event
