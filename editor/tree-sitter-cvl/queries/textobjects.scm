; Text objects (nvim-treesitter-textobjects' names; editor/helix/runtime/queries/cvl/textobjects.scm has Helix's).
; Contracts and clause definitions are classes; parties, items, supplements, obligations and terminations are
; functions, so that `af`/`if` (Neovim) or `maf`/`mif` (Helix) select the declaration or its body.

(contract body: (block) @class.inner) @class.outer
(clause_definition body: (block) @class.inner) @class.outer

(party body: (block) @function.inner) @function.outer
(item body: (block) @function.inner) @function.outer
(supplement body: (block) @function.inner) @function.outer
(obligation body: (block) @function.inner) @function.outer
(termination body: (block) @function.inner) @function.outer

(parameter) @parameter.inner
(argument) @parameter.inner
(parameters (parameter) @parameter.outer)
(arguments (argument) @parameter.outer)

(comment) @comment.inner
(comment) @comment.outer

(block (_) @statement.outer)
(use_statement) @call.outer
(use_statement arguments: (arguments) @call.inner)
