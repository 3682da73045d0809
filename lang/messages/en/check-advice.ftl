# The checker's advice on amounts, durations and dates written another way (lang/check/src/advice.rs).

# How many decimals a currency has
check-advice-decimals = { $count ->
    [0] no decimals
    [one] 1 decimal
   *[other] { $count } decimals
  }

# E0007: an amount with more decimals than its currency
check-advice-too-fine = { $written } has more decimals than { $currency } has
check-advice-currency-has = { $currency } has { $allowed }
check-advice-factor-of = a factor of an amount in { $currency }, which has { $allowed }
check-advice-point-groups-or-exact = `.` is the decimal point: write { $thousands } if it groups thousands here, or { $exact } for the decimal amount
check-advice-point-groups = `.` is the decimal point: write { $thousands } if it groups thousands here
check-advice-write-exact = write { $exact }: { $currency } has { $allowed }
check-advice-write-whole = write a whole amount: { $currency } has no decimals
check-advice-write-at-most = write the amount with at most { $allowed }: { $currency } has { $allowed }

# E0007: a duration literal that is not whole
check-advice-units = { $unit ->
    [day] days
    [week] weeks
    [month] months
    [year] years
   *[other] hours
  }
check-advice-duration-not-whole = `{ $amount } { $units }` is not a whole number of { $units }
check-advice-duration-not-whole-label = a length of time is counted in whole days or months
check-advice-year-in-months = write `{ $months } months`: a year is 12 months
check-advice-whole-years = write a whole number of years or of months
check-advice-whole-weeks = write a whole number of weeks or of days
check-advice-whole-units = write a whole number of { $units }
check-advice-month-parts = write a whole number of months, or the length in days: a month's length varies, so part of one is no fixed number of days
check-advice-whole-days = write a whole number of days (a week is 7 days)

# A bare number where a unit is needed
check-advice-missing-unit = a number needs its unit here: write { $choices }
check-advice-or = { $first } or { $rest }

# A piece of CVL quoted in a help line
check-advice-code = `{ $code }`

# An unknown name: the name meant, or the names there are
check-advice-did-you-mean = did you mean `{ $close }`?
check-advice-there-are = the { $what } are { $all }
