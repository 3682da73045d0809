# Checkerens råd om beløb, varigheder og datoer, der er skrevet på en anden måde (lang/check/src/advice.rs).

# Hvor mange decimaler en valuta har
check-advice-decimals = { $count ->
    [0] ingen decimaler
    [one] 1 decimal
   *[other] { $count } decimaler
  }

# E0007: et beløb med flere decimaler end valutaen har
check-advice-too-fine = { $written } har flere decimaler, end { $currency } har
check-advice-currency-has = { $currency } har { $allowed }
check-advice-factor-of = en faktor i et beløb i { $currency }, som har { $allowed }
check-advice-point-groups-or-exact = `.` er decimaltegnet: skriv { $thousands }, hvis det adskiller tusinder her, eller { $exact } for beløbet med decimaler
check-advice-point-groups = `.` er decimaltegnet: skriv { $thousands }, hvis det adskiller tusinder her
check-advice-write-exact = skriv { $exact }: { $currency } har { $allowed }
check-advice-write-whole = skriv et helt beløb: { $currency } har ingen decimaler
check-advice-write-at-most = skriv beløbet med højst { $allowed }: { $currency } har { $allowed }

# E0007: en varighed, der ikke er et helt antal
check-advice-units = { $unit ->
    [day] dage
    [week] uger
    [month] måneder
    [year] år
   *[other] timer
  }
check-advice-duration-not-whole = `{ $amount } { $units }` er ikke et helt antal { $units }
check-advice-duration-not-whole-label = en tidslængde tælles i hele dage eller måneder
check-advice-year-in-months = skriv `{ $months } måneder`: et år er 12 måneder
check-advice-whole-years = skriv et helt antal år eller måneder
check-advice-whole-weeks = skriv et helt antal uger eller dage
check-advice-whole-units = skriv et helt antal { $units }
check-advice-month-parts = skriv et helt antal måneder, eller længden i dage: en måneds længde varierer, så en del af en måned er ikke et fast antal dage
check-advice-whole-days = skriv et helt antal dage (en uge er 7 dage)

# Et tal uden enhed, hvor der skal være en
check-advice-missing-unit = et tal skal have sin enhed her: skriv { $choices }
check-advice-or = { $first } eller { $rest }

# Et stykke CVL citeret i en hjælpelinje
check-advice-code = `{ $code }`

# Et ukendt navn: det navn, der nok menes, eller de navne, der findes
check-advice-did-you-mean = mente du `{ $close }`?
check-advice-there-are = { $what } er { $all }
