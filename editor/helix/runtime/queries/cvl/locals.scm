; Generated from editor/tree-sitter-cvl/queries/locals.scm with Helix's capture names; do not edit
; (CVL_WRITE_QUERIES=1 cargo test -p tree-sitter-cvl --test queries rewrites it).

; Scopes, definitions and references: a contract's and a clause's declarations are visible in its whole body.

[
  (contract)
  (clause_definition)
] @local.scope

(parameter name: (identifier) @local.definition)
(party name: (identifier) @local.definition)
(item name: (identifier) @local.definition)
(supplement name: (identifier) @local.definition)
(obligation name: (identifier) @local.definition)

(identifier) @local.reference
