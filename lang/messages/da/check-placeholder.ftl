# Checkerens diagnoser om pladsholdere, der står tilbage fra en skabelon (lang/check/src/placeholder.rs).

# E0058
check-placeholder = pladsholderen `{ $written }` er ikke udfyldt
check-placeholder-label = skal udfyldes
check-placeholder-help = erstat den med { $wanted }
check-placeholder-help-own-text = erstat den med kontraktens egen tekst
