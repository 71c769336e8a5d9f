"""`treatywatch lsp` driven by a real client library, as an editor drives it: PyPI's
pytest-lsp starts the server as a subprocess over stdio and speaks the protocol with pygls.
Run by .ci/run:

    TREATYWATCH=target/debug/treatywatch pytest .ci/lsp_check.py

Each test works on its own copy of tests/fixtures/valid: open a claim, type a wrong actor id,
receive the diagnostic with its hint, apply the code action, see it cleared; complete an id;
hover a rule; change a source file and see a claim file's diagnostics change.
"""

import os
import pathlib
import shutil
import tempfile

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

REPO = pathlib.Path(__file__).resolve().parent.parent
BINARY = os.environ.get("TREATYWATCH", str(REPO / "target" / "debug" / "treatywatch"))
WORKSPACE = pathlib.Path(tempfile.mkdtemp(prefix="treatywatch-lsp-"))
shutil.copytree(REPO / "tests" / "fixtures" / "valid", WORKSPACE / "data")
CLAIMS = WORKSPACE / "data" / "claims" / "claims.yaml"
SOURCES = WORKSPACE / "data" / "sources" / "sources.yaml"


def uri(path):
    return path.as_uri()


def position_of(text, needle, after=0):
    at = text.index(needle) + after
    line = text.count("\n", 0, at)
    return types.Position(line=line, character=at - (text.rfind("\n", 0, at) + 1))


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[BINARY, "lsp", "--as-of", "2026-01-01"]),
)
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=uri(WORKSPACE),
        )
    )
    yield
    await lsp_client.shutdown_session()


async def diagnostics_for(client, target, predicate, attempts=20):
    """Waits for the diagnostics of `target` to satisfy `predicate`."""
    for _ in range(attempts):
        found = client.diagnostics.get(uri(target))
        if found is not None and predicate(found):
            return found
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    raise AssertionError(f"no such diagnostics for {target}: {client.diagnostics.get(uri(target))}")


def open_text(client, path, text, version=1):
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri(path), language_id="yaml", version=version, text=text)))


def change_text(client, path, text, version):
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri(path), version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


@pytest.mark.asyncio(loop_scope="function")
async def test_a_wrong_id_its_hint_the_code_action_and_the_diagnostic_cleared(client: LanguageClient):
    text = CLAIMS.read_text()
    wrong = text.replace("accused: rus", "accused: russa", 1)
    open_text(client, CLAIMS, wrong)
    found = await diagnostics_for(client, CLAIMS, lambda ds: any(d.code == "unknown-reference" for d in ds))
    d = next(d for d in found if d.code == "unknown-reference")
    assert "did you mean `rus`?" in d.message
    assert d.range.start == position_of(wrong, "russa")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(CLAIMS)),
        range=d.range,
        context=types.CodeActionContext(diagnostics=[d])))
    fix = next(a for a in actions if a.title == "Replace with `rus`")
    (edit,) = fix.edit.changes[uri(CLAIMS)]
    # Apply it as the editor does, and send the new text.
    lines = wrong.split("\n")
    line = lines[edit.range.start.line]
    lines[edit.range.start.line] = line[:edit.range.start.character] + edit.new_text + line[edit.range.end.character:]
    change_text(client, CLAIMS, "\n".join(lines), 2)
    await diagnostics_for(client, CLAIMS, lambda ds: all(d.code != "unknown-reference" for d in ds))
    assert CLAIMS.read_text() == text, "the server wrote nothing"


@pytest.mark.asyncio(loop_scope="function")
async def test_an_id_completes_by_the_kind_the_field_expects(client: LanguageClient):
    text = CLAIMS.read_text().replace("accused: rus", "accused: r", 1)
    open_text(client, CLAIMS, text)
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(CLAIMS)),
        position=position_of(text, "accused: r", after=len("accused: r"))))
    labels = [item.label for item in (result.items if hasattr(result, "items") else result)]
    assert "rus" in labels, labels
    assert "sergey-lavrov" not in labels and "usa" not in labels, labels


@pytest.mark.asyncio(loop_scope="function")
async def test_hover_on_a_diagnostic_explains_its_rule(client: LanguageClient):
    wrong = CLAIMS.read_text().replace("accused: rus", "accused: russa", 1)
    open_text(client, CLAIMS, wrong)
    await diagnostics_for(client, CLAIMS, lambda ds: any(d.code == "unknown-reference" for d in ds))
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(CLAIMS)),
        position=position_of(wrong, "russa", after=1)))
    assert "unknown-reference" in hover.contents.value
    assert "## What it checks" in hover.contents.value


@pytest.mark.asyncio(loop_scope="function")
async def test_a_source_removed_in_its_file_changes_the_diagnostics_of_a_claim_file(client: LanguageClient):
    text = SOURCES.read_text()
    open_text(client, SOURCES, text)
    change_text(client, SOURCES, text[: text.index("- id: nato-2018-12-04")], 2)
    found = await diagnostics_for(
        client, CLAIMS,
        lambda ds: any(d.code == "unknown-reference" and "nato-2018-12-04" in d.message for d in ds))
    assert found
