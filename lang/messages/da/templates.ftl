# `cvl new KIND NAVN` og `cvl doc MODUL [KLAUSUL]` (lang/library: templates.rs, docs.rs; lang/cli: library.rs).

# Hvad hver skabelon er, efter dens slags.
templates-about-placement = et barn anbragt på et opholdssted, betalt månedligt, med statusrapporter, overvåget samvær og skolekørsel
templates-about-foster-family = et barn anbragt i en plejefamilie: et vederlag, der reguleres hvert år, en halvårlig rapport, et omkostningsbeløb og et startbeløb
templates-about-mentor = mentorstøtte betalt for de timer, borgeren bekræfter, med et månedligt loft og en statusrapport
templates-about-consultant = en konsulent på timebasis, betalt for de timer, kommunen bekræfter, med et månedligt loft og en statusrapport

# En ukendt slags eller et ukendt sprog.
templates-no-template = der er ingen skabelon `{ $kind }`
templates-what-templates = skabelonerne
templates-no-language = der er ingen skabeloner på sproget `{ $lang }`
templates-languages = sprogene er { $languages }

# Et navn, en kontrakt ikke kan have.
templates-name-empty = kontraktens navn er tomt
templates-name-placeholder = `{ $name }` er navnet på en pladsholder (spec 5.11) og kan ikke være en kontrakts navn
templates-name-keyword = `{ $name }` er et nøgleord og kan ikke være en kontrakts navn
templates-name-not-a-name = `{ $name }` kan ikke være en kontrakts navn
templates-name-help = et navn består af bogstaver, cifre og `_` og begynder med et bogstav eller `_`, fx `placement_anb_2019_0042`

# Hvad `cvl new` siger, når filen er skrevet, eller når den ikke kan skrives.
templates-wrote = skrev { $file }: udfyld dens { $count } pladsholdere; `cvl check { $file }` peger på hver enkelt
templates-exists = `{ $file }` findes allerede: cvl new skriver aldrig oven i en fil
templates-exists-help = vælg et andet NAVN eller en anden mappe med `-o MAPPE`
templates-cannot-write = kan ikke skrive `{ $file }`: { $reason }

# `cvl doc`: et ukendt modul eller en ukendt klausul.
templates-doc-no-module = der er intet modul `{ $name }` i standardbiblioteket
templates-doc-modules = modulerne
templates-doc-no-clause = modulet `{ $module }` har ingen klausul `{ $name }`
templates-doc-clauses = klausulerne i `{ $module }`
