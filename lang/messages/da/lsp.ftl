# Sprogserverens hover og detaljer i fuldførelse (lang/lsp: hover.rs, complete.rs, words.rs), i dokumentets sprog.

# Værdier og typer (words.rs).
lsp-per = { $unit ->
        [hour] time
        [day] dag
        [week] uge
        [month] måned
       *[year] år
    }
lsp-quantity = { $amount } { $unit ->
        [day] { $count ->
            [one] dag
           *[other] dage
        }
        [month] { $count ->
            [one] måned
           *[other] måneder
        }
       *[hour] { $count ->
            [one] time
           *[other] timer
        }
    }
lsp-rate = { $amount } pr. { $per }
lsp-bool = { $value ->
        [true] sand
       *[false] falsk
    }
lsp-type = { $name ->
        [days] en varighed i dage
        [months] en varighed i måneder
        [date] en dato
        [hours] timer
        [count] et tal
        [bool] sand eller falsk
        [text] tekst
        [party] en part
        [weekday] en ugedag
       *[other] ukendt
    }
lsp-type-money = penge ({ $currency })
lsp-type-currency = { $currency }
lsp-type-rate = { $of } pr. { $per ->
        [hour] time
        [day] dag
        [week] uge
        [month] måned
       *[year] år
    }
lsp-type-meaning = { $kind ->
        [bool] sand eller falsk
        [count] et tal
        [date] en dato
        [days] en varighed i dage
        [duration] en varighed i dage eller måneder
        [hours] timer
        [money] penge i kroner
        [party] en part
        [rate] penge i kroner pr. en tidsenhed
        [text] tekst
       *[weekday] en ugedag
    }

# Hover (hover.rs).
lsp-hover-value = **{ $value }**, { $kind }
lsp-contract = **kontrakt** `{ $name }`{ $title }
lsp-party = **part** `{ $name }`{ $title }
lsp-item = **{ $kind ->
        [item] post
       *[supplement] tillæg
    }** `{ $name }`{ $title }
lsp-obligation = **forpligtelse** `{ $name }`{ $title }
lsp-parameter-meaning = **parameter** `{ $name }`: `{ $kind }` ({ $meaning })
lsp-parameter-type = **parameter** `{ $name }`: `{ $kind }`
lsp-parameter = **parameter** `{ $name }`: { $detail }
lsp-in-clause = i klausulen `{ $clause }`: hver `brug` giver dens parametre deres værdier
lsp-from-stdlib = fra standardbibliotekets `{ $module }`
lsp-and = og
lsp-or = eller
lsp-reimbursed-whole = godkendte udlæg refunderes op til { $limit } over hele kontrakten
lsp-reimbursed-per = godkendte udlæg refunderes op til { $limit } pr. kalender{ $per }
lsp-no-price = ingen pris
lsp-pay-to = { $pay } til { $payee }
lsp-once-start = én gang, på dens første dag i kraft
lsp-once-on = én gang, den { $date }
lsp-regulated-percent = reguleret med { $percent } % hvert år fra { $from }
lsp-regulated-then = { $rule } ({ $rate } fra da)
lsp-regulated-index = reguleret efter indeks `{ $index }` hvert år fra { $from } (satsen før × årets værdi / forrige års værdi, som betalerens `index_value`-hændelser giver dem)
lsp-first = de første { $duration } fra starten
lsp-from = fra { $date }
lsp-until = til { $date }
lsp-cap = højst { $hours } pr. måned
lsp-confirmed-by = timer bekræftet af { $parties }
lsp-approved-by = godkendt af { $parties }
lsp-covers = dækker { $things }
lsp-starts-when-agreed = starter når det aftales
lsp-runs = løber { $duration } ad gangen
lsp-adjustable-by = justeres af { $parties }
lsp-reviewed-by = revideres af { $parties }
lsp-in-arrears = betales månedligt bagud
lsp-role = { $role ->
        [payer] betaleren
        [provider] leverandøren
        [consultant] konsulenten
        [citizen] borgeren
       *[other] { $role }
    }
