//! The server's state and its message loop: documents open in the editor, the validation
//! session, and the diagnostics last published for each file.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self, Notification as _};
use lsp_types::request::{self, Request as _};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, Diagnostic, DiagnosticSeverity,
    HoverProviderCapability, InitializeParams, NumberOrString, OneOf, PublishDiagnosticsParams,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, Url,
};
use treatywatch_loader::{Limits, Severity};
use treatywatch_model::Date;
use treatywatch_validator::Options;
use treatywatch_validator::session::Session;

use crate::text::Lines;

/// How the server is started.
#[derive(Debug, Clone)]
pub struct Config {
    /// The data folder; a relative one is taken from the workspace the editor opens.
    pub data: PathBuf,
    pub limits: Limits,
    /// The as-of date of `future-date` (default today).
    pub as_of: Date,
}

/// One diagnostic as published, with what the code actions need.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Published {
    pub(crate) lsp: Diagnostic,
    pub(crate) inner: treatywatch_loader::Diagnostic,
}

/// The server's state.
pub struct Server {
    config: Config,
    pub(crate) session: Option<Session>,
    /// Documents open in the editor: their text.
    pub(crate) open: HashMap<Url, String>,
    /// What was last published for each file.
    pub(crate) published: BTreeMap<Url, Vec<Published>>,
    shutdown: bool,
    outgoing: Vec<Message>,
}

fn to_value<T: serde::Serialize>(value: T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

impl Server {
    pub fn new(config: Config) -> Server {
        Server {
            config,
            session: None,
            open: HashMap::new(),
            published: BTreeMap::new(),
            shutdown: false,
            outgoing: Vec::new(),
        }
    }

    fn capabilities() -> ServerCapabilities {
        ServerCapabilities {
            text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec![":".into(), " ".into(), "-".into()]),
                ..CompletionOptions::default()
            }),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
            ..ServerCapabilities::default()
        }
    }

    /// Handles one message; returns the messages to send.
    pub fn handle(&mut self, message: Message) -> Vec<Message> {
        match message {
            Message::Request(req) => {
                let response = self.request(req);
                self.outgoing.push(Message::Response(response));
            }
            Message::Notification(n) => self.notification(n),
            // Replies to requests the server never sends: nothing to do.
            Message::Response(_) => {}
        }
        std::mem::take(&mut self.outgoing)
    }

    fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        if self.shutdown && req.method != request::Shutdown::METHOD {
            return error(id, ErrorCode::InvalidRequest, "the server is shutting down");
        }
        let result: Result<serde_json::Value, (ErrorCode, String)> = match req.method.as_str() {
            request::Initialize::METHOD => self.initialize(req.params),
            request::Shutdown::METHOD => {
                self.shutdown = true;
                Ok(serde_json::Value::Null)
            }
            request::HoverRequest::METHOD => {
                params(req.params).map(|p| to_value(crate::features::hover(self, p)))
            }
            request::Completion::METHOD => {
                params(req.params).map(|p| to_value(crate::features::completion(self, p)))
            }
            request::GotoDefinition::METHOD => {
                params(req.params).map(|p| to_value(crate::features::definition(self, p)))
            }
            request::References::METHOD => {
                params(req.params).map(|p| to_value(crate::features::references(self, p)))
            }
            request::CodeActionRequest::METHOD => {
                params(req.params).map(|p| to_value(crate::actions::code_actions(self, p)))
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("treatywatch does not handle `{other}`"),
            )),
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => error(id, code, &message),
        }
    }

    fn initialize(
        &mut self,
        p: serde_json::Value,
    ) -> Result<serde_json::Value, (ErrorCode, String)> {
        let p: InitializeParams = serde_json::from_value(p).map_err(|e| {
            (
                ErrorCode::InvalidParams,
                format!("invalid initialize params: {e}"),
            )
        })?;
        #[allow(deprecated)] // root_uri: older clients (Neovim 0.7) send only it
        let workspace = p
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| f.uri.clone())
            .or(p.root_uri.clone())
            .and_then(|u| u.to_file_path().ok());
        let data = match (&workspace, self.config.data.is_relative()) {
            (Some(w), true) => w.join(&self.config.data),
            _ => self.config.data.clone(),
        };
        let options = Options {
            as_of: self.config.as_of,
        };
        // A folder that is not a data folder: the server still answers, with nothing to check.
        self.session = Session::open(&data, self.config.limits, options).ok();
        Ok(serde_json::json!({
            "capabilities": Server::capabilities(),
            "serverInfo": {"name": "treatywatch", "version": env!("CARGO_PKG_VERSION")},
        }))
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            notification::Initialized::METHOD => self.publish(),
            notification::DidOpenTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params)
                {
                    self.set(p.text_document.uri, Some(p.text_document.text));
                }
            }
            notification::DidChangeTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params)
                    && let Some(change) = p.content_changes.into_iter().last()
                {
                    self.set(p.text_document.uri, Some(change.text));
                }
            }
            notification::DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params)
                {
                    self.set(p.text_document.uri, None);
                }
            }
            notification::DidSaveTextDocument::METHOD => {}
            notification::DidChangeWatchedFiles::METHOD => {
                if let Some(session) = &mut self.session {
                    session.relist();
                }
                self.publish();
            }
            // `$/cancelRequest` and anything else: requests are answered in order as they
            // come, so there is nothing to cancel.
            _ => {}
        }
    }

    /// The document `uri` now reads `text` (`None`: closed, read from disk again).
    fn set(&mut self, uri: Url, text: Option<String>) {
        match &text {
            Some(t) => {
                self.open.insert(uri.clone(), t.clone());
            }
            None => {
                self.open.remove(&uri);
            }
        }
        let (Some(session), Ok(path)) = (&mut self.session, uri.to_file_path()) else {
            return;
        };
        session.update(&path, text.map(String::into_bytes));
        self.publish();
    }

    /// The text of the file at `uri`: the editor's buffer when it is open, else the disk's.
    pub(crate) fn text_of(&self, uri: &Url) -> Option<String> {
        if let Some(text) = self.open.get(uri) {
            return Some(text.clone());
        }
        let session = self.session.as_ref()?;
        let path = uri.to_file_path().ok()?;
        let index = session.listing().index_of(&path)?;
        session.text(index)
    }

    /// The URI of file `index` of the session.
    pub(crate) fn uri_of(&self, index: usize) -> Option<Url> {
        let session = self.session.as_ref()?;
        let shown = &session.data().files.get(index)?.path;
        let path = Path::new(shown);
        let absolute = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir().ok()?.join(path)
        };
        Url::from_file_path(absolute).ok()
    }

    /// Publishes the diagnostics of every file whose diagnostics changed since last time.
    fn publish(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let outcome = session.outcome();
        let mut by_file: BTreeMap<usize, Vec<treatywatch_loader::Diagnostic>> = BTreeMap::new();
        for d in outcome.diagnostics {
            by_file.entry(d.file).or_default().push(d);
        }
        let mut now: BTreeMap<Url, Vec<treatywatch_loader::Diagnostic>> = BTreeMap::new();
        for (file, diagnostics) in by_file {
            if let Some(uri) = self.uri_of(file) {
                now.entry(uri).or_default().extend(diagnostics);
            }
        }
        let same = |old: &[Published], new: &[treatywatch_loader::Diagnostic]| {
            old.len() == new.len() && old.iter().zip(new).all(|(o, n)| key(&o.inner) == key(n))
        };
        let mut changed: Vec<(Url, Vec<treatywatch_loader::Diagnostic>)> = Vec::new();
        for (uri, diagnostics) in &now {
            if !self
                .published
                .get(uri)
                .is_some_and(|old| same(old, diagnostics))
            {
                changed.push((uri.clone(), diagnostics.clone()));
            }
        }
        let gone: Vec<Url> = self
            .published
            .keys()
            .filter(|u| !now.contains_key(*u))
            .cloned()
            .collect();
        for uri in gone {
            self.published.remove(&uri);
            self.notify_diagnostics(uri, Vec::new());
        }
        for (uri, diagnostics) in changed {
            let text = self.text_of(&uri).unwrap_or_default();
            let lines = Lines::new(&text);
            let published: Vec<Published> = diagnostics
                .into_iter()
                .map(|d| Published {
                    lsp: lsp_diagnostic(&d, &lines),
                    inner: d,
                })
                .collect();
            let list = published.iter().map(|p| p.lsp.clone()).collect();
            self.published.insert(uri.clone(), published);
            self.notify_diagnostics(uri, list);
        }
    }

    fn notify_diagnostics(&mut self, uri: Url, diagnostics: Vec<Diagnostic>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: None,
        };
        self.outgoing.push(Message::Notification(Notification::new(
            notification::PublishDiagnostics::METHOD.to_string(),
            params,
        )));
    }

    pub(crate) fn is_shut_down(&self) -> bool {
        self.shutdown
    }
}

