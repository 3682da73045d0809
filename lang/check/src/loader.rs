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
//!
//! An import stays inside the tree it belongs to, links and all (spec sections 4.1 and 5.3): each file is read
//! from its resolved path (every symbolic link followed, `fs::canonicalize`), and that must lie inside the
//! resolved directory of the contract for a file imported by path, or of the library directory a module was found
//! in; a path that a link leads out of is refused (E0041), and nothing is read from it. The contract itself may be
//! a link: its tree is the directory it is named in, where its imports are looked for. Every file is read within
//! the size of read.rs, and named in outputs by its [`display_name`], through `cvl_syntax::text::shown`.

use std::collections::BTreeMap;

use cvl_log::{Role, SourceFile};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use cvl_syntax::{FileId, Source, Sources};

use crate::read::{Kind, read_regular_file};
use crate::{LoadError, Loader, Request};

/// The bundled standard library: each module's name and text.
pub const STDLIB: &[(&str, &str)] = &[
    ("care", include_str!("../../../stdlib/care.cvl")),
    ("employment", include_str!("../../../stdlib/employment.cvl")),
    ("foster", include_str!("../../../stdlib/foster.cvl")),
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
    /// Where each file was read from (the path as named, links not followed), for the imports relative to it.
    paths: BTreeMap<FileId, PathBuf>,
    /// The resolved directory each file must stay inside, and so must the files it imports: the contract's, or the
    /// library directory of a module.
    trees: BTreeMap<FileId, PathBuf>,
}

