# The checker's diagnostics (lang/check).

check-in-clause = { $message } (in clause `{ $clause }`)
check-in-clause-used-here = in the clause used here
