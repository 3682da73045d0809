; The outline (symbols): contracts and clause definitions, and the declarations in them.
(contract "contract" @context name: (identifier) @name) @item
(clause_definition "clause" @context name: (identifier) @name) @item
(party "party" @context name: (identifier) @name) @item
(item "item" @context name: (identifier) @name) @item
(supplement "supplement" @context name: (identifier) @name) @item
(obligation "obligation" @context name: (identifier) @name) @item
(termination "termination" @name) @item
