//! Imports: loading the modules and files a contract names, and refusing a missing or circular one.
//!
//! The checker asks a [`Loader`] for each import and never reads files itself: the CLI's loader reads the file
//! system and the bundled stdlib, the language server's also sees the editor's unsaved text. A loader returns the
//! same [`FileId`] every time it is asked for the same file; that is how a cycle is recognised.

use cvl_syntax::ast::{self, File, ImportTarget, TopItem};
use cvl_syntax::{Code, Diagnostic, FileId, Sources, Text, parse_source, text};

use crate::Checker;

/// What an `import` asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Request<'r> {
    /// `import care`: a module of the standard library (or of a library directory the user gave).
    Module(&'r str),
    /// `import "terms/local.cvl"`: a file, relative to the importing file.
    File(&'r str),
}

/// Why a [`Loader`] loads nothing; the checker turns each case into its own diagnostic (E0027, E0041).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// Nothing by that name; `searched` lists where the loader looked, for the help line.
    #[error("not found: looked in {}", searched.join(", "))]
    NotFound { searched: Vec<String> },
    /// The file exists but could not be read: the system's words.
    #[error("cannot be read: {0}")]
    Unreadable(String),
    /// The import is not allowed from where it is (a library module importing a file); the reason says why.
    #[error("{0}")]
    Refused(String),
    /// The file is there, but a symbolic link leads it outside the directory tree it must stay in (the
    /// contract's, or a module's library directory); the reason says which. Nothing was read.
    #[error("{0}")]
    Outside(String),
}

/// Why a file import's path is not allowed (spec section 4.1), or `None` for a path that names a file inside the
/// importing file's directory tree: relative, parts separated by `/`, each part letters, digits, `_`, `-` and `.`
/// not starting with a dot, the last ending in `.cvl`.
pub fn refused_path(path: &str) -> Option<Text> {
    if path.is_empty() {
        return Some(text!("check-imports-path-empty"));
    }
    if path.starts_with('/') {
        return Some(text!("check-imports-path-absolute"));
    }
    if path.contains('\\') {
        return Some(text!("check-imports-path-backslash"));
    }
    if path.contains(':') {
        return Some(text!("check-imports-path-colon"));
    }
    for part in path.split('/') {
        match part {
            "" => return Some(text!("check-imports-path-empty-part")),
            ".." => return Some(text!("check-imports-path-parent")),
            "." => return Some(text!("check-imports-path-here")),
            _ if part.starts_with('.') => return Some(text!("check-imports-path-dot")),
            _ if !part
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.')) =>
            {
                return Some(text!("check-imports-path-character"));
            }
            _ => {}
        }
    }
    if !path.ends_with(".cvl") {
        return Some(text!("check-imports-path-extension"));
    }
    None
}

/// Finds imported files and adds them to the run's sources.
pub trait Loader {
    /// Loads what `request` names, as imported from the file `from`, and returns its id in `sources`.
    fn load(
        &mut self,
        sources: &mut Sources,
        from: FileId,
        request: Request<'_>,
    ) -> Result<FileId, LoadError>;
}

impl Checker {
    /// Loads the imports of `root` and, transitively, of what they import: depth first, in the order written, with
    /// an explicit stack rather than recursion, so that a chain of imports of any length fits a thread's stack.
    pub(crate) fn load_imports(
        &mut self,
        sources: &mut Sources,
        root: FileId,
        file: &File,
        loader: &mut dyn Loader,
    ) {
        self.files.insert(root, file.clone());
        // Each file being visited, with its imports and how many of them have been followed: the files on this
        // stack are the ones an import must not lead back to.
        let mut stack: Vec<(FileId, Vec<ast::Import>, usize)> =
            vec![(root, self.imports_of(root), 0)];
        while let Some((id, imports, next)) = stack.last_mut() {
            let id = *id;
            let Some(import) = imports.get(*next).cloned() else {
                stack.pop();
                continue;
            };
            *next += 1;
            if let Some(target) = self.follow_import(sources, id, &import, loader, &stack) {
                stack.push((target, self.imports_of(target), 0));
            }
        }
    }

