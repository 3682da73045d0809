# The table `cvl eval` prints (lang/cli: decision.rs, provenance.rs, dispute.rs). Amounts come formatted in the
# language's notation; dates are ISO in both languages.

# The header: what was decided from.
eval-decided-by = decided   by { $version }
eval-contract = contract  { $file }  sha256:{ $sha256 }
eval-source = source  { $file }  sha256:{ $sha256 }
eval-log = log       { $file }  sha256:{ $sha256 }
eval-log-verified = verified: { $entries } entries, chained to the contract, each signed by its actor's key; head sha256:{ $head }
eval-events = events    { $file }  sha256:{ $sha256 }
eval-events-unsigned = unsigned: nothing was verified (evaluate a signed log with --log)
eval-as-of = as of     { $date }
eval-version = version   { $file }  sha256:{ $sha256 }  in force { $from } to { $to }
eval-version-amended = { $version }, amended by { $events }

# A month's payment.
eval-total = total
eval-withheld = withheld
eval-released = released
eval-approved = approved
eval-held-back = held back
eval-held-missed = held back{ $count ->
        [0] {""}
       *[other] {" "}{ $items }
    }: `{ $obligation }` due { $due } was missed, its grace ended { $grace }  [{ $clause }]
eval-imposed = imposed by `when missed withhold`
eval-imposed-at = imposed by `when missed withhold` at { $at }
eval-imposed-in-contract = { $imposed }, in the contract
eval-imposed-in-clause = { $imposed }, in the clause `{ $clause }` ({ $clause_at }) used at { $used_at }
eval-meeting-signed = { $event } dated { $date }, signed by { $actor }
eval-meeting-unsigned = { $event } dated { $date } from { $actor } (unsigned)
eval-released-in = released in { $month } by { $by }
eval-not-released = not released: the occurrence is not met as of the date decided
eval-released-from = held back in { $months }, released now the obligation is met{ $listed ->
        [0] {""}
       *[other] {": "}{ $by }
    }
eval-approved-by = by { $invoices }
eval-invoice = invoice `{ $invoice }` [{ $event }]
eval-invoices-many = { $first } … { $last } ({ $count } invoices)
eval-events-many = { $first } … { $last } ({ $count } events)
eval-flagged = flagged: { $flag }
eval-provisional = provisional: decided as of { $date }, the rest of the month is not decided yet

# Obligations, expenses, acts, warnings.
eval-obligations = obligations
eval-status = { $status }
eval-review = review
eval-expenses = expenses approved
eval-expense-to = to { $payee }  approved by { $approver }
eval-acts = acts
eval-act = { $act }
eval-act-pending = pending
eval-signed-by = signed by { $parties }
eval-awaiting = awaiting { $parties }
eval-warning = warning: { $warning }

# What was paid and is owed (dispute.rs).
eval-paid-owed = paid and owed as of { $date }  (interest: { $basis })
eval-month = decided { $decided }  paid { $paid }  { $owed }  due { $due }
eval-month-overpaid = overpaid { $amount }
eval-month-not-yet-due = not yet due { $amount }
eval-month-owed = owed { $amount }
eval-interest = interest { $amount }
eval-part-paid = paid { $amount } on { $date }  [{ $event }]{ $late }
eval-part-not-yet-due = not yet due { $amount }, falls due on { $due }
eval-part-owed = owed { $amount } since { $due }{ $late }
eval-days-late-interest = {"  "}{ $days } days late, interest { $amount }
eval-days-late = {"  "}{ $days } days late
eval-empty = {""}
eval-payee-in-all = { $payee } in all: decided { $decided }, paid { $paid }, owed { $owed }, not yet due { $not_yet_due }, overpaid { $overpaid }{ $interest }
eval-payee-interest = , interest { $amount }
eval-tranche = tranche { $amount } due { $due } ({ $month }){ $interest }
eval-upcoming = not yet due { $amount } falls due { $due } ({ $month })
eval-floored-from = from { $half }
eval-and = { $first } and { $last }
eval-floored = the reference rate plus 8 points is below 0 in the { $count ->
        [one] half-year
       *[other] half-years
    } { $halves }: interest is counted at 0 % there

# A month's flags, made by evaluation (lang/eval): an obligation or a review missed, hours or a one-off not paid
eval-nothing = nothing
eval-flag-missed = `{ $obligation }` due { $latest } was missed{ $earlier ->
    [0] {""}
    [one] , as was the one due { $first }
   *[other] , as were { $earlier } earlier occurrences, the first due { $first }
  }
eval-flag-review-missed = the review of `{ $supplement }` due { $latest } was missed{ $earlier ->
    [0] {""}
    [one] , as was the one due { $first }
   *[other] , as were { $earlier } earlier reviews, the first due { $first }
  }
eval-flag-hours-unpaid = { $hours } of `{ $item }` not paid: { $why }
eval-unpaid-outside-contract = worked outside the contract's period
eval-unpaid-outside-item = worked outside the item's period
eval-unpaid-not-confirmed = reported but not confirmed
eval-unpaid-over-cap = over the cap for the month
eval-once-unpaid = the one-off `{ $item }` is not paid: { $why }
eval-once-later-text-lacks = the text in force from { $from } does not have it
eval-once-not-in-force = the contract is not in force on { $day }
eval-once-text-lacks = the text in force on { $day } does not have it
eval-once-not-that-day = the text in force on { $day } does not pay it that day
eval-flag-unregulated = `{ $item }` is not regulated from { $day }: the log has no value of index `{ $index }` for { $years }
eval-year = { $year }

# Evaluation's warnings (lang/eval)
eval-no-party = no party
eval-warn-version-unnamed = the text `{ $file }` (SHA-256 `{ $sha256 }`) is given as a version, but no amendment names it: it decides nothing
eval-warn-not-signed = not yet signed by { $parties }: nothing is due
eval-warn-not-started = the contract has not started: nothing is due
eval-warn-reach = nothing is decided after { $reach }, { $why }: days and events after it are not counted
eval-warn-reach-calendar = the last day of the calendar
eval-warn-reach-century = 100 years from the contract's start
eval-warn-termination-unsigned = the termination (effective { $effective }) is not yet signed by { $parties }: until it is, it has no effect
eval-warn-amendment-unsigned = an amendment (to the text with SHA-256 `{ $sha256 }`, effective { $effective }) is not yet signed by { $parties }: until it is, it has no effect
eval-warn-extra-events = { $extra } `{ $kind }` event(s) beyond the occurrences that fall due
eval-warn-approved-beyond = { $approved } approved to `{ $payee }` for { $month } ({ $by }), more than the { $decided } the month decides{ $withheld ->
    [yes] {" "}(its lines less what is withheld)
   *[no] {""}
  }: { $beyond } approved without a decision behind it
eval-warn-credited = { $approved } approved to `{ $payee }` for { $month } ({ $by }): more was credited than approved
eval-warn-approved-undecided = { $approved } approved to `{ $payee }` for { $month } ({ $by }), but no payment is decided for that month: all of it is approved without a decision behind it
eval-warn-approved-by = invoice `{ $invoice }`, event `{ $event }`{ $more ->
    [0] {""}
    [one] , and 1 more line
   *[other] , and { $more } more lines
  }