impl FsLoader {
    pub fn new(libs: Vec<PathBuf>) -> Self {
        FsLoader {
            libs,
            loaded: BTreeMap::new(),
            overlay: BTreeMap::new(),
            roles: BTreeMap::new(),
            paths: BTreeMap::new(),
            trees: BTreeMap::new(),
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
    /// Its tree is the directory it is named in, followed through links.
    pub fn register(&mut self, path: &Path, id: FileId) {
        self.loaded.insert(key(path), id);
        self.roles.insert(id, (Role::Contract, String::new()));
        self.paths.insert(id, path.to_path_buf());
        self.trees.insert(id, resolve(parent(path)));
    }

    /// Reads `text` as the content of `path` (which need not exist on disk) whenever it is imported.
    pub fn overlay(&mut self, path: &Path, text: String) {
        self.overlay.insert(key(path), text);
    }

    fn exists(&self, path: &Path) -> bool {
        self.overlay.contains_key(&key(path)) || path.is_file()
    }

    /// Loads the file at `path`, which must resolve to a path inside `tree` (a resolved directory); `outside`
    /// says, for the refusal, which tree it leaves.
    fn load_path(
        &mut self,
        sources: &mut Sources,
        path: &Path,
        tree: PathBuf,
        outside: &dyn Fn() -> String,
        role: (Role, String),
    ) -> Result<FileId, LoadError> {
        let resolved = resolve(path);
        if !resolved.starts_with(&tree) {
            return Err(LoadError::Outside(outside()));
        }
        let key = resolved.to_string_lossy().into_owned();
        if let Some(id) = self.loaded.get(&key) {
            return Ok(*id);
        }
        let name = display_name(path);
        let source = match self.overlay.get(&key) {
            Some(text) => Source::new(name, text.clone()),
            // Read from the resolved path: what was found inside the tree is what is read.
            None => Source::from_bytes(
                name,
                read_regular_file(&resolved, Kind::Source)
                    .map_err(|e| LoadError::Unreadable(e.to_string()))?,
            ),
        };
        let id = sources.add(source.with_path(path));
        self.loaded.insert(key, id);
        self.roles.entry(id).or_insert(role);
        self.paths.entry(id).or_insert_with(|| path.to_path_buf());
        self.trees.entry(id).or_insert(tree);
        Ok(id)
    }
}

fn key(path: &Path) -> String {
    resolve(path).to_string_lossy().into_owned()
}

/// The directory `path` is named in (`.` for a bare file name).
fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// `path` with every symbolic link followed and no `.` or `..` part: the file (or directory) it really is. A file
/// that is not on disk (an editor's unsaved one) is its resolved directory and its name; one whose directory is
/// not there either, the path itself.
pub fn resolve(path: &Path) -> PathBuf {
    if let Ok(resolved) = fs::canonicalize(path) {
        return resolved;
    }
    match (path.file_name(), fs::canonicalize(parent(path))) {
        (Some(file), Ok(dir)) => dir.join(file),
        _ => path.to_path_buf(),
    }
}

/// A path as the user wrote it, with `/` separators, as every output shows it: through
/// `cvl_syntax::text::shown`, so that a control character is escaped and a CPR-like number masked (spec
/// section 6). For showing only: the file system is given the path itself.
pub fn display_name(path: &Path) -> String {
    let name = path.to_string_lossy();
    let name = if std::path::MAIN_SEPARATOR == '/' {
        name
    } else {
        name.replace(std::path::MAIN_SEPARATOR, "/").into()
    };
    cvl_syntax::text::shown(&name).into_owned()
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
                        let outside = || {
                            format!(
                                "`{}` leads outside the library directory `{}` through a symbolic link",
                                display_name(&path),
                                display_name(&lib)
                            )
                        };
                        return self.load_path(
                            sources,
                            &path,
                            resolve(&lib),
                            &outside,
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
                let importer_path = match self.paths.get(&from).or(importer.path.as_ref()) {
                    Some(path) => path.clone(),
                    None => PathBuf::from(&importer.name),
                };
                let base = importer_path.parent().unwrap_or(Path::new(""));
                let path = base.join(file);
                if !self.exists(&path) {
                    return Err(LoadError::NotFound {
                        searched: vec![format!("`{}`", display_name(&path))],
                    });
                }
                let tree = match self.trees.get(&from) {
                    Some(tree) => tree.clone(),
                    None => resolve(parent(&importer_path)),
                };
                let outside = || {
                    "it leads outside the contract's directory through a symbolic link".to_string()
                };
                self.load_path(sources, &path, tree, &outside, (Role::File, within))
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

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_contracts_tree_is_refused_before_anything_is_read() {
        let dir = std::env::temp_dir().join(format!("cvl-loader-links-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("c/sub")).unwrap();
        fs::create_dir_all(dir.join("out")).unwrap();
        fs::write(dir.join("out/x.cvl"), "").unwrap();
        fs::write(dir.join("c/sub/in.cvl"), "").unwrap();
        std::os::unix::fs::symlink("../out/x.cvl", dir.join("c/link.cvl")).unwrap();
        std::os::unix::fs::symlink("sub/in.cvl", dir.join("c/inside.cvl")).unwrap();
        let contract = dir.join("c/c.cvl");
        let mut sources = Sources::new();
        let from = sources.add(Source::new("c.cvl", "").with_path(&contract));
        let mut loader = FsLoader::new(Vec::new());
        loader.register(&contract, from);
        assert!(matches!(
            loader.load(&mut sources, from, Request::File("link.cvl")),
            Err(LoadError::Outside(_))
        ));
        assert_eq!(sources.len(), 1);
        // An editor's unsaved text at the link's place is refused the same way.
        loader.overlay(&dir.join("c/link.cvl"), "// unsaved".to_string());
        assert!(matches!(
            loader.load(&mut sources, from, Request::File("link.cvl")),
            Err(LoadError::Outside(_))
        ));
        let inside = loader
            .load(&mut sources, from, Request::File("inside.cvl"))
            .unwrap();
        assert_eq!(
            sources.get(inside).unwrap().path.as_deref(),
            Some(dir.join("c/inside.cvl").as_path())
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn os_error_numbers_are_dropped() {
        let error = io::Error::from_raw_os_error(2);
        assert_eq!(io_message(&error), "no such file or directory");
    }
}
