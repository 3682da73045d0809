//! Finding imported files: the library directories the user gives, then the standard library bundled in `cvl`.
//!
//! The checker itself never reads a file; this is the [`Loader`] that `cvl check`, `cvl eval` and the language
//! server share, so that an import resolves the same way in the terminal and in the editor. `import care` looks
//! for `care.cvl` in each library directory in order, then in the bundled stdlib (the files of the repository's
//! `stdlib/`, compiled in so that `cvl` works from any directory); `import a.b` looks for `a/b.cvl`.
//! `import "terms.cvl"` is a file relative to the importing file, whose path the checker has already found allowed
//! (imports.rs, spec section 4.1); a module imports only modules, never files. The language server adds an
//! overlay: the text of the files open in the editor, read instead of what is on disk. Each file is added to the
//! run's sources once, and asking again gives the same id: that is how the checker recognises a cycle. The loader
//! remembers what each file was first imported as ([`FsLoader::used`]): the listing that the contract's SHA-256 is
//! made of (cvl-log's sources.rs).

use std::collections::BTreeMap;

use cvl_log::{Role, SourceFile};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use cvl_syntax::{FileId, Source, Sources};

use crate::{LoadError, Loader, Request};

/// The bundled standard library: each module's name and text.
pub const STDLIB: &[(&str, &str)] = &[
    ("care", include_str!("../../../stdlib/care.cvl")),
    ("employment", include_str!("../../../stdlib/employment.cvl")),
];

/// How bundled modules are named in messages: `<stdlib>/care.cvl`.
pub const STDLIB_PREFIX: &str = "<stdlib>/";

/// The bundled module a source name stands for (`<stdlib>/care.cvl` is `care`), if it is one.
pub fn stdlib_module(source_name: &str) -> Option<&'static str> {
    let file = source_name.strip_prefix(STDLIB_PREFIX)?;
    let module = file.strip_suffix(".cvl")?;
    STDLIB
        .iter()
        .find(|(name, _)| *name == module)
        .map(|(name, _)| *name)
}

/// Loads imports from the file system and the bundled stdlib.
#[derive(Debug, Default)]
pub struct FsLoader {
    libs: Vec<PathBuf>,
    /// Files already loaded, by canonical path (or bundled name), so that each is loaded once.
    loaded: BTreeMap<String, FileId>,
    /// Text to read instead of the file on disk, by canonical path: the editor's unsaved files.
    overlay: BTreeMap<String, String>,
    /// What each file was first loaded as: the contract (registered), a module by its name, or a file by its path
    /// from the contract's directory.
    roles: BTreeMap<FileId, (Role, String)>,
}

impl FsLoader {
    pub fn new(libs: Vec<PathBuf>) -> Self {
        FsLoader {
            libs,
            loaded: BTreeMap::new(),
            overlay: BTreeMap::new(),
            roles: BTreeMap::new(),
        }
    }

    /// Every file used, as the contract's listing names it: the registered contract first, then each import in
    /// the order it was first loaded (which is the checker's depth-first order), with the SHA-256 of its text.
    /// A file is read as UTF-8 (one that is not has errors), so its text is its bytes.
    pub fn used(&self, sources: &Sources) -> Vec<SourceFile> {
        let mut files: Vec<(FileId, &(Role, String))> =
            self.roles.iter().map(|(id, role)| (*id, role)).collect();
        files.sort_by_key(|(id, (role, _))| (*role != Role::Contract, id.0));
        files
            .into_iter()
            .filter_map(|(id, (role, name))| {
                let source = sources.get(id)?;
                Some(SourceFile {
                    role: *role,
                    name: name.clone(),
                    shown: source.name.clone(),
                    sha256: cvl_log::contract_digest(source.text.as_bytes()),
                })
            })
            .collect()
    }

    /// Makes `id` known as the file at `path`, so that importing a file that is also checked reuses it.
    pub fn register(&mut self, path: &Path, id: FileId) {
        self.loaded.insert(key(path), id);
        self.roles.insert(id, (Role::Contract, String::new()));
    }

    /// Reads `text` as the content of `path` (which need not exist on disk) whenever it is imported.
    pub fn overlay(&mut self, path: &Path, text: String) {
        self.overlay.insert(key(path), text);
    }

    fn exists(&self, path: &Path) -> bool {
        self.overlay.contains_key(&key(path)) || path.is_file()
    }

    fn load_path(
        &mut self,
        sources: &mut Sources,
        path: &Path,
        name: String,
        role: (Role, String),
    ) -> Result<FileId, LoadError> {
        let key = key(path);
        if let Some(id) = self.loaded.get(&key) {
            return Ok(*id);
        }
        let source = match self.overlay.get(&key) {
            Some(text) => Source::new(name, text.clone()),
            None => Source::from_bytes(
                name,
                fs::read(path).map_err(|e| LoadError::Unreadable(io_message(&e)))?,
            ),
        };
        let id = sources.add(source);
        self.loaded.insert(key, id);
        self.roles.entry(id).or_insert(role);
        Ok(id)
    }
}

