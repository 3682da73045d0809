# Checkerens diagnoser om `når forsømt tilbagehold POST, …` (lang/check/src/withheld.rs).

# En hjælp fundet andetsteds (et "mente du"), vist som den er.
check-withheld-hint = { $hint }

# E0053
check-withheld-unknown = `{ $name }` er ikke en post eller et tillæg i kontrakten
check-withheld-unknown-label = intet at tilbageholde under dette navn
check-withheld-reimbursed = den refunderede post `{ $name }` har ingen betaling at tilbageholde
check-withheld-reimbursed-label = betaler godkendte udgifter, ikke en måneds betaling
check-withheld-reimbursed-help = navngiv de poster, hvis månedlige betalinger holdes tilbage, indtil forpligtelsen er opfyldt
check-withheld-item-payee = posten `{ $name }` betales til `{ $payee }`, ikke til { $bound }, som `{ $obligation }` binder
check-withheld-supplement-payee = tillægget `{ $name }` betales til `{ $payee }`, ikke til { $bound }, som `{ $obligation }` binder
check-withheld-payee-label = betalt til `{ $payee }`
check-withheld-payee-help = en forsømt forpligtelse holder betalinger til den part, den binder, tilbage: navngiv en post, der betales til den part
check-withheld-parties = { $parties }
check-withheld-parties-or = { $first } eller { $rest }

# What an unknown item was looked for among
check-withheld-what-items = posterne
