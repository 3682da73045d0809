# `cvl test`: scenariefilernes diagnoser (lang/scenario: lex.rs, parse.rs, amount.rs, names.rs, lib.rs) og
# rapporten (report.rs, run.rs). Scenariesprogets ord (`udbetales`, `frist`, …) kommer stavet på filens sprog;
# beløb kommer skrevet på dens måde.

# S0001, S0002: tegn og tekster.
scenario-not-an-escape = `\{ $escape }` er ikke en escape-sekvens i en tekst
scenario-escape-help = skriv `\"` for et anførselstegn og `\\` for en omvendt skråstreg
scenario-string-not-closed = teksten er ikke afsluttet, før linjen slutter
scenario-string-not-closed-help = afslut den med `"`
scenario-unexpected-character = uventet tegn `{ $character }`
scenario-unexpected-character-help = en linje i et scenarie består af ord, navne, datoer, beløb og tekster i anførselstegn; `//` indleder en kommentar

# S0003: datoer og måneder.
scenario-not-a-day = `{ $text }` er ikke en dag i kalenderen
scenario-not-a-date = `{ $text }` er ikke en dato
scenario-date-help = skriv en dato som `ÅÅÅÅ-MM-DD`: `{ $example }`
scenario-not-a-month = `{ $text }` er ikke en måned
scenario-month-help = skriv en måned som `ÅÅÅÅ-MM`: `2019-10`

# S0004: beløb.
scenario-expected-amount = her skal stå et beløb, men der står `{ $found }`
scenario-amount-in-figures = skriv beløbet med tal: `{ $zero }`
scenario-too-many-decimals = `{ $text }` har mere end 2 decimaler
scenario-too-many-decimals-help = et beløb er i hele øre: højst 2 decimaler
scenario-not-an-amount = `{ $text }` er ikke et beløb, som en fil på { $lang } skriver det
scenario-amount-other-notation = på { $lang } skrives `{ $written }`: `{ $group }` mellem grupper af tre cifre, `{ $decimal }` før decimalerne
scenario-amount-help = skriv cifre med `{ $group }` eller `_` mellem grupper af tre og `{ $decimal }` før decimalerne: `{ $example }`

# S0005: en linje, der ikke forstås.
scenario-line-ends = linjen slutter, hvor der skal stå { $what }
scenario-quoted = `{ $word }`
scenario-in-quotes = { $what } i anførselstegn
scenario-expected-found = her skal stå `{ $expected }`, men der står `{ $found }`
scenario-as-of-help = skriv `as of DATO`
scenario-name-blank = scenariets navn er tomt
scenario-name-blank-help = giv det navn efter, hvad det viser: `"oktoberrapporten kommer for sent"`
scenario-missing-after-name = en måned (`{ $name } 2019-10 { $pays } …`) eller `{ $due }`
scenario-missing-after-month = `{ $pays }`, `{ $withheld }`, `{ $released }`, `{ $is } { $flagged }` eller en post
scenario-not-understood = `{ $text }` forstås ikke her
scenario-after-month-help = efter en modtagers måned skrives `{ $pays } BELØB`, `{ $withheld } BELØB`, `{ $released } BELØB`, `{ $is } { $flagged }` eller en post og `{ $pays } BELØB`
scenario-not-understood-help = en linje er en hændelse (`2019-11-20 PART SLAGS`), noget, der skal følge (`MODTAGER 2019-10 { $pays } BELØB`, `FORPLIGTELSE { $due } 2019-10-15 { $is } { $missed }`), eller `{ $scenario }`, `{ $events }`, `{ $asof }`, `{ $refused }`
scenario-not-a-status = `{ $text }` er ikke en status for en forpligtelse
scenario-statuses = skriv `{ $met }`, `{ $late }`, `{ $missed }` eller `{ $pending }`
scenario-expected-words = her skal stå ord i anførselstegn, men der står `{ $found }`
scenario-expected-words-help = sæt de ord, meddelelsen skal indeholde, i anførselstegn: `"not a party"`
scenario-expected-quoted = her skal stå { $what } i anførselstegn, men der står `{ $found }`
scenario-write-in-quotes = skriv det i anførselstegn: `"{ $found }"`
scenario-expected = her skal stå { $what }, men der står `{ $found }`
scenario-more-than-line = `{ $text }` er mere, end linjen siger
scenario-more-than-line-help = skriv ét udsagn pr. linje; `//` indleder en kommentar
scenario-field-twice = feltet `{ $field }` er angivet to gange
scenario-field-twice-help = angiv hvert felt i en hændelse én gang
scenario-event-help = en hændelse skrives `DATO PART SLAGS` efterfulgt af hvert felts navn og værdi
scenario-value-of = værdien af `{ $field }`
scenario-expected-value = her skal stå værdien af `{ $field }`, men der står `,`
# Hvad en linje mangler eller har det forkerte sted.
scenario-what-contract-file = kontraktens fil
scenario-what-scenario-name = scenariets navn
scenario-what-file-name = filens navn
scenario-what-as-of = datoen, der afgøres pr.
scenario-what-due = fristen
scenario-what-actor = den part, der handler
scenario-what-kind = hændelsens slags
scenario-what-field = et felts navn
scenario-what-status = en status
scenario-what-amount = et beløb

# S0006: et ord fra det andet sprog.
scenario-other-language = `{ $text }` er { $other }, men filen er på { $lang }
scenario-other-language-help = skriv `{ $word }`: en fil er på sproget for sit første ord (`{ $first }`)
scenario-english = engelsk
scenario-danish = dansk

