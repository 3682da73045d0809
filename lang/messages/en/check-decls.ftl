# The checker's diagnostics about declarations: parties, items, supplements, obligations, the termination
# (lang/check/src/decls.rs).

# E0037
check-decls-key-invalid = the key `{ $key }` { $reason }
check-decls-key-invalid-label = not an ed25519 public key
check-decls-key-invalid-help = a key is `ed25519:` and the 32-byte public key in base64; `cvl key gen NAME` makes a pair
check-decls-key-prefix = does not start with `{ $prefix }`
check-decls-key-not-base64 = is not standard base64 after `{ $prefix }`
check-decls-key-length = holds { $count } bytes where an ed25519 key has 32
check-decls-key-not-on-curve = is not a point on the ed25519 curve
check-decls-key-weak = is a weak key, which anyone could sign for
check-decls-key-not-canonical = is not the canonical encoding of its point
check-decls-key-small-order = has a small-order component, so verifiers could disagree on its signatures
check-decls-key-other = { $reason }

# E0038
check-decls-key-taken = `{ $party }` already declares this key
check-decls-key-taken-label = the same key as another party's
check-decls-key-taken-help = each party signs with its own key: an entry's signature must tell who made it
check-decls-key-taken-first = declared here first

# E0030: a declaration without a statement it needs
check-decls-needs = { $place } needs `{ $what }`
check-decls-needs-label = no `{ $what }` here
check-decls-place-contract = a contract
check-decls-place-party = a party
check-decls-place-item = an item
check-decls-place-supplement = a supplement
check-decls-place-obligation = an obligation
check-decls-place-termination = a termination
check-decls-word-role = role
check-decls-word-key = key
check-decls-word-pay = pay
check-decls-word-adjustable-by = adjustable by
check-decls-word-term = term
check-decls-word-by = by
check-decls-word-signed-by = signed by
check-decls-role-help = say what the party is: `role payer`, `role provider`, …
check-decls-key-help = run `cvl key gen { $name }`: it writes the key pair to `{ $name }.key` (the party keeps it secret) and `{ $name }.pub`, and prints the line `key "ed25519:…"` to put in this party's block
check-decls-pay-help = say what is paid and to whom: `pay 5_000 DKK per month to { $payee }`
check-decls-adjustable-by-help = name the party that starts and adjusts the supplement
check-decls-term-help = give the supplement a default term: `term 3 months`
check-decls-by-help = name the party that must meet it: `by { $by }`
check-decls-signed-by-help = name who must sign a termination, `signed by { $signers }`, or who may make it alone: `by { $alone }`
check-decls-name = { $name }
check-decls-and = { $first } and { $rest }
check-decls-or = { $first } or { $rest }

# W0005
check-decls-no-review = the supplement `{ $name }` has no review
check-decls-no-review-label = never reviewed
check-decls-no-review-help = name who reviews it at the end of each term: `review by { $reviewer }`

# E0023
check-decls-no-interval = the obligation `{ $name }` has no interval
check-decls-no-interval-label = never falls due
check-decls-no-interval-help = say how often it falls due: `every 3 months`
check-decls-empty-interval = an interval must be longer than nothing
check-decls-empty-interval-label = this never moves on
check-decls-empty-interval-help = give a positive interval: `every 3 months`

# W0004
check-decls-no-consequence = nothing happens when `{ $name }` is missed
check-decls-no-consequence-label = no consequence
check-decls-no-consequence-help = add `when missed withhold` or `when missed flag`

# E0026
check-decls-termination-twice = `termination` is given twice in a contract
check-decls-termination-twice-label = given again here
check-decls-termination-twice-first = first given here
check-decls-termination-twice-help = keep one of them

# E0019
check-decls-supplement-per-hour = the supplement `{ $name }` cannot be paid per hour
check-decls-supplement-per-hour-label = paid per hour
check-decls-supplement-per-hour-help = a supplement pays per month or per day for the days of its terms: pay hours by an `item` with `confirmed by` and a `cap`

# E0025
check-decls-item-dates = an item starts and ends on dates
check-decls-item-dates-label = not allowed here
check-decls-item-dates-help = write `starts on DATE` or `ends on DATE`, or `for the first 3 months`

# E0021
check-decls-ends-first = `{ $name }` ends before it starts
check-decls-ends-first-label = ends { $ends }, starts { $starts }
check-decls-ends-first-help = swap the dates, or correct the one that is wrong

# E0020
check-decls-negative-hours = a visit cannot last negative hours
check-decls-negative-hours-label = below zero
check-decls-negative-hours-help = write the length without a minus sign

# What a duration or an amount of hours in a declaration is, as messages about it name it
check-decls-what-duration = a duration
check-decls-what-term = a term
check-decls-what-interval = an interval
check-decls-what-grace = a grace period
check-decls-what-hours = hours
