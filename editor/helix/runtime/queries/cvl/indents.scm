; Generated from editor/tree-sitter-cvl/queries/indents.scm with Helix's capture names; do not edit
; (CVL_WRITE_QUERIES=1 cargo test -p tree-sitter-cvl --test queries rewrites it).

; Indentation (nvim-treesitter's names; editor/helix/runtime/queries/cvl/indents.scm has Helix's): a block's
; statements and a list's entries are indented one level, and the closing bracket goes back.

[
  (block)
  (parameters)
  (arguments)
] @indent

[
  "}"
  ")"
] @outdent
