# Checkerens diagnoser om en sætnings operander: en dato, en varighed, et beløb, et loft, en rolle, en ugedag,
# en part (lang/check/src/operands.rs).

check-operands-this-is = dette er { $found }

# E0018
check-operands-expected = forventede { $what }, fandt { $found }
check-operands-a-date = en dato
check-operands-pay-what = et beløb pr. måned, dag eller time
check-operands-pay-per-help = angiv, hvad beløbet er pr.: `… kr. pr. måned`; eller, for et beløb, der betales én gang, tilføj `engang den start` eller `engang den DATO`
check-operands-hours-per-month = timer pr. måned

# E0020, E0017, E0040: en varighed
check-operands-negative-duration = { $what } kan ikke være under nul
check-operands-negative-duration-help = skriv tidslængden uden minustegn
check-operands-whole-duration = { $what } skal være et helt antal { $units }
check-operands-too-long = { $what } kan ikke være længere end 100 år
check-operands-too-long-help = ingen kontrakt rækker længere end 100 år (1.200 måneder, 36.525 dage): tjek tallet og dets enhed

# E0019
check-operands-not-monthly = et beløb pr. { $per } kan ikke betales månedligt, som det står
check-operands-paid-per = betales pr. { $per }
check-operands-not-monthly-week-help = en måned er ikke et helt antal uger: angiv omregningen, fx `… pr. uge * 52 uger / 12 måneder`, eller en dagsats
check-operands-not-monthly-year-help = angiv omregningen, fx `… pr. år * 1 år / 12 måneder`

# E0020, E0042: en betaling
check-operands-per = pr. { $per }
check-operands-negative-payment = en betaling kan ikke være negativ
check-operands-this-pays = dette betaler { $amount }
check-operands-negative-payment-help = et fradrag er ikke en betaling: skriv det beløb, der betales
check-operands-too-much = en betaling på { $shown } { $how } er mere, end CVL betaler
check-operands-most = højst { $most } { $how }
check-operands-too-much-help = ingen kontrakt betaler så meget: tjek antallet af cifre (grænserne står i `cvl explain E0042`)

# E0020: et loft
check-operands-negative-cap = et loft kan ikke være negativt
check-operands-negative-cap-label = under nul
check-operands-negative-cap-help = skriv det højeste antal timer, der betales på en måned: `loft 10 timer pr. måned`

# E0035
check-operands-unknown-role = ukendt rolle `{ $name }`
check-operands-unknown-role-label = ikke en rolle
check-operands-roles = rollerne

# E0034
check-operands-not-weekday = `{ $name }` er ikke en ugedag
check-operands-not-weekday-label = ikke en ugedag
check-operands-weekdays = ugedagene

# E0015
check-operands-not-party = `{ $name }` er ikke en part
check-operands-not-party-label = her skal der stå en part
check-operands-name-is = `{ $name }` er { $found }
check-operands-no-party = `{ $name }` er ikke en part i denne kontrakt
check-operands-no-party-label = ingen sådan part
check-operands-parties = parterne
