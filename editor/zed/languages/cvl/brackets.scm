; Matching brackets.
("{" @open "}" @close)
("(" @open ")" @close)
