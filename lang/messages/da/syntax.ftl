# Lekserens og parserens diagnoser (lang/syntax), og dem enhver fil kan få.

syntax-problems-left-out = og { $count } { $count ->
    [one] problem
   *[other] problemer
  } mere i filen, ikke vist
syntax-problems-left-out-first = det første, der ikke vises, er her
syntax-problems-left-out-help = højst { $max } problemer vises for én fil: ret disse, og tjek igen

# E0009
syntax-not-utf8 = filen er ikke gyldig UTF-8
syntax-not-utf8-label = denne byte er ikke UTF-8
syntax-not-utf8-help = gem filen med tegnkodningen UTF-8

# W0001
syntax-declares-nothing = filen erklærer ingen kontrakt og ingen klausul
syntax-declares-nothing-help = skriv en { $lang ->
    [da] `kontrakt` eller en `klausul`
   *[en] `contract` eller en `clause`
  }, eller fjern filen

# E0004: noget andet end det, grammatikken forventer; `what` er en af syntax-want-… herunder og `found` en af
# lexer-token-… eller ordet, som det er skrevet.
syntax-expected-found = forventede { $what }, fandt { $found }
syntax-expected = forventede { $what }
syntax-reserved-word-help = `{ $word }` er et reserveret ord: vælg et andet navn
syntax-want-word = `{ $word }`
syntax-want-percent-each-year = `%` og { $lang ->
    [da] `hvert år fra`
   *[en] `each year from`
  } en dato
syntax-want-percent-per-year = `%` og { $lang ->
    [da] `pr. år`
   *[en] `per year`
  }
syntax-want-clause-parameters = `(` og klausulens parametre
syntax-want-colon-argument = `:` og argumentet
syntax-want-colon-type = `:` og parameterens type
syntax-want-arrears = { $lang ->
    [da] `bagudbetaling`
   *[en] `arrears`
  }
syntax-want-by-parties = { $lang ->
    [da] `af`
   *[en] `by`
  } og parterne
syntax-want-by-percentage = { $lang ->
    [da] `af`
   *[en] `by`
  } og procentsatsen om året
syntax-want-top-item = { $lang ->
    [da] `kontrakt`, `klausul` eller `importer`
   *[en] `contract`, `clause` eller `import`
  }
syntax-want-day-of-month = { $lang ->
    [da] `dag`
   *[en] `day`
  } og dagen i måneden
syntax-want-due-on-day = { $lang ->
    [da] `forfalder den dag`
   *[en] `due on day`
  } og dagen i måneden
syntax-want-on-day = { $lang ->
    [da] `den dag`
   *[en] `on day`
  } og dagen i måneden
syntax-want-first-duration = { $lang ->
    [da] `første`
   *[en] `first`
  } og en varighed
syntax-want-missed = { $lang ->
    [da] `forsømt`
   *[en] `missed`
  }
syntax-want-monthly = { $lang ->
    [da] `månedligt`
   *[en] `monthly`
  }
syntax-want-end-rule = { $lang ->
    [da] `den` og en dato, `efter` og en varighed eller `når` og en hændelse
   *[en] `on` og en dato, `after` og en varighed eller `when` og en hændelse
  }
syntax-want-moment = { $lang ->
    [da] `den` og en dato eller `når` og en hændelse
   *[en] `on` og en dato eller `when` og en hændelse
  }
syntax-want-once-on = { $lang ->
    [da] `den`
   *[en] `on`
  } og dagen, den betales
syntax-want-per-year = { $lang ->
    [da] `pr. år`
   *[en] `per year`
  }
syntax-want-end-of-month = { $lang ->
    [da] `udgangen af en måned`
   *[en] `the end of a month`
  }
syntax-want-the-first-duration = { $lang ->
    [da] `de første`
   *[en] `the first`
  } og en varighed
syntax-want-to-most-reimbursed = { $lang ->
    [da] `til`
   *[en] `to`
  } og det højeste beløb, der refunderes
syntax-want-to-payee = { $lang ->
    [da] `til`
   *[en] `to`
  } og den part, der modtager betalingen
syntax-want-to-reimbursed = { $lang ->
    [da] `til`
   *[en] `to`
  } og den part, der får refusion
syntax-want-withhold-or-flag = { $lang ->
    [da] `tilbagehold` eller `marker`
   *[en] `withhold` eller `flag`
  }
syntax-want-open-brace = `{"{"}`
syntax-want-module-or-file = et modulnavn eller et filnavn
syntax-want-name-after-dot = et navn efter `.`
syntax-want-name-clause = et navn til klausulen
syntax-want-name-contract = et navn til kontrakten
syntax-want-name-item = et navn til posten
syntax-want-name-obligation = et navn til forpligtelsen
syntax-want-name-party = et navn til parten
syntax-want-name-supplement = et navn til tillægget
syntax-want-parameter-name = et parameternavn
syntax-want-party = en part
syntax-want-role = en rolle
syntax-want-statement = en bestemmelse
syntax-want-statement-or-close = en bestemmelse eller `{"}"}`
syntax-want-string = en tekststreng
syntax-want-type = en type
syntax-want-unit-after-per = en enhed efter { $lang ->
    [da] `pr.`
   *[en] `per`
  }
