# Checkerens diagnoser om klausuler og brugen af dem (lang/check/src/clauses.rs).

# En hjælp fundet andetsteds (et "mente du", et råd om en dato eller en enhed), vist som den er.
check-clauses-hint = { $hint }

# E0014
check-clauses-param-twice = parameteren `{ $name }` er navngivet to gange
check-clauses-param-twice-label = navngivet igen her
check-clauses-param-twice-first = navngivet først her
check-clauses-param-twice-help = giv hver parameter sit eget navn

# E0033
check-clauses-unknown-type = ukendt type `{ $name }`
check-clauses-unknown-type-label = ikke en type

# E0031
check-clauses-no-module = intet modul `{ $module }` er importeret
check-clauses-no-module-label = ukendt modul
check-clauses-no-module-help = tilføj `importer { $module }` øverst i filen
check-clauses-no-clause = der er ingen klausul `{ $name }`
check-clauses-no-clause-label = ukendt klausul

# E0028
check-clauses-uses-itself = klausulen `{ $name }` bruger sig selv
check-clauses-uses-itself-label = denne brug fører tilbage til den klausul, den står i
check-clauses-uses-itself-help = en klausul kan ikke bruge sig selv, hverken direkte eller gennem en anden klausul

# E0039
check-clauses-too-deep = klausulerne, der bruges her, ligger mere end { $max } niveauer inde i hinanden
check-clauses-too-deep-label = denne brug fører til klausuler i klausuler ud over grænsen
check-clauses-too-deep-help = en klausul kan bruge en anden, og den igen en anden, op til { $max } niveauer: brug de inderste klausuler direkte, hvor der er brug for dem
# 10.000 er MAX_USES i clauses.rs, skrevet på dansk (en test i lang/check holder den).
check-clauses-too-many-uses = klausulerne, der bruges her, udfolder sig til mere end 10.000 brug
check-clauses-too-many-uses-label = denne brug går ud over grænsen
check-clauses-too-many-uses-help = en klausul, der bruger en anden to gange gennem mange niveauer, fordobles på hvert niveau: brug hver klausul, hvor der er brug for den, én gang

# E0032
check-clauses-no-param = klausulen `{ $clause }` har ingen parameter `{ $name }`
check-clauses-no-param-label = ukendt parameter
check-clauses-arg-twice = `{ $name }` er givet to gange
check-clauses-arg-twice-label = givet igen her
check-clauses-arg-twice-first = givet først her
check-clauses-missing-arg = klausulen `{ $clause }` skal have argumentet `{ $name }`
check-clauses-missing-arg-label = `{ $name }` mangler
check-clauses-missing-arg-help = tilføj `{ $name }: …` ({ $ty })

# E0018
check-clauses-arg-type = `{ $name }` skal være { $expected }, ikke { $found }
check-clauses-arg-type-label = dette er { $found }

# What an unknown name was looked for among
check-clauses-what-types = typerne
check-clauses-what-modules = de importerede moduler
check-clauses-what-clauses = klausulerne dér
check-clauses-what-parameters = parametrene
