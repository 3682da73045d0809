# Tabellen `cvl eval` skriver (lang/cli: decision.rs, provenance.rs, dispute.rs). Beløb kommer skrevet på
# sprogets måde; datoer er ISO på begge sprog.

# Hovedet: hvad der er afgjort ud fra.
eval-decided-by = afgjort   af { $version }
eval-contract = kontrakt  { $file }  sha256:{ $sha256 }
eval-source = kilde   { $file }  sha256:{ $sha256 }
eval-log = log       { $file }  sha256:{ $sha256 }
eval-log-verified = verificeret: { $entries } { $entries ->
        [one] indgang
       *[other] indgange
    }, kædet til kontrakten, hver underskrevet med afsenderens nøgle; hoved sha256:{ $head }
eval-events = hændelser { $file }  sha256:{ $sha256 }
eval-events-unsigned = usigneret: intet er verificeret (afgør ud fra en signeret log med --log)
eval-as-of = pr.       { $date }
eval-version = version   { $file }  sha256:{ $sha256 }  i kraft { $from } til { $to }
eval-version-amended = { $version }, ændret ved { $events }

# En måneds betaling.
eval-total = i alt
eval-withheld = tilbageholdt
eval-released = frigivet
eval-approved = godkendt
eval-held-back = holdt tilbage
eval-held-missed = holdt tilbage{ $count ->
        [0] {""}
       *[other] {" "}{ $items }
    }: `{ $obligation }` med forfald { $due } blev forsømt, fristen udløb { $grace }  [{ $clause }]
eval-imposed = pålagt af `når forsømt tilbagehold`
eval-imposed-at = pålagt af `når forsømt tilbagehold` i { $at }
eval-imposed-in-contract = { $imposed }, i kontrakten
eval-imposed-in-clause = { $imposed }, i klausulen `{ $clause }` ({ $clause_at }) brugt i { $used_at }
eval-meeting-signed = { $event } dateret { $date }, underskrevet af { $actor }
eval-meeting-unsigned = { $event } dateret { $date } fra { $actor } (usigneret)
eval-released-in = frigivet i { $month } ved { $by }
eval-not-released = ikke frigivet: forpligtelsen er ikke opfyldt pr. den afgjorte dato
eval-released-from = holdt tilbage i { $months }, frigivet nu da forpligtelsen er opfyldt{ $listed ->
        [0] {""}
       *[other] {": "}{ $by }
    }
eval-approved-by = ved { $invoices }
eval-invoice = faktura `{ $invoice }` [{ $event }]
eval-invoices-many = { $first } … { $last } ({ $count } fakturaer)
eval-events-many = { $first } … { $last } ({ $count } hændelser)
eval-flagged = markeret: { $flag }
eval-provisional = foreløbig: afgjort pr. { $date }, resten af måneden er ikke afgjort endnu

# Forpligtelser, udlæg, handlinger, advarsler.
eval-obligations = forpligtelser
eval-status = { $status ->
        [met] opfyldt
        [late] for sent
        [missed] forsømt
       *[pending] afventer
    }
eval-review = revision
eval-expenses = godkendte udlæg
eval-expense-to = til { $payee }  godkendt af { $approver }
eval-acts = handlinger
eval-act = { $act ->
        [signing] underskrift
        [termination] opsigelse
       *[amendment] ændring
    }
eval-act-pending = afventer
eval-signed-by = underskrevet af { $parties }
eval-awaiting = afventer { $parties }
eval-warning = advarsel: { $warning }

# Hvad der er betalt og skyldes (dispute.rs).
eval-paid-owed = betalt og skyldigt pr. { $date }  (rente: { $basis })
eval-month = afgjort { $decided }  betalt { $paid }  { $owed }  forfald { $due }
eval-month-overpaid = overbetalt { $amount }
eval-month-not-yet-due = ikke forfaldent { $amount }
eval-month-owed = skyldigt { $amount }
eval-interest = rente { $amount }
eval-part-paid = betalt { $amount } den { $date }  [{ $event }]{ $late }
eval-part-not-yet-due = ikke forfaldent { $amount }, forfalder den { $due }
eval-part-owed = skyldigt { $amount } siden { $due }{ $late }
eval-days-late-interest = {"  "}{ $days } { $days ->
        [one] dag
       *[other] dage
    } for sent, rente { $amount }
eval-days-late = {"  "}{ $days } { $days ->
        [one] dag
       *[other] dage
    } for sent
