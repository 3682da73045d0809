# The checker's diagnostics about yearly regulation (lang/check/src/regulation.rs).

# E0054
check-regulation-help = write the rise a year as a percentage and the first day it applies: `regulated by 2.5 % each year from 2020-01-01`
check-regulation-not-a-number = a regulation is a percentage, a number above 0 and at most 100, not { $found }
check-regulation-not-a-number-label = this is { $found }
check-regulation-percent = `{ $percent } %` is not a yearly regulation this contract can state: { $fault }
check-regulation-percent-label = a percentage above 0 and at most 100, with at most { $decimals } decimals
check-regulation-nothing = `{ $name }` has no rate per month or day to regulate: { $why }
check-regulation-nothing-label = nothing to regulate
check-regulation-nothing-help = regulate an item paid per month or per day, or remove `regulated`
check-regulation-why-once = it is paid once
check-regulation-why-reimbursed = it pays approved expenses
check-regulation-why-per-hour = it is paid per hour
