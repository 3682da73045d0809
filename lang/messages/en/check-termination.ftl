# The checker's diagnostics about the termination block and an obligation's `by` (lang/check/src/termination.rs).

# Party names joined as a help line writes them: `a`, `a and b`, `a, b or c`.
check-termination-names = { $names }
check-termination-and = { $rest } and { $last }
check-termination-or = { $rest } or { $last }

# E0055
check-termination-by-and = a termination `by` its parties is made by one of them alone: they are joined by `or`
check-termination-by-and-label = `and` here
check-termination-by-and-help = write `by { $alone }` for one that each may make alone, or `signed by { $all }` for one they all sign
check-termination-both = a termination is `signed by` every party it needs or made `by` one of them alone, not both
check-termination-both-label = given as well
check-termination-both-first = given here
check-termination-both-help = keep `signed by` for a termination they all sign, or `by` for one that each named party may make alone
check-termination-obligation-or = an obligation binds every party its `by` names: they are joined by `and`
check-termination-obligation-or-label = `or` here
check-termination-obligation-or-help = write `by { $all }`

# The notice period, as messages about it name it
check-termination-what-notice = a notice period
