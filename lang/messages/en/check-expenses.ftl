# The checker's diagnostics on what invoices are matched by and may claim: CVR numbers, what a price covers,
# reimbursed items (lang/check/src/expenses.rs).

check-expenses-this-is = this is { $found }

# E0044
check-expenses-cvr-not-eight = the CVR number `{ $cvr }` is not 8 digits
check-expenses-cvr-not-eight-label = not a CVR number
check-expenses-cvr-digits-alone = write the 8 digits alone: `cvr "{ $digits }"`
check-expenses-cvr-what = a CVR number is the 8 digits the Danish business register (cvr.dk) gives the company
check-expenses-cvr-check-digit = the CVR number `{ $cvr }` has a wrong check digit
check-expenses-cvr-check-digit-label = fails the modulus-11 check
check-expenses-cvr-check-digit-help = a digit is wrong or two are swapped: copy the number from the Danish business register (cvr.dk)

# E0045
check-expenses-cvr-taken = `{ $party }` already has the CVR number `{ $cvr }`
check-expenses-cvr-taken-label = the same CVR number as another party's
check-expenses-cvr-taken-help = an invoice names its supplier by CVR number: each party needs its own
check-expenses-cvr-taken-first = declared here first

# E0046
check-expenses-covers-nothing = `covers` names nothing here
check-expenses-covers-empty = an empty string
check-expenses-covers-blank = only white space
check-expenses-covers-nothing-help = name what the price covers, such as `"pocket money"`, or remove the string

# E0047
check-expenses-covers-twice = `{ $item }` covers `{ $thing }` twice
check-expenses-covers-twice-label = named again here
check-expenses-covers-twice-first = first named here
check-expenses-covers-twice-help = name each thing once
check-expenses-covered-twice = `{ $thing }` is covered by both `{ $owner }` and `{ $item }`
check-expenses-covered-twice-label = covered again here
check-expenses-covered-twice-first = covered by `{ $owner }` here
check-expenses-covered-twice-help = say in one item what its price covers

# E0019, E0018, E0049, E0042: a reimbursement limit
check-expenses-limit-per = a reimbursement limit cannot count per { $per }
check-expenses-limit-per-label = per { $per }
check-expenses-limit-per-help = give the most per calendar month (`… DKK per month`), per calendar year (`… DKK per year`), or over the whole contract (`… DKK`)
check-expenses-limit-type = expected an amount of money, found { $found }
check-expenses-limit-nothing = a reimbursement limit of { $limit } reimburses nothing
check-expenses-limit-nothing-label = not more than zero
check-expenses-limit-nothing-help = give the most that is reimbursed, such as `up to 10_000 DKK per year`
check-expenses-limit-too-much = a reimbursement limit of { $shown } is more than CVL pays
check-expenses-limit-most = the most is { $most }
check-expenses-limit-too-much-help = no contract pays this much: check the number of digits (the limits are in `cvl explain E0042`)

# E0048
check-expenses-needs-reimburse = `{ $word }` needs `reimburse` in `{ $item }`
check-expenses-needs-reimburse-label = only for a reimbursed item
check-expenses-needs-reimburse-help = `up to` and `approved by` say how a reimbursed item (`reimburse to PARTY`) pays: add `reimburse to`, or remove this
check-expenses-unfit = `{ $word }` does not fit the reimbursed item `{ $item }`
check-expenses-unfit-label = not for a reimbursed item
check-expenses-unfit-reimbursed = reimbursed here
check-expenses-unfit-help = a reimbursed item pays approved expenses up to its limit; { $why }
check-expenses-unfit-pay = it pays what is approved, not a rate: keep `pay` or `reimburse`
check-expenses-unfit-covers = its price is what is approved: say in the item with the price what it covers
check-expenses-unfit-cap = its limit is `up to`: remove `cap`
check-expenses-unfit-confirmed-by = its expenses are approved by the parties of `approved by`: remove `confirmed by`
check-expenses-unfit-for-the-first = its limit counts over the contract's period: remove `for the first`
check-expenses-unfit-starts = it pays expenses dated within the contract's period: remove `starts`
check-expenses-unfit-ends = it pays expenses dated within the contract's period: remove `ends`

# E0030
check-expenses-needs = a reimbursed item needs `{ $word }`
check-expenses-needs-label = no `{ $word }` here
check-expenses-needs-up-to-help = say the most it pays: `up to 10_000 DKK per year`, per month, or over the whole contract without `per`
check-expenses-needs-approved-by-help = name the party whose approval an expense needs: `approved by PARTY`
