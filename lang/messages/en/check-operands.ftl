# The checker's diagnostics on a statement's operands: a date, a duration, an amount, a cap, a role, a weekday,
# a party (lang/check/src/operands.rs).

check-operands-this-is = this is { $found }

# E0018
check-operands-expected = expected { $what }, found { $found }
check-operands-a-date = a date
check-operands-pay-what = an amount per month, day or hour
check-operands-pay-per-help = say what the amount is per: `… DKK per month`; or, for an amount paid once, add `once on start` or `once on DATE`
check-operands-hours-per-month = hours per month

# E0020, E0017, E0040: a duration
check-operands-negative-duration = { $what } cannot be negative
check-operands-negative-duration-help = write the length of time without a minus sign
check-operands-whole-duration = { $what } must be a whole number of { $units }
check-operands-too-long = { $what } cannot be longer than 100 years
check-operands-too-long-help = no contract reaches further than 100 years (1,200 months, 36,525 days): check the number and its unit

# E0019
check-operands-not-monthly = an amount per { $per } cannot be paid monthly as it is
check-operands-paid-per = paid per { $per }
check-operands-not-monthly-week-help = a month is not a whole number of weeks: state the conversion, such as `… per week * 52 weeks / 12 months`, or a daily rate
check-operands-not-monthly-year-help = state the conversion, such as `… per year * 1 year / 12 months`

# E0020, E0042: a payment
check-operands-per = per { $per }
check-operands-negative-payment = a payment cannot be negative
check-operands-this-pays = this pays { $amount }
check-operands-negative-payment-help = a deduction is not a payment: write the amount that is paid
check-operands-too-much = a payment of { $shown } { $how } is more than CVL pays
check-operands-most = the most is { $most } { $how }
check-operands-too-much-help = no contract pays this much: check the number of digits (the limits are in `cvl explain E0042`)

# E0020: a cap
check-operands-negative-cap = a cap cannot be negative
check-operands-negative-cap-label = below zero
check-operands-negative-cap-help = write the most hours paid in a month: `cap 10 hours per month`

# E0035
check-operands-unknown-role = unknown role `{ $name }`
check-operands-unknown-role-label = not a role
check-operands-roles = roles

# E0034
check-operands-not-weekday = `{ $name }` is not a weekday
check-operands-not-weekday-label = not a weekday
check-operands-weekdays = weekdays

# E0015
check-operands-not-party = `{ $name }` is not a party
check-operands-not-party-label = a party is needed here
check-operands-name-is = `{ $name }` is { $found }
check-operands-no-party = `{ $name }` is not a party of this contract
check-operands-no-party-label = no such party
check-operands-parties = parties
