# Ordene for typer og værdier i checkerens meddelelser (lang/check/src/words.rs).

# Ord skrevet på forhånd i hvert sprog (tal i sprogets notation)
check-words-in-each = { $en ->
   *[other] { $da }
  }

check-words-per-unit = { $unit ->
    [day] dag
    [week] uge
    [month] måned
    [year] år
   *[other] time
  }
check-words-rate = { $of } pr. { $per }
check-words-true = sand
check-words-false = falsk

check-words-type-money = et beløb ({ $currency })
check-words-type-days = en varighed i dage
check-words-type-months = en varighed i måneder
check-words-type-date = en dato
check-words-type-hours = timer
check-words-type-count = et tal
check-words-type-bool = sand eller falsk
check-words-type-text = tekst
check-words-type-party = en part
check-words-type-weekday = en ugedag
check-words-type-unknown = ukendt
