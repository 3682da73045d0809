# Lekserens og parserens diagnoser (lang/syntax), og dem enhver fil kan få.

syntax-problems-left-out = og { $count } { $count ->
    [one] problem
   *[other] problemer
  } mere i filen, ikke vist
syntax-problems-left-out-first = det første, der ikke vises, er her
syntax-problems-left-out-help = højst { $max } problemer vises for én fil: ret disse, og tjek igen
