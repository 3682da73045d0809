# The checker's diagnostics about expressions: names, operators, rates, constants (lang/check/src/expr.rs).

# A help worked out elsewhere (a "did you mean", a date's or a duration's advice), shown as it is.
check-expr-hint = { $hint }
check-expr-this-is = this is { $ty }

# E0013
check-expr-unknown-name = unknown name `{ $name }`
check-expr-unknown-name-label = not defined here

# E0016
check-expr-per-not-time = `per { $unit }` is not a unit of time
check-expr-per-not-time-label = a rate is per hour, day, week, month or year
check-expr-per-not-time-help = write `per month`, `per week`, `per day` or `per hour`
check-expr-not-a-rate = { $ty } cannot be a rate
check-expr-not-a-rate-help = a rate is money, hours or a number per unit of time
check-expr-cannot-negate = { $ty } cannot be negated
check-expr-cannot-not = { $ty } cannot be negated with `not`
check-expr-cannot-subtract = cannot subtract { $right } from { $left }
check-expr-cannot-divide = cannot divide { $left } by { $right }
check-expr-cannot-multiply = cannot multiply { $left } by { $right }
check-expr-cannot-add = cannot add { $left } and { $right }
check-expr-cannot-combine = cannot combine { $left } with { $right }
check-expr-cannot-compare = cannot compare { $left } with { $right }
check-expr-operator-label = `{ $operator }` does not accept these
check-expr-months-and-days-help = a month is not a fixed number of days: state both in months or both in days
check-expr-date-and-duration-help = compare a date with a date: add the duration to a date first
check-expr-rate-times-help = a rate per { $per } is multiplied by { $quantity }
check-expr-operator-help = both sides must have the same unit; see `cvl explain E0016` for what each operator accepts

# E0017
check-expr-no-value-label = cannot be computed
check-expr-no-value-help = change the values so that the result exists
check-expr-too-large = the result is too large
check-expr-division-by-zero = division by zero
check-expr-whole-months = only whole months can be added to a date, not { $duration }
check-expr-whole-days = only whole days can be added to a date, not { $duration }
check-expr-after-calendar = the date is after 9999-12-31
check-expr-after-calendar-label = past the last day a contract may name
check-expr-before-calendar = the date is before 0001-01-01
check-expr-before-calendar-label = before the first day a contract may name
check-expr-calendar-help = a contract's dates are from 0001-01-01 to 9999-12-31: check the year, and the number and unit added to it

# What an unknown name was looked for among
check-expr-what-names = names in scope
