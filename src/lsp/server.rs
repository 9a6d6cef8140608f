//! The server: open documents, their analyses, and the protocol's requests
//! dispatched to one module per feature. Analyses run synchronously under
//! one lock, in the order the editor's notifications arrive, so a result
//! is never published over a newer one.

use super::analysis::{self, Analysis, Document};
use super::{actions, completion, diagnostics, hints, hover, navigation, symbols, tokens};
use crate::i18n::Lang;
use crate::rulebook::Overlay;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// What the server knows.
#[derive(Default)]
struct State {
    documents: HashMap<Uri, Document>,
    analyses: HashMap<Uri, Arc<Analysis>>,
    /// The last analysis without error of each document, for hover and
    /// completion while the text is being typed.
    last_good: HashMap<Uri, Arc<Analysis>>,
    /// The language of every message sent to the editor.
    lang: Lang,
    /// The files not open whose diagnostics were last published (those of a
    /// file under an open one: a national file under a Caf's).
    elsewhere: HashSet<Uri>,
    /// Whether the editor lets the server ask to be told of files changed
    /// on disk (`workspace/didChangeWatchedFiles`, registered when ready).
    can_watch: bool,
}

/// The language server.
pub struct Backend {
    client: Client,
    state: Mutex<State>,
    /// The language asked for on the command line (`--lang`, `CLAS_LANG`), if any.
    asked: Option<Lang>,
}

/// One document and its analyses, for a feature to read.
pub struct View<'a> {
    /// The document.
    pub document: &'a Document,
    /// Its current analysis.
    pub analysis: &'a Analysis,
    /// Its last analysis without error, if any.
    pub last_good: Option<&'a Analysis>,
    /// Its address.
    pub uri: &'a Uri,
    /// The language of the messages for the editor.
    pub lang: Lang,
}

impl View<'_> {
    /// The checked program: the current one, else the last one without error.
    pub fn program(&self) -> Option<&crate::program::Program> {
        self.analysis
            .compiled
            .program
            .as_ref()
            .or(self.last_good.and_then(|a| a.compiled.program.as_ref()))
    }
}