syntax-want-weekday = en ugedag
syntax-want-expression = et udtryk
syntax-want-item = en post
syntax-want-withheld-item = en post, der tilbageholdes
syntax-want-cvr = CVR-nummeret som tekststreng
syntax-want-case = sagsreferencen som tekststreng
syntax-want-index-name = indeksets navn
syntax-want-event-kind = hændelsens art
syntax-want-clause-name = navnet på en klausul
syntax-want-parameter-of-clause = navnet på en parameter
syntax-want-payee = den part, der modtager betalingen
syntax-want-reimbursed = den part, der får refusion
syntax-want-key = den offentlige nøgle som tekststreng
syntax-want-covered = hvad prisen dækker, som tekststreng

# Ordene, som en E0004 nævner det, den fandt.
lexer-token-comment = en kommentar
lexer-token-date = en dato
lexer-token-number = et tal
lexer-token-string = en tekststreng
lexer-token-name = et navn
lexer-token-end = slutningen af filen
lexer-token-as-written = { $token }

# E0057: et ord fra det andet sprog end filens (`other` og `lang` er `en` eller `da`).
syntax-other-language = `{ $word }` er et { $other ->
    [da] dansk
   *[en] engelsk
  } ord, men filen er på { $lang ->
    [da] dansk
   *[en] engelsk
  }
syntax-other-language-label = { $other ->
    [da] dansk
   *[en] engelsk
  } ord
syntax-other-language-help = skriv `{ $meant }`: en fil er på ét sprog, og dens første ord `{ $first }` gør den { $lang ->
    [da] dansk
   *[en] engelsk
  }

# E0008
syntax-too-deep = indlejret mere end { $max } niveauer dybt
syntax-too-deep-label = for dybt her
syntax-too-deep-help = del udtrykket eller blokken op i mindre dele

# E0005
syntax-unclosed = `{ $open }` lukkes ikke
syntax-unclosed-label = denne `{ $open }` lukkes aldrig
syntax-unclosed-expected = forventede `{ $close }` før { $found }

# E0001
syntax-this-character = dette tegn
syntax-unexpected-characters = { $count } uventede tegn, det første { $first }
syntax-unexpected-characters-label = intet i CVL begynder med disse tegn
syntax-unexpected-character = uventet tegn { $found }
syntax-unexpected-character-label = intet i CVL begynder med dette tegn
syntax-unexpected-equals-help = skriv `==` for at sammenligne
syntax-unexpected-bang-help = skriv { $lang ->
    [da] `ikke`
   *[en] `not`
  } for at benægte; skriv `!=` for at sammenligne
syntax-unexpected-quote-help = tekststrenge skrives i dobbelte anførselstegn: `"…"`
syntax-line-break = uventet linjeskift { $code }
syntax-line-break-label = en editor begynder en ny linje her
syntax-line-break-help = en linje slutter med \n (eller \r\n): fjern tegnet
syntax-direction-mark = uventet retningsmærke { $code }
syntax-direction-mark-label = dette tegn ændrer den rækkefølge, teksten vises i
syntax-direction-mark-help = usynlige retningsmærker kan få teksten til at læses i en anden rækkefølge, end cvl læser den: fjern tegnet

# E0004 i betalingsbetingelserne (parser/terms.rs)
syntax-due-help = skriv den dag i den følgende måned, en måned forfalder: { $lang ->
    [da] `betalt månedligt som bagudbetaling, forfalder den dag 10`
   *[en] `paid monthly in arrears, due on day 10`
  }
syntax-interest-not-rate = `{ $written }` er ikke skrevet som en rentesats
syntax-interest-not-rate-label = en rentesats skrives { $lang ->
    [da] `P % pr. år`
   *[en] `P % per year`
  }
syntax-interest-not-rate-help = skriv den årlige sats som en procentsats: { $lang ->
    [da] `rente 10 % pr. år`
   *[en] `interest 10 % per year`
  }
syntax-interest-help = en rentesats er en procentsats om året: { $lang ->
    [da] `rente 10 % pr. år`
   *[en] `interest 10 % per year`
  }
syntax-once-help = angiv den dag, der betales: { $lang ->
    [da] `engang den start` eller `engang den 2019-03-01`
   *[en] `once on start` eller `once on 2019-03-01`
  }
syntax-regulated-help = en årlig regulering skrives { $lang ->
    [da] `reguleret af 2.5 % hvert år fra 2020-01-01`
   *[en] `regulated by 2.5 % each year from 2020-01-01`
  }
syntax-regulated-index-help = en regulering efter et indeks skrives { $lang ->
    [da] `reguleret af indeks pl hvert år fra 2020-01-01`
   *[en] `regulated by index pl each year from 2020-01-01`
  }
