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

# contract.rs, fmt.rs: the error line after a contract's diagnostics, with what was not done (`what`, one of the
# cli-nothing-… and cli-no-… below).
cli-has-errors = error: `{ $name }` has errors: { $what }
cli-nothing-decided = nothing was decided
cli-no-log-started = no log was started
cli-nothing-verified = nothing was verified
cli-nothing-appended = nothing was appended
cli-nothing-pulled = nothing was pulled
cli-nothing-pushed = nothing was pushed
cli-nothing-compared = nothing was compared
cli-no-link-made = no link was made
cli-fmt-not-formatted = error: `{ $name }` has errors and was not formatted
cli-fmt-not-translated = error: `{ $name }` has errors and was not translated
