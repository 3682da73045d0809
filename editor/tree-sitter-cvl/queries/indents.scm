; Indentation (nvim-treesitter's names; editor/helix/runtime/queries/cvl/indents.scm has Helix's): a block's
; statements and a list's entries are indented one level, and the closing bracket goes back.

[
  (block)
  (parameters)
  (arguments)
] @indent.begin

[
  "}"
  ")"
] @indent.branch @indent.end
