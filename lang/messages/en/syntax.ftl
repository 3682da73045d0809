# The lexer's and the parser's diagnostics (lang/syntax), and those every file may get.

syntax-problems-left-out = and { $count } more { $count ->
    [one] problem
   *[other] problems
  } in this file, not shown
syntax-problems-left-out-first = the first not shown is here
syntax-problems-left-out-help = at most { $max } problems are shown for one file: fix these and check again
