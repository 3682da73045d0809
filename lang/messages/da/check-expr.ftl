# Checkerens diagnoser om udtryk: navne, operatorer, satser, konstanter (lang/check/src/expr.rs).

# En hjælp fundet andetsteds (et "mente du", et råd om en dato eller en varighed), vist som den er.
check-expr-hint = { $hint }
check-expr-this-is = dette er { $ty }

# E0013
check-expr-unknown-name = ukendt navn `{ $name }`
check-expr-unknown-name-label = ikke defineret her

# E0016
check-expr-per-not-time = `pr. { $unit }` er ikke en tidsenhed
check-expr-per-not-time-label = en sats er pr. time, dag, uge, måned eller år
check-expr-per-not-time-help = skriv `pr. måned`, `pr. uge`, `pr. dag` eller `pr. time`
check-expr-not-a-rate = { $ty } kan ikke være en sats
check-expr-not-a-rate-help = en sats er penge, timer eller et tal pr. tidsenhed
check-expr-cannot-negate = { $ty } kan ikke gøres negativ
check-expr-cannot-not = { $ty } kan ikke negeres med `ikke`
check-expr-cannot-subtract = kan ikke trække { $right } fra { $left }
check-expr-cannot-divide = kan ikke dividere { $left } med { $right }
check-expr-cannot-multiply = kan ikke gange { $left } med { $right }
check-expr-cannot-add = kan ikke lægge { $left } og { $right } sammen
check-expr-cannot-combine = kan ikke kombinere { $left } med { $right }
check-expr-cannot-compare = kan ikke sammenligne { $left } med { $right }
check-expr-operator-label = `{ $operator ->
    [and] og
    [or] eller
   *[other] { $operator }
  }` tager ikke imod disse
check-expr-months-and-days-help = en måned er ikke et fast antal dage: angiv begge i måneder eller begge i dage
check-expr-date-and-duration-help = sammenlign en dato med en dato: læg varigheden til en dato først
check-expr-rate-times-help = en sats pr. { $per ->
    [hour] time
    [day] dag
    [week] uge
    [month] måned
   *[year] år
  } ganges med { $quantity }
check-expr-operator-help = begge sider skal have samme enhed; se `cvl explain E0016` for, hvad hver operator tager imod

# E0017
check-expr-no-value-label = kan ikke beregnes
check-expr-no-value-help = ændr værdierne, så resultatet findes
check-expr-too-large = resultatet er for stort
check-expr-division-by-zero = division med nul
check-expr-whole-months = kun hele måneder kan lægges til en dato, ikke { $duration }
check-expr-whole-days = kun hele dage kan lægges til en dato, ikke { $duration }
check-expr-after-calendar = datoen er efter 9999-12-31
check-expr-after-calendar-label = efter den sidste dag, en kontrakt kan nævne
check-expr-before-calendar = datoen er før 0001-01-01
check-expr-before-calendar-label = før den første dag, en kontrakt kan nævne
check-expr-calendar-help = en kontrakts datoer går fra 0001-01-01 til 9999-12-31: kontrollér året og det tal og den enhed, der lægges til

# What an unknown name was looked for among
check-expr-what-names = navnene, der kendes her
