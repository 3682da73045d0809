# The checker's diagnostics on a contract's currency (lang/check/src/currency.rs).

# E0056
check-currency-two = `{ $item }` pays in `{ $currency }`, but `{ $by }` pays in `{ $one }`: a contract pays in one currency
check-currency-two-label = in `{ $currency }`
check-currency-two-first = `{ $by }` sets the contract's currency, `{ $one }`
check-currency-two-help = write every amount of the contract in `{ $one }`, or agree the payments in `{ $currency }` in a contract of their own