/// What tells two diagnostics apart for publishing.
fn key(d: &treatywatch_loader::Diagnostic) -> (&str, u32, u32, &str, Option<&str>) {
    (
        d.rule.as_str(),
        d.span.start,
        d.span.end,
        d.message.as_str(),
        d.help.as_deref(),
    )
}

/// A diagnostic as the protocol carries it: the rule as its code, the help and the evidence
/// after the message, as `validate` prints them.
pub(crate) fn lsp_diagnostic(d: &treatywatch_loader::Diagnostic, lines: &Lines<'_>) -> Diagnostic {
    let mut message = d.message.clone();
    for e in &d.evidence {
        message.push_str(&format!("\nevidence: {}", e.text));
        if !e.sources.is_empty() {
            message.push_str(&format!(" [{}]", e.sources.join(", ")));
        }
    }
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    Diagnostic {
        range: lines.range(d.span.start as usize, d.span.end as usize),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Note => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.rule.as_str().to_string())),
        source: Some("treatywatch".into()),
        message,
        ..Diagnostic::default()
    }
}

fn params<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
) -> Result<T, (ErrorCode, String)> {
    serde_json::from_value(value)
        .map_err(|e| (ErrorCode::InvalidParams, format!("invalid params: {e}")))
}

fn error(id: RequestId, code: ErrorCode, message: &str) -> Response {
    Response::new_err(id, code as i32, message.to_string())
}