# S0007: et udsagn, der mangler eller gentages.
scenario-starts-with-contract = en scenariefil begynder med at nævne sin kontrakt
scenario-begin-with-contract = begynd med `{ $contract } "FIL.cvl"`
scenario-begin-with-either = begynd med `kontrakt "FIL.cvl"` (på engelsk `contract "FILE.cvl"`)
scenario-contract-twice = filen nævner sin kontrakt to gange
scenario-contract-twice-help = en scenariefil tester én kontrakt: `{ $contract }`
scenario-contract-after = kontrakten nævnes efter et scenarie
scenario-contract-after-help = nævn kontrakten på filens første linje
scenario-name-twice = et scenarie med navnet `{ $name }` står allerede på linje { $line }
scenario-name-twice-help = giv hvert scenarie i en fil sit eget navn
scenario-two-bases = scenariet tager udgangspunkt i to filer med hændelser
scenario-two-bases-help = et scenarie tager udgangspunkt i højst én hændelsesfil eller én log
scenario-base-late = filen med hændelser nævnes efter scenariets egne hændelser
scenario-base-late-help = nævn den fil, scenariet tager udgangspunkt i, før dets hændelser
scenario-as-of-twice = scenariet siger to gange, hvilken dato det afgøres pr.
scenario-no-scenario = linjen hører til et scenarie, men intet scenarie er begyndt
scenario-no-scenario-help = begynd et med `{ $scenario } "NAVN"`
scenario-no-contract = filen nævner ingen kontrakt

# S0008: et scenarie uden forventninger.
scenario-says-nothing = scenariet `{ $name }` siger intet om, hvad der skal følge
scenario-says-nothing-help = tilføj, hvad der skal følge, fx `MODTAGER 2019-10 { $pays } { $zero }`

# S0009, S0010, S0011: navne, måneder og hændelser holdt op mod kontrakten.
scenario-not-of-contract = `{ $name }` er ikke { $kind ->
        [payee] en modtager
        [obligation] en forpligtelse
        [item-or-supplement] en post eller et tillæg
       *[item] en post
    } i kontrakten
scenario-contract-has-none = kontrakten har { $kind ->
        [payee] ingen modtagere
        [obligation] ingen forpligtelser
        [item-or-supplement] ingen poster eller tillæg
       *[item] ingen poster
    }
scenario-contract-has = kontrakten har { $names }
scenario-its-review = `{ $item }` (dens revision)
scenario-and = { $first } og { $last }
scenario-none = ingen
scenario-no-item-pays = ingen post i kontrakten betaler til `{ $payee }`
scenario-contract-pays = kontrakten betaler til { $names }
scenario-does-not-pay = `{ $item }` betaler ikke til `{ $payee }`
scenario-paid-by = `{ $payee }` betales af { $names }
scenario-outside = { $month } ligger uden for kontrakten, som løber { $period }
scenario-from-to = fra { $first } til { $last }
scenario-from = fra { $first }
scenario-until = til { $last }
scenario-outside-help = nævn en måned i kontraktens periode
scenario-before-start = `{ $due }` ligger før kontraktens start den { $start }
scenario-before-start-help = intet har frist, før kontrakten starter
scenario-event-does-not-fit = hændelsen passer ikke til kontrakten: { $reason }
scenario-event-does-not-fit-help = viser scenariet, at en sådan hændelse afvises, så skriv det: `{ $refused } "ORD"`

# S0012: kontrakten eller hændelserne kan ikke bruges.
scenario-cannot-use = { $reason }
scenario-cannot-use-help = et scenarie køres mod en kontrakt, der kan kontrolleres uden fejl, nævnt i forhold til scenariets fil

# Rapporten: hver fil, dens scenarier og fejl, og opsummeringen.
scenario-has-problems = `{ $file }` har problemer: dens scenarier blev ikke kørt
scenario-holds = holder
scenario-fails = FEJLER
scenario-at-line = (linje { $line })
scenario-line = linje { $line }: { $text }
scenario-expected-label = forventet
scenario-actual-label = faktisk
scenario-basis-label = grundlag
scenario-title = scenarie { $name }
scenario-summary = { $scenarios } { $scenarios ->
        [one] scenarie
       *[other] scenarier
    } i { $files } { $files ->
        [one] fil
       *[other] filer
    }: { $hold } holder, { $fail } fejler
scenario-not-run = , { $broken } { $broken ->
        [one] fil
       *[other] filer
    } ikke kørt

# Hvad der blev afgjort, holdt op mod det forventede.
scenario-none-refused = hændelserne er afgjort: ingen er afvist
scenario-nothing-decided = intet blev afgjort: { $reason }
scenario-not-flagged = ikke markeret
scenario-flagged = markeret: { $flags }
scenario-meets-it = hændelsen, der opfylder den: { $event } dateret { $date }, underskrevet af { $actor }
scenario-none-met-it = ingen hændelse har opfyldt den
scenario-never-due = `{ $obligation }` har endnu ikke haft frist
scenario-falls-due = `{ $obligation }` har frist { $dates }
scenario-not-due-then = `{ $obligation }` har ingen frist { $due }
scenario-nothing-paid = intet udbetales til `{ $payee }` for { $month }
scenario-held-back = tilbageholdt  { $amount }  holdt tilbage: `{ $obligation }` med frist { $due } blev misligholdt, henstanden sluttede { $grace }  [{ $clause }]
scenario-released = frigivet  { $amount }  fra { $months }, nu er forpligtelsen opfyldt: { $meetings }
scenario-meeting = { $event } dateret { $date }, underskrevet af { $actor }
scenario-provisional = foreløbig: resten af måneden er ikke afgjort endnu
scenario-event-refused-line = hændelsen på linje { $line } er afvist: { $reason }
scenario-event-refused = `{ $name }` er afvist: { $reason }
scenario-cannot-decide = afgørelsen kan ikke træffes: { $reason }
scenario-comma = { $first }, { $next }
scenario-words = { $words }
