; Generated from editor/tree-sitter-cvl/queries/textobjects.scm with Helix's capture names; do not edit
; (CVL_WRITE_QUERIES=1 cargo test -p tree-sitter-cvl --test queries rewrites it).

; Text objects (nvim-treesitter-textobjects' names; editor/helix/runtime/queries/cvl/textobjects.scm has Helix's).
; Contracts and clause definitions are classes; parties, items, supplements, obligations and terminations are
; functions, so that `af`/`if` (Neovim) or `maf`/`mif` (Helix) select the declaration or its body.

(contract body: (block) @class.inside) @class.around
(clause_definition body: (block) @class.inside) @class.around

(party body: (block) @function.inside) @function.around
(item body: (block) @function.inside) @function.around
(supplement body: (block) @function.inside) @function.around
(obligation body: (block) @function.inside) @function.around
(termination body: (block) @function.inside) @function.around

(parameter) @parameter.inside
(argument) @parameter.inside
(parameters (parameter) @parameter.around)
(arguments (argument) @parameter.around)

(comment) @comment.inside
(comment) @comment.around

(block (_) @statement.around)
(use_statement) @call.around
(use_statement arguments: (arguments) @call.inside)
