# Checkerens diagnoser (lang/check).

check-in-clause = { $message } (i klausulen `{ $clause }`)
check-in-clause-used-here = i klausulen, der bruges her
