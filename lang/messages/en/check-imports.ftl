# The checker's diagnostics about imports (lang/check/src/imports.rs).

# E0041: why a file import's path is refused
check-imports-path-empty = the path is empty
check-imports-path-absolute = an absolute path reaches outside the contract's directory
check-imports-path-backslash = `\` is not a separator: parts of a path are separated by `/`
check-imports-path-colon = a path with `:` names a drive or a scheme, outside the contract's directory
check-imports-path-empty-part = the path has an empty part (`//` or a `/` at its end)
check-imports-path-parent = `..` climbs out of the importing file's directory
check-imports-path-here = `.` is a detour: name the file by its path from the importing file's directory
check-imports-path-dot = a part of the path starts with a dot
check-imports-path-character = a part of the path has a character other than a letter, a digit, `_`, `-` or `.`
check-imports-path-extension = an imported file's name ends in `.cvl`

# E0041
check-imports-refused = cannot import `{ $path }`: { $reason }
check-imports-refused-path-label = not a file in the contract's own directory
check-imports-refused-path-help = import a file beside the contract or below it (`import "terms/local.cvl"`), or put shared clauses in a module and import it by name from a `--lib` directory
check-imports-refused-help = import the module's clauses by name, as modules do
check-imports-outside-label = a symbolic link leads this import elsewhere
check-imports-outside-help = put the file itself in the directory, not a symbolic link to a file elsewhere: what a contract is made of stays in its own directory tree and its `--lib` directories

# E0027, E0029, E0041
check-imports-imported-here = imported here

# E0027
check-imports-not-found = cannot find the module `{ $module }`
check-imports-not-found-help = looked in { $places }
check-imports-unreadable = cannot read the module `{ $module }`: { $reason }

# E0028
check-imports-circular = circular import of `{ $module }`
check-imports-circular-label = this import leads back to a file that is importing it
check-imports-circular-help = move the shared clauses into a module that both files import

# E0029
check-imports-broken = the module `{ $module }` has errors
check-imports-broken-help = run `cvl check { $file }` to see them

# E0014
check-imports-name-twice = the name `{ $name }` is imported twice, for two different files
check-imports-name-twice-label = a second file under the name `{ $name }`
check-imports-name-twice-help = a file import is named after its file: rename one of the files, so that `{ $name }.` names one module
