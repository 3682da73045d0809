# Checkerens diagnoser om årlig regulering (lang/check/src/regulation.rs).

# E0054
check-regulation-help = skriv den årlige stigning som en procentsats og den første dag, den gælder: `reguleret af 2.5 % hvert år fra 2020-01-01`
check-regulation-not-a-number = en regulering er en procentsats, et tal over 0 og højst 100, ikke { $found }
check-regulation-not-a-number-label = dette er { $found }
check-regulation-percent = `{ $percent } %` er ikke en årlig regulering, som denne kontrakt kan angive: { $fault }
check-regulation-percent-label = en procentsats over 0 og højst 100 med højst { $decimals } decimaler
check-regulation-nothing = `{ $name }` har ingen sats pr. måned eller dag at regulere: { $why }
check-regulation-nothing-label = intet at regulere
check-regulation-nothing-help = reguler en post, der betales pr. måned eller pr. dag, eller fjern `reguleret`
check-regulation-why-once = den betales én gang
check-regulation-why-reimbursed = den betaler godkendte udgifter
check-regulation-why-per-hour = den betales pr. time
