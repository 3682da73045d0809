# The words the command line adds around a contract's diagnostics (lang/cli).

# lang.rs: `--lang` given a language there is none of.
cli-lang-unknown = unknown language `{ $code }`: write `en` (English) or `da` (Danish)

# render.rs: the note after each report, and the help in a GitHub annotation (after the message).
cli-explain-note = run `cvl explain { $code }` for more
cli-github-help = {" "}(help: { $help })

# check.rs: the summary after the reports.
cli-check-summary = checked { $files } { $files ->
    [one] file
   *[other] files
  }: { $found }
cli-check-no-problems = no problems
cli-check-errors = { $errors } { $errors ->
    [one] error
   *[other] errors
  }
cli-check-warnings = { $warnings } { $warnings ->
    [one] warning
   *[other] warnings
  }
cli-check-warnings-denied = { $warnings } { $warnings ->
    [one] warning
   *[other] warnings
  } (denied by `--deny-warnings`)
cli-check-errors-warnings = { $errors } { $errors ->
    [one] error
   *[other] errors
  }, { $warnings } { $warnings ->
    [one] warning
   *[other] warnings
  }
cli-check-errors-warnings-denied = { $errors } { $errors ->
    [one] error
   *[other] errors
  }, { $warnings } { $warnings ->
    [one] warning
   *[other] warnings
  } (denied by `--deny-warnings`)
