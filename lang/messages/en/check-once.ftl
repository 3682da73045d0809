# The checker's diagnostics about one-off payments (lang/check/src/once.rs).

# E0052, E0018
check-once-amount-help = a one-off payment is an amount paid once: `pay 15_000 DKK to PARTY` with `once on start`, or give a rate and leave out `once`
check-once-rate = a one-off payment is an amount, not an amount per { $per }
check-once-rate-label = paid per { $per }
check-once-not-money = expected an amount of money paid once, found { $found }
check-once-not-money-label = this is { $found }

# E0052: a statement that does not fit a payment made once
check-once-does-not-fit = `{ $word }` does not fit the one-off payment `{ $name }`
check-once-does-not-fit-label = not for a payment made once
check-once-does-not-fit-once = paid once here
check-once-does-not-fit-help = a one-off payment pays one amount on one day; { $why }
check-once-word-cap = cap
check-once-word-confirmed-by = confirmed by
check-once-word-for-the-first = for the first
check-once-word-reimburse = reimburse
check-once-cap-why = hours are paid by an item with a rate per hour: remove `cap`
check-once-confirmed-by-why = hours are confirmed for an item with a rate per hour: remove `confirmed by`
check-once-for-the-first-why = it is paid on one day, not over a period: remove `for the first`
check-once-reimburse-why = a reimbursed item pays approved expenses: keep `once` with `pay`, or `reimburse`

# How often a one-off payment is paid, after its amount
check-once-how = once
