//! The cache's keys: a claim file's ([`FileKey`]) and the environment's ([`Environment`]),
//! what every cached result depends on besides the file.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use treatywatch_loader::{FileResult, Limits, Listing};

use super::FORMAT;

/// A claim file's key: SHA-256 of its path (as shown) and bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FileKey(pub(super) [u8; 32]);

impl FileKey {
    pub fn of(path: &str, bytes: &[u8]) -> FileKey {
        let mut hash = Sha256::new();
        hash.update((path.len() as u64).to_le_bytes());
        hash.update(path.as_bytes());
        hash.update(bytes);
        FileKey(hash.finalize().into())
    }
}

/// The environment every cached result depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Environment(pub(super) [u8; 32]);

/// A file as read for the environment: its index, and its bytes or its whole result when it
/// is not read.
pub type FetchedFile = (usize, Result<Vec<u8>, Box<FileResult>>);

/// The environment of a run: the build of the rules ([`BUILD`]), the limits, and every file
/// other than claim files, as `fetched` holds them: its path and bytes, or why it is not read.
/// (What parsing a file finds follows from its bytes, the limits and the build.) Not the
/// as-of date: what depends on it (`future-date` on claims) is decided after the cached part,
/// so a cache made yesterday serves today.
pub fn environment(listing: &Listing, fetched: &[FetchedFile], limits: Limits) -> Environment {
    environment_of_build(BUILD, listing, fetched, limits)
}

/// A digest of the sources of the model, the loader and the validator and of the lock file,
/// made when this crate is built (`build.rs`): another build whose rules may differ has
/// another.
pub const BUILD: &str = env!("TREATYWATCH_RULES_DIGEST");

/// [`environment`] for the build `build` (tests stand for another build with it).
pub fn environment_of_build(
    build: &str,
    listing: &Listing,
    fetched: &[FetchedFile],
    limits: Limits,
) -> Environment {
    let mut hash = Sha256::new();
    hash.update(FORMAT.to_le_bytes());
    fn field(hash: &mut Sha256, bytes: &[u8]) {
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    }
    field(&mut hash, build.as_bytes());
    field(&mut hash, format!("{limits:?}").as_bytes());
    // Each file hashed on its own, on every core; their digests in file order make the
    // environment.
    let mut digests: Vec<(usize, [u8; 32])> = fetched
        .par_iter()
        .map(|(i, read)| {
            let mut file = Sha256::new();
            field(&mut file, listing.display_path(*i).as_bytes());
            match read {
                Ok(bytes) => {
                    file.update([0]);
                    field(&mut file, bytes);
                }
                Err(result) => {
                    file.update([1]);
                    field(&mut file, format!("{:?}", result.problems).as_bytes());
                }
            }
            (*i, file.finalize().into())
        })
        .collect();
    digests.sort_unstable_by_key(|(i, _)| *i);
    for (_, digest) in digests {
        hash.update(digest);
    }
    Environment(hash.finalize().into())
}
