# The checker's diagnostics on contracts: which statements go where, and the rules checked once a contract is
# read (lang/check/src/contract.rs).

# Where a statement stands
check-contract-place-contract = a contract
check-contract-place-party = a party
check-contract-place-item = an item
check-contract-place-supplement = a supplement
check-contract-place-obligation = an obligation
check-contract-place-termination = a termination

# E0014
check-contract-top-twice = the { $what } `{ $name }` is defined twice
check-contract-top-twice-help = give each { $what } in a file its own name
check-contract-name-twice = `{ $name }` is defined twice
check-contract-name-twice-help = give each party, item, supplement and obligation its own name
check-contract-defined-again = defined again here
check-contract-first-defined = first defined here

# W0002
check-contract-unused = the clause `{ $name }` is never used
check-contract-unused-label = defined here
check-contract-unused-help = use it with `use { $name }(…)` or remove it

# E0025
check-contract-misplaced = `{ $word }` does not belong in { $place }
check-contract-misplaced-help = `{ $word }` belongs in { $homes }
check-contract-not-allowed = not allowed here
check-contract-party-in-clause = `party` does not belong in a clause
check-contract-party-in-clause-help = declare the party in the contract and pass it to the clause as a `party` argument

# E0026
check-contract-given-twice = `{ $word }` is given twice in { $place }
check-contract-given-twice-label = given again here
check-contract-given-twice-first = first given here
check-contract-given-twice-help = keep one of them

# What the end of a contract is
check-contract-a-duration = a duration

# E0022
check-contract-no-case = the contract `{ $name }` has no case reference
check-contract-no-case-label = no `case` in this contract
check-contract-no-case-help = add the case's pseudonymous reference: `case "ANB-2019-0042"`

# E0030
check-contract-needs = a contract needs `{ $word }`
check-contract-needs-label = no `{ $word }` in this contract
check-contract-needs-signed-by-help = name the parties whose signatures put it in force
check-contract-needs-starts-help = say when it starts: `starts on 2019-01-15`
check-contract-needs-paid-help = say how it is paid: `paid monthly in arrears`

# E0024
check-contract-adjuster = `{ $party }` may adjust `{ $supplement }` but does not sign the contract
check-contract-adjuster-label = not a signatory
check-contract-adjuster-help = add `{ $party }` to `signed by`, or let a signatory adjust it
check-contract-adjuster-signatories = the signatories

# E0036
check-contract-no-termination = `terminated` cannot happen: the contract has no termination clause
check-contract-no-termination-label = no `termination` in this contract
check-contract-no-termination-help = add `termination {"{"} signed by … {"}"}` to say who may terminate it, or give a date: `ends on 2020-01-14`
check-contract-unknown-event = unknown event kind `{ $name }`
check-contract-unknown-event-label = no such event
check-contract-event-kinds = event kinds

# E0021, E0040
check-contract-starts-on = it starts on { $start }
check-contract-ends-before = the contract ends on { $end }, before it starts
check-contract-ends-before-help = correct the start or the end date
check-contract-too-long = the contract ends on { $end }, more than 100 years after it starts
check-contract-too-long-help = no contract reaches further than 100 years: the last day this one may have is { $last }
check-contract-past-calendar = the contract would end after 9999-12-31, the last day a contract may have
check-contract-past-calendar-label = it starts on { $start } and lasts { $length }
check-contract-past-calendar-help = end it by 9999-12-31: check its start, and the length and its unit

# W0003
check-contract-never-in-force = the contract `{ $name }` can never be in force
check-contract-never-in-force-label = it ends before its first day
check-contract-never-in-force-help = give the length it runs for, such as `ends after 12 months`, or leave out `ends` if it runs until it is terminated
check-contract-never-active = `{ $item }` can never be active
check-contract-never-active-label = outside the contract's period
check-contract-never-active-help = check its dates and its `for the first` against the contract's start and end
check-contract-never-pays = `{ $item }` can never pay
check-contract-once-outside = paid once on { $on }, outside the days it may pay for
check-contract-once-outside-help = check the date of `once on` against the start and end of the item and the contract, or pay it `once on start`
check-contract-zero-cap = its cap is 0 hours a month
check-contract-zero-cap-help = give the most hours paid in a month, such as `cap 10 hours per month`, or leave out `cap`
