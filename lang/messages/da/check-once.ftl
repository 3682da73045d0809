# Checkerens diagnoser om engangsbetalinger (lang/check/src/once.rs).

# E0052, E0018
check-once-amount-help = en engangsbetaling er et beløb, der betales én gang: `betal 15_000 kr. til PART` med `engang den start`, eller angiv en sats og udelad `engang`
check-once-rate = en engangsbetaling er et beløb, ikke et beløb pr. { $per ->
    [hour] time
    [day] dag
    [week] uge
    [month] måned
   *[year] år
  }
check-once-rate-label = betalt pr. { $per ->
    [hour] time
    [day] dag
    [week] uge
    [month] måned
   *[year] år
  }
check-once-not-money = forventede et pengebeløb, der betales én gang, men fandt { $found }
check-once-not-money-label = dette er { $found }

# E0052: et udsagn, der ikke passer til en betaling, der sker én gang
check-once-does-not-fit = `{ $word }` passer ikke til engangsbetalingen `{ $name }`
check-once-does-not-fit-label = ikke for en betaling, der sker én gang
check-once-does-not-fit-once = betalt én gang her
check-once-does-not-fit-help = en engangsbetaling betaler ét beløb på én dag; { $why }
check-once-word-cap = loft
check-once-word-confirmed-by = bekræftet af
check-once-word-for-the-first = i de første
check-once-word-reimburse = refunder
check-once-cap-why = timer betales af en post med en sats pr. time: fjern `loft`
check-once-confirmed-by-why = timer bekræftes for en post med en sats pr. time: fjern `bekræftet af`
check-once-for-the-first-why = den betales på én dag, ikke over en periode: fjern `i de første`
check-once-reimburse-why = en refunderet post betaler godkendte udgifter: behold `engang` med `betal`, eller `refunder`

# How often a one-off payment is paid, after its amount
check-once-how = én gang
