//! Students' submissions that come as files: `.zip` and `.tar.gz` / `.tgz` archives, unpacked into a fresh folder
//! with our own checks, so that a bad archive costs its student only.
//!
//! - **Nothing lands outside the folder.** Every entry's path is checked before anything is written: relative, no
//!   `..`, no root, no drive letter (`\` counts as a separator too). One bad path makes the whole archive unusable.
//! - **No links.** A symbolic or hard link (or a device, a pipe) makes the archive unusable: nothing is ever
//!   created but folders and plain files, so no later write can be led out through a link.
//! - **Bounded.** At most [`Limits::max_bytes`] unpacked (counted as the bytes really come out of the
//!   decompressor, not as the archive claims), [`Limits::max_files`] files, and [`Limits::max_entries`] entries
//!   looked at; a `.tar.gz` is also read for at most [`Limits::max_stream`] bytes, skipped entries included.
//! - **Build output left out.** Entries under a `target/`, `.git/` or `__MACOSX/` folder are skipped (not
//!   counted): students often pack their build folder, which grading never uses.
//!
//! Folder submissions (and git work trees) get the same caps through [`check_folder`].

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

/// Caps per submission.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Bytes unpacked (files kept).
    pub max_bytes: u64,
    /// Files unpacked.
    pub max_files: usize,
    /// Entries looked at, skipped ones included.
    pub max_entries: usize,
    /// Bytes read out of a `.tar.gz`'s decompressor, skipped entries included.
    pub max_stream: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_bytes: 50 << 20, max_files: 10_000, max_entries: 100_000, max_stream: 1 << 30 }
    }
}

/// What was unpacked.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Unpacked {
    pub files: usize,
    pub bytes: u64,
    /// Entries skipped as build output or tool folders.
    pub skipped: usize,
}

/// Folders whose contents are never unpacked or counted: build output, version control, macOS's zip extras.
const SKIPPED: [&str; 3] = ["target", ".git", "__MACOSX"];

/// Checks an archive entry's path. `Ok(None)`: an entry to skip (see [`SKIPPED`]) or the archive's own root.
pub fn safe_path(name: &str) -> Result<Option<PathBuf>, String> {
    let unsafe_path = || Err(format!("the archive has an entry outside its own folder: {name:?}"));
    if name.starts_with('/') || name.starts_with('\\') || name.contains('\0') {
        return unsafe_path();
    }
    let mut path = PathBuf::new();
    for part in name.split(['/', '\\']) {
        match part {
            "" | "." => continue,
            ".." => return unsafe_path(),
            // A drive (`C:`) or an alternate data stream (`file:stream`): meaningful on Windows, never in a course.
            _ if part.contains(':') => return unsafe_path(),
            _ if SKIPPED.contains(&part) => return Ok(None),
            _ => path.push(part),
        }
    }
    Ok((!path.as_os_str().is_empty()).then_some(path))
}

/// Writes checked entries into `dest`, counting against the limits.
struct Writer<'a> {
    dest: &'a Path,
    limits: Limits,
    done: Unpacked,
    entries: usize,
}

impl<'a> Writer<'a> {
    fn new(dest: &'a Path, limits: Limits) -> Writer<'a> {
        Writer { dest, limits, done: Unpacked::default(), entries: 0 }
    }

    fn entry(&mut self) -> Result<(), String> {
        self.entries += 1;
        if self.entries > self.limits.max_entries {
            return Err(format!("the archive has more than {} entries", self.limits.max_entries));
        }
        Ok(())
    }

    fn dir(&mut self, rel: &Path) -> Result<(), String> {
        std::fs::create_dir_all(self.dest.join(rel)).map_err(|e| format!("cannot unpack {}: {e}", rel.display()))
    }

    fn file(&mut self, rel: &Path, content: &mut dyn Read) -> Result<(), String> {
        self.done.files += 1;
        if self.done.files > self.limits.max_files {
            return Err(format!("the archive has more than {} files", self.limits.max_files));
        }
        let path = self.dest.join(rel);
        let fail = |e: io::Error| format!("cannot unpack {}: {e}", rel.display());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(fail)?;
        }
        let mut out = File::create(&path).map_err(fail)?;
        let room = self.limits.max_bytes - self.done.bytes;
        let n = io::copy(&mut content.take(room + 1), &mut out)
            .map_err(|e| format!("{} is damaged: {e}", rel.display()))?;
        if n > room {
            return Err(too_large(self.limits.max_bytes));
        }
        self.done.bytes += n;
        Ok(())
    }
}

