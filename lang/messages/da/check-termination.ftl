# Checkerens diagnoser om ophørsblokken og en forpligtelses `af` (lang/check/src/termination.rs).

# Partsnavne sat sammen, som en hjælpelinje skriver dem: `a`, `a og b`, `a, b eller c`.
check-termination-names = { $names }
check-termination-and = { $rest } og { $last }
check-termination-or = { $rest } eller { $last }

# E0055
check-termination-by-and = et ophør `af` sine parter foretages af én af dem alene: de forbindes med `eller`
check-termination-by-and-label = `og` her
check-termination-by-and-help = skriv `af { $alone }` for et ophør, som hver kan foretage alene, eller `underskrevet af { $all }` for et, som de alle underskriver
check-termination-both = et ophør er enten `underskrevet af` alle de parter, det kræver, eller foretaget `af` én af dem alene, ikke begge dele
check-termination-both-label = også angivet
check-termination-both-first = angivet her
check-termination-both-help = behold `underskrevet af` for et ophør, som de alle underskriver, eller `af` for et, som hver navngiven part kan foretage alene
check-termination-obligation-or = en forpligtelse binder hver part, som dens `af` nævner: de forbindes med `og`
check-termination-obligation-or-label = `eller` her
check-termination-obligation-or-help = skriv `af { $all }`

# The notice period, as messages about it name it
check-termination-what-notice = et opsigelsesvarsel
