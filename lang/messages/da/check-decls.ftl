# Checkerens diagnoser om erklæringer: parter, poster, tillæg, forpligtelser, ophøret (lang/check/src/decls.rs).

# E0037
check-decls-key-invalid = nøglen `{ $key }` { $reason }
check-decls-key-invalid-label = ikke en offentlig ed25519-nøgle
check-decls-key-invalid-help = en nøgle er `ed25519:` og den offentlige nøgle på 32 byte i base64; `cvl key gen NAVN` laver et nøglepar
check-decls-key-prefix = begynder ikke med `{ $prefix }`
check-decls-key-not-base64 = er ikke standard-base64 efter `{ $prefix }`
check-decls-key-length = rummer { $count } byte, hvor en ed25519-nøgle har 32
check-decls-key-not-on-curve = er ikke et punkt på ed25519-kurven
check-decls-key-weak = er en svag nøgle, som enhver kunne underskrive for
check-decls-key-not-canonical = er ikke den kanoniske kodning af sit punkt
check-decls-key-small-order = har en komponent af lille orden, så verifikatorer kunne være uenige om dens underskrifter
check-decls-key-other = { $reason }

# E0038
check-decls-key-taken = `{ $party }` angiver allerede denne nøgle
check-decls-key-taken-label = den samme nøgle som en anden parts
check-decls-key-taken-help = hver part underskriver med sin egen nøgle: en posterings underskrift skal vise, hvem der lavede den
check-decls-key-taken-first = angivet her først

# E0030: en erklæring uden et udsagn, den skal have
check-decls-needs = { $place } skal have `{ $what }`
check-decls-needs-label = ingen `{ $what }` her
check-decls-place-contract = en kontrakt
check-decls-place-party = en part
check-decls-place-item = en post
check-decls-place-supplement = et tillæg
check-decls-place-obligation = en forpligtelse
check-decls-place-termination = et ophør
check-decls-word-role = rolle
check-decls-word-key = nøgle
check-decls-word-pay = betal
check-decls-word-adjustable-by = justeres af
check-decls-word-term = løbetid
check-decls-word-by = af
check-decls-word-signed-by = underskrevet af
check-decls-role-help = sig, hvad parten er: `rolle payer`, `rolle provider`, …
check-decls-key-help = kør `cvl key gen { $name }`: den skriver nøgleparret til `{ $name }.key` (parten holder den hemmelig) og `{ $name }.pub` og udskriver linjen `nøgle "ed25519:…"`, som skal stå i partens blok
check-decls-pay-help = sig, hvad der betales, og til hvem: `betal 5_000 kr. pr. måned til { $payee }`
check-decls-adjustable-by-help = navngiv den part, der starter og justerer tillægget
check-decls-term-help = giv tillægget en standardløbetid: `løbetid 3 måneder`
check-decls-by-help = navngiv den part, der skal opfylde den: `af { $by }`
check-decls-signed-by-help = navngiv, hvem der skal underskrive et ophør, `underskrevet af { $signers }`, eller hvem der kan foretage det alene: `af { $alone }`
check-decls-name = { $name }
check-decls-and = { $first } og { $rest }
check-decls-or = { $first } eller { $rest }

# W0005
check-decls-no-review = tillægget `{ $name }` har ingen revision
check-decls-no-review-label = revideres aldrig
check-decls-no-review-help = navngiv, hvem der reviderer det ved slutningen af hver løbetid: `revideres af { $reviewer }`

# E0023
check-decls-no-interval = forpligtelsen `{ $name }` har intet interval
check-decls-no-interval-label = forfalder aldrig
check-decls-no-interval-help = sig, hvor ofte den forfalder: `hver 3 måneder`
check-decls-empty-interval = et interval skal være længere end ingenting
check-decls-empty-interval-label = dette kommer aldrig videre
check-decls-empty-interval-help = angiv et positivt interval: `hver 3 måneder`

# W0004
check-decls-no-consequence = der sker intet, når `{ $name }` forsømmes
check-decls-no-consequence-label = ingen konsekvens
check-decls-no-consequence-help = tilføj `når forsømt tilbagehold` eller `når forsømt marker`

# E0026
check-decls-termination-twice = `ophør` er angivet to gange i en kontrakt
check-decls-termination-twice-label = angivet igen her
check-decls-termination-twice-first = angivet først her
check-decls-termination-twice-help = behold et af dem

# E0019
check-decls-supplement-per-hour = tillægget `{ $name }` kan ikke betales pr. time
check-decls-supplement-per-hour-label = betalt pr. time
check-decls-supplement-per-hour-help = et tillæg betaler pr. måned eller pr. dag for dagene i sine løbetider: betal timer med en `post` med `bekræftet af` og et `loft`

# E0025
check-decls-item-dates = en post starter og slutter på datoer
check-decls-item-dates-label = ikke tilladt her
check-decls-item-dates-help = skriv `starter den DATO` eller `slutter den DATO`, eller `i de første 3 måneder`

# E0021
check-decls-ends-first = `{ $name }` slutter, før den starter
check-decls-ends-first-label = slutter { $ends }, starter { $starts }
check-decls-ends-first-help = byt om på datoerne, eller ret den, der er forkert

# E0020
check-decls-negative-hours = et besøg kan ikke vare et negativt antal timer
check-decls-negative-hours-label = under nul
check-decls-negative-hours-help = skriv længden uden minustegn

# What a duration or an amount of hours in a declaration is, as messages about it name it
check-decls-what-duration = en varighed
check-decls-what-term = en løbetid
check-decls-what-interval = et interval
check-decls-what-grace = en frist
check-decls-what-hours = timer
