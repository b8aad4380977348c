//! `promolint lsp`: a language server over standard input and output, on
//! the `lsp-server` and `lsp-types` crates.
//!
//! Every answer comes from the check pipeline: a document is linted by the
//! same linter and options as `check - --stdin-filename PATH` (the
//! `promolint.yaml` nearest the document, `--rules`, lint levels; see
//! [`Workspaces`]), so its diagnostics are `check`'s, code for code and span
//! for span. A
//! Markdown file without promolint front matter gets none, as when `check`
//! walks a folder.
//!
//! Diagnostics are published on open and save at once, and on change after
//! [`DEBOUNCE`] without further typing. Requests: hover, completion, code
//! actions, code lenses (modules `actions`, `complete`, `hover`). The server
//! keeps documents in memory only: it never writes a file and never opens a
//! socket (edits are proposed to the editor, which applies them).

mod actions;
mod complete;
mod diagnostics;
mod document;
mod hover;
mod workspace;

pub(crate) use workspace::{Loaded, Workspaces};

use std::collections::HashMap;
use std::time::{Duration, Instant};

use anyhow::Context;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, CodeLensRequest, Completion, HoverRequest, Request as _};
use lsp_types::{
    CodeActionOrCommand, CodeActionProviderCapability, CompletionOptions, CompletionResponse, Hover,
    HoverContents, HoverProviderCapability, InitializeResult, MarkupContent, MarkupKind,
    PositionEncodingKind, PublishDiagnosticsParams, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
    Uri,
};

use document::Linted;

/// How long after the last change diagnostics are published.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(150);

/// An open document: the editor's text and version.
struct Open {
    text: String,
    version: i32,
}

/// The server's state: the linters, open documents and those waiting for
/// diagnostics.
struct Server {
    workspaces: Workspaces,
    documents: HashMap<Uri, Open>,
    pending: HashMap<Uri, Instant>,
}

/// Capabilities announced to the editor.
fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(false) })),
            ..TextDocumentSyncOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), " ".into(), ",".into()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        code_lens_provider: Some(lsp_types::CodeLensOptions { resolve_provider: Some(false) }),
        ..ServerCapabilities::default()
    }
}