lsp-cvr = CVR { $cvr }
lsp-signs = underskriver kontrakten
lsp-paid-for = får betaling for { $items }
lsp-a-party = en part i kontrakten
lsp-by = af { $parties }
lsp-every = hver { $duration }
lsp-every-on = hver { $duration } om { $day }
lsp-lasting = varighed { $hours }
lsp-grace = { $duration } henstand
lsp-withheld = ved forsømmelse tilbageholdes betalinger, indtil den er opfyldt
lsp-withheld-items = ved forsømmelse tilbageholdes betalingerne for { $items }, indtil den er opfyldt, de andre betales
lsp-flagged = ved forsømmelse markeres det
lsp-case = sag { $case }
lsp-starts-on = starter den { $date }
lsp-starts-when = starter når `{ $kind }` sker
lsp-ends-on = slutter den { $date }
lsp-ends-after = slutter efter { $duration }
lsp-ends-when = slutter når `{ $kind }` sker
lsp-due-day = hver måned forfalder den { $day }. i den følgende måned
lsp-interest = rente ved for sen betaling { $percent } % om året
lsp-terminated-alone = opsiges af { $parties } alene
lsp-terminated-signed = opsiges når den er underskrevet af { $parties }
lsp-notice = {" "}med et varsel på { $notice }{ $month_end ->
        [1] {" "}til udgangen af en måned
       *[other] {""}
    }
lsp-parties = { $count } { $count ->
        [one] part
       *[other] parter
    }
lsp-payment-terms = { $count } { $count ->
        [one] betalingsvilkår
       *[other] betalingsvilkår
    }
lsp-obligations = { $count } { $count ->
        [one] forpligtelse
       *[other] forpligtelser
    }

# Detaljer i fuldførelsens forslag (complete.rs).
lsp-complete-keyword = nøgleord
lsp-complete-role = rolle
lsp-complete-weekday = ugedag
lsp-complete-parameter = parameter: { $kind }
lsp-complete-declaration = { $kind ->
        [party] part
        [item] post
        [supplement] tillæg
       *[obligation] forpligtelse
    }{ $title }
lsp-complete-event = hændelsestype
lsp-complete-event-met = hændelsestype: `{ $name }` er opfyldt
lsp-complete-clause = klausul{ $title }

# De datoer en varighed giver, under hover på den (dates.rs); `written` er varigheden, som dokumentet skriver den.
lsp-dates-lasting = varighed { $written }: hver gang, på hver forfaldsdag
lsp-dates-start-when = { $what }: regnet fra kontraktens start, som er når `{ $event }` sker, så datoerne kendes ikke af teksten
lsp-dates-start-unknown = { $what }: regnet fra kontraktens start, som teksten ikke angiver
lsp-dates-first = de første { $written }
lsp-dates-first-days = { $what }: { $from } til { $to }
lsp-dates-grace = henstand { $written }
lsp-dates-every = hver { $written }
lsp-dates-every-on = hver { $written } om { $day }
lsp-dates-nothing-due = { $what }: intet forfalder, mens kontrakten er i kraft
lsp-dates-grace-end = { $what }: den første, med forfald { $first }, er forsømt, hvis den ikke er opfyldt senest { $end }
lsp-dates-due = { $what }: forfalder { $days }
lsp-dates-ends-after = slutter efter { $written }
lsp-dates-last-day = { $what }: den sidste dag i kraft er { $last }
lsp-dates-term = løbetid { $written }: { $written } ad gangen fra den dag, en `supplement_started`-hændelse angiver, så datoerne kendes ikke af teksten
lsp-dates-notice = opsigelse { $written }: kontrakten slutter tidligst { $written } efter den dag, opsigelsen gives{ $month_end ->
        [1] , ved udgangen af en måned
       *[other] {""}
    }, så datoerne afhænger af `terminated`-hændelsen
