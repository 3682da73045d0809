# Formaterens diagnoser (lang/fmt): `cvl fmt --to da|en`, der afviser en fil (`to` er `en` eller `da`).

# E0057: oversættelsen ville ikke sige det samme.
fmt-untranslatable = filen kan ikke oversættes til { $to ->
    [da] dansk
   *[en] engelsk
  }
fmt-untranslatable-label = oversættelsen ville ikke sige det samme
fmt-untranslatable-help = et navn i filen er et ord på { $to ->
    [da] dansk
   *[en] engelsk
  }: omdøb det, før filen oversættes

# E0057: et navn, som det andet sprog har reserveret.
fmt-reserved-name = navnet `{ $name }` er et nøgleord på { $to ->
    [da] dansk
   *[en] engelsk
  }
fmt-reserved-name-label = et { $to ->
    [da] dansk
   *[en] engelsk
  } nøgleord
fmt-reserved-name-help = omdøb `{ $name }`, før filen oversættes til { $to ->
    [da] dansk
   *[en] engelsk
  }: et navn kan ikke være et nøgleord
