# The checker's diagnostics about clauses and their uses (lang/check/src/clauses.rs).

# A help worked out elsewhere (a "did you mean", a date's or a unit's advice), shown as it is.
check-clauses-hint = { $hint }

# E0014
check-clauses-param-twice = the parameter `{ $name }` is named twice
check-clauses-param-twice-label = named again here
check-clauses-param-twice-first = first named here
check-clauses-param-twice-help = give each parameter its own name

# E0033
check-clauses-unknown-type = unknown type `{ $name }`
check-clauses-unknown-type-label = not a type

# E0031
check-clauses-no-module = no module `{ $module }` is imported
check-clauses-no-module-label = unknown module
check-clauses-no-module-help = add `import { $module }` at the top of the file
check-clauses-no-clause = there is no clause `{ $name }`
check-clauses-no-clause-label = unknown clause

# E0028
check-clauses-uses-itself = the clause `{ $name }` uses itself
check-clauses-uses-itself-label = this use leads back to the clause it is in
check-clauses-uses-itself-help = a clause cannot use itself, directly or through another clause

# E0039
check-clauses-too-deep = the clauses used here nest more than { $max } deep
check-clauses-too-deep-label = this use leads to clauses within clauses past the limit
check-clauses-too-deep-help = a clause may use another, and that one another, up to { $max } levels: use the inner clauses directly where they are needed
# 10,000 is MAX_USES in clauses.rs, in English notation (a test in lang/check holds it).
check-clauses-too-many-uses = the clauses used here expand to more than 10,000 uses
check-clauses-too-many-uses-label = this use goes past the limit
check-clauses-too-many-uses-help = a clause that uses another twice, through many levels, doubles at each level: use each clause where it is needed, once

# E0032
check-clauses-no-param = the clause `{ $clause }` has no parameter `{ $name }`
check-clauses-no-param-label = unknown parameter
check-clauses-arg-twice = `{ $name }` is given twice
check-clauses-arg-twice-label = given again here
check-clauses-arg-twice-first = first given here
check-clauses-missing-arg = the clause `{ $clause }` needs the argument `{ $name }`
check-clauses-missing-arg-label = `{ $name }` is missing
check-clauses-missing-arg-help = add `{ $name }: …` ({ $ty })

# E0018
check-clauses-arg-type = `{ $name }` must be { $expected }, not { $found }
check-clauses-arg-type-label = this is { $found }

# What an unknown name was looked for among
check-clauses-what-types = types
check-clauses-what-modules = imported modules
check-clauses-what-clauses = clauses there
check-clauses-what-parameters = parameters
