# Checkerens diagnoser om kontrakter: hvilke sætninger der hører hvor, og de regler, der tjekkes, når en kontrakt
# er læst (lang/check/src/contract.rs).

# Hvor en sætning står
check-contract-place-contract = en kontrakt
check-contract-place-party = en part
check-contract-place-item = en post
check-contract-place-supplement = et tillæg
check-contract-place-obligation = en forpligtelse
check-contract-place-termination = en ophørsbestemmelse

# E0014
check-contract-top-twice = { $what ->
    [clause] klausulen
   *[other] kontrakten
  } `{ $name }` er defineret to gange
check-contract-top-twice-help = giv hver { $what ->
    [clause] klausul
   *[other] kontrakt
  } i en fil sit eget navn
check-contract-name-twice = `{ $name }` er defineret to gange
check-contract-name-twice-help = giv hver part, post, hvert tillæg og hver forpligtelse sit eget navn
check-contract-defined-again = defineret igen her
check-contract-first-defined = defineret første gang her

# W0002
check-contract-unused = klausulen `{ $name }` bruges aldrig
check-contract-unused-label = defineret her
check-contract-unused-help = brug den med `brug { $name }(…)`, eller fjern den

# E0025
check-contract-misplaced = `{ $word }` hører ikke hjemme i { $place }
check-contract-misplaced-help = `{ $word }` hører hjemme i { $homes }
check-contract-not-allowed = ikke tilladt her
check-contract-party-in-clause = `part` hører ikke hjemme i en klausul
check-contract-party-in-clause-help = erklær parten i kontrakten, og giv den til klausulen som et `part`-argument

# E0026
check-contract-given-twice = `{ $word }` er angivet to gange i { $place }
check-contract-given-twice-label = angivet igen her
check-contract-given-twice-first = angivet første gang her
check-contract-given-twice-help = behold én af dem

# Hvad en kontrakts slutning er
check-contract-a-duration = en varighed

# E0022
check-contract-no-case = kontrakten `{ $name }` har ingen sagsreference
check-contract-no-case-label = ingen `sag` i denne kontrakt
check-contract-no-case-help = tilføj sagens pseudonyme reference: `sag "ANB-2019-0042"`

# E0030
check-contract-needs = en kontrakt skal have `{ $word }`
check-contract-needs-label = ingen `{ $word }` i denne kontrakt
check-contract-needs-signed-by-help = angiv de parter, hvis underskrifter sætter den i kraft
check-contract-needs-starts-help = angiv, hvornår den starter: `starter den 2019-01-15`
check-contract-needs-paid-help = angiv, hvordan den betales: `betalt månedligt som bagudbetaling`

# E0024
check-contract-adjuster = `{ $party }` må justere `{ $supplement }`, men underskriver ikke kontrakten
check-contract-adjuster-label = ikke en underskriver
check-contract-adjuster-help = føj `{ $party }` til `underskrevet af`, eller lad en underskriver justere det
check-contract-adjuster-signatories = underskriverne

# E0036
check-contract-no-termination = `terminated` kan ikke ske: kontrakten har ingen ophørsbestemmelse
check-contract-no-termination-label = intet `ophør` i denne kontrakt
check-contract-no-termination-help = tilføj `ophør {"{"} underskrevet af … {"}"}` for at angive, hvem der må bringe den til ophør, eller angiv en dato: `slutter den 2020-01-14`
check-contract-unknown-event = ukendt hændelsestype `{ $name }`
check-contract-unknown-event-label = ingen sådan hændelse
check-contract-event-kinds = hændelsestyperne

# E0021, E0040
check-contract-starts-on = den starter den { $start }
check-contract-ends-before = kontrakten slutter den { $end }, før den starter
check-contract-ends-before-help = ret start- eller slutdatoen
check-contract-too-long = kontrakten slutter den { $end }, mere end 100 år efter, at den starter
check-contract-too-long-help = ingen kontrakt rækker længere end 100 år: den sidste dag, denne kan have, er den { $last }
check-contract-past-calendar = kontrakten ville slutte efter 9999-12-31, den sidste dag en kontrakt kan have
check-contract-past-calendar-label = den starter den { $start } og varer { $length }
check-contract-past-calendar-help = lad den slutte senest 9999-12-31: tjek dens start og længden og dens enhed

# W0003
check-contract-never-in-force = kontrakten `{ $name }` kan aldrig være i kraft
check-contract-never-in-force-label = den slutter før sin første dag
check-contract-never-in-force-help = angiv, hvor længe den løber, fx `slutter efter 12 måneder`, eller udelad `slutter`, hvis den løber, indtil den bringes til ophør
check-contract-never-active = `{ $item }` kan aldrig være aktiv
check-contract-never-active-label = uden for kontraktens periode
check-contract-never-active-help = tjek dens datoer og dens `i de første` mod kontraktens start og slutning
check-contract-never-pays = `{ $item }` kan aldrig betale
check-contract-once-outside = betales én gang den { $on }, uden for de dage, den må betale for
check-contract-once-outside-help = tjek datoen i `engang den` mod postens og kontraktens start og slutning, eller betal den `engang den start`
check-contract-zero-cap = dens loft er 0 timer om måneden
check-contract-zero-cap-help = angiv det højeste antal timer, der betales på en måned, fx `loft 10 timer pr. måned`, eller udelad `loft`
