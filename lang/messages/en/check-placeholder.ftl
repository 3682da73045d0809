# The checker's diagnostics on placeholders left in a template (lang/check/src/placeholder.rs).

# E0058
check-placeholder = the placeholder `{ $written }` is not filled in
check-placeholder-label = to be filled in
check-placeholder-help = replace it with { $wanted }
check-placeholder-help-own-text = replace it with the contract's own text