syntax-notice-help = en opsigelse, der løber til udgangen af en måned, skrives { $lang ->
    [da] `opsigelse 1 måned til udgangen af en måned`
   *[en] `notice 1 month to the end of a month`
  }

# E0004 og E0011 i udtryk (parser/expr.rs)
syntax-not-a-word = `{ $written }` er ikke et ord i CVL
syntax-per-label = en sats skrives med `per`
syntax-per-label-danish = en sats skrives med `pr.`
syntax-per-help = mente du `per`? skriv `… DKK per month`
syntax-per-help-danish = mente du `pr.`? skriv `… kr. pr. måned`
syntax-chained-comparison = sammenligninger kan ikke kædes sammen
syntax-chained-comparison-label = en sammenligning mere
syntax-chained-comparison-first = dette er allerede en sammenligning
syntax-chained-comparison-help = forbind sammenligningerne med { $lang ->
    [da] `og`: `a < b og b < c`
   *[en] `and`: `a < b and b < c`
  }
syntax-not-help = sæt { $lang ->
    [da] `ikke …`
   *[en] `not …`
  } i parentes

# E0004: tal og datoer skrevet på en anden måde (parser/expr.rs, misread.rs)
syntax-not-written-as-date = `{ $written }` er ikke skrevet som en dato
syntax-date-label = en dato skrives `ÅÅÅÅ-MM-DD`
syntax-comma-in-number = `,` er ikke en del af et tal
syntax-point-in-number = `.` er decimaltegnet og skrives én gang med cifre på begge sider
syntax-not-a-number = `{ $written }` er ikke et tal
syntax-date-written-help = skriv `{ $date }`: en dato skrives med året først, `ÅÅÅÅ-MM-DD`
syntax-date-how-help = en dato skrives `ÅÅÅÅ-MM-DD`, f.eks. `2024-03-01`: et firecifret år, så måneden og dagen
syntax-number-how-help = et tal skrives med cifre, `_` mellem grupper af tusinder og `.` før decimalerne: `22_500.50`
syntax-number-trailing-point-help = et decimaltegn har cifre på begge sider: skriv `{ $number }`
syntax-number-marks-help = skriv `{ $number }`: `_` grupperer tusinder, og `.` er decimaltegnet
syntax-number-comma-help = skriv `{ $thousands }`, hvis `,` grupperer tusinder, eller `{ $decimal }`, hvis det er et decimalkomma: i CVL grupperer `_` tusinder, og `.` er decimaltegnet
syntax-number-decimal-comma-help = decimaltegnet er `.`: skriv `{ $number }`
syntax-number-thousands-help = skriv `{ $number }`: tusinder grupperes med `_`, og `.` er decimaltegnet

# E0007
syntax-too-many-digits = `{ $written }` har flere cifre, end et tal kan rumme
syntax-too-many-digits-label = for mange cifre
syntax-too-many-digits-help = et tal har højst { $max } cifre, medregnet dem efter decimaltegnet

# E0006
syntax-not-in-calendar = `{ $written }` er ikke en dato i kalenderen
syntax-not-in-calendar-label = den dag findes ikke
syntax-month-range-help = en måned er fra 01 til 12
syntax-month-days-help = den måned har { $days } dage
syntax-date-form-help = skriv datoen som `ÅÅÅÅ-MM-DD`

# E0002
syntax-unterminated-string = uafsluttet tekststreng
syntax-unterminated-string-label = tekststrengen lukkes ikke før linjens slutning
syntax-unterminated-string-help = luk tekststrengen med `"`; en tekststreng kan ikke gå over flere linjer

# E0003
syntax-bad-escape = `{ $written }` er ikke en escape-sekvens i en tekststreng
syntax-bad-escape-label = ukendt escape-sekvens
syntax-bad-escape-help = escape-sekvenserne er `\"`, `\\`, `\n` og `\t`

# E0012
syntax-not-a-unit = `{ $word }` er ikke en enhed
syntax-not-a-unit-label = ukendt enhed
syntax-unit-meant-help = mente du `{ $meant }`?
syntax-currency-meant-help = mente du `{ $meant }`? en valuta skrives som sin kode på tre store bogstaver
syntax-unit-meant-english-help = mente du `{ $meant }`? enheder skrives på engelsk
syntax-month-as-unit-help = en dato skrives `ÅÅÅÅ-MM-DD`, f.eks. `2024-03-01`
syntax-units-help = { $lang ->
    [da] enhederne er `dag`, `uge`, `måned`, `år`, `time` (eller deres flertal), `kr.` og en valutakode som `EUR`
   *[en] enhederne er `day`, `week`, `month`, `year`, `hour` (eller deres flertal) og en valutakode som `DKK`
  }

# E0010
syntax-cpr = et personnummer må ikke stå i en kontrakt
syntax-cpr-label = dette ligner et CPR-nummer
syntax-cpr-help = angiv sagen ved dens pseudonyme reference ({ $lang ->
    [da] `sag "…"`
   *[en] `case "…"`
  }), og udelad CPR-nummeret
