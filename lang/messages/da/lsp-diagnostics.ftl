# De ord, sprogserveren tilføjer til en diagnose, den offentliggør (lang/lsp/src/convert.rs).

lsp-diagnostic-help = hjælp: { $help }
lsp-diagnostic-here = her