    /// The imports written in a loaded file.
    fn imports_of(&self, id: FileId) -> Vec<ast::Import> {
        self.files
            .get(&id)
            .map(|file| {
                file.items
                    .iter()
                    .filter_map(|item| match item {
                        TopItem::Import(import) => Some(import.clone()),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Loads what one import of the file `id` names and records it under its name; returns the file if it was
    /// loaded for the first time, so that its own imports are visited next.
    fn follow_import(
        &mut self,
        sources: &mut Sources,
        id: FileId,
        import: &ast::Import,
        loader: &mut dyn Loader,
        stack: &[(FileId, Vec<ast::Import>, usize)],
    ) -> Option<FileId> {
        let (name, shown, result) = match &import.target {
            ImportTarget::Module(path) => {
                let dotted: Vec<&str> = path.segments.iter().map(|s| s.name.as_str()).collect();
                let dotted = dotted.join(".");
                let result = loader.load(sources, id, Request::Module(&dotted));
                (dotted.clone(), dotted, result)
            }
            ImportTarget::File(path) => {
                if let Some(reason) = refused_path(&path.value) {
                    self.report(
                        Diagnostic::new(
                            Code::E0041,
                            path.span,
                            text!(
                                "check-imports-refused",
                                path = path.value.escape_debug().to_string(),
                                reason = reason
                            ),
                        )
                        .with_label(text!("check-imports-refused-path-label"))
                        .with_help(text!("check-imports-refused-path-help")),
                    );
                    // Its clauses are unusable, not unknown, under the name the import would give them.
                    let last = path.value.rsplit(['/', '\\']).next().unwrap_or_default();
                    let stem = std::path::Path::new(last)
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    self.unusable.insert((id, stem));
                    return None;
                }
                let stem = std::path::Path::new(&path.value)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let result = loader.load(sources, id, Request::File(&path.value));
                (stem, path.value.escape_debug().to_string(), result)
            }
        };
        let target = match result {
            Ok(target) => target,
            Err(LoadError::NotFound { searched }) => {
                let mut diagnostic = Diagnostic::new(
                    Code::E0027,
                    import.span,
                    text!("check-imports-not-found", module = &shown),
                )
                .with_label(text!("check-imports-imported-here"));
                if !searched.is_empty() {
                    diagnostic = diagnostic.with_help(text!(
                        "check-imports-not-found-help",
                        places = searched.join(", ")
                    ));
                }
                self.report(diagnostic);
                self.unusable.insert((id, name.clone()));
                return None;
            }
            Err(LoadError::Refused(reason)) => {
                self.report(
                    Diagnostic::new(
                        Code::E0041,
                        import.span,
                        text!("check-imports-refused", path = &shown, reason = reason),
                    )
                    .with_label(text!("check-imports-imported-here"))
                    .with_help(text!("check-imports-refused-help")),
                );
                self.unusable.insert((id, name.clone()));
                return None;
            }
            Err(LoadError::Outside(reason)) => {
                self.report(
                    Diagnostic::new(
                        Code::E0041,
                        import.span,
                        text!("check-imports-refused", path = &shown, reason = reason),
                    )
                    .with_label(text!("check-imports-outside-label"))
                    .with_help(text!("check-imports-outside-help")),
                );
                self.unusable.insert((id, name.clone()));
                return None;
            }
            Err(LoadError::Unreadable(reason)) => {
                self.report(
                    Diagnostic::new(
                        Code::E0027,
                        import.span,
                        text!("check-imports-unreadable", module = &shown, reason = reason),
                    )
                    .with_label(text!("check-imports-imported-here")),
                );
                self.unusable.insert((id, name.clone()));
                return None;
            }
        };
        if stack.iter().any(|(file, _, _)| *file == target) {
            self.report(
                Diagnostic::new(
                    Code::E0028,
                    import.span,
                    text!("check-imports-circular", module = &shown),
                )
                .with_label(text!("check-imports-circular-label"))
                .with_help(text!("check-imports-circular-help")),
            );
            return None;
        }
        let first_time = !self.files.contains_key(&target);
        if first_time {
            let source = sources.get(target)?;
            let parsed = parse_source(target, source);
            if parsed.problems.has_errors() {
                self.broken.insert(target);
                let name = source.name.clone();
                self.report(
                    Diagnostic::new(
                        Code::E0029,
                        import.span,
                        text!("check-imports-broken", module = &shown),
                    )
                    .with_label(text!("check-imports-imported-here"))
                    .with_help(text!("check-imports-broken-help", file = name)),
                );
            }
            self.files.insert(target, parsed.file);
        }
        // One name, one file: a second import that binds a name to another file would silently replace the
        // first (which clauses are paid would depend on the order of the imports), so it is an error and the
        // first binding stands.
        if let Some(&bound) = self.modules.get(&id).and_then(|m| m.get(&name))
            && bound != target
        {
            self.report(
                Diagnostic::new(
                    Code::E0014,
                    import.span,
                    text!("check-imports-name-twice", name = &name),
                )
                .with_label(text!("check-imports-name-twice-label", name = &name))
                .with_help(text!("check-imports-name-twice-help", name = &name)),
            );
            return first_time.then_some(target);
        }
        if id == self.root {
            self.info.imports.push((name.clone(), target));
        }
        self.modules.entry(id).or_default().insert(name, target);
        first_time.then_some(target)
    }
}