/// Runs the protocol on `connection` until the editor sends `exit`: the
/// initialize handshake, then notifications and requests.
///
/// # Errors
/// The connection broke or the editor broke the protocol.
pub(crate) fn serve(connection: &Connection, workspaces: Workspaces) -> anyhow::Result<()> {
    let init = InitializeResult {
        capabilities: capabilities(),
        server_info: Some(ServerInfo {
            name: "promolint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    let (id, _params) = connection.initialize_start().context("language server handshake")?;
    connection.initialize_finish(id, serde_json::to_value(init)?).context("language server handshake")?;
    let mut server = Server { workspaces, documents: HashMap::new(), pending: HashMap::new() };
    loop {
        let timeout = server.pending.values().min().map(|t| t.saturating_duration_since(Instant::now()));
        let message = match timeout {
            Some(wait) => match connection.receiver.recv_timeout(wait) {
                Ok(message) => Some(message),
                Err(crossbeam_timeout) if crossbeam_timeout.is_timeout() => None,
                Err(_) => return Ok(()),
            },
            None => match connection.receiver.recv() {
                Ok(message) => Some(message),
                Err(_) => return Ok(()),
            },
        };
        match message {
            None => server.publish_due(connection)?,
            Some(Message::Request(request)) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(());
                }
                let response = server.request(request);
                connection.sender.send(Message::Response(response))?;
            }
            Some(Message::Notification(n)) => {
                if n.method == "exit" {
                    return Ok(());
                }
                server.notification(connection, n)?;
            }
            Some(Message::Response(_)) => {}
        }
    }
}

impl Server {
    fn lint(&self, uri: &Uri) -> Option<Linted<'_>> {
        let open = self.documents.get(uri)?;
        let linter = self.workspaces.linter(file_path(uri).as_deref());
        Some(Linted::new(linter, &display_name(uri), &open.text))
    }

    fn publish(&mut self, connection: &Connection, uri: &Uri) -> anyhow::Result<()> {
        self.pending.remove(uri);
        let (diagnostics, version) = match (self.lint(uri), self.documents.get(uri)) {
            (Some(linted), Some(open)) => (diagnostics::diagnostics(uri, &linted), Some(open.version)),
            _ => (Vec::new(), None),
        };
        let params = PublishDiagnosticsParams { uri: uri.clone(), diagnostics, version };
        connection
            .sender
            .send(Message::Notification(Notification::new(PublishDiagnostics::METHOD.into(), params)))?;
        Ok(())
    }

    fn publish_due(&mut self, connection: &Connection) -> anyhow::Result<()> {
        let now = Instant::now();
        let due: Vec<Uri> = self.pending.iter().filter(|(_, t)| **t <= now).map(|(u, _)| u.clone()).collect();
        for uri in due {
            self.publish(connection, &uri)?;
        }
        Ok(())
    }

    fn notification(&mut self, connection: &Connection, n: Notification) -> anyhow::Result<()> {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) = n.extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                else {
                    return Ok(());
                };
                let doc = p.text_document;
                if let Some(problem) = file_path(&doc.uri).and_then(|path| self.workspaces.prepare(&path)) {
                    log(connection, problem)?;
                }
                self.documents.insert(doc.uri.clone(), Open { text: doc.text, version: doc.version });
                self.publish(connection, &doc.uri)?;
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) =
                    n.extract::<lsp_types::DidChangeTextDocumentParams>(DidChangeTextDocument::METHOD)
                else {
                    return Ok(());
                };
                // Full sync: the last change holds the whole text.
                if let (Some(open), Some(change)) =
                    (self.documents.get_mut(&p.text_document.uri), p.content_changes.into_iter().last())
                {
                    open.text = change.text;
                    open.version = p.text_document.version;
                    self.pending.insert(p.text_document.uri, Instant::now() + DEBOUNCE);
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(p) = n.extract::<lsp_types::DidSaveTextDocumentParams>(DidSaveTextDocument::METHOD)
                {
                    if is_yaml(&p.text_document.uri) {
                        self.reload(connection)?;
                    } else {
                        self.publish(connection, &p.text_document.uri)?;
                    }
                }
            }
            DidChangeWatchedFiles::METHOD => {
                if let Ok(p) =
                    n.extract::<lsp_types::DidChangeWatchedFilesParams>(DidChangeWatchedFiles::METHOD)
                    && p.changes.iter().any(|c| is_yaml(&c.uri))
                {
                    self.reload(connection)?;
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                {
                    self.documents.remove(&p.text_document.uri);
                    self.publish(connection, &p.text_document.uri)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Loads every configuration and rule set again (a `promolint.yaml` or a
    /// rule file changed) and publishes every open document's diagnostics.
    fn reload(&mut self, connection: &Connection) -> anyhow::Result<()> {
        if let Some(problem) = self.workspaces.reload() {
            log(connection, problem)?;
        }
        let open: Vec<Uri> = self.documents.keys().cloned().collect();
        for uri in &open {
            if let Some(problem) = file_path(uri).and_then(|path| self.workspaces.prepare(&path)) {
                log(connection, problem)?;
            }
        }
        for uri in &open {
            self.publish(connection, uri)?;
        }
        Ok(())
    }

    fn request(&self, request: Request) -> Response {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            HoverRequest::METHOD => self.hover(request).map(|r| serde_json::to_value(r).unwrap_or_default()),
            Completion::METHOD => {
                self.completion(request).map(|r| serde_json::to_value(r).unwrap_or_default())
            }
            CodeActionRequest::METHOD => {
                self.code_action(request).map(|r| serde_json::to_value(r).unwrap_or_default())
            }
            CodeLensRequest::METHOD => {
                self.code_lens(request).map(|r| serde_json::to_value(r).unwrap_or_default())
            }
            _ => {
                return Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("unknown method {}", request.method),
                );
            }
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err(message) => invalid(id, message),
        }
    }

    fn hover(&self, request: Request) -> Result<Option<Hover>, String> {
        let (_, p) =
            request.extract::<lsp_types::HoverParams>(HoverRequest::METHOD).map_err(|e| e.to_string())?;
        let at = &p.text_document_position_params;
        let Some(linted) = self.lint(&at.text_document.uri) else { return Ok(None) };
        let offset = document::offset(linted.file(), at.position);
        Ok(hover::hover(&linted, offset).map(|(value, r)| Hover {
            contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value }),
            range: Some(document::range(linted.file(), &r)),
        }))
    }

    fn completion(&self, request: Request) -> Result<Option<CompletionResponse>, String> {
        let (_, p) =
            request.extract::<lsp_types::CompletionParams>(Completion::METHOD).map_err(|e| e.to_string())?;
        let at = &p.text_document_position;
        let Some(linted) = self.lint(&at.text_document.uri) else { return Ok(None) };
        let offset = document::offset(linted.file(), at.position);
        Ok(Some(CompletionResponse::Array(complete::complete(&linted, offset))))
    }

    fn code_action(&self, request: Request) -> Result<Option<Vec<CodeActionOrCommand>>, String> {
        let (_, p) = request
            .extract::<lsp_types::CodeActionParams>(CodeActionRequest::METHOD)
            .map_err(|e| e.to_string())?;
        let Some(linted) = self.lint(&p.text_document.uri) else { return Ok(None) };
        let file = linted.file();
        let at = document::offset(file, p.range.start)..document::offset(file, p.range.end);
        let actions = actions::actions(&p.text_document.uri, &linted, at);
        Ok(Some(actions.into_iter().map(CodeActionOrCommand::CodeAction).collect()))
    }

    fn code_lens(&self, request: Request) -> Result<Option<Vec<lsp_types::CodeLens>>, String> {
        let (_, p) = request
            .extract::<lsp_types::CodeLensParams>(CodeLensRequest::METHOD)
            .map_err(|e| e.to_string())?;
        let Some(linted) = self.lint(&p.text_document.uri) else { return Ok(None) };
        Ok(Some(actions::lenses(&linted)))
    }
}

fn invalid(id: RequestId, message: String) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, message)
}

/// Tells the editor's log what went wrong (`window/logMessage`, a warning).
fn log(connection: &Connection, message: String) -> anyhow::Result<()> {
    let params = lsp_types::LogMessageParams { typ: lsp_types::MessageType::WARNING, message };
    let method = <lsp_types::notification::LogMessage as lsp_types::notification::Notification>::METHOD;
    connection.sender.send(Message::Notification(Notification::new(method.into(), params)))?;
    Ok(())
}

/// Whether a URI names a YAML file (a configuration or a rule file).
fn is_yaml(uri: &Uri) -> bool {
    let path = uri.as_str();
    path.ends_with(".yaml") || path.ends_with(".yml")
}

/// The file a `file:` URI names.
fn file_path(uri: &Uri) -> Option<std::path::PathBuf> {
    let path = uri.as_str().strip_prefix("file://")?;
    Some(percent_encoding::percent_decode_str(path).decode_utf8_lossy().into_owned().into())
}

/// The name a document is shown under: its path for `file:` URIs.
fn display_name(uri: &Uri) -> String {
    file_path(uri).map_or_else(|| uri.as_str().to_owned(), |path| path.display().to_string())
}
