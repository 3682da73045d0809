# Checkerens diagnoser om importer (lang/check/src/imports.rs).

# E0041: hvorfor stien i en filimport afvises
check-imports-path-empty = stien er tom
check-imports-path-absolute = en absolut sti rækker uden for kontraktens mappe
check-imports-path-backslash = `\` er ikke et skilletegn: dele af en sti adskilles med `/`
check-imports-path-colon = en sti med `:` angiver et drev eller et skema uden for kontraktens mappe
check-imports-path-empty-part = stien har en tom del (`//` eller en `/` til sidst)
check-imports-path-parent = `..` går op ud af den importerende fils mappe
check-imports-path-here = `.` er en omvej: angiv filen ved dens sti fra den importerende fils mappe
check-imports-path-dot = en del af stien begynder med et punktum
check-imports-path-character = en del af stien har et andet tegn end et bogstav, et ciffer, `_`, `-` eller `.`
check-imports-path-extension = navnet på en importeret fil ender på `.cvl`

# E0041
check-imports-refused = kan ikke importere `{ $path }`: { $reason }
check-imports-refused-path-label = ikke en fil i kontraktens egen mappe
check-imports-refused-path-help = importer en fil ved siden af kontrakten eller under den (`importer "vilkaar/lokale.cvl"`), eller læg fælles klausuler i et modul og importer det ved navn fra en `--lib`-mappe
check-imports-refused-help = importer modulets klausuler ved navn, som moduler gør
check-imports-outside-label = et symbolsk link fører denne import et andet sted hen
check-imports-outside-help = læg selve filen i mappen, ikke et symbolsk link til en fil et andet sted: det, en kontrakt består af, bliver i dens eget mappetræ og dens `--lib`-mapper

# E0027, E0029, E0041
check-imports-imported-here = importeret her

# E0027
check-imports-not-found = kan ikke finde modulet `{ $module }`
check-imports-not-found-help = søgte i { $places }
check-imports-unreadable = kan ikke læse modulet `{ $module }`: { $reason }

# E0028
check-imports-circular = cirkulær import af `{ $module }`
check-imports-circular-label = denne import fører tilbage til en fil, der importerer den
check-imports-circular-help = flyt de fælles klausuler til et modul, som begge filer importerer

# E0029
check-imports-broken = modulet `{ $module }` har fejl
check-imports-broken-help = kør `cvl check { $file }` for at se dem

# E0014
check-imports-name-twice = navnet `{ $name }` er importeret to gange, for to forskellige filer
check-imports-name-twice-label = en anden fil under navnet `{ $name }`
check-imports-name-twice-help = en filimport får navn efter sin fil: omdøb en af filerne, så `{ $name }.` kun angiver ét modul
