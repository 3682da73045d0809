# Checkerens diagnoser om kontraktens betalingsvilkår: forfaldsdagen og renten (lang/check/src/terms.rs).

check-terms-this-is = dette er { $found }

# E0050
check-terms-due-day-type = en forfaldsdag er en dag i måneden, et tal fra 1 til 31, ikke { $found }
check-terms-due-day-help = skriv den dag i den følgende måned, betalingen forfalder: `forfalder den dag 10`
check-terms-due-day-decimals = `{ $day }` er ikke en dag i måneden: den er skrevet med decimaler
check-terms-due-day-decimals-label = en forfaldsdag er et helt tal fra 1 til 31, skrevet uden decimaler
check-terms-due-day-decimals-help = skriv dagen som et helt tal: `forfalder den dag { $day }`
check-terms-due-day-range = `{ $day }` er ikke en dag i måneden
check-terms-due-day-range-label = en forfaldsdag er et helt tal fra 1 til 31
check-terms-due-day-range-help = skriv den dag i den følgende måned, betalingen forfalder: `forfalder den dag 10`; en dag efter månedens sidste dag er dens sidste dag

# E0051
check-terms-interest-type = en rente er en procentsats, et tal fra 0 til 100, ikke { $found }
check-terms-interest-type-help = skriv den årlige rente som et tal før `%`: `rente 10 % pr. år`
check-terms-interest-per = en rente er en procentsats pr. år
check-terms-interest-per-label = ikke `år`
check-terms-interest-per-help = skriv den årlige rente: `rente 10 % pr. år`
check-terms-interest-fault = `{ $value } %` er ikke en rente, denne kontrakt kan angive: { $fault }
check-terms-interest-fault-label = en procentsats fra 0 til 100 med højst { $most } decimaler
check-terms-interest-fault-help = skriv den årlige rente, fx `rente 10 % pr. år`, eller udelad `rente` for at bruge rentelovens sats

# Hvad der er galt med en procentsats (E0051, E0054)
check-terms-percent-at-least-zero = den skal være mindst 0
check-terms-percent-above-zero = den skal være over 0
check-terms-percent-at-most-hundred = den skal være højst 100
check-terms-percent-decimals = den har { $count } decimaler, og højst { $most } er tilladt
