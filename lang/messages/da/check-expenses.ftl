# Checkerens diagnoser om det, fakturaer matches på og må kræve: CVR-numre, hvad en pris dækker, refunderede
# poster (lang/check/src/expenses.rs).

check-expenses-this-is = dette er { $found }

# E0044
check-expenses-cvr-not-eight = CVR-nummeret `{ $cvr }` er ikke 8 cifre
check-expenses-cvr-not-eight-label = ikke et CVR-nummer
check-expenses-cvr-digits-alone = skriv kun de 8 cifre: `cvr "{ $digits }"`
check-expenses-cvr-what = et CVR-nummer er de 8 cifre, som Det Centrale Virksomhedsregister (cvr.dk) giver virksomheden
check-expenses-cvr-check-digit = CVR-nummeret `{ $cvr }` har et forkert kontrolciffer
check-expenses-cvr-check-digit-label = består ikke modulus 11-kontrollen
check-expenses-cvr-check-digit-help = et ciffer er forkert, eller to er byttet om: kopiér nummeret fra Det Centrale Virksomhedsregister (cvr.dk)

# E0045
check-expenses-cvr-taken = `{ $party }` har allerede CVR-nummeret `{ $cvr }`
check-expenses-cvr-taken-label = samme CVR-nummer som en anden parts
check-expenses-cvr-taken-help = en faktura angiver sin leverandør ved CVR-nummer: hver part skal have sit eget
check-expenses-cvr-taken-first = angivet her først

# E0046
check-expenses-covers-nothing = `dækker` angiver intet her
check-expenses-covers-empty = en tom streng
check-expenses-covers-blank = kun mellemrum
check-expenses-covers-nothing-help = angiv, hvad prisen dækker, fx `"lommepenge"`, eller fjern strengen

# E0047
check-expenses-covers-twice = `{ $item }` dækker `{ $thing }` to gange
check-expenses-covers-twice-label = nævnt igen her
check-expenses-covers-twice-first = nævnt første gang her
check-expenses-covers-twice-help = nævn hver ting én gang
check-expenses-covered-twice = `{ $thing }` dækkes af både `{ $owner }` og `{ $item }`
check-expenses-covered-twice-label = dækket igen her
check-expenses-covered-twice-first = dækket af `{ $owner }` her
check-expenses-covered-twice-help = angiv i én post, hvad dens pris dækker

# E0019, E0018, E0049, E0042: en grænse for refusion
check-expenses-limit-per = en grænse for refusion kan ikke tælle pr. { $per }
check-expenses-limit-per-label = pr. { $per }
check-expenses-limit-per-help = angiv det højeste beløb pr. kalendermåned (`… kr. pr. måned`), pr. kalenderår (`… kr. pr. år`) eller for hele kontrakten (`… kr.`)
check-expenses-limit-type = forventede et pengebeløb, fandt { $found }
check-expenses-limit-nothing = en grænse for refusion på { $limit } refunderer intet
check-expenses-limit-nothing-label = ikke over nul
check-expenses-limit-nothing-help = angiv det højeste beløb, der refunderes, fx `op til 10_000 kr. pr. år`
check-expenses-limit-too-much = en grænse for refusion på { $shown } er mere, end CVL betaler
check-expenses-limit-most = højst { $most }
check-expenses-limit-too-much-help = ingen kontrakt betaler så meget: tjek antallet af cifre (grænserne står i `cvl explain E0042`)

# E0048
check-expenses-needs-reimburse = `{ $word }` kræver `refunder` i `{ $item }`
check-expenses-needs-reimburse-label = kun for en refunderet post
check-expenses-needs-reimburse-help = `op til` og `godkendt af` angiver, hvordan en refunderet post (`refunder til PART`) betaler: tilføj `refunder til`, eller fjern dette
check-expenses-unfit = `{ $word }` passer ikke til den refunderede post `{ $item }`
check-expenses-unfit-label = ikke for en refunderet post
check-expenses-unfit-reimbursed = refunderet her
check-expenses-unfit-help = en refunderet post betaler godkendte udgifter op til sin grænse; { $why }
check-expenses-unfit-pay = den betaler det godkendte, ikke en sats: behold `betal` eller `refunder`
check-expenses-unfit-covers = dens pris er det godkendte: angiv i posten med prisen, hvad den dækker
check-expenses-unfit-cap = dens grænse er `op til`: fjern `loft`
check-expenses-unfit-confirmed-by = dens udgifter godkendes af parterne i `godkendt af`: fjern `bekræftet af`
check-expenses-unfit-for-the-first = dens grænse tæller over kontraktens periode: fjern `i de første`
check-expenses-unfit-starts = den betaler udgifter dateret inden for kontraktens periode: fjern `starter`
check-expenses-unfit-ends = den betaler udgifter dateret inden for kontraktens periode: fjern `slutter`

# E0030
check-expenses-needs = en refunderet post kræver `{ $word }`
check-expenses-needs-label = ingen `{ $word }` her
check-expenses-needs-up-to-help = angiv det højeste, den betaler: `op til 10_000 kr. pr. år`, pr. måned eller for hele kontrakten uden `pr.`
check-expenses-needs-approved-by-help = angiv den part, hvis godkendelse en udgift kræver: `godkendt af PART`
