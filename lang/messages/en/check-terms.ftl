# The checker's diagnostics on a contract's terms of payment: its due day and its rate of interest
# (lang/check/src/terms.rs).

check-terms-this-is = this is { $found }

# E0050
check-terms-due-day-type = a due day is a day of the month, a number from 1 to 31, not { $found }
check-terms-due-day-help = write the day of the following month the payment falls due on: `due on day 10`
check-terms-due-day-decimals = `{ $day }` is not a day of the month: it is written with decimals
check-terms-due-day-decimals-label = a due day is a whole number from 1 to 31, written without decimals
check-terms-due-day-decimals-help = write the day as a whole number: `due on day { $day }`
check-terms-due-day-range = `{ $day }` is not a day of the month
check-terms-due-day-range-label = a due day is a whole number from 1 to 31
check-terms-due-day-range-help = write the day of the following month the payment falls due on: `due on day 10`; a day past a month's last day is its last day

# E0051
check-terms-interest-type = a rate of interest is a percentage, a number from 0 to 100, not { $found }
check-terms-interest-type-help = write the rate a year as a number before `%`: `interest 10 % per year`
check-terms-interest-per = a rate of interest is a percentage per year
check-terms-interest-per-label = not `year`
check-terms-interest-per-help = write the rate a year: `interest 10 % per year`
check-terms-interest-fault = `{ $value } %` is not a rate of interest this contract can state: { $fault }
check-terms-interest-fault-label = a percentage from 0 to 100, with at most { $most } decimals
check-terms-interest-fault-help = write the rate a year, such as `interest 10 % per year`, or leave out `interest` for the Interest Act's rate

# What is wrong with a percentage (E0051, E0054)
check-terms-percent-at-least-zero = it must be at least 0
check-terms-percent-above-zero = it must be above 0
check-terms-percent-at-most-hundred = it must be at most 100
check-terms-percent-decimals = it has { $count } decimals, and at most { $most } are allowed
