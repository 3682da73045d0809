; Syntax highlighting for CVL. Capture names are nvim-treesitter's (the tree-sitter CLI's tests use them too);
; editor/helix/runtime/queries/cvl/highlights.scm is this file with Helix's names (a test keeps them in step).
; No two patterns capture the same node, so the order of the patterns does not matter: tree-sitter's highlighter
; and Helix let the first match win, Neovim the last.

; Keywords (spec 2.5), and the words that are keywords in one place only.
[
  "adjustable" "after" "approved" "arrears" "by" "cap" "case" "confirmed" "covers" "cvr" "due" "ends" "every"
  "first" "flag" "for" "grace" "in" "interest" "key" "lasting" "missed" "monthly" "notice" "on" "once" "paid"
  "pay" "regulated" "reimburse" "review" "role" "signed" "starts" "term" "the" "to" "up" "when" "withhold"
  ; Danish (spec 2.5), in the order of their English twins above.
  "justeres" "efter" "godkendt" "bagudbetaling" "af" "loft" "sag" "bekræftet" "dækker" "forfalder" "slutter"
  "hver" "første" "marker" "i" "henstand" "som" "rente" "nøgle" "varighed" "forsømt" "månedligt" "opsigelse"
  "den" "engang" "betalt" "betal" "reguleret" "refunder" "revideres" "rolle" "underskrevet" "starter" "løbetid"
  "de" "til" "op" "når" "tilbagehold"
] @keyword

; Words that are keywords in one statement only: elsewhere they are units or names.
(once_statement date: (start) @keyword)
(paid_statement ["day" "dag"] @keyword)
(regulated_statement ["index" "each" "year" "from" "indeks" "hvert" "år" "fra"] @keyword)
; Danish `af` is a keyword (`by`) everywhere, so the list above has it.
(end_of_month ["end" "of" "a" "month" "udgangen" "en" "måned"] @keyword)

[
  "contract" "clause" "party" "item" "supplement" "obligation" "termination"
  "kontrakt" "klausul" "part" "post" "tillæg" "forpligtelse" "ophør"
] @keyword.type

[
  "import" "use"
  "importer" "brug"
] @keyword.import

[
  "and" "or" "not" "per"
  "og" "eller" "ikke" "pr."
] @keyword.operator

; Literals.
(comment) @comment
(string) @string
(date) @string.special
(number) @number
(boolean) @boolean
(unit) @type.builtin

; Declarations and the names that refer to them.
(contract name: (identifier) @type)
(clause_definition name: (identifier) @function)
(item name: (identifier) @function)
(supplement name: (identifier) @function)
(obligation name: (identifier) @function)
(path module: (identifier) @module)
(use_statement clause: (path name: (identifier) @function.call))
(import target: (path name: (identifier) @module))

(party name: (identifier) @constant)
(parties party: (identifier) @constant)
(by_statement party: (identifier) @constant)
(pay_statement payee: (identifier) @constant)
(reimburse_statement payee: (identifier) @constant)
(consequence held: (identifier) @function)

(parameter name: (identifier) @variable.parameter)
(type_name) @type.builtin
(argument name: (identifier) @property)
(role_statement role: (identifier) @label)
(starts_statement event: (identifier) @label)
(ends_statement event: (identifier) @label)
(regulated_statement index: (identifier) @constant)
(every_statement day: (identifier) @constant.builtin)

; Operators and punctuation.
[
  "+" "-" "*" "/" "==" "!=" "<" "<=" ">" ">=" "%"
] @operator

[
  "(" ")" "{" "}"
] @punctuation.bracket

[
  "," ":" "."
] @punctuation.delimiter
