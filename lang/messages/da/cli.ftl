# De ord, kommandolinjen tilføjer omkring en kontrakts diagnoser (lang/cli).

# lang.rs: `--lang` med et sprog, der ikke findes.
cli-lang-unknown = ukendt sprog `{ $code }`: skriv `en` (engelsk) eller `da` (dansk)

# render.rs: noten efter hver rapport og hjælpen i en GitHub-annotation (efter meddelelsen).
cli-explain-note = kør `cvl explain { $code }` for at læse mere
cli-github-help = {" "}(hjælp: { $help })

# check.rs: opsummeringen efter rapporterne.
cli-check-summary = tjekkede { $files } { $files ->
    [one] fil
   *[other] filer
  }: { $found }
cli-check-no-problems = ingen problemer
cli-check-errors = { $errors } fejl
cli-check-warnings = { $warnings } { $warnings ->
    [one] advarsel
   *[other] advarsler
  }
cli-check-warnings-denied = { $warnings } { $warnings ->
    [one] advarsel
   *[other] advarsler
  } (afvist med `--deny-warnings`)
cli-check-errors-warnings = { $errors } fejl, { $warnings } { $warnings ->
    [one] advarsel
   *[other] advarsler
  }
cli-check-errors-warnings-denied = { $errors } fejl, { $warnings } { $warnings ->
    [one] advarsel
   *[other] advarsler
  } (afvist med `--deny-warnings`)

# contract.rs, fmt.rs: fejllinjen efter en kontrakts diagnoser, med det, der ikke blev gjort (`what`, en af
# cli-nothing-… og cli-no-… herunder).
cli-has-errors = fejl: `{ $name }` indeholder fejl: { $what }
cli-nothing-decided = intet blev afgjort
cli-no-log-started = ingen log blev startet
cli-nothing-verified = intet blev verificeret
cli-nothing-appended = intet blev tilføjet
cli-nothing-pulled = intet blev hentet
cli-nothing-pushed = intet blev sendt
cli-nothing-compared = intet blev sammenlignet
cli-no-link-made = intet link blev lavet
cli-fmt-not-formatted = fejl: `{ $name }` indeholder fejl og blev ikke formateret
cli-fmt-not-translated = fejl: `{ $name }` indeholder fejl og blev ikke oversat