fn too_large(max: u64) -> String {
    format!(
        "the archive unpacks to more than {} MiB (build output such as target/ is left out and does not count)",
        max >> 20
    )
}

/// Unpacks a `.zip` archive into `dest` (a fresh folder).
pub fn unpack_zip(archive: &Path, dest: &Path, limits: Limits) -> Result<Unpacked, String> {
    let file = File::open(archive).map_err(|e| format!("cannot open the archive: {e}"))?;
    let mut zip =
        zip::ZipArchive::new(BufReader::new(file)).map_err(|e| format!("not a readable zip archive ({e})"))?;
    let mut w = Writer::new(dest, limits);
    if zip.len() > limits.max_entries {
        return Err(format!("the archive has more than {} entries", limits.max_entries));
    }
    for i in 0..zip.len() {
        w.entry()?;
        let mut entry = zip.by_index(i).map_err(|e| format!("the zip archive is damaged or unsupported ({e})"))?;
        let name = entry.name().map_err(|e| format!("the zip archive has an unreadable name ({e})"))?.into_owned();
        let Some(rel) = safe_path(&name)? else {
            w.done.skipped += 1;
            continue;
        };
        if entry.is_symlink() {
            return Err(format!("the archive has a symbolic link, which grading does not accept: {name:?}"));
        }
        if entry.is_dir() {
            w.dir(&rel)?;
        } else {
            w.file(&rel, &mut entry)?;
        }
    }
    Ok(w.done)
}

