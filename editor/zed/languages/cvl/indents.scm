; Indentation: a block's statements and a list's entries are indented one level; the closing bracket goes back.
(block "}" @end) @indent
(parameters ")" @end) @indent
(arguments ")" @end) @indent
