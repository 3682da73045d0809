; Folds: every declaration with a block, and long lists of parameters and arguments.

[
  (contract)
  (clause_definition)
  (party)
  (item)
  (supplement)
  (obligation)
  (termination)
  (parameters)
  (arguments)
] @fold
