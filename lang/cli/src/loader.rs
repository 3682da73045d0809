//! Finding imported files: the library directories the user gives, then the standard library bundled in `cvl`.
//!
//! `import care` looks for `care.cvl` in each `--lib` directory in order, then in the bundled stdlib (the files of
//! the repository's `stdlib/`, compiled into the binary so that `cvl` works from any directory); `import a.b`
//! looks for `a/b.cvl`. `import "terms.cvl"` is a file relative to the importing file. Each file is added to the
//! run's sources once, and asking again gives the same id: that is how the checker recognises a cycle.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use cvl_check::{LoadError, Loader, Request};
use cvl_syntax::{FileId, Source, Sources};

/// The bundled standard library: each module's name and text.
pub const STDLIB: &[(&str, &str)] = &[
    ("care", include_str!("../../../stdlib/care.cvl")),
    ("employment", include_str!("../../../stdlib/employment.cvl")),
];

/// How bundled modules are named in messages.
const STDLIB_PREFIX: &str = "<stdlib>/";

/// Loads imports from the file system and the bundled stdlib.
#[derive(Debug, Default)]
pub struct FsLoader {
    libs: Vec<PathBuf>,
    /// Files already loaded, by canonical path (or bundled name), so that each is loaded once.
    loaded: BTreeMap<String, FileId>,
}

impl FsLoader {
    pub fn new(libs: Vec<PathBuf>) -> Self {
        FsLoader {
            libs,
            loaded: BTreeMap::new(),
        }
    }

    /// Makes `id` known as the file at `path`, so that importing a file that is also checked reuses it.
    pub fn register(&mut self, path: &Path, id: FileId) {
        self.loaded.insert(key(path), id);
    }

    fn load_path(
        &mut self,
        sources: &mut Sources,
        path: &Path,
        name: String,
    ) -> Result<FileId, LoadError> {
        let key = key(path);
        if let Some(id) = self.loaded.get(&key) {
            return Ok(*id);
        }
        let bytes =
            fs::read(path).map_err(|e| LoadError::Unreadable(crate::check::io_message(&e)))?;
        let id = sources.add(Source::from_bytes(name, bytes));
        self.loaded.insert(key, id);
        Ok(id)
    }
}

fn key(path: &Path) -> String {
    fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
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
                    if path.is_file() {
                        let name = crate::check::display_name(&path);
                        return self.load_path(sources, &path, name);
                    }
                    searched.push(format!("`{}`", crate::check::display_name(&lib)));
                }
                if let Some((name, text)) = STDLIB.iter().find(|(name, _)| *name == module) {
                    let key = format!("{STDLIB_PREFIX}{name}.cvl");
                    if let Some(id) = self.loaded.get(&key) {
                        return Ok(*id);
                    }
                    let id = sources.add(Source::new(key.clone(), *text));
                    self.loaded.insert(key, id);
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
                let base = Path::new(&importer.name).parent().unwrap_or(Path::new(""));
                let path = base.join(file);
                if !path.is_file() {
                    return Err(LoadError::NotFound {
                        searched: vec![format!("`{}`", crate::check::display_name(&path))],
                    });
                }
                let name = crate::check::display_name(&path);
                self.load_path(sources, &path, name)
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
}
