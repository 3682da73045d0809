# The words the language server adds to a diagnostic it publishes (lang/lsp/src/convert.rs).

lsp-diagnostic-help = help: { $help }
lsp-diagnostic-here = here