impl Backend {
    /// A server talking to `client`.
    pub fn new(client: Client, asked: Option<Lang>) -> Backend {
        Backend {
            client,
            state: Mutex::new(State::default()),
            asked,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic elsewhere cannot leave the state half-written in a way that
        // matters more than staying available: keep serving.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Re-analyses every open document (a change in one may change the
    /// rulebooks that extend it, or those of the layers written over it) and
    /// gives what to publish: each open document's diagnostics; those of the
    /// files under them that are not open, each on its own file (merged when
    /// several open documents build on the same file); and an empty list for
    /// such a file that had some and has none now.
    fn reanalyse(&self) -> Vec<(Uri, Vec<Diagnostic>, Option<i32>)> {
        let mut state = self.lock();
        let open: Overlay = state
            .documents
            .iter()
            .filter_map(|(uri, document)| {
                let path = file_path(uri)?;
                let key = std::fs::canonicalize(&path).unwrap_or(path);
                Some((key, document.text.clone()))
            })
            .collect();
        let open = Arc::new(open);
        let lang = state.lang;
        let mut own: Vec<(Uri, Vec<Diagnostic>, i32)> = Vec::new();
        let mut under: Vec<(Uri, Vec<Diagnostic>)> = Vec::new();
        let mut uris: Vec<Uri> = state.documents.keys().cloned().collect();
        uris.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        for uri in uris {
            let Some(document) = state.documents.get(&uri) else {
                continue;
            };
            let path: Option<PathBuf> = file_path(&uri);
            let name = path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| uri.to_string());
            let analysis = Arc::new(analysis::analyse(
                path.as_deref(),
                &name,
                &document.text,
                open.clone(),
            ));
            own.push((
                uri.clone(),
                diagnostics::of_document(&analysis, document, lang),
                document.version,
            ));
            for (file, diagnostic) in diagnostics::elsewhere(&analysis, lang) {
                match under.iter_mut().find(|(u, _)| *u == file) {
                    Some((_, list)) if list.contains(&diagnostic) => {}
                    Some((_, list)) => list.push(diagnostic),
                    None => under.push((file, vec![diagnostic])),
                }
            }
            if analysis.compiled.program.is_some() {
                state.last_good.insert(uri.clone(), analysis.clone());
            }
            state.analyses.insert(uri, analysis);
        }
        let mut published: Vec<(Uri, Vec<Diagnostic>, Option<i32>)> = Vec::new();
        // An open file has its own analysis: what the files over it see in
        // it (a national assertion that a Caf's override breaks) is said at
        // their headers, not mixed with what it says of itself.
        for (uri, list, version) in own {
            published.push((uri, list, Some(version)));
        }
        let mut elsewhere = HashSet::new();
        for (uri, list) in under {
            if !state.documents.contains_key(&uri) {
                elsewhere.insert(uri.clone());
                published.push((uri, list, None));
            }
        }
        for uri in state.elsewhere.iter() {
            if !elsewhere.contains(uri) && !state.documents.contains_key(uri) {
                published.push((uri.clone(), Vec::new(), None));
            }
        }
        state.elsewhere = elsewhere;
        published
    }

    async fn publish(&self, results: Vec<(Uri, Vec<Diagnostic>, Option<i32>)>) {
        for (uri, diagnostics, version) in results {
            self.client.publish_diagnostics(uri, diagnostics, version).await;
        }
    }

    /// Runs a feature on a document, if it is open and analysed.
    fn with_view<T>(&self, uri: &Uri, feature: impl FnOnce(View) -> Option<T>) -> Option<T> {
        let state = self.lock();
        let document = state.documents.get(uri)?;
        let analysis = state.analyses.get(uri)?;
        let view = View {
            document,
            analysis,
            last_good: state.last_good.get(uri).map(Arc::as_ref),
            uri,
            lang: state.lang,
        };
        feature(view)
    }
}

/// The path of a `file:` address; `None` for any other scheme (an editor's
/// `untitled:` buffer is not a file of a rules folder).
fn file_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// What the server can do, as announced to the editor.
fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        // Saving a file re-analyses every open one against the disk (a file
        // under them may have been changed outside the editor).
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            ..TextDocumentSyncOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![".".into()]),
            ..CompletionOptions::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: tokens::legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                range: None,
                work_done_progress_options: Default::default(),
            },
        )),
        inlay_hint_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let lang = session_language(&params, self.asked);
        let can_watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        {
            let mut state = self.lock();
            state.lang = lang;
            state.can_watch = can_watch;
        }
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "clas-rules".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: capabilities(),
            ..InitializeResult::default()
        })
    }

    /// Asks the editor to say when a rulebook or the folder's settings
    /// change on disk (a `git pull`, another program): the open documents
    /// are then analysed again against them.
    async fn initialized(&self, _: InitializedParams) {
        if !self.lock().can_watch {
            return;
        }
        let watchers = ["**/*.clas", "**/clas-rules.toml"]
            .into_iter()
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String(glob.into()),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let Ok(options) = serde_json::to_value(options) else {
            return;
        };
        let registration = Registration {
            id: "clas-rules-files".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: Some(options),
        };
        // An editor that refuses is still served: saving re-analyses too.
        let _ = self.client.register_capability(vec![registration]).await;
    }

    async fn did_change_watched_files(&self, _: DidChangeWatchedFilesParams) {
        let results = self.reanalyse();
        self.publish(results).await;
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        self.lock()
            .documents
            .insert(document.uri, Document::new(document.text, document.version));
        let results = self.reanalyse();
        self.publish(results).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        {
            let mut state = self.lock();
            let Some(document) = state.documents.get_mut(&params.text_document.uri) else {
                return;
            };
            if params.text_document.version < document.version {
                return; // an older change arriving late: ignore it
            }
            let mut text = std::mem::take(&mut document.text);
            for change in params.content_changes {
                text = match change.range {
                    None => change.text,
                    Some(range) => {
                        let lines = super::position::LineIndex::new(&text);
                        let span = lines.span(&text, range);
                        let mut edited = String::with_capacity(text.len() + change.text.len());
                        edited.push_str(text.get(..span.start).unwrap_or(""));
                        edited.push_str(&change.text);
                        edited.push_str(text.get(span.end..).unwrap_or(""));
                        edited
                    }
                };
            }
            *document = Document::new(text, params.text_document.version);
        }
        let results = self.reanalyse();
        self.publish(results).await;
    }

    async fn did_save(&self, _: DidSaveTextDocumentParams) {
        let results = self.reanalyse();
        self.publish(results).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        {
            let mut state = self.lock();
            state.documents.remove(&uri);
            state.analyses.remove(&uri);
            state.last_good.remove(&uri);
        }
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
        let results = self.reanalyse();
        self.publish(results).await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params;
        Ok(self.with_view(&position.text_document.uri, |view| {
            hover::hover(&view, position.position)
        }))
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let position = params.text_document_position_params;
        Ok(self.with_view(&position.text_document.uri, |view| {
            navigation::definition(&view, position.position)
        }))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let position = params.text_document_position;
        let include = params.context.include_declaration;
        Ok(self.with_view(&position.text_document.uri, |view| {
            navigation::references(&view, position.position, include)
        }))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        Ok(self.with_view(&params.text_document.uri, |view| {
            navigation::prepare_rename(&view, params.position)
        }))
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let position = params.text_document_position;
        let result = self.with_view(&position.text_document.uri, |view| {
            Some(navigation::rename(&view, position.position, &params.new_name))
        });
        match result {
            Some(Ok(edit)) => Ok(edit),
            Some(Err(message)) => Err(tower_lsp_server::jsonrpc::Error::invalid_params(message)),
            None => Ok(None),
        }
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let position = params.text_document_position;
        Ok(self.with_view(&position.text_document.uri, |view| {
            completion::complete(&view, position.position)
        }))
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        Ok(self.with_view(&params.text_document.uri, |view| symbols::document_symbols(&view)))
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        let sources: Vec<crate::rulebook::RulesSource> = {
            let state = self.lock();
            let mut sources: Vec<crate::rulebook::RulesSource> = Vec::new();
            for analysis in state.analyses.values() {
                // The same folder once, whatever is open in it.
                let folder = match &analysis.source {
                    crate::rulebook::RulesSource::Open(dir, _) => {
                        crate::rulebook::RulesSource::Dir(dir.clone())
                    }
                    other => other.clone(),
                };
                if !sources.contains(&folder) {
                    sources.push(folder);
                }
            }
            sources
        };
        Ok(Some(symbols::workspace_symbols(&sources, &params.query)))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        Ok(self.with_view(&params.text_document.uri, |view| symbols::folding(&view)))
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        Ok(self.with_view(&params.text_document.uri, |view| super::formatting::format(&view)))
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        Ok(self.with_view(&params.text_document.uri, |view| {
            Some(SemanticTokensResult::Tokens(tokens::tokens(&view)))
        }))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        Ok(self.with_view(&params.text_document.uri, |view| {
            hints::inlay_hints(&view, params.range)
        }))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        Ok(self.with_view(&params.text_document.uri, |view| {
            actions::code_actions(&view, &params)
        }))
    }
}

