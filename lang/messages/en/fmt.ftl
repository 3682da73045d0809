# The formatter's diagnostics (lang/fmt): `cvl fmt --to da|en` refusing a file (`to` is `en` or `da`).

# E0057: the translation would not say the same.
fmt-untranslatable = the file cannot be translated to { $to ->
    [da] Danish
   *[en] English
  }
fmt-untranslatable-label = its translation would not say the same
fmt-untranslatable-help = a name in the file is a word of { $to ->
    [da] Danish
   *[en] English
  }: rename it before translating

# E0057: a name that the other language reserves.
fmt-reserved-name = the name `{ $name }` is a keyword in { $to ->
    [da] Danish
   *[en] English
  }
fmt-reserved-name-label = a { $to ->
    [da] Danish
   *[en] English
  } keyword
fmt-reserved-name-help = rename `{ $name }` before translating the file to { $to ->
    [da] Danish
   *[en] English
  }: a name cannot be a keyword
