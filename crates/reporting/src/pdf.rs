//! The briefing PDF, compiled in-process with Typst through a small `World`: one main source,
//! one data file (the report model as JSON), the fonts embedded in the binary. No network, no
//! packages, no file outside this virtual root, no external program.

use std::sync::OnceLock;

use treatywatch_model::Date;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// The data file's path inside the virtual root, as the template reads it.
pub const DATA_PATH: &str = "/briefing.json";
const MAIN_PATH: &str = "/briefing.typ";

fn fonts() -> &'static FontStore {
    static FONTS: OnceLock<FontStore> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut store = FontStore::new();
        store.extend(typst_kit::fonts::embedded());
        store
    })
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

struct BriefingWorld {
    main: Source,
    main_id: FileId,
    data_id: FileId,
    data: Bytes,
    today: Option<Datetime>,
}

impl World for BriefingWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        fonts().book()
    }

    fn main(&self) -> FileId {
        self.main_id
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main_id {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main_id {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            // Nothing else exists in this world: not /etc/passwd, not a package.
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().font(index)
    }

    /// The briefing's own date, so that output never depends on when it is compiled.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

/// Why the PDF could not be made.
#[derive(Debug)]
pub struct PdfError(pub String);

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the briefing could not be typeset: {}", self.0)
    }
}

impl std::error::Error for PdfError {}

fn describe(world: &BriefingWorld, source: &Source, diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            let place = typst::WorldExt::range(world, d.span)
                .map(|r| {
                    let line = source.text()[..r.start].matches('\n').count() + 1;
                    format!("briefing.typ:{line}: ")
                })
                .unwrap_or_default();
            format!("{place}{}", d.message)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Compiles Typst source with the report JSON beside it into a tagged PDF that claims PDF/A-2a
/// and PDF/UA-1 (Typst checks what it can of both, and refuses, for example, a figure without
/// alternative text).
pub fn compile(typst_source: &str, data_json: &str, as_of: Date) -> Result<Vec<u8>, PdfError> {
    let main_id = file_id(MAIN_PATH).ok_or_else(|| PdfError("bad main path".into()))?;
    let data_id = file_id(DATA_PATH).ok_or_else(|| PdfError("bad data path".into()))?;
    let main = Source::new(main_id, typst_source.to_string());
    let today = Datetime::from_ymd(
        i32::from(as_of.year()),
        as_of.month().unwrap_or(12),
        as_of.day().unwrap_or(1),
    );
    let world = BriefingWorld {
        main: main.clone(),
        main_id,
        data_id,
        data: Bytes::from_string(data_json.to_string()),
        today,
    };
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| PdfError(describe(&world, &main, &errors)))?;
    let standards = PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1])
        .map_err(|e| PdfError(format!("{e:?}")))?;
    let options = PdfOptions {
        ident: Smart::Custom(format!("treatywatch-briefing-{as_of}")),
        creator: Smart::Custom(Some(format!("treatywatch {}", env!("CARGO_PKG_VERSION")))),
        timestamp: today.map(Timestamp::new_utc),
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| PdfError(describe(&world, &main, &errors)))
}
