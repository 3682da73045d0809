" Vim syntax file for CVL contracts (Neovim and Vim).
" The keywords are those of lang/syntax/src/lexer.rs (KEYWORDS), each listed once; a test in tests/tests/editor.rs
" keeps the lists equal.

if exists("b:current_syntax")
  finish
endif

syntax iskeyword @,48-57,_,192-255

syntax keyword cvlStorage contract clause party item supplement obligation termination
syntax keyword cvlImport import use
syntax keyword cvlControl starts ends on after when missed withhold flag every for the first
syntax keyword cvlKeyword case role key signed by pay to paid monthly in arrears adjustable term review lasting grace cap confirmed notice cvr covers reimburse up approved due interest once regulated
syntax keyword cvlOperatorWord and or not per
syntax keyword cvlBoolean true false

" When two matches start at the same place the one defined last wins: the comment after the operators (for `//`)
" and the date after the number (for `2019-01-15`).
syntax match cvlOperator "==\|!=\|<=\|>=\|[-+*/<>]"
syntax match cvlComment "//.*$" contains=@Spell
syntax region cvlString start=+"+ skip=+\\.+ end=+"+ end=+$+ oneline contains=cvlEscape,cvlBadEscape
syntax match cvlBadEscape contained +\\.+
syntax match cvlEscape contained +\\["\\nt]+
syntax match cvlNumber "\<\d[0-9_]*\%(\.\d\+\)\=" nextgroup=cvlUnit skipwhite
syntax match cvlDate "\<\d\{4}-\d\{2}-\d\{2}"
syntax match cvlUnit contained "\<\%(days\=\|weeks\=\|months\=\|years\=\|hours\=\|\u\u\u\)\>"
syntax match cvlPerUnit "\%(\<per\s\+\)\@<=\%(days\=\|weeks\=\|months\=\|years\=\|hours\=\|\u\u\u\)\>"

highlight default link cvlStorage StorageClass
highlight default link cvlImport Include
highlight default link cvlControl Conditional
highlight default link cvlKeyword Keyword
highlight default link cvlOperatorWord Operator
highlight default link cvlBoolean Boolean
highlight default link cvlComment Comment
highlight default link cvlString String
highlight default link cvlEscape SpecialChar
highlight default link cvlBadEscape Error
highlight default link cvlDate Constant
highlight default link cvlNumber Number
highlight default link cvlUnit Type
highlight default link cvlPerUnit Type
highlight default link cvlOperator Operator

let b:current_syntax = "cvl"