/// Serves the protocol on standard input and output until the editor closes it.
pub fn serve(asked: Option<Lang>) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    runtime.block_on(async {
        let (service, socket) = tower_lsp_server::LspService::new(|client| Backend::new(client, asked));
        // Standard input goes through `wire::pump` first: one message the
        // library cannot decode would otherwise end the session.
        let (checked, from_pump) = tokio::io::duplex(64 * 1024);
        let serve = tower_lsp_server::Server::new(from_pump, tokio::io::stdout(), socket).serve(service);
        tokio::pin!(serve);
        tokio::select! {
            () = &mut serve => {}
            () = super::wire::pump(tokio::io::stdin(), checked) => serve.await,
        }
    });
    // The pump may be waiting in a read of standard input, which cannot be
    // cancelled: do not wait for it (the editor may keep the pipe open until
    // the process exits).
    runtime.shutdown_background();
    Ok(())
}

/// The language of a session: the editor's `clasRules.language` setting
/// (`initializationOptions.language`: `fr` or `en`), else the language asked
/// for on the command line, else the editor's display language (`locale`),
/// else French.
pub fn session_language(params: &InitializeParams, asked: Option<Lang>) -> Lang {
    let setting = params
        .initialization_options
        .as_ref()
        .and_then(|options| options.get("language"))
        .and_then(serde_json::Value::as_str)
        .and_then(Lang::from_tag);
    setting
        .or(asked)
        .or_else(|| params.locale.as_deref().and_then(Lang::from_tag))
        .unwrap_or_default()
}