/// A reader that fails once more than `left` bytes were asked of it.
struct Capped<R> {
    inner: R,
    left: u64,
    hit: std::rc::Rc<std::cell::Cell<bool>>,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n as u64 > self.left {
            self.hit.set(true);
            return Err(io::Error::other("the archive is too large"));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// Unpacks a `.tar.gz` / `.tgz` archive into `dest` (a fresh folder).
pub fn unpack_tar_gz(archive: &Path, dest: &Path, limits: Limits) -> Result<Unpacked, String> {
    let file = File::open(archive).map_err(|e| format!("cannot open the archive: {e}"))?;
    let hit = std::rc::Rc::new(std::cell::Cell::new(false));
    let stream =
        Capped { inner: flate2::read::GzDecoder::new(BufReader::new(file)), left: limits.max_stream, hit: hit.clone() };
    let damaged = |e: io::Error| {
        if hit.get() {
            format!("the archive unpacks to more than {} MiB in all", limits.max_stream >> 20)
        } else {
            format!("not a readable .tar.gz archive ({e})")
        }
    };
    let mut tar = tar::Archive::new(stream);
    let mut w = Writer::new(dest, limits);
    for entry in tar.entries().map_err(damaged)? {
        let mut entry = entry.map_err(damaged)?;
        w.entry()?;
        let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let Some(rel) = safe_path(&name)? else {
            w.done.skipped += 1;
            continue;
        };
        use tar::EntryType as T;
        match entry.header().entry_type() {
            T::Regular | T::Continuous => w.file(&rel, &mut entry).map_err(|e| {
                if hit.get() {
                    format!("the archive unpacks to more than {} MiB in all", limits.max_stream >> 20)
                } else {
                    e
                }
            })?,
            T::Directory => w.dir(&rel)?,
            T::Symlink | T::Link => {
                return Err(format!("the archive has a link, which grading does not accept: {name:?}"));
            }
            other => {
                return Err(format!(
                    "the archive has a special file ({other:?}), which grading does not accept: {name:?}"
                ));
            }
        }
    }
    if w.done.files == 0 && w.entries == 0 {
        return Err("the archive is empty".into());
    }
    Ok(w.done)
}

/// The same caps for a folder submission (or a git work tree): `dir` is the part grading reads. Links are not
/// followed (grading never reads through them either); build output is not counted.
pub fn check_folder(dir: &Path, limits: Limits) -> Result<(), String> {
    let (mut files, mut bytes) = (0usize, 0u64);
    let walk = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !SKIPPED.contains(&e.file_name().to_string_lossy().as_ref()));
    for entry in walk.flatten() {
        if entry.file_type().is_file() {
            files += 1;
            bytes += entry.metadata().map_or(0, |m| m.len());
            if files > limits.max_files {
                return Err(format!("the submission has more than {} files", limits.max_files));
            }
            if bytes > limits.max_bytes {
                return Err(format!(
                    "the submission's exercises hold more than {} MiB (build output such as target/ does not count)",
                    limits.max_bytes >> 20
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    fn zip_with(entries: &[(&str, &[u8])]) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        let mut zip = zip::ZipWriter::new(file.reopen().unwrap());
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            if name.ends_with('/') {
                zip.add_directory(*name, options).unwrap();
            } else {
                zip.start_file(*name, options).unwrap();
                zip.write_all(bytes).unwrap();
            }
        }
        zip.finish().unwrap();
        file
    }

    /// A .tar.gz built header by header (the tar crate's builder refuses `..`, which is the point of the test).
    fn tar_gz_with(entries: &[(&str, tar::EntryType, &[u8], &str)]) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        let gz = flate2::write::GzEncoder::new(file.reopen().unwrap(), flate2::Compression::fast());
        let mut tar = tar::Builder::new(gz);
        for (name, kind, bytes, link) in entries {
            let mut header = tar::Header::new_gnu();
            {
                let raw = header.as_old_mut();
                raw.name[..name.len()].copy_from_slice(name.as_bytes());
                raw.linkname[..link.len()].copy_from_slice(link.as_bytes());
            }
            header.set_entry_type(*kind);
            header.set_size(bytes.len() as u64);
            header.set_mode(0o644);
            header.set_cksum();
            tar.append(&header, *bytes).unwrap();
        }
        tar.into_inner().unwrap().finish().unwrap();
        file
    }

    fn dest() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    /// Every file under `dir`, relative, sorted.
    fn listing(dir: &Path) -> Vec<String> {
        let mut out: Vec<String> = walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| crate::shipped::slash(e.path().strip_prefix(dir).unwrap()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn paths_are_checked_before_anything_is_written() {
        assert_eq!(
            safe_path("course/exercises/a/src/lib.rs").unwrap(),
            Some(PathBuf::from("course/exercises/a/src/lib.rs"))
        );
        assert_eq!(safe_path("./a//b.rs").unwrap(), Some(PathBuf::from("a/b.rs")));
        assert_eq!(safe_path("a\\b.rs").unwrap(), Some(PathBuf::from("a/b.rs")));
        assert_eq!(safe_path("./").unwrap(), None);
        assert_eq!(safe_path("course/target/debug/x").unwrap(), None);
        assert_eq!(safe_path("__MACOSX/._lib.rs").unwrap(), None);
        assert_eq!(safe_path("c/.git/config").unwrap(), None);
        for bad in ["../x.rs", "a/../../x.rs", "/etc/passwd", "\\x", "C:/x", "C:\\x", "a/..\\..\\x", "a\0b"] {
            assert!(safe_path(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn a_zip_unpacks_files_and_folders_and_skips_build_output() {
        let zip = zip_with(&[
            ("c/", b""),
            ("c/exercises/a/src/lib.rs", b"pub fn f() {}\n"),
            ("c/target/debug/big", &[0u8; 4096]),
            ("__MACOSX/c/._lib.rs", b"junk"),
        ]);
        let out = dest();
        let done = unpack_zip(zip.path(), out.path(), Limits::default()).unwrap();
        assert_eq!(done, Unpacked { files: 1, bytes: 14, skipped: 2 });
        assert_eq!(listing(out.path()), ["c/exercises/a/src/lib.rs"]);
    }

    #[test]
    fn a_zip_with_a_path_out_of_its_folder_is_refused_and_writes_nothing_outside() {
        let outer = dest();
        let inner = outer.path().join("inner");
        std::fs::create_dir(&inner).unwrap();
        let zip = zip_with(&[("ok.rs", b"fine"), ("../evil.rs", b"pwned")]);
        let err = unpack_zip(zip.path(), &inner, Limits::default()).unwrap_err();
        assert!(err.contains("outside its own folder") && err.contains("../evil.rs"), "{err}");
        assert!(!outer.path().join("evil.rs").exists());
        let zip = zip_with(&[("/abs.rs", b"pwned")]);
        assert!(unpack_zip(zip.path(), &inner, Limits::default()).unwrap_err().contains("outside"));
    }

    #[test]
    fn a_zip_over_the_caps_is_refused() {
        let big = vec![b'x'; 3000];
        let zip = zip_with(&[("a.rs", &big), ("b.rs", &big)]);
        let limits = Limits { max_bytes: 5000, ..Limits::default() };
        assert!(unpack_zip(zip.path(), dest().path(), limits).unwrap_err().contains("unpacks to more than"));
        let limits = Limits { max_files: 1, ..Limits::default() };
        assert!(unpack_zip(zip.path(), dest().path(), limits).unwrap_err().contains("more than 1 files"));
        let limits = Limits { max_entries: 1, ..Limits::default() };
        assert!(unpack_zip(zip.path(), dest().path(), limits).unwrap_err().contains("entries"));
        // A bomb: 20 MiB of zeros compress to a few KiB; the cap counts what comes out.
        let bomb = zip_with(&[("zeros", &vec![0u8; 20 << 20])]);
        assert!(std::fs::metadata(bomb.path()).unwrap().len() < 1 << 20);
        let limits = Limits { max_bytes: 1 << 20, ..Limits::default() };
        assert!(unpack_zip(bomb.path(), dest().path(), limits).unwrap_err().contains("more than 1 MiB"));
    }

    #[test]
    fn a_zip_with_a_symbolic_link_is_refused() {
        let file = tempfile::NamedTempFile::new().unwrap();
        let mut zip = zip::ZipWriter::new(file.reopen().unwrap());
        let options = zip::write::SimpleFileOptions::default();
        zip.add_symlink("exercises/a/src/lib.rs", "/etc/passwd", options).unwrap();
        zip.finish().unwrap();
        let out = dest();
        let err = unpack_zip(file.path(), out.path(), Limits::default()).unwrap_err();
        assert!(err.contains("symbolic link"), "{err}");
        assert!(listing(out.path()).is_empty());
    }

    #[test]
    fn a_damaged_archive_is_a_clear_problem() {
        let mut junk = tempfile::NamedTempFile::new().unwrap();
        junk.write_all(b"PK\x03\x04 this is not really a zip archive").unwrap();
        assert!(unpack_zip(junk.path(), dest().path(), Limits::default()).unwrap_err().contains("not a readable zip"));
        assert!(
            unpack_tar_gz(junk.path(), dest().path(), Limits::default())
                .unwrap_err()
                .contains("not a readable .tar.gz")
        );
        // A good .tar.gz cut in half.
        let good = tar_gz_with(&[("a/src/lib.rs", tar::EntryType::Regular, &vec![b'x'; 100_000], "")]);
        let bytes = std::fs::read(good.path()).unwrap();
        let mut half = tempfile::NamedTempFile::new().unwrap();
        half.write_all(&bytes[..bytes.len() / 2]).unwrap();
        assert!(unpack_tar_gz(half.path(), dest().path(), Limits::default()).is_err());
    }

    #[test]
    fn a_tar_gz_unpacks_and_is_checked_like_a_zip() {
        use tar::EntryType as T;
        let good = tar_gz_with(&[
            ("c/exercises/", T::Directory, b"", ""),
            ("c/exercises/a/src/lib.rs", T::Regular, b"pub fn f() {}\n", ""),
            ("c/target/x", T::Regular, b"skipped", ""),
        ]);
        let out = dest();
        let done = unpack_tar_gz(good.path(), out.path(), Limits::default()).unwrap();
        assert_eq!((done.files, done.skipped), (1, 1));
        assert_eq!(listing(out.path()), ["c/exercises/a/src/lib.rs"]);

        let outer = dest();
        let inner = outer.path().join("inner");
        std::fs::create_dir(&inner).unwrap();
        let evil = tar_gz_with(&[("../evil.rs", T::Regular, b"pwned", "")]);
        assert!(unpack_tar_gz(evil.path(), &inner, Limits::default()).unwrap_err().contains("outside"));
        assert!(!outer.path().join("evil.rs").exists());

        let link = tar_gz_with(&[("a/src/lib.rs", T::Symlink, b"", "/etc/passwd")]);
        assert!(unpack_tar_gz(link.path(), dest().path(), Limits::default()).unwrap_err().contains("link"));
        let hard = tar_gz_with(&[("a/src/lib.rs", T::Link, b"", "../../etc/passwd")]);
        assert!(unpack_tar_gz(hard.path(), dest().path(), Limits::default()).unwrap_err().contains("link"));
        let fifo = tar_gz_with(&[("a/pipe", T::Fifo, b"", "")]);
        assert!(unpack_tar_gz(fifo.path(), dest().path(), Limits::default()).unwrap_err().contains("special file"));

        let bomb = tar_gz_with(&[("zeros", T::Regular, &vec![0u8; 4 << 20], "")]);
        let limits = Limits { max_bytes: 1 << 20, ..Limits::default() };
        assert!(unpack_tar_gz(bomb.path(), dest().path(), limits).unwrap_err().contains("more than 1 MiB"));
        // Skipped entries are not kept, but their bytes still count against the stream cap.
        let skipped = tar_gz_with(&[("c/target/zeros", T::Regular, &vec![0u8; 4 << 20], "")]);
        let limits = Limits { max_stream: 1 << 20, ..Limits::default() };
        assert!(unpack_tar_gz(skipped.path(), dest().path(), limits).unwrap_err().contains("in all"));
    }

    #[test]
    fn a_folder_over_the_caps_is_refused_but_build_output_does_not_count() {
        let dir = dest();
        std::fs::create_dir_all(dir.path().join("a/src")).unwrap();
        std::fs::create_dir_all(dir.path().join("a/target")).unwrap();
        std::fs::write(dir.path().join("a/src/lib.rs"), vec![b'x'; 3000]).unwrap();
        std::fs::write(dir.path().join("a/target/big"), vec![b'x'; 30_000]).unwrap();
        let limits = Limits { max_bytes: 5000, ..Limits::default() };
        assert!(check_folder(dir.path(), limits).is_ok());
        std::fs::write(dir.path().join("a/src/more.rs"), vec![b'x'; 3000]).unwrap();
        assert!(check_folder(dir.path(), limits).unwrap_err().contains("more than"));
        let limits = Limits { max_files: 1, ..Limits::default() };
        assert!(check_folder(dir.path(), limits).unwrap_err().contains("more than 1 files"));
    }
}