eval-empty = {""}
eval-payee-in-all = { $payee } i alt: afgjort { $decided }, betalt { $paid }, skyldigt { $owed }, ikke forfaldent { $not_yet_due }, overbetalt { $overpaid }{ $interest }
eval-payee-interest = , rente { $amount }
eval-tranche = rate { $amount } forfalder { $due } ({ $month }){ $interest }
eval-upcoming = ikke forfaldent { $amount } forfalder { $due } ({ $month })
eval-floored-from = fra { $half }
eval-and = { $first } og { $last }
eval-floored = referencerenten plus 8 procentpoint er under 0 i { $count ->
        [one] halvåret
       *[other] halvårene
    } { $halves }: renten regnes som 0 % dér

# A month's flags, made by evaluation (lang/eval): an obligation or a review missed, hours or a one-off not paid
eval-nothing = intet
eval-flag-missed = `{ $obligation }` med forfald { $latest } blev forsømt{ $earlier ->
    [0] {""}
    [one] , ligesom den med forfald { $first }
   *[other] , ligesom { $earlier } tidligere, den første med forfald { $first }
  }
eval-flag-review-missed = revurderingen af `{ $supplement }` med forfald { $latest } blev forsømt{ $earlier ->
    [0] {""}
    [one] , ligesom den med forfald { $first }
   *[other] , ligesom { $earlier } tidligere revurderinger, den første med forfald { $first }
  }
eval-flag-hours-unpaid = { $hours } af `{ $item }` betales ikke: { $why }
eval-unpaid-outside-contract = udført uden for kontraktens periode
eval-unpaid-outside-item = udført uden for postens periode
eval-unpaid-not-confirmed = indberettet, men ikke bekræftet
eval-unpaid-over-cap = over loftet for måneden
eval-once-unpaid = engangsbeløbet `{ $item }` betales ikke: { $why }
eval-once-later-text-lacks = teksten, der gælder fra { $from }, har det ikke
eval-once-not-in-force = kontrakten gælder ikke den { $day }
eval-once-text-lacks = teksten, der gælder den { $day }, har det ikke
eval-once-not-that-day = teksten, der gælder den { $day }, betaler det ikke den dag
eval-flag-unregulated = `{ $item }` reguleres ikke fra { $day }: loggen har ingen værdi af indekset `{ $index }` for { $years }
eval-year = { $year }

# Evaluation's warnings (lang/eval)
eval-no-party = ingen part
eval-warn-version-unnamed = teksten `{ $file }` (SHA-256 `{ $sha256 }`) er givet som en version, men ingen ændring nævner den: den afgør intet
eval-warn-not-signed = endnu ikke underskrevet af { $parties }: intet forfalder
eval-warn-not-started = kontrakten er ikke startet: intet forfalder
eval-warn-reach = intet afgøres efter { $reach }, { $why }: dage og hændelser derefter tælles ikke
eval-warn-reach-calendar = kalenderens sidste dag
eval-warn-reach-century = 100 år fra kontraktens start
eval-warn-termination-unsigned = opsigelsen (med virkning fra { $effective }) er endnu ikke underskrevet af { $parties }: indtil da har den ingen virkning
eval-warn-amendment-unsigned = en ændring (til teksten med SHA-256 `{ $sha256 }`, med virkning fra { $effective }) er endnu ikke underskrevet af { $parties }: indtil da har den ingen virkning
eval-warn-extra-events = { $extra } `{ $kind }`-hændelse(r) ud over dem, der forfalder
eval-warn-approved-beyond = { $approved } godkendt til `{ $payee }` for { $month } ({ $by }), mere end de { $decided }, måneden afgør{ $withheld ->
    [yes] {" "}(dens linjer minus det tilbageholdte)
   *[no] {""}
  }: { $beyond } godkendt uden en afgørelse bag
eval-warn-credited = { $approved } godkendt til `{ $payee }` for { $month } ({ $by }): der er krediteret mere end godkendt
eval-warn-approved-undecided = { $approved } godkendt til `{ $payee }` for { $month } ({ $by }), men ingen betaling er afgjort for den måned: det hele er godkendt uden en afgørelse bag
eval-warn-approved-by = faktura `{ $invoice }`, hændelse `{ $event }`{ $more ->
    [0] {""}
    [one] , og 1 linje mere
   *[other] , og { $more } linjer mere
  }
