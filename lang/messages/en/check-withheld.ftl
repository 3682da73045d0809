# The checker's diagnostics about `when missed withhold ITEM, …` (lang/check/src/withheld.rs).

# A help worked out elsewhere (a "did you mean"), shown as it is.
check-withheld-hint = { $hint }

# E0053
check-withheld-unknown = `{ $name }` is not an item or supplement of the contract
check-withheld-unknown-label = nothing to withhold by this name
check-withheld-reimbursed = the reimbursed item `{ $name }` has no payment to withhold
check-withheld-reimbursed-label = pays approved expenses, not a month's payment
check-withheld-reimbursed-help = name the items whose monthly payments are held until the obligation is met
check-withheld-item-payee = the item `{ $name }` is paid to `{ $payee }`, not to { $bound }, whom `{ $obligation }` binds
check-withheld-supplement-payee = the supplement `{ $name }` is paid to `{ $payee }`, not to { $bound }, whom `{ $obligation }` binds
check-withheld-payee-label = paid to `{ $payee }`
check-withheld-payee-help = a missed obligation holds payments to the party it binds: name an item paid to that party
check-withheld-parties = { $parties }
check-withheld-parties-or = { $first } or { $rest }

# What an unknown item was looked for among
check-withheld-what-items = items
