# Checkerens diagnoser om kontraktens valuta (lang/check/src/currency.rs).

# E0056
check-currency-two = `{ $item }` betaler i `{ $currency }`, men `{ $by }` betaler i `{ $one }`: en kontrakt betaler i én valuta
check-currency-two-label = i `{ $currency }`
check-currency-two-first = `{ $by }` fastlægger kontraktens valuta, `{ $one }`
check-currency-two-help = skriv alle kontraktens beløb i `{ $one }`, eller aftal betalingerne i `{ $currency }` i en kontrakt for sig
