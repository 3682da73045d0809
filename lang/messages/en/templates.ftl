# `cvl new KIND NAME` and `cvl doc MODULE [CLAUSE]` (lang/library: templates.rs, docs.rs; lang/cli: library.rs).

# What each template is, by its kind.
templates-about-placement = a child placed with a care home, paid monthly, with status reports, supervised visits and school transport
templates-about-foster-family = a child placed with a foster family: a fee regulated each year, a half-yearly report, an expense allowance and a start-up payment
templates-about-mentor = mentor support paid by the hour the citizen confirms, with a monthly cap and a progress report
templates-about-consultant = an hourly consultant paid for the hours the municipality confirms, with a monthly cap and a progress report

# An unknown kind or language.
templates-no-template = there is no template `{ $kind }`
templates-what-templates = templates
templates-no-language = there are no templates in the language `{ $lang }`
templates-languages = the languages are { $languages }

# A name a contract cannot have.
templates-name-empty = the contract's name is empty
templates-name-placeholder = `{ $name }` is a placeholder's name (spec 5.11) and cannot name a contract
templates-name-keyword = `{ $name }` is a keyword and cannot name a contract
templates-name-not-a-name = `{ $name }` is not a name a contract can have
templates-name-help = a name is letters, digits and `_`, starting with a letter or `_`, such as `placement_anb_2019_0042`

# What `cvl new` says when it has written the file, or cannot.
templates-wrote = wrote { $file }: fill in its { $count } placeholders; `cvl check { $file }` points at each
templates-exists = `{ $file }` exists already: cvl new never writes over a file
templates-exists-help = choose another NAME, or another directory with `-o DIR`
templates-cannot-write = cannot write `{ $file }`: { $reason }

# `cvl doc`: an unknown module or clause.
templates-doc-no-module = there is no module `{ $name }` in the standard library
templates-doc-modules = modules
templates-doc-no-clause = the module `{ $module }` has no clause `{ $name }`
templates-doc-clauses = clauses of `{ $module }`