fn key(path: &Path) -> String {
    fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// A path as the user wrote it, with `/` separators.
pub fn display_name(path: &Path) -> String {
    let name = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        name.into_owned()
    } else {
        name.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

/// The operating system's description of an error, without Rust's ` (os error N)` suffix.
pub fn io_message(error: &io::Error) -> String {
    let text = error.to_string();
    let message = text.split(" (os error ").next().unwrap_or(&text);
    // The system's messages start with a capital ("No such file or directory"); ours are lowercase throughout.
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Loader for FsLoader {
    fn load(
        &mut self,
        sources: &mut Sources,
        from: FileId,
        request: Request<'_>,
    ) -> Result<FileId, LoadError> {
        match request {
            Request::Module(module) => {
                let relative: PathBuf =
                    module.split('.').collect::<PathBuf>().with_extension("cvl");
                let mut searched = Vec::new();
                for lib in self.libs.clone() {
                    let path = lib.join(&relative);
                    if self.exists(&path) {
                        let name = display_name(&path);
                        return self.load_path(
                            sources,
                            &path,
                            name,
                            (Role::Module, module.to_string()),
                        );
                    }
                    searched.push(format!("`{}`", display_name(&lib)));
                }
                if let Some((name, text)) = STDLIB.iter().find(|(name, _)| *name == module) {
                    let key = format!("{STDLIB_PREFIX}{name}.cvl");
                    if let Some(id) = self.loaded.get(&key) {
                        return Ok(*id);
                    }
                    let id = sources.add(Source::new(key.clone(), *text));
                    self.loaded.insert(key, id);
                    self.roles.insert(id, (Role::Module, module.to_string()));
                    return Ok(id);
                }
                searched.push("the bundled stdlib".to_string());
                Err(LoadError::NotFound { searched })
            }
            Request::File(file) => {
                let Some(importer) = sources.get(from) else {
                    return Err(LoadError::NotFound {
                        searched: Vec::new(),
                    });
                };
                if importer.name.starts_with(STDLIB_PREFIX) {
                    return Err(LoadError::NotFound {
                        searched: vec!["the bundled stdlib, which imports no files".to_string()],
                    });
                }
                // A file's import name is its path from the contract's directory: the importer's, then this one.
                let within = match self.roles.get(&from) {
                    Some((Role::Module, module)) => {
                        return Err(LoadError::Refused(format!(
                            "the module `{module}` is a library module, and a library module imports only modules, \
                             by name"
                        )));
                    }
                    Some((Role::File, importer)) => match importer.rsplit_once('/') {
                        Some((dir, _)) => format!("{dir}/{file}"),
                        None => file.to_string(),
                    },
                    Some((Role::Contract, _)) | None => file.to_string(),
                };
                let base = Path::new(&importer.name).parent().unwrap_or(Path::new(""));
                let path = base.join(file);
                if !self.exists(&path) {
                    return Err(LoadError::NotFound {
                        searched: vec![format!("`{}`", display_name(&path))],
                    });
                }
                let name = display_name(&path);
                self.load_path(sources, &path, name, (Role::File, within))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stdlib_file_is_bundled() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../stdlib");
        let mut on_disk: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "cvl"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let bundled: Vec<&str> = STDLIB.iter().map(|(n, _)| *n).collect();
        assert_eq!(on_disk, bundled);
    }

    #[test]
    fn a_module_loads_once_and_an_unknown_one_says_where_it_looked() {
        let mut sources = Sources::new();
        let from = sources.add(Source::new("c.cvl", ""));
        let mut loader = FsLoader::new(vec![PathBuf::from("no-such-dir")]);
        let a = loader
            .load(&mut sources, from, Request::Module("care"))
            .unwrap();
        let b = loader
            .load(&mut sources, from, Request::Module("care"))
            .unwrap();
        assert_eq!(a, b);
        assert_eq!(sources.get(a).unwrap().name, "<stdlib>/care.cvl");
        assert_eq!(stdlib_module("<stdlib>/care.cvl"), Some("care"));
        assert_eq!(stdlib_module("care.cvl"), None);
        assert_eq!(
            loader.load(&mut sources, from, Request::Module("nothing")),
            Err(LoadError::NotFound {
                searched: vec![
                    "`no-such-dir`".to_string(),
                    "the bundled stdlib".to_string()
                ]
            })
        );
    }

    #[test]
    fn an_overlaid_file_is_read_instead_of_the_disk() {
        let mut sources = Sources::new();
        let from = sources.add(Source::new("/nowhere/c.cvl", ""));
        let mut loader = FsLoader::new(Vec::new());
        assert!(matches!(
            loader.load(&mut sources, from, Request::File("terms.cvl")),
            Err(LoadError::NotFound { .. })
        ));
        loader.overlay(Path::new("/nowhere/terms.cvl"), "// unsaved".to_string());
        let id = loader
            .load(&mut sources, from, Request::File("terms.cvl"))
            .unwrap();
        let source = sources.get(id).unwrap();
        assert_eq!(
            (source.name.as_str(), source.text.as_str()),
            ("/nowhere/terms.cvl", "// unsaved")
        );
    }

    #[test]
    fn os_error_numbers_are_dropped() {
        let error = io::Error::from_raw_os_error(2);
        assert_eq!(io_message(&error), "no such file or directory");
    }
}
