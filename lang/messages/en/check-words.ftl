# The words for types and values inside the checker's messages (lang/check/src/words.rs).

# Words written in each language beforehand (figures in each language's notation)
check-words-in-each = { $da ->
   *[other] { $en }
  }

check-words-per-unit = { $unit ->
    [day] day
    [week] week
    [month] month
    [year] year
   *[other] hour
  }
check-words-rate = { $of } per { $per }
check-words-true = true
check-words-false = false

check-words-type-money = money ({ $currency })
check-words-type-days = a duration in days
check-words-type-months = a duration in months
check-words-type-date = a date
check-words-type-hours = hours
check-words-type-count = a number
check-words-type-bool = true or false
check-words-type-text = text
check-words-type-party = a party
check-words-type-weekday = a weekday
check-words-type-unknown = unknown
